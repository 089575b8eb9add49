"""Overdose response and the right help: training sessions, referrals, staff drills, and the
rules of a naloxone hand-out's reason and reported outcome.

Everything here is aggregate-safe: a training session is a count of people, a referral
is a kind (maybe tied to a visit), a reported outcome is a word from the vocabulary;
no names, no free text about a person.

- A naloxone hand-out says why a new kit (``NALOXONE_REASONS``, default a first kit);
  when the last kit was used (``NALOXONE_USES``) it also carries the reported outcome
  and whether emergency services were called (``naloxone_details``; supplies.hand_out
  calls it).
- ``record_training``: a CPR or naloxone session for visitors, 1–200 people; from a
  visit it is that one person ("trained in CPR today").
- ``record_referral``: one referral of a kind, from a visit or anonymously.
- ``record_drill``: a staff member's CPR drill or naloxone course on a date;
  ``overdue_drills`` names the active staff whose last CPR drill is older than the
  ``drill_interval_days`` setting (or who never drilled).

Every record is voided through ``records.void_row``, like every other desk record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import fn

from frontdesk import clock
from frontdesk.db.models import Referral, Staff, StaffDrill, TrainingSession, Visit
from frontdesk.errors import BadInput, NotFound
from frontdesk.i18n import N_
from frontdesk.services import audit, days, records, store, validate
from frontdesk.services.actor import Actor, require_lead
from frontdesk.services.settings import get_settings
from frontdesk.services.vocab import (
    DRILL_KINDS,
    NALOXONE_EMS,
    NALOXONE_OUTCOMES,
    NALOXONE_REASONS,
    NALOXONE_USES,
    REFERRAL_KINDS,
    TRAINING_KINDS,
)

MAX_TRAINED = 200  # people in one session: more is a typing mistake
FIRST_KIT = NALOXONE_REASONS[0]

# The day's figures the Day tab and the day paper show (text key, tally metric), in order;
# the referrals follow them, one line per kind.
DAY_FIGURES = (
    (N_("overdose.day.doses"), "naloxone.doses"),
    (N_("overdose.day.first_kit"), "naloxone.first_kit"),
    (N_("overdose.day.reported_uses"), "naloxone.reported_uses"),
    (N_("overdose.day.reversals"), "naloxone.reported_alive"),
    (N_("overdose.day.died"), "naloxone.reported_died"),
    (N_("overdose.day.ems"), "naloxone.ems_called"),
    (N_("overdose.day.cpr"), "cpr.trained"),
    (N_("overdose.day.naloxone_sessions"), "naloxone.trained_sessions"),
    (N_("overdose.day.new"), "visitors.new"),
)


# -- a naloxone hand-out's reason and outcome ------------------------------------------


@dataclass(frozen=True)
class NaloxoneDetails:
    """Why a new naloxone kit, and after a reported use, its outcome and the EMS call."""

    reason: str = FIRST_KIT
    outcome: str | None = None  # only after a reported use
    ems: str | None = None  # only after a reported use

    @property
    def reported_use(self) -> bool:
        return self.reason in NALOXONE_USES


def naloxone_details(
    reason: str | None, outcome: str | None, ems: str | None, *, naloxone: bool
) -> NaloxoneDetails | None:
    """The checked details of a hand-out: None for a hand-out without naloxone.

    A naloxone hand-out's reason defaults to a first kit; after a reported use
    (used on someone else or on themselves) the outcome and the EMS call default
    to "don't know". Refuses an unknown word, any of the three on a hand-out
    without naloxone, and an outcome or EMS call without a reported use.
    """
    if not naloxone:
        if not all(validate.blank(v) for v in (reason, outcome, ems)):
            raise BadInput("error.overdose.reason_only_with_naloxone")
        return None
    reason = validate.one_of(
        reason, NALOXONE_REASONS, "error.overdose.reason_one_of", default=FIRST_KIT
    )
    if reason not in NALOXONE_USES:
        if not (validate.blank(outcome) and validate.blank(ems)):
            raise BadInput("error.overdose.outcome_only_after_use")
        return NaloxoneDetails(reason)
    outcome = validate.one_of(
        outcome, NALOXONE_OUTCOMES, "error.overdose.outcome_one_of", default="unknown"
    )
    ems = validate.one_of(ems, NALOXONE_EMS, "error.overdose.ems_one_of", default="unknown")
    return NaloxoneDetails(reason, outcome, ems)


# -- training sessions for visitors ----------------------------------------------------


@dataclass(frozen=True)
class TrainingInfo:
    id: int
    kind: str
    people: int
    visit_id: int | None
    business_date: dt.date
    at: dt.datetime
    staff_initials: str
    voided: bool
    void_reason: str | None


def _visit(centre_id: int, visit_id: object) -> Any:
    row = Visit.get_or_none((Visit.id == records.record_id(visit_id)) & (Visit.centre == centre_id))
    if row is None:
        raise NotFound("error.overdose.no_visit", number=validate.shown(visit_id, 20))
    if row.voided_at is not None:
        raise BadInput("error.overdose.visit_voided")
    return row


def _initials(staff_id: int | None) -> str:
    if staff_id is None:
        return "cli"
    row = Staff.get_or_none(Staff.id == staff_id)
    return row.initials if row else "cli"


def _training_info(row: Any) -> TrainingInfo:
    return TrainingInfo(
        id=row.id,
        kind=row.kind,
        people=row.people,
        visit_id=row.visit_id,
        business_date=validate.date(row.business_date),
        at=clock.as_utc(row.at),
        staff_initials=_initials(row.staff_id),
        voided=row.voided_at is not None,
        void_reason=row.void_reason,
    )


def record_training(
    actor: Actor,
    kind: str,
    people: object = 1,
    *,
    visit_id: int | None = None,
    business_date: dt.date | None = None,
) -> TrainingInfo:
    """Record a CPR or naloxone session for visitors: how many people were trained (1–200).

    From a visit it is that one visitor (``people`` must then be 1). Refuses an
    unknown kind, a count that is not a whole number from 1 to 200, an unknown
    or voided visit and a closed day; an earlier ``business_date`` is a
    correction (lead).
    """
    kind = validate.one_of(kind, TRAINING_KINDS, "error.overdose.training_kind_one_of")
    count = validate.in_range(
        people,
        1,
        MAX_TRAINED,
        "number of people trained",
        "antallet som fikk opplæring",
        sentence="error.overdose.people_trained",
        sentence_params={"high": MAX_TRAINED},
    )
    if visit_id is not None and count != 1:
        raise BadInput("error.overdose.training_from_visit_one")
    with store.write():
        st = days.stamp_on(actor, business_date)
        visit = _visit(actor.centre_id, visit_id) if visit_id is not None else None
        row = records.add(
            actor,
            st,
            TrainingSession,
            "overdose.training",
            {"kind": kind, "people": count, "from_visit": visit is not None},
            kind=kind,
            people=count,
            visit=visit.id if visit else None,
        )
        return _training_info(row)


def void_training(actor: Actor, training_id: int, reason: str) -> TrainingInfo:
    """Void a training session with a reason: it counts nowhere. Refuses an unknown or
    voided session, a missing reason and a closed day."""
    reason = validate.reason(reason)
    with store.write():
        row = records.void_row(
            actor,
            TrainingSession,
            training_id,
            reason,
            missing=NotFound("error.overdose.no_training", number=training_id),
            already=BadInput("error.overdose.training_already_voided"),
        )
        audit.record(actor, "overdose.void_training", "training_session", row.id, reason=reason)
        return _training_info(row)


def trainings_on(centre_id: int, business_date: dt.date | None = None) -> list[TrainingInfo]:
    """The day's training sessions, newest first; voided ones included and marked."""
    day = business_date or days.today(centre_id)
    rows = (
        TrainingSession.select()
        .where((TrainingSession.centre == centre_id) & (TrainingSession.business_date == day))
        .order_by(TrainingSession.at.desc(), TrainingSession.id.desc())
    )
    return [_training_info(r) for r in rows]


# -- referrals -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralInfo:
    id: int
    kind: str
    visit_id: int | None
    business_date: dt.date
    at: dt.datetime
    staff_initials: str
    voided: bool
    void_reason: str | None


def _referral_info(row: Any) -> ReferralInfo:
    return ReferralInfo(
        id=row.id,
        kind=row.kind,
        visit_id=row.visit_id,
        business_date=validate.date(row.business_date),
        at=clock.as_utc(row.at),
        staff_initials=_initials(row.staff_id),
        voided=row.voided_at is not None,
        void_reason=row.void_reason,
    )


def record_referral(
    actor: Actor,
    kind: str,
    *,
    visit_id: int | None = None,
    business_date: dt.date | None = None,
) -> ReferralInfo:
    """Record one referral of a kind (LAR, detox, health room, legevakt, NAV, housing,
    other), from a visit or anonymously. Refuses an unknown kind, an unknown or
    voided visit and a closed day; an earlier ``business_date`` is a correction."""
    kind = validate.one_of(kind, REFERRAL_KINDS, "error.overdose.referral_one_of")
    with store.write():
        st = days.stamp_on(actor, business_date)
        visit = _visit(actor.centre_id, visit_id) if visit_id is not None else None
        row = records.add(
            actor,
            st,
            Referral,
            "overdose.referral",
            {"kind": kind, "from_visit": visit is not None},
            kind=kind,
            visit=visit.id if visit else None,
        )
        return _referral_info(row)


def void_referral(actor: Actor, referral_id: int, reason: str) -> ReferralInfo:
    """Void a referral with a reason: it counts nowhere. Refuses an unknown or voided
    referral, a missing reason and a closed day."""
    reason = validate.reason(reason)
    with store.write():
        row = records.void_row(
            actor,
            Referral,
            referral_id,
            reason,
            missing=NotFound("error.overdose.no_referral", number=referral_id),
            already=BadInput("error.overdose.referral_already_voided"),
        )
        audit.record(actor, "overdose.void_referral", "referral", row.id, reason=reason)
        return _referral_info(row)


def referrals_on(centre_id: int, business_date: dt.date | None = None) -> list[ReferralInfo]:
    """The day's referrals, newest first; voided ones included and marked."""
    day = business_date or days.today(centre_id)
    rows = (
        Referral.select()
        .where((Referral.centre == centre_id) & (Referral.business_date == day))
        .order_by(Referral.at.desc(), Referral.id.desc())
    )
    return [_referral_info(r) for r in rows]


# -- staff drills ----------------------------------------------------------------------


@dataclass(frozen=True)
class DrillInfo:
    id: int
    initials: str
    kind: str
    drill_date: dt.date
    recorded_by: str
    voided: bool
    void_reason: str | None


@dataclass(frozen=True)
class StaffDrills:
    """A staff member's last drill of each kind (None: never), and whether CPR is due."""

    initials: str
    role: str
    active: bool
    last: dict[str, dt.date | None]
    cpr_due: bool


def _drill_info(row: Any) -> DrillInfo:
    return DrillInfo(
        id=row.id,
        initials=_initials(row.staff_member_id),
        kind=row.kind,
        drill_date=validate.date(row.drill_date),
        recorded_by=_initials(row.staff_id),
        voided=row.voided_at is not None,
        void_reason=row.void_reason,
    )


def _staff_member(centre_id: int, initials: object) -> Staff:
    text = str(initials or "").strip().upper()
    row = Staff.get_or_none((Staff.centre == centre_id) & (Staff.initials == text))
    if row is None:
        shown = validate.shown(text, 12)
        raise NotFound("error.overdose.no_staff_initials", initials=shown)
    return row


def record_drill(
    actor: Actor, initials: str, kind: str, drill_date: dt.date | None = None
) -> DrillInfo:
    """Record a staff member's CPR drill or naloxone course on a date (default today).

    A lead records anyone's; desk staff only their own. Refuses unknown initials,
    an unknown kind and a date after today.
    """
    kind = validate.one_of(kind, DRILL_KINDS, "error.overdose.drill_one_of")
    with store.write():
        member = _staff_member(actor.centre_id, initials)
        if member.id != actor.staff_id:
            require_lead(actor, "record another staff member's drill")
        today = days.today(actor.centre_id)
        when = today if drill_date is None else drill_date
        if not isinstance(when, dt.date) or isinstance(when, dt.datetime):
            raise BadInput("error.overdose.drill_date_a_date")
        if when > today:
            raise BadInput("error.overdose.drill_date_after_today", day=when.isoformat())
        row = StaffDrill.create(
            centre=actor.centre_id,
            staff_member=member.id,
            kind=kind,
            drill_date=when,
            at=clock.to_db(clock.utcnow()),
            staff=actor.staff_id,
        )
        audit.record(
            actor,
            "staff.drill",
            "staff_drill",
            row.id,
            initials=member.initials,
            kind=kind,
            date=when.isoformat(),
        )
        return _drill_info(row)


def void_drill(actor: Actor, drill_id: int, reason: str) -> DrillInfo:
    """Void a drill recorded by mistake (lead), with a reason. Refuses an unknown or voided
    drill and a missing reason."""
    require_lead(actor, "void a staff drill")
    reason = validate.reason(reason)
    with store.write():
        row = records.void_row(
            actor,
            StaffDrill,
            drill_id,
            reason,
            missing=NotFound("error.overdose.no_drill", number=drill_id),
            already=BadInput("error.overdose.drill_already_voided"),
        )
        audit.record(actor, "staff.void_drill", "staff_drill", row.id, reason=reason)
        return _drill_info(row)


def drills(centre_id: int, initials: str | None = None) -> list[DrillInfo]:
    """The centre's recorded drills (or one member's), newest first; voided ones marked."""
    query = StaffDrill.select().where(StaffDrill.centre == centre_id)
    if initials is not None:
        query = query.where(StaffDrill.staff_member == _staff_member(centre_id, initials).id)
    rows = query.order_by(StaffDrill.drill_date.desc(), StaffDrill.id.desc())
    return [_drill_info(r) for r in rows]


def staff_drills(centre_id: int, today: dt.date | None = None) -> list[StaffDrills]:
    """Every staff member with their last drill of each kind, by initials.

    CPR is due for an active member whose last CPR drill is more than the
    ``drill_interval_days`` setting before ``today`` (default: the business date), or
    who has none.
    """
    today = today or days.today(centre_id)
    interval = get_settings(centre_id).drill_interval_days
    last: dict[tuple[int, str], dt.date] = {}
    rows: Any = (
        StaffDrill.select(StaffDrill.staff_member, StaffDrill.kind, fn.MAX(StaffDrill.drill_date))
        .where((StaffDrill.centre == centre_id) & StaffDrill.voided_at.is_null())
        .group_by(StaffDrill.staff_member, StaffDrill.kind)
        .tuples()
    )
    for staff_id, kind, date in rows:
        last[(staff_id, kind)] = validate.date(date)
    out = []
    for member in Staff.select().where(Staff.centre == centre_id).order_by(Staff.initials):
        dates = {kind: last.get((member.id, kind)) for kind in DRILL_KINDS}
        cpr = dates["cpr"]
        due = member.active and (cpr is None or (today - cpr).days > interval)
        out.append(StaffDrills(member.initials, member.role, member.active, dates, due))
    return out


def overdue_drills(centre_id: int, today: dt.date | None = None) -> list[str]:
    """Initials of the active staff whose CPR drill is due (see ``staff_drills``)."""
    return [s.initials for s in staff_drills(centre_id, today) if s.cpr_due]
