"""X- and Z-report for one day on 5 years x 4 centres, against the same day on an
empty history (a database holding only that day's rows), measured side by side.

X-report: ``dayclose.x_report`` as the desk calls it (a tally and an audit event,
committed). Z-report: ``dayclose.close_day`` of that day inside an outer
transaction that first removes the day's stored Z-report and is rolled back
afterwards, so the cached database is unchanged; this times everything the
close does (tally, Z number, grand total, the Z row, the audit event) except
the final commit's fsync, which the check-in line measures.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from benchmarks.common import Line, median, ms, percentile

ROUNDS = 3
PER_ROUND = 10


def _bind(target: str) -> Any:
    from frontdesk import db

    return db.connect(target)


def latest_closed_day(target: str) -> tuple[int, dt.date]:
    """The first centre and its latest closed day (the demo closes every day before today)."""
    from peewee import fn

    from frontdesk.db.models import Centre, DayClose

    _bind(target)
    centre_id = Centre.select(fn.MIN(Centre.id)).scalar()
    day = (
        DayClose.select(fn.MAX(DayClose.business_date)).where(DayClose.centre == centre_id).scalar()
    )
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return centre_id, day


def lead_of(centre_id: int) -> Any:
    from frontdesk.db.models import Staff
    from frontdesk.services.actor import Actor

    row = (
        Staff.select()
        .where((Staff.centre == centre_id) & (Staff.role == "lead") & Staff.active)
        .order_by(Staff.id)
        .first()
    )
    return Actor(centre_id, row.id, row.initials, row.role)


def copy_one_day(source: str, target: str, day: dt.date) -> None:
    """Make ``target`` (empty, migrated here) hold only ``day``'s rows of ``source``.

    Undated rows (centres, settings, staff, visitors, catalogue, issues) are
    copied whole; dated rows only for that day; the audit trail not at all.
    """
    from frontdesk import db
    from frontdesk.db.models import ALL_MODELS, AuditEvent, HandOut, HandOutLine
    from frontdesk.services.store import open_store

    _bind(source)
    rows: dict[Any, list[dict]] = {}
    day_hand_outs: set[int] = set()
    for model in ALL_MODELS:
        if model is AuditEvent:
            continue
        query = model.select()
        if "business_date" in model._meta.fields:
            query = query.where(model.business_date == day)
        data = list(query.dicts())
        if model is HandOut:
            day_hand_outs = {r["id"] for r in data}
        if model is HandOutLine:
            data = [r for r in data if r["hand_out"] in day_hand_outs]
        rows[model] = data
    database = open_store(target, create=True, upgrade=True)
    with database.atomic():
        for model, data in rows.items():
            for start in range(0, len(data), 500):
                model.insert_many(data[start : start + 500]).execute()
    if db.is_postgres(database):
        for model in rows:
            table = model._meta.table_name
            database.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
            )


def _x_once(actor: Any, day: dt.date) -> float:
    from frontdesk.services import dayclose

    started = time.perf_counter()
    dayclose.x_report(actor, day)
    return ms(time.perf_counter() - started)


def _z_once(actor: Any, day: dt.date) -> float:
    from frontdesk.db.models import DayClose, database
    from frontdesk.services import dayclose

    with database.atomic() as txn:
        DayClose.delete().where(
            (DayClose.centre == actor.centre_id) & (DayClose.business_date == day)
        ).execute()
        started = time.perf_counter()
        dayclose.close_day(actor, 0, day)
        elapsed = ms(time.perf_counter() - started)
        txn.rollback()
    return elapsed


def measure(big: str, one_day: str, backend: str) -> list[Line]:
    """X and Z on both databases, in alternating rounds."""
    centre_id, day = latest_closed_day(big)
    copy_one_day(big, one_day, day)
    times: dict[str, list[float]] = {k: [] for k in ("x_big", "x_one", "z_big", "z_one")}
    for _ in range(ROUNDS):
        for label, target in (("big", big), ("one", one_day)):
            _bind(target)
            actor = lead_of(centre_id)
            _x_once(actor, day)  # warm this connection
            _z_once(actor, day)
            for _ in range(PER_ROUND):
                times[f"x_{label}"].append(_x_once(actor, day))
                times[f"z_{label}"].append(_z_once(actor, day))
    lines = []
    for kind, title in (("x", "X-report"), ("z", "Z-report (close_day, rolled back)")):
        big_ms, one_ms = median(times[f"{kind}_big"]), median(times[f"{kind}_one"])
        big_p95 = percentile(times[f"{kind}_big"], 95)
        ratio = big_ms / one_ms
        lines.append(
            Line(
                f"{title}, one day of 5 years x 4 centres ({backend})",
                f"median {big_ms:.1f} ms, p95 {big_p95:.1f} ms; same day on an empty history "
                f"{one_ms:.1f} ms; ratio {ratio:.2f} (day {day.isoformat()})",
                "must ≤ 100 ms and ratio ≤ 1.5 / aim ≤ 10 ms",
                big_ms <= 100 and ratio <= 1.5,
                big_ms <= 10,
                figures={
                    "median_ms": big_ms,
                    "p95_ms": big_p95,
                    "empty_ms": one_ms,
                    "ratio": ratio,
                },
            )
        )
    from frontdesk.db.models import database

    database.close()
    return lines
