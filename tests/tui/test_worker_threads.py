"""The desk's database work runs on a bounded set of threads, each with one connection.

peewee keeps one connection per thread; a worker thread per call left a
PostgreSQL connection open for every thread that had run one (6 extra on a
2-core desk). The desk's calls share DB_THREADS threads, so the server never
sees more connections from the desk than that, however many calls it makes.
"""

from __future__ import annotations

import psycopg

from frontdesk.db.models import database
from frontdesk.services import visits
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.staff import add_staff
from frontdesk.tui.app import DeskApp
from frontdesk.tui.calls import DB_THREADS
from tests.tui.conftest import DESK_PIN, LEAD_PIN, settle, signed_in


def _backends(watcher: psycopg.Connection[tuple[int]]) -> set[int]:
    """The server processes serving the test database, other than the watcher's own."""
    rows = watcher.execute(
        "SELECT pid FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    ).fetchall()
    return {int(pid) for (pid,) in rows}


async def test_fifty_desk_calls_hold_at_most_db_threads_connections(pg_backend: str) -> None:
    centre, member = init_centre("STR", "Strax-huset", "AB", LEAD_PIN)
    add_staff(Actor(centre.id, member.id, member.initials, member.role), "CD", DESK_PIN, "desk")
    database.obj.close()  # the test's own connection: only the desk's are counted
    with psycopg.connect(pg_backend, autocommit=True) as watcher:
        before = _backends(watcher)  # a connection closed just now may still be listed

        app = DeskApp(pg_backend)
        async with app.run_test(size=(120, 40)) as pilot:
            await signed_in(app, pilot)
            seen = []
            for _ in range(50):  # one by one: each call waits for the last, as at a desk
                await pilot.press("enter")
                await settle(app, pilot)
                seen.append(len(_backends(watcher) - before))
            await pilot.press(*["enter"] * 10)  # and a burst
            await settle(app, pilot)
            seen.append(len(_backends(watcher) - before))
            assert 1 <= max(seen) <= DB_THREADS
            assert visits.count_visits(centre.id) == 60
