"""Megafon: issues, deliveries, stock, sales to vendors and voids — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from freezegun import freeze_time

from frontdesk.db.models import AuditEvent, MegafonDelivery, MegafonIssue, MegafonSale
from frontdesk.errors import BadInput, DayClosed, NotAllowed, NotFound, OutOfStock
from frontdesk.services import megafon, visits
from frontdesk.services.actor import Actor
from frontdesk.services.settings import set_setting
from tests.conftest import mark_day_closed

# 11:00 in Oslo on a Monday: business date 2026-11-16.
NOON = dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 16)


@pytest.fixture
def frozen():
    with freeze_time(NOON) as frozen:
        yield frozen


@pytest.fixture
def vendors(lead: Actor) -> None:
    """AB85 sells as vendor 12, CD90 as vendor 7; EF77 is a visitor who is not a vendor."""
    visits.register_visitor(lead, "AB85", vendor_number=12)
    visits.register_visitor(lead, "cd90", vendor_number=7)
    visits.register_visitor(lead, "EF77")


@pytest.fixture
def stocked(lead: Actor, vendors: None, frozen) -> megafon.IssueInfo:
    """Issue 2026-11 at 25 kr, current, with 20 copies delivered."""
    megafon.add_issue(lead, "2026-11", 2500)
    return megafon.record_delivery(lead, 20)


def audit_actions(action: str) -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id))


# -- the magazine and its issues ---------------------------------------------------


def test_the_title_is_a_setting_defaulting_to_megafon(lead: Actor) -> None:
    assert megafon.magazine_title(lead.centre_id) == "Megafon"
    set_setting(lead, "magazine_title", "=Oslo")
    assert megafon.magazine_title(lead.centre_id) == "=Oslo"
    issue = megafon.add_issue(lead, "2026-11", 3000)
    assert issue.title == "=Oslo"
    assert MegafonIssue.get_by_id(issue.id).title == "=Oslo"


def test_add_issue_makes_it_current_and_records_it(lead: Actor) -> None:
    issue = megafon.add_issue(lead, " 2026-11 ", 2500, title="Megafon jul")
    assert (issue.number, issue.title, issue.price_ore, issue.current) == (
        "2026-11",
        "Megafon jul",
        2500,
        True,
    )
    assert (issue.delivered, issue.sold, issue.stock) == (0, 0, 0)
    assert megafon.current_issue(lead.centre_id) == issue
    row = MegafonIssue.get_by_id(issue.id)
    assert (row.number, row.price_ore, row.current) == ("2026-11", 2500, True)
    [event] = audit_actions("megafon.add_issue")
    assert json.loads(event.detail)["price_ore"] == 2500


def test_exactly_one_issue_is_current(lead: Actor) -> None:
    megafon.add_issue(lead, "2026-10", 2500)
    megafon.add_issue(lead, "2026-11", 2500)
    assert megafon.current_issue(lead.centre_id).number == "2026-11"
    # Added ahead of time: not current until a lead says so.
    megafon.add_issue(lead, "2026-12", 3000, current=False)
    assert megafon.current_issue(lead.centre_id).number == "2026-11"
    back = megafon.set_current(lead, "2026-10")
    assert back.current
    assert [(i.number, i.current) for i in megafon.issues(lead.centre_id)] == [
        ("2026-12", False),
        ("2026-11", False),
        ("2026-10", True),
    ]
    assert MegafonIssue.select().where(MegafonIssue.current == True).count() == 1  # noqa: E712


def test_the_first_issue_is_current_even_when_added_ahead(lead: Actor) -> None:
    issue = megafon.add_issue(lead, "2026-11", 2500, current=False)
    assert issue.current
    assert megafon.current_issue(lead.centre_id).number == "2026-11"


def test_no_issue_means_no_current_issue(lead: Actor) -> None:
    assert megafon.current_issue(lead.centre_id) is None
    assert megafon.issues(lead.centre_id) == []


@pytest.mark.parametrize("price", [0, -100, 100_001, 25.0, "25,00", True])
def test_bad_outlet_prices_are_refused(lead: Actor, price: object) -> None:
    with pytest.raises(BadInput):
        megafon.add_issue(lead, "2026-11", price)  # type: ignore[arg-type]
    assert MegafonIssue.select().count() == 0


def test_the_highest_outlet_price_is_accepted(lead: Actor) -> None:
    assert megafon.add_issue(lead, "2026-11", 100_000).price_ore == 100_000


@pytest.mark.parametrize("number", ["", "   ", "x" * 21])
def test_bad_issue_numbers_are_refused(lead: Actor, number: str) -> None:
    with pytest.raises(BadInput, match="issue number"):
        megafon.add_issue(lead, number, 2500)


def test_an_issue_number_is_added_once(lead: Actor) -> None:
    megafon.add_issue(lead, "2026-11", 2500)
    with pytest.raises(BadInput, match="2026-11 has already been added"):
        megafon.add_issue(lead, "2026-11", 3000)
    assert MegafonIssue.select().count() == 1


def test_set_current_refuses_an_unknown_issue(lead: Actor) -> None:
    megafon.add_issue(lead, "2026-11", 2500)
    with pytest.raises(NotFound, match="no issue 2027-01"):
        megafon.set_current(lead, "2027-01")
    assert megafon.current_issue(lead.centre_id).number == "2026-11"


def test_issues_and_deliveries_are_for_leads_only(lead: Actor, desk: Actor) -> None:
    with pytest.raises(NotAllowed, match="Only a shift lead"):
        megafon.add_issue(desk, "2026-11", 2500)
    megafon.add_issue(lead, "2026-11", 2500)
    megafon.add_issue(lead, "2026-12", 2500, current=False)
    with pytest.raises(NotAllowed):
        megafon.set_current(desk, "2026-12")
    with pytest.raises(NotAllowed):
        megafon.record_delivery(desk, 10)
    assert MegafonDelivery.select().count() == 0


# -- deliveries and stock -------------------------------------------------------------


def test_deliveries_add_stock_and_are_dated(lead: Actor, frozen) -> None:
    megafon.add_issue(lead, "2026-10", 2500)
    megafon.add_issue(lead, "2026-11", 2500)
    issue = megafon.record_delivery(lead, 30)
    assert (issue.number, issue.delivered, issue.stock) == ("2026-11", 30, 30)
    older = megafon.record_delivery(lead, 5, issue_number="2026-10")
    assert (older.number, older.stock) == ("2026-10", 5)
    rows = list(MegafonDelivery.select().order_by(MegafonDelivery.id))
    assert [(r.copies, r.business_date, r.staff_id) for r in rows] == [
        (30, DAY, lead.staff_id),
        (5, DAY, lead.staff_id),
    ]
    assert [d.copies for d in megafon.deliveries(lead.centre_id, "2026-11")] == [30]
    assert len(audit_actions("megafon.delivery")) == 2


def test_a_delivery_needs_a_current_issue(lead: Actor) -> None:
    with pytest.raises(BadInput, match="no current issue of Megafon"):
        megafon.record_delivery(lead, 10)


@pytest.mark.parametrize("copies", [0, -1, 10_001, 2.0])
def test_bad_delivery_sizes_are_refused(lead: Actor, copies: object) -> None:
    megafon.add_issue(lead, "2026-11", 2500)
    with pytest.raises(BadInput):
        megafon.record_delivery(lead, copies)  # type: ignore[arg-type]
    assert MegafonDelivery.select().count() == 0


def test_a_voided_delivery_leaves_the_stock(lead: Actor, stocked: megafon.IssueInfo) -> None:
    megafon.record_delivery(lead, 10)
    [newest, first] = megafon.deliveries(lead.centre_id)
    issue = megafon.void_delivery(lead, newest.id, "counted twice")
    assert (issue.delivered, issue.stock) == (20, 20)
    row = MegafonDelivery.get_by_id(newest.id)
    assert row.voided_at is not None and row.void_reason == "counted twice"
    assert [d.voided for d in megafon.deliveries(lead.centre_id)] == [True, False]


def test_a_delivery_already_sold_cannot_be_voided(lead: Actor, stocked: megafon.IssueInfo) -> None:
    megafon.sell(lead, "12", 15, "cash")
    [delivery] = megafon.deliveries(lead.centre_id)
    with pytest.raises(BadInput, match="would leave -15 copies"):
        megafon.void_delivery(lead, delivery.id, "wrong")
    assert megafon.current_issue(lead.centre_id).stock == 5


def test_stock_is_deliveries_minus_sold_copies(lead: Actor, stocked: megafon.IssueInfo) -> None:
    megafon.sell(lead, "12", 3, "cash")
    sale = megafon.sell(lead, "7", 4, "card")
    issue = megafon.current_issue(lead.centre_id)
    assert (issue.delivered, issue.sold, issue.stock) == (20, 7, 13)
    megafon.void_sale(lead, sale.id, "wrong vendor")
    issue = megafon.current_issue(lead.centre_id)
    assert (issue.delivered, issue.sold, issue.stock) == (20, 3, 17)


# -- selling -------------------------------------------------------------------------


def test_a_sale_by_vendor_number_at_the_outlet_price(
    desk: Actor, stocked: megafon.IssueInfo
) -> None:
    sale = megafon.sell(desk, "12", 4, "cash")
    assert (sale.vendor_code, sale.vendor_number, sale.issue_number) == ("AB85", 12, "2026-11")
    assert (sale.copies, sale.unit_price_ore, sale.amount_ore) == (4, 2500, 10_000)
    assert (sale.payment, sale.staff_initials, sale.business_date) == ("cash", "CD", DAY)
    assert sale.at == NOON and not sale.voided
    row = MegafonSale.get_by_id(sale.id)
    assert (row.copies, row.unit_price_ore, row.payment) == (4, 2500, "cash")
    assert (row.staff_id, row.business_date, row.vendor.code) == (desk.staff_id, DAY, "AB85")
    [event] = audit_actions("megafon.sell")
    assert json.loads(event.detail) == {"amount_ore": 10_000, "copies": 4, "payment": "cash"}
    assert event.actor == "CD"


def test_a_sale_by_visitor_code_any_case(desk: Actor, stocked: megafon.IssueInfo) -> None:
    sale = megafon.sell(desk, " cd90 ", 1, "Vipps")
    assert (sale.vendor_code, sale.vendor_number, sale.payment) == ("CD90", 7, "vipps")


def test_find_vendor_by_number_or_code(lead: Actor, vendors: None) -> None:
    assert megafon.find_vendor(lead.centre_id, "12").code == "AB85"
    assert megafon.find_vendor(lead.centre_id, "ab85").vendor_number == 12
    with pytest.raises(NotFound, match="no Megafon vendor with the number 99"):
        megafon.find_vendor(lead.centre_id, "99")
    with pytest.raises(NotFound, match="Unknown visitor code ZZ11"):
        megafon.find_vendor(lead.centre_id, "zz11")
    with pytest.raises(BadInput, match="EF77 is not a Megafon vendor"):
        megafon.find_vendor(lead.centre_id, "EF77")


def test_an_explicit_unit_price_overrides_the_outlet_price(
    desk: Actor, stocked: megafon.IssueInfo
) -> None:
    free = megafon.sell(desk, "12", 2, "cash", unit_price_ore=0)
    assert (free.unit_price_ore, free.amount_ore) == (0, 0)
    cheap = megafon.sell(desk, "12", 3, "card", unit_price_ore=2000)
    assert (cheap.unit_price_ore, cheap.amount_ore) == (2000, 6000)
    assert MegafonSale.get_by_id(cheap.id).unit_price_ore == 2000


@pytest.mark.parametrize("price", [-1, 25.5, "25.00", "+2500", True, 100_001])
def test_bad_unit_prices_are_refused(
    desk: Actor, stocked: megafon.IssueInfo, price: object
) -> None:
    with pytest.raises(BadInput):
        megafon.sell(desk, "12", 1, "cash", unit_price_ore=price)  # type: ignore[arg-type]
    assert MegafonSale.select().count() == 0


@pytest.mark.parametrize("payment", ["", "cheque", "kontant", None])
def test_unknown_payment_methods_are_refused(
    desk: Actor, stocked: megafon.IssueInfo, payment: object
) -> None:
    with pytest.raises(BadInput, match="cash, card or Vipps"):
        megafon.sell(desk, "12", 1, payment)  # type: ignore[arg-type]
    assert MegafonSale.select().count() == 0


@pytest.mark.parametrize("copies", [0, -2, 501, 1.0, True])
def test_bad_copy_counts_are_refused(
    desk: Actor, stocked: megafon.IssueInfo, copies: object
) -> None:
    with pytest.raises(BadInput):
        megafon.sell(desk, "12", copies, "cash")  # type: ignore[arg-type]
    assert MegafonSale.select().count() == 0


def test_a_visitor_who_is_not_a_vendor_cannot_buy(desk: Actor, stocked: megafon.IssueInfo) -> None:
    with pytest.raises(BadInput, match="EF77 is not a Megafon vendor") as caught:
        megafon.sell(desk, "EF77", 1, "cash")
    assert caught.value.text("nb").startswith("EF77 er ikke Megafon-selger")
    with pytest.raises(NotFound):
        megafon.sell(desk, "55", 1, "cash")
    with pytest.raises(NotFound):
        megafon.sell(desk, "QQ12", 1, "cash")
    assert MegafonSale.select().count() == 0


def test_no_current_issue_is_said_clearly(desk: Actor, vendors: None) -> None:
    with pytest.raises(BadInput, match="There is no current issue of Megafon"):
        megafon.sell(desk, "12", 1, "cash")


def test_selling_more_than_the_stock_is_refused(desk: Actor, stocked: megafon.IssueInfo) -> None:
    megafon.sell(desk, "12", 17, "cash")
    with pytest.raises(OutOfStock, match=r"^Only 3 copies of Megafon 2026-11 left\.$") as caught:
        megafon.sell(desk, "7", 4, "card")
    assert caught.value.text("nb") == "Bare 3 eksemplarer av Megafon 2026-11 igjen."
    assert MegafonSale.select().count() == 1
    megafon.sell(desk, "7", 3, "card")  # exactly the stock is fine
    with pytest.raises(OutOfStock, match="No copies of Megafon 2026-11 left"):
        megafon.sell(desk, "7", 1, "card")
    assert megafon.current_issue(desk.centre_id).stock == 0


def test_an_issue_without_deliveries_has_nothing_to_sell(lead: Actor, vendors: None) -> None:
    megafon.add_issue(lead, "2026-11", 2500)
    with pytest.raises(OutOfStock, match="No copies"):
        megafon.sell(lead, "12", 1, "cash")


def test_sales_are_of_the_current_issue(lead: Actor, stocked: megafon.IssueInfo) -> None:
    megafon.add_issue(lead, "2026-12", 3000)
    megafon.record_delivery(lead, 10)
    sale = megafon.sell(lead, "12", 2, "cash")
    assert (sale.issue_number, sale.unit_price_ore) == ("2026-12", 3000)
    stock = {i.number: i.stock for i in megafon.issues(lead.centre_id)}
    assert stock == {"2026-12": 8, "2026-11": 20}


# -- voids, the day's list and totals ----------------------------------------------------


def test_a_voided_sale_counts_nowhere(desk: Actor, stocked: megafon.IssueInfo) -> None:
    keep = megafon.sell(desk, "12", 2, "cash")
    wrong = megafon.sell(desk, "7", 5, "card")
    voided = megafon.void_sale(desk, wrong.id, " wrong vendor ")
    assert (voided.voided, voided.void_reason) == (True, "wrong vendor")
    row = MegafonSale.get_by_id(wrong.id)
    assert row.voided_at is not None and row.voided_by_id == desk.staff_id
    assert megafon.totals_on(desk.centre_id) == {
        "cash": 5000,
        "card": 0,
        "vipps": 0,
        "revenue": 5000,
        "copies": 2,
    }
    assert megafon.current_issue(desk.centre_id).stock == 18
    # Still visible, marked, newest first.
    assert [(s.id, s.voided) for s in megafon.sales_on(desk.centre_id)] == [
        (wrong.id, True),
        (keep.id, False),
    ]
    [event] = audit_actions("megafon.void_sale")
    assert json.loads(event.detail)["amount_ore"] == 12_500


def test_a_void_needs_a_reason_and_happens_once(desk: Actor, stocked: megafon.IssueInfo) -> None:
    sale = megafon.sell(desk, "12", 1, "cash")
    with pytest.raises(BadInput, match="reason"):
        megafon.void_sale(desk, sale.id, "  ")
    megafon.void_sale(desk, sale.id, "mistake")
    with pytest.raises(BadInput, match="already voided"):
        megafon.void_sale(desk, sale.id, "again")
    with pytest.raises(NotFound):
        megafon.void_sale(desk, 9999, "mistake")
    assert len(audit_actions("megafon.void_sale")) == 1


def test_sales_and_totals_of_a_day(desk: Actor, lead: Actor, stocked: megafon.IssueInfo) -> None:
    first = megafon.sell(desk, "12", 2, "cash")
    megafon.sell(lead, "7", 1, "vipps")
    megafon.sell(desk, "12", 3, "card", unit_price_ore=2000)
    assert megafon.totals_on(desk.centre_id) == {
        "cash": 5000,
        "card": 6000,
        "vipps": 2500,
        "revenue": 13500,
        "copies": 6,
    }
    sales = megafon.sales_on(desk.centre_id, DAY)
    assert [s.copies for s in sales] == [3, 1, 2]
    assert sales[-1] == first
    assert megafon.sales_on(desk.centre_id, DAY + dt.timedelta(days=1)) == []
    assert megafon.totals_on(desk.centre_id, DAY - dt.timedelta(days=1)) == {
        "cash": 0,
        "card": 0,
        "vipps": 0,
        "revenue": 0,
        "copies": 0,
    }


def test_the_days_are_kept_apart(lead: Actor, vendors: None) -> None:
    with freeze_time(NOON) as frozen:
        megafon.add_issue(lead, "2026-11", 2500)
        megafon.record_delivery(lead, 20)
        megafon.sell(lead, "12", 2, "cash")
        # 03:30 in Oslo the next night still belongs to the day that started at 11:00.
        frozen.move_to(dt.datetime(2026, 11, 17, 2, 30, tzinfo=dt.UTC))
        late = megafon.sell(lead, "12", 1, "cash")
        frozen.move_to(dt.datetime(2026, 11, 17, 9, 0, tzinfo=dt.UTC))
        next_day = megafon.sell(lead, "7", 4, "card")
    assert late.business_date == DAY
    assert next_day.business_date == DAY + dt.timedelta(days=1)
    assert megafon.totals_on(lead.centre_id, DAY)["copies"] == 3
    assert megafon.totals_on(lead.centre_id, next_day.business_date)["card"] == 10_000


# -- closed days ---------------------------------------------------------------------


def test_a_closed_day_refuses_sales_voids_and_deliveries(
    lead: Actor, stocked: megafon.IssueInfo, frozen
) -> None:
    sale = megafon.sell(lead, "12", 2, "cash")
    mark_day_closed(lead.centre_id, DAY)
    with pytest.raises(DayClosed):
        megafon.sell(lead, "12", 1, "cash")
    with pytest.raises(DayClosed):
        megafon.void_sale(lead, sale.id, "mistake")
    with pytest.raises(DayClosed):
        megafon.record_delivery(lead, 5)
    assert MegafonSale.select().count() == 1
    assert MegafonSale.get_by_id(sale.id).voided_at is None
    assert MegafonDelivery.select().count() == 1


def test_a_sale_of_a_closed_day_cannot_be_voided_the_next_day(
    lead: Actor, stocked: megafon.IssueInfo, frozen
) -> None:
    sale = megafon.sell(lead, "12", 2, "cash")
    mark_day_closed(lead.centre_id, DAY)
    frozen.tick(dt.timedelta(days=1))
    megafon.sell(lead, "12", 1, "cash")  # the new day is open
    with pytest.raises(DayClosed, match=DAY.isoformat()):
        megafon.void_sale(lead, sale.id, "mistake")


def test_money_is_whole_ore(desk: Actor, stocked: megafon.IssueInfo) -> None:
    sale = megafon.sell(desk, "12", 3, "vipps")
    assert all(
        type(v) is int
        for v in (sale.amount_ore, sale.unit_price_ore, *megafon.totals_on(desk.centre_id).values())
    )


# -- odd input from the desk gives a sentence, never a database error ----------------------


@pytest.mark.parametrize("vendor", ["Ola Nordmann", "²", "99999999999999999999", "A\x00B", None])
def test_odd_vendor_input_is_refused_with_a_sentence(
    desk: Actor, stocked: megafon.IssueInfo, vendor: object
) -> None:
    with pytest.raises(BadInput):
        megafon.sell(desk, vendor, 1, "cash")  # type: ignore[arg-type]
    assert MegafonSale.select().count() == 0


def test_a_name_is_not_a_vendor(desk: Actor, stocked: megafon.IssueInfo) -> None:
    with pytest.raises(BadInput, match="pseudonym, not a name"):
        megafon.sell(desk, "Ola Nordmann", 1, "cash")


@pytest.mark.parametrize("sale_id", [0, -1, 2**31, 2**63, "1", 1.0, None])
def test_odd_sale_numbers_are_not_found(
    desk: Actor, stocked: megafon.IssueInfo, sale_id: object
) -> None:
    megafon.sell(desk, "12", 1, "cash")
    with pytest.raises(NotFound):
        megafon.void_sale(desk, sale_id, "mistake")  # type: ignore[arg-type]
    assert MegafonSale.select().where(MegafonSale.voided_at.is_null()).count() == 1


@pytest.mark.parametrize("text", ["bad\x00reason", "tab\there"])
def test_control_characters_are_refused(lead: Actor, stocked: megafon.IssueInfo, text: str) -> None:
    sale = megafon.sell(lead, "12", 1, "cash")
    with pytest.raises(BadInput, match="reason"):
        megafon.void_sale(lead, sale.id, text)
    with pytest.raises(BadInput, match="issue number"):
        megafon.add_issue(lead, text, 2500)
    with pytest.raises(BadInput, match="title"):
        megafon.add_issue(lead, "2027-01", 2500, title=text)
    assert MegafonIssue.select().count() == 1
