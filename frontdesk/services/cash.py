"""The cash box besides sales: the day's opening float, pay-ins and pay-outs.

The float is the cash in the box when a day opens: the setting
``opening_float_ore`` unless a float was recorded that day (a new one replaces
the day's earlier one). A pay-in (change brought from the office) or a pay-out
(cash taken to the safe) has a reason from ``vocab.CASH_REASONS``. The expected
cash at the close is float + cash sales (voided ones count nowhere) + pay-ins −
pay-outs (``tally.count_cash``). Every movement is audited and can be voided
with a reason (lead), like every record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from frontdesk import clock
from frontdesk.db.models import CashMovement, Staff
from frontdesk.errors import BadInput, NotFound
from frontdesk.services import audit, days, records, store, tally, validate
from frontdesk.services.actor import Actor, require_lead
from frontdesk.services.records import void_row
from frontdesk.services.vocab import CASH_MOVES, CASH_REASONS

# A float or one movement of more than 100 000 kr is a typing mistake.
MAX_MOVEMENT_ORE = 10_000_000


@dataclass(frozen=True)
class CashMoveInfo:
    id: int
    at: dt.datetime
    business_date: dt.date
    kind: str  # vocab.CASH_MOVES
    amount_ore: int
    reason: str  # vocab.CASH_REASONS, "" for a float
    staff_initials: str
    voided: bool
    void_reason: str | None


def _amount(value: object) -> int:
    return validate.in_range(
        value,
        1,
        MAX_MOVEMENT_ORE,
        "amount",
        "beløpet",
        sentence="error.cash.amount_range",
    )


def _check_reason(reason: object) -> str:
    return validate.one_of(reason, CASH_REASONS, "error.cash.reason_one_of")


def set_float(actor: Actor, amount_ore: int, business_date: dt.date | None = None) -> CashMoveInfo:
    """Record the day's opening float (0–100 000 kr); it replaces a float recorded earlier
    that day (that one is voided, in the same transaction). Refuses a closed day."""
    amount_ore = validate.in_range(
        amount_ore,
        0,
        MAX_MOVEMENT_ORE,
        "float",
        "vekselbeholdningen",
        sentence="error.cash.float_range",
    )
    with store.write():
        st = days.stamp_on(actor, business_date)
        earlier = CashMovement.select().where(
            (CashMovement.centre == actor.centre_id)
            & (CashMovement.business_date == st.business_date)
            & (CashMovement.kind == "float")
            & CashMovement.voided_at.is_null()
        )
        for old in list(earlier):
            CashMovement.update(
                voided_at=st.at, voided_by=actor.staff_id, void_reason="replaced by a new float"
            ).where(CashMovement.id == old.id).execute()
            audit.record(actor, "cash.void", "cash_movement", old.id, replaced=True)
        row = records.add(
            actor,
            st,
            CashMovement,
            "cash.float",
            {"amount_ore": amount_ore},
            kind="float",
            amount_ore=amount_ore,
            reason="",
        )
        return _infos(_query().where(CashMovement.id == row.id))[0]


def move(
    actor: Actor,
    kind: str,
    amount_ore: int,
    reason: str,
    business_date: dt.date | None = None,
) -> CashMoveInfo:
    """A pay-in or pay-out (``kind`` "pay_in" / "pay_out") of 1–100 000 kr with a reason.

    Refuses another kind, an unknown reason, a pay-out of more cash than the box
    is expected to hold, and a closed day.
    """
    if kind not in CASH_MOVES or kind == "float":
        raise BadInput("error.cash.pay_in_or_out")
    amount_ore = _amount(amount_ore)
    reason = _check_reason(reason)
    with store.write():
        st = days.stamp_on(actor, business_date)
        if kind == "pay_out":
            held = tally.compute_cash(actor.centre_id, st.business_date)["cash.expected_ore"]
            if amount_ore > held:
                # Not how much it holds: the close counts the cash blind.
                raise BadInput("error.cash.pay_out_more_than_box")
        row = records.add(
            actor,
            st,
            CashMovement,
            f"cash.{kind}",
            {"amount_ore": amount_ore, "reason": reason},
            kind=kind,
            amount_ore=amount_ore,
            reason=reason,
        )
        return _infos(_query().where(CashMovement.id == row.id))[0]


def void_movement(actor: Actor, movement_id: int, reason: str) -> CashMoveInfo:
    """Void a float, pay-in or pay-out entered by mistake (lead only); it counts nowhere.

    Refuses an unknown or already voided movement, a missing reason and a closed day.
    """
    require_lead(actor, "void a cash movement")
    reason = validate.reason(reason)
    with store.write():
        row = void_row(
            actor,
            CashMovement,
            movement_id,
            reason,
            missing=NotFound("error.cash.no_movement_number", movement_id=movement_id),
            already=BadInput("error.cash.movement_already_voided"),
        )
        audit.record(
            actor, "cash.void", "cash_movement", row.id, kind=row.kind, amount_ore=row.amount_ore
        )
        return _infos(_query().where(CashMovement.id == row.id))[0]


def movements_on(centre_id: int, business_date: dt.date | None = None) -> list[CashMoveInfo]:
    """The day's floats, pay-ins and pay-outs, newest first; voided ones included."""
    day = business_date or days.today(centre_id)
    query = _query().where((CashMovement.centre == centre_id) & (CashMovement.business_date == day))
    return _infos(query.order_by(CashMovement.at.desc(), CashMovement.id.desc()))


def _query() -> Any:
    return CashMovement.select(CashMovement, Staff.initials.alias("staff_initials")).join(
        Staff, JOIN.LEFT_OUTER, on=(CashMovement.staff == Staff.id)
    )


def _infos(query: Any) -> list[CashMoveInfo]:
    return [
        CashMoveInfo(
            id=r.id,
            at=clock.as_utc(r.at),
            business_date=validate.date(r.business_date),
            kind=r.kind,
            amount_ore=r.amount_ore,
            reason=r.reason or "",
            staff_initials=r.staff_initials or "cli",
            voided=r.voided_at is not None,
            void_reason=r.void_reason,
        )
        for r in query.objects()
    ]
