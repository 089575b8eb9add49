"""Opening the database for frontdesk, and the one transaction helper services use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from peewee import Database, IntegrityError, OperationalError

import db
from db import migrate
from db.connect import describe
from frontdesk.errors import BadInput, StoreUnavailable


def open_store(target: str, *, create: bool = False, upgrade: bool = False) -> Database:
    """Connect to the database at a path or URL and check its schema.

    With ``create`` an absent SQLite file is made (owner-only); with ``upgrade``
    pending migrations are applied. Otherwise a database whose schema is older
    or newer than this code is refused with one sentence.
    """
    try:
        database = db.connect(target, create=create)
        if upgrade:
            migrate.upgrade(database)
        else:
            migrate.require_current(database)
    except db.StoreError as exc:
        raise StoreUnavailable(str(exc), nb=exc.nb) from None
    except OperationalError as exc:
        raise StoreUnavailable(
            f"The database cannot be used: {exc}.", nb=f"Databasen kan ikke brukes: {exc}."
        ) from None
    except OSError as exc:  # e.g. a path too long for the file system
        reason = exc.strerror or exc
        raise StoreUnavailable(
            f"Cannot open the database: {reason}.", nb=f"Kan ikke åpne databasen: {reason}."
        ) from None
    return database


def describe_target(target: str) -> str:
    """The database path, or its URL without the password, for messages."""
    return describe(target)


def schema_status(database: Database) -> migrate.SchemaStatus:
    return migrate.status(database)


def upgrade_schema(database: Database) -> list[str]:
    try:
        return migrate.upgrade(database)
    except db.StoreError as exc:
        raise StoreUnavailable(str(exc), nb=exc.nb) from None


def integrity_check(database: Database) -> str:
    """'ok', or SQLite's first complaint; PostgreSQL answers 'ok' when reachable."""
    if db.is_postgres(database):
        database.execute_sql("SELECT 1").fetchone()
        return "ok"
    row = database.execute_sql("PRAGMA integrity_check").fetchone()
    return str(row[0])


@contextmanager
def write() -> Iterator[None]:
    """One write transaction; a uniqueness clash becomes a BadInput sentence."""
    try:
        with db.transaction():
            yield
    except IntegrityError as exc:
        raise BadInput(f"That would duplicate an existing record ({_short(exc)}).") from None


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
