"""Purge: remove individual-level rows of old, closed business days.

What goes: visits, supply hand-outs (and their lines), syringe returns, lunch
roster entries, Megafon sales and Dagsverket attendance dated before the
given day, and visitor codes nothing refers to any more (Dagsverket
participants and Megafon vendors stay). What stays: the stored Z-reports (so
exports and reports of those days are unchanged), deliveries, the catalogue,
issues, staff, settings and the audit trail.

Stock on hand is deliveries minus what was handed out or sold, so deleting
old hand-outs and sales alone would raise it. The purge therefore writes, per
supply item and per Megafon issue, one balancing delivery of minus the purged
quantity, dated on the last purged (closed) day: stock on hand is the same
before and after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from peewee import fn

from db.models import (
    DagsverketAttendance,
    DayClose,
    HandOut,
    HandOutLine,
    LunchEntry,
    MegafonDelivery,
    MegafonSale,
    SupplyDelivery,
    SyringeReturn,
    Visit,
    Visitor,
)
from frontdesk import clock
from frontdesk.errors import BadInput
from frontdesk.services import audit, store
from frontdesk.services.centre import CentreInfo
from frontdesk.services.staff import Actor

# The individual-level tables, by the name used in messages and the audit event.
DATED = (
    ("visits", Visit),
    ("hand_outs", HandOut),
    ("syringe_returns", SyringeReturn),
    ("lunch_entries", LunchEntry),
    ("megafon_sales", MegafonSale),
    ("dagsverket_attendance", DagsverketAttendance),
)


@dataclass(frozen=True)
class CentrePurge:
    code: str
    days: int  # closed days that have rows to purge
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PurgePlan:
    before: dt.date
    centres: tuple[CentrePurge, ...]

    @property
    def total(self) -> int:
        return sum(sum(c.counts.values()) for c in self.centres)

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for centre in self.centres:
            for key, value in centre.counts.items():
                out[key] = out.get(key, 0) + value
        return out


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _days_with_rows(centre_id: int, before: dt.date) -> set[dt.date]:
    query: Any = None
    for _, model in DATED:
        part = model.select(model.business_date).where(
            (model.centre == centre_id) & (model.business_date < before)
        )
        query = part if query is None else query | part  # UNION
    assert query is not None
    return {_as_date(value) for (value,) in query.tuples()}


def _closed_days(centre_id: int, before: dt.date) -> set[dt.date]:
    rows: Any = (
        DayClose.select(DayClose.business_date)
        .where(
            (DayClose.centre == centre_id)
            & (DayClose.business_date < before)
            & DayClose.reopened_at.is_null()
        )
        .tuples()
    )
    return {_as_date(value) for (value,) in rows}


def _unreferenced_visitors(centre_id: int) -> Any:
    """Visitors of the centre that no row refers to and that are no participant or vendor."""
    refs: list[Any] = [
        Visit.select(Visit.id).where(Visit.visitor == Visitor.id),
        LunchEntry.select(LunchEntry.id).where(LunchEntry.visitor == Visitor.id),
        DagsverketAttendance.select(DagsverketAttendance.id).where(
            DagsverketAttendance.visitor == Visitor.id
        ),
        MegafonSale.select(MegafonSale.id).where(MegafonSale.vendor == Visitor.id),
        HandOut.select(HandOut.id).where(HandOut.visitor == Visitor.id),
    ]
    where = (
        (Visitor.centre == centre_id)
        & (Visitor.dagsverket == False)  # noqa: E712 (peewee expression)
        & Visitor.vendor_number.is_null()
    )
    for ref in refs:
        where &= ~fn.EXISTS(ref)
    return where


def plan(centres: list[CentreInfo], before: dt.date) -> PurgePlan:
    """What a purge before the date would remove; refuses if a day with rows is not closed."""
    planned = []
    for centre in centres:
        active = _days_with_rows(centre.id, before)
        not_closed = sorted(active - _closed_days(centre.id, before))
        if not_closed:
            first = not_closed[0].isoformat()
            more = f" (and {len(not_closed) - 1} more)" if len(not_closed) > 1 else ""
            raise BadInput(
                f"The day {first}{more} at {centre.code} has records but is not closed; "
                "close it before purging."
            )
        counts = {
            name: model.select()
            .where((model.centre == centre.id) & (model.business_date < before))
            .count()
            for name, model in DATED
        }
        planned.append(CentrePurge(centre.code, len(active), counts))
    return PurgePlan(before, tuple(planned))


def purge(centres: list[CentreInfo], before: dt.date) -> PurgePlan:
    """Delete the individual-level rows of closed days before the date, in one transaction.

    Refuses (nothing is deleted) if any day before the date that has rows is
    not closed. Keeps stock on hand unchanged with one balancing delivery per
    item and issue. Writes one ``purge`` audit event per centre with the counts.
    """
    with store.write():
        result = plan(centres, before)  # inside the transaction: nothing changes meanwhile
        done = []
        for centre, planned in zip(centres, result.centres, strict=True):
            if not planned.days:
                done.append(planned)
                continue
            counts = dict(planned.counts)
            counts.update(_purge_centre(centre, before))
            audit.record(
                Actor.cli(centre.id),
                "purge",
                "centre",
                centre.id,
                before=before.isoformat(),
                days=planned.days,
                **counts,
            )
            done.append(CentrePurge(centre.code, planned.days, counts))
    return PurgePlan(before, tuple(done))


def _purge_centre(centre: CentreInfo, before: dt.date) -> dict[str, int]:
    c = centre.id
    last_day = max(_days_with_rows(c, before))
    now = clock.to_db(clock.utcnow())
    adjustments = 0

    # Stock on hand stays right: one balancing delivery per item and issue.
    handed: Any = (
        HandOutLine.select(HandOutLine.item, fn.SUM(HandOutLine.quantity))
        .join(HandOut)
        .where(
            (HandOut.centre == c) & (HandOut.business_date < before) & HandOut.voided_at.is_null()
        )
        .group_by(HandOutLine.item)
        .tuples()
    )
    for item_id, quantity in list(handed):
        if int(quantity or 0):
            SupplyDelivery.create(
                centre=c, item=item_id, quantity=-int(quantity), at=now, business_date=last_day
            )
            adjustments += 1
    sold: Any = (
        MegafonSale.select(MegafonSale.issue, fn.SUM(MegafonSale.copies))
        .where(
            (MegafonSale.centre == c)
            & (MegafonSale.business_date < before)
            & MegafonSale.voided_at.is_null()
        )
        .group_by(MegafonSale.issue)
        .tuples()
    )
    for issue_id, copies in list(sold):
        if int(copies or 0):
            MegafonDelivery.create(
                centre=c, issue=issue_id, copies=-int(copies), at=now, business_date=last_day
            )
            adjustments += 1

    old_visits = Visit.select(Visit.id).where((Visit.centre == c) & (Visit.business_date < before))
    # Later records keep their own data; they just no longer point at a purged visit.
    HandOut.update(visit=None).where(
        (HandOut.centre == c) & (HandOut.business_date >= before) & HandOut.visit.in_(old_visits)
    ).execute()
    SyringeReturn.update(visit=None).where(
        (SyringeReturn.centre == c)
        & (SyringeReturn.business_date >= before)
        & SyringeReturn.visit.in_(old_visits)
    ).execute()

    old_hand_outs = HandOut.select(HandOut.id).where(
        (HandOut.centre == c) & (HandOut.business_date < before)
    )
    lines = HandOutLine.delete().where(HandOutLine.hand_out.in_(old_hand_outs)).execute()
    for _, model in (*DATED[1:], DATED[0]):  # visits last: others refer to them
        model.delete().where((model.centre == c) & (model.business_date < before)).execute()
    visitors = Visitor.delete().where(_unreferenced_visitors(c)).execute()
    return {
        "hand_out_lines": int(lines),
        "visitor_codes": int(visitors),
        "adjustments": adjustments,
    }
