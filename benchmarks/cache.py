"""The cached big database (5 years x 4 centres) and how long building it took.

Built once with ``frontdesk demo`` into ``benchmarks/.cache/`` (git-ignored);
the build's wall time and peak memory are recorded next to it, so later runs
print the figure measured when the cache was made, with its date.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
FRONTDESK = [sys.executable, "-m", "frontdesk"]

BIG_DAYS, BIG_CENTRES, SEED = 1826, 4, 1


def big_db_path() -> Path:
    return CACHE / "big.db"


def record_path(name: str) -> Path:
    return CACHE / f"{name}.json"


def read_record(name: str) -> dict | None:
    path = record_path(name)
    return json.loads(path.read_text()) if path.exists() else None


def write_record(name: str, record: dict) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    record_path(name).write_text(json.dumps(record, indent=2, default=str))


def timed_run(args: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run a command under /usr/bin/time -v: (wall seconds, peak RSS MB, result)."""
    cmd = ["/usr/bin/time", "-v", *args] if Path("/usr/bin/time").exists() else list(args)
    started = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    wall = time.perf_counter() - started
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    peak_mb = int(match.group(1)) / 1024 if match else float("nan")
    return wall, peak_mb, result


def build_demo(target: str, days: int, centres: int, record: str | None = None) -> dict:
    """Build a demo database with the real command, timed; optionally record the figure."""
    if not target.startswith("postgres"):
        for suffix in ("", "-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
    args = [*FRONTDESK, "demo", "--days", str(days), "--centres", str(centres)]
    args += ["--seed", str(SEED), "--db", target]
    wall, peak_mb, result = timed_run(args, cwd=ROOT, env={**os.environ, "COLUMNS": "200"})
    if result.returncode != 0:
        raise RuntimeError(f"frontdesk demo failed: {result.stderr[-1500:]}")
    info = {
        "seconds": round(wall, 1),
        "peak_rss_mb": round(peak_mb, 1),
        "days": days,
        "centres": centres,
        "target": target if not target.startswith("postgres") else "postgresql",
        "measured": dt.datetime.now().isoformat(timespec="seconds"),
        "output": result.stdout.strip().splitlines()[0] if result.stdout.strip() else "",
    }
    if record:
        write_record(record, info)
    return info


def ensure_big_db() -> tuple[Path, dict]:
    """The big SQLite demo database, built (and its build timed) when absent."""
    path = big_db_path()
    info = read_record("demo_build")
    if not path.exists() or info is None:
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"building the cached 5-year demo database at {path} (once) …", flush=True)
        info = build_demo(str(path), BIG_DAYS, BIG_CENTRES, record="demo_build")
    upgrade(str(path))
    return path, info


def upgrade(target: str) -> None:
    """Bring a cached database to the code's schema (new migrations land over time)."""
    result = subprocess.run(
        [*FRONTDESK, "--db", target, "db", "upgrade"], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"frontdesk db upgrade failed: {result.stderr.strip()[-500:]}")


def copy_db(source: Path, target: Path) -> Path:
    """A copy of an SQLite database (checkpointed first, so the copy is whole)."""
    import sqlite3

    con = sqlite3.connect(source)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return target


if __name__ == "__main__":
    p, i = ensure_big_db()
    print(p, i)
