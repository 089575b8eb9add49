"""The wide CSV's quick path for closed days of the newest tally gives the same cells as
the per-cell path: a catalogue item the stored Z-report lacks is 0, amounts in NOK."""

from __future__ import annotations

import csv
import io

from frontdesk.db.models import SupplyItem
from frontdesk.services import tally
from frontdesk.services.actor import Actor
from frontdesk.services.supplies import DEFAULT_CATALOGUE
from tests.test_cli_export import CLOSED_ROW, CLOSED_ROW_CASH_BOX, export, seed

COLUMN = tally.SUPPLY_FAMILY.column.replace("CODE", "NEWKIT")  # type: ignore[union-attr]


def closed_rows(backend: str, excel: bool) -> list[dict[str, str]]:
    text = export(backend, *(["--excel"] if excel else [])).stdout.lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if excel else ","))


def test_an_item_added_after_the_close_is_0_on_the_closed_day(backend: str, lead: Actor) -> None:
    seed(lead)  # DAY closed by the newest tally
    expected = {**CLOSED_ROW, **CLOSED_ROW_CASH_BOX}
    before = {excel: closed_rows(backend, excel) for excel in (False, True)}
    _, nb, en, unit, kind, low, litres = DEFAULT_CATALOGUE[0]
    SupplyItem.create(
        centre=lead.centre_id, code="NEWKIT", name_nb=nb, name_en=en, unit=unit, kind=kind,
        low_stock=low, bin_litres=litres, sort_order=99,
    )  # fmt: skip
    for excel, decimal in ((False, "."), (True, ",")):
        rows = closed_rows(backend, excel)  # the stored tally has no NEWKIT
        assert [(r["status"], r[COLUMN]) for r in rows] == [("closed", "0")]
        assert {k: v for k, v in rows[0].items() if k != COLUMN} == before[excel][0]
        amounts = {k: v.replace(".", decimal) for k, v in expected.items() if k != "date"}
        assert {k: rows[0][k] for k in amounts} == amounts
