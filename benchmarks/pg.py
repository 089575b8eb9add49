"""The big demo on PostgreSQL: built once with `frontdesk demo` into the database
fd_bench_big on the test server, remembered by a record in the cache folder."""

from __future__ import annotations

from benchmarks.cache import BIG_CENTRES, BIG_DAYS, build_demo, read_record, upgrade
from benchmarks.common import pg_database_url, pg_exists, pg_recreate

BIG_NAME = "fd_bench_big"


def _has_data(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(url) as con:
            return bool(con.execute("SELECT COUNT(*) FROM day_close").fetchone()[0])
    except Exception:  # noqa: BLE001 - missing tables or database: not built
        return False


def ensure_pg_big(server: str) -> tuple[str, dict]:
    url = pg_database_url(server, BIG_NAME)
    info = read_record("pg_demo_build")
    if info is None or not pg_exists(server, BIG_NAME) or not _has_data(url):
        print(f"building the 5-year demo on PostgreSQL ({BIG_NAME}, once) …", flush=True)
        pg_recreate(server, BIG_NAME)
        info = build_demo(url, BIG_DAYS, BIG_CENTRES, record="pg_demo_build")
    upgrade(url)
    return url, info


if __name__ == "__main__":
    import sys

    print(ensure_pg_big(sys.argv[1]))
