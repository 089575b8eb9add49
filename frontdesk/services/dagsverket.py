"""Dagsverket attendance: which enrolled participants work today.

A participant marked present is put on the lunch roster once, automatically
(source "dagsverket"); marked absent, that automatic entry is voided. One
attendance row per participant and day, updated rather than added twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from peewee import JOIN

from frontdesk import clock
from frontdesk.db.models import DagsverketAttendance, LunchEntry, Staff, Visitor
from frontdesk.errors import BadInput, NotFound
from frontdesk.services import audit, days, lunch, records, store, validate
from frontdesk.services.actor import Actor
from frontdesk.services.records import void_row
from frontdesk.services.visits import visitor_row

ABSENT_REASON = "absent"


@dataclass(frozen=True)
class ParticipantInfo:
    code: str
    present: bool
    # when and by whom the attendance was marked (shown when voiding it; not its identity)
    at: dt.datetime | None = field(default=None, compare=False)
    marked_by: str | None = field(default=None, compare=False)


def participants(centre_id: int, business_date: dt.date | None = None) -> list[ParticipantInfo]:
    """Enrolled participants (visitors with Dagsverket) by code, and whether present on the day."""
    day = business_date or days.today(centre_id)
    attendance = DagsverketAttendance.alias()
    rows = (
        Visitor.select(Visitor.code, attendance.present, attendance.at, Staff.initials)
        .join(
            attendance,
            JOIN.LEFT_OUTER,
            on=(
                (attendance.visitor == Visitor.id)
                & (attendance.centre == centre_id)
                & (attendance.business_date == day)
                & attendance.voided_at.is_null()
            ),
        )
        .join(Staff, JOIN.LEFT_OUTER, on=(attendance.staff == Staff.id))
        .where((Visitor.centre == centre_id) & (Visitor.dagsverket == True))  # noqa: E712
        .order_by(Visitor.code)
        .tuples()
    )
    return [
        ParticipantInfo(
            code,
            bool(present),
            clock.as_utc(at) if at is not None else None,
            (initials or "cli") if at is not None else None,
        )
        for code, present, at, initials in cast(Any, rows)
    ]


def _participant(actor: Actor, code: str) -> Visitor:
    visitor = visitor_row(actor.centre_id, code)
    if not visitor.dagsverket:
        raise BadInput("error.dagsverket.dagsverket_participant", code=visitor.code)
    return visitor


def _attendance(actor: Actor, visitor: Visitor, business_date: dt.date) -> Any:
    """The participant's attendance row of the day that is not voided, or None."""
    return DagsverketAttendance.get_or_none(
        (DagsverketAttendance.centre == actor.centre_id)
        & (DagsverketAttendance.business_date == business_date)
        & (DagsverketAttendance.visitor == visitor.id)
        & DagsverketAttendance.voided_at.is_null()
    )


def _set_attendance(actor: Actor, visitor: Visitor, stamp: days.Stamp, present: bool) -> int:
    row = _attendance(actor, visitor, stamp.business_date)
    if row is None:
        row = records.stamped(
            actor,
            stamp,
            DagsverketAttendance,
            visitor=visitor.id,
            present=present,
        )
    elif row.present != present:
        DagsverketAttendance.update(present=present, at=stamp.at, staff=actor.staff_id).where(
            DagsverketAttendance.id == row.id
        ).execute()
    return int(row.id)


def mark_present(actor: Actor, code: str, business_date: dt.date | None = None) -> ParticipantInfo:
    """Mark a participant present today and put them on the lunch roster once.

    Someone already on today's roster (by hand or earlier) is not added again.
    Refuses an unknown code, a visitor who is not a participant and a closed day.
    """
    with store.write():
        st = days.stamp_on(actor, business_date)
        visitor = _participant(actor, code)
        lunch.serialise_additions(actor.centre_id)
        attendance_id = _set_attendance(actor, visitor, st, present=True)
        entry = lunch.active_entry_for_visitor(actor.centre_id, st.business_date, visitor.id)
        added = entry is None
        if entry is None:
            entry = lunch.create_visitor_entry(actor, visitor, st, source="dagsverket")
        audit.record(
            actor,
            "dagsverket.present",
            "dagsverket_attendance",
            attendance_id,
            lunch_entry=entry.id,
            lunch_added=added,
            **st.detail,
        )
    return ParticipantInfo(visitor.code, True)


def mark_absent(actor: Actor, code: str, business_date: dt.date | None = None) -> ParticipantInfo:
    """Mark a participant absent today; voids their automatic lunch entry (reason "absent").

    An entry added by hand stays. Refuses an unknown code, a visitor who is
    not a participant and a closed day.
    """
    with store.write():
        st = days.stamp_on(actor, business_date)
        visitor = _participant(actor, code)
        attendance_id = _set_attendance(actor, visitor, st, present=False)
        voided = _void_automatic_lunch(actor, visitor, st.business_date, ABSENT_REASON)
        audit.record(
            actor,
            "dagsverket.absent",
            "dagsverket_attendance",
            attendance_id,
            lunch_voided=voided,
            **st.detail,
        )
    return ParticipantInfo(visitor.code, False)


def _void_automatic_lunch(
    actor: Actor, visitor: Any, business_date: dt.date, reason: str
) -> list[int]:
    """Void the lunch entries a participant's presence put on the roster (not those added
    by hand); returns their ids. Inside the caller's transaction."""
    automatic = LunchEntry.select(LunchEntry.id).where(
        (LunchEntry.centre == actor.centre_id)
        & (LunchEntry.business_date == business_date)
        & (LunchEntry.visitor == visitor.id)
        & (LunchEntry.source == "dagsverket")
        & LunchEntry.voided_at.is_null()
    )
    voided = [entry.id for entry in automatic]
    lunch.void_entries(actor, voided, reason)
    return voided


def void_attendance(
    actor: Actor, code: str, reason: str, business_date: dt.date | None = None
) -> ParticipantInfo:
    """Void today's (or, a correction, an earlier open day's) attendance of a participant marked present by mistake, with a reason.

    The attendance stays, marked voided, and counts nowhere; the automatic lunch
    entry it made is voided with it (an entry added by hand stays). Refuses a
    missing reason, an unknown code, a visitor who is not a participant, a
    participant not marked present today and a closed day.
    """
    reason = validate.reason(reason)
    with store.write():
        st = days.stamp_on(actor, business_date)
        visitor = _participant(actor, code)
        row = _attendance(actor, visitor, st.business_date)
        not_present = NotFound("error.dagsverket.marked_present_today", code=visitor.code)
        if row is None or not row.present:
            raise not_present
        void_row(
            actor,
            DagsverketAttendance,
            row.id,
            reason,
            missing=not_present,
            already=not_present,
        )
        voided = _void_automatic_lunch(actor, visitor, st.business_date, reason)
        audit.record(
            actor,
            "dagsverket.void",
            "dagsverket_attendance",
            row.id,
            reason=reason,
            lunch_voided=voided,
            **st.detail,
        )
    return ParticipantInfo(visitor.code, False)
