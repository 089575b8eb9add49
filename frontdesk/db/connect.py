"""Connecting: a path gives SQLite, a ``postgresql://`` URL gives PostgreSQL."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from peewee import Database, DatabaseError, OperationalError, PostgresqlDatabase, SqliteDatabase
from playhouse.db_url import parse as parse_url

from frontdesk.db.models import database
from frontdesk.errors import FrontdeskError

# Two desks on one file wait for each other instead of failing.
BUSY_TIMEOUT_MS = 10_000

# Per-connection settings: none of them writes to the file. WAL is switched on
# with ``use_wal`` once the file is known to be a frontdesk database (it is
# then stored in the file), so a file of another program is never changed.
SQLITE_PRAGMAS = (
    ("synchronous", "full"),  # a confirmed action survives power loss
    ("foreign_keys", 1),
    ("busy_timeout", BUSY_TIMEOUT_MS),
    # A deleted or rewritten row is overwritten with zeros, not left in free space: an
    # erased visitor code or a purged row is gone from the file, not just unlinked.
    ("secure_delete", "on"),
)


class StoreError(FrontdeskError):
    """The database cannot be opened or used (services.store turns it into StoreUnavailable)."""


class NoDatabase(StoreError):
    """There is no database file at the path (and it was not to be created)."""


def is_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


# "mysql://…", "sqlite:///…", "http://…": a URL, never a relative file name "mysql:/…".
_URL_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]+)://")


def check_target(target: str) -> None:
    """Refuse a URL that is not postgresql://, and one that names no database.

    Without this, ``mysql://host/x.db`` was a path: ``init`` made the folders
    ``mysql:/host/`` and a SQLite file in them.
    """
    if is_url(target):
        if not _parse_url(target).get("database"):
            raise StoreError("error.connect.database_url_names_no")
        return
    found = _URL_SCHEME.match(target)
    if found:
        raise StoreError("error.connect.url_database_frontdesk_can", found=found["scheme"])


def is_postgres(db: Database | None = None) -> bool:
    db = db or database.obj
    return isinstance(db, PostgresqlDatabase)


def _parse_url(target: str) -> dict[str, Any]:
    """peewee's parse of a postgresql:// URL; a StoreError for a bad port or host."""
    try:
        params: dict[str, Any] = parse_url(target)
        return params
    except ValueError as exc:  # a port that is not a number, a broken [IPv6] host, …
        raise StoreError("error.connect.database_url_valid_write", why=exc) from None


def describe(target: str) -> str:
    """The target without a password, for messages."""
    if not is_url(target):
        return target
    try:
        params = _parse_url(target)
    except StoreError:
        return "(a database URL that is not valid)"
    host = params.get("host") or "localhost"
    port = params.get("port") or 5432
    return f"postgresql://{host}:{port}/{params.get('database', '')}"


def _create_sqlite_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Owner-only from the first byte; SQLite gives -wal and -shm the same mode.
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def open_database(target: str, *, create: bool = False, wal: bool = True) -> Database:
    """Open (and with ``create``, make) the database at a path or URL, unbound.

    With ``wal`` a SQLite file is switched to WAL at once; without it the file
    is left as it is (see ``use_wal``).
    """
    if not target:
        raise StoreError("error.connect.database_path_empty_name")
    check_target(target)
    if is_url(target):
        params = _parse_url(target)
        name = params.pop("database", None)
        db: Database = PostgresqlDatabase(name, prefer_psycopg3=True, **params)
    else:
        path = Path(target).expanduser()
        try:
            found = path.stat()
        except FileNotFoundError:
            found = None
        except OSError as exc:  # a symlink loop, a file used as a folder, no access, …
            reason = exc.strerror or exc
            raise StoreError("error.connect.cannot_use", path=path, reason=reason) from None
        if found is None:
            if not create:
                raise NoDatabase("error.connect.no_database", path=path)
            _create_sqlite_file(path)
        elif stat.S_ISDIR(found.st_mode):
            raise StoreError("error.connect.folder_database_file", path=path)
        elif not stat.S_ISREG(found.st_mode):  # SQLite would leave a -journal beside a device
            raise StoreError("error.connect.regular_file_device_pipe", path=path)
        db = SqliteDatabase(
            str(path),
            pragmas=SQLITE_PRAGMAS,
            lock_type="IMMEDIATE",  # every write transaction is BEGIN IMMEDIATE
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
    try:
        db.connect()
    except DatabaseError as exc:
        if isinstance(db, SqliteDatabase) and not isinstance(exc, OperationalError):
            raise  # a damaged file or another program's: the caller says which
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            "error.connect.cannot_open_database", database=describe(target), why=first
        ) from exc
    except Exception as exc:  # psycopg raises its own errors for bad URLs
        raise StoreError(
            "error.connect.cannot_open_database", database=describe(target), why=exc
        ) from exc
    if wal:
        use_wal(db)
    return db


def use_wal(db: Database) -> None:
    """Switch a SQLite database to WAL (stored in the file; a no-op once done)."""
    if isinstance(db, SqliteDatabase):
        db.execute_sql("PRAGMA journal_mode=wal")


def connect(target: str, *, create: bool = False, wal: bool = True) -> Database:
    """Open the database and bind the models to it (``wal``: see ``open_database``)."""
    db = open_database(target, create=create, wal=wal)
    if database.obj is not None and database.obj is not db and not database.obj.is_closed():
        database.obj.close()
    database.initialize(db)
    return db


def truncate_wal(db: Database | None = None, wait_ms: int = 100) -> bool:
    """SQLite: copy the WAL into the database file and empty it, so no old page image
    (e.g. of a row just erased) stays in the -wal file. False when another connection
    still reads an older snapshot after ``wait_ms`` (the WAL is then emptied at a later
    checkpoint). PostgreSQL: nothing to do, True."""
    db = db or database.obj
    if is_postgres(db):
        return True
    # While it waits for readers, a TRUNCATE checkpoint holds other writers (the desks)
    # back: it waits briefly, not the full busy timeout.
    (usual,) = db.execute_sql("PRAGMA busy_timeout").fetchone()
    db.execute_sql(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        busy, _log, _done = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        db.execute_sql(f"PRAGMA busy_timeout = {int(usual)}")
    return int(busy) == 0


@contextmanager
def transaction() -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE on SQLite); nested calls are savepoints."""
    with database.atomic():
        yield
