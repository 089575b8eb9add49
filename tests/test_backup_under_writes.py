"""`frontdesk backup` while desks keep writing: one consistent snapshot, copied in one pass.

A page-by-page copy restarts from the beginning whenever another connection
writes between two steps; under steady check-ins it never finishes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontdesk import db
from frontdesk.db.models import Visit
from frontdesk.services import backup
from frontdesk.services.actor import Actor
from tests.test_cli_export import ROOT

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _fill(actor: Actor, visits: int) -> None:
    """Enough rows for a file of several thousand pages (many backup steps of old)."""
    at = dt.datetime(2026, 3, 2, 10)
    rows = [
        {
            "centre": actor.centre_id,
            "gender": "u",
            "at": at,
            "business_date": at.date(),
            "local_hour": 11,
            "staff": actor.staff_id,
            "void_reason": "x" * 60,
        }
        for _ in range(visits)
    ]
    with db.database.atomic():
        for start in range(0, len(rows), 5000):
            Visit.insert_many(rows[start : start + 5000]).execute()


def _count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return con.execute("SELECT COUNT(*) FROM visit").fetchone()[0]
    finally:
        con.close()


@SQLITE
def test_a_write_during_the_copy_does_not_restart_it(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    _fill(lead, 60_000)
    pages = db.database.execute_sql("PRAGMA page_count").fetchone()[0]
    assert pages > 2 * 1024
    desk = sqlite3.connect(backend, timeout=10)
    calls = []

    def a_desk_writes(done: int, total: int) -> None:
        # Whenever the copy pauses, another desk checks someone in.
        calls.append(done)
        if len(calls) > 20:
            raise AssertionError("the backup keeps restarting under writes")
        desk.execute("UPDATE visit SET local_hour = local_hour WHERE id = 1")
        desk.commit()

    try:
        result = backup.backup(str(tmp_path / "copy.db"), a_desk_writes)
    finally:
        desk.close()
    assert len(calls) == 1
    assert _count(result.path) == 60_000


@SQLITE
def test_backup_finishes_under_steady_check_ins(backend: str, lead: Actor, tmp_path: Path) -> None:
    _fill(lead, 60_000)
    log = tmp_path / "checkins.txt"
    with open(log, "wb") as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers_proc", "checkin", backend]
            + [str(lead.centre_id), str(lead.staff_id), "AB"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.DEVNULL,
        )
    try:
        while log.stat().st_size < 200 and child.poll() is None:  # it is really writing
            time.sleep(0.05)
        assert child.poll() is None
        before = Visit.select().count()
        result = backup.backup(str(tmp_path / "copy.db"))
        assert child.poll() is None  # the desk kept writing throughout
    finally:
        child.kill()
        child.wait()
    assert _count(result.path) >= before
