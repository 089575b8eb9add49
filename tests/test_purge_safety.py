"""Purge without harm: in batches, resumable, a purged day stays closed, stock figures unchanged.

Also the day-close date rule: no Z number for a day before the centre existed.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from freezegun import freeze_time

from frontdesk import db
from frontdesk.db import migrate
from frontdesk.db.models import AuditEvent, Centre, DayClose, HandOut, Visit
from frontdesk.errors import BadInput
from frontdesk.services import purge as purging
from frontdesk.services import supplies
from frontdesk.services.actor import Actor
from frontdesk.services.centre import find_centre, init_centre
from frontdesk.services.dayclose import close_day, reopen_day
from tests.conftest import LEAD_PIN, open_since
from tests.test_cli_export import DAY, NEXT, ROOT, run
from tests.test_cli_purge import exports, seed_with_stock, stock

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


# -- 4: a purged day cannot be reopened ------------------------------------------------


def test_a_purged_day_cannot_be_reopened(backend: str, lead: Actor) -> None:
    seed_with_stock(lead)
    before = exports(backend)
    assert run("--db", backend, "purge", "--before", NEXT.isoformat(), "--yes").exit_code == 0
    with pytest.raises(BadInput) as refused:
        reopen_day(lead, DAY, LEAD_PIN, "recount")
    assert str(refused.value) == (
        "The day 2026-03-02 cannot be reopened: its individual records were purged or erased, so its stored Z-report is final."
    )
    assert refused.value.nb.startswith("Dagen 2026-03-02 kan ikke gjenåpnes")
    # The Z-report and every export of the day are as they were.
    assert DayClose.get(DayClose.business_date == DAY).reopened_at is None
    assert exports(backend) == before


def test_a_closed_day_that_was_not_purged_can_still_be_reopened(backend: str, lead: Actor) -> None:
    seed_with_stock(lead)
    reopen_day(lead, DAY, LEAD_PIN, "recount")
    assert DayClose.get(DayClose.business_date == DAY).reopened_at is not None


def test_days_purged_by_an_older_frontdesk_are_marked_by_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = db.connect(str(path), create=True)
    migrate._runner(old).up(target="0003_day_close_grand_total_index")
    old.execute_sql("INSERT INTO centre (code, name, created_at) VALUES ('STR', 'S', '2026-01-01')")
    for z_no, day, closed in (
        (1, "2026-03-02", "2026-03-03 20:00:00"),
        (2, "2026-03-09", "2026-03-10 20:00:00"),
    ):
        old.execute_sql(
            "INSERT INTO day_close (centre_id, business_date, z_no, version, tally, "
            "expected_cash_ore, counted_cash_ore, diff_ore, revenue_ore, grand_total_ore, "
            "sales_by_staff, closed_at) VALUES (1, ?, ?, 1, '{}', 0, 0, 0, 0, 0, '[]', ?)",
            (day, z_no, closed),
        )
    old.execute_sql(
        "INSERT INTO audit_event (at, centre_id, actor, action, entity, entity_id, detail) "
        "VALUES ('2026-03-05 12:00:00', 1, 'cli', 'purge', 'centre', 1, ?)",
        (json.dumps({"before": "2026-03-05", "visits": 10}),),
    )
    migrate.upgrade(old)
    marked = {str(r.business_date): r.purged_at is not None for r in DayClose.select()}
    assert marked == {"2026-03-02": True, "2026-03-09": False}


# -- 3a: in batches, each committed; resumable -----------------------------------------


def _busy_days(actor: Actor, first: dt.date, count: int, per_day: int) -> list[dt.date]:
    """Closed days with plain visits (bulk-inserted: the purge is what is tested)."""
    days = [first + dt.timedelta(days=n) for n in range(count)]
    rows = [
        {
            "centre": actor.centre_id,
            "gender": "u",
            "at": dt.datetime.combine(day, dt.time(11)),
            "business_date": day,
            "local_hour": 12,
            "staff": actor.staff_id,
        }
        for day in days
        for _ in range(per_day)
    ]
    with db.database.atomic():
        for start in range(0, len(rows), 2000):
            Visit.insert_many(rows[start : start + 2000]).execute()
    for day in days:
        close_day(actor, 0, day)
    return days


def test_purge_commits_a_batch_of_whole_days_at_a_time(
    backend: str, lead: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    days = _busy_days(lead, DAY, 5, 3)
    monkeypatch.setattr(purging, "BATCH_ROWS", 7)  # two days (6 rows) a batch
    done = purging.purge([find_centre()], days[-1] + dt.timedelta(days=1))
    assert done.totals()["visits"] == 15
    events = AuditEvent.select().where(AuditEvent.action == "purge").order_by(AuditEvent.id)
    spans = [(json.loads(e.detail)["first_day"], json.loads(e.detail)["last_day"]) for e in events]
    assert spans == [
        ("2026-03-02", "2026-03-03"),
        ("2026-03-04", "2026-03-05"),
        ("2026-03-06", "2026-03-06"),
    ]
    assert [json.loads(e.detail)["visits"] for e in events] == [6, 6, 3]


@SQLITE
def test_an_interrupted_purge_leaves_whole_days_and_finishes_when_run_again(
    backend: str, lead: Actor
) -> None:
    days = _busy_days(lead, DAY, 5, 3)
    before = exports(backend)
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        import datetime as dt
        from frontdesk import db
        from frontdesk.services import purge
        from frontdesk.services.centre import find_centre
        db.connect(sys.argv[1])
        purge.BATCH_ROWS = 3  # one day a batch
        def step(done, total):
            if done == 2:
                os.kill(os.getpid(), signal.SIGKILL)  # killed after two days
        purge.purge([find_centre()], dt.date.fromisoformat({days[-1].isoformat()!r}) + dt.timedelta(days=1), step)
        """
    )
    child = subprocess.run(
        [sys.executable, "-c", script, backend], cwd=ROOT, capture_output=True, text=True
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    left = {d: Visit.select().where(Visit.business_date == d).count() for d in days}
    assert list(left.values()) == [0, 0, 3, 3, 3]  # two days gone, three untouched
    purged = [r.purged_at is not None for r in DayClose.select().order_by(DayClose.business_date)]
    assert purged == [True, True, False, False, False]
    again = run("--db", backend, "purge", "--before", "2026-03-07", "--yes")
    assert again.exit_code == 0, again.stderr
    assert "Deleted from 3 closed days" in again.stdout
    assert Visit.select().count() == 0
    assert exports(backend) == before


# -- 18: days of cover unchanged by a purge of recent days ------------------------------


def test_a_purge_of_recent_days_keeps_stock_and_days_of_cover(backend: str, lead: Actor) -> None:
    with freeze_time("2026-03-05 12:00:00"):  # DAY is within the last 28 days
        seed_with_stock(lead)
        before = {i.code: (i.stock, i.days_of_cover) for i in supplies.catalogue(lead.centre_id)}
        before_stock = stock()
        assert before["SPR2ML"][1] is not None  # something was handed out: a rate
        result = run("--db", backend, "purge", "--before", NEXT.isoformat(), "--yes")
        assert result.exit_code == 0, result.stderr
        assert HandOut.select().where(HandOut.business_date == DAY).count() == 0
        after = {i.code: (i.stock, i.days_of_cover) for i in supplies.catalogue(lead.centre_id)}
    assert after == before
    assert stock() == before_stock


# -- 18: no Z number for a day before the centre existed --------------------------------


def test_close_day_refuses_a_day_before_the_centre_existed(backend: str) -> None:
    with freeze_time("2026-03-05 12:00:00"):
        centre, member = init_centre("NEW", "Ny", "AB", LEAD_PIN)
        lead = Actor(centre.id, member.id, "AB", "lead")
        with pytest.raises(BadInput) as refused:
            close_day(lead, 0, dt.date(2001, 1, 1))
        assert str(refused.value) == (
            "The day 2001-01-01 is before the centre's first day (2026-03-05), "
            "so there is nothing to close."
        )
        assert DayClose.select().count() == 0
        # A day with records from before (e.g. history brought in) can be closed.
        Visit.create(
            centre=centre.id,
            gender="u",
            at=dt.datetime(2026, 3, 1, 11),
            business_date=dt.date(2026, 3, 1),
            local_hour=12,
        )
        assert close_day(lead, 0, dt.date(2026, 3, 2)).z_no == 1
        assert close_day(lead, 0, dt.date(2026, 3, 5)).z_no == 2
    assert Centre.get_by_id(centre.id).code == "NEW"


def test_a_reopen_racing_a_purge_waits_and_finds_the_day_purged(
    pg_backend: str, tmp_path: Path
) -> None:
    """PostgreSQL: a purge holds the day's Z-report row; a reopen waits for it, then refuses."""
    import threading

    import psycopg

    centre, member = init_centre("STR", "Strax-huset", "AB", LEAD_PIN)
    open_since(centre.id)
    lead = Actor(centre.id, member.id, "AB", "lead")
    close_day(lead, 0, DAY)
    purge_tx = psycopg.connect(pg_backend)
    try:
        # The purge's batch, midway: the Z-report row held, the day marked, not yet committed.
        purge_tx.execute(
            "SELECT id FROM day_close WHERE business_date = %s AND reopened_at IS NULL FOR UPDATE",
            (DAY,),
        )
        purge_tx.execute("UPDATE day_close SET purged_at = now() WHERE business_date = %s", (DAY,))
        outcome: list[object] = []

        def reopen() -> None:
            try:
                reopen_day(Actor.cli(centre.id), DAY, "", "recount")
                outcome.append("reopened")
            except BadInput as exc:
                outcome.append(str(exc))
            finally:
                db.database.close()

        racer = threading.Thread(target=reopen)
        racer.start()
        watcher = psycopg.connect(pg_backend, autocommit=True)
        try:
            while not watcher.execute("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()[
                0
            ]:
                racer.join(0.02)
                assert racer.is_alive(), outcome  # it must wait for the purge
        finally:
            watcher.close()
        purge_tx.commit()
        racer.join(60)
    finally:
        purge_tx.close()
    assert outcome == [
        "The day 2026-03-02 cannot be reopened: its individual records were purged or erased, so its stored Z-report is final."
    ]
