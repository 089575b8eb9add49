"""The lunch roster: who is down for lunch today, who has been served, portions per group.

Visitors, Dagsverket participants and staff are on the roster by name (code or
initials), once per day; guests and anonymous visitors as a count of
portions. A removed entry is voided with a reason: it stays on the roster,
marked, and counts nowhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from peewee import JOIN

from frontdesk import clock, db
from frontdesk.db.models import LunchEntry, Staff, Visitor
from frontdesk.errors import BadInput, NotFound
from frontdesk.services import audit, days, records, store, validate
from frontdesk.services.actor import Actor
from frontdesk.services.records import void_row
from frontdesk.services.staff import normalise_initials
from frontdesk.services.tally import lunch_group_of
from frontdesk.services.visits import find_visitors, visitor_row
from frontdesk.services.vocab import LUNCH_GROUPS

MAX_PORTIONS = 200
# Any constant, the same in every process: serialises roster additions per centre.
_ADVISORY_LOCK_KEY = 0x4C554E43  # "LUNC"


@dataclass(frozen=True)
class LunchEntryInfo:
    id: int
    group: str
    label: str
    portions: int
    served: bool
    voided: bool
    source: str
    # when and by whom it was added (shown when removing it; not its identity)
    at: dt.datetime | None = field(default=None, compare=False)
    added_by: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Roster:
    business_date: dt.date
    entries: list[LunchEntryInfo]
    portions: dict[str, int]
    served: dict[str, int]
    total: int


def _info(row: LunchEntry, label: str | None) -> LunchEntryInfo:
    return LunchEntryInfo(
        id=row.id,
        group=row.group,
        label=label or "",
        portions=row.portions,
        served=row.served_at is not None,
        voided=row.voided_at is not None,
        source=row.source,
        at=clock.as_utc(row.at),
    )


def serialise_additions(centre_id: int) -> None:
    """Let one roster addition at a time check "once per day" (inside the transaction).

    SQLite's BEGIN IMMEDIATE already serialises writers; on PostgreSQL two
    desks could otherwise both see no entry and both add one.
    """
    if db.is_postgres():
        db.database.execute_sql(
            "SELECT pg_advisory_xact_lock(%s, %s)", (_ADVISORY_LOCK_KEY, centre_id)
        )


def active_entry_for_visitor(
    centre_id: int, business_date: dt.date, visitor_id: int
) -> LunchEntry | None:
    """The visitor's non-voided roster entry of the day, if any."""
    entry: LunchEntry | None = (
        LunchEntry.select()
        .where(
            (LunchEntry.centre == centre_id)
            & (LunchEntry.business_date == business_date)
            & (LunchEntry.visitor == visitor_id)
            & LunchEntry.voided_at.is_null()
        )
        .first()
    )
    return entry


def create_visitor_entry(
    actor: Actor, visitor: Visitor, stamp: days.Stamp, source: str = "desk"
) -> LunchEntry:
    """Put a visitor on the roster (inside the caller's transaction, no checks)."""
    return records.stamped(
        actor,
        stamp,
        LunchEntry,
        group="dagsverket" if visitor.dagsverket else "visitor",
        visitor=visitor.id,
        portions=1,
        source=source,
    )


def add_visitor(actor: Actor, code: str, business_date: dt.date | None = None) -> LunchEntryInfo:
    """Put a visitor on today's roster (group Dagsverket for a participant).

    Refuses an unknown code, a visitor already on the day's roster and a closed
    day. An earlier ``business_date`` is a correction (``days.stamp_on``).
    """
    with store.write():
        st = days.stamp_on(actor, business_date)
        visitor = visitor_row(actor.centre_id, code)
        serialise_additions(actor.centre_id)
        if active_entry_for_visitor(actor.centre_id, st.business_date, visitor.id):
            raise BadInput("error.lunch.already_on_roster", who=visitor.code)
        row = create_visitor_entry(actor, visitor, st)
        audit.record(
            actor, "lunch.add", "lunch_entry", row.id, group=row.group, portions=1, **st.detail
        )
    return _info(row, visitor.code)


def add_visitor_by_prefix(
    actor: Actor, typed: str, business_date: dt.date | None = None
) -> LunchEntryInfo:
    """Put a visitor on today's roster by code or by the start of one code (as at check-in).

    The exact code wins; else the one code starting with ``typed``. Refuses a
    start that several codes share (naming them), and what ``add_visitor`` refuses.
    """
    text = str(typed or "").strip().upper()
    matches = find_visitors(actor.centre_id, text, limit=4)
    codes = [m.code for m in matches]
    if text in codes or len(codes) != 1:
        if text not in codes and len(codes) > 1:
            listed = ", ".join(codes[:3]) + (", …" if len(codes) > 3 else "")
            raise BadInput("error.lunch.several_codes_start_type", text=text, listed=listed)
        return add_visitor(actor, text, business_date)
    return add_visitor(actor, codes[0], business_date)


def add_staff(actor: Actor, initials: str, business_date: dt.date | None = None) -> LunchEntryInfo:
    """Put a staff member on today's roster by initials.

    Refuses unknown initials, a member already on the day's roster and a closed
    day. An earlier ``business_date`` is a correction (``days.stamp_on``).
    """
    initials = normalise_initials(initials)
    with store.write():
        st = days.stamp_on(actor, business_date)
        member = Staff.get_or_none((Staff.centre == actor.centre_id) & (Staff.initials == initials))
        if member is None:
            raise NotFound("error.lunch.no_staff_member_initials", initials=initials)
        serialise_additions(actor.centre_id)
        already = (
            LunchEntry.select(LunchEntry.id)
            .where(
                (LunchEntry.centre == actor.centre_id)
                & (LunchEntry.business_date == st.business_date)
                & (LunchEntry.staff_member == member.id)
                & LunchEntry.voided_at.is_null()
            )
            .exists()
        )
        if already:
            raise BadInput("error.lunch.already_on_roster", who=initials)
        row = records.add(
            actor,
            st,
            LunchEntry,
            "lunch.add",
            {"group": "staff", "portions": 1},
            group="staff",
            staff_member=member.id,
            portions=1,
            source="desk",
        )
    return _info(row, initials)


def _check_portions(portions: int) -> int:
    return validate.in_range(
        portions,
        1,
        MAX_PORTIONS,
        "portions",
        "porsjonene",
        sentence="error.lunch.portions_range",
        sentence_params={"high": MAX_PORTIONS},
    )


def _add_count(
    actor: Actor, group: str, portions: int, business_date: dt.date | None
) -> LunchEntryInfo:
    portions = _check_portions(portions)
    with store.write():
        st = days.stamp_on(actor, business_date)
        row = records.add(
            actor,
            st,
            LunchEntry,
            "lunch.add",
            {"group": group, "portions": portions},
            group=group,
            portions=portions,
            source="desk",
        )
    return _info(row, "")


def add_guests(
    actor: Actor, portions: int = 1, business_date: dt.date | None = None
) -> LunchEntryInfo:
    """Add guest portions (1–200) to today's roster (or, a correction, an earlier open day's);
    refuses a closed day."""
    return _add_count(actor, "guest", portions, business_date)


def add_anonymous(
    actor: Actor, portions: int = 1, business_date: dt.date | None = None
) -> LunchEntryInfo:
    """Add anonymous visitor portions (1–200, no code) to today's roster (or, a correction,
    an earlier open day's); refuses a closed day."""
    return _add_count(actor, "visitor", portions, business_date)


def _entry_rows(where: Any) -> Any:
    """Entries with their label, as tuples (id, business_date, info fields…) in insertion order."""
    member = Staff.alias()
    added_by = Staff.alias()
    return (
        LunchEntry.select(
            LunchEntry.id,
            LunchEntry.business_date,
            LunchEntry.group,
            Visitor.code,
            member.initials,
            LunchEntry.portions,
            LunchEntry.served_at,
            LunchEntry.voided_at,
            LunchEntry.source,
            LunchEntry.at,
            added_by.initials,
        )
        .join(Visitor, JOIN.LEFT_OUTER, on=(LunchEntry.visitor == Visitor.id))
        .switch(LunchEntry)
        .join(member, JOIN.LEFT_OUTER, on=(LunchEntry.staff_member == member.id))
        .switch(LunchEntry)
        .join(added_by, JOIN.LEFT_OUTER, on=(LunchEntry.staff == added_by.id))
        .where(where)
        .order_by(LunchEntry.id)
        .tuples()
    )


def _tuple_info(values: tuple[Any, ...]) -> tuple[dt.date, LunchEntryInfo]:
    entry_id, day, group, code, initials, portions, served_at, voided_at, source, at, by = values
    info = LunchEntryInfo(
        id=entry_id,
        group=group,
        label=code or initials or "",
        portions=portions,
        served=served_at is not None,
        voided=voided_at is not None,
        source=source,
        at=clock.as_utc(at) if at is not None else None,
        added_by=by or "cli",
    )
    return day, info


def _open_entry(actor: Actor, entry_id: int) -> LunchEntryInfo:
    """The centre's entry (NotFound otherwise), refusing one of a closed day."""
    found = _entry_rows(
        (LunchEntry.id == entry_id) & (LunchEntry.centre == actor.centre_id)
    ).first()
    if found is None:
        raise _no_entry(entry_id)
    day, info = _tuple_info(found)
    days.ensure_open(actor.centre_id, day)
    return info


def mark_served(actor: Actor, entry_id: int, served: bool = True) -> LunchEntryInfo:
    """Mark a roster entry served (or, with ``served=False``, not served).

    Refuses an unknown or removed entry and an entry of a closed day.
    """
    served = bool(served)
    with store.write():
        info = _open_entry(actor, entry_id)
        if info.voided:
            raise BadInput("error.lunch.lunch_entry_been_removed")
        if served != info.served:
            # Served twice keeps the first time it was served.
            served_at = clock.to_db(clock.utcnow()) if served else None
            LunchEntry.update(served_at=served_at).where(LunchEntry.id == info.id).execute()
        audit.record(actor, "lunch.served", "lunch_entry", info.id, served=served)
    return replace(info, served=served)


def remove(actor: Actor, entry_id: int, reason: str) -> LunchEntryInfo:
    """Remove (void) a roster entry with a reason: it stays listed, marked, and counts nowhere.

    Refuses a missing reason, an unknown entry, one already removed and an
    entry of a closed day.
    """
    reason = validate.reason(reason)
    with store.write():
        row = _void_entry(actor, entry_id, reason)
        audit.record(actor, "lunch.remove", "lunch_entry", row.id, reason=reason)
        found = _entry_rows(LunchEntry.id == row.id).first()
    return _tuple_info(found)[1]


def _no_entry(entry_id: object) -> NotFound:
    return NotFound("error.lunch.no_lunch_entry", entry_id=entry_id)


def _already_removed() -> BadInput:
    return BadInput("error.lunch.lunch_entry_already_been")


def void_entries(actor: Actor, entry_ids: list[int], reason: str) -> None:
    """Void entries that are not voided yet (inside the caller's transaction), each through
    ``records.void_row`` like every other void."""
    for entry_id in entry_ids:
        _void_entry(actor, entry_id, reason)


def _void_entry(actor: Actor, entry_id: int, reason: str) -> Any:
    """One entry voided through ``records.void_row``, refused with the roster's own words."""
    return void_row(
        actor, LunchEntry, entry_id, reason, missing=_no_entry(entry_id), already=_already_removed()
    )


def roster(centre_id: int, business_date: dt.date | None = None) -> Roster:
    """A day's roster in the order entries were added (removed ones included, marked),
    with the portions and served portions per group the kitchen needs.
    """
    day = business_date or days.today(centre_id)
    entries = [
        _tuple_info(values)[1]
        for values in _entry_rows(
            (LunchEntry.centre == centre_id) & (LunchEntry.business_date == day)
        )
    ]
    # Grouped as the Z-report groups them: an entry of an unknown group counts as a guest.
    portions = dict.fromkeys(LUNCH_GROUPS, 0)
    served = dict.fromkeys(LUNCH_GROUPS, 0)
    for entry in entries:
        if entry.voided:
            continue
        group = lunch_group_of(entry.group)
        portions[group] += entry.portions
        if entry.served:
            served[group] += entry.portions
    return Roster(day, entries, portions, served, sum(portions.values()))
