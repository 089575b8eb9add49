"""Bad database files and a full disk at the desk (issue 17): one sentence, nothing recorded."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from frontdesk.services import visits
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.nodb import NoDatabaseScreen
from tests.tui.conftest import screen_text, settle, signed_in


async def test_a_damaged_database_file_is_named_on_the_no_database_screen(
    desk_db: str,
) -> None:
    con = sqlite3.connect(desk_db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with open(desk_db, "r+b") as handle:  # `dd` over the first page
        handle.write(b"\xff" * 100)
    before = Path(desk_db).read_bytes()
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, NoDatabaseScreen)
        text = screen_text(app)
        assert f"{desk_db} er ikke en databasefil, eller første side er skadet." in text
        assert "Traceback" not in text
        await pilot.press("q")
    assert Path(desk_db).read_bytes() == before  # not switched to WAL, nothing written


async def test_a_check_in_on_a_full_disk_says_so_and_records_nothing(
    desk_db: str, centre_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = sqlite3.connect(desk_db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("VACUUM")  # no free pages: the file can hold only what it holds now…
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    # …plus a few pages, as a disk that fills up; SQLite then reports SQLITE_FULL.
    connect = sys.modules["frontdesk.db.connect"]
    limit = ("max_page_count", pages + 4)
    monkeypatch.setattr(connect, "SQLITE_PRAGMAS", (*connect.SQLITE_PRAGMAS, limit))
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        recorded = 0
        for _ in range(300):
            before = visits.count_visits(centre_id)
            await pilot.press("enter")
            await settle(app, pilot)  # fails the test if the call crashed
            status = str(app.query_one("#checkin-status", Static).render())
            if "Disken er full" in status:
                break
            recorded += 1
        else:
            pytest.fail("the database never filled up")
        assert status.startswith("Disken er full; ingenting ble lagret.")
        assert visits.count_visits(centre_id) == before == recorded


async def test_a_damaged_table_read_at_the_desk_is_named_not_a_crash(desk_db: str) -> None:
    con = sqlite3.connect(desk_db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    roots = [
        r for (r,) in con.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'visit'")
    ]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(desk_db, "r+b") as handle:  # `dd` over the first page of the visits and their indexes
        for root in roots:
            handle.seek((root - 1) * size)
            handle.write(b"\xff" * size)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        # Signing on opens the Check-in tab, which reads today's visits: that read fails.
        await settle(app, pilot)
        await pilot.press("a", "b", "enter", *"4711", "enter")
        await settle(app, pilot)  # fails the test on a crash
        shown = " ".join(str(n.message) for n in app._notifications) + screen_text(app)
        assert "er skadet" in shown, shown
