"""Export of daily tallies: one row per centre per business day, aggregates only.

A closed day's row is its stored Z-report (the current version), so an export
is unchanged by ``purge``; an open day's row is ``tally.compute_day``. The
report uses the same ``day_rows``. Rows are read a window of days at a time and
written one by one, so memory stays flat however long the period is.

A day's ``status`` is ``closed`` (it has a current Z-report), ``open`` (today,
or an earlier day with activity that is not closed) or ``empty`` (an earlier
day without activity). A metric that a stored Z-report's tally version predates
has no value: empty in CSV, ``null`` in JSON, no row in the long layout.

Money is integer øre inside; the files show NOK with two decimals, converted
with ``divmod`` (never floats). Nothing here identifies a visitor.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import operator
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

from peewee import fn

from frontdesk.db.models import DATED_MODELS, Centre, DayClose, SupplyItem, database
from frontdesk.errors import BadInput, NotFound
from frontdesk.services import days, outputs, tally, validate
from frontdesk.services.centre import CentreInfo, find_centre
from frontdesk.services.money import nok
from frontdesk.services.vocab import EXPORT_FORMATS, EXPORT_LAYOUTS

STATUSES = ("closed", "open", "empty")
LONG_HEADER = ("date", "centre", "status", "z_no", "metric", "value")


@dataclass(frozen=True)
class DayRow:
    """One centre's business day: its status, Z number and metrics (øre for money)."""

    business_date: dt.date
    centre_code: str
    status: str  # closed | open | empty
    z_no: int | None
    metrics: dict[str, int]
    version: int = field(default_factory=tally.current_version)  # the tally's metric set

    def value(self, key: str) -> int | None:
        """The day's figure for a metric, or None where the day has none.

        None for a metric its tally version predates and for the cash count of a
        day that is not closed; a catalogue item or hour missing from the tally is 0.
        """
        return self.value_of(column(key))

    def value_of(self, col: Column) -> int | None:
        if col.since > self.version or (col.close_only and self.status != "closed"):
            return None
        return int(self.metrics.get(col.key, 0))


@dataclass(frozen=True)
class Column:
    """A metric as the writers need it, looked up once per export rather than per cell."""

    key: str
    money: bool
    since: int
    close_only: bool


def column(key: str) -> Column:
    found = tally.metric(key)
    since = found.since if found else 0  # a key the table lacks: shown as stored
    return Column(key, tally.is_money(key), since, bool(found and found.close_only))


# -- choosing what to export ------------------------------------------------


def select_centres(code: str | None = None) -> list[CentreInfo]:
    """One centre by code, or every centre of the database (ordered by code)."""
    if code:
        return [find_centre(code)]
    rows = Centre.select().order_by(Centre.code)
    centres = [CentreInfo(r.id, r.code, r.name) for r in rows]
    if not centres:
        raise NotFound("error.export.database_no_centre_yet")
    return centres


# The longest period an export or a report covers: 20 years (of 365.25 days). Longer is a
# typo (0001-01-01), and would keep the command busy for hours.
MAX_PERIOD_YEARS = 20
MAX_PERIOD_DAYS = MAX_PERIOD_YEARS * 36525 // 100


def check_period(date_from: dt.date, date_to: dt.date) -> None:
    """Refuse a period that ends before it starts, or is longer than 20 years."""
    if date_from > date_to:
        raise BadInput(
            "error.export.period_starts_after_ends",
            date_from=date_from.isoformat(),
            date_to=date_to.isoformat(),
        )
    days = (date_to - date_from).days + 1
    if days > MAX_PERIOD_DAYS:
        raise BadInput(
            "error.export.period_most_years_days",
            max_years=MAX_PERIOD_YEARS,
            max_days=MAX_PERIOD_DAYS,
            date_from=date_from.isoformat(),
            date_to=date_to.isoformat(),
            days=days,
        )


def supply_codes(centres: list[CentreInfo]) -> list[str]:
    """Supply item codes of the centres in catalogue order (union, first appearance wins)."""
    rows: Any = (
        SupplyItem.select(SupplyItem.code)
        .where(SupplyItem.centre.in_([c.id for c in centres]))
        .order_by(SupplyItem.sort_order, SupplyItem.centre, SupplyItem.id)
        .tuples()
    )
    return list(dict.fromkeys(code for (code,) in rows))


def count_rows(
    centres: list[CentreInfo], date_from: dt.date, date_to: dt.date, include_open: bool
) -> int:
    """How many rows ``day_rows`` will yield (for a progress bar)."""
    if include_open:
        spans = _spans(centres, date_from, date_to)
        return sum((last - first).days + 1 for first, last in spans.values())
    return int(_closed_query(centres, date_from, date_to).count())


# -- the rows -----------------------------------------------------------------

# A day with a record of any dated model, or a Z-report (closed, or reopened and
# emptied), has activity; the first such day is the centre's first day.
_DAY_MODELS: tuple[Any, ...] = (*DATED_MODELS, DayClose)


def _closed_query(centres: list[CentreInfo], date_from: dt.date, date_to: dt.date) -> Any:
    return (
        DayClose.select(
            DayClose.business_date,
            Centre.code,
            DayClose.z_no,
            DayClose.tally,
            DayClose.counted_cash_ore,
            DayClose.diff_ore,
        )
        .join(Centre, on=(DayClose.centre == Centre.id))
        .where(
            DayClose.centre.in_([c.id for c in centres])
            & (DayClose.business_date >= date_from)
            & (DayClose.business_date <= date_to)
            & DayClose.reopened_at.is_null()
        )
        .order_by(DayClose.business_date, Centre.code)
    )


# Rows are read a quarter at a time: psycopg fetches a whole result before the
# first row, so one query over five years would hold them all in memory at once.
WINDOW_DAYS = 92


def _windows(date_from: dt.date, date_to: dt.date) -> Iterator[tuple[dt.date, dt.date]]:
    start = date_from.toordinal()
    while start <= date_to.toordinal():
        end = min(start + WINDOW_DAYS - 1, date_to.toordinal())
        yield dt.date.fromordinal(start), dt.date.fromordinal(end)
        start = end + 1


def _closed_values(
    centres: list[CentreInfo], date_from: dt.date, date_to: dt.date
) -> Iterator[tuple[Any, ...]]:
    """The current Z-reports of the period, ordered by (date, centre), a window at a time."""
    for window in _windows(date_from, date_to):
        # The driver's own rows (peewee's per-row conversion was a fifth of a city
        # export's time; _closed_row converts the few values it needs), and only one
        # window's result in memory: its cursor is gone before the next query.
        yield from _driver_rows(_closed_query(centres, *window))


def _driver_rows(query: Any) -> Iterator[tuple[Any, ...]]:
    cursor = database.execute(query)
    try:
        yield from cursor
    finally:
        cursor.close()


def _closed_row(
    business_date: Any, code: str, z_no: int, tally_json: str, counted_ore: int, diff_ore: int
) -> DayRow:
    version, metrics = tally.load_stored(tally_json)
    metrics["cash.counted_ore"] = int(counted_ore)
    metrics["cash.diff_ore"] = int(diff_ore)
    return DayRow(validate.date(business_date), code, "closed", int(z_no), metrics, version)


def first_days(centres: list[CentreInfo]) -> dict[int, dt.date]:
    """Each centre's first business day with activity (centres without any left out)."""
    ids = [c.id for c in centres]
    first: dict[int, dt.date] = {}
    for model in _DAY_MODELS:
        rows: Any = (
            model.select(model.centre, fn.MIN(model.business_date))
            .where(model.centre.in_(ids))
            .group_by(model.centre)
            .tuples()
        )
        for centre_id, value in rows:
            if value is not None:
                day = validate.date(value)
                first[centre_id] = min(day, first.get(centre_id, day))
    return first


def _spans(
    centres: list[CentreInfo], date_from: dt.date, date_to: dt.date
) -> dict[int, tuple[dt.date, dt.date]]:
    """Per centre, the days of the period that have a row with ``--include-open``:
    from its first activity to today (its own business date), never after.
    """
    spans = {}
    for centre_id, first in first_days(centres).items():
        start, end = max(date_from, first), min(date_to, days.today(centre_id))
        if start <= end:
            spans[centre_id] = (start, end)
    return spans


def _active_days(
    centres: list[CentreInfo], date_from: dt.date, date_to: dt.date
) -> set[tuple[int, dt.date]]:
    """(centre id, date) of every day in the window with a row of any dated model."""
    ids = [c.id for c in centres]
    query: Any = None
    for model in _DAY_MODELS:
        part = model.select(model.centre, model.business_date).where(
            model.centre.in_(ids)
            & (model.business_date >= date_from)
            & (model.business_date <= date_to)
        )
        query = part if query is None else query | part  # UNION
    return {(int(centre_id), validate.date(value)) for centre_id, value in query.tuples()}


def day_rows(
    centres: list[CentreInfo], date_from: dt.date, date_to: dt.date, include_open: bool
) -> Iterator[DayRow]:
    """Each centre's business days in the period, ordered by (date, centre code).

    Closed days come from their current Z-report. With ``include_open`` every
    other day from the centre's first activity up to today has a row too:
    ``open`` days tallied from their rows, ``empty`` days as zeros.
    """
    check_period(date_from, date_to)
    if not include_open:
        for values in _closed_values(centres, date_from, date_to):
            yield _closed_row(*values)
        return
    spans = _spans(centres, date_from, date_to)
    if not spans:
        return
    ordered = [c for c in sorted(centres, key=lambda c: c.code) if c.id in spans]
    todays = {c.id: days.today(c.id) for c in ordered}
    codes = {c.id: tally.catalogue_codes(c.id) for c in ordered}
    start = min(first for first, _ in spans.values())
    end = max(last for _, last in spans.values())
    for window in _windows(start, end):
        closed = {
            (values[1], validate.date(values[0])): values
            for values in _closed_query(ordered, *window).tuples()
        }
        active = _active_days(ordered, *window)
        for ordinal in range(window[0].toordinal(), window[1].toordinal() + 1):
            day = dt.date.fromordinal(ordinal)  # no stepping past 9999-12-31
            for centre in ordered:
                first, last = spans[centre.id]
                if not first <= day <= last:
                    continue
                if (centre.code, day) in closed:
                    yield _closed_row(*closed[(centre.code, day)])
                elif (centre.id, day) in active or day == todays[centre.id]:
                    result = tally.compute_day(centre.id, day)
                    yield DayRow(day, centre.code, "open", None, dict(result.metrics))
                else:
                    metrics = tally.empty_metrics(codes[centre.id])
                    yield DayRow(day, centre.code, "empty", None, metrics)


# -- formats ------------------------------------------------------------------


def wide_header(codes: list[str]) -> list[str]:
    metrics = [m.column for m in tally.METRICS if m.column is not None]
    return [*tally.ROW_COLUMNS, *metrics, *(_supply_column(code) for code in codes)]


def _supply_column(code: str) -> str:
    return tally.SUPPLY_FAMILY.column.replace("CODE", code)  # type: ignore[union-attr]


def metric_columns(codes: list[str]) -> list[Column]:
    """Every metric of the export in order: fixed metrics, hours, then supplies."""
    keys = [m.key for m in tally.METRICS]
    keys += [tally.hour_key(h) for h in range(24)]
    keys += [tally.supply_key(code) for code in codes]
    return [column(key) for key in keys]


def _row_columns(row: DayRow, columns: list[Column]) -> list[Column]:
    """The export's columns, then any other key the row's tally stored (e.g. an item no
    longer in the catalogue)."""
    known = {c.key for c in columns}
    extra = sorted(k for k in row.metrics if k not in known)
    return columns + [column(k) for k in extra] if extra else columns


def _text(value: int | None, money: bool, decimal: str = ".") -> str:
    if value is None:
        return ""
    return nok(value, decimal) if money else str(value)


def write_wide_csv(out: IO[str], rows: Iterable[DayRow], codes: list[str], excel: bool) -> int:
    """The wide CSV (header always); returns the number of rows written."""
    writer = _csv_writer(out, excel)
    decimal = "," if excel else "."
    writer.writerow(wide_header(codes))
    keys = [m.key for m in tally.METRICS if m.column is not None]
    keys += [tally.supply_key(code) for code in codes]
    # Looked up once per column, not once per cell: 5 years × 4 centres is ~300,000 cells.
    columns = [column(key) for key in keys]
    # A closed day counted by the newest tally has every column: no per-cell checks for it
    # (most rows of a long export; a city's 182,600 rows spent most of their time there).
    # Its figures are taken in one C call (itemgetter), and only the money columns are
    # formatted in Python; a tally that lacks a key (an item not in its catalogue) takes
    # the per-cell path, which shows the missing figure as 0.
    newest = max((c.since for c in columns), default=0)
    take = operator.itemgetter(*(c.key for c in columns)) if len(columns) > 1 else None
    money = [i for i, c in enumerate(columns) if c.money]
    # The same amounts come back day after day (0 most of all): each is formatted once.
    money_text = functools.lru_cache(maxsize=4096)(functools.partial(nok, decimal=decimal))
    count = 0
    for row in rows:
        cells: list[Any] = [row.business_date.isoformat(), row.centre_code, row.status]
        cells.append("" if row.z_no is None else str(row.z_no))
        figures = _newest_figures(row, take, newest)
        if figures is not None:
            for i in money:
                figures[i] = money_text(figures[i])
            cells += figures
        else:
            cells += [_text(row.value_of(c), c.money, decimal) for c in columns]
        writer.writerow(cells)
        count += 1
    return count


def _newest_figures(row: DayRow, take: Any, newest: int) -> list[Any] | None:
    """A closed day's figures in column order when its tally has every column, else None."""
    if take is None or row.status != "closed" or row.version < newest:
        return None
    try:
        return list(take(row.metrics))
    except KeyError:
        return None


def write_long_csv(out: IO[str], rows: Iterable[DayRow], codes: list[str], excel: bool) -> int:
    """``date, centre, status, z_no, metric, value`` rows with dotted metric names; a metric
    the day has no value for has no row. Returns the number of days written."""
    writer = _csv_writer(out, excel)
    decimal = "," if excel else "."
    writer.writerow(LONG_HEADER)
    columns = metric_columns(codes)
    names = {c.key: tally.export_name(c.key) for c in columns}
    count = 0
    for row in rows:
        head = [row.business_date.isoformat(), row.centre_code, row.status]
        head.append("" if row.z_no is None else str(row.z_no))
        for col in _row_columns(row, columns):
            value = row.value_of(col)
            if value is not None:
                name = names.get(col.key) or tally.export_name(col.key)
                writer.writerow([*head, name, _text(value, col.money, decimal)])
        count += 1
    return count


def write_json(out: IO[str], rows: Iterable[DayRow], codes: list[str]) -> int:
    """A JSON list of ``{date, centre, status, z_no, metrics}``; NOK amounts as ``125.00``,
    ``null`` for a metric the day has no value for."""
    columns = metric_columns(codes)
    names = {c.key: json.dumps(tally.export_name(c.key)) for c in columns}
    count = 0
    out.write("[")
    for row in rows:
        parts = []
        for col in _row_columns(row, columns):
            value = row.value_of(col)
            # A NOK amount is written as a JSON number literal, exact: no float on the way.
            text = "null" if value is None else _text(value, col.money)
            name = names.get(col.key) or json.dumps(tally.export_name(col.key))
            parts.append(f"{name}: {text}")
        head = {
            "date": row.business_date.isoformat(),
            "centre": row.centre_code,
            "status": row.status,
            "z_no": row.z_no,
        }
        text = json.dumps(head, ensure_ascii=False)[:-1]
        out.write(
            ("," if count else "") + "\n  " + text + ', "metrics": {' + ", ".join(parts) + "}}"
        )
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _csv_writer(out: IO[str], excel: bool) -> Any:
    if excel:
        return csv.writer(out, delimiter=";", lineterminator="\r\n")
    return csv.writer(out, lineterminator="\n")


def write_export(
    out: IO[str],
    rows: Iterable[DayRow],
    codes: list[str],
    *,
    fmt: str = "csv",
    layout: str = "wide",
    excel: bool = False,
) -> int:
    """Write the rows in the chosen format; returns the number of centre-days written."""
    if fmt not in EXPORT_FORMATS:
        raise BadInput("error.export.format", choices=", ".join(EXPORT_FORMATS))
    if layout not in EXPORT_LAYOUTS:
        raise BadInput("error.export.layout", choices=", ".join(EXPORT_LAYOUTS))
    refuse_combination(fmt, layout, excel)
    if fmt == "json":
        return write_json(out, rows, codes)
    if layout == "long":
        return write_long_csv(out, rows, codes, excel)
    return write_wide_csv(out, rows, codes, excel)


def refuse_combination(fmt: str, layout: str, excel: bool) -> None:
    """JSON has one shape (dotted metric names under ``metrics``): no layout, no Excel."""
    if fmt == "json" and excel:
        raise BadInput("error.export.excel_csv_files_leave")
    if fmt == "json" and layout == "long":
        raise BadInput("error.export.layout_long_csv_files")


# -- the metric table (``frontdesk export --metrics``, docs/export-format.md) ----------

METRIC_TABLE_HEADER = ("long name (JSON)", "wide column", "unit", "since", "meaning")


def metric_table() -> list[tuple[str, str, str, str, str]]:
    """One row per metric (and per metric family), from the tally's definitions."""
    return [
        (m.long_name, m.column or "", m.unit, str(m.since), m.meaning)
        for m in (*tally.METRICS, *tally.FAMILIES)
    ]


def metric_table_markdown() -> str:
    """The metric table as a Markdown table (docs/export-format.md holds this text)."""
    lines = ["| " + " | ".join(METRIC_TABLE_HEADER) + " |"]
    lines.append("|" + "---|" * len(METRIC_TABLE_HEADER))
    for row in metric_table():
        cells = [f"`{c}`" if i < 2 and c else c for i, c in enumerate(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def metric_table_text() -> str:
    """The metric table as aligned plain text for the terminal."""
    rows = [METRIC_TABLE_HEADER, *metric_table()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(METRIC_TABLE_HEADER) - 1)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
        for r in rows
    ]
    version = f"Tally version {tally.current_version()}."
    return "\n".join([*lines, "", version]) + "\n"


@contextmanager
def atomic_output(
    path: str | os.PathLike[str], *, excel: bool = False, reading: Iterable[str] = ()
) -> Iterator[IO[str]]:
    """A text file written to a temporary name in the same folder, renamed when complete.

    A failed or interrupted export leaves no half file behind; the file is
    owner-only (the centre's figures), and never the database or one of its files.
    """
    target = outputs.check_output(path, reading=reading)
    with (
        outputs.staged(target) as part,
        open(part, "w", encoding=encoding(excel), newline="") as handle,
    ):
        yield handle


def encoding(excel: bool) -> str:
    """Excel needs a byte-order mark to read UTF-8."""
    return "utf-8-sig" if excel else "utf-8"
