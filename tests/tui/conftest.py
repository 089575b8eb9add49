"""Fixtures for the desk-app tests: a SQLite file with a centre, staff and some data.

Desk-app tests run on SQLite only (the services are tested on both databases
elsewhere). Drive the real app::

    async with DeskApp(desk_db).run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontdesk import db
from frontdesk.db.models import database
from frontdesk.services import megafon, visits
from frontdesk.services import supplies as supplies_service
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.staff import add_staff

LEAD_PIN = "4711"
DESK_PIN = "1234"

# Visitors in desk_db: a plain visitor, a Megafon vendor (number 101), a Dagsverket participant.
VISITOR = "AB85"
VENDOR = "KL90"
VENDOR_NUMBER = 101
PARTICIPANT = "DV77"


@pytest.fixture(scope="session")
def _tui_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from frontdesk.db import migrate

    path = tmp_path_factory.mktemp("tui-template") / "desk.db"
    sq = db.connect(str(path), create=True)
    migrate.upgrade(sq)
    centre, member = init_centre("STR", "Strax-huset", "AB", LEAD_PIN)
    lead = Actor(centre.id, member.id, member.initials, member.role)
    add_staff(lead, "CD", DESK_PIN, "desk")
    visits.register_visitor(lead, VISITOR, gender="f", birth_year=1985)
    visits.register_visitor(lead, VENDOR, gender="m", vendor_number=VENDOR_NUMBER)
    visits.register_visitor(lead, PARTICIPANT, gender="x", dagsverket=True)
    visits.register_visitor(lead, "AB90", gender="m")
    megafon.add_issue(lead, "2026-11", 5000)
    megafon.record_delivery(lead, 50)
    deliver = getattr(supplies_service, "record_delivery", None)
    if deliver is not None:
        for code, quantity in (("SPR1ML", 500), ("SPR2ML", 500), ("KAN23G", 400), ("NALOX", 20)):
            deliver(lead, code, quantity)
    sq.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    sq.close()
    return path


@pytest.fixture
def desk_db(_tui_template: Path, tmp_path: Path) -> Iterator[str]:
    """A SQLite file: centre STR (Strax-huset), lead AB/4711, desk CD/1234, visitors, stock.

    Made in the session (data dated when the session starts); each test gets a copy.
    """
    path = tmp_path / "desk.db"
    shutil.copyfile(_tui_template, path)
    os.chmod(path, 0o600)
    db.connect(str(path))  # bound here too, so a test can read the database through services
    yield str(path)
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


@pytest.fixture
def centre_id(desk_db: str) -> int:
    from frontdesk.services.centre import find_centre

    return find_centre("STR").id


@pytest.fixture
def lead_actor(centre_id: int) -> Actor:
    from frontdesk.services.staff import list_staff

    member = next(s for s in list_staff(centre_id) if s.initials == "AB")
    return Actor(centre_id, member.id, member.initials, member.role)


async def settle(app: Any, pilot: Any, rounds: int = 6) -> None:
    """Wait until no worker runs and the screen has caught up (callbacks may start more).

    Fails the test when a call crashed with something other than a FrontdeskError.
    """
    for _ in range(rounds):
        keys_settled = getattr(app, "keys_settled", None)
        if keys_settled is not None:
            await keys_settled()  # keys still waiting their turn (tui/key_queue.py)
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(not w.is_finished for w in app.workers):
            await pilot.pause()
            if not any(not w.is_finished for w in app.workers):
                break
    assert not getattr(app, "crashes", []), f"a call crashed: {app.crashes!r}"


async def settle_for_snapshot(pilot: Any) -> None:
    """Settle, and stop the input cursors blinking so a snapshot is the same on a busy machine."""
    from textual.widgets import Input

    await settle(pilot.app, pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def signed_in(app: Any, pilot: Any, initials: str = "AB", pin: str = LEAD_PIN) -> None:
    """Sign on at the sign-on screen (waits for the database to open first)."""
    await settle(app, pilot)
    await pilot.press(*initials.lower(), "enter", *pin, "enter")
    await settle(app, pilot)
    assert app.actor is not None, "sign-on failed"


def screen_text(app: Any) -> str:
    """Everything visible on the current screen, as plain text (for assertions)."""
    from textual.widgets import DataTable, Input, Static

    from frontdesk.tui.widgets.visit_list import RowList

    parts: list[str] = []
    for widget in app.screen.query("*"):
        if not widget.is_on_screen:
            continue
        if isinstance(widget, Static):
            parts.append(str(widget.render()))
        elif isinstance(widget, Input):
            parts.append(widget.value)
        elif isinstance(widget, (DataTable, RowList)):
            for row in range(widget.row_count):
                parts.append(" ".join(str(c) for c in widget.get_row_at(row)))
    return "\n".join(parts)


def screen_lines(app: Any) -> list[str]:
    """The terminal's lines as drawn (what a person sees, cut-offs included)."""
    update = app.screen._compositor.render_full_update(simplify=True)
    return ["".join(strip.text for strip in row) for row in update.strips]
