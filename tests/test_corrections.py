"""Corrections: while an earlier day is reopened, a lead records on it (dated that day,
audited as a correction) through ``days.stamp_on`` — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from freezegun import freeze_time

from frontdesk.db.models import AuditEvent
from frontdesk.errors import BadInput, DayClosed, NotAllowed
from frontdesk.services import dagsverket, dayclose, lunch, megafon, supplies, visits
from frontdesk.services.actor import Actor
from frontdesk.services.tally import compute_day
from tests.conftest import LEAD_PIN

DAY = dt.date(2026, 3, 2)
MORNING = dt.datetime(2026, 3, 2, 9, 15, tzinfo=dt.UTC)
NEXT_MORNING = MORNING + dt.timedelta(days=1)


@pytest.fixture
def reopened(lead: Actor, desk: Actor) -> Actor:
    """DAY closed (Z 1) after one visit, then reopened the next morning; frozen there."""
    with freeze_time(MORNING):
        visits.register_visitor(lead, "KL90", vendor_number=7)
        visits.register_visitor(lead, "DV1", dagsverket=True)
        megafon.add_issue(lead, "2026-03", 5000)
        megafon.record_delivery(lead, 20)
        supplies.record_delivery(lead, "SPR1ML", 100)
        visits.check_in(lead)
        dayclose.close_day(lead, 0)
    with freeze_time(NEXT_MORNING) as frozen:
        dayclose.reopen_day(lead, DAY, LEAD_PIN, "glemt salg")
        yield frozen


def corrections() -> list[tuple[str, str]]:
    rows = AuditEvent.select().order_by(AuditEvent.id)
    found = [(r.action, json.loads(r.detail).get("correction")) for r in rows]
    return [(action, day) for action, day in found if day]


def test_a_lead_records_each_kind_on_the_reopened_day(lead: Actor, reopened) -> None:
    on = DAY
    visits.check_in(lead, business_date=on)
    megafon.sell(lead, "7", 2, "cash", business_date=on)
    supplies.hand_out(lead, {"SPR1ML": 10}, business_date=on)
    supplies.record_return(lead, count=30, business_date=on)
    lunch.add_guests(lead, 3, business_date=on)
    lunch.add_staff(lead, "AB", business_date=on)
    dagsverket.mark_present(lead, "DV1", business_date=on)
    day = compute_day(lead.centre_id, DAY)
    assert day.get("visits.total") == 2
    assert day.get("megafon.copies") == 2 and day.get("megafon.cash_ore") == 10000
    assert day.supplies["SPR1ML"] == 10 and day.get("syringes.returned") == 30
    assert day.get("lunch.total") == 5 and day.get("dagsverket.present") == 1
    today = compute_day(lead.centre_id, DAY + dt.timedelta(days=1))
    assert today.get("visits.total") == 0 and today.get("lunch.total") == 0
    assert [action for action, _ in corrections()] == [
        "visits.check_in",
        "megafon.sell",
        "supplies.hand_out",
        "supplies.return",
        "lunch.add",
        "lunch.add",
        "dagsverket.present",
    ]
    assert {day for _, day in corrections()} == {DAY.isoformat()}
    z = dayclose.close_day(lead, 10000, business_date=DAY)  # closed again: version 2
    assert (z.z_no, z.version, z.tally.get("visits.total"), z.diff_ore) == (1, 2, 2, 0)


def test_today_is_no_correction(lead: Actor, reopened) -> None:
    today = DAY + dt.timedelta(days=1)
    visits.check_in(lead, business_date=today)
    lunch.add_guests(lead, 1, business_date=None)
    assert corrections() == []


def test_desk_staff_cannot_correct_an_earlier_day(desk: Actor, reopened) -> None:
    with pytest.raises(NotAllowed):
        visits.check_in(desk, business_date=DAY)
    with pytest.raises(NotAllowed):
        lunch.add_guests(desk, 2, business_date=DAY)
    assert compute_day(desk.centre_id, DAY).get("visits.total") == 1


def test_a_closed_earlier_day_and_a_future_day_are_refused(lead: Actor, reopened) -> None:
    dayclose.close_day(lead, 0, business_date=DAY)
    with pytest.raises(DayClosed):
        megafon.sell(lead, "7", 1, "card", business_date=DAY)
    with pytest.raises(BadInput, match="has not started yet"):
        visits.check_in(lead, business_date=DAY + dt.timedelta(days=5))
    assert corrections() == []
