"""Snapshots of the Lunch (F2), Megafon (F3) and Day (F5) tabs at 80×24 and 120×40, in
bokmål and English: every key and key figure must be on screen at both sizes.

The clock (frontdesk.clock.utcnow) is pinned and the data seeded, so every run draws
the same screen. Update with --snapshot-update and look at the SVGs in
tests/tui/__snapshots__/.
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
from frontdesk.services import dagsverket, dayclose, lunch, megafon, overdose, supplies, visits
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.settings import set_setting
from frontdesk.services.staff import add_staff
from frontdesk.tui.app import DeskApp
from tests.tui.conftest import DESK_PIN, LEAD_PIN, settle_for_snapshot, signed_in

# Tuesday 10 March 2026, Oslo is UTC+1: local time = UTC + 1 hour.
TODAY = dt.date(2026, 3, 10)


def at_local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour - 1, minute, tzinfo=dt.UTC)


@pytest.fixture(params=["nb", "en"])
def fixed_db(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Yesterday closed, reopened and closed again (two Z versions); a busy today."""
    now = [at_local(TODAY - dt.timedelta(days=1), 12)]
    monkeypatch.setattr(clock, "utcnow", lambda: now[0])
    path = tmp_path / "snap.db"
    migrate.upgrade(db.connect(str(path), create=True))
    centre, member = init_centre("STR", "Strax-huset", "AB", LEAD_PIN)
    lead = Actor(centre.id, member.id, member.initials, member.role)
    set_setting(lead, "language", request.param)
    desk_member = add_staff(lead, "CD", DESK_PIN, "desk")
    for drilled in ("AB", "CD"):  # CPR drills up to date: no reminder toast at sign-on
        overdose.record_drill(lead, drilled, "cpr")
    desk = Actor(centre.id, desk_member.id, desk_member.initials, desk_member.role)
    visits.register_visitor(lead, "AB85", gender="f", birth_year=1985)
    visits.register_visitor(lead, "KL90", gender="m", vendor_number=101)
    visits.register_visitor(lead, "MN77", gender="x", vendor_number=102)
    visits.register_visitor(lead, "DV11", dagsverket=True)
    visits.register_visitor(lead, "DV12", dagsverket=True)
    megafon.add_issue(lead, "2026-03", 5000)
    megafon.record_delivery(lead, 80)
    for code, quantity in (("SPR1ML", 900), ("SPR2ML", 260), ("KAN23G", 600), ("NALOX", 12)):
        supplies.record_delivery(lead, code, quantity)
    # Yesterday: closed, reopened for a forgotten sale, closed again.
    visits.check_in(lead, "AB85")
    megafon.sell(lead, "101", 2, "cash")
    dayclose.close_day(lead, 10000)
    now[0] = at_local(TODAY - dt.timedelta(days=1), 18)
    dayclose.reopen_day(lead, TODAY - dt.timedelta(days=1), LEAD_PIN, "glemt salg")
    megafon.sell(lead, "102", 1, "card")
    dayclose.close_day(lead, 10000)
    # Today.
    for hour, minute, code in ((10, 5, None), (10, 40, "AB85"), (11, 15, None), (12, 30, "KL90")):
        now[0] = at_local(TODAY, hour, minute)
        visits.check_in(desk if code is None else lead, code)
    now[0] = at_local(TODAY, 11, 30)
    dagsverket.mark_present(desk, "DV11")
    served = lunch.add_visitor(desk, "AB85")
    lunch.mark_served(desk, served.id)
    lunch.add_staff(desk, "CD")
    lunch.add_guests(desk, 2)
    removed = lunch.add_anonymous(desk, 1)
    lunch.remove(lead, removed.id, "feil")
    now[0] = at_local(TODAY, 12, 35)
    megafon.sell(desk, "101", 3, "cash")
    now[0] = at_local(TODAY, 12, 50)
    megafon.sell(lead, "MN77", 1, "vipps")
    now[0] = at_local(TODAY, 13, 0)
    voided = megafon.sell(desk, "102", 2, "card")
    megafon.void_sale(lead, voided.id, "feil betaling")
    megafon.record_delivery(lead, 20)
    supplies.hand_out(desk, {"SPR2ML": 10, "KAN23G": 10}, visitor_code="AB85")
    supplies.hand_out(lead, {"NALOX": 1}, naloxone_recipient="relative", naloxone_trained=True)
    now[0] = at_local(TODAY, 14, 0)
    database.obj.close()
    yield str(path)
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def _open_tab(key: str) -> Any:
    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await signed_in(app, pilot, "AB", LEAD_PIN)
        await pilot.press(key)
        await settle_for_snapshot(pilot)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("key", ["f2", "f3", "f5"], ids=["lunch", "megafon", "day"])
def test_tab(fixed_db: str, key: str, size: tuple[int, int], snap_compare: Any) -> None:
    assert snap_compare(DeskApp(fixed_db), terminal_size=size, run_before=_open_tab(key))
