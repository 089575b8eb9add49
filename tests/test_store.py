"""Opening the database: SQLite settings, file mode, schema version checks."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontdesk import db
from frontdesk.db import migrate
from frontdesk.db.models import database
from frontdesk.errors import StoreUnavailable
from frontdesk.services.store import integrity_check, open_store, schema_status


def test_a_new_sqlite_file_is_owner_only_wal_and_synchronous_full(tmp_path: Path) -> None:
    path = tmp_path / "new" / "frontdesk.db"
    sq = open_store(str(path), create=True, upgrade=True)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sq.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert sq.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert sq.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert sq.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert integrity_check(sq) == "ok"
    sq.close()


def test_a_missing_database_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match=r"^There is no database at .*nope\.db\.$"):
        open_store(str(tmp_path / "nope.db"))


def test_an_empty_database_says_how_to_create_one(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    db.connect(str(path), create=True)
    with pytest.raises(StoreUnavailable, match="frontdesk init"):
        open_store(str(path))


def test_another_programs_database_is_not_taken_for_a_frontdesk_one(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other = db.connect(str(path), create=True)
    other.execute_sql("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(StoreUnavailable, match="not a frontdesk database"):
        open_store(str(path))


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreUnavailable, match="database"):
        open_store(str(path))


def test_an_unreachable_postgresql_is_one_sentence() -> None:
    with pytest.raises(
        StoreUnavailable, match=r"Cannot open the database postgresql://127\.0\.0\.1:1/"
    ):
        open_store("postgresql://nobody:secret@127.0.0.1:1/frontdesk")


@pytest.fixture
def history(backend: str) -> Iterator[type]:
    """The migration history table; restored afterwards (PostgreSQL keeps it across tests)."""
    history_model = migrate._runner(database.obj).History
    saved = [h.name for h in history_model.select()]
    yield history_model
    db.connect(backend)
    history_model = migrate._runner(database.obj).History
    history_model.delete().execute()
    for name in saved:
        history_model.create(name=name)


def test_a_database_newer_than_the_code_refuses_to_open(backend: str, history: type) -> None:
    history.create(name="9999_from_the_future")
    with pytest.raises(StoreUnavailable, match="newer than this frontdesk knows"):
        open_store(backend)
    with pytest.raises(StoreUnavailable, match="newer"):
        open_store(backend, upgrade=True)


def test_a_database_behind_the_code_asks_for_an_upgrade(
    backend: str, history: type, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A newer frontdesk: the real migrations plus one more (a no-op, so PostgreSQL stays clean).
    newer = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "0999_next.py").write_text("def up(migrator, db):\n    pass\n")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", newer)
    with pytest.raises(StoreUnavailable, match="needs 999: run 'frontdesk db upgrade'"):
        open_store(backend)
    open_store(backend, upgrade=True)
    assert schema_status(database.obj).current == 999
    open_store(backend)  # now current


def test_schema_version_is_reported(backend: str) -> None:
    status = schema_status(open_store(backend))
    assert status.current == status.latest >= 1
    assert status.pending == () and status.unknown == ()
