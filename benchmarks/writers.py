"""Two desk processes writing one SQLite file: how long each action waits, and whether
"database is locked" (or any other OperationalError) ever reaches the caller.

Both children run tests/helpers_proc.py's writer: a random mix of check-ins,
Megafon sales, supply hand-outs and Z-closes of past days. Paced: a random
pause of 0–20 ms between actions (about 50 actions a second per desk, far
busier than a real desk). Tight loop: no pause at all (a stress figure).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from benchmarks.cache import ROOT
from benchmarks.common import Line, median, percentile, scratch

SECONDS = 5.0


def _setup(target: str) -> tuple[list, str, str]:
    from frontdesk.db.models import database
    from frontdesk.services import days
    from frontdesk.services.actor import Actor
    from frontdesk.services.centre import init_centre
    from frontdesk.services.staff import add_staff
    from frontdesk.services.store import open_store
    from tests.helpers_proc import prepare_services

    open_store(target, create=True, upgrade=True)
    centre, member = init_centre("STR", "Strax-huset", "AB", "4711")
    lead = Actor(centre.id, member.id, member.initials, member.role)
    other = add_staff(lead, "EF", "5678", "lead")
    vendor = prepare_services(lead)
    today = days.today(centre.id)
    close_days = ",".join((today - dt.timedelta(days=n)).isoformat() for n in range(60, 0, -1))
    database.close()
    actors = [lead, Actor(centre.id, other.id, other.initials, other.role)]
    return actors, vendor, close_days


def _two_writers(pace_ms: float) -> dict:
    path = scratch(f"writers-{int(pace_ms)}.db")
    actors, vendor, close_days = _setup(str(path))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.helpers_proc", "writer", str(path)]
            + [str(a.centre_id), str(a.staff_id), a.initials, a.role]
            + [str(SECONDS), str(seed), vendor, close_days, str(pace_ms)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed, a in enumerate(actors)
    ]
    waits: list[float] = []
    errors: list[dict] = []
    actions = 0
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"writer failed: {err[-1000:]}")
        for event in (json.loads(line) for line in out.splitlines() if line.strip()):
            if event["kind"] == "summary":
                waits += event["waits_ms"]
            elif event["kind"] == "error":
                errors.append(event)
            elif event["kind"] not in ("actions", "refused"):
                actions += 1
    return {"waits": waits, "errors": errors, "actions": actions}


def run() -> list[Line]:
    lines = []
    for pace, label in ((10.0, "paced 0–20 ms"), (0.0, "tight loop, stress")):
        result = _two_writers(pace)
        waits, errors = result["waits"], result["errors"]
        p99, worst = percentile(waits, 99), max(waits)
        locked = sum("locked" in e["message"] for e in errors)
        lines.append(
            Line(
                f"two desk processes writing one SQLite file ({label})",
                f"{result['actions']} actions in {SECONDS:.0f} s; wait p50 {median(waits):.1f} ms, "
                f"p99 {p99:.1f} ms, max {worst:.0f} ms; errors reaching the caller: "
                f"{len(errors)} ({locked} 'database is locked')",
                "no 'database is locked' / p99 wait ≤ 150 ms",
                not errors,
                p99 <= 150,
                figures={"p99_ms": p99, "max_ms": worst, "errors": len(errors)},
            )
        )
    return lines
