"""Snapshots of the sign-on screen, the check-in tab and the lunch tab at 120×40.

The data is made under freezegun at fixed instants; while the app runs, the
service clock (frontdesk.clock.utcnow) is pinned to the same afternoon, so the
business date and every time shown are the same on every run. Update with
--snapshot-update and look at the SVGs in tests/tui/__snapshots__/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time

from frontdesk import clock, db
from frontdesk.db import migrate
from frontdesk.db.models import database
from frontdesk.services import dagsverket, lunch, overdose, visits
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.staff import add_staff
from frontdesk.tui.app import DeskApp
from tests.tui.conftest import DESK_PIN, LEAD_PIN, settle_for_snapshot, signed_in

# Wednesday 11 March 2026; Oslo is UTC+1 then.
NOW = dt.datetime(2026, 3, 11, 12, 30, tzinfo=dt.UTC)  # 13:30 in Oslo


def utc(hour: int, minute: int) -> dt.datetime:
    """Today at a local (Oslo) time, as UTC."""
    return dt.datetime(2026, 3, 11, hour - 1, minute, tzinfo=dt.UTC)


@pytest.fixture
def fixed_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    path = tmp_path / "snap.db"
    with freeze_time(utc(8, 0)):
        migrate.upgrade(db.connect(str(path), create=True))
        centre, member = init_centre("STR", "Strax-huset", "AB", LEAD_PIN)
        lead = Actor(centre.id, member.id, member.initials, member.role)
        desk_member = add_staff(lead, "CD", DESK_PIN, "desk")
        desk = Actor(centre.id, desk_member.id, desk_member.initials, desk_member.role)
        add_staff(lead, "EF", "5555", "desk")
        for drilled in ("AB", "CD", "EF"):  # CPR drills up to date: no reminder toast at sign-on
            overdose.record_drill(lead, drilled, "cpr")
        visits.register_visitor(lead, "AB85", gender="f", birth_year=1985)
        visits.register_visitor(lead, "KL90", gender="m", vendor_number=101)
        visits.register_visitor(lead, "DV77", gender="x", dagsverket=True)
        visits.register_visitor(lead, "RT64", gender="m", dagsverket=True)
    for (hour, minute), actor, code, gender in (
        ((9, 2), desk, None, None),
        ((9, 15), desk, "AB85", None),
        ((9, 40), lead, None, "f"),
        ((10, 5), desk, "DV77", None),
        ((11, 30), lead, None, None),
        ((12, 10), desk, "KL90", None),
        ((12, 45), desk, None, "m"),
    ):
        with freeze_time(utc(hour, minute)):
            visits.check_in(actor, code, gender)
    with freeze_time(utc(12, 50)):
        mistaken = visits.check_in(desk)
        visits.void_visit(lead, mistaken.id, "trykket to ganger")
        dagsverket.mark_present(lead, "DV77")
        served = lunch.add_visitor(desk, "AB85")
        lunch.add_staff(desk, "CD")
        lunch.add_guests(desk, 2)
        lunch.add_anonymous(desk, 1)
        removed = lunch.add_staff(desk, "EF")
        lunch.remove(lead, removed.id, "spiser ute")
    with freeze_time(utc(13, 0)):
        lunch.mark_served(desk, served.id)
    database.obj.close()
    monkeypatch.setattr(clock, "utcnow", lambda: NOW)
    yield str(path)
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


_settled = settle_for_snapshot


def _open_tab(key: str) -> Any:
    async def run_before(pilot: Any) -> None:
        await signed_in(pilot.app, pilot)
        await pilot.press(key)
        await _settled(pilot)

    return run_before


def test_sign_on_screen(fixed_db: str, snap_compare: Any) -> None:
    assert snap_compare(DeskApp(fixed_db), terminal_size=(120, 40), run_before=_settled)


def test_check_in_tab(fixed_db: str, snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await signed_in(pilot.app, pilot)
        await pilot.press("a", "b")  # the matches list below the code field
        await _settled(pilot)

    assert snap_compare(DeskApp(fixed_db), terminal_size=(120, 40), run_before=run_before)


def test_lunch_tab(fixed_db: str, snap_compare: Any) -> None:
    assert snap_compare(DeskApp(fixed_db), terminal_size=(120, 40), run_before=_open_tab("f2"))
