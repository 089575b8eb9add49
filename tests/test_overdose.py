"""Overdose response and the right help (issue 12), on SQLite and PostgreSQL: naloxone doses,
why a new kit and the reported outcome, training sessions, referrals, staff drills and
first-time visitors; every figure as the tally (X/Z-report, export) counts it."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from frontdesk.db.models import HandOut, Visit
from frontdesk.errors import BadInput, DayClosed, NotAllowed, NotFound
from frontdesk.services import dayclose, overdose, staff, supplies, tally, visits
from frontdesk.services.actor import Actor
from frontdesk.services.settings import set_setting
from tests.conftest import mark_day_closed

# 11:00 in Oslo on a Monday: business date 2026-11-16.
NOON = dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 16)


@pytest.fixture
def frozen():
    with freeze_time(NOON) as frozen:
        yield frozen


@pytest.fixture
def stocked(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "NALOX", 20)
    supplies.record_delivery(lead, "FOLIE", 100)
    visits.register_visitor(lead, "AB85")


def day(centre_id: int, when: dt.date = DAY) -> tally.DayTally:
    return tally.compute_day(centre_id, when)


def naloxone(actor: Actor, kits: int = 1, **details: object) -> supplies.HandOutInfo:
    return supplies.hand_out(
        actor,
        {"NALOX": kits},
        naloxone_recipient="relative",
        naloxone_trained=True,
        **details,  # type: ignore[arg-type]
    )


# -- 1. kits and doses ---------------------------------------------------------------


def test_a_naloxone_kit_holds_two_doses_and_the_tally_counts_both(
    desk: Actor, stocked: None
) -> None:
    assert supplies.get_item(desk.centre_id, "NALOX").doses_per_unit == 2
    assert supplies.get_item(desk.centre_id, "FOLIE").doses_per_unit == 1
    naloxone(desk, 3)
    supplies.hand_out(desk, {"FOLIE": 5})
    t = day(desk.centre_id)
    assert (t.get("naloxone.kits"), t.get("naloxone.doses")) == (3, 6)


def test_doses_per_unit_is_a_catalogue_field(lead: Actor, frozen) -> None:
    supplies.add_item(lead, "NALOX4", "Nalokson 4", "Naloxone 4", kind="naloxone")
    assert supplies.get_item(lead.centre_id, "NALOX4").doses_per_unit == 2
    supplies.update_item(lead, "NALOX4", doses_per_unit=4)
    supplies.record_delivery(lead, "NALOX4", 5)
    supplies.hand_out(lead, {"NALOX4": 2}, naloxone_recipient="user", naloxone_trained=False)
    assert day(lead.centre_id).get("naloxone.doses") == 8
    with pytest.raises(BadInput, match="doses per unit must be from 1 to 100"):
        supplies.update_item(lead, "NALOX4", doses_per_unit=0)


# -- 2. why a new kit, the reported outcome and the EMS call ---------------------------


def test_a_naloxone_hand_out_defaults_to_a_first_kit(desk: Actor, stocked: None) -> None:
    info = naloxone(desk, 2)
    assert (info.naloxone_reason, info.naloxone_outcome, info.naloxone_ems) == (
        "first_kit",
        None,
        None,
    )
    t = day(desk.centre_id)
    assert t.get("naloxone.first_kit") == 2
    assert t.get("naloxone.reason.first_kit") == 1
    assert t.get("naloxone.reported_uses") == 0


def test_a_died_outcome_and_an_ems_call_are_counted(desk: Actor, stocked: None) -> None:
    naloxone(desk, naloxone_reason="used_other", naloxone_outcome="died", naloxone_ems="yes")
    naloxone(desk, naloxone_reason="used_self", naloxone_outcome="alive", naloxone_ems="no")
    naloxone(desk, naloxone_reason="used_other")  # outcome and EMS: don't know
    naloxone(desk, naloxone_reason="lost")
    t = day(desk.centre_id)
    assert t.get("naloxone.reported_uses") == 3
    assert t.get("naloxone.reported_died") == 1
    assert t.get("naloxone.reported_alive") == 1
    assert t.get("naloxone.ems_called") == 1
    assert t.get("naloxone.reason.used_other") == 2
    assert t.get("naloxone.reason.used_self") == 1
    assert t.get("naloxone.reason.lost") == 1
    assert t.get("naloxone.first_kit") == 0
    stored = HandOut.select().where(HandOut.naloxone_reason == "used_other").order_by(HandOut.id)
    assert [(h.naloxone_outcome, h.naloxone_ems) for h in stored] == [
        ("died", "yes"),
        ("unknown", "unknown"),
    ]


def test_reasons_only_on_naloxone_items(desk: Actor, stocked: None) -> None:
    for details in (
        {"naloxone_reason": "first_kit"},
        {"naloxone_outcome": "alive"},
        {"naloxone_ems": "yes"},
    ):
        with pytest.raises(BadInput, match="only when naloxone is handed out"):
            supplies.hand_out(desk, {"FOLIE": 1}, **details)  # type: ignore[arg-type]
    assert HandOut.select().count() == 0


def test_an_outcome_needs_a_reported_use_and_words_from_the_list(
    desk: Actor, stocked: None
) -> None:
    with pytest.raises(BadInput, match="only after a reported use"):
        naloxone(desk, naloxone_reason="lost", naloxone_outcome="alive")
    with pytest.raises(BadInput, match="Why a new naloxone kit is one of"):
        naloxone(desk, naloxone_reason="sold")
    with pytest.raises(BadInput, match="alive, died or unknown"):
        naloxone(desk, naloxone_reason="used_other", naloxone_outcome="maybe")
    with pytest.raises(BadInput, match="yes, no or unknown"):
        naloxone(desk, naloxone_reason="used_other", naloxone_ems="perhaps")
    assert HandOut.select().count() == 0


def test_a_voided_hand_out_takes_its_reason_and_outcome_out_of_every_count(
    desk: Actor, stocked: None
) -> None:
    kept = naloxone(desk, naloxone_reason="used_other", naloxone_outcome="alive")
    voided = naloxone(
        desk, 2, naloxone_reason="used_self", naloxone_outcome="died", naloxone_ems="yes"
    )
    first = naloxone(desk)
    supplies.void_hand_out(desk, voided.id, "typed twice")
    supplies.void_hand_out(desk, first.id, "wrong person")
    t = day(desk.centre_id)
    assert kept.naloxone_reason == "used_other"
    assert t.get("naloxone.kits") == 1
    assert t.get("naloxone.doses") == 2
    assert t.get("naloxone.reported_uses") == 1
    assert t.get("naloxone.reported_alive") == 1
    assert t.get("naloxone.reported_died") == 0
    assert t.get("naloxone.ems_called") == 0
    assert t.get("naloxone.reason.used_self") == 0
    assert t.get("naloxone.first_kit") == 0
    assert t.get("naloxone.reason.first_kit") == 0


# -- 3. training sessions ---------------------------------------------------------------


def test_a_cpr_session_of_six_and_a_naloxone_session_are_counted(desk: Actor, frozen) -> None:
    overdose.record_training(desk, "cpr", 6)
    overdose.record_training(desk, "naloxone", "4")
    visit = visits.check_in(desk)
    overdose.record_training(desk, "cpr", visit_id=visit.id)  # "trained in CPR today"
    t = day(desk.centre_id)
    assert (t.get("cpr.trained"), t.get("naloxone.trained_sessions")) == (7, 4)
    assert t.get("naloxone.trained") == 0  # hand-outs with training: a separate figure


@pytest.mark.parametrize("people", [0, -3, 201, 10_000, "6.5", True, None, "x"])
def test_training_counts_cannot_be_negative_or_absurd(desk: Actor, frozen, people) -> None:
    with pytest.raises(BadInput, match="whole number from 1 to 200"):
        overdose.record_training(desk, "cpr", people)
    assert day(desk.centre_id).get("cpr.trained") == 0


def test_training_refuses_unknown_kinds_visits_and_closed_days(desk: Actor, frozen) -> None:
    with pytest.raises(BadInput, match="cpr, naloxone"):
        overdose.record_training(desk, "yoga", 3)
    with pytest.raises(NotFound):
        overdose.record_training(desk, "cpr", visit_id=999)
    visit = visits.check_in(desk)
    with pytest.raises(BadInput, match="that one person"):
        overdose.record_training(desk, "cpr", 3, visit_id=visit.id)
    mark_day_closed(desk.centre_id, DAY)
    with pytest.raises(DayClosed):
        overdose.record_training(desk, "cpr", 3)


def test_a_voided_session_counts_nowhere(desk: Actor, frozen) -> None:
    session = overdose.record_training(desk, "cpr", 6)
    overdose.void_training(desk, session.id, "wrong day")
    assert day(desk.centre_id).get("cpr.trained") == 0
    [listed] = overdose.trainings_on(desk.centre_id)
    assert listed.voided and listed.void_reason == "wrong day"
    with pytest.raises(BadInput, match="already voided"):
        overdose.void_training(desk, session.id, "again")


# -- 5. referrals ---------------------------------------------------------------------


def test_referrals_are_counted_per_kind_per_day(desk: Actor, frozen) -> None:
    visit = visits.check_in(desk)
    overdose.record_referral(desk, "lar", visit_id=visit.id)
    overdose.record_referral(desk, "lar")
    overdose.record_referral(desk, "health_room")
    voided = overdose.record_referral(desk, "nav")
    overdose.void_referral(desk, voided.id, "mistake")
    t = day(desk.centre_id)
    assert {k: t.get(f"referrals.{k}") for k in ("lar", "health_room", "nav", "detox")} == {
        "lar": 2,
        "health_room": 1,
        "nav": 0,
        "detox": 0,
    }
    with freeze_time(NOON + dt.timedelta(days=1)):
        assert day(desk.centre_id, DAY + dt.timedelta(days=1)).get("referrals.lar") == 0


def test_referrals_refuse_unknown_kinds_and_voided_visits(desk: Actor, frozen) -> None:
    with pytest.raises(BadInput, match="lar, detox, health_room"):
        overdose.record_referral(desk, "church")
    visit = visits.check_in(desk)
    visits.void_visit(desk, visit.id, "mistake")
    with pytest.raises(BadInput, match="voided"):
        overdose.record_referral(desk, "lar", visit_id=visit.id)


# -- 6. first-time visitors --------------------------------------------------------------


def test_a_codes_first_visit_counts_as_new_and_its_next_day_does_not(lead: Actor, frozen) -> None:
    visits.register_visitor(lead, "AB85")
    visits.register_visitor(lead, "CD90")
    visits.check_in(lead, "AB85")
    visits.check_in(lead, "AB85")  # twice the same day: one new visitor
    assert day(lead.centre_id).get("visitors.new") == 1
    frozen.tick(dt.timedelta(days=1))
    visits.check_in(lead, "AB85")
    visits.check_in(lead, "CD90")
    assert day(lead.centre_id, DAY + dt.timedelta(days=1)).get("visitors.new") == 1


def test_a_voided_first_visit_does_not_make_a_code_known(lead: Actor, frozen) -> None:
    visits.register_visitor(lead, "AB85")
    first = visits.check_in(lead, "AB85")
    visits.void_visit(lead, first.id, "wrong code")
    assert day(lead.centre_id).get("visitors.new") == 0
    frozen.tick(dt.timedelta(days=1))
    visits.check_in(lead, "AB85")
    assert day(lead.centre_id, DAY + dt.timedelta(days=1)).get("visitors.new") == 1


def test_an_anonymous_visit_marked_first_time_counts_as_new(desk: Actor, frozen) -> None:
    visits.check_in(desk, first_time=True)
    visits.check_in(desk)
    voided = visits.check_in(desk, gender="f", first_time=True)
    visits.void_visit(desk, voided.id, "typo")
    assert day(desk.centre_id).get("visitors.new") == 1
    assert Visit.select().where(Visit.first_time == True).count() == 2  # noqa: E712


def test_first_time_is_refused_with_a_code(lead: Actor, frozen) -> None:
    visits.register_visitor(lead, "AB85")
    with pytest.raises(BadInput, match="counts as new by itself"):
        visits.check_in(lead, "AB85", first_time=True)


# -- 4. staff drills -----------------------------------------------------------------


def test_drill_warnings_appear_and_clear_on_the_right_day(lead: Actor, desk: Actor) -> None:
    with freeze_time(NOON):
        assert overdose.overdue_drills(lead.centre_id) == ["AB", "CD"]  # never drilled
        overdose.record_drill(lead, "AB", "cpr")
        overdose.record_drill(lead, "CD", "cpr", DAY - dt.timedelta(days=100))
        overdose.record_drill(lead, "CD", "naloxone", DAY - dt.timedelta(days=400))
        assert overdose.overdue_drills(lead.centre_id) == []
    # CD's drill was on day -100: still fine after 83 more days (183), due on the 84th.
    with freeze_time(NOON + dt.timedelta(days=83)):
        assert overdose.overdue_drills(lead.centre_id) == []
    with freeze_time(NOON + dt.timedelta(days=84)):
        assert overdose.overdue_drills(lead.centre_id) == ["CD"]
        overdose.record_drill(desk, "CD", "cpr")  # desk staff record their own
        assert overdose.overdue_drills(lead.centre_id) == []
    with freeze_time(NOON + dt.timedelta(days=84)):
        set_setting(lead, "drill_interval_days", "30")
        assert overdose.overdue_drills(lead.centre_id) == ["AB"]


def test_a_disabled_member_is_not_warned_about(lead: Actor, desk: Actor) -> None:
    with freeze_time(NOON):
        overdose.record_drill(lead, "AB", "cpr")
        staff.disable_staff(lead, "CD")
        assert overdose.overdue_drills(lead.centre_id) == []
        [ab, cd] = overdose.staff_drills(lead.centre_id)
        assert (ab.last["cpr"], ab.last["naloxone"], cd.cpr_due) == (DAY, None, False)


def test_drills_are_checked_and_a_voided_drill_counts_nowhere(lead: Actor, desk: Actor) -> None:
    with freeze_time(NOON):
        with pytest.raises(NotAllowed):
            overdose.record_drill(desk, "AB", "cpr")
        with pytest.raises(NotFound, match="initials ZZ"):
            overdose.record_drill(lead, "ZZ", "cpr")
        with pytest.raises(BadInput, match="cpr, naloxone"):
            overdose.record_drill(lead, "AB", "swim")
        with pytest.raises(BadInput, match="after today"):
            overdose.record_drill(lead, "AB", "cpr", DAY + dt.timedelta(days=1))
        drill = overdose.record_drill(lead, "ab", "cpr")
        assert overdose.overdue_drills(lead.centre_id) == ["CD"]
        with pytest.raises(NotAllowed):
            overdose.void_drill(desk, drill.id, "mistake")
        overdose.void_drill(lead, drill.id, "mistake")
        assert overdose.overdue_drills(lead.centre_id) == ["AB", "CD"]
        assert overdose.drills(lead.centre_id, "AB")[0].voided


# -- 7. versioned tally ------------------------------------------------------------------


def test_a_z_report_stores_the_new_metrics(lead: Actor, stocked: None) -> None:
    naloxone(lead, naloxone_reason="used_other", naloxone_outcome="alive", naloxone_ems="yes")
    overdose.record_training(lead, "cpr", 6)
    overdose.record_referral(lead, "lar")
    visits.check_in(lead, first_time=True)
    z = dayclose.close_day(lead, 0)
    stored = z.tally
    assert stored.version >= 2
    assert {
        k: stored.get(k)
        for k in (
            "naloxone.reported_alive",
            "naloxone.ems_called",
            "cpr.trained",
            "referrals.lar",
            "visitors.new",
        )
    } == {
        "naloxone.reported_alive": 1,
        "naloxone.ems_called": 1,
        "cpr.trained": 6,
        "referrals.lar": 1,
        "visitors.new": 1,
    }


def test_days_closed_before_this_change_export_the_new_columns_empty(
    backend: str, lead: Actor
) -> None:
    import csv
    import io

    from tests.test_export_versions import export, seed, store_as_version_1

    seed(lead)  # 2026-03-02 closed, 2026-03-03 open
    store_as_version_1(dt.date(2026, 3, 2))  # as closed by the code before issue 12
    rows = list(csv.DictReader(io.StringIO(export(backend, "--include-open").stdout)))
    new = [m.column for m in tally.METRICS if m.since >= 2]
    assert len(new) == 23
    assert [r["status"] for r in rows[:2]] == ["closed", "open"]
    assert {rows[0][c] for c in new} == {""}  # unknown, never a made-up 0
    assert {rows[1][c] for c in new} == {"0"}  # counted by today's code
    assert rows[0]["naloxone_kits"] == "1"


def test_a_visitors_records_show_the_help_and_the_naloxone_reason_given_under_the_code(
    lead: Actor, stocked: None
) -> None:
    from frontdesk.services import rights

    visit = visits.check_in(lead, "AB85")
    overdose.record_referral(lead, "lar", visit_id=visit.id)
    overdose.record_training(lead, "cpr", visit_id=visit.id)
    overdose.record_referral(lead, "nav")  # anonymous: not the visitor's
    supplies.hand_out(
        lead,
        {"NALOX": 1},
        visit_id=visit.id,
        naloxone_recipient="user",
        naloxone_trained=True,
        naloxone_reason="used_self",
        naloxone_outcome="alive",
    )
    shown = rights.visitor_records(lead, "AB85")
    assert [(h.what, h.kind) for h in shown.help] == [("referral", "lar"), ("training", "cpr")]
    [hand_out] = shown.hand_outs
    assert (hand_out.naloxone_reason, hand_out.naloxone_outcome) == ("used_self", "alive")
    assert shown.counts()["help"] == 2
    before = day(lead.centre_id)
    rights.erase_visitor(lead, "AB85", "asked to be forgotten")
    after = day(lead.centre_id)
    assert after.get("referrals.lar") == before.get("referrals.lar") == 1  # tallies unchanged
    assert after.get("cpr.trained") == 1
