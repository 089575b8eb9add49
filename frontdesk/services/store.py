"""Opening the database for frontdesk, and the one transaction helper services use."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import Database, DatabaseError, IntegrityError, InterfaceError

from frontdesk import db
from frontdesk.db import migrate
from frontdesk.db.connect import NoDatabase, describe, is_url
from frontdesk.db.models import database as bound
from frontdesk.errors import (
    BadInput,
    DiskFull,
    FrontdeskError,
    StoreDamaged,
    StoreUnavailable,
)
from frontdesk.services import validate


def open_store(target: str, *, create: bool = False, upgrade: bool = False) -> Database:
    """Connect to the database at a path or URL and check its schema.

    With ``create`` an absent SQLite file is made (owner-only); with ``upgrade``
    pending migrations are applied. Otherwise a database whose schema is older
    or newer than this code is refused with one sentence.
    """
    if not is_url(target):
        validate.path(target, "database path")  # '~nosuchuser/x.db', a name too long, …
    try:
        # WAL only once the file is known to be ours: a refused file stays as it was.
        database = db.connect(target, create=create, wal=False)
        if upgrade:
            if not create:  # `db upgrade` upgrades a frontdesk database, never makes one
                migrate.require_frontdesk(database)
            migrate.upgrade(database)
        else:
            migrate.require_current(database)
        db.use_wal(database)
    except NoDatabase as exc:
        raise StoreUnavailable.of(
            exc.message_id, exc.params, hint="error.store.no_database_hint"
        ) from None
    except db.StoreError as exc:
        raise StoreUnavailable.of(exc.message_id, exc.params) from None
    except (DatabaseError, InterfaceError, sqlite3.Error, OSError) as exc:
        raise explain(exc, target) or StoreUnavailable(
            "error.store.database_cannot_used", database=describe(target), why=_short(exc)
        ) from None
    return database


# SQLite's primary result codes (sqlite3.SQLITE_* from Python 3.11).
_CORRUPT, _NOTADB, _FULL = sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FULL
_READONLY, _CANTOPEN, _IOERR = (
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_IOERR,
)
_BUSY, _PERM = sqlite3.SQLITE_BUSY, sqlite3.SQLITE_PERM


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and every one it wraps (peewee wraps sqlite3; a failed rollback hides the cause)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = [a for a in current.args if isinstance(a, BaseException)]
        todo.extend([current.__cause__, current.__context__, *wrapped])


def _from_storage(exc: BaseException) -> bool:
    storage = (sqlite3.Error, DatabaseError, InterfaceError, OSError)
    return isinstance(exc, storage) or type(exc).__module__.startswith("psycopg")


def _sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def explain(exc: BaseException, target: str | None = None) -> FrontdeskError | None:
    """The one sentence for a failure of the database or the disk, or None if it is not one.

    Damaged or foreign files, a full disk, a read-only file or folder, a path the
    system refuses, a database server that went away: the command line's error
    handler and ``write`` use it, so the user sees the cause, never a traceback,
    and a failed rollback never hides a full disk.
    """
    # Only failures of the database, its driver or the system count: a bug elsewhere whose
    # message happens to say "malformed" must stay a bug, not become "the database is damaged".
    chain = [e for e in _chain(exc) if _from_storage(e)]
    if not chain:
        return None
    where = describe(target) if target else _bound_target()
    codes = {_sqlite_code(e) for e in chain} - {None}
    texts = " | ".join(str(e).lower() for e in chain)
    if (
        _FULL in codes
        or "disk is full" in texts
        or any(isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT) for e in chain)
    ):
        return DiskFull("error.store.disk_full_nothing_saved")
    if _NOTADB in codes or "file is not a database" in texts:
        return StoreDamaged(
            "error.store.database_file_first_page",
            hint="error.store.if_centre_s_database_hint",
            where=where,
        )
    if _CORRUPT in codes or "malformed" in texts:
        return StoreDamaged("error.store.database_damaged_run_frontdesk", where=where)
    if _READONLY in codes or "readonly database" in texts or "read-only" in texts:
        return StoreUnavailable("error.store.database_read_here_nothing", where=where)
    if _CANTOPEN in codes or _PERM in codes or "unable to open database" in texts:
        return StoreUnavailable("error.store.cannot_open_database_wal", where=where)
    if _IOERR in codes or "disk i/o error" in texts:
        return StoreUnavailable("error.store.disk_reported_error_while", where=where)
    if _BUSY in codes or "database is locked" in texts:
        return StoreUnavailable("error.store.database_stayed_locked_another", where=where)
    for e in chain:
        if isinstance(e, OSError) and e.errno is not None:
            name = e.filename if e.filename is not None else where
            return StoreUnavailable(
                "error.store.cannot_use", name=validate.shown(name, 200), why=e.strerror or e
            )
    if any(
        type(e).__module__.startswith("psycopg") or isinstance(e, InterfaceError) for e in chain
    ):
        return StoreUnavailable("error.store.database_server_failed", where=where, why=_short(exc))
    return None


def _bound_target() -> str:
    """The database the models are bound to, for a message ('the database' if none)."""
    obj = bound.obj
    name = getattr(obj, "database", None) if obj is not None else None
    if not name:
        return "(the database)"
    return describe(str(name)) if not db.is_postgres(obj) else f"'{name}'"


def describe_target(target: str) -> str:
    """The database path, or its URL without the password, for messages."""
    return describe(target)


def schema_status(database: Database) -> migrate.SchemaStatus:
    try:
        return migrate.status(database)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        raise explain(exc) or StoreUnavailable(
            "error.store.cannot_read_schema", why=_short(exc)
        ) from None


def upgrade_schema(database: Database) -> list[str]:
    try:
        return migrate.upgrade(database)
    except db.StoreError as exc:
        raise StoreUnavailable.of(exc.message_id, exc.params) from None


def integrity_check(database: Database) -> str:
    """'ok', or SQLite's first complaint; PostgreSQL answers 'ok' when reachable."""
    if db.is_postgres(database):
        database.execute_sql("SELECT 1").fetchone()
        return "ok"
    try:
        row = database.execute_sql("PRAGMA integrity_check").fetchone()
    except (DatabaseError, sqlite3.DatabaseError) as exc:  # too damaged to check
        return _short(exc)
    return str(row[0])


@contextmanager
def write() -> Iterator[None]:
    """One write transaction; a uniqueness clash becomes a BadInput sentence."""
    try:
        with db.transaction():
            yield
    except IntegrityError as exc:
        raise BadInput("error.store.would_duplicate_existing_record", why=_short(exc)) from None
    except (DatabaseError, InterfaceError, sqlite3.Error, OSError) as exc:
        sentence = explain(exc)
        if sentence is None:
            raise
        raise sentence from None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
