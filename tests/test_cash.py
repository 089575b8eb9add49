"""The cash-up (issue 13): opening float, pay-ins and pay-outs, the difference limit that
needs a second lead, the count by denomination; on the Z-report and in the export.
Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from frontdesk.cli import cli
from frontdesk.db.models import AuditEvent, CashMovement, DayClose
from frontdesk.errors import BadInput, DayClosed, NeedsSecondLead, NotAllowed, WrongPin
from frontdesk.services import cash, dayclose, megafon, visits
from frontdesk.services.actor import Actor
from frontdesk.services.settings import set_setting
from frontdesk.services.staff import add_staff
from tests.conftest import mark_day_closed

NOON = dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC)  # business date 2026-11-16
DAY = dt.date(2026, 11, 16)
SECOND_PIN = "2468"


@pytest.fixture
def frozen():
    with freeze_time(NOON) as frozen:
        yield frozen


@pytest.fixture
def sales(lead: Actor, frozen) -> None:
    """300 kr of Megafon in cash (one sale of 100 kr voided) and 50 kr by card."""
    megafon.add_issue(lead, "2026-11", 5000)
    megafon.record_delivery(lead, 50)
    visits.register_visitor(lead, "VE77", vendor_number=77)
    megafon.sell(lead, "77", 6, "cash")
    voided = megafon.sell(lead, "77", 2, "cash")
    megafon.void_sale(lead, voided.id, "wrong vendor")
    megafon.sell(lead, "77", 1, "card")


@pytest.fixture
def second_lead(lead: Actor) -> str:
    add_staff(lead, "EF", SECOND_PIN, role="lead")
    return "EF"


def expected(lead: Actor) -> int:
    return dayclose.x_report(lead).expected_cash_ore


def test_expected_cash_is_float_plus_cash_sales_plus_pay_ins_minus_pay_outs(
    lead: Actor, desk: Actor, sales: None
) -> None:
    assert expected(lead) == 30000  # no float yet: the setting's default, 0
    set_setting(lead, "opening_float_ore", "150000")
    assert expected(lead) == 180000  # the setting is the float of a day that records none
    cash.set_float(desk, 200000)  # counted when the day opened: it replaces the setting
    cash.move(desk, "pay_in", 50000, "change")
    cash.move(lead, "pay_out", 120000, "safe")
    day = dayclose.x_report(lead)
    assert {k: day.get(k) for k in ("cash.float_ore", "cash.pay_in_ore", "cash.pay_out_ore")} == {
        "cash.float_ore": 200000,
        "cash.pay_in_ore": 50000,
        "cash.pay_out_ore": 120000,
    }
    assert day.expected_cash_ore == 200000 + 30000 + 50000 - 120000
    # A second float replaces the first (voided, not summed); a voided pay-out counts nowhere.
    cash.set_float(desk, 100000)
    [out] = [m for m in cash.movements_on(lead.centre_id) if m.kind == "pay_out"]
    cash.void_movement(lead, out.id, "went back into the box")
    assert expected(lead) == 100000 + 30000 + 50000
    kinds = [(m.kind, m.amount_ore, m.voided) for m in cash.movements_on(lead.centre_id)]
    assert sorted(kinds) == [
        ("float", 100000, False),
        ("float", 200000, True),
        ("pay_in", 50000, False),
        ("pay_out", 120000, True),
    ]
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.action.startswith("cash."))]
    assert actions == [
        "cash.float",
        "cash.pay_in",
        "cash.pay_out",
        "cash.void",
        "cash.float",
        "cash.void",
    ]


def test_cash_movements_are_checked(lead: Actor, desk: Actor, sales: None) -> None:
    with pytest.raises(BadInput, match="one of: change, safe, bank, expense, other"):
        cash.move(desk, "pay_in", 100, "birthday")
    with pytest.raises(BadInput, match="pay-in or a pay-out"):
        cash.move(desk, "float", 100, "change")
    for amount in (0, -5, 10_000_001, 2.5, "ten"):
        with pytest.raises(BadInput):
            cash.move(desk, "pay_in", amount, "change")  # type: ignore[arg-type]
    with pytest.raises(BadInput, match="more than the cash box should hold"):
        cash.move(desk, "pay_out", 30001, "safe")
    with pytest.raises(BadInput, match="float must be"):
        cash.set_float(desk, -1)
    [m] = [cash.move(desk, "pay_in", 100, "other")]
    with pytest.raises(NotAllowed):
        cash.void_movement(desk, m.id, "typo")
    assert CashMovement.select().count() == 1
    mark_day_closed(lead.centre_id, DAY)
    with pytest.raises(DayClosed):
        cash.move(desk, "pay_in", 100, "change")


def test_a_difference_beyond_the_limit_needs_a_second_lead_and_a_reason(
    lead: Actor, sales: None, second_lead: str
) -> None:
    cash.set_float(lead, 100000)  # expected 1 300.00 kr
    with pytest.raises(NeedsSecondLead) as refused:
        dayclose.close_day(lead, 130000 - 5001)
    assert "-50,01 kr, mer enn 50,00 kr" in refused.value.text("nb")
    assert str(refused.value) == (
        "The cash is -NOK 50.01 off, more than NOK 50.00: a second shift lead must approve it "
        "with their PIN and a reason."
    )
    with pytest.raises(BadInput, match="reason"):
        dayclose.close_day(lead, 120000, approver_initials="EF", approver_pin=SECOND_PIN)
    with pytest.raises(WrongPin):
        dayclose.close_day(
            lead, 120000, approver_initials="EF", approver_pin="0000", diff_reason="x"
        )
    with pytest.raises(BadInput, match="A second shift lead, not the one closing"):
        dayclose.close_day(
            lead, 120000, approver_initials="AB", approver_pin="4711", diff_reason="x"
        )
    assert DayClose.select().count() == 0
    z = dayclose.close_day(
        lead,
        120000,
        approver_initials="ef",
        approver_pin=SECOND_PIN,
        diff_reason="a 100 kr note missing",
    )
    assert (z.expected_cash_ore, z.counted_cash_ore, z.diff_ore) == (130000, 120000, -10000)
    assert (z.diff_approved_by, z.diff_reason) == ("EF", "a 100 kr note missing")
    shown = dayclose.z_report(lead, DAY)
    assert (shown.diff_approved_by, shown.diff_reason) == ("EF", "a 100 kr note missing")
    event = AuditEvent.select().where(AuditEvent.action == "day.close").get()
    assert json.loads(event.detail)["approved_by"] == "EF"


def test_a_difference_within_the_limit_needs_no_second_lead(lead: Actor, sales: None) -> None:
    set_setting(lead, "cash_diff_limit_ore", "10000")
    z = dayclose.close_day(lead, 30000 - 10000)
    assert (z.diff_ore, z.diff_approved_by) == (-10000, None)


def test_the_count_by_denomination_adds_up_to_the_counted(lead: Actor, sales: None) -> None:
    with pytest.raises(BadInput, match="do not add up"):
        dayclose.close_day(lead, 30000, denominations={20000: 1, 5000: 1})
    with pytest.raises(BadInput, match="not a Norwegian coin"):
        dayclose.close_day(lead, 30000, denominations={30000: 1})
    z = dayclose.close_day(lead, 30000, denominations={20000: 1, 5000: 1, 1000: 4, 100: 10, 500: 0})
    assert z.denominations == ((100, 10), (1000, 4), (5000, 1), (20000, 1))
    assert dayclose.z_report(lead, DAY).denominations == z.denominations


def test_the_z_report_and_the_export_carry_the_cash_up(
    backend: str, lead: Actor, sales: None, frozen
) -> None:
    cash.set_float(lead, 100000)
    cash.move(lead, "pay_in", 20000, "change")
    cash.move(lead, "pay_out", 50000, "safe")
    z = dayclose.close_day(lead, 100000)  # expected 1000 + 300 + 200 - 500 = 1000.00 kr
    assert (z.expected_cash_ore, z.diff_ore) == (100000, 0)
    result = CliRunner().invoke(
        cli, ["--db", backend, "export", "--from", DAY.isoformat(), "--to", DAY.isoformat()]
    )
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert {k: row[k] for k in row if k.startswith("cash_")} == {
        "cash_counted_nok": "1000.00",
        "cash_diff_nok": "0.00",
        "cash_float_nok": "1000.00",
        "cash_pay_in_nok": "200.00",
        "cash_pay_out_nok": "500.00",
        "cash_expected_nok": "1000.00",
    }


def test_a_day_closed_before_the_cash_box_exports_it_empty_and_the_report_shows_it(
    backend: str, lead: Actor, sales: None, frozen
) -> None:
    from frontdesk.services import tally

    # A Z-report of tally version 1 (stored before floats and pay-ins existed).
    version_1 = {k: v for k, v in tally.compute_day(lead.centre_id, DAY).metrics.items()}
    for key in ("cash.float_ore", "cash.pay_in_ore", "cash.pay_out_ore", "cash.expected_ore"):
        version_1.pop(key)
    DayClose.create(
        centre=lead.centre_id,
        business_date=DAY - dt.timedelta(days=1),
        z_no=1,
        tally=json.dumps({"version": 1, "metrics": version_1}),
        expected_cash_ore=30000,
        counted_cash_ore=30000,
        diff_ore=0,
        revenue_ore=35000,
        grand_total_ore=35000,
        sales_by_staff="[]",
        closed_at=dt.datetime(2026, 11, 15, 20, 0),
    )
    cash.set_float(lead, 50000)
    dayclose.close_day(lead, 80000)
    period = ["--from", (DAY - dt.timedelta(days=1)).isoformat(), "--to", DAY.isoformat()]
    result = CliRunner().invoke(cli, ["--db", backend, "export", *period])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["cash_float_nok"] for r in rows] == ["", "500.00"]  # never a made-up 0
    assert [r["cash_expected_nok"] for r in rows] == ["", "800.00"]
    report = CliRunner().invoke(cli, ["--db", backend, "report", *period])
    assert report.exit_code == 0, report.output
    lines = [line.rstrip() for line in report.stdout.splitlines()]
    at = lines.index("Cash box (closed days)")
    assert [line.split() for line in lines[at:] if line.startswith("  2026-11-")] == [
        ["2026-11-15", "STR", "300.00", "0.00"],
        ["2026-11-16", "STR", "500.00", "0.00", "0.00", "800.00", "800.00", "0.00"],
    ]


def test_the_z_report_paper_carries_the_cash_box_and_the_approval(
    lead: Actor, sales: None, second_lead: str
) -> None:
    from frontdesk.services import papers

    cash.set_float(lead, 100000)
    cash.move(lead, "pay_out", 50000, "safe")
    dayclose.close_day(
        lead, 70000, approver_initials="EF", approver_pin=SECOND_PIN, diff_reason="telt feil"
    )
    receipt = " ".join(papers.receipt_text(papers.z_paper(lead, DAY)).split())
    assert "Veksel / inn / ut 1 000,00 kr / 0,00 kr / 500,00 kr" in receipt
    assert "Forventet kontant 800,00 kr" in receipt and "Differanse -100,00 kr" in receipt
    assert "Differanse godkjent av EF: telt feil" in receipt


def test_the_counting_settings_are_checked(lead: Actor) -> None:
    from frontdesk.services.settings import get_settings

    defaults = get_settings(lead.centre_id)
    assert (defaults.blind_count, defaults.cash_diff_limit_ore, defaults.opening_float_ore) == (
        True,
        5000,
        0,
    )
    assert defaults.expiry_warning_days == 60
    assert set_setting(lead, "blind_count", "off").blind_count is False
    assert get_settings(lead.centre_id).blind_count is False  # stored as text, read back
    assert set_setting(lead, "blind_count", "ON").blind_count is True
    for key, bad in (
        ("blind_count", "maybe"),
        ("cash_diff_limit_ore", "-1"),
        ("opening_float_ore", "50,00"),
        ("expiry_warning_days", "9999"),
    ):
        with pytest.raises(BadInput):
            set_setting(lead, key, bad)
    assert get_settings(lead.centre_id).cash_diff_limit_ore == 5000
