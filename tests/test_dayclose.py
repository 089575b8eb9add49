"""Day close: X-report, Z-report, Z numbers, grand total, reopening, read-only days, DST."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from freezegun import freeze_time

from frontdesk.db.models import AuditEvent, DayClose, MegafonSale, Staff, Visit
from frontdesk.errors import BadInput, DayClosed, NotAllowed, NotFound, WrongPin
from frontdesk.services import audit, days, store
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.dayclose import (
    ZReport,
    close_day,
    open_days_before,
    reopen_day,
    x_report,
    z_report,
    z_reports,
)
from frontdesk.services.tally import StaffSales, compute_day, current_version, load_stored
from tests.conftest import LEAD_PIN, open_since
from tests.test_tally import (
    DAY,
    add_attendance,
    add_hand_out,
    add_lunch,
    add_return,
    add_sale,
    add_visit,
    add_visitor,
)

D1, D2, D3 = DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2)


def closes(centre_id: int) -> list[tuple[str, int, int, bool]]:
    """The stored Z rows: (date, z_no, version, reopened), in Z order."""
    rows = (
        DayClose.select()
        .where(DayClose.centre == centre_id)
        .order_by(DayClose.z_no, DayClose.version)
    )
    return [(str(r.business_date), r.z_no, r.version, r.reopened_at is not None) for r in rows]


def sell(actor: Actor, day: dt.date, *sales: tuple[int, str]) -> None:
    """Megafon sales at 50.00 a copy: (copies, payment) each."""
    vendor = add_visitor(actor, f"V{day.day}{len(sales)}{MegafonSale.select().count()}")
    for copies, payment in sales:
        add_sale(actor, vendor, copies, payment, day=day)


# -- X-report -------------------------------------------------------------------


def test_x_report_is_the_running_tally_for_anyone_and_audited(desk: Actor) -> None:
    add_visit(desk, day=None)
    add_visit(desk, day=None)
    result = x_report(desk)
    assert result.business_date == days.today(desk.centre_id)
    assert result.get("visits.total") == 2
    (event,) = audit.recent(desk.centre_id, action="report.x")
    assert (event.actor, event.detail) == (
        "CD",
        {"business_date": result.business_date.isoformat()},
    )


def test_x_report_of_an_earlier_day(lead: Actor) -> None:
    add_lunch(lead, "guest", 3, day=D1)
    assert x_report(lead, D1).get("lunch.total") == 3
    assert x_report(lead, D2).get("lunch.total") == 0


# -- closing -------------------------------------------------------------------------


def test_close_day_stores_the_z_report(lead: Actor, desk: Actor) -> None:
    vendor = add_visitor(lead, "MF1", vendor_number=7)
    add_sale(lead, vendor, 2, "cash", day=D1)  # 100.00
    add_sale(desk, vendor, 1, "cash", day=D1)  # 50.00
    add_sale(desk, vendor, 4, "vipps", day=D1)  # 200.00
    add_visit(lead, day=D1, gender="f")
    add_hand_out(lead, {"NALOX": 1}, day=D1, trained=True)

    z = close_day(lead, 14_000, D1)

    assert isinstance(z, ZReport)
    assert (z.business_date, z.z_no, z.version, z.closed_by) == (D1, 1, 1, "AB")
    assert (z.expected_cash_ore, z.counted_cash_ore, z.diff_ore) == (15_000, 14_000, -1_000)
    assert (z.revenue_ore, z.grand_total_ore) == (35_000, 35_000)
    assert z.sales_by_staff == (
        StaffSales("AB", "cash", 2, 10_000),
        StaffSales("CD", "cash", 1, 5_000),
        StaffSales("CD", "vipps", 4, 20_000),
    )
    assert z.tally.get("visits.f") == 1 and z.tally.get("naloxone.trained") == 1
    assert not z.reopened

    row = DayClose.get()
    version, stored = load_stored(row.tally)
    assert (version, stored) == (current_version(), compute_day(lead.centre_id, D1).metrics)
    assert "cash.counted_ore" not in stored and stored["megafon.cash_ore"] == 15_000
    assert (row.z_no, row.version, row.counted_cash_ore, row.diff_ore) == (1, 1, 14_000, -1_000)
    assert (row.expected_cash_ore, row.revenue_ore, row.grand_total_ore) == (15_000, 35_000, 35_000)
    assert json.loads(row.sales_by_staff)[2] == {
        "initials": "CD",
        "payment": "vipps",
        "copies": 4,
        "ore": 20_000,
    }
    assert row.closed_by_id == lead.staff_id and row.reopened_at is None
    assert days.is_closed(lead.centre_id, D1)

    (event,) = audit.recent(lead.centre_id, action="day.close")
    assert event.detail == {
        "business_date": "2026-03-02",
        "z_no": 1,
        "version": 1,
        "counted": 14_000,
        "expected": 15_000,
        "diff": -1_000,
    }


def test_an_empty_day_can_be_closed(lead: Actor) -> None:
    z = close_day(lead, 0, D1)
    assert (z.z_no, z.expected_cash_ore, z.diff_ore, z.sales_by_staff) == (1, 0, 0, ())


def test_desk_staff_cannot_close_a_day(desk: Actor) -> None:
    with pytest.raises(NotAllowed, match="Only a shift lead may close the day"):
        close_day(desk, 0, D1)
    assert DayClose.select().count() == 0
    assert not days.is_closed(desk.centre_id, D1)


@pytest.mark.parametrize("counted", [-1, 12.5, "1e2", True, None, 100_000_001, 2**31, 2**63])
def test_counted_cash_is_a_whole_plausible_amount(lead: Actor, counted: object) -> None:
    with pytest.raises(BadInput, match="whole amount from 0 to 1 000 000 kr") as caught:
        close_day(lead, counted, D1)  # type: ignore[arg-type]
    assert caught.value.nb and "helt beløp" in caught.value.nb
    assert DayClose.select().count() == 0


def test_a_future_day_cannot_be_closed(lead: Actor) -> None:
    tomorrow = days.today(lead.centre_id) + dt.timedelta(days=1)
    with pytest.raises(BadInput, match=f"The day {tomorrow} has not started yet"):
        close_day(lead, 0, tomorrow)
    assert DayClose.select().count() == 0


def test_today_is_closed_by_default(lead: Actor) -> None:
    add_visit(lead, day=None)
    z = close_day(lead, 0)
    assert z.business_date == days.today(lead.centre_id)
    assert z.tally.get("visits.total") == 1


def test_a_closed_day_cannot_be_closed_twice(lead: Actor) -> None:
    close_day(lead, 0, D1)
    with pytest.raises(BadInput, match=r"The day 2026-03-02 is already closed \(Z-report 1\)\."):
        close_day(lead, 0, D1)
    assert closes(lead.centre_id) == [("2026-03-02", 1, 1, False)]
    assert len(audit.recent(lead.centre_id, action="day.close")) == 1


def test_z_numbers_run_per_centre_without_gaps(lead: Actor) -> None:
    other, member = init_centre("NES", "Nesttun", "EF", "5555")
    open_since(other.id)
    elsewhere = Actor(other.id, member.id, "EF", "lead")
    # Closed out of date order: the number follows the closing, not the date.
    assert [close_day(lead, 0, d).z_no for d in (D2, D1, D3)] == [1, 2, 3]
    assert close_day(elsewhere, 0, D1).z_no == 1
    assert [z for _, z, _, _ in closes(lead.centre_id)] == [1, 2, 3]


# -- grand total -----------------------------------------------------------------------


def test_grand_total_accumulates_earlier_days(lead: Actor) -> None:
    sell(lead, D1, (2, "cash"))  # 100.00
    sell(lead, D2, (1, "card"))  # 50.00
    sell(lead, D3, (3, "vipps"))  # 150.00
    assert close_day(lead, 10_000, D1).grand_total_ore == 10_000
    assert close_day(lead, 0, D3).grand_total_ore == 25_000  # D2 is still open
    z2 = close_day(lead, 0, D2)
    assert (z2.revenue_ore, z2.grand_total_ore) == (5_000, 15_000)


def test_grand_total_survives_a_purge_of_earlier_rows(lead: Actor) -> None:
    sell(lead, D1, (2, "cash"))
    close_day(lead, 10_000, D1)
    # What `frontdesk purge` does to a closed day: raw rows go, the Z row stays.
    MegafonSale.delete().where(MegafonSale.business_date == D1).execute()
    sell(lead, D2, (1, "cash"))
    assert close_day(lead, 5_000, D2).grand_total_ore == 15_000
    assert z_report(lead, D1).tally.get("megafon.revenue_ore") == 10_000


def test_a_reopened_version_leaves_the_grand_total(lead: Actor) -> None:
    sell(lead, D1, (2, "cash"))
    close_day(lead, 10_000, D1)
    reopen_day(lead, D1, LEAD_PIN, "a sale was forgotten")
    sell(lead, D1, (1, "cash"))
    sell(lead, D2, (1, "card"))
    # Only D1's current version counts: nothing while it is reopened.
    assert close_day(lead, 0, D2).grand_total_ore == 5_000
    again = close_day(lead, 15_000, D1)
    assert (again.revenue_ore, again.grand_total_ore, again.diff_ore) == (15_000, 15_000, 0)


# -- reopening -------------------------------------------------------------------------


def test_reopen_then_close_again_keeps_the_z_number(lead: Actor) -> None:
    close_day(lead, 0, D1)
    close_day(lead, 0, D2)

    reopen_day(lead, D1, LEAD_PIN, "  Vipps sale entered as cash  ")

    assert not days.is_closed(lead.centre_id, D1)
    row = DayClose.get((DayClose.business_date == D1) & (DayClose.version == 1))
    assert row.reopen_reason == "Vipps sale entered as cash"
    assert row.reopened_by_id == lead.staff_id and row.reopened_at is not None
    (event,) = audit.recent(lead.centre_id, action="day.reopen")
    assert event.detail == {
        "business_date": "2026-03-02",
        "z_no": 1,
        "version": 1,
        "reason": "Vipps sale entered as cash",
    }

    add_visit(lead, day=D1)  # the correction
    again = close_day(lead, 0, D1)
    assert (again.z_no, again.version) == (1, 2)
    assert again.tally.get("visits.total") == 1
    assert close_day(lead, 0, D3).z_no == 3
    assert closes(lead.centre_id) == [
        ("2026-03-02", 1, 1, True),
        ("2026-03-02", 1, 2, False),
        ("2026-03-03", 2, 1, False),
        ("2026-03-04", 3, 1, False),
    ]
    # The first version still holds the tally it was closed with.
    _, old = load_stored(
        DayClose.get((DayClose.business_date == D1) & (DayClose.version == 1)).tally
    )
    assert old["visits.total"] == 0


def test_reopen_needs_the_right_pin_counted_and_audited(lead: Actor) -> None:
    close_day(lead, 0, D1)
    with pytest.raises(WrongPin, match="Wrong initials or PIN"):
        reopen_day(lead, D1, "0000", "recount")
    assert days.is_closed(lead.centre_id, D1)
    assert Staff.get_by_id(lead.staff_id).failed_pins == 1
    assert AuditEvent.select().where(AuditEvent.action == "pin.failed").count() == 1
    assert audit.recent(lead.centre_id, action="day.reopen") == []


@pytest.mark.parametrize("reason", ["", "   ", "x" * 201, None])
def test_reopen_needs_a_reason(lead: Actor, reason: str | None) -> None:
    close_day(lead, 0, D1)
    with pytest.raises(BadInput, match="Give a reason of 1 to 200 characters") as caught:
        reopen_day(lead, D1, LEAD_PIN, reason)  # type: ignore[arg-type]
    assert caught.value.nb == "Skriv en årsak på 1 til 200 tegn."
    assert days.is_closed(lead.centre_id, D1)


def test_a_reason_of_200_characters_is_enough(lead: Actor) -> None:
    close_day(lead, 0, D1)
    reopen_day(lead, D1, LEAD_PIN, "x" * 200)
    assert not days.is_closed(lead.centre_id, D1)


def test_desk_staff_cannot_reopen(lead: Actor, desk: Actor) -> None:
    close_day(lead, 0, D1)
    with pytest.raises(NotAllowed, match="Only a shift lead may reopen a day"):
        reopen_day(desk, D1, "1234", "recount")
    assert days.is_closed(lead.centre_id, D1)


def test_an_open_day_cannot_be_reopened(lead: Actor) -> None:
    with pytest.raises(BadInput, match="The day 2026-03-02 is not closed"):
        reopen_day(lead, D1, LEAD_PIN, "recount")
    close_day(lead, 0, D1)
    reopen_day(lead, D1, LEAD_PIN, "recount")
    with pytest.raises(BadInput, match="is not closed"):
        reopen_day(lead, D1, LEAD_PIN, "again")


def test_the_command_line_reopens_without_a_pin(lead: Actor) -> None:
    cli = Actor.cli(lead.centre_id)
    z = close_day(cli, 0, D1)
    assert z.closed_by == "cli"
    reopen_day(cli, D1, "", "late delivery")
    assert z_report(cli, D1).reopened_by == "cli"


# -- a closed day is read-only ---------------------------------------------------------


def test_a_closed_day_refuses_writes_until_reopened(lead: Actor) -> None:
    today = days.today(lead.centre_id)
    close_day(lead, 0)
    close_day(lead, 0, D1)
    with pytest.raises(DayClosed, match=f"The day {today} is closed"), store.write():
        days.stamp(lead.centre_id)
    with pytest.raises(DayClosed) as caught, store.write():
        days.ensure_open(lead.centre_id, D1)
    assert caught.value.business_date == D1 and "avsluttet" in (caught.value.nb or "")
    with store.write():
        days.ensure_open(lead.centre_id, D2)  # another day stays writable

    reopen_day(lead, today, LEAD_PIN, "late arrival")
    reopen_day(lead, D1, LEAD_PIN, "correction")
    with store.write():
        assert days.stamp(lead.centre_id).business_date == today
        days.ensure_open(lead.centre_id, D1)


# -- showing Z-reports ----------------------------------------------------------------


def test_z_report_shows_the_stored_report_and_is_audited(lead: Actor, desk: Actor) -> None:
    sell(lead, D1, (2, "cash"))
    closed = close_day(lead, 9_000, D1)
    sell(lead, D1, (5, "card"))  # written behind the close's back: the Z-report is stored

    shown = z_report(desk, D1)

    assert shown == closed
    assert shown.tally.metrics == closed.tally.metrics
    (event,) = audit.recent(lead.centre_id, action="report.z")
    assert event.actor == "CD"
    assert event.detail == {"business_date": "2026-03-02", "z_no": 1, "version": 1}


def test_z_report_of_a_reopened_day_is_its_latest_version(lead: Actor) -> None:
    close_day(lead, 0, D1)
    reopen_day(lead, D1, LEAD_PIN, "recount")
    shown = z_report(lead, D1)
    assert (shown.version, shown.reopened, shown.reopen_reason) == (1, True, "recount")
    assert shown.reopened_by == "AB"
    close_day(lead, 100, D1)
    shown = z_report(lead, D1)
    assert (shown.version, shown.reopened, shown.counted_cash_ore) == (2, False, 100)


def test_z_report_of_a_day_never_closed(lead: Actor) -> None:
    with pytest.raises(NotFound, match="The day 2026-03-02 has not been closed"):
        z_report(lead, D1)


def test_z_reports_newest_first_latest_versions(lead: Actor) -> None:
    for day in (D1, D2, D3):
        close_day(lead, 0, day)
    reopen_day(lead, D2, LEAD_PIN, "recount")
    close_day(lead, 500, D2)

    listed = z_reports(lead.centre_id)

    assert [(z.z_no, z.version, z.counted_cash_ore) for z in listed] == [
        (3, 1, 0),
        (2, 2, 500),
        (1, 1, 0),
    ]
    assert [z.z_no for z in z_reports(lead.centre_id, limit=2)] == [3, 2]
    assert all(z.closed_by == "AB" for z in listed)


# -- days left open --------------------------------------------------------------------


def test_open_days_before_lists_earlier_days_with_activity(lead: Actor) -> None:
    today = days.today(lead.centre_id)
    back = [today - dt.timedelta(days=n) for n in range(1, 10)]
    add_visit(lead, day=back[0])
    add_lunch(lead, "guest", day=back[1])
    sell(lead, back[2], (1, "cash"))
    add_hand_out(lead, {"SPR2ML": 1}, day=back[3])
    add_return(lead, 5, day=back[4])
    add_attendance(lead, add_visitor(lead, "DV1", dagsverket=True), day=back[5])
    add_visit(lead, day=back[6])
    add_visit(lead, day=back[7])
    add_visit(lead, day=today)  # today is not "before"
    add_visit(lead, day=today - dt.timedelta(days=500))  # beyond the look-back
    other, member = init_centre("NES", "Nesttun", "EF", "5555")
    add_visit(Actor(other.id, member.id, "EF", "lead"), day=back[8])

    close_day(lead, 0, back[6])
    close_day(lead, 0, back[7])
    reopen_day(lead, back[7], LEAD_PIN, "recount")

    expected = sorted([*back[:6], back[7]])
    assert open_days_before(lead.centre_id) == expected
    assert open_days_before(lead.centre_id, back[2]) == sorted(back[3:6] + [back[7]])
    assert open_days_before(other.id) == [back[8]]


def test_no_open_days_on_a_new_centre(lead: Actor) -> None:
    assert open_days_before(lead.centre_id) == []


# -- business dates: after midnight, and daylight saving -------------------------------


def test_closing_at_half_past_one_closes_the_evening_before(lead: Actor) -> None:
    # 2026-03-02 22:00 and 2026-03-03 01:00 in Oslo (CET, UTC+1) are one evening.
    with freeze_time("2026-03-02 21:00:00"):
        add_visit(lead, day=None)
    with freeze_time("2026-03-03 00:00:00"):
        add_visit(lead, day=None)
    with freeze_time("2026-03-03 00:30:00"):  # 01:30 local
        z = close_day(lead, 0)
        assert (z.business_date, z.tally.get("visits.total")) == (dt.date(2026, 3, 2), 2)
        assert z.tally.get("visits.hour.22") == 1 and z.tally.get("visits.hour.01") == 1
        with pytest.raises(DayClosed), store.write():
            days.stamp(lead.centre_id)
    with freeze_time("2026-03-03 03:00:00"), store.write():  # 04:00 local: the next day
        assert days.stamp(lead.centre_id).business_date == dt.date(2026, 3, 3)


@pytest.mark.parametrize(
    ("start_utc", "first_day", "split", "hours"),
    [
        # Spring forward, Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST; the
        # 04:00 rollover is 02:00 UTC. No local hour 02 exists that night.
        ("2026-03-28 19:00", dt.date(2026, 3, 28), (42, 25), {"02": 0, "03": 6, "01": 6}),
        # Fall back, Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET; the
        # rollover is 03:00 UTC. Local hour 02 happens twice.
        ("2026-10-24 19:00", dt.date(2026, 10, 24), (48, 19), {"02": 12, "03": 6, "01": 6}),
    ],
)
def test_a_dst_night_puts_each_event_on_one_day(
    lead: Actor,
    start_utc: str,
    first_day: dt.date,
    split: tuple[int, int],
    hours: dict[str, int],
) -> None:
    second_day = first_day + dt.timedelta(days=1)
    events = 0
    with freeze_time(start_utc) as frozen:
        # Every 10 minutes from 19:00 to 06:00 UTC.
        for _ in range(11 * 6 + 1):
            add_visit(lead, day=None)
            events += 1
            frozen.tick(dt.timedelta(minutes=10))

    assert Visit.select().where(Visit.business_date.not_in([first_day, second_day])).count() == 0
    first, second = compute_day(lead.centre_id, first_day), compute_day(lead.centre_id, second_day)
    assert (first.get("visits.total"), second.get("visits.total")) == split
    assert sum(split) == events == 67
    assert {h: first.get(f"visits.hour.{h}") for h in hours} == hours
    assert sum(first.hours) + sum(second.hours) == events

    z1, z2 = close_day(lead, 0, first_day), close_day(lead, 0, second_day)
    assert z1.tally.get("visits.total") + z2.tally.get("visits.total") == events
