"""Stock by lot and expiry, stock-takes, the reorder list (issue 13), on SQLite and PostgreSQL.

Hand-outs take the first-expiring lot first and never an expired one; a voided
hand-out gives its quantity back to the lots it came from; a stock-take turns
the difference from the record into an audited adjustment with a reason; the
reorder list covers N days net of stock that expires inside them.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from freezegun import freeze_time

from frontdesk.db.models import AuditEvent, LotDraw, StockCount, SupplyDelivery, SupplyLot
from frontdesk.errors import BadInput, DayClosed, NotAllowed, NotFound, OutOfStock
from frontdesk.services import purge, stock, supplies
from frontdesk.services.actor import Actor
from frontdesk.services.centre import find_centre
from frontdesk.services.settings import set_setting
from tests.conftest import mark_day_closed

NOON = dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC)  # business date 2026-11-16
DAY = dt.date(2026, 11, 16)


@pytest.fixture
def frozen():
    with freeze_time(NOON) as frozen:
        yield frozen


def lots_of(centre_id: int, code: str) -> dict[str, int]:
    """Lot label → on hand ('-' for the "no lot" stock), as the stock view shows them."""
    [line] = [s for s in stock.stock_view(centre_id) if s.item.code == code]
    return {(lot.label if lot.id else "-"): lot.on_hand for lot in line.lots}


def on_hand(centre_id: int, code: str) -> int:
    return supplies.get_item(centre_id, code).stock


def events(action: str) -> list[dict]:
    rows = AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id)
    return [json.loads(e.detail) for e in rows]


# -- lots and first-expiring first -------------------------------------------------------


def test_hand_outs_take_the_first_expiring_lot_first_across_lots(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "NALOX", 5, lot="B-LATE", expires_on="2027-06-30")
    supplies.record_delivery(lead, "NALOX", 3, lot="A-SOON", expires_on=dt.date(2027, 1, 31))
    supplies.record_delivery(lead, "NALOX", 2)  # no lot: handed out last
    assert lots_of(lead.centre_id, "NALOX") == {"A-SOON": 3, "B-LATE": 5, "-": 2}

    supplies.hand_out(lead, {"NALOX": 2}, naloxone_recipient="user", naloxone_trained=False)
    assert lots_of(lead.centre_id, "NALOX") == {"A-SOON": 1, "B-LATE": 5, "-": 2}
    # Across two lots: the last of the earliest, then the next.
    h = supplies.hand_out(lead, {"NALOX": 3}, naloxone_recipient="user", naloxone_trained=True)
    assert lots_of(lead.centre_id, "NALOX") == {"A-SOON": 0, "B-LATE": 3, "-": 2}
    assert sorted(
        (d.lot.lot, d.quantity) for d in LotDraw.select().where(LotDraw.hand_out == h.id)
    ) == [
        ("A-SOON", 1),
        ("B-LATE", 2),
    ]
    assert on_hand(lead.centre_id, "NALOX") == 5

    # Voiding gives the quantity back to the lots it came from.
    supplies.void_hand_out(lead, h.id, "wrong person")
    assert lots_of(lead.centre_id, "NALOX") == {"A-SOON": 1, "B-LATE": 5, "-": 2}


def test_deliveries_without_lot_or_expiry_still_work(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "FOLIE", 100)
    supplies.hand_out(lead, {"FOLIE": 30})
    assert lots_of(lead.centre_id, "FOLIE") == {"-": 70}
    assert SupplyLot.select().count() == 0
    # An expiry date alone is a lot of its own, named by its date.
    supplies.record_delivery(lead, "VANN", 10, expires_on="2027-02-01")
    assert lots_of(lead.centre_id, "VANN") == {"2027-02-01": 10}


def test_a_lot_keeps_its_expiry_date(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "NALOX", 4, lot="L1", expires_on="2027-03-31")
    supplies.record_delivery(lead, "NALOX", 4, lot="L1", expires_on="2027-03-31")
    assert lots_of(lead.centre_id, "NALOX") == {"L1": 8}
    with pytest.raises(BadInput, match="Lot L1 of NALOX is on record with 2027-03-31"):
        supplies.record_delivery(lead, "NALOX", 4, lot="L1", expires_on="2027-04-30")
    with pytest.raises(BadInput, match="has passed"):
        supplies.record_delivery(lead, "NALOX", 4, lot="OLD", expires_on="2026-11-15")
    with pytest.raises(BadInput, match="is not a date; write it as YYYY-MM-DD"):
        supplies.record_delivery(lead, "NALOX", 4, lot="X", expires_on="31.03.2027")
    with pytest.raises(BadInput, match="control characters"):
        supplies.record_delivery(lead, "NALOX", 4, lot="L\n2")
    assert SupplyDelivery.select().count() == 2
    assert events("supplies.delivery")[0] == {
        "code": "NALOX",
        "quantity": 4,
        "lot": "L1",
        "expires_on": "2027-03-31",
    }


def test_an_expired_lot_is_refused_with_one_sentence_naming_it(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "NALOX", 2, lot="OLD7", expires_on="2026-11-20")
    supplies.record_delivery(lead, "NALOX", 1, lot="NEW9", expires_on="2027-05-01")
    frozen.move_to(NOON + dt.timedelta(days=10))  # OLD7 has expired
    with pytest.raises(OutOfStock) as refused:
        supplies.hand_out(lead, {"NALOX": 2}, naloxone_recipient="user", naloxone_trained=True)
    assert str(refused.value) == (
        "Lot OLD7 of Naloxone nasal spray (NALOX) expired on 2026-11-20, so only 1 sett in "
        "date can be handed out."
    )
    assert "OLD7" in refused.value.text("nb") and "\n" not in refused.value.text("nb")
    # The lot in date is handed out; the expired one is never touched.
    supplies.hand_out(lead, {"NALOX": 1}, naloxone_recipient="user", naloxone_trained=True)
    assert lots_of(lead.centre_id, "NALOX") == {"OLD7": 2, "NEW9": 0}
    with pytest.raises(OutOfStock, match="Lot OLD7 .* expired on 2026-11-20 and cannot be"):
        supplies.hand_out(lead, {"NALOX": 1}, naloxone_recipient="user", naloxone_trained=True)
    # The stock view shows it as expired; writing it off empties it.
    [line] = [s for s in stock.stock_view(lead.centre_id) if s.item.code == "NALOX"]
    assert (line.expired, line.next_expiry) == (2, None)
    [written] = stock.write_off_expired(lead)
    assert (written.code, written.lot, written.counted, written.difference) == (
        "NALOX",
        "OLD7",
        0,
        -2,
    )
    assert written.reason == "expired"
    assert on_hand(lead.centre_id, "NALOX") == 0


def test_the_stock_view_shows_expiry_and_what_expires_soon(lead: Actor, frozen) -> None:
    set_setting(lead, "expiry_warning_days", "30")
    supplies.record_delivery(lead, "NALOX", 4, lot="SOON", expires_on=DAY + dt.timedelta(days=30))
    supplies.record_delivery(lead, "NALOX", 6, lot="LATER", expires_on=DAY + dt.timedelta(days=31))
    [line] = [s for s in stock.stock_view(lead.centre_id) if s.item.code == "NALOX"]
    assert (line.item.stock, line.next_expiry, line.expiring, line.expired) == (
        10,
        DAY + dt.timedelta(days=30),
        4,
        0,
    )
    assert line.last_counted is None
    stock.count_stock(lead, "NALOX", 10, "count")
    [line] = [s for s in stock.stock_view(lead.centre_id) if s.item.code == "NALOX"]
    assert line.last_counted == DAY


def test_voiding_a_delivery_whose_lot_was_handed_out_is_refused(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "SPR2ML", 100)
    supplies.record_delivery(lead, "SPR2ML", 10, lot="S1", expires_on="2026-12-01")
    supplies.hand_out(lead, {"SPR2ML": 5})  # from S1, the one with a date
    [lotted] = [d for d in supplies.deliveries_on(lead.centre_id) if d.lot == "S1"]
    assert lotted.expires_on == dt.date(2026, 12, 1)
    with pytest.raises(BadInput, match="has been handed out"):
        supplies.void_delivery(lead, lotted.id, "typo")
    assert lots_of(lead.centre_id, "SPR2ML") == {"S1": 5, "-": 100}


def test_a_purged_hand_out_still_took_from_its_lot(lead: Actor, frozen) -> None:
    with freeze_time(NOON - dt.timedelta(days=3)):
        supplies.record_delivery(lead, "NALOX", 5, lot="P1", expires_on="2027-01-01")
        supplies.record_delivery(lead, "NALOX", 5)
        supplies.hand_out(lead, {"NALOX": 2}, naloxone_recipient="user", naloxone_trained=True)
    mark_day_closed(lead.centre_id, DAY - dt.timedelta(days=3))
    purge.purge([find_centre("STR")], DAY - dt.timedelta(days=1))
    assert LotDraw.select().where(LotDraw.hand_out.is_null()).count() == 1
    assert lots_of(lead.centre_id, "NALOX") == {"P1": 3, "-": 5}


# -- stock-takes -----------------------------------------------------------------------


def test_a_stock_take_adjusts_stock_with_the_reason_in_the_audit(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "SPR2ML", 500)
    supplies.hand_out(lead, {"SPR2ML": 20})
    info = stock.count_stock(lead, "spr2ml", 470, "lost")
    assert (info.code, info.counted, info.on_record, info.difference, info.reason) == (
        "SPR2ML",
        470,
        480,
        -10,
        "lost",
    )
    assert on_hand(lead.centre_id, "SPR2ML") == 470
    [event] = events("stock.count")
    assert event == {
        "code": "SPR2ML",
        "lot": None,
        "counted": 470,
        "on_record": 480,
        "change": -10,
        "reason": "lost",
    }
    # The rate of cover is hand-outs only: a loss is not usage.
    spr = supplies.get_item(lead.centre_id, "SPR2ML")
    assert supplies.recent_use(lead.centre_id)[spr.id] == 20
    # A surplus, then voiding it: back to the record before.
    more = stock.count_stock(lead, "SPR2ML", 475, "count")
    assert on_hand(lead.centre_id, "SPR2ML") == 475
    stock.void_count(lead, more.id, "counted a box twice")
    assert on_hand(lead.centre_id, "SPR2ML") == 470
    assert [c.voided for c in stock.counts_on(lead.centre_id)] == [True, False]


def test_counting_one_lot_changes_that_lot(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "NALOX", 5, lot="K1", expires_on="2027-01-01")
    supplies.record_delivery(lead, "NALOX", 5, lot="K2", expires_on="2027-02-01")
    stock.count_stock(lead, "NALOX", 3, "damaged", lot="K2")
    assert lots_of(lead.centre_id, "NALOX") == {"K1": 5, "K2": 3}
    # A whole-item shortfall comes from the "no lot" stock, then the first-expiring lot.
    supplies.record_delivery(lead, "NALOX", 1)
    stock.count_stock(lead, "NALOX", 6, "count")
    assert on_hand(lead.centre_id, "NALOX") == 6
    assert lots_of(lead.centre_id, "NALOX") == {"K1": 3, "K2": 3}


def test_stock_takes_are_for_leads_and_checked(lead: Actor, desk: Actor, frozen) -> None:
    supplies.record_delivery(lead, "FOLIE", 10)
    with pytest.raises(NotAllowed):
        stock.count_stock(desk, "FOLIE", 9, "lost")
    with pytest.raises(BadInput, match="one of: count, expired, damaged, lost, transfer"):
        stock.count_stock(lead, "FOLIE", 9, "stolen")
    with pytest.raises(NotFound, match="FOLIE has no lot Z9"):
        stock.count_stock(lead, "FOLIE", 9, "lost", lot="Z9")
    for bad in (-1, 1_000_001, "ten", 2.5):
        with pytest.raises(BadInput):
            stock.count_stock(lead, "FOLIE", bad, "lost")  # type: ignore[arg-type]
    assert StockCount.select().count() == 0
    mark_day_closed(lead.centre_id, DAY)
    with pytest.raises(DayClosed):
        stock.count_stock(lead, "FOLIE", 9, "lost")


def test_voiding_a_stock_take_whose_surplus_was_handed_out_is_refused(lead: Actor, frozen) -> None:
    supplies.record_delivery(lead, "FOLIE", 10)
    surplus = stock.count_stock(lead, "FOLIE", 15, "count")
    supplies.hand_out(lead, {"FOLIE": 12})
    with pytest.raises(BadInput, match="handed out since"):
        stock.void_count(lead, surplus.id, "mistake")
    assert on_hand(lead.centre_id, "FOLIE") == 3


# -- the reorder list ------------------------------------------------------------------


def test_reorder_quantities_on_a_constructed_history(lead: Actor) -> None:
    # 28 days ago: 1000 syringes, 100 foil, 20 naloxone (10 of them expire in 10 days' time).
    with freeze_time(NOON - dt.timedelta(days=30)) as frozen:
        supplies.record_delivery(lead, "SPR2ML", 1000)
        supplies.record_delivery(lead, "FOLIE", 100)
        supplies.record_delivery(lead, "NALOX", 10, lot="N1", expires_on="2026-11-26")
        supplies.record_delivery(lead, "NALOX", 10, lot="N2", expires_on="2027-11-26")
        for back in range(27, -1, -1):  # every day of the last 28: 20 syringes, 2 foil
            frozen.move_to(NOON - dt.timedelta(days=back))
            supplies.hand_out(lead, {"SPR2ML": 20, "FOLIE": 2})
        supplies.hand_out(lead, {"NALOX": 7}, naloxone_recipient="user", naloxone_trained=True)
    with freeze_time(NOON):
        lines = {r.item.code: r for r in stock.reorder(lead.centre_id)}
        # SPR2ML: 560 used in 28 days, 440 left: 28 days need 560, order 120.
        assert (lines["SPR2ML"].need, lines["SPR2ML"].usable, lines["SPR2ML"].order) == (
            560,
            440,
            120,
        )
        # FOLIE: 56 used, 44 left: order 12; for 7 days: need 14, order nothing.
        assert lines["FOLIE"].order == 12
        assert {r.item.code: r.order for r in stock.reorder(lead.centre_id, 7)}["FOLIE"] == 0
        # NALOX: 7 used (from N1), 13 on hand but N1's 3 expire inside the 28 days.
        assert (lines["NALOX"].need, lines["NALOX"].usable, lines["NALOX"].order) == (7, 10, 0)
        nalox_60 = {r.item.code: r for r in stock.reorder(lead.centre_id, 60)}["NALOX"]
        assert (nalox_60.need, nalox_60.usable, nalox_60.order) == (15, 10, 5)
        assert lines["SPRIT"].order == 0  # nothing handed out: nothing to order
        with pytest.raises(BadInput):
            stock.reorder(lead.centre_id, 0)
