"""Business days: stamping a write with its date, and refusing closed days.

Every write service calls ``stamp`` inside its transaction: it gives the
UTC time, business date and local hour of "now" and refuses the write when
that business day is closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import db
from db.models import Centre, DayClose
from frontdesk import clock
from frontdesk.errors import DayClosed
from frontdesk.services.settings import get_settings


@dataclass(frozen=True)
class Stamp:
    at: dt.datetime  # naive UTC, as stored
    business_date: dt.date
    local_hour: int


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
