"""A visitor's rights: see everything stored under a code, erase it, keep rows no longer
than needed.

A visitor code is a pseudonym, and pseudonymous data is still personal data.

- ``visitor_records``: every row stored under a code (visits, lunch, hand-outs,
  returns, Megafon sales, Dagsverket days, the visitor's own fields and the audit
  events about the code), for the person who gives their code and asks.
- ``erase_visitor``: everything stored under a code stops naming anyone. The visitor
  row (code, gender, birth year, vendor number) is deleted; every visit, lunch entry,
  hand-out, sale and attendance made under it becomes anonymous, as if made without a
  code, so every day's counts and the cash box stay as they are and a closed day's
  stored Z-report is not touched; free text (void and reopen reasons, audit details)
  loses every occurrence of the code; audit events about the visitor no longer point
  at it. The erasure itself is audited without the code. On SQLite, deleted bytes are
  overwritten (``secure_delete``, see db/connect.py) and the WAL is emptied, so the
  code is gone from the file, its WAL and its free pages.
- Retention: individual rows of closed days older than the ``retention_days``
  setting are purged (``purge.purge``) at the first sign-on of a business day and by
  ``frontdesk purge --retention``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from frontdesk import clock, db
from frontdesk.db.models import (
    AuditEvent,
    DagsverketAttendance,
    DayClose,
    HandOut,
    HandOutLine,
    LunchEntry,
    MegafonIssue,
    MegafonSale,
    Referral,
    Setting,
    SupplyItem,
    SyringeReturn,
    TrainingSession,
    Visit,
    Visitor,
)
from frontdesk.services import audit, days, store, validate
from frontdesk.services.actor import Actor, require_lead
from frontdesk.services.settings import get_settings
from frontdesk.services.visits import visitor_row

if TYPE_CHECKING:
    from frontdesk.services.purge import PurgePlan

# What an erased code is replaced with in free text (void reasons, audit details).
ERASED_MARK = "***"
_CODE_CHAR = "A-Za-z0-9ÆØÅæøå"


# -- access ------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitRecord:
    business_date: dt.date
    at: dt.datetime  # UTC
    local_time: str  # HH:MM in the centre's time zone
    gender: str
    voided: bool


@dataclass(frozen=True)
class LunchRecord:
    business_date: dt.date
    group: str
    portions: int
    served: bool
    voided: bool


@dataclass(frozen=True)
class HandOutRecord:
    business_date: dt.date
    local_time: str
    items: tuple[tuple[str, str, str, int], ...]  # (code, name_nb, name_en, quantity)
    for_others: bool
    naloxone_recipient: str | None
    naloxone_trained: bool | None
    voided: bool
    naloxone_reason: str | None = None  # issue 12: why a new kit, and after a use:
    naloxone_outcome: str | None = None  # the reported outcome
    naloxone_ems: str | None = None  # and whether emergency services were called


@dataclass(frozen=True)
class HelpRecord:
    """A referral or CPR training recorded from one of the visitor's visits (issue 12)."""

    business_date: dt.date
    local_time: str
    what: str  # referral | training
    kind: str  # vocab.REFERRAL_KINDS or vocab.TRAINING_KINDS
    voided: bool


@dataclass(frozen=True)
class ReturnRecord:
    business_date: dt.date
    local_time: str
    method: str  # counted | estimated
    count: int
    voided: bool


@dataclass(frozen=True)
class SaleRecord:
    business_date: dt.date
    local_time: str
    issue_number: str
    copies: int
    amount_ore: int
    payment: str
    voided: bool


@dataclass(frozen=True)
class AttendanceRecord:
    business_date: dt.date
    present: bool
    voided: bool


@dataclass(frozen=True)
class AuditRecord:
    at: dt.datetime  # UTC
    actor: str
    action: str


@dataclass(frozen=True)
class VisitorRecords:
    """Everything stored under one visitor code at one centre."""

    centre_code: str
    language: str  # the centre's language, for whoever shows this
    code: str
    registered_at: dt.datetime | None  # UTC
    gender: str
    birth_year: int | None
    dagsverket: bool
    vendor_number: int | None
    visits: tuple[VisitRecord, ...]
    lunch: tuple[LunchRecord, ...]
    hand_outs: tuple[HandOutRecord, ...]
    returns: tuple[ReturnRecord, ...]
    sales: tuple[SaleRecord, ...]
    dagsverket_days: tuple[AttendanceRecord, ...]
    audit_events: tuple[AuditRecord, ...]
    help: tuple[HelpRecord, ...] = ()  # referrals and training from the visitor's visits

    def counts(self) -> dict[str, int]:
        return {
            "visits": len(self.visits),
            "lunch_entries": len(self.lunch),
            "hand_outs": len(self.hand_outs),
            "syringe_returns": len(self.returns),
            "megafon_sales": len(self.sales),
            "dagsverket_attendance": len(self.dagsverket_days),
            "help": len(self.help),
        }


def _hhmm(at: dt.datetime, tz: str) -> str:
    return clock.local_time(clock.as_utc(at), tz).strftime("%H:%M")


def _centre_code(centre_id: int) -> str:
    from frontdesk.db.models import Centre

    return str(Centre.get_by_id(centre_id).code)


def _visit_ids(visitor_id: int) -> Any:
    return Visit.select(Visit.id).where(Visit.visitor == visitor_id)


def visitor_records(actor: Actor, code: str) -> VisitorRecords:
    """Every row stored under the code at the actor's centre (lead only), oldest first.

    Refuses an unknown code (NotFound; another centre's code is unknown here) and
    desk staff. Audited as ``visitor.show`` with the counts, never the code.
    """
    require_lead(actor, "see a visitor's records")
    settings = get_settings(actor.centre_id)
    tz = settings.timezone
    with store.write():
        row = visitor_row(actor.centre_id, code)
        v = row.id
        visits = tuple(
            VisitRecord(r.business_date, clock.as_utc(r.at), _hhmm(r.at, tz), r.gender,
                        r.voided_at is not None)
            for r in Visit.select().where(Visit.visitor == v).order_by(Visit.at, Visit.id)
        )  # fmt: skip
        lunch = tuple(
            LunchRecord(r.business_date, r.group, r.portions, r.served_at is not None,
                        r.voided_at is not None)
            for r in LunchEntry.select()
            .where(LunchEntry.visitor == v)
            .order_by(LunchEntry.business_date, LunchEntry.id)
        )  # fmt: skip
        hand_outs = tuple(_hand_outs(v, tz))
        returns = tuple(
            ReturnRecord(r.business_date, _hhmm(r.at, tz), r.method, r.count,
                         r.voided_at is not None)
            for r in SyringeReturn.select()
            .where(SyringeReturn.visit.in_(_visit_ids(v)))
            .order_by(SyringeReturn.at, SyringeReturn.id)
        )  # fmt: skip
        sales = tuple(
            SaleRecord(r.business_date, _hhmm(r.at, tz), r.issue.number, r.copies,
                       r.copies * r.unit_price_ore, r.payment, r.voided_at is not None)
            for r in MegafonSale.select(MegafonSale, MegafonIssue)
            .join(MegafonIssue)
            .where(MegafonSale.vendor == v)
            .order_by(MegafonSale.at, MegafonSale.id)
        )  # fmt: skip
        attendance = tuple(
            AttendanceRecord(r.business_date, bool(r.present), r.voided_at is not None)
            for r in DagsverketAttendance.select()
            .where(DagsverketAttendance.visitor == v)
            .order_by(DagsverketAttendance.business_date, DagsverketAttendance.id)
        )
        events = tuple(
            AuditRecord(clock.as_utc(r.at), r.actor, r.action)
            for r in AuditEvent.select()
            .where(_about_visitor(actor.centre_id, v))
            .order_by(AuditEvent.id)
        )
        records = VisitorRecords(
            centre_code=_centre_code(actor.centre_id),
            language=settings.language,
            code=row.code,
            registered_at=clock.as_utc(row.created_at) if row.created_at else None,
            gender=row.gender,
            birth_year=row.birth_year,
            dagsverket=bool(row.dagsverket),
            vendor_number=row.vendor_number,
            visits=visits,
            lunch=lunch,
            hand_outs=hand_outs,
            returns=returns,
            sales=sales,
            dagsverket_days=attendance,
            audit_events=events,
            help=_help(v, tz),
        )
        # Who looked, when, and how much they saw; never whose records they were.
        audit.record(actor, "visitor.show", None, None, **records.counts())
    return records


def _hand_outs(visitor_id: int, tz: str) -> list[HandOutRecord]:
    """Hand-outs to the visitor, or for one of the visitor's visits."""
    rows = list(
        HandOut.select()
        .where((HandOut.visitor == visitor_id) | HandOut.visit.in_(_visit_ids(visitor_id)))
        .order_by(HandOut.at, HandOut.id)
    )
    lines: dict[int, list[tuple[str, str, str, int]]] = {}
    if rows:
        query: Any = (
            HandOutLine.select(
                HandOutLine.hand_out,
                SupplyItem.code,
                SupplyItem.name_nb,
                SupplyItem.name_en,
                HandOutLine.quantity,
            )
            .join(SupplyItem)
            .where(HandOutLine.hand_out.in_([r.id for r in rows]))
            .order_by(HandOutLine.id)
            .tuples()
        )
        for hand_out_id, code, name_nb, name_en, quantity in query:
            lines.setdefault(hand_out_id, []).append((code, name_nb, name_en, int(quantity)))
    return [
        HandOutRecord(
            r.business_date,
            _hhmm(r.at, tz),
            tuple(lines.get(r.id, [])),
            bool(r.for_others),
            r.naloxone_recipient,
            r.naloxone_trained,
            r.voided_at is not None,
            r.naloxone_reason,
            r.naloxone_outcome,
            r.naloxone_ems,
        )
        for r in rows
    ]


def _help(visitor_id: int, tz: str) -> tuple[HelpRecord, ...]:
    """Referrals and training recorded from one of the visitor's visits, oldest first."""
    found = [
        (
            r.at,
            r.id,
            HelpRecord(r.business_date, _hhmm(r.at, tz), what, r.kind, r.voided_at is not None),
        )
        for what, model in (("referral", Referral), ("training", TrainingSession))
        for r in model.select().where(model.visit.in_(_visit_ids(visitor_id)))
    ]
    return tuple(record for _at, _id, record in sorted(found, key=lambda f: (f[0], f[1])))


def _about_visitor(centre_id: int, visitor_id: int) -> Any:
    return (
        (AuditEvent.centre == centre_id)
        & (AuditEvent.entity == "visitor")
        & (AuditEvent.entity_id == visitor_id)
    )


# -- erasure -----------------------------------------------------------------------


@dataclass(frozen=True)
class Erasure:
    """What an erasure changed (counts only: the code is gone)."""

    counts: dict[str, int]
    file_clean: bool  # SQLite: the WAL was emptied too (False: a reader held it; later)


def _links() -> list[tuple[str, Any, Any]]:
    """Every column that may point at a visitor (table name, model, field): all of them,
    also of tables added later, so an erasure never leaves one behind."""
    return [
        (field.model._meta.table_name, field.model, field)
        for field in sorted(Visitor._meta.backrefs, key=lambda f: f.model._meta.table_name)
    ]


def _free_text() -> list[tuple[Any, Any]]:
    """Free text a staff member typed, where a code may have been written: every void
    reason, reopen reasons and audit details."""
    from frontdesk.db.models import ALL_MODELS

    columns: list[tuple[Any, Any]] = [
        (model, model._meta.fields["void_reason"])
        for model in ALL_MODELS
        if "void_reason" in model._meta.fields
    ]
    return [*columns, (DayClose, DayClose.reopen_reason), (AuditEvent, AuditEvent.detail)]


def code_pattern(code: str) -> re.Pattern[str]:
    """The code as a whole word, in any case (not inside a longer word or code)."""
    return re.compile(rf"(?<![{_CODE_CHAR}]){re.escape(code)}(?![{_CODE_CHAR}])", re.IGNORECASE)


def scrub(text: str, code: str) -> str:
    """The text with every occurrence of the code (a whole word, any case) replaced."""
    return code_pattern(code).sub(ERASED_MARK, text)


# The counts' names, as `visitor_records` and the purge name them.
_COUNT_NAMES = {
    "visit": "visits",
    "lunch_entry": "lunch_entries",
    "hand_out": "hand_outs",
    "megafon_sale": "megafon_sales",
}


def erase_visitor(actor: Actor, code: str, reason: str) -> Erasure:
    """Erase everything stored under a visitor code at the actor's centre, in one transaction.

    The visitor row goes; every record made under the code stays as an anonymous record
    (every day's counts, stock and cash are unchanged; closed days' Z-reports are not
    touched); the code is removed from free text and audit details. Lead only; refuses
    an unknown code (another centre's code is unknown here) and an empty reason. Audited
    as ``visitor.erase`` with the reason (the code taken out of it) and the counts.
    """
    require_lead(actor, "erase a visitor's records")
    reason = validate.reason(reason)
    with store.write():
        days.lock_centre(actor.centre_id, exclusive=False)  # a day close waits, or goes first
        row = visitor_row(actor.centre_id, code)
        if db.is_postgres():
            # A check-in under the code waits for the erasure, then finds the code unknown.
            Visitor.select(Visitor.id).where(Visitor.id == row.id).for_update().execute()
        stored_code = str(row.code)
        # A closed day that held the code's records can never be reopened: closing it again
        # would recount it without them (the stored Z-report is final, as after a purge).
        erased_days: set[dt.date] = set()
        for _table, model, link in _links():
            if hasattr(model, "business_date"):
                erased_days.update(
                    d for (d,) in model.select(model.business_date).where(link == row.id).tuples()
                )
        if erased_days:
            DayClose.update(purged_at=clock.to_db(clock.utcnow())).where(
                (DayClose.centre == actor.centre_id)
                & DayClose.business_date.in_(sorted(erased_days))
                & DayClose.reopened_at.is_null()
                & DayClose.purged_at.is_null()
            ).execute()
        counts: dict[str, int] = {}
        for table, model, link in _links():
            counts[_COUNT_NAMES.get(table, table)] = int(
                model.update({link: None}).where(link == row.id).execute()
            )
        counts["texts_scrubbed"] = _scrub_free_text(actor.centre_id, stored_code)
        # Old events about the visitor stay (what happened, when, by whom) but point nowhere:
        # a later visitor may get the same row id.
        AuditEvent.update(entity_id=None).where(_about_visitor(actor.centre_id, row.id)).execute()
        Visitor.delete().where(Visitor.id == row.id).execute()
        audit.record(
            actor, "visitor.erase", None, None, reason=scrub(reason, stored_code), **counts
        )
    return Erasure(counts, db.truncate_wal())


def _scrub_free_text(centre_id: int, code: str) -> int:
    """Replace the code in every free-text column of the centre; returns the rows changed."""
    pattern = code_pattern(code)
    changed = 0
    for model, column in _free_text():
        # LIKE narrows it down (any case for ASCII; both cases spelled out for ÆØÅ).
        maybe = column.contains(code) | column.contains(code.lower())
        rows: Any = (
            model.select(model.id, column)
            .where((model.centre == centre_id) & column.is_null(False) & maybe)
            .tuples()
        )
        for row_id, text in list(rows):
            new = pattern.sub(ERASED_MARK, text)
            if new != text:
                model.update({column: new}).where(model.id == row_id).execute()
                changed += 1
    return changed


# -- retention ---------------------------------------------------------------------

# The state of retention, beside the centre's settings (not a setting: no one sets it).
RETENTION_RAN_KEY = "retention_last_run"


@dataclass(frozen=True)
class RetentionRun:
    before: dt.date | None  # rows of closed days before this date were purged (None: off)
    purged: PurgePlan | None  # what went (None: retention is off)
    at: dt.datetime  # UTC


def retention_last_run(centre_id: int) -> dt.datetime | None:
    """When retention last ran at the centre (UTC), or None if never."""
    row = Setting.get_or_none((Setting.centre == centre_id) & (Setting.key == RETENTION_RAN_KEY))
    if row is None:
        return None
    try:
        return dt.datetime.fromisoformat(json.loads(row.value)["at"]).replace(tzinfo=dt.UTC)
    except (ValueError, KeyError, TypeError):
        return None


def retention_before(centre_id: int, today: dt.date | None = None) -> dt.date | None:
    """Rows of closed days before this date are past the retention (None: retention off).

    An earlier day that was never closed stops it there: its rows and the ones after stay
    until it is closed (purge never removes rows a Z-report has not counted).
    """
    from frontdesk.services import purge

    keep = get_settings(centre_id).retention_days
    if keep == 0:
        return None
    today = today or days.today(centre_id)
    return purge.purgeable_before(centre_id, today - dt.timedelta(days=keep))


def retention_due(centre_id: int) -> bool:
    """Whether retention has not yet run on the centre's current business day."""
    if get_settings(centre_id).retention_days == 0:
        return False
    last = retention_last_run(centre_id)
    return last is None or days.today(centre_id, last) < days.today(centre_id)


class _Stopped(Exception):
    """The caller asked retention to stop (e.g. the desk app is quitting)."""


def apply_retention(
    centre_id: int,
    *,
    only_if_due: bool = False,
    keep_going: Callable[[], bool] | None = None,
) -> RetentionRun | None:
    """Purge the centre's individual rows of closed days older than ``retention_days``.

    With ``only_if_due`` (the desk's first sign-on of a business day) it runs once per
    business day: the first caller marks the day, in one short transaction, and others
    return None. The purge itself is ``purge.purge`` (batches, audit events, balancing
    stock, purged days marked): the same guarantees as ``frontdesk purge``. When
    ``keep_going()`` turns false it stops after the batch in hand (``purged`` is then
    None); the next run finishes the rest.
    """
    from frontdesk.services import purge
    from frontdesk.services.centre import CentreInfo

    now = clock.utcnow()
    if only_if_due and not retention_due(centre_id):
        return None  # the usual answer at a sign-on: one small read
    before = retention_before(centre_id)  # reads many rows: outside the write lock
    with store.write():
        if only_if_due and not retention_due(centre_id):
            return None  # another desk signed on meanwhile and runs it
        value = json.dumps({"at": clock.to_db(now).isoformat(), "before": str(before)})
        if (
            Setting.update(value=value)
            .where((Setting.centre == centre_id) & (Setting.key == RETENTION_RAN_KEY))
            .execute()
            == 0
        ):
            Setting.create(centre=centre_id, key=RETENTION_RAN_KEY, value=value)
    if before is None:
        return RetentionRun(None, None, now)
    from frontdesk.db.models import Centre

    def step(_done: int, _total: int) -> None:
        if keep_going is not None and not keep_going():
            raise _Stopped  # after a committed batch: every day purged or untouched

    centre = Centre.get_by_id(centre_id)
    try:
        done = purge.purge([CentreInfo(centre.id, centre.code, centre.name)], before, step)
    except _Stopped:
        return RetentionRun(before, None, now)
    return RetentionRun(before, done, now)
