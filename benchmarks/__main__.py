"""`make bench`: every speed target (docs/benchmarks.md) measured, one line each.

    .venv/bin/python -m benchmarks [--only NAME,…] [--markdown FILE]

The 5-year demo databases are built once (SQLite in benchmarks/.cache/, and
on PostgreSQL when a server is available: $FRONTDESK_TEST_PG or
scripts/test-postgres.sh) and reused; their build time is printed from the
record made when they were built. Figures of the last run are kept in
benchmarks/.cache/last_run.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from benchmarks import cache
from benchmarks.common import Line, pg_server, scratch

SECTIONS = (
    "demo", "checkin", "tui", "cli", "reports", "export", "writers", "papers", "rights", "city",
)  # fmt: skip
# The sections that read the cached 5-year databases (the others build their own).
BIG_SECTIONS = {"demo", "reports", "export", "rights"}


def machine() -> str:
    cpu = ""
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), {mem}, "
        f"Python {platform.python_version()}"
    )


def demo_lines(sqlite_info: dict, pg_info: dict | None) -> list[Line]:
    lines = []
    for info, backend in ((sqlite_info, "SQLite"), (pg_info, "PostgreSQL")):
        if not info:
            continue
        seconds = float(info["seconds"])
        lines.append(
            Line(
                f"frontdesk demo, 5 years x 4 centres ({backend})",
                f"{seconds:.0f} s, peak RSS {info.get('peak_rss_mb', 0):.0f} MB "
                f"(measured {info['measured']} when the cache was built)",
                "must: minutes (≤ 10 min) / aim ≤ 60 s",
                seconds <= 600,
                seconds <= 60,
                figures=info,
            )
        )
    return lines


def small_db() -> Path:
    """30 days x 2 centres, for the command-line start lines."""
    path = cache.CACHE / "small.db"
    if not path.exists():
        cache.build_demo(str(path), 30, 2)
    cache.upgrade(str(path))
    return path


def show(line: Line) -> None:
    print(f"{line.verdict:<24} {line.name}", flush=True)
    print(f"{'':<24}   measured: {line.measured}", flush=True)
    print(f"{'':<24}   target:   {line.target}", flush=True)


def markdown(lines: list[Line], started: str, total_s: float) -> str:
    out = [
        f"Measured {started} on {machine()}; the whole run took {total_s:.0f} s.",
        "",
        "| target | measured | must / aim | result |",
        "|---|---|---|---|",
    ]
    for line in lines:
        measured = line.measured.replace("|", "/")
        out.append(f"| {line.name} | {measured} | {line.target} | {line.verdict} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--only", help=f"comma-separated sections of: {', '.join(SECTIONS)}")
    parser.add_argument("--markdown", help="also write the results table to this file")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    started_at = dt.datetime.now().isoformat(timespec="seconds")
    started = time.perf_counter()
    print(f"frontdesk benchmarks, {started_at}\n{machine()}\n", flush=True)

    needs_big = bool(only & BIG_SECTIONS)
    big, big_info = cache.ensure_big_db() if needs_big else (None, {})
    server = None if args.no_pg or only <= {"papers", "cli", "tui"} else pg_server()
    pg_big, pg_info = (None, None)
    if server and needs_big:
        from benchmarks.pg import ensure_pg_big

        pg_big, pg_info = ensure_pg_big(server)
    elif not server:
        print("(no PostgreSQL server: the PostgreSQL lines are skipped)\n", flush=True)

    lines: list[Line] = []

    def section(name: str, run: Callable[[], list[Line]]) -> None:
        if name not in only:
            return
        try:
            produced = run()
        except Exception as exc:  # noqa: BLE001 - one broken section must not hide the rest
            traceback.print_exc()
            produced = [Line(f"{name}: could not be measured", repr(exc)[:300], "-", False)]
        for line in produced:
            show(line)
        lines.extend(produced)

    section("demo", lambda: demo_lines(big_info, pg_info))

    def checkin() -> list[Line]:
        from benchmarks import checkin as bench

        return bench.run(server)

    section("checkin", checkin)

    def tui() -> list[Line]:
        from benchmarks import tui as bench

        return bench.run()

    section("tui", tui)

    def cli() -> list[Line]:
        from benchmarks import cli_imports

        return cli_imports.run(small_db(), cache.CACHE)

    section("cli", cli)

    def reports() -> list[Line]:
        from benchmarks import reports as bench

        result = bench.measure(str(big), str(scratch("oneday.db")), "SQLite")
        if pg_big and server:
            from benchmarks.common import pg_recreate

            one = pg_recreate(server, "fd_bench_oneday")
            result += bench.measure(pg_big, one, "PostgreSQL")
        return result

    section("reports", reports)

    def export() -> list[Line]:
        from benchmarks import export as bench
        from benchmarks.reports import latest_closed_day

        _, last = latest_closed_day(str(big))
        result = bench.measure(str(big), last, cache.CACHE, "SQLite")
        if pg_big:
            _, last = latest_closed_day(pg_big)
            result += bench.measure(pg_big, last, cache.CACHE, "PostgreSQL")
        from frontdesk.db.models import database

        database.close()
        return result

    section("export", export)

    def writers() -> list[Line]:
        from benchmarks import writers as bench

        return bench.run()

    section("writers", writers)

    def papers() -> list[Line]:
        from benchmarks import papers as bench

        return bench.run()

    section("papers", papers)

    def erase() -> list[Line]:
        from benchmarks import rights as bench

        result = bench.measure(str(big), "SQLite")
        if pg_big:
            result += bench.measure(pg_big, "PostgreSQL")
        return result

    section("rights", erase)

    def city() -> list[Line]:
        from benchmarks import city as bench

        return bench.run(server)

    section("city", city)

    total = time.perf_counter() - started
    whole = Line(
        "make bench, whole run (after the cached builds)",
        f"{total:.0f} s",
        "must ≤ 600 s",
        total <= 600,
    )
    show(whole)
    lines.append(whole)

    failed = [line for line in lines if line.ok is False]
    print(f"\n{len(lines) - len(failed)} of {len(lines)} lines PASS", flush=True)
    record = {
        "started": started_at,
        "machine": machine(),
        "seconds": total,
        "lines": [line.__dict__ for line in lines],
    }
    cache.write_record("last_run", record)
    if args.markdown:
        Path(args.markdown).write_text(markdown(lines, started_at, total))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
