"""Fixtures and helpers of the city tests (tests/test_city*.py): a city database per test
on the tests' PostgreSQL server (its centre roles dropped again with it), and a demo desk."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from click.testing import CliRunner

from frontdesk import db, demo
from frontdesk.cli import cli
from frontdesk.db.connect import open_database
from frontdesk.services import city

DEMO_DAYS = 8  # per desk; its closed days are the ones before today


def server_url(pg_url: str) -> str:
    parts = urlsplit(pg_url)
    return urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def drop_city(url: str) -> None:
    """Drop the city's centre roles, then the database (as the server's admin)."""
    from pytest_postgresql.janitor import DatabaseJanitor

    if db.database.obj is not None and not db.database.obj.is_closed():
        db.database.obj.close()
    db.connect(url, wal=False)
    city.drop_centre_roles()
    db.database.obj.close()
    parts = urlsplit(url)
    DatabaseJanitor(
        user=parts.username or "postgres",
        password=parts.password,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        dbname=parts.path.lstrip("/"),
    ).drop()


@pytest.fixture
def city_url(pg_url: str, city_env: None) -> Iterator[str]:
    """An empty PostgreSQL database made a city (``city init``) for this test."""
    from pytest_postgresql.janitor import DatabaseJanitor

    name = f"fd_city_{uuid.uuid4().hex[:10]}"
    parts = urlsplit(pg_url)
    DatabaseJanitor(
        user=parts.username or "postgres",
        password=parts.password,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        dbname=name,
    ).init()
    url = with_database(pg_url, name)
    try:
        city.init_city(url)
        yield url
    finally:
        drop_city(url)


@pytest.fixture(scope="session")
def demo_desk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo desk with two centres (STR, NES): DEMO_DAYS days, all but today closed."""
    path = tmp_path_factory.mktemp("citydemo") / "desk.db"
    demo.build_at(str(path), DEMO_DAYS, 2, 1)
    db.database.obj.close()
    return path


@pytest.fixture
def desk_file(demo_desk_template: Path, tmp_path: Path, city_env: None) -> Path:
    path = tmp_path / "desk.db"
    shutil.copyfile(demo_desk_template, path)
    os.chmod(path, 0o600)
    return path


@pytest.fixture
def city_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTDESK_CITY_PASSFILE", str(tmp_path / "city.pgpass"))
    monkeypatch.delenv(city.ENV_CITY_URL, raising=False)


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def add_centre(city_url: str, code: str, name: str) -> str:
    """``city add-centre``; returns the desk URL it printed."""
    code_, out, err = run("--db", city_url, "city", "add-centre", code, "--name", name)
    assert code_ == 0, err
    (url,) = re.findall(r"^  (postgresql://\S+)$", out, re.M)
    return url


def city_rows(city_url: str, sql: str, params: tuple = ()) -> list[tuple]:
    city_db = open_database(city_url, wal=False)
    try:
        return list(city_db.execute_sql(sql, params).fetchall())
    finally:
        city_db.close()


def desk_versions(desk_file: Path, code: str | None = None) -> set[tuple]:
    desk_db = open_database(str(desk_file), wal=False)
    try:
        sql = (
            "SELECT c.code, d.business_date, d.version FROM day_close d"
            " JOIN centre c ON c.id = d.centre_id"
        )
        rows = desk_db.execute_sql(sql).fetchall()
    finally:
        desk_db.close()
    return {(c, dt.date.fromisoformat(str(d)[:10]), v) for c, d, v in rows if code in (None, c)}


def city_versions(city_url: str) -> list[tuple]:
    rows = city_rows(
        city_url,
        "SELECT c.code, d.business_date, d.version FROM day_close d"
        " JOIN centre c ON c.id = d.centre_id ORDER BY 1, 2, 3",
    )
    return [(c, d, v) for c, d, v in rows]
