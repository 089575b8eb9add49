"""Two desk processes writing one database at once (SQLite file, and PostgreSQL).

Each child runs a random mix of the write actions the services offer
(check-ins, Megafon sales, supply hand-outs, Z-closes of past days, both
children racing for the same days) for a few seconds. Afterwards: no
OperationalError ("database is locked", serialization failures, …) reached
the caller, every action a child confirmed is stored, and the Z numbers are
1, 2, 3, … with no gap and no day closed twice.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from frontdesk.db.models import DayClose, HandOut, MegafonSale, Visit, database
from frontdesk.services import days
from frontdesk.services.actor import Actor
from frontdesk.services.staff import add_staff
from tests.helpers_proc import prepare_services

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 3.0
CLOSE_DAYS = 40
VENDOR_NUMBER = 4242


def _run_writers(target: str, actors: list[Actor], vendor: str, close_days: str) -> list[dict]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.helpers_proc", "writer", target]
            + [str(a.centre_id), str(a.staff_id), a.initials, a.role]
            + [str(SECONDS), str(seed), vendor, close_days],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed, a in enumerate(actors)
    ]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
        outputs.append([json.loads(line) for line in out.splitlines() if line.strip()])
    return outputs


@pytest.mark.slow
def test_two_writers_lose_nothing_and_never_see_locked(backend: str, lead: Actor) -> None:
    second = add_staff(lead, "EF", "5678", "lead")
    other = Actor(lead.centre_id, second.id, second.initials, second.role)
    vendor = prepare_services(lead, VENDOR_NUMBER)
    today = days.today(lead.centre_id)
    close_days = ",".join(
        (today - dt.timedelta(days=n)).isoformat() for n in range(CLOSE_DAYS, 0, -1)
    )
    if not database.is_closed():
        database.close()  # the children have the file to themselves

    outputs = _run_writers(backend, [lead, other], vendor, close_days)

    events: list[dict[str, Any]] = [e for out in outputs for e in out]
    errors = [e for e in events if e["kind"] == "error"]
    assert errors == [], f"errors reached the caller: {errors[:3]}"
    refused = [e for e in events if e["kind"] == "refused"]
    # The only refusal expected: the other desk closed that day first.
    assert all(e["action"] == "close" and "already closed" in e["message"] for e in refused)
    summaries = [e for e in events if e["kind"] == "summary"]
    assert len(summaries) == 2

    database.connect(reuse_if_open=True)
    visit_ids = {e["id"] for e in events if e["kind"] == "visit"}
    assert len(visit_ids) > 10
    assert visit_ids <= {v.id for v in Visit.select(Visit.id)}
    sale_ids = {e["id"] for e in events if e["kind"] == "sale"}
    if sale_ids:
        assert sale_ids <= {s.id for s in MegafonSale.select(MegafonSale.id)}
    hand_out_ids = {e["id"] for e in events if e["kind"] == "hand_out"}
    if hand_out_ids:
        assert hand_out_ids <= {h.id for h in HandOut.select(HandOut.id)}

    closes = [e["id"] for e in events if e["kind"] == "close"]
    stored = [
        (r.business_date.isoformat(), r.z_no)
        for r in DayClose.select().where(DayClose.centre == lead.centre_id)
    ]
    assert sorted((c["date"], c["z_no"]) for c in closes) == sorted(stored)
    z_numbers = sorted(z for _, z in stored)
    assert z_numbers == list(range(1, len(z_numbers) + 1)), "Z numbers have a gap or a twin"
    assert len({d for d, _ in stored}) == len(stored), "a day was closed twice"
