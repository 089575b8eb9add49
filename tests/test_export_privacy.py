"""Exports carry aggregates only: no visitor code, vendor number or staff initials.

A small demo database (5 days, 2 centres) is exported in every format and
layout, closed days only and with open days. The test parses each file and
checks its fields, not substrings: no column or metric is named after an
identifying field, no text field equals a visitor code or staff initials, and
no vendor number stands in a field that is not a count.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from frontdesk import db
from frontdesk.cli import cli
from frontdesk.db.models import Staff, Visitor, database

LAYOUTS = [
    ("csv", "wide", False),
    ("csv", "long", False),
    ("csv", "wide", True),
    ("csv", "long", True),
    ("json", "wide", False),  # JSON has one shape: --layout long is refused with it
]
# A name that says it holds who someone is, rather than how many.
IDENTIFYING = re.compile(
    r"(^|[._])(code|codes|visitor_code|vendor|vendor_no|vendor_number|vendors|initials|"
    r"staff_initials|staff_id|visitor_id|pseudonym|name)$",
    re.IGNORECASE,
)


# The fields that label a row; every other field is a count, a sum or a Z number.
LABEL_FIELDS = {"date", "centre", "status", "metric"}


class Identities:
    def __init__(self, codes: set[str], initials: set[str], vendor_numbers: set[int]) -> None:
        self.codes = codes
        self.initials = initials
        self.vendor_numbers = vendor_numbers


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Identities]]:
    path = tmp_path_factory.mktemp("privacy") / "demo.db"
    result = CliRunner().invoke(
        cli, ["demo", "--days", "5", "--centres", "2", "--seed", "3", "--db", str(path)]
    )
    assert result.exit_code == 0, result.output
    db.connect(str(path))
    identities = Identities(
        codes={v.code.upper() for v in Visitor.select(Visitor.code)},
        initials={s.initials.upper() for s in Staff.select(Staff.initials)},
        vendor_numbers={
            v.vendor_number
            for v in Visitor.select(Visitor.vendor_number).where(
                Visitor.vendor_number.is_null(False)
            )
        },
    )
    database.close()
    assert identities.codes and identities.initials and identities.vendor_numbers
    yield str(path), identities


def _export(db_path: str, out: Path, fmt: str, layout: str, excel: bool, open_days: bool) -> str:
    # Closed days: any period (up to the 20-year limit). With open days every day gets a row, so keep
    # the period to the demo's own days.
    days = _days(db_path)
    first, last = (days[0], days[-1]) if open_days else ("2010-01-01", "2029-12-31")
    args = ["--db", db_path, "export", "--from", first, "--to", last]
    args += ["--format", fmt, "--layout", layout, "-o", str(out)]
    if excel:
        args.append("--excel")
    if open_days:
        args.append("--include-open")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8-sig")


def _days(db_path: str) -> list[str]:
    from frontdesk.db.models import Visit

    db.connect(db_path)
    dates = sorted({v.business_date.isoformat() for v in Visit.select(Visit.business_date)})
    database.close()
    return dates


def _check_name(name: str) -> None:
    assert not IDENTIFYING.search(name), f"the export has an identifying field: {name}"


def _check_text(value: str, ids: Identities, *, where: str) -> None:
    text = value.strip().upper()
    assert text not in ids.codes, f"a visitor code in the export ({where}): {value}"
    assert text not in ids.initials, f"staff initials in the export ({where}): {value}"


def _check_csv(text: str, layout: str, excel: bool, ids: Identities) -> int:
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if excel else ","))
    header, body = rows[0], rows[1:]
    for name in header:
        _check_name(name)
    for row in body:
        record = dict(zip(header, row, strict=True))
        if layout == "long":
            _check_name(record["metric"])
        for key, value in record.items():
            _check_text(value, ids, where=key)
            if key in LABEL_FIELDS:
                # A field that is not a count must not carry a vendor number.
                assert not (value.isdigit() and int(value) in ids.vendor_numbers), (key, value)
    return len(body)


def _walk_json(value: Any, ids: Identities, path: str) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _check_name(str(key))
            _walk_json(item, ids, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk_json(item, ids, f"{path}[{i}]")
    elif isinstance(value, str):
        _check_text(value, ids, where=path)
        if path.rsplit(".", 1)[-1] in LABEL_FIELDS:
            assert not (value.isdigit() and int(value) in ids.vendor_numbers), (path, value)


@pytest.mark.parametrize("open_days", [False, True], ids=["closed", "include-open"])
@pytest.mark.parametrize(("fmt", "layout", "excel"), LAYOUTS)
def test_export_carries_no_code_vendor_number_or_initials(
    demo_db: tuple[str, Identities],
    tmp_path: Path,
    fmt: str,
    layout: str,
    excel: bool,
    open_days: bool,
) -> None:
    db_path, ids = demo_db
    text = _export(db_path, tmp_path / f"out.{fmt}", fmt, layout, excel, open_days)
    if fmt == "csv":
        count = _check_csv(text, layout, excel, ids)
    else:
        data = json.loads(text)
        _walk_json(data, ids, "$")
        count = len(data)
    assert count > 0  # the demo's days are in the file, so the check checked something
