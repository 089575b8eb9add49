"""Shared fixtures: one database fixture, parametrised over SQLite and PostgreSQL.

The same test code runs on both. PostgreSQL comes from $FRONTDESK_TEST_PG
(set by `make test`, which starts a server with scripts/test-postgres.sh),
else the fixture runs that script itself. Without PostgreSQL binaries the
PostgreSQL cases are skipped with the reason; under CI=true they fail.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import freezegun
import pytest

from frontdesk import db
from frontdesk.db import migrate
from frontdesk.db.models import ALL_MODELS, database
from frontdesk.services import staff as staff_service
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.staff import add_staff

# pytest's own timer must keep real time, or --durations reports decades for a frozen test.
freezegun.configure(extend_ignore_list=["_pytest.timing"])

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

LEAD_PIN = "4711"
CENTRE_SINCE = dt.datetime(2026, 1, 1)  # when the fixtures' centre opened (UTC)
DESK_PIN = "1234"


@pytest.fixture(scope="session", autouse=True)
def _pepper_file_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The PIN key file of the tests (children inherit it): never the user's config folder."""
    from frontdesk.services.pepper import ENV_PEPPER_FILE

    saved = os.environ.get(ENV_PEPPER_FILE)
    os.environ[ENV_PEPPER_FILE] = str(tmp_path_factory.mktemp("pepper") / "pin-pepper.key")
    yield
    if saved is None:
        os.environ.pop(ENV_PEPPER_FILE, None)
    else:
        os.environ[ENV_PEPPER_FILE] = saved


@pytest.fixture(scope="session", autouse=True)
def _desk_config_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reads the user's own frontdesk.toml: a path that does not exist (children too)."""
    from frontdesk.config import ENV_CONFIG

    saved = os.environ.get(ENV_CONFIG)
    os.environ[ENV_CONFIG] = str(tmp_path_factory.mktemp("config") / "absent" / "frontdesk.toml")
    yield
    if saved is None:
        os.environ.pop(ENV_CONFIG, None)
    else:
        os.environ[ENV_CONFIG] = saved


@pytest.fixture(scope="session", autouse=True)
def _cheap_pin_hashing() -> Iterator[None]:
    """Real scrypt, at a lower cost, so hundreds of sign-ons stay quick in tests."""
    saved = staff_service._SCRYPT_N
    staff_service._SCRYPT_N = 2**10
    yield
    staff_service._SCRYPT_N = saved


# -- PostgreSQL server -------------------------------------------------------


def _pg_server_url() -> tuple[str | None, str]:
    url = os.environ.get("FRONTDESK_TEST_PG", "").strip()
    if url:
        return url, ""
    script = ROOT / "scripts" / "test-postgres.sh"
    out = subprocess.run([str(script)], capture_output=True, text=True, timeout=120)
    url = out.stdout.strip()
    if url:
        os.environ["FRONTDESK_TEST_PG"] = url
        return url, ""
    if not (
        shutil.which("pg_ctl")
        or shutil.which("pg_ctlcluster")
        or Path("/usr/lib/postgresql").exists()
    ):
        return None, "no PostgreSQL binaries on this machine (apt-get install postgresql)"
    return (
        None,
        f"PostgreSQL binaries exist but no server could be started: {out.stderr.strip()[:200]}",
    )


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session (and xdist worker)."""
    from pytest_postgresql.janitor import DatabaseJanitor

    server, reason = _pg_server_url()
    if server is None:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required under CI: {reason}")
        pytest.skip(reason)
    parts = urlparse(server)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"fd_test_{worker}_{uuid.uuid4().hex[:8]}"
    janitor = DatabaseJanitor(
        user=parts.username or "postgres",
        password=parts.password,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        dbname=name,
    )
    janitor.init()
    netloc = parts.netloc
    try:
        yield f"{parts.scheme}://{netloc}/{name}"
    finally:
        if database.obj is not None and not database.obj.is_closed():
            database.obj.close()
        janitor.drop()


@pytest.fixture(scope="session")
def _pg_migrated(pg_url: str) -> str:
    pg = db.connect(pg_url)
    migrate.upgrade(pg)
    return pg_url


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    sq = db.connect(str(path), create=True)
    migrate.upgrade(sq)
    sq.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    sq.close()
    return path


def _truncate_all(pg_database) -> None:
    tables = ", ".join(f'"{m._meta.table_name}"' for m in ALL_MODELS)
    pg_database.execute_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty, migrated database bound to the models; yields its path or URL."""
    if request.param == "sqlite":
        template = request.getfixturevalue("_sqlite_template")
        path = tmp_path / "frontdesk.db"
        shutil.copyfile(template, path)
        os.chmod(path, 0o600)
        db.connect(str(path))
        yield str(path)
    else:
        url = request.getfixturevalue("_pg_migrated")
        pg = db.connect(url)
        _truncate_all(pg)
        yield url
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def open_since(centre_id: int, since: dt.datetime = CENTRE_SINCE) -> None:
    """Date the centre's opening back, so that tests may close days before today's."""
    from frontdesk.db.models import Centre

    Centre.update(created_at=since).where(Centre.id == centre_id).execute()


def mark_day_closed(centre_id: int, business_date: dt.date) -> None:
    """Store a bare Z-report row for a day, as a day close does: the day becomes read-only.

    For tests of other areas' closed-day refusals; the day close itself is tested
    through dayclose.close_day.
    """
    from peewee import fn

    from frontdesk.db.models import DayClose

    top = DayClose.select(fn.MAX(DayClose.z_no)).where(DayClose.centre == centre_id).scalar()
    DayClose.create(
        centre=centre_id,
        business_date=business_date,
        z_no=int(top or 0) + 1,
        tally="{}",
        expected_cash_ore=0,
        counted_cash_ore=0,
        diff_ore=0,
        revenue_ore=0,
        grand_total_ore=0,
        sales_by_staff="[]",
        closed_at=dt.datetime(2026, 1, 1),
    )


@pytest.fixture
def pg_backend(_pg_migrated: str) -> Iterator[str]:
    """For the few tests about PostgreSQL alone: an empty, migrated PostgreSQL database."""
    pg = db.connect(_pg_migrated)
    _truncate_all(pg)
    yield _pg_migrated
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


@pytest.fixture
def lead(backend: str) -> Actor:
    """A centre STR with a lead AB (PIN 4711); the lead's actor.

    The centre dates from CENTRE_SINCE, so the tests' days in 2026 can be closed
    (a day before a centre existed cannot).
    """
    centre, member = init_centre("STR", "Strax-huset", "AB", LEAD_PIN)
    open_since(centre.id)
    return Actor(centre.id, member.id, member.initials, member.role)


@pytest.fixture
def desk(lead: Actor) -> Actor:
    """A desk member CD (PIN 1234) at the lead's centre."""
    member = add_staff(lead, "CD", DESK_PIN, "desk")
    return Actor(lead.centre_id, member.id, member.initials, member.role)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI nothing is skipped: a skipped test there is a failure, with its reason."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI (every test must run there): {report.longrepr}"
