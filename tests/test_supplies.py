"""Supplies: catalogue, stock and days of cover, hand-outs, naloxone, returns, deliveries.

Every test runs on SQLite and PostgreSQL. The last tests check that the day's
tally (the X/Z-report) is exactly the sum of its parts.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from freezegun import freeze_time

from frontdesk.db.models import (
    AuditEvent,
    HandOut,
    HandOutLine,
    SupplyDelivery,
    SupplyItem,
    SyringeReturn,
    database,
)
from frontdesk.errors import BadInput, DayClosed, NotAllowed, NotFound, OutOfStock
from frontdesk.services import megafon, supplies, tally, visits, vocab
from frontdesk.services.actor import Actor
from frontdesk.services.settings import set_setting
from tests.conftest import mark_day_closed

# 11:00 in Oslo on a Monday: business date 2026-11-16.
NOON = dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 16)
DEFAULT_CODES = [row[0] for row in supplies.DEFAULT_CATALOGUE]


@pytest.fixture
def frozen():
    with freeze_time(NOON) as frozen:
        yield frozen


@pytest.fixture
def stocked(lead: Actor, frozen) -> None:
    """Syringes, foil and naloxone on the shelf; AB85 is a registered visitor."""
    supplies.record_delivery(lead, "SPR2ML", 500)
    supplies.record_delivery(lead, "FOLIE", 100)
    supplies.record_delivery(lead, "NALOX", 20)
    visits.register_visitor(lead, "AB85", vendor_number=12)


def item(centre_id: int, code: str) -> supplies.ItemInfo:
    [info] = [i for i in supplies.catalogue(centre_id, include_inactive=True) if i.code == code]
    return info


def stock(centre_id: int, code: str) -> int:
    return item(centre_id, code).stock


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id))


def at_day(days_before: int) -> dt.datetime:
    return NOON - dt.timedelta(days=days_before)


# -- the catalogue and stock view ---------------------------------------------------------


def test_a_new_centre_has_the_default_catalogue_in_order(lead: Actor) -> None:
    items = supplies.catalogue(lead.centre_id)
    assert [i.code for i in items] == DEFAULT_CODES
    spr = items[DEFAULT_CODES.index("SPR2ML")]
    assert (spr.name_nb, spr.name_en, spr.unit, spr.kind, spr.low_stock) == (
        "Sprøyte 2 ml",
        "Syringe 2 ml",
        "stk",
        "syringe",
        200,
    )
    # Nothing delivered yet: empty shelves are low, with no rate to reckon cover from.
    assert {(i.stock, i.days_of_cover, i.low) for i in items} == {(0, None, True)}
    assert item(lead.centre_id, "BOTTE5L").bin_litres == 5


def test_deliveries_add_stock(lead: Actor, frozen) -> None:
    info = supplies.record_delivery(lead, "spr2ml", 250)
    assert (info.code, info.stock, info.low) == ("SPR2ML", 250, False)
    supplies.record_delivery(lead, "SPR2ML", 50)
    assert stock(lead.centre_id, "SPR2ML") == 300
    rows = list(SupplyDelivery.select().order_by(SupplyDelivery.id))
    assert [(r.quantity, r.business_date, r.staff_id) for r in rows] == [
        (250, DAY, lead.staff_id),
        (50, DAY, lead.staff_id),
    ]
    assert json.loads(events("supplies.delivery")[0].detail) == {"code": "SPR2ML", "quantity": 250}


def test_deliveries_are_for_leads_and_checked(lead: Actor, desk: Actor) -> None:
    with pytest.raises(NotAllowed, match="Only a shift lead"):
        supplies.record_delivery(desk, "SPR2ML", 10)
    with pytest.raises(NotFound, match="no supply item with the code NOPE"):
        supplies.record_delivery(lead, "nope", 10)
    for quantity in (0, -5, 100_001, 2.5, True):
        with pytest.raises(BadInput):
            supplies.record_delivery(lead, "SPR2ML", quantity)  # type: ignore[arg-type]
    assert SupplyDelivery.select().count() == 0


def test_days_of_cover_at_the_last_28_days_rate(lead: Actor) -> None:
    with freeze_time(at_day(40)) as frozen:
        supplies.record_delivery(lead, "SPR2ML", 1000)
        supplies.record_delivery(lead, "FOLIE", 100)
        supplies.record_delivery(lead, "SPRIT", 400)
        for days_before, quantity in ((35, 100), (28, 7), (27, 10), (20, 56), (1, 29)):
            frozen.move_to(at_day(days_before))
            supplies.hand_out(lead, [("SPR2ML", quantity)])
        frozen.move_to(at_day(30))
        supplies.hand_out(lead, {"FOLIE": 40})  # only before the window
        frozen.move_to(at_day(2))
        voided = supplies.hand_out(lead, {"SPR2ML": 300})
        supplies.void_hand_out(lead, voided.id, "typed 300 for 3")
        frozen.move_to(NOON)
        items = {i.code: i for i in supplies.catalogue(lead.centre_id)}
    spr = items["SPR2ML"]
    # 202 handed out in all; 10 + 56 + 29 = 95 in the last 28 business days (day 28 is out).
    assert spr.stock == 1000 - 202
    assert spr.days_of_cover == 798 * 28 // 95 == 235  # 235.2 days, rounded down
    assert not spr.low
    assert (items["FOLIE"].stock, items["FOLIE"].days_of_cover, items["FOLIE"].low) == (
        60,
        None,
        True,
    )
    assert (items["SPRIT"].stock, items["SPRIT"].days_of_cover) == (400, None)
    assert all(type(i.days_of_cover) in (int, type(None)) for i in items.values())


def test_no_stock_left_means_no_days_of_cover(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "SITRON", 5)
    supplies.hand_out(lead, {"SITRON": 5})
    info = item(lead.centre_id, "SITRON")
    assert (info.stock, info.days_of_cover, info.low) == (0, 0, True)


def test_the_stock_view_costs_the_same_few_queries_for_any_catalogue(lead: Actor, frozen) -> None:
    def queries() -> int:
        real = database.obj.execute_sql
        count = 0

        def counting(*args, **kwargs):
            nonlocal count
            count += 1
            return real(*args, **kwargs)

        database.obj.execute_sql = counting
        try:
            supplies.catalogue(lead.centre_id)
        finally:
            del database.obj.execute_sql
        return count

    supplies.record_delivery(lead, "SPR2ML", 100)
    supplies.hand_out(lead, {"SPR2ML": 3})
    small = queries()
    for n in range(20):
        code = f"EXTRA{n:02d}"
        supplies.add_item(lead, code, f"Ekstra {n}", f"Extra {n}")
        supplies.record_delivery(lead, code, 10)
        supplies.hand_out(lead, {code: 1})
    assert len(supplies.catalogue(lead.centre_id)) == len(DEFAULT_CODES) + 20
    assert queries() == small <= 5


# -- managing the catalogue ----------------------------------------------------------------


def test_a_new_item_goes_last(lead: Actor) -> None:
    info = supplies.add_item(lead, "kan30g", "Kanyle 30G", "Needle 30G", kind="other", low_stock=50)
    assert (info.code, info.name_nb, info.name_en, info.unit, info.low_stock) == (
        "KAN30G",
        "Kanyle 30G",
        "Needle 30G",
        "stk",
        50,
    )
    assert [i.code for i in supplies.catalogue(lead.centre_id)][-1] == "KAN30G"
    assert info.sort_order > max(
        r.sort_order for r in SupplyItem.select().where(SupplyItem.code != "KAN30G")
    )
    assert SupplyItem.get(SupplyItem.code == "KAN30G").kind == "other"
    assert json.loads(events("supplies.add_item")[0].detail) == {"code": "KAN30G", "kind": "other"}
    # The tally knows the new item at once (export column, catalogue order).
    assert tally.catalogue_codes(lead.centre_id)[-1] == "KAN30G"


@pytest.mark.parametrize("code", ["A", "ABCDEFGHIJKLM", "AB-1", "AB 1", "ÆØ12", ""])
def test_bad_item_codes_are_refused(lead: Actor, code: str) -> None:
    with pytest.raises(BadInput, match="item code is 2 to 12"):
        supplies.add_item(lead, code, "Navn", "Name")


def test_item_codes_are_unique_per_centre(lead: Actor) -> None:
    with pytest.raises(BadInput, match="already an item with the code SPR2ML"):
        supplies.add_item(lead, "spr2ml", "Sprøyte", "Syringe")
    assert SupplyItem.select().count() == len(DEFAULT_CODES)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name_nb": " "}, "Norwegian name is required"),
        ({"name_en": ""}, "English name is required"),
        ({"kind": "pill"}, "kind is syringe, naloxone, sharps_bin or other"),
        ({"low_stock": -1}, "low-stock threshold"),
        ({"kind": "sharps_bin"}, "needs its size in litres"),
    ],
)
def test_bad_items_are_refused(lead: Actor, changes: dict, message: str) -> None:
    fields = {"name_nb": "Ny", "name_en": "New"} | changes
    name_nb, name_en = fields.pop("name_nb"), fields.pop("name_en")
    with pytest.raises(BadInput, match=message):
        supplies.add_item(lead, "NEW1", name_nb, name_en, **fields)
    with pytest.raises(BadInput, match=message):
        supplies.update_item(lead, "FOLIE", **changes)
    assert SupplyItem.select().count() == len(DEFAULT_CODES)
    assert SupplyItem.get(SupplyItem.code == "FOLIE").name_nb == "Røykefolie"


def test_a_sharps_bin_item_has_its_size(lead: Actor) -> None:
    info = supplies.add_item(
        lead, "BOTTE10L", "Kanylebøtte 10 l", "Sharps bin 10 l", kind="sharps_bin", bin_litres=10
    )
    assert (info.kind, info.bin_litres) == ("sharps_bin", 10)


def test_the_catalogue_is_for_leads(desk: Actor) -> None:
    with pytest.raises(NotAllowed):
        supplies.add_item(desk, "NEW1", "Ny", "New")
    with pytest.raises(NotAllowed):
        supplies.update_item(desk, "FOLIE", low_stock=5)


def test_update_item_changes_threshold_order_and_active(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "FOLIE", 150)
    assert not item(lead.centre_id, "FOLIE").low  # 150 > 100
    info = supplies.update_item(lead, "folie", low_stock=150, name_en="Foil", sort_order=1)
    assert (info.low_stock, info.low, info.name_en) == (150, True, "Foil")
    assert supplies.catalogue(lead.centre_id)[0].code == "FOLIE"
    assert json.loads(events("supplies.update_item")[0].detail)["changed"] == [
        "low_stock",
        "name_en",
        "sort_order",
    ]
    supplies.update_item(lead, "FOLIE", active=False)
    assert "FOLIE" not in [i.code for i in supplies.catalogue(lead.centre_id)]
    hidden = item(lead.centre_id, "FOLIE")
    assert (hidden.active, hidden.stock) == (False, 150)
    with pytest.raises(BadInput, match="Foil \\(FOLIE\\) is no longer handed out"):
        supplies.hand_out(lead, {"FOLIE": 1})
    supplies.update_item(lead, "FOLIE", active=True)
    assert supplies.hand_out(lead, {"FOLIE": 1}).lines == [("FOLIE", 1)]


def test_update_item_refuses_unknown_items_and_fields(lead: Actor) -> None:
    with pytest.raises(NotFound):
        supplies.update_item(lead, "NOPE", low_stock=1)
    with pytest.raises(BadInput, match="no field called code"):
        supplies.update_item(lead, "FOLIE", code="FOIL")
    with pytest.raises(BadInput, match="yes or no"):
        supplies.update_item(lead, "FOLIE", active="no")


# -- hand-outs ----------------------------------------------------------------------


def test_an_anonymous_hand_out(desk: Actor, stocked: None) -> None:
    info = supplies.hand_out(desk, [("SPR2ML", 10), ("folie", 5)])
    assert info.lines == [("SPR2ML", 10), ("FOLIE", 5)]
    assert (info.visit_id, info.visitor_code, info.for_others, info.voided) == (
        None,
        None,
        False,
        False,
    )
    assert (info.naloxone_recipient, info.naloxone_trained) == (None, None)
    assert (info.at, info.business_date, info.staff_initials) == (NOON, DAY, "CD")
    row = HandOut.get_by_id(info.id)
    assert (row.business_date, row.staff_id, row.visitor_id, row.visit_id) == (
        DAY,
        desk.staff_id,
        None,
        None,
    )
    lines = sorted((ln.item.code, ln.quantity) for ln in row.lines)
    assert lines == [("FOLIE", 5), ("SPR2ML", 10)]
    assert stock(desk.centre_id, "SPR2ML") == 490
    assert stock(desk.centre_id, "FOLIE") == 95
    [event] = events("supplies.hand_out")
    assert json.loads(event.detail)["lines"] == {"SPR2ML": 10, "FOLIE": 5}


def test_the_same_code_twice_is_summed(desk: Actor, stocked: None) -> None:
    info = supplies.hand_out(desk, [("SPR2ML", 3), ("FOLIE", 1), ("spr2ml", 2)])
    assert info.lines == [("SPR2ML", 5), ("FOLIE", 1)]
    assert HandOutLine.select().count() == 2
    assert stock(desk.centre_id, "SPR2ML") == 495


def test_a_hand_out_for_a_visit_takes_its_visitor(desk: Actor, stocked: None) -> None:
    visit = visits.check_in(desk, "ab85")
    info = supplies.hand_out(desk, {"SPR2ML": 5}, visit_id=visit.id, for_others=True)
    assert (info.visit_id, info.visitor_code, info.for_others) == (visit.id, "AB85", True)
    row = HandOut.get_by_id(info.id)
    assert (row.visit_id, row.visitor.code, row.for_others) == (visit.id, "AB85", True)
    anonymous = visits.check_in(desk)
    info = supplies.hand_out(desk, {"SPR2ML": 5}, visit_id=anonymous.id)
    assert (info.visit_id, info.visitor_code) == (anonymous.id, None)


def test_a_hand_out_for_a_visitor(desk: Actor, stocked: None) -> None:
    info = supplies.hand_out(desk, {"FOLIE": 2}, visitor_code="ab85")
    assert (info.visit_id, info.visitor_code) == (None, "AB85")
    assert HandOut.get_by_id(info.id).visitor.code == "AB85"


def test_unknown_visits_and_visitors_are_refused(desk: Actor, stocked: None) -> None:
    with pytest.raises(NotFound, match="no visit number 999"):
        supplies.hand_out(desk, {"FOLIE": 1}, visit_id=999)
    with pytest.raises(NotFound, match="Unknown visitor code ZZ99"):
        supplies.hand_out(desk, {"FOLIE": 1}, visitor_code="zz99")
    visits.register_visitor(desk, "GH70")
    visit = visits.check_in(desk, "GH70")
    with pytest.raises(BadInput, match="not AB85's"):
        supplies.hand_out(desk, {"FOLIE": 1}, visit_id=visit.id, visitor_code="AB85")
    voided = visits.void_visit(desk, visits.check_in(desk).id, "double")
    with pytest.raises(BadInput, match="visit is voided"):
        supplies.hand_out(desk, {"FOLIE": 1}, visit_id=voided.id)
    assert HandOut.select().count() == 0


@pytest.mark.parametrize(
    ("lines", "error", "message"),
    [
        ({"NOPE": 1}, NotFound, "no supply item with the code NOPE"),
        ({}, BadInput, "at least one item"),
        ([], BadInput, "at least one item"),
        ({"SPR2ML": 0}, BadInput, "quantity must be from 1 to 1000"),
        ({"SPR2ML": 1001}, BadInput, "quantity must be from 1 to 1000"),
        ({"SPR2ML": 2.0}, BadInput, "whole number"),
        ({"SPR2ML": True}, BadInput, "whole number"),
        ([("SPR2ML", 600), ("SPR2ML", 600)], BadInput, "At most 1000 of SPR2ML"),
        ("SPR2ML", BadInput, "list of item codes"),
        ([("SPR2ML",)], BadInput, "list of item codes"),
    ],
)
def test_bad_lines_are_refused(desk: Actor, stocked: None, lines, error, message) -> None:
    with pytest.raises(error, match=message):
        supplies.hand_out(desk, lines)
    assert HandOut.select().count() == 0


def test_out_of_stock_refuses_the_whole_hand_out(desk: Actor, stocked: None) -> None:
    supplies.hand_out(desk, {"FOLIE": 97})
    before = AuditEvent.select().count()
    with pytest.raises(OutOfStock) as caught:
        supplies.hand_out(desk, [("SPR2ML", 10), ("FOLIE", 4)], visitor_code="AB85")
    assert str(caught.value) == "Only 3 ark of Smoking foil (FOLIE) left in stock."
    assert caught.value.text("nb") == "Bare 3 ark Røykefolie (FOLIE) igjen på lager."
    # Nothing written: no hand-out, no lines (not even the syringes), no audit event.
    assert HandOut.select().count() == 1
    assert HandOutLine.select().count() == 1
    assert AuditEvent.select().count() == before
    assert stock(desk.centre_id, "SPR2ML") == 500
    assert stock(desk.centre_id, "FOLIE") == 3


def test_an_empty_shelf_is_named(desk: Actor, stocked: None) -> None:
    with pytest.raises(OutOfStock, match=r"No Syringe 1 ml \(SPR1ML\) left in stock"):
        supplies.hand_out(desk, {"SPR1ML": 1})
    assert HandOut.select().count() == 0


def test_a_hand_out_reports_the_items_now_low(desk: Actor, stocked: None) -> None:
    info = supplies.hand_out(desk, {"SPR2ML": 299})
    assert info.low_stock == []  # 201 left, threshold 200
    # 200 syringes left: at the threshold. Foil was at its threshold (100) already.
    info = supplies.hand_out(desk, {"FOLIE": 1, "SPR2ML": 1})
    assert [(i.code, i.stock, i.low) for i in info.low_stock] == [
        ("SPR2ML", 200, True),
        ("FOLIE", 99, True),
    ]
    # Only the items of this hand-out are reported.
    info = supplies.hand_out(desk, {"NALOX": 1}, naloxone_recipient="user", naloxone_trained=False)
    assert info.low_stock == []


# -- naloxone -------------------------------------------------------------------------


def test_naloxone_records_recipient_and_training(desk: Actor, stocked: None) -> None:
    info = supplies.hand_out(
        desk, {"NALOX": 2}, naloxone_recipient="Relative", naloxone_trained=False
    )
    assert (info.naloxone_recipient, info.naloxone_trained) == ("relative", False)
    row = HandOut.get_by_id(info.id)
    assert (row.naloxone_recipient, row.naloxone_trained) == ("relative", False)
    assert stock(desk.centre_id, "NALOX") == 18


@pytest.mark.parametrize(
    ("recipient", "trained", "message"),
    [
        (None, True, "say who receives it: user, relative or other"),
        ("friend", True, "say who receives it"),
        ("user", None, "say whether training was given"),
        ("user", "yes", "training was given is yes or no"),
    ],
)
def test_naloxone_needs_recipient_and_training(
    desk: Actor, stocked: None, recipient, trained, message
) -> None:
    with pytest.raises(BadInput, match=message):
        supplies.hand_out(
            desk,
            {"SPR2ML": 1, "NALOX": 1},
            naloxone_recipient=recipient,
            naloxone_trained=trained,
        )
    assert HandOut.select().count() == 0


@pytest.mark.parametrize(("recipient", "trained"), [("user", None), (None, True), (None, False)])
def test_recipient_and_training_only_with_naloxone(
    desk: Actor, stocked: None, recipient, trained
) -> None:
    with pytest.raises(BadInput, match="only when naloxone is handed out"):
        supplies.hand_out(
            desk, {"SPR2ML": 1}, naloxone_recipient=recipient, naloxone_trained=trained
        )
    assert HandOut.select().count() == 0


# -- voids, the day's list, closed days ---------------------------------------------------


def test_a_voided_hand_out_counts_nowhere(desk: Actor, stocked: None) -> None:
    keep = supplies.hand_out(desk, {"SPR2ML": 10})
    wrong = supplies.hand_out(
        desk, {"SPR2ML": 40, "NALOX": 1}, naloxone_recipient="user", naloxone_trained=True
    )
    voided = supplies.void_hand_out(desk, wrong.id, " wrong person ")
    assert (voided.voided, voided.void_reason, voided.lines) == (
        True,
        "wrong person",
        [("SPR2ML", 40), ("NALOX", 1)],
    )
    assert HandOut.get_by_id(wrong.id).voided_by_id == desk.staff_id
    assert stock(desk.centre_id, "SPR2ML") == 490
    assert stock(desk.centre_id, "NALOX") == 20
    day = tally.compute_day(desk.centre_id, DAY)
    assert (day.get("supplies.SPR2ML"), day.get("naloxone.kits"), day.get("naloxone.trained")) == (
        10,
        0,
        0,
    )
    # Still listed, marked, newest first.
    assert [(h.id, h.voided) for h in supplies.hand_outs_on(desk.centre_id)] == [
        (wrong.id, True),
        (keep.id, False),
    ]
    with pytest.raises(BadInput, match="already voided"):
        supplies.void_hand_out(desk, wrong.id, "again")
    with pytest.raises(BadInput, match="reason"):
        supplies.void_hand_out(desk, keep.id, "")
    with pytest.raises(NotFound):
        supplies.void_hand_out(desk, 999, "mistake")
    assert len(events("supplies.void_hand_out")) == 1


def test_hand_outs_are_listed_by_day(lead: Actor, stocked: None, frozen) -> None:
    supplies.hand_out(lead, {"FOLIE": 1})
    frozen.tick(dt.timedelta(days=1))
    supplies.hand_out(lead, {"FOLIE": 2})
    assert [h.lines for h in supplies.hand_outs_on(lead.centre_id, DAY)] == [[("FOLIE", 1)]]
    assert [h.lines for h in supplies.hand_outs_on(lead.centre_id)] == [[("FOLIE", 2)]]


def test_a_closed_day_refuses_every_write(lead: Actor, stocked: None, frozen) -> None:
    handed = supplies.hand_out(lead, {"SPR2ML": 5})
    returned = supplies.record_return(lead, count=12)
    mark_day_closed(lead.centre_id, DAY)
    before = AuditEvent.select().count()
    with pytest.raises(DayClosed):
        supplies.hand_out(lead, {"SPR2ML": 1})
    with pytest.raises(DayClosed):
        supplies.void_hand_out(lead, handed.id, "mistake")
    with pytest.raises(DayClosed):
        supplies.record_return(lead, count=3)
    with pytest.raises(DayClosed):
        supplies.record_return(lead, bin_code="BOTTE1L")
    with pytest.raises(DayClosed):
        supplies.void_return(lead, returned.id, "mistake")
    with pytest.raises(DayClosed):
        supplies.record_delivery(lead, "SPR2ML", 100)
    assert AuditEvent.select().count() == before
    assert (HandOut.select().count(), SyringeReturn.select().count()) == (1, 1)
    assert HandOut.get_by_id(handed.id).voided_at is None
    assert stock(lead.centre_id, "SPR2ML") == 495
    # The next business day is open again; yesterday's hand-out stays unvoidable.
    frozen.tick(dt.timedelta(days=1))
    supplies.hand_out(lead, {"SPR2ML": 1})
    with pytest.raises(DayClosed, match=DAY.isoformat()):
        supplies.void_hand_out(lead, handed.id, "mistake")


# -- returned syringes -------------------------------------------------------------------


def test_a_counted_return(desk: Actor, stocked: None) -> None:
    visit = visits.check_in(desk, "AB85")
    info = supplies.record_return(desk, count=37, visit_id=visit.id)
    assert (info.method, info.count, info.bin_litres, info.business_date) == (
        "counted",
        37,
        None,
        DAY,
    )
    row = SyringeReturn.get_by_id(info.id)
    assert (row.method, row.count, row.visit_id, row.staff_id) == (
        "counted",
        37,
        visit.id,
        desk.staff_id,
    )
    assert json.loads(events("supplies.return")[0].detail)["count"] == 37


def test_a_returned_sharps_bin_is_estimated(lead: Actor, frozen) -> None:
    info = supplies.record_return(lead, bin_code="botte5l", bins=2)
    # 5 litres x 2 bins x 40 syringes per litre (the default fill factor).
    assert (info.method, info.count, info.bin_litres) == ("estimated", 400, 10)
    set_setting(lead, "sharps_fill_factor", "25")
    small = supplies.record_return(lead, bin_code="BOTTE1L")
    assert (small.method, small.count, small.bin_litres) == ("estimated", 25, 1)
    rows = list(SyringeReturn.select().order_by(SyringeReturn.id))
    assert [(r.method, r.count, r.bin_litres) for r in rows] == [
        ("estimated", 400, 10),
        ("estimated", 25, 1),
    ]
    # A returned bin is not a bin handed out: the stock of bins is untouched.
    assert stock(lead.centre_id, "BOTTE5L") == 0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({}, BadInput, "either a count of syringes or a returned sharps bin"),
        ({"count": 5, "bin_code": "BOTTE1L"}, BadInput, "either a count"),
        ({"count": 0}, BadInput, "count of syringes must be from 1 to 10000"),
        ({"count": 10_001}, BadInput, "count of syringes must be from 1 to 10000"),
        ({"count": 2.5}, BadInput, "whole number"),
        ({"bin_code": "SPR2ML"}, BadInput, r"Syringe 2 ml \(SPR2ML\) is not a sharps bin"),
        ({"bin_code": "NOPE"}, NotFound, "no supply item"),
        ({"bin_code": "BOTTE1L", "bins": 0}, BadInput, "number of bins"),
        ({"count": 3, "visit_id": 999}, NotFound, "no visit number 999"),
    ],
)
def test_bad_returns_are_refused(lead: Actor, kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        supplies.record_return(lead, **kwargs)
    assert SyringeReturn.select().count() == 0


def test_returns_feed_the_tally(desk: Actor, frozen) -> None:
    supplies.record_return(desk, count=30)
    supplies.record_return(desk, bin_code="BOTTE1L", bins=3)  # 120
    wrong = supplies.record_return(desk, count=500)
    voided = supplies.void_return(desk, wrong.id, "meant 50")
    assert voided.voided and voided.void_reason == "meant 50"
    assert [r.count for r in supplies.returns_on(desk.centre_id)] == [500, 120, 30]
    assert tally.compute_day(desk.centre_id, DAY).get("syringes.returned") == 150


# -- the day's tally is the sum of its parts ------------------------------------------------


def test_the_tally_is_the_sum_of_its_parts(lead: Actor, desk: Actor, frozen) -> None:
    visits.register_visitor(lead, "AB85", vendor_number=12)
    visits.register_visitor(lead, "CD90", vendor_number=7)
    megafon.add_issue(lead, "2026-11", 2500)
    megafon.record_delivery(lead, 100)
    for code, quantity in (("SPR2ML", 500), ("KAN23G", 300), ("NALOX", 30), ("FOLIE", 200)):
        supplies.record_delivery(lead, code, quantity)

    # Megafon: three payment methods, two staff, an explicit price, two voids.
    sales = [
        megafon.sell(desk, "12", 5, "cash"),  # 12 500
        megafon.sell(desk, "7", 2, "card"),  # 5 000
        megafon.sell(lead, "AB85", 4, "vipps"),  # 10 000
        megafon.sell(lead, "7", 3, "cash", unit_price_ore=2000),  # 6 000
        megafon.sell(desk, "12", 10, "card"),  # voided
        megafon.sell(desk, "7", 1, "vipps"),  # voided
    ]
    megafon.void_sale(desk, sales[4].id, "wrong count")
    megafon.void_sale(lead, sales[5].id, "wrong vendor")

    # Supplies: naloxone with and without training, one voided hand-out, for others.
    visit = visits.check_in(desk, "AB85")
    handed = [
        supplies.hand_out(desk, {"SPR2ML": 20, "KAN23G": 20}, visit_id=visit.id),
        supplies.hand_out(desk, [("SPR2ML", 10), ("FOLIE", 5)], for_others=True),
        supplies.hand_out(desk, {"NALOX": 2}, naloxone_recipient="user", naloxone_trained=True),
        supplies.hand_out(
            desk,
            {"NALOX": 1, "SPR2ML": 5},
            naloxone_recipient="relative",
            naloxone_trained=False,
        ),
        supplies.hand_out(lead, {"NALOX": 3}, naloxone_recipient="other", naloxone_trained=True),
        supplies.hand_out(
            lead, {"NALOX": 4, "SPR2ML": 50}, naloxone_recipient="user", naloxone_trained=True
        ),
    ]
    supplies.void_hand_out(lead, handed[-1].id, "entered twice")
    supplies.record_return(desk, count=45)
    supplies.record_return(desk, bin_code="BOTTE5L")  # 5 l x 40 = 200
    supplies.void_return(desk, supplies.record_return(desk, count=999).id, "typo")

    day = tally.compute_day(lead.centre_id, DAY)

    # Megafon: revenue is cash + card + Vipps, and each is the sum of its live sales.
    live_sales = [s for s in megafon.sales_on(lead.centre_id) if not s.voided]
    by_payment = {
        p: sum(s.amount_ore for s in live_sales if s.payment == p) for p in vocab.PAYMENTS
    }
    assert by_payment == {"cash": 18_500, "card": 5_000, "vipps": 10_000}
    assert megafon.totals_on(lead.centre_id) == {
        **by_payment,
        "copies": 14,
        "revenue": sum(by_payment.values()),
    }
    assert day.get("megafon.cash_ore") == 18_500
    assert day.get("megafon.card_ore") == 5_000
    assert day.get("megafon.vipps_ore") == 10_000
    assert (
        day.get("megafon.revenue_ore")
        == day.get("megafon.cash_ore") + day.get("megafon.card_ore") + day.get("megafon.vipps_ore")
        == 33_500
    )
    assert day.get("megafon.copies") == sum(s.copies for s in live_sales) == 14
    assert day.get("megafon.sales") == len(live_sales) == 4
    assert day.expected_cash_ore == 18_500
    by_staff = {(s.initials, s.payment): (s.copies, s.amount_ore) for s in day.sales_by_staff}
    assert by_staff == {
        ("AB", "cash"): (3, 6_000),
        ("AB", "vipps"): (4, 10_000),
        ("CD", "card"): (2, 5_000),
        ("CD", "cash"): (5, 12_500),
    }

    # Supplies: each code is the sum of its lines in live hand-outs; every item has a key.
    live = [h for h in supplies.hand_outs_on(lead.centre_id) if not h.voided]
    summed: dict[str, int] = {}
    for h in live:
        for code, quantity in h.lines:
            summed[code] = summed.get(code, 0) + quantity
    assert summed == {"SPR2ML": 35, "KAN23G": 20, "FOLIE": 5, "NALOX": 6}
    assert day.supplies == {code: summed.get(code, 0) for code in DEFAULT_CODES}
    assert list(day.supplies) == DEFAULT_CODES

    # Naloxone: kits handed out, and people trained (hand-outs with training given).
    assert day.get("naloxone.kits") == summed["NALOX"] == 6
    trained = [h for h in live if h.naloxone_trained]
    assert day.get("naloxone.trained") == len(trained) == 2

    # Returned syringes: counted + estimated, the voided one left out.
    live_returns = [r for r in supplies.returns_on(lead.centre_id) if not r.voided]
    assert day.get("syringes.returned") == sum(r.count for r in live_returns) == 245

    # Stock agrees with the same records.
    assert stock(lead.centre_id, "SPR2ML") == 500 - 35
    assert stock(lead.centre_id, "NALOX") == 30 - 6
    assert megafon.current_issue(lead.centre_id).stock == 100 - 14


def test_the_tally_keeps_the_days_apart(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "NALOX", 10)
    supplies.hand_out(lead, {"NALOX": 2}, naloxone_recipient="user", naloxone_trained=True)
    frozen.tick(dt.timedelta(days=1))
    supplies.hand_out(lead, {"NALOX": 3}, naloxone_recipient="user", naloxone_trained=True)
    first = tally.compute_day(lead.centre_id, DAY)
    second = tally.compute_day(lead.centre_id, DAY + dt.timedelta(days=1))
    assert (first.get("naloxone.kits"), first.get("naloxone.trained")) == (2, 1)
    assert (second.get("naloxone.kits"), second.get("naloxone.trained")) == (3, 1)


# -- odd input from the desk gives a sentence, never a database error ----------------------


@pytest.mark.parametrize("code", ["A\x00B", "x" * 40, "SPR 2ML", "²"])
def test_odd_item_codes_are_not_found(desk: Actor, stocked: None, code: str) -> None:
    with pytest.raises(NotFound):
        supplies.hand_out(desk, {code: 1})
    with pytest.raises(NotFound):
        supplies.record_return(desk, bin_code=code)
    assert HandOut.select().count() == 0


@pytest.mark.parametrize("record_id", [0, -1, 2**31, 2**63, "1", 1.0, None])
def test_odd_record_numbers_are_not_found(desk: Actor, stocked: None, record_id: object) -> None:
    supplies.hand_out(desk, {"FOLIE": 1})
    supplies.record_return(desk, count=3)
    with pytest.raises(NotFound):
        supplies.void_hand_out(desk, record_id, "mistake")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        supplies.void_return(desk, record_id, "mistake")  # type: ignore[arg-type]
    assert HandOut.select().where(HandOut.voided_at.is_null()).count() == 1


def test_odd_visits_and_visitors_are_refused(desk: Actor, stocked: None) -> None:
    with pytest.raises(NotFound, match="no visit number"):
        supplies.hand_out(desk, {"FOLIE": 1}, visit_id=2**63)
    with pytest.raises(BadInput, match="pseudonym, not a name"):
        supplies.hand_out(desk, {"FOLIE": 1}, visitor_code="Ola Nordmann")
    with pytest.raises(BadInput):
        supplies.hand_out(desk, {"FOLIE": 1}, visitor_code="A\x00B")
    assert HandOut.select().count() == 0


def test_control_characters_are_refused(lead: Actor, stocked: None) -> None:
    handed = supplies.hand_out(lead, {"FOLIE": 1})
    with pytest.raises(BadInput, match="reason"):
        supplies.void_hand_out(lead, handed.id, "bad\x00reason")
    with pytest.raises(BadInput, match="name"):
        supplies.add_item(lead, "NEW1", "Ny\x00", "New")
    with pytest.raises(BadInput, match="unit"):
        supplies.update_item(lead, "FOLIE", unit="a\x00rk")
    assert HandOut.get_by_id(handed.id).voided_at is None


# -- opening stock of a new centre ------------------------------------------------


def test_a_new_centre_records_its_opening_stock_once(lead: Actor, desk: Actor) -> None:
    assert supplies.needs_opening_stock(lead.centre_id)
    with pytest.raises(NotAllowed):
        supplies.record_opening_stock(desk, [("SPR1ML", 100)])
    with pytest.raises(NotFound):  # all or nothing: the good line is not kept either
        supplies.record_opening_stock(lead, [("SPR1ML", 100), ("NOSUCH", 5)])
    assert supplies.needs_opening_stock(lead.centre_id)
    items = supplies.record_opening_stock(lead, [("SPR1ML", 100), ("NALOX", 12)])
    assert [(i.code, i.stock) for i in items] == [("SPR1ML", 100), ("NALOX", 12)]
    assert not supplies.needs_opening_stock(lead.centre_id)
    with pytest.raises(BadInput):
        supplies.record_opening_stock(lead, [("SPR2ML", 5)])
    supplies.hand_out(desk, [("SPR1ML", 3)])  # hand-outs are no longer refused
    assert supplies.get_item(lead.centre_id, "SPR1ML").stock == 97
    events = AuditEvent.select().where(AuditEvent.action == "supplies.opening_stock")
    assert events.count() == 2


@pytest.mark.parametrize("lines", [[], [("SPR1ML", 0)], [("SPR1ML", 5), ("spr1ml", 5)], "SPR1ML"])
def test_bad_opening_stock_is_refused(lead: Actor, lines: object) -> None:
    with pytest.raises(BadInput):
        supplies.record_opening_stock(lead, lines)  # type: ignore[arg-type]
    assert supplies.needs_opening_stock(lead.centre_id)


# -- voiding a delivery --------------------------------------------------------------


def test_a_lead_voids_a_delivery_and_its_quantity_leaves_the_stock(
    lead: Actor, desk: Actor
) -> None:
    supplies.record_delivery(lead, "SPR1ML", 100)
    supplies.record_delivery(lead, "SPR2ML", 50)
    [second, first] = supplies.deliveries_on(lead.centre_id)
    assert (first.code, first.quantity, first.staff_initials) == ("SPR1ML", 100, "AB")
    assert second.code == "SPR2ML" and not second.voided
    with pytest.raises(NotAllowed):
        supplies.void_delivery(desk, second.id, "feil vare")
    with pytest.raises(BadInput):
        supplies.void_delivery(lead, second.id, "  ")
    voided = supplies.void_delivery(lead, second.id, "feil vare")
    assert voided.voided and voided.void_reason == "feil vare"
    assert supplies.get_item(lead.centre_id, "SPR2ML").stock == 0
    with pytest.raises(BadInput):
        supplies.void_delivery(lead, second.id, "igjen")
    with pytest.raises(NotFound):
        supplies.void_delivery(lead, 999_999, "finnes ikke")
    assert AuditEvent.select().where(AuditEvent.action == "supplies.void_delivery").count() == 1


def test_a_delivery_already_handed_out_cannot_be_voided(lead: Actor, desk: Actor) -> None:
    supplies.record_delivery(lead, "SPR1ML", 10)
    supplies.hand_out(desk, [("SPR1ML", 4)])
    [delivery] = supplies.deliveries_on(lead.centre_id)
    with pytest.raises(BadInput):
        supplies.void_delivery(lead, delivery.id, "feil antall")
    assert not supplies.deliveries_on(lead.centre_id)[0].voided  # nothing half-written
    assert supplies.get_item(lead.centre_id, "SPR1ML").stock == 6
