"""kill -9 during a stream of check-ins: every confirmed visit survives.

A child process checks in anonymously as fast as it can and prints each visit
id right after its commit. The test SIGKILLs it at random moments, 20 times on
the same SQLite file, then checks that every printed id is in the database
and that SQLite finds the file intact. (SIGKILL is not a power cut, but it is
the crash a desk PC sees most: the process dies mid-transaction.)
"""

from __future__ import annotations

import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontdesk import db
from frontdesk.db import migrate
from frontdesk.db.models import Visit
from frontdesk.services.centre import init_centre

ROOT = Path(__file__).resolve().parent.parent
TRIALS = 20


def _start_checkins(path: Path, centre_id: int, staff_id: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers_proc", "checkin", str(path)]
        + [str(centre_id), str(staff_id), "AB"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_first_line(proc: subprocess.Popen[bytes], timeout: float = 20.0) -> bytes:
    """Block until the child has confirmed at least one visit (it is really writing)."""
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    data = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data:
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            err = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"the check-in child never confirmed a visit: {err[-500:]}")
        if sel.select(timeout=0.5):
            data += os.read(proc.stdout.fileno(), 65536)
    sel.close()
    return data


def _confirmed_ids(output: bytes) -> set[int]:
    """Ids on complete lines only: a line cut by the kill was never confirmed."""
    lines = output.split(b"\n")[:-1]
    return {int(line) for line in lines if line.strip()}


@pytest.mark.slow
def test_kill_9_during_checkins_loses_no_confirmed_visit(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    database = db.connect(str(path), create=True)
    migrate.upgrade(database)
    centre, lead = init_centre("STR", "Strax-huset", "AB", "4711")
    database.close()

    rng = random.Random(20261122)
    confirmed: set[int] = set()
    for _ in range(TRIALS):
        proc = _start_checkins(path, centre.id, lead.id)
        output = _wait_for_first_line(proc)
        # A random moment in the stream: mid-commit, mid-fsync, mid-print.
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        confirmed |= _confirmed_ids(output + rest)

    database = db.connect(str(path))
    stored = {v.id for v in Visit.select(Visit.id)}
    assert len(confirmed) > TRIALS  # each child confirmed at least one visit
    assert confirmed - stored == set(), "confirmed visits are missing after kill -9"
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Ids are handed out in order, so nothing confirmed can hide behind a lost one.
    assert max(confirmed) <= max(stored)
    database.close()
