"""Two desk processes closing days of one centre at the same moment.

Each round, two OS processes (multiprocessing, 'spawn') wait at a barrier and
then close a different business day of the same centre. The Z numbers must end
gap-free 1..N with no duplicates, and no "database is locked" (or any other
error) may reach the caller, on a SQLite file and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from typing import Any

import pytest

from frontdesk.db.models import DayClose
from frontdesk.services import audit
from frontdesk.services.actor import Actor

PROCESSES = 2
ROUNDS = 6
FIRST_DAY = dt.date(2026, 3, 2)


def _day(round_no: int, process_no: int) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=round_no * PROCESSES + process_no)


def _close_days(
    url: str, actor: Actor, process_no: int, barrier: Any, results: Any
) -> None:  # pragma: no cover - runs in the child process
    """The child: bind the database, then close one day per round at the barrier."""
    from frontdesk import db
    from frontdesk.services.dayclose import close_day

    db.connect(url)
    outcomes: list[tuple[str, str, Any]] = []
    for round_no in range(ROUNDS):
        day = _day(round_no, process_no)
        barrier.wait(timeout=120)
        try:
            outcomes.append(("ok", day.isoformat(), close_day(actor, 100 * round_no, day).z_no))
        except Exception as exc:  # every failure is reported, none is allowed
            outcomes.append(("error", day.isoformat(), f"{type(exc).__name__}: {exc}"))
    results.put((process_no, outcomes))


@pytest.mark.slow
def test_two_processes_closing_at_once_get_gap_free_z_numbers(backend: str, lead: Actor) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    children = [
        ctx.Process(target=_close_days, args=(backend, lead, n, barrier, results))
        for n in range(PROCESSES)
    ]
    for child in children:
        child.start()
    try:
        reports = dict(results.get(timeout=300) for _ in children)
    finally:
        for child in children:
            child.join(timeout=60)
            if child.is_alive():
                child.kill()

    outcomes = [o for n in sorted(reports) for o in reports[n]]
    assert [o for o in outcomes if o[0] != "ok"] == []
    assert all(child.exitcode == 0 for child in children)

    total = PROCESSES * ROUNDS
    returned = sorted(z_no for _, _, z_no in outcomes)
    assert returned == list(range(1, total + 1))

    rows = list(DayClose.select().where(DayClose.centre == lead.centre_id))
    assert sorted(r.z_no for r in rows) == list(range(1, total + 1))
    assert {str(r.business_date) for r in rows} == {
        _day(r, n).isoformat() for r in range(ROUNDS) for n in range(PROCESSES)
    }
    # What each process was told is what was stored.
    stored = {str(r.business_date): r.z_no for r in rows}
    assert all(stored[day] == z_no for _, day, z_no in outcomes)
    assert len(audit.recent(lead.centre_id, limit=100, action="day.close")) == total
