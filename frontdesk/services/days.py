"""Business days: stamping a write with its date, and refusing closed days.

Every write service calls ``stamp_on`` (or ``stamp``) inside its transaction:
it gives the UTC time, business date and local hour of "now" and refuses the
write when that business day is closed. ``stamp_on`` also takes an earlier
business date: a correction, which only a shift lead may record, only on a day
that is open (reopened, or never closed), and which every service audits as a
correction (``Stamp.detail``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from frontdesk import clock, db
from frontdesk.db.models import Centre, DayClose
from frontdesk.errors import BadInput, DayClosed
from frontdesk.services.actor import Actor, require_lead
from frontdesk.services.settings import get_settings


@dataclass(frozen=True)
class Stamp:
    at: dt.datetime  # naive UTC, as stored
    business_date: dt.date
    local_hour: int
    correction: bool = False  # recorded now, dated on an earlier day

    @property
    def detail(self) -> dict[str, Any]:
        """What a write's audit event adds: a correction names the day it corrects."""
        return {"correction": self.business_date.isoformat()} if self.correction else {}


def lock_centre(centre_id: int, *, exclusive: bool) -> None:
    """Serialise against a day close on PostgreSQL (SQLite's BEGIN IMMEDIATE already does)."""
    if db.is_postgres():
        mode = "FOR UPDATE" if exclusive else "FOR SHARE"
        list(Centre.select(Centre.id).where(Centre.id == centre_id).for_update(mode))  # type: ignore[arg-type]  # peewee takes the clause text


def today(centre_id: int, now: dt.datetime | None = None) -> dt.date:
    """The centre's current business date."""
    settings = get_settings(centre_id)
    return clock.business_date(now or clock.utcnow(), settings.timezone, settings.rollover_hour)


def now_stamp(centre_id: int) -> Stamp:
    settings = get_settings(centre_id)
    now = clock.utcnow()
    local = clock.local_time(now, settings.timezone)
    return Stamp(
        at=clock.to_db(now),
        business_date=clock.business_date(now, settings.timezone, settings.rollover_hour),
        local_hour=local.hour,
    )


def is_closed(centre_id: int, business_date: dt.date) -> bool:
    """A day is closed while its latest Z-report version is not reopened."""
    return (
        DayClose.select(DayClose.id)
        .where(
            (DayClose.centre == centre_id)
            & (DayClose.business_date == business_date)
            & (DayClose.reopened_at.is_null())
        )
        .exists()
    )


def ensure_open(centre_id: int, business_date: dt.date) -> None:
    """Refuse a change dated on a closed day. Call inside the write transaction."""
    lock_centre(centre_id, exclusive=False)
    if is_closed(centre_id, business_date):
        raise DayClosed(business_date)


def stamp(centre_id: int) -> Stamp:
    """Now, for a write: refuses when today's business day is closed."""
    st = now_stamp(centre_id)
    ensure_open(centre_id, st.business_date)
    return st


def stamp_on(actor: Actor, business_date: dt.date | None = None) -> Stamp:
    """Now, for a write dated ``business_date`` (default, or today's date: today).

    An earlier date is a correction: refused unless the actor is a shift lead
    and the day is open (a closed day must be reopened first). A date after
    today is refused. The one way a recording service dates a write.
    """
    st = now_stamp(actor.centre_id)
    if business_date is None or business_date == st.business_date:
        ensure_open(actor.centre_id, st.business_date)
        return st
    if not isinstance(business_date, dt.date) or business_date > st.business_date:
        day = getattr(business_date, "isoformat", lambda: str(business_date))()
        raise BadInput("error.days.day_started_yet_nothing", day=day)
    require_lead(actor, "record a correction on an earlier day")
    ensure_open(actor.centre_id, business_date)
    return Stamp(st.at, business_date, st.local_hour, correction=True)
