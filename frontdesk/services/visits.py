"""Visits (check-ins) and visitors (pseudonymous codes).

A visit is anonymous (one key at the desk) or under a visitor code. A visitor
is a pseudonym, never a name: a short code, optional gender and birth year,
Dagsverket enrolment and a Megafon vendor number. Voided visits stay visible
(marked) and count nowhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import weakref
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, SQL, NodeList, Value, fn

from frontdesk import clock, db
from frontdesk.db.models import Staff, Visit, Visitor
from frontdesk.errors import BadInput, NotFound
from frontdesk.services import audit, days, records, store, tally, validate
from frontdesk.services.actor import Actor
from frontdesk.services.records import void_row
from frontdesk.services.vocab import GENDERS

CODE_RE = re.compile(r"^[A-Za-z0-9ÆØÅæøå]{2,12}$")
_CODE_CHARS_RE = re.compile(r"^[A-Za-z0-9ÆØÅæøå]*$")
FIRST_BIRTH_YEAR = 1920
VENDOR_NUMBER_MAX = 999_999
VISITOR_FIELDS = ("new_code", "gender", "birth_year", "dagsverket", "vendor_number")


@dataclass(frozen=True)
class VisitorInfo:
    id: int
    code: str
    gender: str
    birth_year: int | None
    dagsverket: bool
    vendor_number: int | None


@dataclass(frozen=True)
class VisitInfo:
    id: int
    at: dt.datetime
    business_date: dt.date
    visitor_code: str | None
    gender: str
    staff_initials: str
    voided: bool
    void_reason: str | None
    # check_in only: the same visitor's latest earlier visit today (still counted), if any
    earlier_at: dt.datetime | None = None
    first_time: bool = False  # an anonymous visit marked "first time here"


# -- validation (also used by lunch, dagsverket and megafon) ------------------


def normalise_code(code: str | None) -> str:
    """A visitor code as stored (upper-case); BadInput with the reason otherwise."""
    text = (code or "").strip()
    if any(ch.isspace() for ch in text):
        raise BadInput("error.visits.visitor_code_pseudonym_name")
    if not CODE_RE.match(text):
        raise BadInput("error.visits.visitor_code_letters_digits")
    return text.upper()


def normalise_gender(gender: str | None) -> str:
    """f, m, x or u (unknown, the default)."""
    return validate.one_of(
        gender,
        GENDERS,
        "error.visits.gender_f_m_x",
        default="u",
    )


def check_birth_year(value: Any) -> int | None:
    """A birth year from 1920 to this year, or None when none is given."""
    if validate.blank(value):
        return None
    this_year = clock.utcnow().year
    return validate.in_range(
        value,
        FIRST_BIRTH_YEAR,
        this_year,
        "birth year",
        "fødselsår",
        sentence="error.visits.birth_year_between",
        sentence_params={"first": FIRST_BIRTH_YEAR, "last": this_year},
    )


def check_vendor_number(value: Any) -> int | None:
    """A Megafon vendor number from 1 to 999999, or None when none is given."""
    if validate.blank(value):
        return None
    return validate.in_range(
        value,
        1,
        VENDOR_NUMBER_MAX,
        "vendor number",
        "selgernummer",
        sentence="error.visits.vendor_number_range",
        sentence_params={"high": VENDOR_NUMBER_MAX},
    )


def unknown_code(code: str) -> NotFound:
    return NotFound("error.visits.unknown_visitor_code", code=code)


# -- rows to values ------------------------------------------------------------


def visitor_info(row: Visitor) -> VisitorInfo:
    return VisitorInfo(
        id=row.id,
        code=row.code,
        gender=row.gender,
        birth_year=row.birth_year,
        dagsverket=bool(row.dagsverket),
        vendor_number=row.vendor_number,
    )


def visitor_row(centre_id: int, code: str) -> Visitor:
    """The visitor with this code (any case); NotFound otherwise."""
    normal = normalise_code(code)
    row = Visitor.get_or_none((Visitor.centre == centre_id) & (Visitor.code == normal))
    if row is None:
        raise unknown_code(normal)
    return row


def _visit_info(row: Visit, visitor_code: str | None, staff_initials: str | None) -> VisitInfo:
    return VisitInfo(
        id=row.id,
        at=clock.as_utc(row.at),
        business_date=row.business_date,
        visitor_code=visitor_code,
        gender=row.gender,
        staff_initials=staff_initials or "cli",
        voided=row.voided_at is not None,
        void_reason=row.void_reason,
        first_time=bool(row.first_time),
    )


# -- check-in ------------------------------------------------------------------


def check_in(
    actor: Actor,
    code: str | None = None,
    gender: str | None = None,
    business_date: dt.date | None = None,
    first_time: bool = False,
) -> VisitInfo:
    """Record one visit now: anonymous without a code, else under a registered code.

    ``first_time``: an anonymous visitor says it is their first time here (it
    counts as a new visitor); a code's first visit at the centre counts as new
    by itself, so the flag is refused with a code.

    An anonymous visit takes ``gender`` (f/m/x/u, default u); a coded visit
    takes the visitor's gender (a ``gender`` given with a code is checked but
    not used). Refuses an unknown code (NotFound: the desk offers to register
    it), a bad gender, and a closed day. A visitor already checked in today is
    checked in again; the answer's ``earlier_at`` says when they came before. An
    earlier ``business_date`` is a correction (``days.stamp_on``).
    """
    gender = normalise_gender(gender)
    normal = normalise_code(code) if code is not None and code.strip() else None
    if not isinstance(first_time, bool):
        raise BadInput("error.visits.first_time_yes_no")
    if first_time and normal is not None:
        raise BadInput("error.visits.first_time_only_anonymous")
    with store.write():
        st = days.stamp_on(actor, business_date)
        visitor = None
        if normal is not None:
            visitor = Visitor.get_or_none(
                (Visitor.centre == actor.centre_id) & (Visitor.code == normal)
            )
            if visitor is None:
                raise unknown_code(normal)
            gender = visitor.gender
        earlier = None
        if visitor is not None:
            earlier = (
                Visit.select(Visit.at)
                .where(
                    (Visit.centre == actor.centre_id)
                    & (Visit.visitor == visitor.id)
                    & (Visit.business_date == st.business_date)
                    & Visit.voided_at.is_null()
                )
                .order_by(Visit.at.desc())
                .first()
            )
        row = records.add(
            actor,
            st,
            Visit,
            "visits.check_in",
            {"anonymous": visitor is None, **({"first_time": True} if first_time else {})},
            visitor=visitor.id if visitor else None,
            gender=gender,
            local_hour=st.local_hour,
            first_time=first_time,
        )
    info = _visit_info(row, normal, actor.initials)
    if earlier is not None:
        info = dataclasses.replace(info, earlier_at=clock.as_utc(earlier.at))
    return info


# -- visitors ------------------------------------------------------------------


def _refuse_taken_code(centre_id: int, code: str, except_id: int | None = None) -> None:
    query = Visitor.select(Visitor.id).where((Visitor.centre == centre_id) & (Visitor.code == code))
    if except_id is not None:
        query = query.where(Visitor.id != except_id)
    if query.exists():
        raise BadInput("error.visits.visitor_code_already_registered", code=code)


def _refuse_taken_vendor_number(centre_id: int, number: int, except_id: int | None = None) -> None:
    query = Visitor.select(Visitor.code).where(
        (Visitor.centre == centre_id) & (Visitor.vendor_number == number)
    )
    if except_id is not None:
        query = query.where(Visitor.id != except_id)
    holder = query.first()
    if holder is not None:
        raise BadInput(
            "error.visits.vendor_number_already_belongs", number=number, code=holder.code
        )


def _check_dagsverket(value: Any) -> bool:
    if not isinstance(value, bool):
        raise BadInput("error.visits.dagsverket_enrolment_yes_no")
    return value


def register_visitor(
    actor: Actor,
    code: str,
    *,
    gender: str | None = None,
    birth_year: int | None = None,
    dagsverket: bool = False,
    vendor_number: int | None = None,
) -> VisitorInfo:
    """Register a visitor code (a pseudonym): stored upper-case, unique per centre.

    Refuses a code with a space (how full names get typed in), a code that is
    not 2–12 letters/digits or is taken, a bad gender, an implausible birth
    year and a vendor number that is not positive or is already in use.
    """
    normal = normalise_code(code)
    gender = normalise_gender(gender)
    birth_year = check_birth_year(birth_year)
    dagsverket = _check_dagsverket(dagsverket)
    vendor_number = check_vendor_number(vendor_number)
    with store.write():
        _refuse_taken_code(actor.centre_id, normal)
        if vendor_number is not None:
            _refuse_taken_vendor_number(actor.centre_id, vendor_number)
        row = Visitor.create(
            centre=actor.centre_id,
            code=normal,
            gender=gender,
            birth_year=birth_year,
            dagsverket=dagsverket,
            vendor_number=vendor_number,
            created_at=clock.to_db(clock.utcnow()),
        )
        audit.record(
            actor,
            "visits.register_visitor",
            "visitor",
            row.id,
            dagsverket=dagsverket,
            vendor=vendor_number is not None,
        )
    return visitor_info(row)


def update_visitor(actor: Actor, code: str, **changes: Any) -> VisitorInfo:
    """Change a visitor's gender, birth year, Dagsverket enrolment or vendor number.

    ``new_code=`` gives the visitor a new code (e.g. to fix a typo).
    The same rules as ``register_visitor``; refuses an unknown code and an
    unknown field.
    """
    unknown = sorted(set(changes) - set(VISITOR_FIELDS))
    if unknown:
        raise BadInput("error.visits.visitor_no_field_called", unknown=unknown[0])
    clean: dict[str, Any] = {}
    if "new_code" in changes:
        clean["code"] = normalise_code(changes["new_code"])
    if "gender" in changes:
        clean["gender"] = normalise_gender(changes["gender"])
    if "birth_year" in changes:
        clean["birth_year"] = check_birth_year(changes["birth_year"])
    if "dagsverket" in changes:
        clean["dagsverket"] = _check_dagsverket(changes["dagsverket"])
    if "vendor_number" in changes:
        clean["vendor_number"] = check_vendor_number(changes["vendor_number"])
    with store.write():
        row = visitor_row(actor.centre_id, code)
        if "code" in clean and clean["code"] != row.code:
            _refuse_taken_code(actor.centre_id, clean["code"], except_id=row.id)
        if clean.get("vendor_number") is not None:
            _refuse_taken_vendor_number(actor.centre_id, clean["vendor_number"], except_id=row.id)
        changed = sorted(k for k, v in clean.items() if getattr(row, k) != v)
        for key in changed:
            setattr(row, key, clean[key])
        if changed:
            row.save()
        audit.record(actor, "visits.update_visitor", "visitor", row.id, fields=changed)
    return visitor_info(row)


def get_visitor(centre_id: int, code: str) -> VisitorInfo:
    """The visitor with this code (case-insensitive); NotFound otherwise."""
    return visitor_info(visitor_row(centre_id, code))


def _prefix_like(prefix: str) -> NodeList:
    """``code LIKE 'PREFIX%' ESCAPE '!'`` with % and _ taken literally."""
    pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
    return NodeList((Visitor.code, SQL("LIKE"), Value(pattern), SQL("ESCAPE '!'")))


def find_visitors(centre_id: int, prefix: str, limit: int = 8) -> list[VisitorInfo]:
    """Visitors whose code starts with ``prefix`` (any case), ordered by code, at most ``limit``."""
    text = (prefix or "").strip().upper()
    if limit <= 0 or not _CODE_CHARS_RE.match(text):
        return []  # a character no code can hold matches nothing
    return [visitor_info(r) for r in _find_query(centre_id, text, limit)]


def _find_query(centre_id: int, prefix: str, limit: int) -> Any:
    where = Visitor.centre == centre_id
    if prefix:
        # Codes are stored upper-case, so the (centre, code) index serves a
        # range starting at the prefix; LIKE keeps the match exact.
        where &= (Visitor.code >= prefix) & _prefix_like(prefix)
        if _codes_sort_bytewise():
            # Under bytewise (code point) order this upper bound is exact and
            # ends the index range; a language collation may sort otherwise.
            where &= Visitor.code < prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Visitor.select().where(where).order_by(Visitor.code).limit(limit)


_BYTEWISE_COLLATIONS = ("c", "posix", "c.utf8", "c.utf-8", "ucs_basic")
_bytewise: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()


def _codes_sort_bytewise() -> bool:
    """SQLite compares text bytewise; PostgreSQL does under a C collation."""
    if not db.is_postgres():
        return True
    database = db.database.obj
    if database not in _bytewise:
        row = database.execute_sql(
            "SELECT datcollate FROM pg_database WHERE datname = current_database()"
        ).fetchone()
        _bytewise[database] = bool(row) and str(row[0]).lower() in _BYTEWISE_COLLATIONS
    return _bytewise[database]


# -- voiding and listing -------------------------------------------------------


def _visit_rows(where: Any) -> Any:
    """Visits with their visitor code and staff initials, as tuples in VisitInfo order."""
    return (
        Visit.select(
            Visit.id,
            Visit.at,
            Visit.business_date,
            Visitor.code,
            Visit.gender,
            Staff.initials,
            Visit.voided_at,
            Visit.void_reason,
        )
        .join(Visitor, JOIN.LEFT_OUTER, on=(Visit.visitor == Visitor.id))
        .switch(Visit)
        .join(Staff, JOIN.LEFT_OUTER, on=(Visit.staff == Staff.id))
        .where(where)
        .tuples()
    )


def _visit_tuple_info(values: tuple[Any, ...]) -> VisitInfo:
    visit_id, at, business_date, code, gender, initials, voided_at, void_reason = values
    return VisitInfo(
        id=visit_id,
        at=clock.as_utc(at),
        business_date=business_date,
        visitor_code=code,
        gender=gender,
        staff_initials=initials or "cli",
        voided=voided_at is not None,
        void_reason=void_reason,
    )


def void_visit(actor: Actor, visit_id: int, reason: str) -> VisitInfo:
    """Void a visit with a reason: it stays listed (marked) and counts nowhere.

    Refuses a missing reason, an unknown visit, a visit already voided and a
    visit of a closed day.
    """
    reason = validate.reason(reason)
    with store.write():
        row = void_row(
            actor,
            Visit,
            visit_id,
            reason,
            missing=NotFound("error.visits.no_visit", visit_id=visit_id),
            already=BadInput("error.visits.visit_already_voided"),
        )
        audit.record(actor, "visits.void", "visit", row.id, reason=reason)
        return _visit_tuple_info(_visit_rows(Visit.id == row.id).first())


def visits_on(
    centre_id: int, business_date: dt.date | None = None, limit: int = 200
) -> list[VisitInfo]:
    """A day's visits, newest first, voided ones included (marked)."""
    day = business_date or days.today(centre_id)
    rows = (
        _visit_rows((Visit.centre == centre_id) & (Visit.business_date == day))
        .order_by(Visit.at.desc(), Visit.id.desc())
        .limit(limit)
    )
    return [_visit_tuple_info(values) for values in rows]


def count_visits(centre_id: int, business_date: dt.date | None = None) -> int:
    """How many visits count on a day (voided ones do not), as the Z-report counts them."""
    return day_counts(centre_id, business_date).total


@dataclass(frozen=True)
class VisitCounts:
    """A day's visits for the desk's counter: ``total`` counts, ``voided`` do not."""

    total: int
    anonymous: int
    coded: int
    voided: int


def day_counts(centre_id: int, business_date: dt.date | None = None) -> VisitCounts:
    """Today's (or a day's) visits for the desk's counter, in one query over the day's index.

    Counted with the tally's own predicates (what counts, what is anonymous), so the
    counter always shows the Z-report's figure; the voided ones are shown beside it.
    """
    day = business_date or days.today(centre_id)
    counts, anonymous = tally.counts(Visit), tally.anonymous_visit()
    rows: Any = (
        Visit.select(counts.alias("counts"), anonymous.alias("anonymous"), fn.COUNT(Visit.id))
        .where(tally.on_day(Visit, centre_id, day))
        .group_by(counts, anonymous)
        .tuples()
    )
    found = {"voided": 0, "anonymous": 0, "coded": 0}
    for is_counted, is_anonymous, count in rows:
        kind = "voided" if not is_counted else "anonymous" if is_anonymous else "coded"
        found[kind] += int(count)
    return VisitCounts(found["anonymous"] + found["coded"], **found)
