"""Dagsverket attendance and its automatic lunch entries — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from frontdesk.db.models import DagsverketAttendance, LunchEntry
from frontdesk.errors import BadInput, DayClosed, NotFound
from frontdesk.services import dagsverket, lunch
from frontdesk.services.actor import Actor
from frontdesk.services.dagsverket import ParticipantInfo
from frontdesk.services.tally import compute_day
from frontdesk.services.visits import register_visitor, update_visitor
from tests.conftest import mark_day_closed
from tests.test_visits import MORNING, audit_actions

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def frozen():
    with freeze_time(MORNING) as frozen:
        yield frozen


@pytest.fixture
def enrolled(desk: Actor) -> Actor:
    """Participants DV1 and DV2, and a visitor AB85 who is not one."""
    register_visitor(desk, "DV2", dagsverket=True)
    register_visitor(desk, "DV1", dagsverket=True)
    register_visitor(desk, "AB85")
    return desk


def attendance() -> list[tuple[str, bool]]:
    rows = DagsverketAttendance.select().order_by(DagsverketAttendance.id)
    return [(r.visitor.code, r.present) for r in rows]


def active_entries() -> list[tuple[str, str, str]]:
    rows = LunchEntry.select().where(LunchEntry.voided_at.is_null()).order_by(LunchEntry.id)
    return [(r.visitor.code, r.group, r.source) for r in rows]


def test_participants_are_the_enrolled_visitors(enrolled: Actor, frozen) -> None:
    assert dagsverket.participants(enrolled.centre_id) == [
        ParticipantInfo("DV1", False),
        ParticipantInfo("DV2", False),
    ]
    update_visitor(enrolled, "AB85", dagsverket=True)
    update_visitor(enrolled, "DV2", dagsverket=False)
    assert [p.code for p in dagsverket.participants(enrolled.centre_id)] == ["AB85", "DV1"]


def test_mark_present_puts_them_on_the_lunch_roster_once(enrolled: Actor, frozen) -> None:
    info = dagsverket.mark_present(enrolled, "dv1")
    assert info == ParticipantInfo("DV1", True)
    assert dagsverket.participants(enrolled.centre_id) == [
        ParticipantInfo("DV1", True),
        ParticipantInfo("DV2", False),
    ]
    assert attendance() == [("DV1", True)]
    assert active_entries() == [("DV1", "dagsverket", "dagsverket")]
    row = DagsverketAttendance.get()
    assert (row.business_date, row.staff_id) == (DAY, enrolled.staff_id)
    # Marked present again: still one attendance row and one lunch entry.
    dagsverket.mark_present(enrolled, "DV1")
    assert attendance() == [("DV1", True)]
    assert active_entries() == [("DV1", "dagsverket", "dagsverket")]
    assert [d["lunch_added"] for d in audit_actions("dagsverket.present")] == [True, False]
    roster = lunch.roster(enrolled.centre_id)
    assert [(e.label, e.group, e.source) for e in roster.entries] == [
        ("DV1", "dagsverket", "dagsverket")
    ]
    assert roster.portions["dagsverket"] == 1


def test_someone_added_by_hand_is_not_added_again(enrolled: Actor, frozen) -> None:
    by_hand = lunch.add_visitor(enrolled, "DV2")
    dagsverket.mark_present(enrolled, "DV2")
    assert active_entries() == [("DV2", "dagsverket", "desk")]
    assert attendance() == [("DV2", True)]
    # Absent voids only the automatic entry: the one added by hand stays.
    dagsverket.mark_absent(enrolled, "DV2")
    assert LunchEntry.get_by_id(by_hand.id).voided_at is None
    assert attendance() == [("DV2", False)]


def test_mark_absent_voids_the_automatic_entry(enrolled: Actor, frozen) -> None:
    dagsverket.mark_present(enrolled, "DV1")
    entry_id = LunchEntry.get().id
    info = dagsverket.mark_absent(enrolled, "DV1")
    assert info == ParticipantInfo("DV1", False)
    row = LunchEntry.get_by_id(entry_id)
    assert (row.void_reason, row.voided_by_id) == ("absent", enrolled.staff_id)
    assert row.voided_at is not None
    assert attendance() == [("DV1", False)]  # updated, not a second row
    roster = lunch.roster(enrolled.centre_id)
    assert [(e.label, e.voided) for e in roster.entries] == [("DV1", True)]
    assert roster.total == 0
    assert audit_actions("dagsverket.absent") == [{"lunch_voided": [entry_id]}]
    # Present again: a new automatic entry, still one attendance row.
    dagsverket.mark_present(enrolled, "DV1")
    assert active_entries() == [("DV1", "dagsverket", "dagsverket")]
    assert LunchEntry.select().count() == 2
    assert attendance() == [("DV1", True)]


def test_mark_absent_without_having_been_present(enrolled: Actor, frozen) -> None:
    assert dagsverket.mark_absent(enrolled, "DV2") == ParticipantInfo("DV2", False)
    assert attendance() == [("DV2", False)]
    assert LunchEntry.select().count() == 0


def test_attendance_is_per_business_day(enrolled: Actor, frozen) -> None:
    dagsverket.mark_present(enrolled, "DV1")
    frozen.tick(dt.timedelta(days=1))
    assert dagsverket.participants(enrolled.centre_id)[0] == ParticipantInfo("DV1", False)
    dagsverket.mark_present(enrolled, "DV1")
    assert DagsverketAttendance.select().count() == 2
    assert LunchEntry.select().where(LunchEntry.voided_at.is_null()).count() == 2
    assert dagsverket.participants(enrolled.centre_id, DAY)[0].present
    assert compute_day(enrolled.centre_id, DAY).get("dagsverket.present") == 1


def test_non_participants_are_refused(enrolled: Actor, frozen) -> None:
    for mark in (dagsverket.mark_present, dagsverket.mark_absent):
        with pytest.raises(BadInput) as err:
            mark(enrolled, "ab85")
        assert str(err.value) == "AB85 is not a Dagsverket participant."
        assert err.value.nb == "AB85 er ikke Dagsverket-deltaker."
        with pytest.raises(NotFound, match="Unknown visitor code ZZ9"):
            mark(enrolled, "ZZ9")
    assert DagsverketAttendance.select().count() == 0
    assert LunchEntry.select().count() == 0


def test_a_closed_day_refuses_attendance_changes(enrolled: Actor, frozen) -> None:
    dagsverket.mark_present(enrolled, "DV1")
    mark_day_closed(enrolled.centre_id, DAY)
    with pytest.raises(DayClosed):
        dagsverket.mark_absent(enrolled, "DV1")
    with pytest.raises(DayClosed):
        dagsverket.mark_present(enrolled, "DV2")
    assert attendance() == [("DV1", True)]
    assert active_entries() == [("DV1", "dagsverket", "dagsverket")]


def test_the_tally_counts_present_participants_and_their_lunch(enrolled: Actor, frozen) -> None:
    dagsverket.mark_present(enrolled, "DV1")
    dagsverket.mark_present(enrolled, "DV2")
    dagsverket.mark_absent(enrolled, "DV2")
    t = compute_day(enrolled.centre_id, DAY)
    assert t.get("dagsverket.present") == 1
    assert (t.get("lunch.dagsverket"), t.get("lunch.total")) == (1, 1)


# -- voiding an attendance marked by mistake ---------------------------------------


def test_an_attendance_marked_by_mistake_is_voided_with_its_lunch_entry(
    enrolled: Actor, frozen
) -> None:
    dagsverket.mark_present(enrolled, "DV1")
    dagsverket.void_attendance(enrolled, "dv1", "feil person")
    assert dagsverket.participants(enrolled.centre_id)[0] == ParticipantInfo("DV1", False)
    row = DagsverketAttendance.get()
    assert row.voided_at is not None and row.void_reason == "feil person"
    assert compute_day(enrolled.centre_id, DAY).get("dagsverket.present") == 0
    assert lunch.roster(enrolled.centre_id).total == 0
    [event] = audit_actions("dagsverket.void")
    assert event["reason"] == "feil person" and len(event["lunch_voided"]) == 1
    # marked present again: a new attendance beside the voided one
    dagsverket.mark_present(enrolled, "DV1")
    assert compute_day(enrolled.centre_id, DAY).get("dagsverket.present") == 1
    assert DagsverketAttendance.select().count() == 2


def test_voiding_an_attendance_refuses_what_is_not_there(enrolled: Actor, frozen) -> None:
    with pytest.raises(NotFound):
        dagsverket.void_attendance(enrolled, "DV1", "feil")  # never marked
    dagsverket.mark_present(enrolled, "DV1")
    with pytest.raises(BadInput):
        dagsverket.void_attendance(enrolled, "DV1", "  ")  # no reason
    dagsverket.void_attendance(enrolled, "DV1", "feil")
    with pytest.raises(NotFound):
        dagsverket.void_attendance(enrolled, "DV1", "feil")  # voided already
    dagsverket.mark_present(enrolled, "DV2")
    mark_day_closed(enrolled.centre_id, DAY)
    with pytest.raises(DayClosed):
        dagsverket.void_attendance(enrolled, "DV2", "feil")
    assert compute_day(enrolled.centre_id, DAY).get("dagsverket.present") == 1
