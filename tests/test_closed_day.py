"""A closed day is read-only: every kind of write is refused and nothing is written.

Reopening (lead, PIN, reason) makes it writable again. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from freezegun import freeze_time

from frontdesk.db.models import ALL_MODELS
from frontdesk.errors import DayClosed
from frontdesk.services import dagsverket, dayclose, lunch, megafon, supplies, visits
from frontdesk.services.actor import Actor
from tests.conftest import LEAD_PIN

NOW = "2026-11-20 12:00:00"  # 13:00 in Oslo
CLOSED_DAY = dt.date(2026, 11, 20)


@pytest.fixture
def closed_day(lead: Actor, desk: Actor) -> Iterator[dict[str, int]]:
    """A day with one of everything, closed by the lead; yields the ids of its records."""
    with freeze_time(NOW):
        visits.register_visitor(lead, "AB85", vendor_number=7)
        visits.register_visitor(lead, "DV70", dagsverket=True)
        megafon.add_issue(lead, "2026-11", 5000)
        megafon.record_delivery(lead, 20)
        supplies.record_delivery(lead, "SPR2ML", 100)
        visit = visits.check_in(desk, "AB85")
        entry = lunch.add_anonymous(desk, 2)
        dagsverket.mark_present(desk, "DV70")
        sale = megafon.sell(desk, "7", 2, "cash")
        handed = supplies.hand_out(desk, {"SPR2ML": 10}, visit_id=visit.id)
        returned = supplies.record_return(desk, count=5)
        dayclose.close_day(lead, counted_cash_ore=10000)
        yield {
            "visit": visit.id,
            "entry": entry.id,
            "sale": sale.id,
            "hand_out": handed.id,
            "return": returned.id,
        }


def _row_counts() -> dict[str, int]:
    return {m.__name__: m.select().count() for m in ALL_MODELS}


WRITES: dict[str, Callable[[Actor, dict[str, int]], object]] = {
    "check in anonymous": lambda a, ids: visits.check_in(a),
    "check in by code": lambda a, ids: visits.check_in(a, "AB85"),
    "void a visit": lambda a, ids: visits.void_visit(a, ids["visit"], "mistake"),
    "lunch: visitor": lambda a, ids: lunch.add_visitor(a, "AB85"),
    "lunch: staff": lambda a, ids: lunch.add_staff(a, "AB"),
    "lunch: guests": lambda a, ids: lunch.add_guests(a, 3),
    "lunch: anonymous": lambda a, ids: lunch.add_anonymous(a, 1),
    "lunch: served": lambda a, ids: lunch.mark_served(a, ids["entry"]),
    "lunch: remove": lambda a, ids: lunch.remove(a, ids["entry"], "mistake"),
    "dagsverket: present": lambda a, ids: dagsverket.mark_present(a, "DV70"),
    "dagsverket: absent": lambda a, ids: dagsverket.mark_absent(a, "DV70"),
    "megafon: sell": lambda a, ids: megafon.sell(a, "7", 1, "card"),
    "megafon: void sale": lambda a, ids: megafon.void_sale(a, ids["sale"], "mistake"),
    "megafon: delivery": lambda a, ids: megafon.record_delivery(a, 10),
    "supplies: hand out": lambda a, ids: supplies.hand_out(a, {"SPR2ML": 1}),
    "supplies: void hand-out": lambda a, ids: supplies.void_hand_out(a, ids["hand_out"], "mistake"),
    "supplies: return": lambda a, ids: supplies.record_return(a, count=3),
    "supplies: void return": lambda a, ids: supplies.void_return(a, ids["return"], "mistake"),
    "supplies: delivery": lambda a, ids: supplies.record_delivery(a, "SPR2ML", 50),
    "day: close again": lambda a, ids: dayclose.close_day(a, counted_cash_ore=0),
}


@pytest.mark.parametrize("what", list(WRITES))
def test_a_closed_day_refuses_every_kind_of_write(
    what: str, lead: Actor, closed_day: dict[str, int]
) -> None:
    before = _row_counts()
    with freeze_time(NOW), pytest.raises(Exception) as refused:
        WRITES[what](lead, closed_day)
    if what == "day: close again":
        assert "already closed" in str(refused.value)
    else:
        assert isinstance(refused.value, DayClosed), refused.value
        assert "2026-11-20 is closed" in str(refused.value)
        assert "2026-11-20 er avsluttet" in refused.value.text("nb")
    assert _row_counts() == before  # nothing written, not even an audit event


def test_the_desk_can_check_in_again_after_a_reopen(
    lead: Actor, closed_day: dict[str, int]
) -> None:
    with freeze_time(NOW):
        dayclose.reopen_day(lead, CLOSED_DAY, LEAD_PIN, "late Megafon sale")
        visits.check_in(lead)
        assert visits.count_visits(lead.centre_id) == 2
        again = dayclose.close_day(lead, counted_cash_ore=10000)
    assert (again.z_no, again.version) == (1, 2)


def test_the_next_business_day_is_open_while_yesterday_is_closed(
    lead: Actor, closed_day: dict[str, int]
) -> None:
    with freeze_time("2026-11-21 03:30:00"):  # 04:30 in Oslo: the next business day
        visit = visits.check_in(lead)
    assert str(visit.business_date) == "2026-11-21"
