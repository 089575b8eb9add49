"""Day close: the X-report (running tally), the Z-report (close a day) and reopening.

A shift lead closes a business day: the day's tally is computed once and
stored with the counted cash, the expected cash (Megafon cash sales), the
difference, Megafon sales per staff member and payment method, and the grand
total of sales since the centre started. Z numbers run per centre without gaps
or duplicates. A closed day is read-only (``days.ensure_open``) until a lead
reopens it with their PIN and a reason; closing it again stores a new version
under the same Z number and keeps the old one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from peewee import fn

from frontdesk import clock, db, i18n
from frontdesk.db.models import (
    DATED_MODELS,
    Centre,
    DayClose,
    Staff,
)
from frontdesk.errors import BadInput, NeedsSecondLead, NotFound
from frontdesk.services import audit, days, money, staff, store, tally, validate
from frontdesk.services.actor import Actor, require_lead
from frontdesk.services.settings import get_settings
from frontdesk.services.tally import DayTally, StaffSales
from frontdesk.services.vocab import DENOMINATIONS_ORE

# How far back the desk looks for days left open (a little over a year).
OPEN_DAYS_LOOKBACK = 400


@dataclass(frozen=True)
class ZReport:
    """One stored version of a day's Z-report."""

    centre_id: int
    business_date: dt.date
    z_no: int
    version: int
    tally: DayTally
    expected_cash_ore: int
    counted_cash_ore: int
    diff_ore: int
    sales_by_staff: tuple[StaffSales, ...]
    grand_total_ore: int
    closed_at: dt.datetime
    closed_by: str  # staff initials, or "cli"
    revenue_ore: int = 0
    reopened_at: dt.datetime | None = None
    reopened_by: str | None = None
    reopen_reason: str | None = None
    diff_approved_by: str | None = None  # the second lead who approved a big cash difference
    diff_reason: str | None = None
    denominations: tuple[tuple[int, int], ...] = ()  # (coin or note in øre, how many)

    @property
    def reopened(self) -> bool:
        return self.reopened_at is not None


# -- reports -----------------------------------------------------------------


def x_report(actor: Actor, business_date: dt.date | None = None) -> DayTally:
    """The running tally of a day (default today), for anyone signed on; audited."""
    day = business_date or days.today(actor.centre_id)
    with store.write():
        result = tally.compute_day(actor.centre_id, day)
        audit.record(actor, "report.x", "day", None, business_date=day.isoformat())
    return result


# The largest integer both databases store in an INTEGER column.
MAX_STORED_INT = 2**31 - 1


def z_report(actor: Actor, business_date: dt.date, version: int | None = None) -> ZReport:
    """Show one stored version of a day's Z-report (default the latest); audited.

    Refuses a day that was never closed, and a version the day does not have.
    """
    with store.write():
        query = DayClose.select().where(
            (DayClose.centre == actor.centre_id) & (DayClose.business_date == business_date)
        )
        if version is not None:
            # A number no column can hold is no version either (SQLite overflows on it).
            in_range = 1 <= version <= MAX_STORED_INT
            query = query.where(DayClose.version == (version if in_range else 0))
        row = query.order_by(DayClose.version.desc()).first()
        if row is None and version is not None:
            day = business_date.isoformat()
            raise NotFound("error.dayclose.day_no_z_report", day=day, version=version)
        if row is None:
            day = business_date.isoformat()
            raise NotFound("error.dayclose.day_been_closed_no", day=day)
        audit.record(
            actor,
            "report.z",
            "day_close",
            row.id,
            business_date=business_date.isoformat(),
            z_no=row.z_no,
            version=row.version,
        )
        return _z_info(row)


def z_reports(centre_id: int, limit: int = 30) -> list[ZReport]:
    """The centre's Z-reports, newest Z number first: the latest version of each day."""
    newer = DayClose.alias()
    has_newer = fn.EXISTS(
        newer.select(newer.id).where(
            (newer.centre == DayClose.centre)
            & (newer.business_date == DayClose.business_date)
            & (newer.version > DayClose.version)
        )
    )
    rows = (
        DayClose.select()
        .where((DayClose.centre == centre_id) & ~has_newer)
        .order_by(DayClose.z_no.desc(), DayClose.business_date.desc())
        .limit(limit)
    )
    return _z_infos(list(rows))


def current_z(centre_id: int, business_date: dt.date) -> ZReport | None:
    """The Z-report that closes the day now (not audited: it is what the screen shows), or None."""
    row = DayClose.get_or_none(
        (DayClose.centre == centre_id)
        & (DayClose.business_date == business_date)
        & DayClose.reopened_at.is_null()
    )
    return _z_info(row) if row is not None else None


def z_versions(centre_id: int, limit: int = 60) -> list[ZReport]:
    """Every stored version of the centre's Z-reports, newest Z number first, then newest
    version first: a reopened day shows each closing with its reopen reason, lead and time.
    """
    rows = (
        DayClose.select()
        .where(DayClose.centre == centre_id)
        .order_by(DayClose.z_no.desc(), DayClose.business_date.desc(), DayClose.version.desc())
        .limit(limit)
    )
    return _z_infos(list(rows))


def open_days_before(centre_id: int, business_date: dt.date | None = None) -> list[dt.date]:
    """Earlier business days (before the given day, default today) with activity, not closed.

    Looks back about a year: one UNION of each table's dates, read off its
    (centre, business_date) index.
    """
    before = business_date or days.today(centre_id)
    since = before - dt.timedelta(days=OPEN_DAYS_LOOKBACK)
    query: Any = None
    for model in DATED_MODELS:
        part = model.select(model.business_date).where(
            (model.centre == centre_id)
            & (model.business_date >= since)
            & (model.business_date < before)
        )
        query = part if query is None else query | part  # UNION
    active = {validate.date(value) for (value,) in query.tuples()} if query is not None else set()
    closed_rows: Any = (
        DayClose.select(DayClose.business_date)
        .where(
            (DayClose.centre == centre_id)
            & (DayClose.business_date >= since)
            & (DayClose.business_date < before)
            & DayClose.reopened_at.is_null()
        )
        .tuples()
    )
    closed = {validate.date(value) for (value,) in closed_rows}
    return sorted(active - closed)


# -- close and reopen ----------------------------------------------------------


# A desk's cash box never holds a million kroner; more is a typing mistake.
MAX_COUNTED_CASH_ORE = 100_000_000


def _amount(ore: int) -> i18n.ByLanguage:
    """An amount in a sentence, written as each language writes money."""
    return i18n.ByLanguage(**{lang: money.nok_text(ore, lang) for lang in i18n.languages()})


def _check_denominations(
    denominations: Mapping[int, int] | None, counted_cash_ore: int
) -> tuple[tuple[int, int], ...]:
    """A count by coin and note: each a known one, 0–100000 of it, adding up to the counted."""
    if not denominations:
        return ()
    clean = []
    for value, pieces in sorted(denominations.items()):
        if value not in DENOMINATIONS_ORE:
            raise BadInput("error.dayclose.not_a_coin", value=validate.shown(value, 12))
        pieces = validate.in_range(pieces, 0, 100_000, "number of coins or notes", "Antallet")
        if pieces:
            clean.append((value, pieces))
    total = sum(value * pieces for value, pieces in clean)
    if total != counted_cash_ore:
        raise BadInput("error.dayclose.pieces_add_up")
    return tuple(clean)


def _second_lead(
    actor: Actor, initials: str | None, pin: str | None, reason: str | None
) -> tuple[Actor | None, str | None]:
    """The second lead's sign-off on a cash difference, checked before the close's
    transaction (a wrong PIN is counted and audited like at sign-on)."""
    if validate.blank(initials) and validate.blank(pin):
        return None, None
    reason = validate.reason(reason)
    approver = staff.lead_actor(
        actor.centre_id, str(initials or ""), str(pin or ""), "approve a cash difference"
    )
    if actor.staff_id is not None and approver.staff_id == actor.staff_id:
        raise BadInput("error.dayclose.second_lead_other")
    return approver, reason


def close_day(
    actor: Actor,
    counted_cash_ore: int,
    business_date: dt.date | None = None,
    *,
    approver_initials: str | None = None,
    approver_pin: str | None = None,
    diff_reason: str | None = None,
    denominations: Mapping[int, int] | None = None,
) -> ZReport:
    """Close a business day (default today) with the counted cash: the Z-report.

    Lead only. The expected cash is float + cash sales + pay-ins − pay-outs. A
    difference beyond the setting ``cash_diff_limit_ore`` needs a second shift
    lead's initials and PIN and a reason (``NeedsSecondLead`` without them);
    both are stored on the Z-report. ``denominations`` (øre value → how many)
    is the count by coin and note and must add up to the counted cash. Refuses
    counted cash that is not a whole number of øre ≥ 0, a day that has not
    started yet, and a day that is already closed. A day closed again after a
    reopen keeps its Z number under a new version.
    """
    require_lead(actor, "close the day")
    counted_cash_ore = validate.in_range(
        counted_cash_ore,
        0,
        MAX_COUNTED_CASH_ORE,
        "counted cash",
        "opptalt kontant",
        sentence="error.dayclose.counted_cash_must_whole",
    )
    pieces = _check_denominations(denominations, counted_cash_ore)
    approver, approved_reason = _second_lead(actor, approver_initials, approver_pin, diff_reason)
    today = days.today(actor.centre_id)
    day = business_date or today
    if day > today:
        raise BadInput("error.dayclose.day_started_yet_cannot", day=day.isoformat())
    first = first_day(actor.centre_id)
    if day < first:
        raise BadInput(
            "error.dayclose.day_before_centre_s", day=day.isoformat(), first_day=first.isoformat()
        )
    with store.write():
        # Writers take the centre row FOR SHARE (days.ensure_open): nothing is
        # written on this day while we tally it, and Z numbers cannot race.
        days.lock_centre(actor.centre_id, exclusive=True)
        previous = (
            DayClose.select()
            .where((DayClose.centre == actor.centre_id) & (DayClose.business_date == day))
            .order_by(DayClose.version.desc())
            .first()
        )
        if previous is not None and previous.reopened_at is None:
            raise BadInput(
                "error.dayclose.day_already_closed_z", day=day.isoformat(), z_no=previous.z_no
            )
        if previous is not None:
            z_no, version = previous.z_no, previous.version + 1
        else:
            top = DayClose.select(fn.MAX(DayClose.z_no)).where(DayClose.centre == actor.centre_id)
            z_no, version = int(top.scalar() or 0) + 1, 1
        result = tally.compute_day(actor.centre_id, day)
        revenue_ore = result.get("megafon.revenue_ore")
        expected_ore = result.expected_cash_ore
        diff_ore = counted_cash_ore - expected_ore
        limit_ore = get_settings(actor.centre_id).cash_diff_limit_ore
        if abs(diff_ore) > limit_ore and approver is None:
            raise NeedsSecondLead(
                "error.dayclose.needs_second_lead",
                diff=_amount(diff_ore),
                limit=_amount(limit_ore),
            )
        earlier_ore = (
            DayClose.select(fn.SUM(DayClose.revenue_ore))
            .where(
                (DayClose.centre == actor.centre_id)
                & (DayClose.business_date < day)
                & DayClose.reopened_at.is_null()
            )
            .scalar()
        )
        approval: dict[str, Any] = (
            {"approved_by": approver.initials, "diff_reason": approved_reason} if approver else {}
        )
        row = DayClose.create(
            centre=actor.centre_id,
            business_date=day,
            z_no=z_no,
            version=version,
            tally=result.metrics_json(),
            expected_cash_ore=expected_ore,
            counted_cash_ore=counted_cash_ore,
            diff_ore=counted_cash_ore - expected_ore,
            revenue_ore=revenue_ore,
            grand_total_ore=int(earlier_ore or 0) + revenue_ore,
            sales_by_staff=_sales_json(result.sales_by_staff),
            closed_at=clock.to_db(clock.utcnow()),
            closed_by=actor.staff_id,
            diff_approved_by=approver.staff_id if approver else None,
            diff_reason=approved_reason,
            counted_detail=json.dumps(pieces) if pieces else None,
        )
        audit.record(
            actor,
            "day.close",
            "day_close",
            row.id,
            business_date=day.isoformat(),
            z_no=z_no,
            version=version,
            counted=counted_cash_ore,
            expected=expected_ore,
            diff=diff_ore,
            **approval,
        )
    return _z_info(row, initials=actor.initials, tally_=result)


def first_day(centre_id: int) -> dt.date:
    """The centre's first business day: its creation, or its earliest record or Z-report."""
    centre = Centre.get_by_id(centre_id)
    settings = get_settings(centre_id)
    first = clock.business_date(
        clock.as_utc(centre.created_at), settings.timezone, settings.rollover_hour
    )
    day_models: tuple[Any, ...] = (*DATED_MODELS, DayClose)
    for model in day_models:
        earliest = model.select(fn.MIN(model.business_date)).where(model.centre == centre_id)
        value = earliest.scalar()
        if value is not None:
            first = min(first, validate.date(value))
    return first


def reopen_day(actor: Actor, business_date: dt.date, pin: str, reason: str) -> None:
    """Reopen a closed day so it can be corrected (lead only, PIN again, a reason).

    A wrong PIN is refused, counted and audited like at sign-on. The Z-report
    stays stored, marked reopened; closing the day again adds a new version.
    """
    require_lead(actor, "reopen a day")
    reason = validate.reason(reason)
    staff.confirm_pin(actor, pin)
    with store.write():
        days.lock_centre(actor.centre_id, exclusive=True)
        current = DayClose.select().where(
            (DayClose.centre == actor.centre_id)
            & (DayClose.business_date == business_date)
            & DayClose.reopened_at.is_null()
        )
        # PostgreSQL: wait for a purge holding the row, then see that it purged the day.
        row = (current.for_update() if db.is_postgres() else current).first()
        if row is None:
            day = business_date.isoformat()
            raise BadInput("error.dayclose.day_closed_nothing_reopen", day=day)
        if row.purged_at is not None:
            day = business_date.isoformat()
            raise BadInput("error.dayclose.day_cannot_reopened_individual", day=day)
        DayClose.update(
            reopened_at=clock.to_db(clock.utcnow()),
            reopened_by=actor.staff_id,
            reopen_reason=reason,
        ).where(DayClose.id == row.id).execute()
        audit.record(
            actor,
            "day.reopen",
            "day_close",
            row.id,
            business_date=business_date.isoformat(),
            z_no=row.z_no,
            version=row.version,
            reason=reason,
        )


def reopen_as(
    actor: Actor, business_date: dt.date, initials: str | None, pin: str, reason: str
) -> dt.date:
    """Reopen a day as the signed-on lead, or, handed over at a desk user's screen, as the
    lead whose initials and PIN were typed (audited as that lead). Returns the day.
    """
    lead = actor
    if initials and initials.strip().upper() != actor.initials:
        lead = staff.lead_actor(actor.centre_id, initials, pin, "reopen a day")
    reopen_day(lead, business_date, pin, reason)
    return business_date


# -- rows to values -------------------------------------------------------------


def _sales_json(sales: tuple[StaffSales, ...]) -> str:
    return json.dumps(
        [
            {"initials": s.initials, "payment": s.payment, "copies": s.copies, "ore": s.amount_ore}
            for s in sales
        ]
    )


def _sales_from_json(text: str) -> tuple[StaffSales, ...]:
    return tuple(
        StaffSales(d["initials"], d["payment"], int(d["copies"]), int(d["ore"]))
        for d in json.loads(text or "[]")
    )


def _ref(row: DayClose, name: str) -> Any:
    """A foreign key's id without a query (peewee's ``<name>_id``, unknown to its stubs)."""
    return row.__data__.get(name)


def _initials(staff_ids: set[int]) -> dict[int, str]:
    if not staff_ids:
        return {}
    rows = Staff.select(Staff.id, Staff.initials).where(Staff.id.in_(sorted(staff_ids)))
    return {r.id: r.initials for r in rows}


def _z_infos(rows: list[DayClose]) -> list[ZReport]:
    ids = {_ref(r, name) for r in rows for name in ("closed_by", "reopened_by", "diff_approved_by")}
    names = _initials({i for i in ids if i is not None})
    return [_z_info(r, names=names) for r in rows]


def _z_info(
    row: DayClose,
    *,
    initials: str | None = None,
    names: dict[int, str] | None = None,
    tally_: DayTally | None = None,
) -> ZReport:
    if names is None:
        refs = ("closed_by", "reopened_by", "diff_approved_by")
        ids = {i for i in (_ref(row, name) for name in refs) if i is not None}
        names = _initials(ids)
    sales = _sales_from_json(row.sales_by_staff)
    day = validate.date(row.business_date)
    centre_id = _ref(row, "centre")
    result = tally_ or DayTally.from_stored(centre_id, day, row.tally, sales)
    return ZReport(
        centre_id=centre_id,
        business_date=day,
        z_no=row.z_no,
        version=row.version,
        tally=result,
        expected_cash_ore=row.expected_cash_ore,
        counted_cash_ore=row.counted_cash_ore,
        diff_ore=row.diff_ore,
        sales_by_staff=sales,
        grand_total_ore=row.grand_total_ore,
        closed_at=clock.as_utc(row.closed_at),
        closed_by=initials or names.get(_ref(row, "closed_by"), "cli"),
        revenue_ore=row.revenue_ore,
        reopened_at=clock.as_utc(row.reopened_at) if row.reopened_at else None,
        reopened_by=names.get(_ref(row, "reopened_by"), "cli") if row.reopened_at else None,
        reopen_reason=row.reopen_reason,
        diff_approved_by=(
            names.get(_ref(row, "diff_approved_by"), "cli")
            if _ref(row, "diff_approved_by")
            else None
        ),
        diff_reason=row.diff_reason,
        denominations=tuple(
            (int(value), int(pieces)) for value, pieces in json.loads(row.counted_detail or "[]")
        ),
    )
