"""docs/ holds the project's contracts, generated from the code and kept in step by this test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontdesk.cli import cli
from frontdesk.services import export, tally
from scripts import gen_docs

ROOT = Path(__file__).resolve().parent.parent
GENERATED = gen_docs.generated()


@pytest.mark.parametrize("path", sorted(GENERATED), ids=lambda p: p.name)
def test_generated_docs_match_the_code(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == GENERATED[path], (
        f"{path.relative_to(ROOT)} is out of step with the code: run `make docs`."
    )


def test_the_docs_metric_table_is_the_definitions() -> None:
    text = (ROOT / "docs" / "export-format.md").read_text(encoding="utf-8")
    text = text.split(gen_docs.METRICS_START)[1].split(gen_docs.METRICS_END)[0]
    rows = {
        cells[0].strip("` "): [c.strip("` ") for c in cells[1:]]
        for line in text.splitlines()
        if line.startswith("| `")
        for cells in [line.strip("|").split("|")]
    }
    for m in (*tally.METRICS, *tally.FAMILIES):
        assert rows.pop(m.long_name) == [m.column or "", m.unit, str(m.since), m.meaning]
    assert rows == {}  # no metric in the docs that the code lacks


def test_export_metrics_prints_the_table_without_a_period() -> None:
    result = CliRunner().invoke(cli, ["export", "--metrics"])
    assert result.exit_code == 0, result.output
    assert result.stdout == export.metric_table_text()
    lines = result.stdout.splitlines()
    for m in tally.METRICS:
        line = next(line for line in lines if line.split()[0] == m.long_name)
        assert line.split()[1:4] == [m.column, m.unit, str(m.since)] and m.meaning in line
    assert f"Tally version {tally.current_version()}." in lines


def test_the_export_columns_follow_the_table() -> None:
    header = export.wide_header(["SPR2ML"])
    assert header == [
        *tally.ROW_COLUMNS,
        *(m.column for m in tally.METRICS if m.column),
        "supply_SPR2ML",
    ]


def test_nothing_points_to_a_design_document_the_repository_lacks() -> None:
    pattern = re.compile(r"DESIGN\.md")
    files = [ROOT / "README.md", ROOT / "Makefile", ROOT / "pyproject.toml"]
    for folder in ("frontdesk", "db", "benchmarks", "scripts", "tests"):
        files += [p for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".md", ".tcss")]
    files.remove(Path(__file__))
    hits = [str(p.relative_to(ROOT)) for p in files if pattern.search(p.read_text("utf-8"))]
    assert hits == []
