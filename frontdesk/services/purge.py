"""Purge: remove individual-level rows of old, closed business days.

What goes: visits, supply hand-outs (and their lines), syringe returns, lunch
roster entries, Megafon sales and Dagsverket attendance dated before the
given day, and visitor codes nothing refers to any more (Dagsverket
participants and Megafon vendors stay). What stays: the stored Z-reports (so
exports and reports of those days are unchanged), deliveries, the catalogue,
issues, staff, settings and the audit trail.

Stock on hand is deliveries minus what was handed out or sold, so deleting
old hand-outs and sales alone would raise it. The purge therefore writes
balancing deliveries of minus the purged quantity: per supply item and purged
day, marked as that day's usage (so "days of cover", which counts the last 28
days' usage, is unchanged too), and per Megafon issue. Stock on hand is the
same before and after.

A large purge never holds the write lock for long: it works in batches of
whole days (at most ``BATCH_ROWS`` rows, or one day), each its own
transaction with its own audit event, so a desk waits at most one batch. A
purged day is marked on its Z-report (it can no longer be reopened). An
interrupted purge leaves every day either purged or untouched; running it
again finishes the rest.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from peewee import fn

from frontdesk import clock, db
from frontdesk.db.models import (
    DATED_MODELS,
    DagsverketAttendance,
    DayClose,
    HandOut,
    HandOutLine,
    LunchEntry,
    MegafonDelivery,
    MegafonSale,
    Referral,
    SupplyDelivery,
    SyringeReturn,
    TrainingSession,
    Visit,
    Visitor,
    database,
)
from frontdesk.errors import BadInput
from frontdesk.services import audit, store, validate
from frontdesk.services.actor import Actor
from frontdesk.services.centre import CentreInfo

# How each individual-level table is named in messages and the audit event, in that order.
_NAMES = {
    Visit: "visits",
    HandOut: "hand_outs",
    SyringeReturn: "syringe_returns",
    LunchEntry: "lunch_entries",
    MegafonSale: "megafon_sales",
    DagsverketAttendance: "dagsverket_attendance",
    TrainingSession: "training_sessions",
    Referral: "referrals",
}
# The individual-level tables: every dated model whose rows are about one person
# (``Dated.personal``). A new one without a name above fails here, at import.
DATED: tuple[tuple[str, Any], ...] = tuple(
    (_NAMES[model], model)
    for model in sorted((m for m in DATED_MODELS if m.personal), key=list(_NAMES).index)
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


def _days_with_rows(centre_id: int, before: dt.date) -> set[dt.date]:
    query: Any = None
    for _, model in DATED:
        part = model.select(model.business_date).where(
            (model.centre == centre_id) & (model.business_date < before)
        )
        query = part if query is None else query | part  # UNION
    assert query is not None
    return {validate.date(value) for (value,) in query.tuples()}


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
    return {validate.date(value) for (value,) in rows}


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
                "error.purge.day_records_but_closed", day=first, more=more, code=centre.code
            )
        counts = {
            name: model.select()
            .where((model.centre == centre.id) & (model.business_date < before))
            .count()
            for name, model in DATED
        }
        planned.append(CentrePurge(centre.code, len(active), counts))
    return PurgePlan(before, tuple(planned))


def purgeable_before(centre_id: int, before: dt.date) -> dt.date:
    """The date, or the first earlier day with rows that is not closed: purging before
    the answer never meets a day that is not closed (retention stops there)."""
    not_closed = _days_with_rows(centre_id, before) - _closed_days(centre_id, before)
    return min(not_closed, default=before)


# A batch is this many rows at most (or one whole day, if a day has more): about 10 ms.
BATCH_ROWS = 1000
# SQLite's busy handler retries a writer that has waited under 0.2 s at least every 50 ms.
SQLITE_PAUSE_SECONDS = 0.05


def _rows_per_day(centre_id: int, before: dt.date) -> dict[dt.date, int]:
    per_day: dict[dt.date, int] = {}
    for _, model in DATED:
        rows: Any = (
            model.select(model.business_date, fn.COUNT(model.id))
            .where((model.centre == centre_id) & (model.business_date < before))
            .group_by(model.business_date)
            .tuples()
        )
        for value, count in rows:
            day = validate.date(value)
            per_day[day] = per_day.get(day, 0) + int(count)
    return per_day


def _batches(per_day: dict[dt.date, int]) -> list[list[dt.date]]:
    """Consecutive whole days, up to BATCH_ROWS rows each (a bigger day alone)."""
    batches: list[list[dt.date]] = []
    size = 0
    for day in sorted(per_day):
        if batches and size + per_day[day] <= BATCH_ROWS:
            batches[-1].append(day)
            size += per_day[day]
        else:
            batches.append([day])
            size = per_day[day]
    return batches


def purge(
    centres: list[CentreInfo],
    before: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> PurgePlan:
    """Delete the individual-level rows of closed days before the date, a batch at a time.

    Refuses (nothing is deleted) if any day before the date that has rows is
    not closed. Each batch of whole days is one transaction: it keeps stock
    on hand and days of cover unchanged with balancing deliveries, marks the
    days purged on their Z-reports and writes a ``purge`` audit event with
    its counts. ``progress`` gets (days done, days in all).
    """
    result = plan(centres, before)
    work = [(centre, _batches(_rows_per_day(centre.id, before))) for centre in centres]
    total = sum(len(day_batch) for _, batches in work for day_batch in batches)
    done_days = 0
    done = []
    for (centre, batches), planned in zip(work, result.centres, strict=True):
        counts: dict[str, int] = {}
        for number, day_batch in enumerate(batches):
            last = number == len(batches) - 1
            started = time.monotonic()
            with store.write():
                batch_counts = _purge_days(centre, day_batch, clean_visitors=last)
                audit.record(
                    Actor.cli(centre.id),
                    "purge",
                    "centre",
                    centre.id,
                    before=before.isoformat(),
                    first_day=day_batch[0].isoformat(),
                    last_day=day_batch[-1].isoformat(),
                    days=len(day_batch),
                    **batch_counts,
                )
            if not db.is_postgres():
                # Fold the batch into the database file now, so a desk's commit does not have to.
                database.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
                # SQLite hands the lock to whoever asks first, and a waiting desk asks again
                # only every few tens of ms: leave at least that long, and never hold the
                # lock more than half the time (a loaded machine makes batches slower).
                time.sleep(max(SQLITE_PAUSE_SECONDS, time.monotonic() - started))
            for key, value in batch_counts.items():
                counts[key] = counts.get(key, 0) + value
            done_days += len(day_batch)
            if progress:
                progress(done_days, total)
        done.append(CentrePurge(centre.code, planned.days, counts or dict(planned.counts)))
    if done_days:
        # The deleted rows were overwritten in the file (secure_delete); empty the WAL too.
        db.truncate_wal()
    return PurgePlan(before, tuple(done))


def _purge_days(
    centre: CentreInfo, day_batch: list[dt.date], *, clean_visitors: bool
) -> dict[str, int]:
    """One batch, inside the caller's transaction: refuses a day reopened meanwhile."""
    c = centre.id
    last = day_batch[-1]
    # The days themselves, not a range: a day between them may be open and in use.
    in_batch = {
        model: (model.centre == c) & model.business_date.in_(day_batch) for _, model in DATED
    }
    closed: Any = DayClose.select(DayClose.business_date).where(
        (DayClose.centre == c)
        & DayClose.business_date.in_(day_batch)
        & DayClose.reopened_at.is_null()
    )
    if db.is_postgres():
        # Hold these Z-reports: a reopen waits, then finds the day purged. Desks are not held up.
        closed = closed.for_update()
    closed_days = {validate.date(value) for (value,) in closed.tuples()}
    if not set(day_batch) <= closed_days:
        day = min(set(day_batch) - closed_days).isoformat()
        raise BadInput("error.purge.day_reopened_while_purging", day=day, code=centre.code)
    now = clock.to_db(clock.utcnow())
    counts = {name: int(model.select().where(in_batch[model]).count()) for name, model in DATED}
    adjustments = 0

    # Stock on hand and days of cover stay right: minus each day's hand-outs, as that day's usage.
    handed: Any = (
        HandOutLine.select(HandOut.business_date, HandOutLine.item, fn.SUM(HandOutLine.quantity))
        .join(HandOut)
        .where(in_batch[HandOut] & HandOut.voided_at.is_null())
        .group_by(HandOut.business_date, HandOutLine.item)
        .tuples()
    )
    for day, item_id, quantity in list(handed):
        if int(quantity or 0):
            SupplyDelivery.create(
                centre=c,
                item=item_id,
                quantity=-int(quantity),
                at=now,
                business_date=validate.date(day),
                purged_usage=True,
            )
            adjustments += 1
    sold: Any = (
        MegafonSale.select(MegafonSale.issue, fn.SUM(MegafonSale.copies))
        .where(in_batch[MegafonSale] & MegafonSale.voided_at.is_null())
        .group_by(MegafonSale.issue)
        .tuples()
    )
    for issue_id, copies in list(sold):
        if int(copies or 0):
            MegafonDelivery.create(
                centre=c, issue=issue_id, copies=-int(copies), at=now, business_date=last
            )
            adjustments += 1

    old_visits = Visit.select(Visit.id).where(in_batch[Visit])
    # Later records keep their own data; they just no longer point at a purged visit.
    HandOut.update(visit=None).where(
        (HandOut.centre == c)
        & ~HandOut.business_date.in_(day_batch)
        & HandOut.visit.in_(old_visits)
    ).execute()
    SyringeReturn.update(visit=None).where(
        (SyringeReturn.centre == c)
        & ~SyringeReturn.business_date.in_(day_batch)
        & SyringeReturn.visit.in_(old_visits)
    ).execute()

    old_hand_outs = HandOut.select(HandOut.id).where(in_batch[HandOut])
    lines = HandOutLine.delete().where(HandOutLine.hand_out.in_(old_hand_outs)).execute()
    for _, model in (*DATED[1:], DATED[0]):  # visits last: others refer to them
        model.delete().where(in_batch[model]).execute()
    DayClose.update(purged_at=now).where(
        (DayClose.centre == c)
        & DayClose.business_date.in_(day_batch)
        & DayClose.reopened_at.is_null()
    ).execute()
    visitors = Visitor.delete().where(_unreferenced_visitors(c)).execute() if clean_visitors else 0
    counts.update(
        {
            "hand_out_lines": int(lines),
            "visitor_codes": int(visitors),
            "adjustments": adjustments,
        }
    )
    return counts
