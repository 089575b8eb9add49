"""Business-date logic.

The business date of an event is its local date in the centre's time zone
after subtracting the day-rollover hour, so an evening that runs past midnight
belongs to the day it started. Computed from the UTC instant, so daylight
saving changes neither lose nor double an hour.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

UTC = dt.UTC


def utcnow() -> dt.datetime:
    """Now, as an aware UTC datetime (freezegun-friendly)."""
    return dt.datetime.now(UTC)


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def as_utc(at: dt.datetime) -> dt.datetime:
    """An aware UTC datetime from an aware one, or from naive UTC (as stored)."""
    if at.tzinfo is None:
        return at.replace(tzinfo=UTC)
    return at.astimezone(UTC)


def to_db(at: dt.datetime) -> dt.datetime:
    """The naive UTC datetime the database stores."""
    return as_utc(at).replace(tzinfo=None)


def local_time(at: dt.datetime, tz: str | ZoneInfo) -> dt.datetime:
    return as_utc(at).astimezone(zone(tz) if isinstance(tz, str) else tz)


def business_date(at: dt.datetime, tz: str | ZoneInfo, rollover_hour: int) -> dt.date:
    """The business date of the instant ``at`` (aware, or naive UTC)."""
    local = local_time(at, tz)
    day = local.date()
    if local.hour < rollover_hour:
        day -= dt.timedelta(days=1)
    return day
