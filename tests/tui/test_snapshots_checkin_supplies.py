"""Snapshots of the sign-on screen, F1 Check-in and F4 Supplies at 80×24 and 120×40, in bokmål and English.

Every key and key figure must be on screen at both sizes (the footer wraps
instead of cutting a key). The data is made under freezegun at fixed
instants and the service clock is pinned while the app runs, so every time
shown is the same on every run. Update with --snapshot-update and look at
the SVGs in tests/tui/__snapshots__/.
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
from frontdesk.services import overdose, settings, supplies, visits
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.staff import add_staff
from frontdesk.tui.app import DeskApp
from tests.tui.conftest import DESK_PIN, LEAD_PIN, settle_for_snapshot, signed_in

# Wednesday 11 March 2026; Oslo is UTC+1 then.
NOW = dt.datetime(2026, 3, 11, 12, 30, tzinfo=dt.UTC)  # 13:30 in Oslo
SIZES = [(80, 24), (120, 40)]
LANGUAGES = ["nb", "en"]


def utc(hour: int, minute: int) -> dt.datetime:
    """Today at a local (Oslo) time, as UTC."""
    return dt.datetime(2026, 3, 11, hour - 1, minute, tzinfo=dt.UTC)


def make_db(path: Path, language: str) -> None:
    with freeze_time(utc(8, 0)):
        migrate.upgrade(db.connect(str(path), create=True))
        centre, member = init_centre("STR", "Strax-huset", "AB", LEAD_PIN)
        lead = Actor(centre.id, member.id, member.initials, member.role)
        settings.set_setting(lead, "language", language)
        desk_member = add_staff(lead, "CD", DESK_PIN, "desk")
        for drilled in ("AB", "CD"):  # CPR drills up to date: no reminder toast at sign-on
            overdose.record_drill(lead, drilled, "cpr")
        desk = Actor(centre.id, desk_member.id, desk_member.initials, desk_member.role)
        visits.register_visitor(lead, "AB85", gender="f", birth_year=1985)
        visits.register_visitor(lead, "AB90", gender="m")
        visits.register_visitor(lead, "KL90", gender="m", vendor_number=101)
        for item in supplies.catalogue(centre.id):
            supplies.record_delivery(lead, item.code, 40 if item.code == "FOLIE" else 500)
    for (hour, minute), actor, code, gender in (
        ((9, 2), desk, None, None),
        ((9, 15), desk, "AB85", None),
        ((9, 40), lead, None, "f"),
        ((12, 10), desk, "KL90", None),
        ((12, 45), desk, None, "m"),
    ):
        with freeze_time(utc(hour, minute)):
            visits.check_in(actor, code, gender)
    with freeze_time(utc(12, 50)):
        supplies.hand_out(desk, [("SPR1ML", 20), ("KAN23G", 20), ("FOLIE", 35)])
        supplies.record_return(desk, count=18)
    database.obj.close()


@pytest.fixture(params=LANGUAGES)
def fixed_db(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    path = tmp_path / "snap.db"
    make_db(path, request.param)
    monkeypatch.setattr(clock, "utcnow", lambda: NOW)
    yield str(path)
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def _open(*keys: str) -> Any:
    async def run_before(pilot: Any) -> None:
        await signed_in(pilot.app, pilot)
        if keys:
            await pilot.press(*keys)
        await settle_for_snapshot(pilot)
        await pilot.pause()  # the tab bar's underline moves after a repaint

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sign_on_screen(fixed_db: str, size: tuple[int, int], snap_compare: Any) -> None:
    assert snap_compare(DeskApp(fixed_db), terminal_size=size, run_before=settle_for_snapshot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_check_in_tab(fixed_db: str, size: tuple[int, int], snap_compare: Any) -> None:
    # "ab" shows the matches list below the code field
    assert snap_compare(DeskApp(fixed_db), terminal_size=size, run_before=_open("a", "b"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_supplies_tab(fixed_db: str, size: tuple[int, int], snap_compare: Any) -> None:
    assert snap_compare(DeskApp(fixed_db), terminal_size=size, run_before=_open("f4"))
