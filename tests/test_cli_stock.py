"""`frontdesk stock`: deliveries with a lot, stock-takes with a reason, the reorder list."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner
from freezegun import freeze_time

from frontdesk.cli import cli
from frontdesk.db.models import AuditEvent, StockCount
from frontdesk.services import supplies
from frontdesk.services.actor import Actor

NOON = dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC)


def run(backend: str, *args: str):
    return CliRunner().invoke(cli, ["--db", backend, *args])


def test_deliver_count_and_list_by_lot(backend: str, lead: Actor) -> None:
    with freeze_time(NOON):
        done = run(
            backend, "stock", "deliver", "nalox", "5", "--lot", "A1", "--expires", "2027-01-10"
        )
        assert (done.exit_code, done.output) == (0, "Delivered 5 sett of NALOX; 5 on hand.\n")
        assert run(backend, "stock", "deliver", "NALOX", "3").exit_code == 0
        counted = run(backend, "stock", "count", "NALOX", "4", "--reason", "damaged", "--lot", "A1")
        assert counted.output == "Counted NALOX lot A1: 4 (on record 5, change -1, damaged).\n"
        listed = run(backend, "stock", "list", "--lots")
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    [nalox] = [line for line in lines if line.startswith("NALOX")]
    # stock 7, no days of cover (nothing handed out), next expiry, 4 expiring within 60
    # days, none expired, counted today
    assert nalox.split()[4:] == ["7", "2027-01-10", "4", "0", "2026-11-16"]
    assert "    lot A1                            4  expires 2027-01-10" in lines
    event = AuditEvent.select().where(AuditEvent.action == "stock.count").get()
    assert json.loads(event.detail)["reason"] == "damaged"
    assert event.actor == "cli"


def test_a_bad_count_is_one_sentence_and_changes_nothing(backend: str, lead: Actor) -> None:
    for args, sentence in (
        (("FOLIE", "3", "--reason", "lost", "--lot", "Q"), "Error: FOLIE has no lot Q.\n"),
        (("NOPE", "3", "--reason", "lost"), "Error: There is no supply item with the code NOPE.\n"),
    ):
        result = run(backend, "stock", "count", *args)
        assert (result.exit_code, result.stderr) == (1, sentence)
    missing = run(backend, "stock", "count", "FOLIE", "3")
    assert missing.exit_code == 2 and "--reason" in missing.stderr
    assert StockCount.select().count() == 0


def test_reorder_lists_what_to_order(backend: str, lead: Actor) -> None:
    with freeze_time(NOON - dt.timedelta(days=10)) as frozen:
        supplies.record_delivery(lead, "FOLIE", 100)
        frozen.move_to(NOON - dt.timedelta(days=1))
        supplies.hand_out(lead, {"FOLIE": 70})  # 70 in 28 days; 30 left
    with freeze_time(NOON):
        result = run(backend, "stock", "reorder")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == [
            "code      name                     need  usable  order",
            "FOLIE     Smoking foil               70      30     40",
        ]
        short = run(backend, "stock", "reorder", "--days", "7", "--all")
        [folie] = [line for line in short.output.splitlines() if line.startswith("FOLIE")]
        assert folie.split()[-3:] == ["18", "30", "0"]  # 70 × 7 ÷ 28 = 17.5: 18
        nothing = run(backend, "stock", "reorder", "--days", "7")
        assert nothing.output == "Nothing to order: the stock covers 7 days.\n"
        assert run(backend, "stock", "reorder", "--days", "0").exit_code == 1
