"""Supplies (harm reduction): catalogue, hand-outs, returns, deliveries, stock.

Stock on hand of an item is its deliveries minus its hand-outs plus what
stock-takes changed, voided records counting nowhere; ``lots`` knows what each
lot (batch and expiry date) of it holds, and hand-outs take the first-expiring.
The catalogue is also the stock view: per item, the days of cover left at the
rate of the last 28 business days, so reordering is a glance.
Returned used syringes are counted, or estimated from a returned sharps bin
(bin litres x the setting ``sharps_fill_factor``); the method is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from peewee import JOIN, Case, ModelSelect, fn

from frontdesk import clock, db, i18n
from frontdesk.db.models import (
    HandOut,
    HandOutLine,
    Staff,
    SupplyDelivery,
    SupplyItem,
    SupplyLot,
    SyringeReturn,
    Visit,
    Visitor,
)
from frontdesk.errors import BadInput, NotFound, OutOfStock
from frontdesk.services import audit, days, lots, overdose, records, store, validate
from frontdesk.services.actor import Actor, require_lead
from frontdesk.services.records import MAX_ID, void_row
from frontdesk.services.settings import get_settings
from frontdesk.services.visits import normalise_code, unknown_code
from frontdesk.services.vocab import ITEM_KINDS, NALOXONE_RECIPIENTS

# (code, name_nb, name_en, unit, kind, low_stock, bin_litres)
DEFAULT_CATALOGUE: tuple[tuple[str, str, str, str, str, int, int | None], ...] = (
    ("SPR1ML", "Sprøyte 1 ml", "Syringe 1 ml", "stk", "syringe", 200, None),
    ("SPR2ML", "Sprøyte 2 ml", "Syringe 2 ml", "stk", "syringe", 200, None),
    ("SPR5ML", "Sprøyte 5 ml", "Syringe 5 ml", "stk", "syringe", 100, None),
    ("KAN23G", "Kanyle 23G", "Needle 23G", "stk", "other", 200, None),
    ("KAN25G", "Kanyle 25G", "Needle 25G", "stk", "other", 200, None),
    ("KAN27G", "Kanyle 27G", "Needle 27G", "stk", "other", 100, None),
    ("FOLIE", "Røykefolie", "Smoking foil", "ark", "other", 100, None),
    ("SPRIT", "Spritservietter", "Swabs", "stk", "other", 300, None),
    ("VANN", "Vannampuller", "Water ampoules", "stk", "other", 200, None),
    ("FILTER", "Filter", "Filters", "stk", "other", 200, None),
    ("SITRON", "Sitronsyre", "Citric acid", "pose", "other", 100, None),
    ("BOTTE1L", "Kanylebøtte 1 l", "Sharps bin 1 l", "stk", "sharps_bin", 20, 1),
    ("BOTTE5L", "Kanylebøtte 5 l", "Sharps bin 5 l", "stk", "sharps_bin", 10, 5),
    ("NALOX", "Nalokson nesespray", "Naloxone nasal spray", "sett", "naloxone", 10, None),
)


def install_default_catalogue(centre_id: int) -> None:
    """Add the default catalogue to a new centre (inside the caller's transaction)."""
    SupplyItem.insert_many(
        [
            {
                "centre": centre_id,
                "code": code,
                "name_nb": nb,
                "name_en": en,
                "unit": unit,
                "kind": kind,
                "low_stock": low,
                "bin_litres": litres,
                "sort_order": (i + 1) * 10,
                "doses_per_unit": default_doses(kind),
            }
            for i, (code, nb, en, unit, kind, low, litres) in enumerate(DEFAULT_CATALOGUE)
        ]
    ).execute()


ITEM_CODE_RE = re.compile(r"^[A-Z0-9]{2,12}$")
COVER_DAYS = 28  # days of cover are reckoned at the rate of the last 28 business days
MAX_LINE_QUANTITY = 1000
MAX_RETURN_COUNT = 10_000
MAX_DELIVERY_QUANTITY = 100_000
MAX_BINS = 100
MAX_BIN_LITRES = 100
MAX_DOSES_PER_UNIT = 100
ITEM_FIELDS = (
    "name_nb",
    "name_en",
    "unit",
    "kind",
    "low_stock",
    "bin_litres",
    "active",
    "sort_order",
    "doses_per_unit",
)


def default_doses(kind: str) -> int:
    """Doses in one unit of a new item: a naloxone nasal spray kit holds two, anything else one."""
    return 2 if kind == "naloxone" else 1


def _check_doses(value: Any) -> int:
    return validate.in_range(
        value, 1, MAX_DOSES_PER_UNIT, "number of doses per unit", "Antall doser per enhet"
    )


@dataclass(frozen=True)
class ItemInfo:
    id: int
    code: str
    name_nb: str
    name_en: str
    unit: str
    kind: str
    low_stock: int
    active: bool
    stock: int
    days_of_cover: int | None  # None: nothing handed out in the last 28 business days
    low: bool  # stock at or under the low-stock threshold
    sort_order: int
    bin_litres: int | None = None  # sharps bins only
    doses_per_unit: int = 1  # naloxone kit: 2


@dataclass(frozen=True)
class HandOutInfo:
    id: int
    at: dt.datetime
    lines: list[tuple[str, int]]
    visit_id: int | None
    visitor_code: str | None
    for_others: bool
    naloxone_recipient: str | None
    naloxone_trained: bool | None
    voided: bool
    low_stock: list[ItemInfo] = field(default_factory=list)
    business_date: dt.date | None = None
    staff_initials: str = ""
    void_reason: str | None = None
    naloxone_reason: str | None = None  # vocab.NALOXONE_REASONS
    naloxone_outcome: str | None = None  # after a reported use
    naloxone_ems: str | None = None  # after a reported use


@dataclass(frozen=True)
class ReturnInfo:
    id: int
    method: str  # counted | estimated
    count: int
    bin_litres: int | None  # litres returned in sharps bins (estimated returns)
    business_date: dt.date | None = None
    voided: bool = False
    void_reason: str | None = None
    at: dt.datetime | None = None


@dataclass(frozen=True)
class DeliveryInfo:
    id: int
    at: dt.datetime
    code: str
    quantity: int
    staff_initials: str
    voided: bool
    void_reason: str | None
    business_date: dt.date
    lot: str = ""  # the lot number ("" for none)
    expires_on: dt.date | None = None


# -- stock and the catalogue ---------------------------------------------------


def _levels(centre_id: int, item_ids: list[int] | None = None) -> dict[int, tuple[int, int]]:
    """Item id → (stock on hand, quantity handed out in the last 28 business days).

    Two GROUP BY queries for the whole catalogue; voided records count nowhere.
    """
    today = days.today(centre_id)
    since = today - dt.timedelta(days=COVER_DAYS - 1)
    # A purged day's hand-outs live on as a balancing delivery marked as its usage.
    purged_recent = Case(
        None,
        [
            (
                (SupplyDelivery.purged_usage == True)  # noqa: E712 (peewee expression)
                & (SupplyDelivery.business_date >= since)
                & (SupplyDelivery.business_date <= today),
                0 - SupplyDelivery.quantity,
            )
        ],
        0,
    )
    delivered_q = SupplyDelivery.select(
        SupplyDelivery.item, fn.SUM(SupplyDelivery.quantity), fn.SUM(purged_recent)
    ).where((SupplyDelivery.centre == centre_id) & SupplyDelivery.voided_at.is_null())
    recent = Case(
        None,
        [
            (
                (HandOut.business_date >= since) & (HandOut.business_date <= today),
                HandOutLine.quantity,
            )
        ],
        0,
    )
    handed_q = (
        HandOutLine.select(HandOutLine.item, fn.SUM(HandOutLine.quantity), fn.SUM(recent))
        .join(HandOut)
        .where((HandOut.centre == centre_id) & HandOut.voided_at.is_null())
    )
    if item_ids is not None:
        delivered_q = delivered_q.where(SupplyDelivery.item.in_(item_ids))
        handed_q = handed_q.where(HandOutLine.item.in_(item_ids))
    delivered_rows: Any = list(delivered_q.group_by(SupplyDelivery.item).tuples())
    handed_rows: Any = handed_q.group_by(HandOutLine.item).tuples()
    delivered = {item: int(total or 0) for item, total, _ in delivered_rows}
    purged = {item: int(used or 0) for item, _, used in delivered_rows}
    levels = {item: (total, purged[item]) for item, total in delivered.items()}
    for item, total, last_days in handed_rows:
        levels[item] = (
            delivered.get(item, 0) - int(total or 0),
            int(last_days or 0) + purged.get(item, 0),
        )
    for item, change in lots.adjustments(centre_id, item_ids).items():
        stock, used = levels.get(item, (0, 0))
        levels[item] = (stock + change, used)  # stock-takes: stock, not usage
    return levels


def recent_use(centre_id: int) -> dict[int, int]:
    """Item id → the quantity handed out in the last 28 business days (the rate of cover)."""
    return {item: used for item, (_, used) in _levels(centre_id).items()}


def _days_of_cover(stock: int, used: int) -> int | None:
    if used <= 0:
        return None
    # stock ÷ (used ÷ 28 days), in whole days, without floats.
    return max(stock, 0) * COVER_DAYS // used


def _item_info(row: SupplyItem, levels: dict[int, tuple[int, int]]) -> ItemInfo:
    stock, used = levels.get(row.id, (0, 0))
    return ItemInfo(
        id=row.id,
        code=row.code,
        name_nb=row.name_nb,
        name_en=row.name_en,
        unit=row.unit,
        kind=row.kind,
        low_stock=row.low_stock,
        active=row.active,
        stock=stock,
        days_of_cover=_days_of_cover(stock, used),
        low=stock <= row.low_stock,
        sort_order=row.sort_order,
        bin_litres=row.bin_litres,
        doses_per_unit=row.doses_per_unit,
    )


def _infos(centre_id: int, rows: list[SupplyItem]) -> list[ItemInfo]:
    levels = _levels(centre_id, [r.id for r in rows])
    return [_item_info(r, levels) for r in rows]


def catalogue(centre_id: int, include_inactive: bool = False) -> list[ItemInfo]:
    """The catalogue in catalogue order with stock, days of cover and low-stock flags.

    This is also the stock view. Inactive items are left out unless asked for.
    """
    query = SupplyItem.select().where(SupplyItem.centre == centre_id)
    if not include_inactive:
        query = query.where(SupplyItem.active == True)  # noqa: E712
    rows = list(query.order_by(SupplyItem.sort_order, SupplyItem.id))
    levels = _levels(centre_id)
    return [_item_info(r, levels) for r in rows]


def get_item(centre_id: int, code: str) -> ItemInfo:
    """One catalogue item with its stock (NotFound for an unknown code)."""
    row = _item_row(centre_id, code)
    return _infos(centre_id, [row])[0]


def _item_row(centre_id: int, code: str) -> SupplyItem:
    text = str(code if code is not None else "").strip().upper()
    if not ITEM_CODE_RE.match(text):
        raise _unknown_item(text)
    row = SupplyItem.get_or_none((SupplyItem.centre == centre_id) & (SupplyItem.code == text))
    if row is None:
        raise _unknown_item(text)
    return row


def _unknown_item(code: str) -> NotFound:
    code = " ".join(code.split())[:40]  # echoed on one line, whatever was typed
    return NotFound("error.supplies.no_supply_item_code", code=code)


# -- validation ----------------------------------------------------------------


def _check_code(code: str) -> str:
    return validate.code(
        code,
        ITEM_CODE_RE,
        "error.supplies.item_code_letters_z",
    )


def _check_name(name: str, what: str, nb: str) -> str:
    empty = not str(name if name is not None else "").strip()
    return validate.text(
        name,
        what,
        80,
        nb_field=nb,
        # a name of 100,000 letters is not "required"
        sentence="error.supplies.name_required" if empty else "error.supplies.name_length",
        sentence_params={"what": i18n.ByLanguage(en=what, nb=nb)},
    )


def _check_unit(unit: str) -> str:
    return validate.text(
        unit,
        "unit",
        20,
        nb_field="enheten",
        sentence="error.supplies.unit_characters",
    )


def _check_kind(kind: str) -> str:
    return validate.one_of(
        kind,
        ITEM_KINDS,
        "error.supplies.kind_syringe_naloxone_sharps",
    )


def _check_bin_litres(value: Any) -> int | None:
    if value is None:
        return None
    return validate.in_range(
        value, 1, MAX_BIN_LITRES, "bin size in litres", "Bøttestørrelsen i liter"
    )


def _check_item(code: str, fields: dict[str, Any]) -> None:
    if fields["kind"] == "sharps_bin" and fields["bin_litres"] is None:
        raise BadInput("error.supplies.sharps_bin_needs_size", code=code)


# -- the catalogue (lead) --------------------------------------------------------


def add_item(
    actor: Actor,
    code: str,
    name_nb: str,
    name_en: str,
    *,
    unit: str = "stk",
    kind: str = "other",
    low_stock: int = 0,
    bin_litres: int | None = None,
    doses_per_unit: int | None = None,
) -> ItemInfo:
    """Add an item to the end of the catalogue (lead only).

    ``doses_per_unit`` defaults to 2 for a naloxone kit, else 1.

    Refuses a code that is not 2–12 letters/digits or is already used at the
    centre, a missing name, an unknown kind, a negative low-stock threshold and
    a sharps bin without its size in litres.
    """
    require_lead(actor, "manage the supply catalogue")
    code = _check_code(code)
    fields = {
        "name_nb": _check_name(name_nb, "Norwegian name", "Det norske navnet"),
        "name_en": _check_name(name_en, "English name", "Det engelske navnet"),
        "unit": _check_unit(unit),
        "kind": _check_kind(kind),
        "low_stock": validate.in_range(
            low_stock, 0, 1_000_000, "low-stock threshold", "Lav beholdning"
        ),
        "bin_litres": _check_bin_litres(bin_litres),
    }
    fields["doses_per_unit"] = (
        default_doses(str(fields["kind"]))
        if doses_per_unit is None
        else _check_doses(doses_per_unit)
    )
    _check_item(code, fields)
    with store.write():
        days.lock_centre(actor.centre_id, exclusive=False)
        if SupplyItem.get_or_none(
            (SupplyItem.centre == actor.centre_id) & (SupplyItem.code == code)
        ):
            raise BadInput("error.supplies.already_item_code", code=code)
        last = (
            SupplyItem.select(fn.MAX(SupplyItem.sort_order))
            .where(SupplyItem.centre == actor.centre_id)
            .scalar()
        )
        row = SupplyItem.create(
            centre=actor.centre_id, code=code, sort_order=int(last or 0) + 10, **fields
        )
        audit.record(actor, "supplies.add_item", "supply_item", row.id, code=code, kind=row.kind)
        return _infos(actor.centre_id, [row])[0]


def update_item(actor: Actor, code: str, /, **changes: Any) -> ItemInfo:
    """Change an item's names, unit, kind, threshold, bin size, active flag or order (lead only).

    The code itself stays (the tally and the export are keyed on it). Refuses
    an unknown item, an unknown field and the same bad values as ``add_item``.
    """
    require_lead(actor, "manage the supply catalogue")
    unknown = sorted(set(changes) - set(ITEM_FIELDS))
    if unknown:
        raise BadInput("error.supplies.item_no_field_called", unknown=unknown[0])
    checks: dict[str, Callable[[Any], object]] = {
        "name_nb": lambda v: _check_name(v, "Norwegian name", "Det norske navnet"),
        "name_en": lambda v: _check_name(v, "English name", "Det engelske navnet"),
        "unit": _check_unit,
        "kind": _check_kind,
        "low_stock": lambda v: validate.in_range(
            v, 0, 1_000_000, "low-stock threshold", "Lav beholdning"
        ),
        "bin_litres": _check_bin_litres,
        "active": lambda v: _flag(v, "active flag", "Aktiv"),
        "sort_order": lambda v: validate.in_range(v, 0, 1_000_000, "sort order", "Rekkefølgen"),
        "doses_per_unit": _check_doses,
    }
    clean = {key: checks[key](value) for key, value in changes.items()}
    with store.write():
        row = _item_row(actor.centre_id, code)
        merged = {key: getattr(row, key) for key in ITEM_FIELDS} | clean
        _check_item(row.code, merged)
        changed = sorted(key for key, value in clean.items() if getattr(row, key) != value)
        if changed:
            for key in changed:
                setattr(row, key, clean[key])
            row.save()
            audit.record(
                actor,
                "supplies.update_item",
                "supply_item",
                row.id,
                code=row.code,
                changed=changed,
            )
        return _infos(actor.centre_id, [row])[0]


def _flag(value: Any, what: str, nb: str) -> bool:
    if not isinstance(value, bool):
        raise BadInput("error.supplies.yes_no", what=i18n.ByLanguage(en=what, nb=nb))
    return value


def record_delivery(
    actor: Actor,
    code: str,
    quantity: int,
    *,
    lot: str | None = None,
    expires_on: dt.date | str | None = None,
) -> ItemInfo:
    """Record a delivery of an item (lead only): it adds to the stock on hand.

    ``lot`` (a batch number) and ``expires_on`` are optional; without both the
    quantity is the item's "no lot" stock. Refuses an unknown item, a quantity
    outside 1–100000, an expiry date already passed, a known lot number with
    another expiry date, and a closed day.
    """
    require_lead(actor, "record supply deliveries")
    quantity = validate.in_range(quantity, 1, MAX_DELIVERY_QUANTITY, "quantity", "Antallet")
    lot_text = lots.check_lot_text(lot)
    expiry = lots.check_expiry(expires_on)
    with store.write():
        st = days.stamp(actor.centre_id)
        row = _item_row(actor.centre_id, code)
        if expiry is not None and expiry < st.business_date:
            raise BadInput("error.supplies.expiry_passed", day=expiry.isoformat())
        _lock_items([row.id])
        lot_id = lots.lot_for_delivery(actor.centre_id, row, lot_text, expiry)
        detail: dict[str, Any] = {"code": row.code, "quantity": quantity}
        if lot_id is not None:
            detail |= {"lot": lot_text, "expires_on": expiry.isoformat() if expiry else None}
        records.add(
            actor,
            st,
            SupplyDelivery,
            "supplies.delivery",
            detail,
            item=row.id,
            quantity=quantity,
            lot=lot_id,
        )
        return _infos(actor.centre_id, [row])[0]


def needs_opening_stock(centre_id: int) -> bool:
    """True while the centre has no delivery on record: a new centre, every stock zero."""
    return not (
        SupplyDelivery.select(SupplyDelivery.id)
        .where((SupplyDelivery.centre == centre_id) & SupplyDelivery.voided_at.is_null())
        .exists()
    )


def record_opening_stock(actor: Actor, lines: Sequence[tuple[str, int]]) -> list[ItemInfo]:
    """A new centre's opening stock (lead only): one delivery per item, all in one transaction.

    Refuses once the centre has a delivery on record (then a delivery is
    recorded item by item), an empty list, an unknown item, the same item
    twice, a quantity outside 1–100000 and a closed day.
    """
    require_lead(actor, "record the opening stock")
    if isinstance(lines, (str, bytes)) or not isinstance(lines, Sequence) or not lines:
        raise BadInput("error.supplies.type_opening_stock_least")
    with store.write():
        if not needs_opening_stock(actor.centre_id):
            raise BadInput("error.supplies.centre_stock_record_already")
        st = days.stamp(actor.centre_id)
        rows: list[SupplyItem] = []
        for line in lines:
            if not isinstance(line, (tuple, list)) or len(line) != 2:
                raise BadInput("error.supplies.opening_stock_list_item")
            code, quantity = line
            row = _item_row(actor.centre_id, str(code))
            if any(r.id == row.id for r in rows):
                raise BadInput("error.supplies.listed_twice", code=row.code)
            quantity = validate.in_range(quantity, 1, MAX_DELIVERY_QUANTITY, "quantity", "Antallet")
            records.add(
                actor,
                st,
                SupplyDelivery,
                "supplies.opening_stock",
                {"code": row.code, "quantity": quantity},
                item=row.id,
                quantity=quantity,
            )
            rows.append(row)
        return _infos(actor.centre_id, rows)


def _delivery_infos(query: Any) -> list[DeliveryInfo]:
    rows = (
        query.select(
            SupplyDelivery,
            SupplyItem.code.alias("item_code"),
            Staff.initials.alias("staff_initials"),
            SupplyLot.lot.alias("lot_text"),
            SupplyLot.expires_on.alias("lot_expires_on"),
        )
        .join(SupplyItem, on=(SupplyDelivery.item == SupplyItem.id))
        .switch(SupplyDelivery)
        .join(Staff, JOIN.LEFT_OUTER, on=(SupplyDelivery.staff == Staff.id))
        .switch(SupplyDelivery)
        .join(SupplyLot, JOIN.LEFT_OUTER, on=(SupplyDelivery.lot == SupplyLot.id))
        .objects()
    )
    return [
        DeliveryInfo(
            id=r.id,
            at=clock.as_utc(r.at),
            code=r.item_code,
            quantity=r.quantity,
            staff_initials=r.staff_initials or "cli",
            voided=r.voided_at is not None,
            void_reason=r.void_reason,
            business_date=r.business_date,
            lot=r.lot_text or "",
            expires_on=validate.date(r.lot_expires_on) if r.lot_expires_on else None,
        )
        for r in rows
    ]


def deliveries_on(centre_id: int, business_date: dt.date | None = None) -> list[DeliveryInfo]:
    """The day's supply deliveries, newest first; voided ones included and marked."""
    day = business_date or days.today(centre_id)
    query = (
        SupplyDelivery.select()
        .where((SupplyDelivery.centre == centre_id) & (SupplyDelivery.business_date == day))
        .order_by(SupplyDelivery.at.desc(), SupplyDelivery.id.desc())
    )
    return _delivery_infos(query)


def void_delivery(actor: Actor, delivery_id: int, reason: str) -> DeliveryInfo:
    """Void a delivery recorded by mistake (lead only): its quantity leaves the stock again.

    Refuses an unknown or already voided delivery, a missing reason, a
    delivery on a closed day, and one whose items have been handed out
    already (the stock would go below zero).
    """
    require_lead(actor, "void supply deliveries")
    reason = validate.reason(reason)
    with store.write():
        row = void_row(
            actor,
            SupplyDelivery,
            delivery_id,
            reason,
            missing=NotFound("error.supplies.no_delivery_number", delivery_id=delivery_id),
            already=BadInput("error.supplies.delivery_already_voided"),
        )
        stock = _levels(actor.centre_id, [row.item_id]).get(row.item_id, (0, 0))[0]
        held = lots.lots_of(actor.centre_id, {row.item_id: stock})[row.item_id]
        if stock < 0 or lots.negative_lot(held) is not None:
            raise BadInput("error.supplies.part_delivery_been_handed")
        audit.record(
            actor, "supplies.void_delivery", "supply_delivery", row.id, quantity=row.quantity
        )
        query = SupplyDelivery.select().where(SupplyDelivery.id == row.id)
        return _delivery_infos(query)[0]


# -- hand-outs -------------------------------------------------------------------


def _normalise_lines(lines: Mapping[str, int] | Sequence[tuple[str, int]]) -> dict[str, int]:
    """Code → quantity in the order given; the same code twice is summed."""
    if isinstance(lines, Mapping):
        pairs = list(lines.items())
    elif isinstance(lines, (str, bytes)) or not isinstance(lines, Sequence):
        raise BadInput("error.supplies.hand_out_list_item")
    else:
        pairs = []
        for line in lines:
            if not isinstance(line, (tuple, list)) or len(line) != 2:
                raise BadInput("error.supplies.hand_out_list_item")
            pairs.append((line[0], line[1]))
    merged: dict[str, int] = {}
    for code, quantity in pairs:
        text = str(code if code is not None else "").strip().upper()
        if not text:
            raise BadInput("error.supplies.every_line_needs_item")
        if not ITEM_CODE_RE.match(text):
            raise _unknown_item(text)
        quantity = validate.in_range(quantity, 1, MAX_LINE_QUANTITY, "quantity", "Antallet")
        merged[text] = merged.get(text, 0) + quantity
    if not merged:
        raise BadInput("error.supplies.hand_out_needs_least")
    for text, quantity in merged.items():
        if quantity > MAX_LINE_QUANTITY:
            raise BadInput(
                "error.supplies.most_hand_out", MAX_LINE_QUANTITY=MAX_LINE_QUANTITY, text=text
            )
    return merged


def _lock_items(item_ids: list[int]) -> None:
    """On PostgreSQL, serialise hand-outs of the same items (SQLite's BEGIN IMMEDIATE does)."""
    if db.is_postgres() and item_ids:
        list(
            SupplyItem.select(SupplyItem.id)
            .where(SupplyItem.id.in_(item_ids))
            .order_by(SupplyItem.id)
            .for_update()
        )


lock_items = _lock_items  # for the stock-take, which counts while nobody hands out


def _visit_row(centre_id: int, visit_id: Any) -> Any:
    number = validate.whole(visit_id, "visit number", "Besøksnummeret")
    row = None
    if 1 <= number <= MAX_ID:
        row = Visit.get_or_none((Visit.id == number) & (Visit.centre == centre_id))
    if row is None:
        raise NotFound("error.supplies.no_visit_number", number=number)
    if row.voided_at is not None:
        raise BadInput("error.supplies.visit_voided")
    return row


def _visitor_row(centre_id: int, code: str) -> Visitor:
    text = normalise_code(str(code))
    row = Visitor.get_or_none((Visitor.centre == centre_id) & (Visitor.code == text))
    if row is None:
        raise unknown_code(text)
    return row


def hand_out(
    actor: Actor,
    lines: Mapping[str, int] | Sequence[tuple[str, int]],
    *,
    visit_id: int | None = None,
    visitor_code: str | None = None,
    for_others: bool = False,
    naloxone_recipient: str | None = None,
    naloxone_trained: bool | None = None,
    business_date: dt.date | None = None,
    naloxone_reason: str | None = None,
    naloxone_outcome: str | None = None,
    naloxone_ems: str | None = None,
) -> HandOutInfo:
    """Hand out one or more items, for a visit, a visitor or anonymously.

    Quantities are 1–1000 per item; the same code twice is summed. A naloxone
    kit needs the recipient (user, relative, other) and whether training was
    given, and why a new kit (default a first kit) with, after a reported use,
    the outcome and the EMS call (``overdose.naloxone_details``); those are
    refused on a hand-out without naloxone. Refuses unknown or
    inactive items, an unknown visit or visitor, any line that would take stock
    below zero (OutOfStock, naming the item and its stock: then nothing is
    written), a line the stock in date cannot cover because a lot expired
    (OutOfStock naming the lot) and a closed day. Each item is taken from its
    first-expiring lots first (``lots.take``). Returns the hand-out with the items of it now at
    or under their low-stock threshold.
    """
    wanted = _normalise_lines(lines)
    recipient = None
    if naloxone_recipient is not None:
        recipient = str(naloxone_recipient).strip().lower() or None
    if naloxone_trained is not None and not isinstance(naloxone_trained, bool):
        raise BadInput("error.supplies.whether_naloxone_training_given")
    with store.write():
        st = days.stamp_on(actor, business_date)  # an earlier date: a correction
        rows = list(
            SupplyItem.select().where(
                (SupplyItem.centre == actor.centre_id) & SupplyItem.code.in_(list(wanted))
            )
        )
        by_code = {r.code: r for r in rows}
        for code in wanted:
            item = by_code.get(code)
            if item is None:
                raise _unknown_item(code)
            if not item.active:
                raise BadInput(
                    "error.supplies.no_longer_handed_out",
                    name=i18n.ByLanguage(en=item.name_en, nb=item.name_nb),
                    code=code,
                )
        naloxone = any(r.kind == "naloxone" for r in rows)
        if naloxone:
            if recipient not in NALOXONE_RECIPIENTS:
                raise BadInput("error.supplies.naloxone_say_who_receives")
            if naloxone_trained is None:
                raise BadInput("error.supplies.naloxone_say_whether_training")
        elif recipient is not None or naloxone_trained is not None:
            raise BadInput("error.supplies.recipient_training_recorded_when")
        details = overdose.naloxone_details(
            naloxone_reason, naloxone_outcome, naloxone_ems, naloxone=naloxone
        )
        visit = _visit_row(actor.centre_id, visit_id) if visit_id is not None else None
        visitor = None
        if visitor_code is not None and str(visitor_code).strip():
            visitor = _visitor_row(actor.centre_id, visitor_code)
            if visit is not None and visit.visitor_id not in (None, visitor.id):
                raise BadInput("error.supplies.visit_s", code=visitor.code)
        elif visit is not None and visit.visitor_id is not None:
            visitor = Visitor.get_by_id(visit.visitor_id)
        item_ids = [by_code[c].id for c in wanted]
        _lock_items(item_ids)
        levels = _levels(actor.centre_id, item_ids)
        for code, quantity in wanted.items():
            item = by_code[code]
            stock = levels.get(item.id, (0, 0))[0]
            if quantity > stock:
                raise _out_of_stock(item, stock)
        # First-expiring first; an expired lot is never handed out.
        held = lots.lots_of(actor.centre_id, {i: levels.get(i, (0, 0))[0] for i in item_ids})
        draws = [
            plan
            for code, quantity in wanted.items()
            for plan in lots.take(by_code[code], held[by_code[code].id], quantity, st.business_date)
        ]
        row = records.add(
            actor,
            st,
            HandOut,
            "supplies.hand_out",
            {
                "lines": wanted,
                "for_others": bool(for_others),
                "naloxone": naloxone,
                **({"naloxone_reason": details.reason} if details else {}),
            },
            visit=visit.id if visit else None,
            visitor=visitor.id if visitor else None,
            for_others=bool(for_others),
            naloxone_recipient=recipient if naloxone else None,
            naloxone_trained=naloxone_trained if naloxone else None,
            naloxone_reason=details.reason if details else None,
            naloxone_outcome=details.outcome if details else None,
            naloxone_ems=details.ems if details else None,
        )
        HandOutLine.insert_many(
            [
                {"hand_out": row.id, "item": by_code[code].id, "quantity": quantity}
                for code, quantity in wanted.items()
            ]
        ).execute()
        lots.record_draws(row.id, draws)
        order = sorted(rows, key=lambda r: (r.sort_order, r.id))
        low = [info for info in _infos(actor.centre_id, order) if info.low]
        return _hand_out_infos([_hand_out_query().where(HandOut.id == row.id).get()], low)[0]


def _out_of_stock(item: SupplyItem, stock: int) -> OutOfStock:
    if stock <= 0:
        return OutOfStock(
            "error.supplies.no_left_stock",
            name=i18n.ByLanguage(en=item.name_en, nb=item.name_nb),
            code=item.code,
        )
    return OutOfStock(
        "error.supplies.left_stock",
        stock=stock,
        unit=item.unit,
        name=i18n.ByLanguage(en=item.name_en, nb=item.name_nb),
        code=item.code,
    )


def _hand_out_query() -> ModelSelect[HandOut]:
    return (
        HandOut.select(HandOut, Visitor, Staff)
        .join(Visitor, JOIN.LEFT_OUTER, on=(HandOut.visitor == Visitor.id))
        .switch(HandOut)
        .join(Staff, JOIN.LEFT_OUTER, on=(HandOut.staff == Staff.id))
    )


def _hand_out_infos(rows: list[Any], low: list[ItemInfo] | None = None) -> list[HandOutInfo]:
    """Hand-outs with their lines, fetched in one query for all of them."""
    lines: dict[int, list[tuple[str, int]]] = {r.id: [] for r in rows}
    if rows:
        query: Any = (
            HandOutLine.select(HandOutLine.hand_out, SupplyItem.code, HandOutLine.quantity)
            .join(SupplyItem)
            .where(HandOutLine.hand_out.in_(list(lines)))
            .order_by(HandOutLine.id)
            .tuples()
        )
        for hand_out_id, code, quantity in query:
            lines[hand_out_id].append((code, quantity))
    return [
        HandOutInfo(
            id=r.id,
            at=clock.as_utc(r.at),
            lines=lines[r.id],
            visit_id=r.visit_id,
            visitor_code=r.visitor.code if r.visitor_id else None,
            for_others=r.for_others,
            naloxone_recipient=r.naloxone_recipient,
            naloxone_trained=r.naloxone_trained,
            voided=r.voided_at is not None,
            low_stock=list(low or []),
            business_date=r.business_date,
            staff_initials=r.staff.initials if r.staff_id else "cli",
            void_reason=r.void_reason,
            naloxone_reason=r.naloxone_reason,
            naloxone_outcome=r.naloxone_outcome,
            naloxone_ems=r.naloxone_ems,
        )
        for r in rows
    ]


def hand_outs_on(centre_id: int, business_date: dt.date | None = None) -> list[HandOutInfo]:
    """The day's hand-outs, newest first; voided ones included and marked."""
    day = business_date or days.today(centre_id)
    rows = list(
        _hand_out_query()
        .where((HandOut.centre == centre_id) & (HandOut.business_date == day))
        .order_by(HandOut.at.desc(), HandOut.id.desc())
    )
    return _hand_out_infos(rows)


def void_hand_out(actor: Actor, hand_out_id: int, reason: str) -> HandOutInfo:
    """Void a hand-out with a reason: its items return to stock and it counts nowhere.

    Refuses an unknown or already voided hand-out, a missing reason and a
    hand-out on a closed day.
    """
    reason = validate.reason(reason)
    with store.write():
        row = void_row(
            actor,
            HandOut,
            hand_out_id,
            reason,
            missing=NotFound("error.supplies.no_hand_out_number", hand_out_id=hand_out_id),
            already=BadInput("error.supplies.hand_out_already_voided"),
        )
        audit.record(actor, "supplies.void_hand_out", "hand_out", row.id)
        return _hand_out_infos([_hand_out_query().where(HandOut.id == row.id).get()])[0]


# -- returned syringes ---------------------------------------------------------------


def _return_info(row: SyringeReturn) -> ReturnInfo:
    return ReturnInfo(
        id=row.id,
        method=row.method,
        count=row.count,
        bin_litres=row.bin_litres,
        business_date=row.business_date,
        voided=row.voided_at is not None,
        void_reason=row.void_reason,
        at=clock.as_utc(row.at),
    )


def record_return(
    actor: Actor,
    *,
    count: int | None = None,
    bin_code: str | None = None,
    bins: int = 1,
    visit_id: int | None = None,
    business_date: dt.date | None = None,
) -> ReturnInfo:
    """Record returned used syringes: a count, or an estimate from returned sharps bins.

    Give exactly one of ``count`` (1–10000, method "counted") or ``bin_code``,
    a sharps-bin item (method "estimated": its litres x ``bins`` x the setting
    ``sharps_fill_factor``). Refuses both or neither, an item that is not a
    sharps bin, an unknown visit and a closed day.
    """
    if (count is None) == (bin_code is None):
        raise BadInput("error.supplies.give_either_count_syringes")
    if count is not None:
        count = validate.in_range(
            count, 1, MAX_RETURN_COUNT, "count of syringes", "Antall sprøyter"
        )
    else:
        bins = validate.in_range(bins, 1, MAX_BINS, "number of bins", "Antall bøtter")
    with store.write():
        st = days.stamp_on(actor, business_date)  # an earlier date: a correction
        visit = _visit_row(actor.centre_id, visit_id) if visit_id is not None else None
        litres = None
        if bin_code is not None:
            item = _item_row(actor.centre_id, bin_code)
            if item.kind != "sharps_bin" or not item.bin_litres:
                raise BadInput(
                    "error.supplies.sharps_bin",
                    name=i18n.ByLanguage(en=item.name_en, nb=item.name_nb),
                    code=item.code,
                )
            litres = item.bin_litres * bins
            count = litres * get_settings(actor.centre_id).sharps_fill_factor
        method = "counted" if litres is None else "estimated"
        row = records.add(
            actor,
            st,
            SyringeReturn,
            "supplies.return",
            {"method": method, "count": count, "bin_litres": litres},
            visit=visit.id if visit else None,
            method=method,
            count=count,
            bin_litres=litres,
        )
        return _return_info(row)


def void_return(actor: Actor, return_id: int, reason: str) -> ReturnInfo:
    """Void a return entered by mistake; it counts nowhere. Refuses a closed day."""
    reason = validate.reason(reason)
    with store.write():
        row = void_row(
            actor,
            SyringeReturn,
            return_id,
            reason,
            missing=NotFound("error.supplies.no_syringe_return_number", return_id=return_id),
            already=BadInput("error.supplies.return_already_voided"),
        )
        audit.record(actor, "supplies.void_return", "syringe_return", row.id, count=row.count)
        return _return_info(row)


def returns_on(centre_id: int, business_date: dt.date | None = None) -> list[ReturnInfo]:
    """The day's syringe returns, newest first; voided ones included and marked."""
    day = business_date or days.today(centre_id)
    rows = (
        SyringeReturn.select()
        .where((SyringeReturn.centre == centre_id) & (SyringeReturn.business_date == day))
        .order_by(SyringeReturn.at.desc(), SyringeReturn.id.desc())
    )
    return [_return_info(r) for r in rows]
