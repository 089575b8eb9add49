"""freezegun leaves pytest's own timer alone, so --durations reports real durations."""

from __future__ import annotations

from _pytest import timing
from freezegun import freeze_time


def test_pytest_timing_keeps_real_time_under_freeze_time() -> None:
    before = timing.time()
    with freeze_time("2000-01-01 00:00:00"):
        during = timing.time()
    assert during >= before  # frozen, it would read 946684800 (the year 2000)
