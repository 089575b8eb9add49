"""Amounts as text: one rule (services/money.py) for the export, the report, the papers
and the desk, and the desk reads back what it shows."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from frontdesk.services import export, papers
from frontdesk.services.money import nok, nok_text
from frontdesk.tui.widgets.pane_kit import MAX_KRONER, NBSP, format_nok, parse_kroner

ROOT = Path(__file__).resolve().parent.parent
ORE = st.integers(min_value=-(10**12), max_value=10**12)


def test_each_place_shows_an_amount_as_before() -> None:
    assert nok(-1250) == "-12.50"
    assert nok(125050, ",") == "1250,50"  # the export with --excel
    assert nok_text(125050, "nb") == "1 250,50 kr"  # papers
    assert nok_text(-5, "en") == "-NOK 0.05"
    assert format_nok(123456789, "nb") == f"1{NBSP}234{NBSP}567,89{NBSP}kr"  # the desk
    assert format_nok(100, "en") == f"NOK{NBSP}1.00"


def test_the_export_and_the_papers_use_the_one_rule() -> None:
    assert export.nok is nok
    assert papers.nok_text is nok_text


@settings(derandomize=True, max_examples=300)
@given(ORE)
@example(0)
@example(-1)
@example(99)
@example(100_000)
def test_a_figure_is_its_ore_exactly_in_every_form(ore: int) -> None:
    assert Decimal(nok(ore)) * 100 == ore
    assert nok_text(ore, "en").replace("NOK ", "").replace(",", "") == nok(ore)
    assert nok_text(ore, "nb").replace(" ", "").removesuffix("kr") == nok(ore, ",")


@settings(derandomize=True, max_examples=300)
@given(st.integers(min_value=0, max_value=MAX_KRONER * 100))
@example(MAX_KRONER * 100)
@example(100_050)
def test_the_desk_reads_back_the_amount_it_shows(ore: int) -> None:
    assert parse_kroner(format_nok(ore, "nb")) == ore


def test_no_other_module_turns_ore_into_kroner() -> None:
    """`divmod(…, 100)` (øre into kroner and øre) is written only in services/money.py."""
    found = []
    for path in sorted((ROOT / "frontdesk").rglob("*.py")):
        if path.name == "money.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "divmod"
                and isinstance(node.args[-1], ast.Constant)
                and node.args[-1].value == 100
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
