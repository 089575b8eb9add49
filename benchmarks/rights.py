"""A visitor's erasure on 5 years x 4 centres: the busiest code of the first centre.

``rights.erase_visitor`` runs as the command line calls it, inside an outer
transaction that is rolled back afterwards, so the cached database is unchanged:
this times everything the erasure does (every link emptied, the free-text scrub over
the centre's void reasons and audit details, the visitor row, the audit event)
except the final commit and the WAL checkpoint after it (tens of ms on this file).
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks.common import Line, median

ROUNDS = 3


class _Rollback(Exception):
    pass


def busiest_code(centre_id: int) -> str:
    from peewee import fn

    from frontdesk.db.models import Visit, Visitor

    row: Any = (
        Visitor.select(Visitor.code)
        .join(Visit, on=(Visit.visitor == Visitor.id))
        .where(Visitor.centre == centre_id)
        .group_by(Visitor.id, Visitor.code)
        .order_by(fn.COUNT(Visit.id).desc())
        .first()
    )
    return str(row.code)


def measure(target: str, label: str) -> list[Line]:
    from benchmarks.reports import latest_closed_day
    from frontdesk import db
    from frontdesk.db.models import database
    from frontdesk.services import rights
    from frontdesk.services.actor import Actor

    centre_id, _ = latest_closed_day(target)
    code = busiest_code(centre_id)
    actor = Actor.cli(centre_id)
    seconds = []
    saved = rights.db.truncate_wal
    rights.db.truncate_wal = lambda *_: True  # type: ignore[assignment]  # nothing to fold: rolled back
    try:
        for _ in range(ROUNDS):
            started = time.perf_counter()
            try:
                with database.atomic():
                    done = rights.erase_visitor(actor, code, "benchmark")
                    seconds.append(time.perf_counter() - started)
                    raise _Rollback
            except _Rollback:
                pass
    finally:
        rights.db.truncate_wal = saved
        db.database.close()
    typical = median(seconds)
    rows = sum(done.counts.values())
    return [
        Line(
            f"visitor erase, busiest code ({rows:,} rows), 5 years × 4 centres, {label}",
            f"{typical * 1000:.0f} ms",
            "must ≤ 2 s, aim ≤ 0.5 s",
            typical <= 2.0,
            aim_met=typical <= 0.5,
        )
    ]
