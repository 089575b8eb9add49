"""One check-in: service call to committed row (SQLite WAL + synchronous=FULL), beside
the raw fsync latency of the same disk (the physical floor)."""

from __future__ import annotations

import os
import time

from benchmarks.common import Line, median, ms, percentile, scratch

CALLS = 600
WARM_UP = 20


def fsync_floor(samples: int = 500) -> tuple[float, float]:
    """p50 and p95 (ms) of writing a small record and fsync-ing it, on the cache's disk."""
    path = scratch("fsync.probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    times = []
    try:
        for i in range(samples):
            started = time.perf_counter()
            os.write(fd, f"{i:08d} a small record of about sixty bytes, like a row\n".encode())
            os.fsync(fd)
            times.append(ms(time.perf_counter() - started))
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)
    return median(times), percentile(times, 95)


def _checkins(target: str, create: bool) -> list[float]:
    from frontdesk.services import visits
    from frontdesk.services.actor import Actor
    from frontdesk.services.centre import init_centre
    from frontdesk.services.staff import add_staff
    from frontdesk.services.store import open_store

    open_store(target, create=create, upgrade=True)
    centre, lead = init_centre("STR", "Strax-huset", "AB", "4711")
    desk = add_staff(Actor(centre.id, lead.id, lead.initials, lead.role), "CD", "1234", "desk")
    actor = Actor(centre.id, desk.id, desk.initials, desk.role)
    for _ in range(WARM_UP):
        visits.check_in(actor)
    times = []
    for _ in range(CALLS):
        started = time.perf_counter()
        visits.check_in(actor)
        times.append(ms(time.perf_counter() - started))
    return times


def run(pg_server: str | None) -> list[Line]:
    from frontdesk.db.models import database

    floor50, floor95 = fsync_floor()
    path = scratch("checkin.db")
    times = _checkins(str(path), create=True)
    database.close()
    p50, p95 = median(times), percentile(times, 95)
    lines = [
        Line(
            "check-in, service call → committed row (SQLite)",
            f"p50 {p50:.2f} ms, p95 {p95:.2f} ms over {CALLS} calls; "
            f"disk fsync floor p50 {floor50:.2f} ms, p95 {floor95:.2f} ms",
            "p95 must ≤ 50 ms / aim ≤ 2 ms",
            p95 <= 50,
            p95 <= 2,
            figures={
                "p50_ms": p50,
                "p95_ms": p95,
                "fsync_p50_ms": floor50,
                "fsync_p95_ms": floor95,
            },
        )
    ]
    if pg_server:
        from benchmarks.common import pg_recreate

        url = pg_recreate(pg_server, "fd_bench_checkin")
        times = _checkins(url, create=True)  # a new, empty database: made like init does
        database.close()
        p50, p95 = median(times), percentile(times, 95)
        lines.append(
            Line(
                "check-in, service call → committed row (PostgreSQL, local)",
                f"p50 {p50:.2f} ms, p95 {p95:.2f} ms over {CALLS} calls",
                "p95 must ≤ 50 ms / aim ≤ 2 ms",
                p95 <= 50,
                p95 <= 2,
                figures={"p50_ms": p50, "p95_ms": p95},
            )
        )
    return lines
