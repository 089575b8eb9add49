"""The lunch roster, and a day's tally adding up — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from frontdesk.db.models import AuditEvent, LunchEntry
from frontdesk.errors import BadInput, DayClosed, NotFound
from frontdesk.services import lunch
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.staff import disable_staff
from frontdesk.services.tally import compute_day
from frontdesk.services.visits import check_in, register_visitor, void_visit
from tests.conftest import mark_day_closed
from tests.test_visits import MORNING, audit_actions

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def frozen():
    with freeze_time(MORNING) as frozen:
        yield frozen


def test_add_visitor_puts_a_code_on_todays_roster(desk: Actor, frozen) -> None:
    register_visitor(desk, "AB85")
    entry = lunch.add_visitor(desk, "ab85")
    assert (entry.group, entry.label, entry.portions, entry.served, entry.voided) == (
        "visitor",
        "AB85",
        1,
        False,
        False,
    )
    assert entry.source == "desk"
    row = LunchEntry.get_by_id(entry.id)
    assert (row.business_date, row.group, row.staff_id, row.voided_at) == (
        DAY,
        "visitor",
        desk.staff_id,
        None,
    )
    assert audit_actions("lunch.add") == [{"group": "visitor", "portions": 1}]


def test_a_dagsverket_participant_goes_in_the_dagsverket_group(desk: Actor, frozen) -> None:
    register_visitor(desk, "DV1", dagsverket=True)
    entry = lunch.add_visitor(desk, "DV1")
    assert (entry.group, entry.source) == ("dagsverket", "desk")
    assert LunchEntry.get_by_id(entry.id).group == "dagsverket"


def test_a_visitor_is_on_the_roster_once_a_day(desk: Actor, frozen) -> None:
    register_visitor(desk, "AB85")
    first = lunch.add_visitor(desk, "AB85")
    with pytest.raises(BadInput) as err:
        lunch.add_visitor(desk, "ab85")
    assert str(err.value) == "AB85 is already on today's lunch roster."
    assert err.value.nb == "AB85 står allerede på dagens lunsjliste."
    assert LunchEntry.select().count() == 1
    # Once removed, they can be put on again; the next day is a new roster.
    lunch.remove(desk, first.id, "wrong person")
    again = lunch.add_visitor(desk, "AB85")
    frozen.tick(dt.timedelta(days=1))
    tomorrow = lunch.add_visitor(desk, "AB85")
    assert LunchEntry.get_by_id(again.id).business_date == DAY
    assert LunchEntry.get_by_id(tomorrow.id).business_date == DAY + dt.timedelta(days=1)


def test_add_visitor_refuses_an_unknown_code(desk: Actor, frozen) -> None:
    with pytest.raises(NotFound, match="Unknown visitor code ZZ9"):
        lunch.add_visitor(desk, "zz9")
    assert LunchEntry.select().count() == 0


def test_add_staff_by_initials_once_a_day(lead: Actor, desk: Actor, frozen) -> None:
    entry = lunch.add_staff(desk, "ab")
    assert (entry.group, entry.label, entry.portions) == ("staff", "AB", 1)
    row = LunchEntry.get_by_id(entry.id)
    assert (row.staff_member_id, row.staff_id) == (lead.staff_id, desk.staff_id)
    with pytest.raises(BadInput, match="AB is already on today's lunch roster") as err:
        lunch.add_staff(desk, "AB")
    assert err.value.nb == "AB står allerede på dagens lunsjliste."
    with pytest.raises(NotFound, match="no staff member with the initials ZZ") as err:
        lunch.add_staff(desk, "zz")
    assert err.value.nb == "Det finnes ingen ansatt med initialene ZZ."
    with pytest.raises(BadInput, match="Initials are 2 to 4 letters"):
        lunch.add_staff(desk, "A1")
    assert LunchEntry.select().count() == 1


def test_guests_and_anonymous_portions_are_counts(desk: Actor, frozen) -> None:
    guests = lunch.add_guests(desk, 3)
    anonymous = lunch.add_anonymous(desk)
    assert (guests.group, guests.label, guests.portions) == ("guest", "", 3)
    assert (anonymous.group, anonymous.label, anonymous.portions) == ("visitor", "", 1)
    rows = {r.id: r for r in LunchEntry.select()}
    assert (rows[guests.id].portions, rows[guests.id].visitor_id) == (3, None)
    assert (rows[anonymous.id].group, rows[anonymous.id].visitor_id) == ("visitor", None)
    # Counts are not people: the same count can be added again.
    lunch.add_anonymous(desk, 2)
    assert lunch.roster(desk.centre_id).portions["visitor"] == 3


@pytest.mark.parametrize("portions", [0, -1, 201, True, "many"])
def test_portions_are_1_to_200(desk: Actor, portions: object, frozen) -> None:
    for add in (lunch.add_guests, lunch.add_anonymous):
        with pytest.raises(BadInput, match="Portions are a whole number from 1 to 200") as err:
            add(desk, portions)  # type: ignore[arg-type]
        assert err.value.nb == "Porsjoner er et heltall fra 1 til 200."
    assert LunchEntry.select().count() == 0
    assert lunch.add_guests(desk, 200).portions == 200


def test_mark_served_toggles(desk: Actor, frozen) -> None:
    entry = lunch.add_guests(desk, 2)
    served = lunch.mark_served(desk, entry.id)
    assert served.served and LunchEntry.get_by_id(entry.id).served_at == MORNING.replace(
        tzinfo=None
    )
    assert lunch.roster(desk.centre_id).served["guest"] == 2
    frozen.tick(dt.timedelta(minutes=5))
    # Served twice keeps the first time; served=False undoes it.
    lunch.mark_served(desk, entry.id, served=True)
    assert LunchEntry.get_by_id(entry.id).served_at == MORNING.replace(tzinfo=None)
    unserved = lunch.mark_served(desk, entry.id, served=False)
    assert not unserved.served and LunchEntry.get_by_id(entry.id).served_at is None
    assert lunch.roster(desk.centre_id).served["guest"] == 0
    assert [d["served"] for d in audit_actions("lunch.served")] == [True, True, False]


def test_mark_served_refuses_unknown_and_removed_entries(desk: Actor, frozen) -> None:
    with pytest.raises(NotFound, match="There is no lunch entry 999"):
        lunch.mark_served(desk, 999)
    entry = lunch.add_guests(desk)
    lunch.remove(desk, entry.id, "double")
    with pytest.raises(BadInput, match="has been removed"):
        lunch.mark_served(desk, entry.id)
    assert LunchEntry.get_by_id(entry.id).served_at is None


def test_remove_voids_with_a_reason(desk: Actor, frozen) -> None:
    register_visitor(desk, "AB85")
    entry = lunch.add_visitor(desk, "AB85")
    for reason in ("", "  ", "x" * 201):
        with pytest.raises(BadInput, match="Give a reason of 1 to 200 characters"):
            lunch.remove(desk, entry.id, reason)
    removed = lunch.remove(desk, entry.id, " left early ")
    assert (removed.voided, removed.label) == (True, "AB85")
    row = LunchEntry.get_by_id(entry.id)
    assert (row.void_reason, row.voided_by_id) == ("left early", desk.staff_id)
    assert row.voided_at is not None
    with pytest.raises(BadInput, match="already been removed"):
        lunch.remove(desk, entry.id, "again")
    assert audit_actions("lunch.remove") == [{"reason": "left early"}]


def test_another_centres_entry_is_not_found(desk: Actor, frozen) -> None:
    other, member = init_centre("NES", "Nesttun", "EF", "5555")
    theirs = lunch.add_guests(Actor(other.id, member.id, "EF", "lead"))
    with pytest.raises(NotFound):
        lunch.remove(desk, theirs.id, "not ours")
    with pytest.raises(NotFound):
        lunch.mark_served(desk, theirs.id)
    assert lunch.roster(desk.centre_id).entries == []


def test_the_roster_lists_entries_in_order_with_counts_per_group(
    lead: Actor, desk: Actor, frozen
) -> None:
    register_visitor(desk, "AB85")
    register_visitor(desk, "DV1", dagsverket=True)
    a = lunch.add_visitor(desk, "AB85")
    b = lunch.add_staff(desk, "CD")
    c = lunch.add_guests(desk, 4)
    d = lunch.add_visitor(desk, "DV1")
    e = lunch.add_anonymous(desk, 2)
    f = lunch.add_staff(desk, "AB")
    lunch.mark_served(desk, a.id)
    lunch.mark_served(desk, c.id)
    lunch.remove(desk, f.id, "went home")
    result = lunch.roster(desk.centre_id)
    assert result.business_date == DAY
    assert [(x.id, x.label, x.voided) for x in result.entries] == [
        (a.id, "AB85", False),
        (b.id, "CD", False),
        (c.id, "", False),
        (d.id, "DV1", False),
        (e.id, "", False),
        (f.id, "AB", True),
    ]
    assert result.portions == {"visitor": 3, "dagsverket": 1, "staff": 1, "guest": 4}
    assert result.served == {"visitor": 1, "dagsverket": 0, "staff": 0, "guest": 4}
    assert result.total == 9
    assert lunch.roster(desk.centre_id, DAY - dt.timedelta(days=1)).total == 0


def test_a_disabled_member_still_shows_on_the_days_roster(lead: Actor, desk: Actor, frozen) -> None:
    lunch.add_staff(lead, "CD")
    disable_staff(lead, "CD")
    assert [e.label for e in lunch.roster(lead.centre_id).entries] == ["CD"]


def test_a_closed_day_refuses_every_roster_change(desk: Actor, frozen) -> None:
    register_visitor(desk, "AB85")
    entry = lunch.add_guests(desk)
    mark_day_closed(desk.centre_id, DAY)
    for attempt in (
        lambda: lunch.add_visitor(desk, "AB85"),
        lambda: lunch.add_staff(desk, "CD"),
        lambda: lunch.add_guests(desk, 2),
        lambda: lunch.add_anonymous(desk, 2),
        lambda: lunch.mark_served(desk, entry.id),
        lambda: lunch.remove(desk, entry.id, "late"),
    ):
        with pytest.raises(DayClosed, match="2026-03-02 is closed"):
            attempt()
    row = LunchEntry.get_by_id(entry.id)
    assert (LunchEntry.select().count(), row.served_at, row.voided_at) == (1, None, None)
    assert AuditEvent.select().where(AuditEvent.action.startswith("lunch.")).count() == 1


# -- the day's tally adds up ---------------------------------------------------


def test_the_days_tally_is_the_sum_of_its_parts(lead: Actor, desk: Actor, frozen) -> None:
    register_visitor(desk, "AB85", gender="f")
    register_visitor(desk, "CD90", gender="m")
    register_visitor(desk, "DV1", gender="x", dagsverket=True)
    check_in(desk)  # u
    check_in(desk, gender="f")
    check_in(desk, gender="x")
    check_in(desk, "AB85")  # f
    check_in(desk, "ab85")  # f, same visitor again
    check_in(desk, "CD90")  # m
    check_in(desk, "DV1")  # x
    wrong = check_in(desk, gender="m")
    wrong_coded = check_in(lead, "CD90")
    void_visit(desk, wrong.id, "double")
    void_visit(desk, wrong_coded.id, "double")

    lunch.add_visitor(desk, "AB85")
    lunch.add_visitor(desk, "DV1")
    lunch.add_staff(desk, "AB")
    lunch.add_guests(desk, 3)
    lunch.add_anonymous(desk, 2)
    removed = lunch.add_guests(desk, 5)
    lunch.remove(desk, removed.id, "cancelled")

    # A visit on the next business day does not belong to this one.
    frozen.tick(dt.timedelta(days=1))
    check_in(desk, "AB85")

    t = compute_day(desk.centre_id, DAY)
    assert t.get("visits.total") == 7
    assert t.get("visits.total") == sum(t.get(f"visits.{g}") for g in "fmxu")
    assert [t.get(f"visits.{g}") for g in "fmxu"] == [3, 1, 2, 1]
    assert t.get("visits.anonymous") == 3
    assert t.get("visits.unique") == 3  # AB85, CD90, DV1
    assert sum(t.hours) == 7 and t.get("visits.hour.10") == 7
    assert t.get("lunch.total") == 8
    assert t.get("lunch.total") == sum(
        t.get(f"lunch.{g}") for g in ("visitor", "dagsverket", "staff", "guest")
    )
    assert [t.get(f"lunch.{g}") for g in ("visitor", "dagsverket", "staff", "guest")] == [
        3,
        1,
        1,
        3,
    ]
    # The roster the kitchen sees agrees with the tally.
    result = lunch.roster(desk.centre_id, DAY)
    assert result.total == t.get("lunch.total")
    assert all(result.portions[g] == t.get(f"lunch.{g}") for g in result.portions)
