"""Check-ins, visitor codes, finding and voiding visits — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from freezegun import freeze_time

from frontdesk import db
from frontdesk.db.models import AuditEvent, Visit, Visitor
from frontdesk.errors import BadInput, DayClosed, NotFound
from frontdesk.services import visits
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.days import today
from frontdesk.services.visits import (
    check_in,
    count_visits,
    find_visitors,
    get_visitor,
    register_visitor,
    update_visitor,
    visits_on,
    void_visit,
)
from tests.conftest import mark_day_closed

# 10:15 in Oslo (CET, UTC+1) on a Monday.
MORNING = dt.datetime(2026, 3, 2, 9, 15, tzinfo=dt.UTC)


def audit_actions(action: str) -> list[dict]:
    rows = AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id)
    return [json.loads(r.detail) for r in rows]


# -- check-in ------------------------------------------------------------------


def test_anonymous_check_in_is_one_call(desk: Actor) -> None:
    with freeze_time(MORNING):
        visit = check_in(desk)
    assert (visit.visitor_code, visit.gender, visit.staff_initials) == (None, "u", "CD")
    assert visit.business_date == dt.date(2026, 3, 2)
    assert visit.at == MORNING and not visit.voided
    row = Visit.get_by_id(visit.id)
    assert row.visitor_id is None and row.gender == "u" and row.staff_id == desk.staff_id
    assert (row.business_date, row.local_hour) == (dt.date(2026, 3, 2), 10)
    assert audit_actions("visits.check_in") == [{"anonymous": True}]


@pytest.mark.parametrize("gender", ["f", "m", "x", "u", "F", " m "])
def test_anonymous_check_in_takes_a_gender(desk: Actor, gender: str) -> None:
    visit = check_in(desk, gender=gender)
    assert visit.gender == gender.strip().lower()
    assert Visit.get_by_id(visit.id).gender == gender.strip().lower()


@pytest.mark.parametrize("gender", ["k", "female", "1"])
def test_a_bad_gender_is_refused(desk: Actor, gender: str) -> None:
    with pytest.raises(BadInput, match="Gender is f, m, x or u") as err:
        check_in(desk, gender=gender)
    assert err.value.nb and "Kjønn" in err.value.nb
    assert Visit.select().count() == 0


@pytest.mark.parametrize("code", ["", "   "])
def test_a_blank_code_is_an_anonymous_visit(desk: Actor, code: str) -> None:
    visit = check_in(desk, code)
    assert visit.visitor_code is None
    assert Visit.get_by_id(visit.id).visitor_id is None


def test_check_in_by_code_any_case_takes_the_visitors_gender(desk: Actor) -> None:
    visitor = register_visitor(desk, "AB85", gender="f", birth_year=1985)
    visit = check_in(desk, "ab85", gender="m")
    assert (visit.visitor_code, visit.gender) == ("AB85", "f")
    row = Visit.get_by_id(visit.id)
    assert (row.visitor_id, row.gender) == (visitor.id, "f")
    assert audit_actions("visits.check_in") == [{"anonymous": False}]


def test_an_unknown_code_is_refused_with_a_sentence_in_both_languages(desk: Actor) -> None:
    with pytest.raises(NotFound) as err:
        check_in(desk, "ab85")
    assert str(err.value) == "Unknown visitor code AB85."
    assert err.value.text("nb") == "Ukjent besøkskode AB85."
    assert Visit.select().count() == 0


def test_check_in_refuses_a_closed_day(desk: Actor) -> None:
    with freeze_time(MORNING):
        mark_day_closed(desk.centre_id, dt.date(2026, 3, 2))
        with pytest.raises(DayClosed, match="2026-03-02 is closed"):
            check_in(desk)
    assert Visit.select().count() == 0


@pytest.mark.parametrize(
    ("utc", "business_date", "local_hour"),
    [
        # 02:30 in Oslo in winter (UTC+1): still the evening before.
        (dt.datetime(2026, 3, 3, 1, 30, tzinfo=dt.UTC), dt.date(2026, 3, 2), 2),
        # 02:30 in Oslo in summer (UTC+2).
        (dt.datetime(2026, 7, 1, 0, 30, tzinfo=dt.UTC), dt.date(2026, 6, 30), 2),
        # 04:00 in Oslo: the new business day has begun.
        (dt.datetime(2026, 3, 3, 3, 0, tzinfo=dt.UTC), dt.date(2026, 3, 3), 4),
    ],
)
def test_a_check_in_after_midnight_belongs_to_the_day_it_started(
    desk: Actor, utc: dt.datetime, business_date: dt.date, local_hour: int
) -> None:
    with freeze_time(utc):
        visit = check_in(desk)
        assert count_visits(desk.centre_id) == 1
    assert visit.business_date == business_date
    row = Visit.get_by_id(visit.id)
    assert (row.business_date, row.local_hour) == (business_date, local_hour)
    assert count_visits(desk.centre_id, business_date) == 1


# -- visitor codes -------------------------------------------------------------


def test_register_stores_the_code_upper_case(desk: Actor) -> None:
    info = register_visitor(
        desk, " ab85 ", gender="M", birth_year=1985, dagsverket=True, vendor_number=17
    )
    assert (info.code, info.gender, info.birth_year, info.dagsverket, info.vendor_number) == (
        "AB85",
        "m",
        1985,
        True,
        17,
    )
    row = Visitor.get_by_id(info.id)
    assert (row.code, row.gender, row.birth_year, row.dagsverket, row.vendor_number) == (
        "AB85",
        "m",
        1985,
        True,
        17,
    )
    assert get_visitor(desk.centre_id, "Ab85") == info
    assert audit_actions("visits.register_visitor") == [{"dagsverket": True, "vendor": True}]


def test_a_new_visitor_is_unknown_gender_by_default(desk: Actor) -> None:
    info = register_visitor(desk, "XY")
    assert (info.gender, info.birth_year, info.dagsverket, info.vendor_number) == (
        "u",
        None,
        False,
        None,
    )


def test_norwegian_letters_are_allowed_in_codes(desk: Actor) -> None:
    assert register_visitor(desk, "øya85").code == "ØYA85"
    assert register_visitor(desk, "ÆÅ").code == "ÆÅ"
    assert check_in(desk, "Øya85").visitor_code == "ØYA85"


@pytest.mark.parametrize("code", ["Anne Berg", "AB 85", "AB\t85"])
def test_a_code_with_a_space_is_refused_as_a_name(desk: Actor, code: str) -> None:
    with pytest.raises(BadInput) as err:
        register_visitor(desk, code)
    assert str(err.value) == "A visitor code is a pseudonym, not a name: no spaces."
    assert err.value.text("nb") == "Besøkskoden er et pseudonym, ikke et navn: ingen mellomrom."
    assert Visitor.select().count() == 0


@pytest.mark.parametrize("code", ["", "A", "ABCDEFGHIJKLM", "AB-85", "AB_85", "AB%", "é1"])
def test_a_code_must_be_2_to_12_letters_or_digits(desk: Actor, code: str) -> None:
    with pytest.raises(BadInput, match="2 to 12 letters or digits"):
        register_visitor(desk, code)
    assert Visitor.select().count() == 0


def test_a_code_is_unique_per_centre_whatever_the_case(desk: Actor) -> None:
    register_visitor(desk, "AB85")
    with pytest.raises(BadInput, match="The visitor code AB85 is already registered") as err:
        register_visitor(desk, "ab85")
    assert err.value.nb == "Besøkskoden AB85 er allerede registrert."
    assert Visitor.select().count() == 1
    other, member = init_centre("NES", "Nesttun", "EF", "5555")
    elsewhere = register_visitor(Actor(other.id, member.id, "EF", "lead"), "ab85")
    assert elsewhere.code == "AB85" and Visitor.select().count() == 2
    assert (
        get_visitor(other.id, "AB85").id == elsewhere.id != get_visitor(desk.centre_id, "AB85").id
    )


def test_birth_year_must_be_plausible(desk: Actor) -> None:
    this_year = dt.datetime.now(dt.UTC).year
    assert register_visitor(desk, "A1", birth_year=1920).birth_year == 1920
    assert register_visitor(desk, "A2", birth_year=this_year).birth_year == this_year
    assert register_visitor(desk, "A3", birth_year=None).birth_year is None
    for year in (1919, this_year + 1, 85, "nineteen"):
        with pytest.raises(BadInput, match="birth year") as err:
            register_visitor(desk, "A4", birth_year=year)
        assert err.value.nb and "Fødselsår" in err.value.nb
    assert Visitor.select().count() == 3


def test_a_visitor_gender_must_be_f_m_x_or_u(desk: Actor) -> None:
    with pytest.raises(BadInput, match="Gender is f, m, x or u"):
        register_visitor(desk, "AB85", gender="q")
    assert Visitor.select().count() == 0


@pytest.mark.parametrize("number", [0, -3, True, "abc", 10**7])
def test_a_vendor_number_is_a_positive_whole_number(desk: Actor, number: object) -> None:
    with pytest.raises(BadInput, match="vendor number") as err:
        register_visitor(desk, "AB85", vendor_number=number)  # type: ignore[arg-type]
    assert err.value.nb and "elgernummer" in err.value.nb
    assert Visitor.select().count() == 0


def test_a_vendor_number_is_unique_per_centre(desk: Actor) -> None:
    register_visitor(desk, "AB85", vendor_number=42)
    with pytest.raises(BadInput) as err:
        register_visitor(desk, "CD90", vendor_number=42)
    assert str(err.value) == "Vendor number 42 already belongs to AB85."
    assert err.value.nb == "Selgernummer 42 tilhører allerede AB85."
    assert Visitor.select().count() == 1


def test_update_visitor_changes_the_same_fields_under_the_same_rules(desk: Actor) -> None:
    register_visitor(desk, "AB85")
    register_visitor(desk, "CD90", vendor_number=7)
    info = update_visitor(
        desk, "ab85", gender="x", birth_year="1985", dagsverket=True, vendor_number=8
    )
    assert (info.gender, info.birth_year, info.dagsverket, info.vendor_number) == (
        "x",
        1985,
        True,
        8,
    )
    row = Visitor.get_by_id(info.id)
    assert (row.gender, row.birth_year, row.dagsverket, row.vendor_number) == ("x", 1985, True, 8)
    assert audit_actions("visits.update_visitor") == [
        {"fields": ["birth_year", "dagsverket", "gender", "vendor_number"]}
    ]
    with pytest.raises(BadInput, match="Vendor number 7 already belongs to CD90"):
        update_visitor(desk, "AB85", vendor_number=7)
    with pytest.raises(BadInput, match="pseudonym, not a name"):
        update_visitor(desk, "AB85", new_code="AB 86")
    with pytest.raises(BadInput, match="The visitor code CD90 is already registered"):
        update_visitor(desk, "AB85", new_code="cd90")
    with pytest.raises(BadInput, match="birth year"):
        update_visitor(desk, "AB85", birth_year=1800)
    with pytest.raises(BadInput, match="no field called 'name'"):
        update_visitor(desk, "AB85", name="Anne")
    with pytest.raises(NotFound, match="Unknown visitor code ZZ1"):
        update_visitor(desk, "zz1", gender="f")
    # Its own vendor number is not "taken"; a new code renames it; None clears.
    assert update_visitor(desk, "AB85", vendor_number=8, new_code="ab86").code == "AB86"
    assert update_visitor(desk, "AB86", vendor_number=None, birth_year=None).vendor_number is None
    row = Visitor.get_by_id(info.id)
    assert (row.code, row.vendor_number, row.birth_year) == ("AB86", None, None)


def test_get_visitor_refuses_an_unknown_code(desk: Actor) -> None:
    with pytest.raises(NotFound, match="Unknown visitor code QQ9"):
        get_visitor(desk.centre_id, "qq9")


# -- finding -------------------------------------------------------------------


def _register_many(centre_id: int, codes: list[str]) -> None:
    Visitor.insert_many([{"centre": centre_id, "code": c} for c in codes]).execute()


def test_find_visitors_matches_a_prefix_in_any_case_ordered_by_code(desk: Actor) -> None:
    for code in ("AC1", "AB90", "ab85", "B1", "ØA1", "ABC"):
        register_visitor(desk, code)
    assert [v.code for v in find_visitors(desk.centre_id, "ab")] == ["AB85", "AB90", "ABC"]
    assert [v.code for v in find_visitors(desk.centre_id, " A ")] == ["AB85", "AB90", "ABC", "AC1"]
    assert [v.code for v in find_visitors(desk.centre_id, "a", limit=2)] == ["AB85", "AB90"]
    assert [v.code for v in find_visitors(desk.centre_id, "ø")] == ["ØA1"]
    assert [v.code for v in find_visitors(desk.centre_id, "AB85")] == ["AB85"]
    assert find_visitors(desk.centre_id, "AB851") == []
    assert find_visitors(desk.centre_id, "Z") == []
    assert len(find_visitors(desk.centre_id, "")) == 6


@pytest.mark.parametrize("prefix", ["%", "_", "A%", "A_", "AB 8", "!"])
def test_find_visitors_takes_wildcards_literally(desk: Actor, prefix: str) -> None:
    for code in ("AB85", "AC1"):
        register_visitor(desk, code)
    assert find_visitors(desk.centre_id, prefix) == []


def test_find_visitors_keeps_to_its_centre(desk: Actor) -> None:
    register_visitor(desk, "AB85")
    other, member = init_centre("NES", "Nesttun", "EF", "5555")
    register_visitor(Actor(other.id, member.id, "EF", "lead"), "AB99")
    assert [v.code for v in find_visitors(desk.centre_id, "AB")] == ["AB85"]
    assert [v.code for v in find_visitors(other.id, "AB")] == ["AB99"]


def test_find_visitors_among_10000_reads_the_code_index(desk: Actor) -> None:
    codes = [f"V{i:05d}" for i in range(10_000)]
    _register_many(desk.centre_id, codes)
    found = find_visitors(desk.centre_id, "v0012")
    assert [v.code for v in found] == [f"V0012{i}" for i in range(8)]
    assert len(find_visitors(desk.centre_id, "V0012", limit=20)) == 10
    # The query is served by the (centre, code) index, not a table scan.
    query = visits._find_query(desk.centre_id, "V0012", 8)
    sql, params = query.sql()
    database = db.database.obj
    if db.is_postgres():
        database.execute_sql('ANALYZE "visitor"')
        plan = " ".join(r[0] for r in database.execute_sql("EXPLAIN " + sql, params))
        assert "visitor_centre_id_code" in plan and "Seq Scan" not in plan
    else:
        plan = " ".join(r[-1] for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
        assert "USING INDEX visitor_centre_id_code" in plan and "code>?" in plan


# -- voiding and listing ---------------------------------------------------------


def test_void_visit_keeps_it_listed_but_not_counted(desk: Actor) -> None:
    register_visitor(desk, "AB85")
    kept = check_in(desk)
    wrong = check_in(desk, "AB85")
    assert count_visits(desk.centre_id) == 2
    voided = void_visit(desk, wrong.id, "  wrong button  ")
    assert (voided.voided, voided.void_reason, voided.visitor_code) == (
        True,
        "wrong button",
        "AB85",
    )
    row = Visit.get_by_id(wrong.id)
    assert row.voided_at is not None and row.voided_by_id == desk.staff_id
    assert row.void_reason == "wrong button"
    assert count_visits(desk.centre_id) == 1
    listed = visits_on(desk.centre_id)
    assert [(v.id, v.voided) for v in listed] == [(wrong.id, True), (kept.id, False)]
    assert listed[0].void_reason == "wrong button" and listed[0].staff_initials == "CD"
    assert audit_actions("visits.void") == [{"reason": "wrong button"}]


@pytest.mark.parametrize("reason", ["", "   ", "x" * 201])
def test_void_needs_a_reason_of_1_to_200_characters(desk: Actor, reason: str) -> None:
    visit = check_in(desk)
    with pytest.raises(BadInput, match="Give a reason of 1 to 200 characters") as err:
        void_visit(desk, visit.id, reason)
    assert err.value.nb and "årsak" in err.value.nb
    assert Visit.get_by_id(visit.id).voided_at is None
    assert void_visit(desk, visit.id, "y" * 200).voided


def test_a_visit_cannot_be_voided_twice(desk: Actor) -> None:
    visit = check_in(desk)
    void_visit(desk, visit.id, "double")
    with pytest.raises(BadInput, match="already voided"):
        void_visit(desk, visit.id, "again")
    assert Visit.get_by_id(visit.id).void_reason == "double"
    assert len(audit_actions("visits.void")) == 1


def test_a_visit_of_a_closed_day_cannot_be_voided(desk: Actor) -> None:
    with freeze_time(MORNING):
        visit = check_in(desk)
    mark_day_closed(desk.centre_id, dt.date(2026, 3, 2))
    with pytest.raises(DayClosed, match="2026-03-02 is closed"):
        void_visit(desk, visit.id, "mistake")
    assert Visit.get_by_id(visit.id).voided_at is None


def test_void_refuses_an_unknown_visit_or_another_centres(desk: Actor) -> None:
    other, member = init_centre("NES", "Nesttun", "EF", "5555")
    theirs = check_in(Actor(other.id, member.id, "EF", "lead"))
    for visit_id in (theirs.id, 999_999):
        with pytest.raises(NotFound, match=f"There is no visit {visit_id}"):
            void_visit(desk, visit_id, "mistake")
    assert Visit.get_by_id(theirs.id).voided_at is None


def test_visits_on_lists_a_day_newest_first(lead: Actor, desk: Actor) -> None:
    with freeze_time(MORNING) as frozen:
        first = check_in(lead, gender="f")
        frozen.tick(dt.timedelta(minutes=1))
        second = check_in(desk)
        frozen.tick(dt.timedelta(days=1))
        third = check_in(desk)  # the next day
        assert [v.id for v in visits_on(desk.centre_id)] == [third.id]
    listed = visits_on(desk.centre_id, dt.date(2026, 3, 2))
    assert [(v.id, v.staff_initials, v.gender) for v in listed] == [
        (second.id, "CD", "u"),
        (first.id, "AB", "f"),
    ]
    assert [v.id for v in visits_on(desk.centre_id, dt.date(2026, 3, 2), limit=1)] == [second.id]
    assert count_visits(desk.centre_id, dt.date(2026, 3, 2)) == 2


def test_today_defaults_to_the_centres_business_date(desk: Actor) -> None:
    check_in(desk)
    assert visits_on(desk.centre_id)[0].business_date == today(desk.centre_id)
    assert count_visits(desk.centre_id) == 1


def test_day_counts_cover_the_whole_day_by_kind(lead: Actor) -> None:
    visits.register_visitor(lead, "AB85")
    for _ in range(3):
        visits.check_in(lead)
    coded = visits.check_in(lead, "AB85")
    visits.check_in(lead, "AB85")
    visits.void_visit(lead, coded.id, "wrong code")
    counts = visits.day_counts(lead.centre_id)
    assert (counts.total, counts.anonymous, counts.coded, counts.voided) == (4, 3, 1, 1)
    assert counts.total == visits.count_visits(lead.centre_id)


def test_a_second_check_in_today_says_when_the_first_was(desk: Actor) -> None:
    register_visitor(desk, "AB85")
    with freeze_time("2026-11-10 09:12:00"):
        first = visits.check_in(desk, "AB85")
    assert first.earlier_at is None
    with freeze_time("2026-11-10 10:05:00"):
        second = visits.check_in(desk, "ab85")  # still checked in: it counts
    assert second.earlier_at == first.at
    assert visits.day_counts(desk.centre_id, first.business_date).total == 2
    anonymous = visits.check_in(desk)
    assert anonymous.earlier_at is None
