"""Snapshots of the Megafon, Supplies and Day tabs at 120×40, with a fixed clock and data.

The clock (frontdesk.clock.utcnow) is pinned, so dates, times, the visits-by-hour
chart and days of cover are the same on every run. Update with --snapshot-update
and look at the SVGs in tests/tui/__snapshots__/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontdesk import clock, db
from frontdesk.db import migrate
from frontdesk.db.models import database
from frontdesk.services import dayclose, megafon, overdose, supplies, visits
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.staff import add_staff
from frontdesk.tui.app import DeskApp
from tests.tui.conftest import DESK_PIN, LEAD_PIN, settle_for_snapshot, signed_in

# Tuesday 10 March 2026, Oslo is UTC+1: local time = UTC + 1 hour.
TODAY = dt.date(2026, 3, 10)


def at_local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour - 1, minute, tzinfo=dt.UTC)


@pytest.fixture
def fixed_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A desk database with two earlier days (one closed, one left open) and a busy today."""
    now = [at_local(TODAY - dt.timedelta(days=2), 12)]
    monkeypatch.setattr(clock, "utcnow", lambda: now[0])
    path = tmp_path / "snap.db"
    migrate.upgrade(db.connect(str(path), create=True))
    centre, member = init_centre("STR", "Strax-huset", "AB", LEAD_PIN)
    lead = Actor(centre.id, member.id, member.initials, member.role)
    desk_member = add_staff(lead, "CD", DESK_PIN, "desk")
    for drilled in ("AB", "CD"):  # CPR drills up to date: no reminder toast at sign-on
        overdose.record_drill(lead, drilled, "cpr")
    desk = Actor(centre.id, desk_member.id, desk_member.initials, desk_member.role)
    visits.register_visitor(lead, "AB85", gender="f", birth_year=1985)
    visits.register_visitor(lead, "KL90", gender="m", vendor_number=101)
    visits.register_visitor(lead, "MN77", gender="x", vendor_number=102)
    megafon.add_issue(lead, "2026-03", 5000)
    megafon.record_delivery(lead, 80)
    for code, quantity in (("SPR1ML", 900), ("SPR2ML", 260), ("KAN23G", 600), ("NALOX", 12)):
        supplies.record_delivery(lead, code, quantity)
    # Two days ago: a little activity, closed by the lead.
    visits.check_in(lead, "AB85")
    megafon.sell(lead, "101", 2, "cash")
    supplies.hand_out(lead, {"SPR1ML": 20, "SPR2ML": 10})
    dayclose.close_day(lead, 10000)
    # Yesterday: a visit, and the day was never closed.
    now[0] = at_local(TODAY - dt.timedelta(days=1), 14)
    visits.check_in(desk)
    # Today.
    for hour, minute, code in (
        (10, 5, None),
        (10, 40, "AB85"),
        (11, 15, None),
        (11, 20, None),
        (12, 30, "KL90"),
        (13, 10, None),
    ):
        now[0] = at_local(TODAY, hour, minute)
        visits.check_in(desk if code is None else lead, code)
    now[0] = at_local(TODAY, 12, 35)
    megafon.sell(desk, "101", 3, "cash")
    now[0] = at_local(TODAY, 12, 50)
    megafon.sell(lead, "MN77", 1, "vipps")
    now[0] = at_local(TODAY, 13, 0)
    voided = megafon.sell(desk, "102", 2, "card")
    megafon.void_sale(lead, voided.id, "feil betaling")
    now[0] = at_local(TODAY, 13, 20)
    supplies.hand_out(desk, {"SPR2ML": 10, "KAN23G": 10}, visitor_code="AB85")
    supplies.hand_out(lead, {"NALOX": 1}, naloxone_recipient="relative", naloxone_trained=True)
    supplies.record_return(desk, count=30)
    now[0] = at_local(TODAY, 14, 0)
    database.obj.close()
    yield str(path)
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def _open_tab(key: str, initials: str = "AB", pin: str = LEAD_PIN) -> Any:
    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await signed_in(app, pilot, initials, pin)
        await pilot.press(key)
        await settle_for_snapshot(pilot)

    return run_before


def test_megafon_tab(fixed_db: str, snap_compare: Any) -> None:
    assert snap_compare(DeskApp(fixed_db), terminal_size=(120, 40), run_before=_open_tab("f3"))


def test_supplies_tab(fixed_db: str, snap_compare: Any) -> None:
    assert snap_compare(DeskApp(fixed_db), terminal_size=(120, 40), run_before=_open_tab("f4"))


def test_day_tab(fixed_db: str, snap_compare: Any) -> None:
    assert snap_compare(DeskApp(fixed_db), terminal_size=(120, 40), run_before=_open_tab("f5"))
