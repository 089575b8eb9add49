"""Stock you can trust: the stock view by lot and expiry, stock-takes, the reorder list.

A shift lead counts an item (or one lot of it): the difference from the stock on
record becomes an adjustment with a reason from ``vocab.STOCK_REASONS``, audited,
and voidable like every record. Expired stock is written off the same way
(counted 0, reason "expired"). The stock view shows per item the stock on hand,
days of cover, the next expiry date, what expires within the setting
``expiry_warning_days``, what has expired, and when it was last counted. The
reorder list says what to order to cover N days at the last 28 days' rate, net
of the stock on hand and of the lots that expire inside those days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, fn

from frontdesk import clock
from frontdesk.db.models import Staff, StockCount, StockCountLine, SupplyItem, SupplyLot
from frontdesk.errors import BadInput, NotFound
from frontdesk.services import audit, days, lots, records, store, supplies, validate
from frontdesk.services.actor import Actor, require_lead
from frontdesk.services.lots import Lot
from frontdesk.services.records import void_row
from frontdesk.services.settings import get_settings
from frontdesk.services.vocab import STOCK_REASONS

MAX_COUNTED = 1_000_000
REORDER_DAYS = 28  # the reorder list covers this many days unless told otherwise
MAX_REORDER_DAYS = 365


@dataclass(frozen=True)
class StockLine:
    """One item in the stock view."""

    item: supplies.ItemInfo
    lots: tuple[Lot, ...]  # earliest expiry first; the "no lot" stock last
    next_expiry: dt.date | None  # the first date a lot in stock expires (today or later)
    expiring: int  # in stock and expiring within expiry_warning_days (not yet expired)
    expired: int  # in stock and expired: cannot be handed out, to be written off
    last_counted: dt.date | None


@dataclass(frozen=True)
class ReorderLine:
    item: supplies.ItemInfo
    days: int  # the days to cover
    need: int  # what those days use at the last 28 days' rate
    usable: int  # stock on hand that will still be in date at the end of those days
    order: int  # need - usable, at least 0


@dataclass(frozen=True)
class CountInfo:
    """One stock-take."""

    id: int
    at: dt.datetime
    business_date: dt.date
    code: str
    lot: str | None  # None: the whole item was counted
    counted: int
    on_record: int
    reason: str
    staff_initials: str
    voided: bool
    void_reason: str | None

    @property
    def difference(self) -> int:
        return self.counted - self.on_record


# -- the stock view ----------------------------------------------------------------------


def stock_view(centre_id: int, include_inactive: bool = False) -> list[StockLine]:
    """The catalogue as a stock view: lots, expiry and the last count per item."""
    items = supplies.catalogue(centre_id, include_inactive=include_inactive)
    held = lots.lots_of(centre_id, {i.id: i.stock for i in items})
    today = days.today(centre_id)
    warn_until = today + dt.timedelta(days=get_settings(centre_id).expiry_warning_days)
    rows: Any = (
        StockCount.select(StockCount.item, fn.MAX(StockCount.business_date))
        .where((StockCount.centre == centre_id) & StockCount.voided_at.is_null())
        .group_by(StockCount.item)
        .tuples()
    )
    counted = {item: validate.date(day) for item, day in rows}
    lines = []
    for item in items:
        in_stock = [lot for lot in held[item.id] if lot.on_hand > 0]
        dates = [lot.expires_on for lot in in_stock if lot.expires_on and not lot.expired(today)]
        lines.append(
            StockLine(
                item=item,
                lots=tuple(held[item.id]),
                next_expiry=min(dates) if dates else None,
                expiring=sum(
                    lot.on_hand
                    for lot in in_stock
                    if lot.expires_on and not lot.expired(today) and lot.expires_on <= warn_until
                ),
                expired=sum(lot.on_hand for lot in in_stock if lot.expired(today)),
                last_counted=counted.get(item.id),
            )
        )
    return lines


def reorder(centre_id: int, days_: int = REORDER_DAYS) -> list[ReorderLine]:
    """What to order of each active item to cover ``days_`` days (1–365) at the last 28
    days' rate, net of the stock on hand and of lots that expire within those days."""
    days_ = validate.in_range(days_, 1, MAX_REORDER_DAYS, "number of days", "Antall dager")
    today = days.today(centre_id)
    until = today + dt.timedelta(days=days_)
    used = supplies.recent_use(centre_id)
    result = []
    for line in stock_view(centre_id):
        item = line.item
        # Stock that expires before the days are over does not cover them.
        gone = sum(
            lot.on_hand
            for lot in line.lots
            if lot.on_hand > 0 and lot.expires_on is not None and lot.expires_on < until
        )
        usable = max(item.stock - gone, 0)
        # used ÷ 28 × days, rounded up, in whole units without floats.
        need = -(-used.get(item.id, 0) * days_ // supplies.COVER_DAYS)
        result.append(ReorderLine(item, days_, need, usable, max(need - usable, 0)))
    return result


# -- stock-takes ---------------------------------------------------------------------------


def _check_reason(reason: object) -> str:
    return validate.one_of(reason, STOCK_REASONS, "error.stock.reason_one_of")


def _find_lot(code: str, held: list[lots.Lot], lot: str) -> lots.Lot:
    for candidate in held:
        if candidate.id is not None and lot in (candidate.lot, candidate.label):
            return candidate
    raise NotFound("error.stock.no_lot", code=code, lot=validate.shown(lot, 40))


def _spread(held: list[lots.Lot], change: int) -> list[tuple[int | None, int]]:
    """A whole-item count's change per lot: a surplus is "no lot" stock; a shortfall comes
    from the "no lot" stock first, then from the lots in expiry order (expired first)."""
    if change >= 0:
        return [(None, change)] if change else []
    short = -change
    order = sorted(held, key=lambda lot: (lot.id is not None, lots.fefo_key(lot)))
    lines: list[tuple[int | None, int]] = []
    for lot in order:
        part = min(short, max(lot.on_hand, 0))
        if part:
            lines.append((lot.id, -part))
            short -= part
    if short:
        lines.append((None, -short))
    return lines


def count_stock(
    actor: Actor,
    code: str,
    counted: int,
    reason: str,
    *,
    lot: str | None = None,
    business_date: dt.date | None = None,
) -> CountInfo:
    """A stock-take (lead only): the item (or its lot ``lot``) was counted at ``counted``.

    The difference from the stock on record becomes an adjustment with the
    reason (count, expired, damaged, lost, transfer), audited with both figures.
    A count equal to the record is stored too (the item was counted). Refuses an
    unknown item or lot, a count outside 0–1000000, an unknown reason and a
    closed day.
    """
    require_lead(actor, "count the stock")
    counted = validate.in_range(counted, 0, MAX_COUNTED, "counted quantity", "Opptalt antall")
    reason = _check_reason(reason)
    lot_text = None if validate.blank(lot) else lots.check_lot_text(lot)
    with store.write():
        st = days.stamp_on(actor, business_date)
        item = supplies.get_item(actor.centre_id, code)
        supplies.lock_items([item.id])
        item = supplies.get_item(actor.centre_id, code)  # after the lock: nobody hands out now
        held = lots.lots_of(actor.centre_id, {item.id: item.stock})[item.id]
        chosen = _find_lot(item.code, held, lot_text) if lot_text is not None else None
        on_record = chosen.on_hand if chosen is not None else item.stock
        change = counted - on_record
        if chosen is not None:
            lines = [(chosen.id, change)] if change else []
        else:
            lines = _spread(held, change)
        row = records.add(
            actor,
            st,
            StockCount,
            "stock.count",
            {
                "code": item.code,
                "lot": chosen.label if chosen else None,
                "counted": counted,
                "on_record": on_record,
                "change": change,
                "reason": reason,
            },
            item=item.id,
            lot=chosen.id if chosen else None,
            counted=counted,
            on_record=on_record,
            reason=reason,
        )
        if lines:
            StockCountLine.insert_many(
                [{"count": row.id, "lot": lot_id, "quantity": q} for lot_id, q in lines]
            ).execute()
        return _count_infos(_count_query().where(StockCount.id == row.id))[0]


def write_off_expired(actor: Actor, business_date: dt.date | None = None) -> list[CountInfo]:
    """Write every expired lot still in stock off (lead only): each counted 0, reason
    "expired", in one transaction. Returns the stock-takes made (none: nothing expired)."""
    require_lead(actor, "count the stock")
    with store.write():
        today = days.stamp_on(actor, business_date).business_date
        made = []
        for line in stock_view(actor.centre_id, include_inactive=True):
            for lot in line.lots:
                if lot.id is not None and lot.on_hand > 0 and lot.expired(today):
                    made.append(
                        count_stock(
                            actor,
                            line.item.code,
                            0,
                            "expired",
                            lot=lot.label,
                            business_date=business_date,
                        )
                    )
        return made


def void_count(actor: Actor, count_id: int, reason: str) -> CountInfo:
    """Void a stock-take entered by mistake (lead only): its change leaves the stock again.

    Refuses an unknown or already voided stock-take, a missing reason, a closed
    day, and a stock-take whose added stock has been handed out since.
    """
    require_lead(actor, "void a stock-take")
    reason = validate.reason(reason)
    with store.write():
        row = void_row(
            actor,
            StockCount,
            count_id,
            reason,
            missing=NotFound("error.stock.no_count_number", count_id=count_id),
            already=BadInput("error.stock.count_already_voided"),
        )
        item = SupplyItem.get_by_id(row.item_id)
        info = supplies.get_item(actor.centre_id, item.code)
        held = lots.lots_of(actor.centre_id, {info.id: info.stock})[info.id]
        if info.stock < 0 or lots.negative_lot(held) is not None:
            raise BadInput("error.stock.count_added_handed_out")
        audit.record(actor, "stock.void_count", "stock_count", row.id, code=item.code)
        return _count_infos(_count_query().where(StockCount.id == row.id))[0]


def counts_on(centre_id: int, business_date: dt.date | None = None) -> list[CountInfo]:
    """The day's stock-takes, newest first; voided ones included and marked."""
    day = business_date or days.today(centre_id)
    query = _count_query().where(
        (StockCount.centre == centre_id) & (StockCount.business_date == day)
    )
    return _count_infos(query.order_by(StockCount.at.desc(), StockCount.id.desc()))


def _count_query() -> Any:
    return (
        StockCount.select(
            StockCount,
            SupplyItem.code.alias("item_code"),
            SupplyLot.lot.alias("lot_text"),
            SupplyLot.expires_on.alias("lot_expires_on"),
            Staff.initials.alias("staff_initials"),
        )
        .join(SupplyItem, on=(StockCount.item == SupplyItem.id))
        .switch(StockCount)
        .join(SupplyLot, JOIN.LEFT_OUTER, on=(StockCount.lot == SupplyLot.id))
        .switch(StockCount)
        .join(Staff, JOIN.LEFT_OUTER, on=(StockCount.staff == Staff.id))
    )


def _count_infos(query: Any) -> list[CountInfo]:
    result = []
    for r in query.objects():
        lot = None
        if r.lot_id is not None:
            expires = validate.date(r.lot_expires_on) if r.lot_expires_on else None
            lot = r.lot_text or (expires.isoformat() if expires else "")
        result.append(
            CountInfo(
                id=r.id,
                at=clock.as_utc(r.at),
                business_date=validate.date(r.business_date),
                code=r.item_code,
                lot=lot,
                counted=r.counted,
                on_record=r.on_record,
                reason=r.reason,
                staff_initials=r.staff_initials or "cli",
                voided=r.voided_at is not None,
                void_reason=r.void_reason,
            )
        )
    return result
