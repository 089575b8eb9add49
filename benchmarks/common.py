"""Shared bits of the benchmarks: statistics, result lines, scratch databases."""

from __future__ import annotations

import math
import os
import statistics
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.cache import CACHE, ROOT


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0–100) of the values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> float:
    return seconds * 1000


@dataclass
class Line:
    """One printed line: what, the measured figure, the target and the verdict."""

    name: str
    measured: str
    target: str
    ok: bool | None  # None: information only (no target)
    aim_met: bool | None = None
    note: str = ""
    figures: dict = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        if self.ok is None:
            return "info"
        if not self.ok:
            return "FAIL"
        if self.aim_met is False:
            return "PASS (must; aim missed)"
        return "PASS"


def scratch(name: str) -> Path:
    """A path under the cache folder for a throw-away database or file."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / name
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def pg_server() -> str | None:
    """The PostgreSQL server URL ($FRONTDESK_TEST_PG, else scripts/test-postgres.sh), or None."""
    url = os.environ.get("FRONTDESK_TEST_PG", "").strip()
    if url:
        return url
    script = ROOT / "scripts" / "test-postgres.sh"
    if not script.exists():
        return None
    try:
        out = subprocess.run([str(script)], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None


def pg_database_url(server: str, name: str) -> str:
    from urllib.parse import urlparse, urlunparse

    parts = urlparse(server)
    return urlunparse(parts._replace(path=f"/{name}"))


def pg_admin(server: str, sql: str) -> list[tuple]:
    """Run one statement on the server's own database (autocommit), e.g. CREATE DATABASE."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as con:
        cur = con.execute(sql)
        return cur.fetchall() if cur.description else []


def pg_exists(server: str, name: str) -> bool:
    rows = pg_admin(server, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    return bool(rows)


def pg_recreate(server: str, name: str) -> str:
    pg_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg_admin(server, f'CREATE DATABASE "{name}"')
    return pg_database_url(server, name)
