"""The city push under faults, with a real PostgreSQL (issue 15, item 4): the server
stopped during a push, the desk killed with SIGKILL mid-push, two desks pushing at once,
a centre's login writing another centre's rows, a wrong password and a host that does not
answer. After each: nothing half-written at the city, nothing lost, no duplicate, and the
desk's own database as it was.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from frontdesk import db
from frontdesk.db.connect import open_database
from frontdesk.db.models import CityLink, DayClose
from frontdesk.services import city, visits
from frontdesk.services.actor import Actor
from frontdesk.services.centre import list_centres

# Helpers of a plugin module imported here: their asserts are rewritten too.
pytest.register_assert_rewrite("tests.city_fixtures")
from tests.city_fixtures import add_centre, city_versions, desk_versions, run  # noqa: E402
from tests.conftest import IN_CI  # noqa: E402

pytest_plugins = ("tests.city_fixtures",)

ROOT = Path(__file__).resolve().parent.parent


def frontdesk(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "frontdesk", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until(check: object, what: str, limit_s: float = 60) -> None:
    """Poll until ``check()`` is true (a guard against hanging, not a speed limit)."""
    deadline = time.monotonic() + limit_s
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def lock_waiters(admin: object, name: str) -> int:
    return int(
        admin.execute_sql(  # type: ignore[attr-defined]
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
            (name,),
        ).fetchone()[0]
    )


def other_sessions(admin: object, name: str) -> int:
    return int(
        admin.execute_sql(  # type: ignore[attr-defined]
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchone()[0]
    )


def hold_row(admin: object, code: str, desk_row: DayClose) -> None:
    """In ``admin``'s open transaction, insert the row a push will send for ``desk_row``:
    the push's insert of it waits until this transaction ends."""
    admin.execute_sql("BEGIN")  # type: ignore[attr-defined]
    admin.execute_sql(  # type: ignore[attr-defined]
        "INSERT INTO day_close (centre_id, business_date, z_no, version, tally, expected_cash_ore,"
        " counted_cash_ore, diff_ore, revenue_ore, grand_total_ore, sales_by_staff, closed_at)"
        " VALUES (city_centre_of(%s), %s, %s, %s, '{}', 0, 0, 0, 0, 0, '[]', now())",
        (code, desk_row.business_date, desk_row.z_no, desk_row.version),
    )


# -- a server of our own, to stop -------------------------------------------------------


@dataclass
class OwnServer:
    bindir: Path
    data: Path
    port: int
    as_postgres: bool

    @property
    def url(self) -> str:
        return f"postgresql://fdcity@127.0.0.1:{self.port}/city"

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1"
        log = str(self.data.parent / "log")
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            log,
            "-w",
            "start",
        )

    def stop(self) -> None:
        """Stopped as a power cut stops it: every open transaction is lost."""
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def own_server() -> Iterator[OwnServer]:
    """A throwaway PostgreSQL cluster of this test only (as root: run as the postgres user,
    since the server refuses to run as root), with an empty database ``city``."""
    dirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    found = shutil.which("initdb")
    bindir = Path(found).parent if found else (dirs[-1] if dirs else None)
    if bindir is None or not (bindir / "pg_ctl").exists():
        if IN_CI:
            pytest.fail("PostgreSQL binaries are required under CI")
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) on this machine")
    as_postgres = os.geteuid() == 0
    top = Path(tempfile.mkdtemp(prefix="fd-city-pg-"))
    if as_postgres:
        shutil.chown(top, "postgres")
    server = OwnServer(bindir, top / "data", _free_port(), as_postgres)
    server._run(str(bindir / "initdb"), "-D", str(server.data), "-U", "fdcity", "--auth=trust")
    server.start()
    try:
        admin = open_database(server.url.replace("/city", "/postgres"), wal=False)
        admin.execute_sql("CREATE DATABASE city")
        admin.close()
        yield server
    finally:
        if db.database.obj is not None and not db.database.obj.is_closed():
            db.database.obj.close()
        try:
            server.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(top, ignore_errors=True)


def test_server_stopped_during_a_push_keeps_whole_batches_and_the_next_push_completes(
    own_server: OwnServer, desk_file: Path
) -> None:
    code, _, err = run("--db", own_server.url, "city", "init")
    assert code == 0, err
    add_centre(own_server.url, "STR", "Strax-huset")
    add_centre(own_server.url, "NES", "Nesttun")
    db.connect(str(desk_file))
    ids = [c.id for c in list_centres()]
    total = DayClose.select().count()
    phases: list[str] = []

    def stop_in_the_second_batch(phase: str, rows: int) -> None:
        phases.append(phase)
        if phase == "written" and phases.count("committed") == 1:
            own_server.stop()  # the second batch is written, not committed

    with pytest.raises(city.CityUnavailable) as failed:
        city.push(Actor.cli(ids[0]), ids, own_server.url, batch=4, hook=stop_in_the_second_batch)
    assert "stopped answering during the push" in str(failed.value)
    assert "\n" not in str(failed.value)
    assert phases == ["written", "committed", "written"]
    link = CityLink.get(CityLink.centre == ids[0])
    assert link.failing_since is not None and "stopped answering" in link.last_error

    own_server.start()
    # The first batch is at the city, the second is not (not even in part); the desk knows.
    assert len(city_versions(own_server.url)) == 4
    assert city.waiting(ids) == total - 4
    result = city.push(Actor.cli(ids[0]), ids, own_server.url, batch=4)
    assert result.total == total - 4 and result.waiting == 0
    at_city = city_versions(own_server.url)
    assert len(at_city) == len(set(at_city)) == total
    assert set(at_city) == desk_versions(desk_file)
    assert CityLink.get(CityLink.centre == ids[0]).failing_since is None


def test_a_desk_killed_mid_push_loses_nothing_and_duplicates_nothing(
    city_url: str, desk_file: Path
) -> None:
    str_url = add_centre(city_url, "STR", "Strax-huset")
    db.connect(str(desk_file))
    str_id = next(c.id for c in list_centres() if c.code == "STR")
    rows = list(DayClose.select().where(DayClose.centre == str_id).order_by(DayClose.business_date))
    name = urlsplit(city_url).path.lstrip("/")
    admin = open_database(city_url, wal=False)
    watch = open_database(city_url, wal=False)  # outside admin's transaction: a fresh view
    try:
        hold_row(admin, "STR", rows[len(rows) // 2])  # the push stops there, half-way
        sync = frontdesk("--db", str(desk_file), "--centre", "STR", "sync", "--to", str_url)
        wait_until(lambda: lock_waiters(watch, name) == 1 or sync.poll() is not None, "the push")
        assert sync.poll() is None, sync.communicate()
        sync.kill()  # SIGKILL
        sync.wait()
        admin.execute_sql("ROLLBACK")
        wait_until(lambda: other_sessions(watch, name) == 1, "the killed push's session to end")
    finally:
        admin.close()
        watch.close()
    assert city_versions(city_url) == []  # its transaction died with it: nothing half-written
    db.connect(str(desk_file))
    assert city.waiting([str_id]) == len(rows)  # the outbox still holds every day
    code, out, err = run("--db", str(desk_file), "--centre", "STR", "sync", "--to", str_url)
    assert code == 0, err
    at_city = city_versions(city_url)
    assert len(at_city) == len(set(at_city)) == len(rows)
    assert set(at_city) == desk_versions(desk_file, "STR")


def test_two_desks_of_one_centre_pushing_at_once_write_each_day_once(
    city_url: str, desk_file: Path
) -> None:
    str_url = add_centre(city_url, "STR", "Strax-huset")
    db.connect(str(desk_file))
    str_id = next(c.id for c in list_centres() if c.code == "STR")
    first = (
        DayClose.select().where(DayClose.centre == str_id).order_by(DayClose.business_date).first()
    )
    db.database.obj.close()
    name = urlsplit(city_url).path.lstrip("/")
    admin = open_database(city_url, wal=False)
    watch = open_database(city_url, wal=False)  # outside admin's transaction: a fresh view
    try:
        hold_row(admin, "STR", first)  # both wait here, then run side by side
        syncs = [
            frontdesk("--db", str(desk_file), "--centre", "STR", "sync", "--to", str_url)
            for _ in range(2)
        ]
        wait_until(
            lambda: lock_waiters(watch, name) == 2 or any(s.poll() is not None for s in syncs),
            "both pushes",
        )
        admin.execute_sql("ROLLBACK")
    finally:
        admin.close()
        watch.close()
    outcomes = [s.communicate(timeout=120) for s in syncs]
    assert [s.returncode for s in syncs] == [0, 0], outcomes
    at_city = city_versions(city_url)
    assert len(at_city) == len(set(at_city)) == len(desk_versions(desk_file, "STR"))
    assert set(at_city) == desk_versions(desk_file, "STR")
    db.connect(str(desk_file))
    assert city.waiting([str_id]) == 0


def _desk_state(desk_file: Path) -> list[tuple]:
    desk_db = open_database(str(desk_file), wal=False)
    try:
        return list(desk_db.execute_sql("SELECT * FROM day_close ORDER BY id").fetchall())
    finally:
        desk_db.close()


def test_a_centre_login_writing_another_centres_days_is_refused_by_the_server(
    city_url: str, desk_file: Path
) -> None:
    str_url = add_centre(city_url, "STR", "Strax-huset")
    add_centre(city_url, "NES", "Nesttun")
    role = urlsplit(str_url).username
    code, _, err = run("--db", str(desk_file), "--centre", "NES", "sync", "--to", str_url)
    assert code == 1
    assert err.splitlines() == [
        f"Error: The city database '{urlsplit(city_url).path[1:]}' refused the login {role} to "
        "write these days: a centre's login may write only its own centre's rows."
    ]
    assert city_versions(city_url) == []
    db.connect(str(desk_file))
    nes_id = next(c.id for c in list_centres() if c.code == "NES")
    assert city.waiting([nes_id]) == DayClose.select().where(DayClose.centre == nes_id).count()
    link = city.status(nes_id)
    assert link.failing_since is not None and link.refused  # refused, not offline


@pytest.mark.parametrize("fault", ["wrong password", "no server"])
def test_a_wrong_password_or_a_host_that_does_not_answer_is_one_sentence_and_the_desk_works_on(
    city_url: str, desk_file: Path, fault: str
) -> None:
    str_url = add_centre(city_url, "STR", "Strax-huset")
    parts = urlsplit(str_url)
    if fault == "wrong password":
        netloc = f"{parts.username}:not-the-password@{parts.hostname}:{parts.port}"
        try:
            open_database(urlunsplit((*parts[:1], netloc, *parts[2:])), wal=False).close()
            pytest.skip("this server lets any password in (trust authentication)")
        except db.StoreError:
            pass
    else:
        netloc = f"{parts.username}:{parts.password}@127.0.0.1:{_free_port()}"
    target = urlunsplit((*parts[:1], netloc, *parts[2:]))
    before = _desk_state(desk_file)
    code, out, err = run("--db", str(desk_file), "--centre", "STR", "sync", "--to", target)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: The city database postgresql://")
    assert lines[0].endswith("; the closed days wait in the outbox.")
    assert "could not be reached" in lines[0]
    assert parts.password not in err
    # The desk: its Z-reports as they were, every day still waiting, and it checks in on.
    assert _desk_state(desk_file) == before
    db.connect(str(desk_file))
    str_id = next(c.id for c in list_centres() if c.code == "STR")
    assert city.waiting([str_id]) == DayClose.select().where(DayClose.centre == str_id).count()
    assert city.status(str_id).refused is (fault == "wrong password")
    assert visits.check_in(Actor.cli(str_id)).id


def test_a_city_without_the_centre_says_how_to_add_it(city_url: str, desk_file: Path) -> None:
    add_centre(city_url, "STR", "Strax-huset")
    code, _, err = run("--db", str(desk_file), "--centre", "NES", "sync", "--to", city_url)
    name = urlsplit(city_url).path[1:]
    assert (code, err.splitlines()) == (
        1,
        [
            f"Error: The city database '{name}' has no centre NES; add it there with "
            "'frontdesk city add-centre NES --name NAME'."
        ],
    )
    assert city_versions(city_url) == []
