"""Lots and expiry: what each lot of an item holds, and first-expiring-first hand-outs.

A delivery may name a lot (batch number) and an expiry date; stock delivered
without either is the item's "no lot" stock, which has no row of its own: it is
the item's stock on hand minus what its lots hold (so stock recorded before lots
existed needs no conversion). A lot holds its deliveries, minus what hand-outs
drew from it (``LotDraw``; a voided hand-out's draws count nowhere, a purged
one's still do), plus the changes stock-takes made to it. Voided records count
nowhere, so voiding a hand-out gives its quantity back to the lots it came from.

A hand-out takes the lots in date whose expiry comes first, then lots without a
date, then the "no lot" stock. An expired lot (its date before today's business
date) is never handed out. This module sits under ``supplies`` and ``stock``
and imports neither.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, fn

from frontdesk import i18n
from frontdesk.db.models import (
    HandOut,
    LotDraw,
    StockCount,
    StockCountLine,
    SupplyDelivery,
    SupplyItem,
    SupplyLot,
)
from frontdesk.errors import BadInput, OutOfStock
from frontdesk.services import validate

MAX_LOT_LENGTH = 40


@dataclass(frozen=True)
class Lot:
    """One lot of an item and what it holds now (``id`` None: the "no lot" stock)."""

    id: int | None
    item_id: int
    lot: str  # "" when the delivery gave only an expiry date (or for the "no lot" stock)
    expires_on: dt.date | None
    on_hand: int

    def expired(self, today: dt.date) -> bool:
        return self.expires_on is not None and self.expires_on < today

    @property
    def label(self) -> str:
        """How a sentence names the lot: its number, else its expiry date."""
        if self.lot:
            return self.lot
        return self.expires_on.isoformat() if self.expires_on else "-"


def fefo_key(lot: Lot) -> tuple[int, dt.date, int]:
    """Earliest expiry first; lots without a date after them; the "no lot" stock last."""
    if lot.id is None:
        return (2, dt.date.max, 0)
    if lot.expires_on is None:
        return (1, dt.date.max, lot.id)
    return (0, lot.expires_on, lot.id)


def check_lot_text(value: object) -> str:
    """A lot (batch) number as typed: up to 40 printable characters ("" for none)."""
    return validate.text(
        value,
        "lot number",
        MAX_LOT_LENGTH,
        min_len=0,
        nb_field="lotnummeret",
        sentence="error.lots.lot_number_length",
        sentence_params={"high": MAX_LOT_LENGTH},
    )


def check_expiry(value: object) -> dt.date | None:
    """An expiry date: a date, text as YYYY-MM-DD (``validate.iso_date``), or nothing."""
    if validate.blank(value):
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return validate.iso_date(value)


def lot_for_delivery(
    centre_id: int, item: SupplyItem, lot: str, expires_on: dt.date | None
) -> int | None:
    """The lot a delivery goes to, made on first use (inside the caller's transaction).

    None without a lot number or expiry date (the "no lot" stock). The same lot
    number is the same lot: a second delivery of it with another expiry date is
    refused. Deliveries with only an expiry date share a lot per date.
    """
    if not lot and expires_on is None:
        return None
    query = SupplyLot.select().where(
        (SupplyLot.centre == centre_id) & (SupplyLot.item == item.id) & (SupplyLot.lot == lot)
    )
    if not lot:
        query = query.where(SupplyLot.expires_on == expires_on)
    row = query.order_by(SupplyLot.id).first()
    if row is None:
        return int(
            SupplyLot.create(centre=centre_id, item=item.id, lot=lot, expires_on=expires_on).id
        )
    stored = validate.date(row.expires_on) if row.expires_on is not None else None
    if stored != expires_on:
        was = stored.isoformat() if stored else i18n.Msg("error.lots.no_expiry_date")
        raise BadInput("error.lots.other_expiry", lot=lot, code=item.code, was=was)
    return int(row.id)


def adjustments(centre_id: int, item_ids: list[int] | None = None) -> dict[int, int]:
    """Item id → the sum of what stock-takes changed (voided stock-takes count nowhere)."""
    query = (
        StockCountLine.select(StockCount.item, fn.SUM(StockCountLine.quantity))
        .join(StockCount)
        .where((StockCount.centre == centre_id) & StockCount.voided_at.is_null())
    )
    if item_ids is not None:
        query = query.where(StockCount.item.in_(item_ids))
    rows: Any = query.group_by(StockCount.item).tuples()
    return {item: int(total or 0) for item, total in rows}


def _lot_sums(query: Any) -> dict[int, int]:
    return {lot: int(total or 0) for lot, total in query.tuples()}


def lots_of(centre_id: int, stock: dict[int, int]) -> dict[int, list[Lot]]:
    """Item id → its lots with what each holds, the "no lot" stock last (when not zero).

    ``stock`` is each item's stock on hand (``supplies``'s count); the "no lot"
    stock is what of it the lots do not hold. One query when no item has a lot,
    else four.
    """
    item_ids = list(stock)
    rows = list(
        SupplyLot.select().where((SupplyLot.centre == centre_id) & SupplyLot.item.in_(item_ids))
    )
    ids = [r.id for r in rows]
    if not ids:  # no item has a lot (most often): all is "no lot" stock, no more queries
        return {
            item_id: [Lot(None, item_id, "", None, total)] if total else []
            for item_id, total in stock.items()
        }
    delivered = _lot_sums(
        SupplyDelivery.select(SupplyDelivery.lot, fn.SUM(SupplyDelivery.quantity))
        .where(SupplyDelivery.lot.in_(ids) & SupplyDelivery.voided_at.is_null())
        .group_by(SupplyDelivery.lot)
    )
    drawn = _lot_sums(
        LotDraw.select(LotDraw.lot, fn.SUM(LotDraw.quantity))
        .join(HandOut, JOIN.LEFT_OUTER, on=(LotDraw.hand_out == HandOut.id))
        .where(LotDraw.lot.in_(ids) & HandOut.voided_at.is_null())  # purged: no hand-out, counts
        .group_by(LotDraw.lot)
    )
    counted = _lot_sums(
        StockCountLine.select(StockCountLine.lot, fn.SUM(StockCountLine.quantity))
        .join(StockCount)
        .where(StockCountLine.lot.in_(ids) & StockCount.voided_at.is_null())
        .group_by(StockCountLine.lot)
    )
    result: dict[int, list[Lot]] = {item_id: [] for item_id in item_ids}
    for r in rows:
        on_hand = delivered.get(r.id, 0) - drawn.get(r.id, 0) + counted.get(r.id, 0)
        expires = validate.date(r.expires_on) if r.expires_on is not None else None
        item_id = r.__data__["item"]  # the foreign key's id, without a query
        result[item_id].append(Lot(r.id, item_id, r.lot, expires, on_hand))
    for item_id, lots in result.items():
        rest = stock[item_id] - sum(lot.on_hand for lot in lots)
        if rest:
            lots.append(Lot(None, item_id, "", None, rest))
        lots.sort(key=fefo_key)
    return result


def take(item: SupplyItem, lots: list[Lot], quantity: int, today: dt.date) -> list[tuple[int, int]]:
    """What a hand-out of ``quantity`` takes: (lot id, quantity) per real lot, earliest
    expiry first (what it takes from the "no lot" stock needs no row).

    Refuses (OutOfStock, one sentence naming the lot) when the stock in date does
    not cover it because a lot has expired.
    """
    usable = [lot for lot in lots if lot.on_hand > 0 and not lot.expired(today)]
    in_date = sum(lot.on_hand for lot in usable)
    if quantity > in_date:
        expired = [lot for lot in lots if lot.on_hand > 0 and lot.expired(today)]
        if expired:
            raise expired_lot(item, expired[0], in_date)
        # The stock on hand covers it but the lots disagree with it: hand out what there is.
    plan: list[tuple[int, int]] = []
    left = quantity
    for lot in usable:
        if left <= 0:
            break
        part = min(left, lot.on_hand)
        left -= part
        if lot.id is not None:
            plan.append((lot.id, part))
    return plan


def expired_lot(item: SupplyItem, lot: Lot, in_date: int) -> OutOfStock:
    """The refusal of a hand-out that only an expired lot could cover, naming that lot."""
    day = lot.expires_on.isoformat() if lot.expires_on else ""
    name = i18n.ByLanguage(en=item.name_en, nb=item.name_nb)
    if in_date <= 0:
        return OutOfStock("error.lots.expired", lot=lot.label, name=name, code=item.code, day=day)
    return OutOfStock(
        "error.lots.expired_only_in_date",
        lot=lot.label,
        name=name,
        code=item.code,
        day=day,
        in_date=in_date,
        unit=item.unit,
    )


def record_draws(hand_out_id: int, plan: list[tuple[int, int]]) -> None:
    """Write what a hand-out took from each lot (inside the hand-out's transaction)."""
    if plan:
        LotDraw.insert_many(
            [{"hand_out": hand_out_id, "lot": lot_id, "quantity": q} for lot_id, q in plan]
        ).execute()


def negative_lot(lots: list[Lot]) -> Lot | None:
    """A real lot holding less than nothing (after a void), or None."""
    return next((lot for lot in lots if lot.id is not None and lot.on_hand < 0), None)
