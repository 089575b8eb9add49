"""Writing many rows fast: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.

For bulk loads that bypass the per-action services (the demo builder): a
``Bulk`` collects one table's rows, with ids given in order, and writes them in
chunks inside the caller's transaction. Values are written as they are: no
tabs, newlines or backslashes (PostgreSQL's COPY text format would need them
escaped).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from peewee import DateField, DateTimeField, fn

from frontdesk.db.connect import is_postgres
from frontdesk.db.models import database

CHUNK = 1000  # rows per write


def _copy_text(value: Any) -> str:
    """One value in PostgreSQL's COPY text format (the values written here need no escaping)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value)


class Bulk:
    """Rows for one table, written in chunks; ids are given here, in order."""

    def __init__(self, model: Any, names: Sequence[str]) -> None:
        self.model = model
        self.table = model._meta.table_name
        self.columns = [model._meta.fields[n].column_name for n in names]
        # Dates and times go in as text ('2026-03-02', '2026-03-02 10:15:00'), as peewee stores them.
        self.dated = [
            i
            for i, n in enumerate(names)
            if isinstance(model._meta.fields[n], (DateField, DateTimeField))
        ]
        self.rows: list[tuple[Any, ...]] = []
        self.last_id = int(model.select(fn.MAX(model.id)).scalar() or 0)
        self.written = 0
        self.group: list[Bulk] = [self]  # flushed together, parents first

    def new_id(self) -> int:
        self.last_id += 1
        return self.last_id

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)
        if len(self.rows) >= CHUNK:
            for bulk in self.group:
                bulk.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if is_postgres():
            columns = ", ".join(f'"{c}"' for c in self.columns)
            text = "".join("\t".join(map(_copy_text, row)) + "\n" for row in self.rows)
            with database.connection().cursor() as cursor:  # noqa: SIM117
                with cursor.copy(f'COPY "{self.table}" ({columns}) FROM STDIN') as copy:
                    copy.write(text)
        else:
            columns = ", ".join(f'"{c}"' for c in self.columns)
            marks = ", ".join("?" for _ in self.columns)
            database.connection().executemany(
                f'INSERT INTO "{self.table}" ({columns}) VALUES ({marks})',
                map(self._as_text, self.rows),
            )
        self.written += len(self.rows)
        self.rows.clear()

    def _as_text(self, row: tuple[Any, ...]) -> list[Any]:
        values = list(row)
        for i in self.dated:
            if values[i] is not None:
                values[i] = str(values[i])
        return values

    def reset_sequence(self) -> None:
        """PostgreSQL: ids were given here, so move the id sequence past them."""
        if is_postgres() and self.written:
            database.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{self.table}\"', 'id'), "
                f'(SELECT MAX(id) FROM "{self.table}"))'
            )


def linked(spec: Mapping[str, tuple[Any, Sequence[str]]]) -> dict[str, Bulk]:
    """A ``Bulk`` per table (name: model and column names), flushed together.

    When one of them fills a chunk, all flush in the order given: list parents
    before their children, so every foreign key points at a written row.
    """
    tables = {name: Bulk(model, names) for name, (model, names) in spec.items()}
    for bulk in tables.values():
        bulk.group = list(tables.values())
    return tables
