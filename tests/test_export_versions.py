"""Versioned tallies: a metric that a stored Z-report predates is empty, never a made-up 0."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from decimal import Decimal

import pytest

from frontdesk.db.models import DayClose
from frontdesk.services import tally
from frontdesk.services.actor import Actor
from frontdesk.services.tally import Metric
from tests.test_cli_export import CLOSED_ROW, DAY, NEXT, close, export, seed

# A metric a later version adds (e.g. the overdose-response issue's naloxone outcomes).
NEW = Metric("naloxone.outcomes", "naloxone_outcomes", 2, "Reported naloxone uses.")


def store_as_version_1(day) -> None:
    """Rewrite the day's Z-report as code before tally versions stored it: a flat dict."""
    row = DayClose.get(DayClose.business_date == day)
    _, metrics = tally.load_stored(row.tally)
    row.tally = json.dumps(metrics, sort_keys=True)
    row.save()


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """The code knows one metric more than the stored Z-report of DAY."""
    monkeypatch.setattr(tally, "METRICS", (*tally.METRICS, NEW))
    assert tally.current_version() == 2


def test_a_z_report_stored_before_versions_exports_as_before(backend: str, lead: Actor) -> None:
    seed(lead)
    store_as_version_1(DAY)
    row = next(csv.DictReader(io.StringIO(export(backend).stdout)))
    assert {k: row[k] for k in CLOSED_ROW} == CLOSED_ROW


def test_a_metric_the_z_report_predates_is_empty_in_csv(
    backend: str, lead: Actor, version_2: None
) -> None:
    seed(lead)
    store_as_version_1(DAY)
    rows = list(csv.DictReader(io.StringIO(export(backend, "--include-open").stdout)))
    assert [(r["date"], r["status"], r["naloxone_outcomes"]) for r in rows] == [
        ("2026-03-02", "closed", ""),  # stored before the metric existed: unknown
        ("2026-03-03", "open", "0"),  # counted by today's code: a real zero
        ("2026-03-04", "empty", "0"),
    ]
    assert rows[0]["visits"] == "5"  # the metrics it knew are all there


def test_a_metric_the_z_report_predates_is_null_in_json_and_absent_in_long(
    backend: str, lead: Actor, version_2: None
) -> None:
    seed(lead)
    store_as_version_1(DAY)
    days = json.loads(
        export(backend, "--format", "json", "--include-open").stdout, parse_float=Decimal
    )
    assert [d["metrics"]["naloxone.outcomes"] for d in days] == [None, 0, 0]
    assert days[0]["metrics"]["visits.total"] == 5
    rows = list(
        csv.DictReader(io.StringIO(export(backend, "--layout", "long", "--include-open").stdout))
    )
    outcomes = [(r["date"], r["value"]) for r in rows if r["metric"] == "naloxone.outcomes"]
    assert outcomes == [("2026-03-03", "0"), ("2026-03-04", "0")]


def test_a_z_report_stored_now_records_the_version_and_has_the_metric(
    backend: str, lead: Actor, version_2: None
) -> None:
    seed(lead)
    close(lead.centre_id, NEXT, 0)
    stored = json.loads(DayClose.get(DayClose.business_date == NEXT).tally)
    assert stored["version"] == 2 and stored["metrics"]["naloxone.outcomes"] == 0
    rows = list(csv.DictReader(io.StringIO(export(backend).stdout)))
    assert [(r["date"], r["naloxone_outcomes"]) for r in rows] == [
        ("2026-03-02", "0"),  # closed by the seed with this code: version 2 as well
        ("2026-03-03", "0"),
    ]


def test_the_report_leaves_a_figure_the_day_predates_blank(
    backend: str, lead: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.services.centre import find_centre
    from frontdesk.services.report import build_report

    seed(lead)
    store_as_version_1(DAY)
    # As if syringes.returned had come in version 2: DAY's tally would not know it.
    later = tuple(replace(m, since=2) if m.key == "syringes.returned" else m for m in tally.METRICS)
    monkeypatch.setattr(tally, "METRICS", later)
    rep = build_report([find_centre("STR")], DAY, NEXT)
    assert [line.value("syringes.returned") for line in rep.days] == [None, 0]
    assert rep.total.value("syringes.returned") == 0  # the day that knew it
    assert rep.days[0].value("visits.total") == 5


def test_a_new_metric_with_a_heading_is_a_report_column(
    backend: str, lead: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_cli_export import run

    monkeypatch.setattr(tally, "METRICS", (*tally.METRICS, replace(NEW, heading="Uses")))
    seed(lead)
    store_as_version_1(DAY)
    result = run("--db", backend, "report", "--from", "2026-03-02", "--to", "2026-03-03")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert next(line for line in lines if "Visits" in line).split()[-1] == "Uses"
    closed = next(line for line in lines if line.split()[:1] == ["2026-03-02"])
    opened = next(line for line in lines if line.split()[:1] == ["2026-03-03"])
    assert opened.split()[-1] == "0"  # counted by this code
    assert closed.split()[-1] == "25"  # the syringes returned: the new figure is left blank


def test_a_z_report_of_version_1_has_no_cash_box_figures(backend: str, lead: Actor) -> None:
    """Float, pay-ins, pay-outs and the expected cash came with tally version 2."""
    seed(lead)
    store_as_version_1(DAY)
    row = next(csv.DictReader(io.StringIO(export(backend).stdout)))
    cash_box = ("cash_float_nok", "cash_pay_in_nok", "cash_pay_out_nok", "cash_expected_nok")
    assert [row[k] for k in cash_box] == ["", "", "", ""]
    assert row["cash_counted_nok"] == CLOSED_ROW["cash_counted_nok"]  # version 1 had it
