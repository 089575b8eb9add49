"""Megafon: the centre as a sales outlet for the street magazine.

Vendors (by vendor number or visitor code) buy copies of the current issue at
the outlet price; deliveries of an issue keep the stock on hand known. Stock
is deliveries minus sold copies, voided records counting nowhere. The title
of the magazine is the centre setting ``magazine_title`` (default "Megafon").
Money is integer øre, never floats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from peewee import JOIN, ModelSelect, fn

from frontdesk import clock, db, i18n
from frontdesk.db.models import MegafonDelivery, MegafonIssue, MegafonSale, Staff, Visitor
from frontdesk.errors import BadInput, NotFound, OutOfStock
from frontdesk.i18n import N_
from frontdesk.services import audit, days, records, store, validate
from frontdesk.services.actor import Actor, require_lead
from frontdesk.services.records import void_row
from frontdesk.services.settings import get_settings
from frontdesk.services.tally import count_megafon
from frontdesk.services.visits import VisitorInfo, normalise_code, unknown_code, visitor_info
from frontdesk.services.vocab import PAYMENTS

MAX_PRICE_ORE = 100_000
MAX_DELIVERY_COPIES = 10_000
MAX_SALE_COPIES = 500


@dataclass(frozen=True)
class IssueInfo:
    id: int
    number: str
    title: str
    price_ore: int
    current: bool
    delivered: int
    sold: int
    stock: int
    delivery_id: int | None = None  # the delivery just recorded (record_delivery's answer)


@dataclass(frozen=True)
class SaleInfo:
    id: int
    at: dt.datetime
    business_date: dt.date
    vendor_code: str
    vendor_number: int | None
    issue_number: str
    copies: int
    unit_price_ore: int
    amount_ore: int
    payment: str
    staff_initials: str
    voided: bool
    void_reason: str | None


@dataclass(frozen=True)
class DeliveryInfo:
    id: int
    at: dt.datetime
    business_date: dt.date
    issue_number: str
    copies: int
    staff_initials: str
    voided: bool
    void_reason: str | None


# -- reading -------------------------------------------------------------------


def magazine_title(centre_id: int) -> str:
    """The magazine the centre sells (setting ``magazine_title``, default "Megafon")."""
    return get_settings(centre_id).magazine_title


def _counts(centre_id: int, issue_ids: list[int] | None = None) -> dict[int, tuple[int, int]]:
    """Issue id → (delivered, sold) copies, voided records left out: two GROUP BY queries."""
    delivered_q = MegafonDelivery.select(
        MegafonDelivery.issue, fn.SUM(MegafonDelivery.copies)
    ).where((MegafonDelivery.centre == centre_id) & MegafonDelivery.voided_at.is_null())
    sold_q = MegafonSale.select(MegafonSale.issue, fn.SUM(MegafonSale.copies)).where(
        (MegafonSale.centre == centre_id) & MegafonSale.voided_at.is_null()
    )
    if issue_ids is not None:
        delivered_q = delivered_q.where(MegafonDelivery.issue.in_(issue_ids))
        sold_q = sold_q.where(MegafonSale.issue.in_(issue_ids))
    delivered_rows: Any = delivered_q.group_by(MegafonDelivery.issue).tuples()
    sold_rows: Any = sold_q.group_by(MegafonSale.issue).tuples()
    delivered: dict[int, int] = dict(delivered_rows)
    sold: dict[int, int] = dict(sold_rows)
    return {
        issue_id: (int(delivered.get(issue_id) or 0), int(sold.get(issue_id) or 0))
        for issue_id in set(delivered) | set(sold)
    }


def _issue_info(row: MegafonIssue, counts: dict[int, tuple[int, int]]) -> IssueInfo:
    delivered, sold = counts.get(row.id, (0, 0))
    return IssueInfo(
        row.id, row.number, row.title, row.price_ore, row.current, delivered, sold, delivered - sold
    )


def _info_of(row: Any) -> IssueInfo:
    return _issue_info(row, _counts(row.centre_id, [row.id]))


def issues(centre_id: int) -> list[IssueInfo]:
    """Every issue of the centre, newest first, with delivered, sold and stock."""
    rows = list(
        MegafonIssue.select()
        .where(MegafonIssue.centre == centre_id)
        .order_by(MegafonIssue.id.desc())
    )
    counts = _counts(centre_id)
    return [_issue_info(r, counts) for r in rows]


def current_issue(centre_id: int) -> IssueInfo | None:
    """The issue on sale now, or None when no issue has been added."""
    row = _current_row(centre_id)
    return _info_of(row) if row else None


def _current_row(centre_id: int) -> MegafonIssue | None:
    return MegafonIssue.get_or_none(
        (MegafonIssue.centre == centre_id) & (MegafonIssue.current == True)  # noqa: E712
    )


def _issue_row(centre_id: int, number: str) -> MegafonIssue:
    number = _normalise_number(number)
    row = MegafonIssue.get_or_none(
        (MegafonIssue.centre == centre_id) & (MegafonIssue.number == number)
    )
    if row is None:
        raise NotFound("error.megafon.no_issue", number=number)
    return row


def _lock_issue(issue_id: int) -> None:
    """On PostgreSQL, serialise sales and deliveries of one issue (SQLite's BEGIN IMMEDIATE does)."""
    if db.is_postgres():
        list(MegafonIssue.select(MegafonIssue.id).where(MegafonIssue.id == issue_id).for_update())


def find_vendor(centre_id: int, vendor: str) -> VisitorInfo:
    """The vendor with this vendor number ("12") or visitor code ("AB85").

    Refuses (NotFound) an unknown number or code, and (BadInput) a visitor
    who is not a Megafon vendor.
    """
    text = str(vendor if vendor is not None else "").strip().upper()
    if not text:
        raise BadInput("error.megafon.give_vendor_number_visitor")
    row = None
    number = text.isascii() and text.isdigit()
    if number and len(text) <= 9:
        row = Visitor.get_or_none(
            (Visitor.centre == centre_id) & (Visitor.vendor_number == int(text))
        )
    if row is None:
        if number and len(text) > 12:
            raise _no_vendor(text)
        code = normalise_code(text)  # refuses spaces (a name typed in) and odd characters
        row = Visitor.get_or_none((Visitor.centre == centre_id) & (Visitor.code == code))
        if row is None:
            raise _no_vendor(text) if number else unknown_code(code)
    if row.vendor_number is None:
        raise BadInput("error.megafon.megafon_vendor_give_visitor", code=row.code)
    return visitor_info(row)


def _no_vendor(number: str) -> NotFound:
    return NotFound("error.megafon.no_megafon_vendor_number", number=int(number))


def _sale_query() -> ModelSelect[MegafonSale]:
    return (
        MegafonSale.select(MegafonSale, MegafonIssue, Visitor, Staff)
        .join(MegafonIssue, on=(MegafonSale.issue == MegafonIssue.id))
        .switch(MegafonSale)
        .join(Visitor, JOIN.LEFT_OUTER, on=(MegafonSale.vendor == Visitor.id))
        .switch(MegafonSale)
        .join(Staff, JOIN.LEFT_OUTER, on=(MegafonSale.staff == Staff.id))
    )


def _sale_info(row: MegafonSale) -> SaleInfo:
    staff = row.staff
    vendor = row.vendor if row.vendor_id is not None else None  # None: the vendor was erased
    return SaleInfo(
        id=row.id,
        at=clock.as_utc(row.at),
        business_date=row.business_date,
        vendor_code=vendor.code if vendor else "",
        vendor_number=vendor.vendor_number if vendor else None,
        issue_number=row.issue.number,
        copies=row.copies,
        unit_price_ore=row.unit_price_ore,
        amount_ore=row.copies * row.unit_price_ore,
        payment=row.payment,
        staff_initials=staff.initials if staff else "cli",
        voided=row.voided_at is not None,
        void_reason=row.void_reason,
    )


def _sale(sale_id: int) -> SaleInfo:
    return _sale_info(_sale_query().where(MegafonSale.id == sale_id).get())


def sales_on(centre_id: int, business_date: dt.date | None = None) -> list[SaleInfo]:
    """The day's sales, newest first; voided sales included and marked."""
    day = business_date or days.today(centre_id)
    rows = (
        _sale_query()
        .where((MegafonSale.centre == centre_id) & (MegafonSale.business_date == day))
        .order_by(MegafonSale.at.desc(), MegafonSale.id.desc())
    )
    return [_sale_info(r) for r in rows]


def totals_on(centre_id: int, business_date: dt.date | None = None) -> dict[str, int]:
    """The day's takings in øre by payment method and in all ("revenue"), plus "copies",
    as the Z-report counts them (``tally.count_megafon``); voided sales left out."""
    day = business_date or days.today(centre_id)
    counted, _ = count_megafon(centre_id, day)
    totals = {payment: counted[f"megafon.{payment}_ore"] for payment in PAYMENTS}
    totals["revenue"] = counted["megafon.revenue_ore"]
    totals["copies"] = counted["megafon.copies"]
    return totals


def deliveries(
    centre_id: int, issue_number: str | None = None, business_date: dt.date | None = None
) -> list[DeliveryInfo]:
    """Deliveries of one issue (default: every issue), of one business day (default: every
    day), newest first, voided ones marked."""
    query = (
        MegafonDelivery.select(MegafonDelivery, MegafonIssue, Staff)
        .join(MegafonIssue, on=(MegafonDelivery.issue == MegafonIssue.id))
        .switch(MegafonDelivery)
        .join(Staff, JOIN.LEFT_OUTER, on=(MegafonDelivery.staff == Staff.id))
        .where(MegafonDelivery.centre == centre_id)
    )
    if issue_number is not None:
        query = query.where(MegafonIssue.number == _normalise_number(issue_number))
    if business_date is not None:
        query = query.where(MegafonDelivery.business_date == business_date)
    rows = query.order_by(MegafonDelivery.at.desc(), MegafonDelivery.id.desc())
    return [_delivery_info(r) for r in rows]


def _delivery_info(row: MegafonDelivery) -> DeliveryInfo:
    return DeliveryInfo(
        id=row.id,
        at=clock.as_utc(row.at),
        business_date=row.business_date,
        issue_number=row.issue.number,
        copies=row.copies,
        staff_initials=row.staff.initials if row.staff else "cli",
        voided=row.voided_at is not None,
        void_reason=row.void_reason,
    )


# -- validation ----------------------------------------------------------------


def _normalise_number(number: str) -> str:
    return validate.text(
        number,
        "issue number",
        20,
        nb_field="utgavenummeret",
        sentence="error.megafon.issue_number_characters",
    )


def _check_price(price_ore: object, *, allow_zero: bool) -> int:
    if allow_zero:
        rule = N_("error.megafon.unit_price_kr_re")
    else:
        rule = N_("error.megafon.outlet_price_more_than")
    low = 0 if allow_zero else 1
    return validate.in_range(
        price_ore, low, MAX_PRICE_ORE, "price (in øre)", "prisen (i øre)", sentence=rule
    )


# -- writing -------------------------------------------------------------------


def add_issue(
    actor: Actor,
    number: str,
    price_ore: int,
    *,
    title: str | None = None,
    current: bool = True,
) -> IssueInfo:
    """Add an issue of the magazine (lead only), by default as the current issue.

    The title defaults to the magazine title setting. The first issue of a
    centre is always current, so there is exactly one current issue. Refuses a
    bad number, a price outside 1 øre–1000 kr, a title over 100 characters and
    a number already added.
    """
    require_lead(actor, "manage Megafon issues")
    number = _normalise_number(number)
    price = _check_price(price_ore, allow_zero=False)
    name = validate.text(
        title,
        "issue title",
        100,
        min_len=0,
        nb_field="utgavetittelen",
        sentence="error.megafon.issue_title_plain_characters",
    ) or magazine_title(actor.centre_id)
    with store.write():
        days.lock_centre(actor.centre_id, exclusive=False)
        clash = MegafonIssue.get_or_none(
            (MegafonIssue.centre == actor.centre_id) & (MegafonIssue.number == number)
        )
        if clash is not None:
            raise BadInput("error.megafon.issue_already_been_added", number=number)
        make_current = bool(current) or _current_row(actor.centre_id) is None
        if make_current:
            _clear_current(actor.centre_id)
        row = MegafonIssue.create(
            centre=actor.centre_id,
            number=number,
            title=name,
            price_ore=price,
            current=make_current,
            created_at=clock.to_db(clock.utcnow()),
        )
        audit.record(
            actor,
            "megafon.add_issue",
            "megafon_issue",
            row.id,
            number=number,
            price_ore=price,
            current=make_current,
        )
        return _info_of(row)


def _clear_current(centre_id: int) -> None:
    MegafonIssue.update(current=False).where(
        (MegafonIssue.centre == centre_id) & (MegafonIssue.current == True)  # noqa: E712
    ).execute()


def set_current(actor: Actor, number: str) -> IssueInfo:
    """Make an issue the one on sale (lead only); the previous current issue stops being it."""
    require_lead(actor, "manage Megafon issues")
    with store.write():
        days.lock_centre(actor.centre_id, exclusive=False)
        row = _issue_row(actor.centre_id, number)
        previous = _current_row(actor.centre_id)
        if previous is None or previous.id != row.id:
            _clear_current(actor.centre_id)
            MegafonIssue.update(current=True).where(MegafonIssue.id == row.id).execute()
            row.current = True
            audit.record(
                actor,
                "megafon.set_current",
                "megafon_issue",
                row.id,
                number=row.number,
                previous=previous.number if previous else None,
            )
        return _info_of(row)


def record_delivery(actor: Actor, copies: int, issue_number: str | None = None) -> IssueInfo:
    """Record copies delivered to the centre (lead only); default the current issue.

    Refuses copies outside 1–10000, an unknown issue, no current issue, and a
    closed day.
    """
    require_lead(actor, "record Megafon deliveries")
    copies = validate.in_range(
        copies,
        1,
        MAX_DELIVERY_COPIES,
        "number of copies",
        "antall eksemplarer",
        sentence="error.megafon.delivery_copies",
    )
    with store.write():
        st = days.stamp(actor.centre_id)
        row = (
            _issue_row(actor.centre_id, issue_number)
            if issue_number is not None
            else _require_current(actor.centre_id)
        )
        _lock_issue(row.id)
        delivery = records.add(
            actor,
            st,
            MegafonDelivery,
            "megafon.delivery",
            {"issue": row.number, "copies": copies},
            issue=row.id,
            copies=copies,
        )
        return replace(_info_of(row), delivery_id=delivery.id)


def void_delivery(actor: Actor, delivery_id: int, reason: str) -> IssueInfo:
    """Void a delivery recorded by mistake (lead only); its copies leave the stock.

    Refuses an unknown or already voided delivery, a delivery on a closed day,
    and a void that would leave fewer copies than have been sold.
    """
    require_lead(actor, "void Megafon deliveries")
    reason = validate.reason(reason)
    with store.write():
        row = void_row(
            actor,
            MegafonDelivery,
            delivery_id,
            reason,
            missing=NotFound("error.megafon.no_megafon_delivery_number", delivery_id=delivery_id),
            already=BadInput("error.megafon.delivery_already_voided"),
        )
        _lock_issue(row.issue_id)
        issue = MegafonIssue.get_by_id(row.issue_id)
        stock = _info_of(issue).stock  # without this delivery; a refusal rolls the void back
        if stock < 0:
            raise BadInput(
                "error.megafon.voiding_delivery_would_leave",
                stock=stock,
                title=issue.title,
                number=issue.number,
            )
        audit.record(actor, "megafon.void_delivery", "megafon_delivery", row.id, copies=row.copies)
        return _info_of(issue)


def _require_current(centre_id: int) -> MegafonIssue:
    row = _current_row(centre_id)
    if row is None:
        title = magazine_title(centre_id)
        raise BadInput("error.megafon.no_current_issue_shift", title=title)
    return row


def sell(
    actor: Actor,
    vendor: str,
    copies: int,
    payment: str,
    unit_price_ore: int | None = None,
    business_date: dt.date | None = None,
) -> SaleInfo:
    """Sell copies of the current issue to a vendor (by vendor number or visitor code).

    The unit price defaults to the issue's outlet price. Refuses copies outside
    1–500, a payment other than cash, card or Vipps, a negative or fractional
    price, an unknown vendor or a visitor who is not one, no current issue, a
    sale larger than the stock on hand (OutOfStock, naming the stock) and a
    closed day. An earlier ``business_date`` is a correction (``days.stamp_on``).
    """
    copies = validate.in_range(
        copies,
        1,
        MAX_SALE_COPIES,
        "number of copies",
        "antall eksemplarer",
        sentence="error.megafon.sale_copies",
    )
    method = validate.one_of(
        payment,
        PAYMENTS,
        "error.megafon.payment_cash_card_vipps",
    )
    price = None if unit_price_ore is None else _check_price(unit_price_ore, allow_zero=True)
    with store.write():
        st = days.stamp_on(actor, business_date)
        issue = _require_current(actor.centre_id)
        seller = find_vendor(actor.centre_id, vendor)
        _lock_issue(issue.id)
        stock = _info_of(issue).stock
        if copies > stock:
            label = f"{issue.title} {issue.number}"
            if stock <= 0:
                raise OutOfStock("error.megafon.no_copies_left_stock", label=label)
            raise OutOfStock(
                "error.megafon.left",
                copies=i18n.MsgN("error.megafon.copies", stock),
                label=label,
            )
        unit = issue.price_ore if price is None else price
        sale = records.add(
            actor,
            st,
            MegafonSale,
            "megafon.sell",
            {"copies": copies, "amount_ore": copies * unit, "payment": method},
            issue=issue.id,
            vendor=seller.id,
            copies=copies,
            unit_price_ore=unit,
            payment=method,
        )
        return _sale(sale.id)


def void_sale(actor: Actor, sale_id: int, reason: str) -> SaleInfo:
    """Void a sale with a reason: its copies return to stock and it counts in no total.

    Refuses an unknown or already voided sale, a missing reason and a sale on a
    closed day.
    """
    reason = validate.reason(reason)
    with store.write():
        row = void_row(
            actor,
            MegafonSale,
            sale_id,
            reason,
            missing=NotFound("error.megafon.no_megafon_sale_number", sale_id=sale_id),
            already=BadInput("error.megafon.sale_already_voided"),
        )
        audit.record(
            actor,
            "megafon.void_sale",
            "megafon_sale",
            row.id,
            copies=row.copies,
            amount_ore=row.copies * row.unit_price_ore,
        )
        return _sale(row.id)
