"""Business-date logic: rollover hour and daylight saving (Europe/Oslo)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from hypothesis import given
from hypothesis import strategies as st

from frontdesk import clock

OSLO = ZoneInfo("Europe/Oslo")
UTC = dt.UTC


def oslo(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=OSLO)


def test_0359_belongs_to_the_previous_day() -> None:
    assert clock.business_date(oslo(2026, 11, 23, 3, 59), "Europe/Oslo", 4) == dt.date(2026, 11, 22)


def test_0400_starts_the_new_day() -> None:
    assert clock.business_date(oslo(2026, 11, 23, 4, 0), "Europe/Oslo", 4) == dt.date(2026, 11, 23)


def test_an_evening_past_midnight_belongs_to_the_day_it_started() -> None:
    assert clock.business_date(oslo(2026, 11, 23, 0, 30), "Europe/Oslo", 4) == dt.date(2026, 11, 22)


def test_naive_datetimes_are_taken_as_utc() -> None:
    # 02:30 UTC is 03:30 in Oslo in winter: still the previous business day.
    assert clock.business_date(dt.datetime(2026, 1, 10, 2, 30), "Europe/Oslo", 4) == dt.date(
        2026, 1, 9
    )
    assert clock.business_date(dt.datetime(2026, 1, 10, 3, 0), "Europe/Oslo", 4) == dt.date(
        2026, 1, 10
    )


def test_now_follows_the_frozen_clock() -> None:
    with freeze_time("2026-07-01 01:59:00"):  # UTC: 03:59 in Oslo (summer time)
        assert clock.business_date(clock.utcnow(), "Europe/Oslo", 4) == dt.date(2026, 6, 30)
    with freeze_time("2026-07-01 02:00:00"):  # 04:00 in Oslo
        assert clock.business_date(clock.utcnow(), "Europe/Oslo", 4) == dt.date(2026, 7, 1)


def _every_ten_minutes(start_utc: dt.datetime, hours: int) -> list[dt.datetime]:
    return [start_utc + dt.timedelta(minutes=10 * i) for i in range(hours * 6)]


@pytest.mark.parametrize(
    ("night", "first_day", "hours_of_first_day_after_18"),
    [
        # Spring forward: 2026-03-29 02:00 → 03:00; the night has 9 real hours from 18:00 to 04:00.
        (dt.date(2026, 3, 28), dt.date(2026, 3, 28), 9),
        # Fall back: 2026-10-25 03:00 → 02:00; the night has 11 real hours from 18:00 to 04:00.
        (dt.date(2026, 10, 24), dt.date(2026, 10, 24), 11),
    ],
)
def test_dst_nights_neither_lose_nor_double_an_hour(
    night: dt.date, first_day: dt.date, hours_of_first_day_after_18: int
) -> None:
    start = oslo(night.year, night.month, night.day, 18, 0).astimezone(UTC)
    events = _every_ten_minutes(start, 20)  # 18:00 until the next afternoon, in real time
    days = Counter(clock.business_date(at, "Europe/Oslo", 4) for at in events)
    assert sum(days.values()) == len(events)  # every event lands on exactly one day
    assert set(days) == {first_day, first_day + dt.timedelta(days=1)}
    # The first business day gets exactly the real hours between 18:00 and 04:00 local.
    assert days[first_day] == hours_of_first_day_after_18 * 6


def test_fall_back_hour_twice_is_still_the_same_business_day() -> None:
    first = dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second = dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET, an hour later
    assert (
        clock.local_time(first, "Europe/Oslo").hour
        == clock.local_time(second, "Europe/Oslo").hour
        == 2
    )
    assert clock.business_date(first, "Europe/Oslo", 4) == clock.business_date(
        second, "Europe/Oslo", 4
    )


@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.integers(0, 12),
)
def test_business_date_is_local_date_or_the_day_before(at: dt.datetime, rollover: int) -> None:
    local = at.replace(tzinfo=UTC).astimezone(OSLO)
    day = clock.business_date(at, "Europe/Oslo", rollover)
    assert day in (local.date(), local.date() - dt.timedelta(days=1))
    assert (day == local.date()) == (local.hour >= rollover)
