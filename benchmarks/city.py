"""The city at scale (issue 15, item 5): 100 centres x 5 years of closed days (182,600
centre-days) pushed from one desk database into one city database, a second push that
finds nothing new, and the city's export of all of it (wall time and peak RSS, flat in
the number of days).

The desk database (benchmarks/.cache/city_desk.db) is built once: 100 centres with the
demo catalogue and one stored Z-report per day, its tally made by the real tally code
(``DayTally.metrics_json``) from seeded figures. The city database ``fd_bench_city`` is
made again for every run (``city init``; its centres added as the admin, without login
roles, since roles are shared by the whole server). The push runs as the city's admin.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

from benchmarks.cache import CACHE, ROOT, read_record, timed_run, write_record
from benchmarks.common import Line, pg_recreate

CENTRES = 100
DAYS = 1826  # 5 years
CITY_NAME = "fd_bench_city"
FIRST_DAY = dt.date(2021, 1, 1)


def desk_path() -> Path:
    return CACHE / "city_desk.db"


def ensure_desk() -> Path:
    """The 100-centre desk database with 182,600 stored Z-reports (built once)."""
    path = desk_path()
    if path.exists() and read_record("city_desk_build") is not None:
        return path
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    print(f"building the city desk database ({CENTRES} centres x {DAYS} days, once) …", flush=True)
    started = time.perf_counter()
    from frontdesk import db
    from frontdesk.db import migrate
    from frontdesk.db.models import Centre, DayClose, SupplyItem, database
    from frontdesk.services import tally
    from frontdesk.services.supplies import DEFAULT_CATALOGUE as CATALOGUE

    sq = db.connect(str(path), create=True)
    migrate.upgrade(sq)
    sq.execute_sql("PRAGMA synchronous=OFF")
    rng = random.Random(15)
    codes = [item[0] for item in CATALOGUE]
    with database.atomic():
        for n in range(CENTRES):
            centre = Centre.create(code=f"C{n:03d}", name=f"Centre {n:03d}")
            SupplyItem.insert_many(
                [
                    {
                        "centre": centre.id,
                        "code": code,
                        "name_nb": nb,
                        "name_en": en,
                        "unit": unit,
                        "kind": kind,
                        "low_stock": low,
                        "bin_litres": litres,
                        "sort_order": i,
                    }
                    for i, (code, nb, en, unit, kind, low, litres) in enumerate(CATALOGUE)
                ]
            ).execute()
            rows = []
            grand = 0
            for d in range(DAYS):
                day = FIRST_DAY + dt.timedelta(days=d)
                metrics = tally.empty_metrics(codes)
                visits = rng.randint(150, 500)
                metrics["visits.total"] = visits
                metrics["visits.unique"] = visits // 3
                metrics["visits.anonymous"] = visits // 2
                metrics["visits.m"] = visits - visits // 3
                metrics["visits.f"] = visits // 3
                metrics[tally.hour_key(12)] = visits
                metrics["lunch.total"] = metrics["lunch.visitor"] = rng.randint(20, 60)
                copies = rng.randint(0, 40)
                metrics["megafon.copies"] = copies
                metrics["megafon.sales"] = copies // 3
                metrics["megafon.revenue_ore"] = metrics["megafon.cash_ore"] = copies * 5000
                for code in codes:
                    metrics[tally.supply_key(code)] = rng.randint(0, 200)
                stored = tally.DayTally(centre.id, day, metrics).metrics_json()
                grand += copies * 5000
                rows.append(
                    (centre.id, day, d + 1, 1, stored, copies * 5000, copies * 5000, 0,
                     copies * 5000, grand, "[]", dt.datetime(2021, 1, 1) + dt.timedelta(days=d))
                )  # fmt: skip
            fields = [
                DayClose.centre, DayClose.business_date, DayClose.z_no, DayClose.version,
                DayClose.tally, DayClose.expected_cash_ore, DayClose.counted_cash_ore,
                DayClose.diff_ore, DayClose.revenue_ore, DayClose.grand_total_ore,
                DayClose.sales_by_staff, DayClose.closed_at,
            ]  # fmt: skip
            for start in range(0, len(rows), 2000):
                DayClose.insert_many(rows[start : start + 2000], fields=fields).execute()
    sq.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    sq.close()
    write_record("city_desk_build", {"seconds": time.perf_counter() - started})
    return path


def _fresh_city(server: str) -> str:
    """fd_bench_city made again: a city database with the desk's centres (no login roles)."""
    from frontdesk.db.models import Centre, database
    from frontdesk.services import city

    url = pg_recreate(server, CITY_NAME)
    city.init_city(url)
    with database.atomic():
        Centre.insert_many(
            [{"code": f"C{n:03d}", "name": f"Centre {n:03d}"} for n in range(CENTRES)]
        ).execute()
    database.close()
    return url


def run(server: str | None) -> list[Line]:
    if not server:
        return []
    from frontdesk import db
    from frontdesk.db.models import CityLink, CityOutbox, database
    from frontdesk.services import city
    from frontdesk.services.actor import Actor
    from frontdesk.services.centre import list_centres

    desk = ensure_desk()
    url = _fresh_city(server)
    db.connect(str(desk))
    with database.atomic():  # every day unsent: a first push
        CityOutbox.delete().execute()
        CityLink.delete().execute()
    ids = [c.id for c in list_centres()]
    started = time.perf_counter()
    first = city.push(Actor.cli(ids[0]), ids, url)
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    again = city.push(Actor.cli(ids[0]), ids, url)
    again_s = time.perf_counter() - started
    database.close()
    lines = [
        Line(
            f"city push, {CENTRES} centres x 5 years ({first.total:,} centre-days), first push",
            f"{first_s:.1f} s ({first.total / first_s:,.0f} days/s)",
            "must ≤ 60 s",
            first_s <= 60 and first.total == CENTRES * DAYS,
            figures={"seconds": first_s, "days": first.total},
        ),
        Line(
            "city push that finds nothing new (same data)",
            f"{again_s:.2f} s, {again.total} sent",
            "must ≤ 2 s",
            again_s <= 2 and again.total == 0,
            figures={"seconds": again_s},
        ),
    ]
    lines.append(_export_line(url))
    return lines


def _export(url: str, first: dt.date, last: dt.date, out: Path) -> tuple[float, float, int]:
    wall, peak, result = timed_run(
        [sys.executable, "-m", "frontdesk", "--db", url, "export"]
        + ["--from", first.isoformat(), "--to", last.isoformat(), "-o", str(out)],
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise RuntimeError(f"city export failed: {result.stderr[-800:]}")
    with open(out, encoding="utf-8") as handle:
        rows = sum(1 for _ in handle) - 1
    return wall, peak, rows


def _export_line(url: str) -> Line:
    last = FIRST_DAY + dt.timedelta(days=DAYS - 1)
    wall, peak, rows = _export(url, FIRST_DAY, last, CACHE / "city.csv")
    one_wall, one_peak, _ = _export(url, last - dt.timedelta(days=364), last, CACHE / "city1.csv")
    growth = peak - one_peak
    flat = growth <= max(3.0, one_peak * 0.10)
    return Line(
        f"city export, all {CENTRES} centres x 5 years (PostgreSQL)",
        f"{rows:,} rows in {wall:.2f} s, peak RSS {peak:.0f} MB; 1 year: {one_wall:.2f} s, "
        f"{one_peak:.0f} MB; 5 years costs {growth:+.1f} MB ({'flat' if flat else 'NOT flat'})",
        "must ≤ 5 s, memory flat / aim ≤ 2 s",
        wall <= 5 and flat and rows == CENTRES * DAYS,
        wall <= 2,
        figures={"seconds": wall, "peak_mb": peak, "one_year_s": one_wall, "one_year_mb": one_peak},
    )


if __name__ == "__main__":
    from benchmarks.common import pg_server

    for line in run(pg_server()):
        print(line.verdict, line.name, line.measured, sep="\n  ")
