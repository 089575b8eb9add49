"""Retention (issue 16): individual rows of closed days older than `retention_days` are
purged at the first sign-on of a business day and by `frontdesk purge --retention`.

On both databases, on a frozen clock.
"""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from frontdesk.db.models import DayClose, Visit, Visitor
from frontdesk.services import dayclose, rights
from frontdesk.services import visits as visits_service
from frontdesk.services.actor import Actor
from frontdesk.services.settings import get_settings, set_setting
from tests.test_cli_export import run

TODAY = dt.date(2026, 6, 15)
NOW = "2026-06-15 10:00:00"  # noon in Oslo (summer time)
OLD = TODAY - dt.timedelta(days=40)
RECENT = TODAY - dt.timedelta(days=10)


def visit_on(lead: Actor, day: dt.date, code: str | None = None, close: bool = True) -> None:
    with freeze_time(f"{day.isoformat()} 09:00:00"):
        if code:
            visits_service.register_visitor(lead, code)
        visits_service.check_in(lead, code)
    if close:
        with freeze_time(NOW):
            dayclose.close_day(lead, 0, day)


def codes() -> set[str]:
    return {v.code for v in Visitor.select()}


@pytest.fixture
def thirty_days(lead: Actor) -> Actor:
    set_setting(lead, "retention_days", "30")
    visit_on(lead, OLD, "OLD1")
    visit_on(lead, RECENT, "NEW1")
    return lead


def test_the_setting_defaults_to_a_year_and_0_turns_it_off(backend: str, lead: Actor) -> None:
    assert get_settings(lead.centre_id).retention_days == 365
    set_setting(lead, "retention_days", "0")
    visit_on(lead, OLD, "OLD1")
    with freeze_time(NOW):
        assert not rights.retention_due(lead.centre_id)
        assert rights.apply_retention(lead.centre_id, only_if_due=True) is None
        assert rights.retention_before(lead.centre_id) is None
    assert codes() == {"OLD1"}
    with pytest.raises(Exception, match="between 0 and 3660"):
        set_setting(lead, "retention_days", "-1")


def test_the_first_sign_on_of_a_day_purges_rows_past_retention_once(
    backend: str, thirty_days: Actor
) -> None:
    c = thirty_days.centre_id
    with freeze_time(NOW):
        assert rights.retention_due(c) and rights.retention_last_run(c) is None
        run_ = rights.apply_retention(c, only_if_due=True)
        assert run_ is not None and run_.before == TODAY - dt.timedelta(days=30)
        assert run_.purged is not None and run_.purged.totals()["visits"] == 1
        assert rights.retention_last_run(c) == dt.datetime(2026, 6, 15, 10, tzinfo=dt.UTC)
        assert not rights.retention_due(c)
        assert rights.apply_retention(c, only_if_due=True) is None  # the next sign-on today
    assert codes() == {"NEW1"}
    assert [v.business_date for v in Visit.select()] == [RECENT]
    assert DayClose.get(DayClose.business_date == OLD).purged_at is not None
    # Before the rollover hour (04:00 in Oslo) it is still the same business day.
    with freeze_time("2026-06-16 01:30:00"):
        assert not rights.retention_due(c)
    with freeze_time("2026-07-10 10:00:00"):  # RECENT is now 35 days old
        assert rights.retention_due(c)
        rights.apply_retention(c, only_if_due=True)
    assert codes() == set() and Visit.select().count() == 0


def test_an_earlier_day_left_open_stops_retention_there(backend: str, thirty_days: Actor) -> None:
    c = thirty_days.centre_id
    left_open = OLD - dt.timedelta(days=5)
    visit_on(thirty_days, left_open, "OPEN1", close=False)
    with freeze_time(NOW):
        assert rights.retention_before(c) == left_open
        rights.apply_retention(c)
    assert codes() == {"OLD1", "NEW1", "OPEN1"}  # nothing purged, nothing refused
    with freeze_time(NOW):
        dayclose.close_day(thirty_days, 0, left_open)
        rights.apply_retention(c)
    assert codes() == {"NEW1"}


def test_purge_retention_on_the_command_line(backend: str, thirty_days: Actor) -> None:
    with freeze_time(NOW):
        refused = run("--db", backend, "purge", "--retention")
        assert refused.exit_code == 2 and "pass --yes" in refused.stderr
        done = run("--db", backend, "purge", "--retention", "--yes")
        again = run("--db", backend, "purge", "--retention", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "Will delete from 1 closed day before 2026-05-16 at STR: 1 visits" in done.stdout
    assert "Deleted from 1 closed day before 2026-05-16 at STR" in done.stdout
    assert again.stdout == "Nothing at STR is older than its retention (2026-05-16).\n"
    assert codes() == {"NEW1"}
    assert rights.retention_last_run(thirty_days.centre_id) is not None
    for args in ((), ("--before", "2026-05-01", "--retention")):
        wrong = run("--db", backend, "purge", *args, "--yes")
        assert wrong.exit_code == 2 and "Give either --before DATE or --retention" in wrong.stderr


def test_retention_stops_after_a_batch_when_asked_and_finishes_next_time(
    backend: str, thirty_days: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.services import purge

    monkeypatch.setattr(purge, "BATCH_ROWS", 1)  # one day per batch
    visit_on(thirty_days, OLD - dt.timedelta(days=1), "OLD0")
    with freeze_time(NOW):
        stopped = rights.apply_retention(thirty_days.centre_id, keep_going=lambda: False)
        assert stopped is not None and stopped.purged is None
        # The first day went, whole; the next is untouched (codes go with the last batch).
        assert sorted(v.business_date for v in Visit.select()) == [OLD, RECENT]
        rights.apply_retention(thirty_days.centre_id)
    assert codes() == {"NEW1"}
