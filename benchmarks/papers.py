"""Papers: a Z-report PDF and a one-year, four-centre report PDF, each the real command
(``frontdesk print z -o FILE.pdf``, ``frontdesk report --pdf FILE``) timed end to end in a
fresh process: start-up, the fpdf2 import, reading the tallies, drawing, writing.

A one-year demo of four centres (366 days, cached in benchmarks/.cache/) is enough: the
report reads one stored Z-report per centre-day, so the years before it cost nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import cache
from benchmarks.common import Line, median

RUNS = 3
DAYS, CENTRES = 366, 4


def year_db() -> Path:
    """366 days x 4 centres, built once with `frontdesk demo`."""
    path = cache.CACHE / "papers-1y.db"
    if not path.exists():
        cache.CACHE.mkdir(parents=True, exist_ok=True)
        cache.build_demo(str(path), DAYS, CENTRES, record="papers-1y")
    cache.upgrade(str(path))
    return path


def _last_closed(target: Path) -> tuple[str, dt.date]:
    from peewee import fn

    from frontdesk import db
    from frontdesk.db.models import Centre, DayClose

    db.connect(str(target))
    centre = Centre.select().order_by(Centre.code).first()
    day = DayClose.select(fn.MAX(DayClose.business_date)).where(DayClose.centre == centre.id)
    value = day.scalar()
    db.database.close()
    return centre.code, value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _timed(args: list[str]) -> tuple[float, float]:
    """Median wall and CPU seconds of the command over RUNS fresh processes.

    The verdict is on wall time; the CPU time (user + system) is printed beside it
    because the 2 cores here are shared, and a busy neighbour stretches the wall time.
    """
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "frontdesk", *args],
            cwd=cache.ROOT,
            capture_output=True,
            text=True,
        )
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if out.returncode != 0:
            raise RuntimeError(f"frontdesk {' '.join(args)} failed: {out.stderr[-800:]}")
    return median(walls), median(cpus)


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def run() -> list[Line]:
    target = year_db()
    code, last = _last_closed(target)
    z_pdf = cache.CACHE / "papers-z.pdf"
    z_s, z_cpu = _timed(
        ["--db", str(target), "print", "z", "--centre", code, "--date", last.isoformat()]
        + ["-o", str(z_pdf)]
    )
    first = last - dt.timedelta(days=DAYS - 1)
    report_pdf = cache.CACHE / "papers-report.pdf"
    report_s, report_cpu = _timed(
        ["--db", str(target), "report", "--from", first.isoformat(), "--to", last.isoformat()]
        + ["--pdf", str(report_pdf)]
    )
    return [
        Line(
            "Z-report PDF (frontdesk print z -o z.pdf, whole command)",
            f"{z_s * 1000:.0f} ms (median of {RUNS}; CPU {z_cpu * 1000:.0f} ms; {_load()})",
            "must ≤ 1 s",
            z_s <= 1.0,
            figures={"seconds": z_s, "cpu_seconds": z_cpu},
        ),
        Line(
            f"report PDF, one year x {CENTRES} centres (frontdesk report --pdf, whole command)",
            f"{report_s:.2f} s (median of {RUNS}; CPU {report_cpu:.2f} s; {CENTRES + 1} pages)",
            "must ≤ 5 s",
            report_s <= 5.0,
            figures={"seconds": report_s, "cpu_seconds": report_cpu},
        ),
    ]
