"""`frontdesk --help` and `frontdesk export` never import Textual; their wall time."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from benchmarks.cache import ROOT
from benchmarks.common import Line, median, ms

RUNS = 7

# Runs the real entry point; at exit reports whether Textual was ever imported.
PROBE = """
import atexit, sys
def _report():
    loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
    sys.stderr.write("\\nTEXTUAL-LOADED %d\\n" % len(loaded))
atexit.register(_report)
sys.argv = ["frontdesk", *sys.argv[1:]]
from frontdesk.cli import main
main()
"""


def probe(args: list[str]) -> tuple[float, bool, str]:
    """(median wall ms over RUNS, Textual loaded in any run, last stderr)."""
    walls, loaded, err = [], False, ""
    for _ in range(RUNS):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True
        )
        walls.append(ms(time.perf_counter() - started))
        err = out.stderr
        if out.returncode != 0:
            raise RuntimeError(f"frontdesk {' '.join(args)} failed: {out.stderr[-800:]}")
        marker = [line for line in out.stderr.splitlines() if line.startswith("TEXTUAL-LOADED")]
        loaded = loaded or not marker or marker[-1] != "TEXTUAL-LOADED 0"
    return median(walls[1:]), loaded, err


def run(small_db: Path, out_dir: Path) -> list[Line]:
    lines = []
    bare_python = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare_python.append(ms(time.perf_counter() - started))
    for label, args in (
        ("frontdesk --help", ["--help"]),
        (
            "frontdesk export (small db, 30 days)",
            ["--db", str(small_db), "export", "--from", "2010-01-01", "--to", "2029-12-31"]
            + ["-o", str(out_dir / "small-export.csv")],
        ),
    ):
        wall, loaded, _ = probe(args)
        lines.append(
            Line(
                f"{label}: never imports Textual",
                f"Textual imported: {'YES' if loaded else 'no'}; wall {wall:.0f} ms "
                f"(bare python {median(bare_python):.0f} ms)",
                "never imports Textual",
                not loaded,
                figures={"wall_ms": wall, "textual_loaded": loaded},
            )
        )
    return lines
