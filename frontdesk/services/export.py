"""Export of daily tallies: one row per centre per business day, aggregates only.

A closed day's row is its stored Z-report (the current version), so an export
is unchanged by ``purge``; an open day's row is ``tally.compute_day``. The
report uses the same ``day_rows``. Rows are streamed from a cursor and written
one by one, so memory stays flat however long the period is.

Money is integer øre inside; the files show NOK with two decimals, converted
with ``divmod`` (never floats). Nothing here identifies a visitor.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from db.models import Centre, DayClose, SupplyItem
from frontdesk.errors import BadInput, NotFound
from frontdesk.services import outputs, tally
from frontdesk.services.centre import CentreInfo, find_centre

FORMATS = ("csv", "json")
LAYOUTS = ("wide", "long")
LONG_HEADER = ("date", "centre", "metric", "value")


@dataclass(frozen=True)
class DayRow:
    """One centre's business day: its status, Z number and metrics (øre for money)."""

    business_date: dt.date
    centre_code: str
    status: str  # closed | open
    z_no: int | None
    metrics: dict[str, int]


# -- choosing what to export ------------------------------------------------


def select_centres(code: str | None = None) -> list[CentreInfo]:
    """One centre by code, or every centre of the database (ordered by code)."""
    if code:
        return [find_centre(code)]
    rows = Centre.select().order_by(Centre.code)
    centres = [CentreInfo(r.id, r.code, r.name) for r in rows]
    if not centres:
        raise NotFound("The database has no centre yet: run 'frontdesk init'.")
    return centres


def check_period(date_from: dt.date, date_to: dt.date) -> None:
    if date_from > date_to:
        raise BadInput(
            f"The period starts ({date_from.isoformat()}) after it ends ({date_to.isoformat()})."
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
        return ((date_to - date_from).days + 1) * len(centres)
    return _closed_query(centres, date_from, date_to).count()


# -- the rows -----------------------------------------------------------------


def _closed_query(centres: list[CentreInfo], date_from: dt.date, date_to: dt.date):
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


# Z-reports are read a quarter at a time: psycopg fetches a whole result before the
# first row, so one query over five years would hold them all in memory at once.
WINDOW_DAYS = 92


def _closed_values(
    centres: list[CentreInfo], date_from: dt.date, date_to: dt.date
) -> Iterator[tuple[Any, ...]]:
    """The current Z-reports of the period, ordered by (date, centre), a window at a time."""
    start = date_from.toordinal()
    while start <= date_to.toordinal():
        end = min(start + WINDOW_DAYS - 1, date_to.toordinal())
        window = (dt.date.fromordinal(start), dt.date.fromordinal(end))
        yield from _closed_query(centres, *window).tuples().iterator()
        start = end + 1


def _closed_row(business_date, code, z_no, tally_json, counted_ore, diff_ore) -> DayRow:
    metrics = json.loads(tally_json)  # ints, as close_day stored them
    metrics["cash.counted_ore"] = int(counted_ore)
    metrics["cash.diff_ore"] = int(diff_ore)
    return DayRow(_as_date(business_date), code, "closed", int(z_no), metrics)


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def day_rows(
    centres: list[CentreInfo], date_from: dt.date, date_to: dt.date, include_open: bool
) -> Iterator[DayRow]:
    """Each centre's business days in the period, ordered by (date, centre code).

    Closed days come from their current Z-report; with ``include_open`` every
    other day is tallied from its rows (zeros for a day without activity).
    """
    check_period(date_from, date_to)
    cursor = _closed_values(centres, date_from, date_to)
    if not include_open:
        for values in cursor:
            yield _closed_row(*values)
        return
    ordered = sorted(centres, key=lambda c: c.code)
    closed = next(cursor, None)
    for ordinal in range(date_from.toordinal(), date_to.toordinal() + 1):
        day = dt.date.fromordinal(ordinal)  # no stepping past 9999-12-31
        # This day's Z-reports by centre (the database's collation need not match Python's).
        todays = {}
        while closed is not None and _as_date(closed[0]) <= day:
            todays[closed[1]] = closed
            closed = next(cursor, None)
        for centre in ordered:
            if centre.code in todays:
                yield _closed_row(*todays[centre.code])
            else:
                result = tally.compute_day(centre.id, day)
                yield DayRow(day, centre.code, "open", None, dict(result.metrics))


# -- formats ------------------------------------------------------------------


def nok(ore: int, decimal: str = ".") -> str:
    """Øre as NOK with two decimals, without floats: -1250 → '-12.50'."""
    sign = "-" if ore < 0 else ""
    kroner, rest = divmod(abs(int(ore)), 100)
    return f"{sign}{kroner}{decimal}{rest:02d}"


def wide_header(codes: list[str]) -> list[str]:
    return [name for name, _ in tally.WIDE_COLUMNS] + [f"supply_{code}" for code in codes]


def metric_keys(row: DayRow, codes: list[str], *, close_only: bool = False) -> list[str]:
    """The row's metric keys in export order: fixed columns, hours, supplies, then any other.

    The cash keys of a Z-report are left out for an open day unless ``close_only``.
    """
    keys = [key for _, key in tally.WIDE_COLUMNS if key is not None]
    if row.status != "closed" and not close_only:
        keys = [k for k in keys if k not in tally.CLOSE_ONLY]
    keys += [tally.hour_key(h) for h in range(24)]
    keys += [tally.supply_key(code) for code in codes]
    known = set(keys) | set(tally.CLOSE_ONLY)
    keys += sorted(k for k in row.metrics if k not in known)
    return keys


def _value_text(row: DayRow, key: str, decimal: str) -> str:
    if key in tally.CLOSE_ONLY and row.status != "closed":
        return ""
    value = row.metrics.get(key, 0)
    return nok(value, decimal) if tally.is_money(key) else str(int(value))


def write_wide_csv(out: IO[str], rows: Iterable[DayRow], codes: list[str], excel: bool) -> int:
    """The wide CSV (header always); returns the number of rows written."""
    writer = _csv_writer(out, excel)
    decimal = "," if excel else "."
    writer.writerow(wide_header(codes))
    metric_columns = [key for _, key in tally.WIDE_COLUMNS if key is not None]
    metric_columns += [tally.supply_key(code) for code in codes]
    # Decided once per column, not once per cell: 5 years × 4 centres is ~300,000 cells.
    columns = [(key, tally.is_money(key), key in tally.CLOSE_ONLY) for key in metric_columns]
    count = 0
    for row in rows:
        metrics, closed = row.metrics, row.status == "closed"
        cells = [row.business_date.isoformat(), row.centre_code, row.status]
        cells.append("" if row.z_no is None else str(row.z_no))
        for key, money, close_only in columns:
            if close_only and not closed:
                cells.append("")
            elif money:
                cells.append(nok(metrics.get(key, 0), decimal))
            else:
                cells.append(str(metrics.get(key, 0)))
        writer.writerow(cells)
        count += 1
    return count


def write_long_csv(out: IO[str], rows: Iterable[DayRow], codes: list[str], excel: bool) -> int:
    """``date, centre, metric, value`` rows with dotted metric names; returns days written."""
    writer = _csv_writer(out, excel)
    decimal = "," if excel else "."
    writer.writerow(LONG_HEADER)
    count = 0
    for row in rows:
        day = row.business_date.isoformat()
        for key in metric_keys(row, codes):
            writer.writerow(
                [day, row.centre_code, tally.export_name(key), _value_text(row, key, decimal)]
            )
        count += 1
    return count


def write_json(out: IO[str], rows: Iterable[DayRow], codes: list[str]) -> int:
    """A JSON list of ``{date, centre, status, z_no, metrics}``; NOK amounts as ``125.00``."""
    count = 0
    out.write("[")
    for row in rows:
        parts = []
        for key in metric_keys(row, codes, close_only=True):
            if key in tally.CLOSE_ONLY and row.status != "closed":
                value = "null"
            elif tally.is_money(key):
                value = nok(row.metrics.get(key, 0))  # a JSON number literal, exact
            else:
                value = str(int(row.metrics.get(key, 0)))
            parts.append(f"{json.dumps(tally.export_name(key))}: {value}")
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


def _csv_writer(out: IO[str], excel: bool):
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
    if fmt not in FORMATS:
        raise BadInput(f"The format is one of {', '.join(FORMATS)}.")
    if layout not in LAYOUTS:
        raise BadInput(f"The layout is one of {', '.join(LAYOUTS)}.")
    if fmt == "json":
        if excel:
            raise BadInput("--excel is for CSV files; leave it out with --format json.")
        return write_json(out, rows, codes)
    if layout == "long":
        return write_long_csv(out, rows, codes, excel)
    return write_wide_csv(out, rows, codes, excel)


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
