"""Schema migrations: numbered scripts in frontdesk/db/migrations, run by peewee's runner."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peewee import Database
from playhouse.migrations import Migration, Runner

from frontdesk.db.connect import StoreError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
HISTORY_TABLE = "schema_migration"


@dataclass(frozen=True)
class SchemaStatus:
    current: int  # number of the newest applied migration, 0 for an empty database
    latest: int  # number of the newest migration this code knows
    whole: int  # every migration up to this number is applied (a gap stops it)
    pending: tuple[str, ...]
    unknown: tuple[str, ...]  # applied by a newer frontdesk


def _runner(db: Database) -> Runner:
    return Runner(db, str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)


def status(db: Database) -> SchemaStatus:
    rows = _runner(db).status()
    applied = [m for m in rows if m.applied]
    known = Migration.load_directory(str(MIGRATIONS_DIR))
    gaps = [m.idx for m in rows if not m.applied]
    return SchemaStatus(
        current=max((m.idx for m in applied), default=0),
        latest=max((m.idx for m in known), default=0),
        whole=min(gaps) - 1 if gaps else max((m.idx for m in applied), default=0),
        pending=tuple(m.name for m in rows if not m.applied),
        unknown=tuple(m.name for m in rows if m.path is None),
    )


def upgrade(db: Database) -> list[str]:
    """Apply every pending migration in order; returns their names.

    Refuses a database of another program (tables, but no frontdesk history):
    nothing is added beside its own tables.
    """
    st = refuse_newer(db)
    if st.current == 0:
        refuse_foreign(db)
    applied: list[str] = _runner(db).up()
    return applied


def refuse_foreign(db: Database) -> None:
    """Refuse a database that holds tables but no frontdesk schema history."""
    others = sorted(set(db.get_tables()) - {HISTORY_TABLE})
    if others:
        raise StoreError("error.migrate.frontdesk_database_holds_other", others=others[0])


def refuse_newer(db: Database) -> SchemaStatus:
    st = status(db)
    if st.unknown:
        raise StoreError(
            "error.migrate.database_schema_version_newer", current=st.current, latest=st.latest
        )
    return st


def require_frontdesk(db: Database) -> SchemaStatus:
    """Refuse a database that is empty, another program's, or newer than the code."""
    st = refuse_newer(db)
    if st.current == 0:
        refuse_foreign(db)
        raise StoreError("error.migrate.database_empty_create_frontdesk")
    return st


def require_current(db: Database) -> SchemaStatus:
    """Refuse a database that is not frontdesk's, newer than the code, or not yet upgraded."""
    st = require_frontdesk(db)
    if st.pending:
        raise StoreError(
            "error.migrate.database_schema_version_needs", current=st.whole, latest=st.latest
        )
    return st
