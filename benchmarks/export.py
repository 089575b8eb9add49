"""`frontdesk export` of 5 years x 4 centres of daily tallies: wall time and peak RSS
(of the whole export process, /usr/bin/time -v), and 1 year against 5 years to
show memory is flat in the number of days."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from benchmarks.cache import ROOT, timed_run
from benchmarks.common import Line, median

RUNS = 3


def _export(target: str, first: dt.date, last: dt.date, out: Path) -> tuple[float, float]:
    walls, peaks = [], []
    for _ in range(RUNS):
        wall, peak, result = timed_run(
            [sys.executable, "-m", "frontdesk", "--db", target, "export"]
            + ["--from", first.isoformat(), "--to", last.isoformat(), "-o", str(out)],
            cwd=ROOT,
        )
        if result.returncode != 0:
            raise RuntimeError(f"export failed: {result.stderr[-800:]}")
        walls.append(wall)
        peaks.append(peak)
    return median(walls), max(peaks)


def measure(target: str, last_day: dt.date, out_dir: Path, backend: str) -> list[Line]:
    five = _export(target, last_day - dt.timedelta(days=1830), last_day, out_dir / "five.csv")
    with open(out_dir / "five.csv", encoding="utf-8") as handle:
        rows = sum(1 for _ in handle) - 1
    one = _export(target, last_day - dt.timedelta(days=364), last_day, out_dir / "one.csv")
    wall, peak = five
    # Flat: five times the days may not cost more than 10 % (or 3 MB) more memory.
    growth = peak - one[1]
    flat = growth <= max(3.0, one[1] * 0.10)
    return [
        Line(
            f"export, 5 years x 4 centres of daily tallies ({backend})",
            f"{rows:,} rows in {wall:.2f} s (median of {RUNS}), peak RSS {peak:.0f} MB; "
            f"1 year: {one[0]:.2f} s, {one[1]:.0f} MB; 5 years costs {growth:+.1f} MB "
            f"({'flat' if flat else 'NOT flat'})",
            "must ≤ 2 s, memory flat / aim ≤ 0.5 s, ≤ 50 MB",
            wall <= 2 and flat,
            wall <= 0.5 and peak <= 50,
            figures={"seconds": wall, "peak_mb": peak, "one_year_s": one[0], "one_year_mb": one[1]},
        )
    ]
