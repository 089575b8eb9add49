"""The models and the migrations describe one schema, on SQLite and on PostgreSQL.

A database built by running every migration (the test session's migrated
database) and one built from the models (``create_table`` of each, in a new
SQLite file or a new PostgreSQL schema) are read back with playhouse's
``Introspector`` and compared: tables, columns (type with its length,
nullability, primary key), indexes (columns, uniqueness, a partial index's
WHERE) and foreign keys (columns, target, ON DELETE). Index names are left out: the first migration
froze peewee's older names (``dayclose_…``), which nothing reads.

A model field added without its migration fails here; the altered model copies
below show that the comparison sees each kind of change.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from peewee import CharField, ForeignKeyField, TextField
from playhouse.reflection import Introspector

from frontdesk import db
from frontdesk.db import migrate
from frontdesk.db.models import ALL_MODELS, Staff, Visitor, database

# A database's schema: per table, its columns, indexes and foreign keys, each as text.
Schema = dict[str, dict[str, Any]]


class Builder:
    """Builds a schema by the migrations or from models, and reads it back."""

    def __init__(self, kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
        self.kind, self.tmp_path, self.request = kind, tmp_path, request
        self.pg_schemas: list[str] = []

    def migrated(self) -> Schema:
        """The schema every migration builds: the test session's migrated database."""
        if self.kind == "sqlite":
            copy = self.tmp_path / "migrated.db"  # the template itself stays untouched
            shutil.copyfile(self.request.getfixturevalue("_sqlite_template"), copy)
            db.connect(str(copy))
        else:
            db.connect(self.request.getfixturevalue("_pg_migrated"))  # skips without PostgreSQL
        return read_schema()

    def from_models(self, models: Sequence[Any]) -> Schema:
        """The schema the models' create_table builds, in a new file or PostgreSQL schema."""
        name = None
        if self.kind == "sqlite":
            db.connect(str(self.tmp_path / f"models-{uuid.uuid4().hex[:8]}.db"), create=True)
        else:
            db.connect(self.request.getfixturevalue("_pg_migrated"))
            name = f"fd_models_{uuid.uuid4().hex[:12]}"
            self.pg_schemas.append(name)
            database.execute_sql(f'CREATE SCHEMA "{name}"')
            database.execute_sql(f'SET search_path TO "{name}"')  # this connection only
        for model in models:  # ALL_MODELS' order: a table's foreign keys point at earlier ones
            model.create_table(safe=False)
        return read_schema(name)

    def close(self) -> None:
        for name in self.pg_schemas:
            database.execute_sql(f'DROP SCHEMA "{name}" CASCADE')
        if database.obj is not None and not database.obj.is_closed():
            database.obj.close()  # and with it the search_path


@pytest.fixture(params=["sqlite", "postgres"])
def build(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Builder]:
    builder = Builder(request.param, tmp_path, request)
    yield builder
    builder.close()


def read_schema(pg_schema: str | None = None) -> Schema:
    """What playhouse's introspection reads from the database (the history table aside)."""
    where = {"schema": pg_schema or "public"} if db.is_postgres() else {}
    meta = Introspector.from_database(database.obj, **where).introspect()
    found: Schema = {}
    for table, columns in meta.columns.items():
        if table == migrate.HISTORY_TABLE:
            continue
        found[table] = {
            "columns": {column.column_name: _column_text(column) for column in columns.values()},
            "indexes": {_index_text(index) for index in meta.indexes[table]},
            "foreign keys": {
                f"{fk.column} -> {fk.dest_table}.{fk.dest_column} on delete {fk.on_delete}"
                for fk in meta.foreign_keys[table]
            },
        }
    return found


def _column_text(column: Any) -> str:
    params = column.get_field_parameters()
    length = f"({params['max_length']})" if "max_length" in params else ""
    kind = re.sub(r"\(\d+\)$", "", column.raw_column_type.lower())  # SQLite: VARCHAR(12)
    kind = kind.replace("character varying", "varchar")  # PostgreSQL's word for it
    return " ".join(
        [kind + length, "null" if column.nullable else "not null"]
        + (["primary key"] if column.primary_key else [])
    )


def _index_text(index: Any) -> str:
    partial = re.search(r"\)\s*(WHERE\s.*)$", index.sql or "", re.I | re.S)
    text = f"{'unique ' if index.unique else ''}index ({', '.join(index.columns)})"
    return text + (f" {partial.group(1)}" if partial else "")


def differences(migrations: Schema, models: Schema) -> list[str]:
    """Each difference as one line: 'table.column: migrations … / models …'."""
    out = []
    for table in sorted(migrations.keys() | models.keys()):
        if table not in models or table not in migrations:
            side = "migrations" if table in migrations else "models"
            out.append(f"table {table}: only in the {side}")
            continue
        ours, theirs = migrations[table]["columns"], models[table]["columns"]
        for name in sorted(ours.keys() | theirs.keys()):
            if ours.get(name) != theirs.get(name):
                out.append(
                    f"{table}.{name}: migrations {ours.get(name, 'absent')}"
                    f" / models {theirs.get(name, 'absent')}"
                )
        for part in ("indexes", "foreign keys"):
            for text in sorted(migrations[table][part] - models[table][part]):
                out.append(f"{table} {text}: only in the migrations")
            for text in sorted(models[table][part] - migrations[table][part]):
                out.append(f"{table} {text}: only in the models")
    return out


def test_the_migrations_build_the_schema_the_models_describe(build: Builder) -> None:
    by_migrations = build.migrated()
    assert set(by_migrations) == {m._meta.table_name for m in ALL_MODELS}
    assert differences(by_migrations, build.from_models(ALL_MODELS)) == []


# -- the comparison sees every kind of change (a model altered without a migration) ----


class WithANewField(Visitor):
    note = TextField(null=True)

    class Meta:
        table_name = "visitor"


class WithAnOptionalField(Visitor):
    code = CharField(max_length=12, null=True)  # type: ignore[assignment]

    class Meta:
        table_name = "visitor"


class WithALongerField(Visitor):
    code = CharField(max_length=16)

    class Meta:
        table_name = "visitor"


class WithANewIndex(Visitor):
    class Meta:
        table_name = "visitor"
        indexes = (*Visitor._meta.indexes, (("centre", "birth_year"), False))


class WithANewForeignKey(Visitor):
    referred_by = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        table_name = "visitor"


@pytest.mark.parametrize(
    ("altered", "expected"),
    [
        (WithANewField, ["visitor.note: migrations absent / models text null"]),
        (
            WithAnOptionalField,
            ["visitor.code: migrations varchar(12) not null / models varchar(12) null"],
        ),
        (
            WithALongerField,
            ["visitor.code: migrations varchar(12) not null / models varchar(16) not null"],
        ),
        (WithANewIndex, ["visitor index (centre_id, birth_year): only in the models"]),
        (
            WithANewForeignKey,
            [
                "visitor.referred_by_id: migrations absent / models integer null",
                "visitor index (referred_by_id): only in the models",
                "visitor referred_by_id -> staff.id on delete NO ACTION: only in the models",
            ],
        ),
    ],
    ids=["new field", "made optional", "longer", "new index", "new foreign key"],
)
def test_a_model_changed_without_a_migration_is_found(
    build: Builder, altered: Any, expected: list[str]
) -> None:
    by_migrations = build.migrated()
    models = [altered if model is Visitor else model for model in ALL_MODELS]
    found = differences(by_migrations, build.from_models(models))
    assert found == expected
