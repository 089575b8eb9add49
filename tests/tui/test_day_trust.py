"""F5 Day under real hands: actions act on the day shown, every Z-report version,
the close asks once more, and a desk user hands over to a lead in place."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable

from frontdesk import clock
from frontdesk.db.models import AuditEvent
from frontdesk.services import dayclose, days, visits
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.cash_count import CashCountScreen
from frontdesk.tui.screens.lead_pin import LeadPinScreen
from frontdesk.tui.screens.reopen import ReopenScreen
from tests.tui.conftest import DESK_PIN, settle, signed_in
from tests.tui.conftest import screen_text as raw_screen_text


def screen_text(app: DeskApp) -> str:
    return raw_screen_text(app).replace("\u00a0", " ")


def on_day(monkeypatch: pytest.MonkeyPatch, days_ago: int) -> None:
    real_now = clock.utcnow.__wrapped__ if hasattr(clock.utcnow, "__wrapped__") else clock.utcnow

    def shifted() -> dt.datetime:
        return real_now() - dt.timedelta(days=days_ago)

    shifted.__wrapped__ = real_now  # type: ignore[attr-defined]
    monkeypatch.setattr(clock, "utcnow", shifted)


def closed_days_behind_today(lead: Actor, monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Two earlier days closed (Z 1, Z 2) and today closed (Z 3); returns today."""
    for ago in (2, 1, 0):
        on_day(monkeypatch, ago)
        visits.check_in(lead)
        dayclose.close_day(lead, 0)
    monkeypatch.undo()
    return days.today(lead.centre_id)


async def open_day_tab(app: DeskApp, pilot, initials: str = "AB", pin: str = "4711") -> None:
    await signed_in(app, pilot, initials, pin)
    await pilot.press("f5")
    await settle(app, pilot)


async def test_f7_reopens_the_day_on_screen_not_the_row_scrolled_to(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = closed_days_behind_today(lead_actor, monkeypatch)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        assert f"Z-rapport nr 3 · driftsdato {today.isoformat()}" in screen_text(app)
        await pilot.press("f9", "down", "down", "f8")  # the list cursor stays on an earlier day
        await settle(app, pilot)
        await pilot.press("f7")
        await settle(app, pilot)
        assert isinstance(app.screen, ReopenScreen)
        assert app.screen.business_date == today
        assert f"Gjenåpne dag {today.isoformat()} (Z-rapport nr 3)" in screen_text(app)
        await pilot.press(*"4711", "enter", *"glemt salg", "enter")
        await settle(app, pilot)
    assert not days.is_closed(lead_actor.centre_id, today)
    assert days.is_closed(lead_actor.centre_id, today - dt.timedelta(days=2))


async def test_f7_on_an_earlier_z_report_shown_reopens_that_day(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = closed_days_behind_today(lead_actor, monkeypatch)
    earlier = today - dt.timedelta(days=2)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        await pilot.press("f9", "down", "down", "enter")
        await settle(app, pilot)
        assert f"Z-rapport nr 1 v1 · driftsdato {earlier.isoformat()}" in screen_text(app)
        await pilot.press("f7")
        await settle(app, pilot)
        assert isinstance(app.screen, ReopenScreen)
        assert f"Gjenåpne dag {earlier.isoformat()} (Z-rapport nr 1)" in screen_text(app)


async def test_every_z_report_version_is_listed_and_enter_shows_it(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_day(monkeypatch, 1)
    visits.check_in(lead_actor)
    dayclose.close_day(lead_actor, 1000)
    dayclose.reopen_day(lead_actor, days.today(lead_actor.centre_id), "4711", "glemt salg")
    visits.check_in(lead_actor)
    dayclose.close_day(lead_actor, 2000)
    monkeypatch.undo()
    app = DeskApp(desk_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_day_tab(app, pilot)
        table = app.screen.query_one("#day-z-list", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [(r[0], r[2], r[3]) for r in rows] == [
            ("1", "2", "avsluttet"),
            ("1", "1", "gjenåpnet"),
        ]
        assert rows[1][8].endswith(" AB") and rows[1][9] == "glemt salg"
        await pilot.press("down", "enter")  # version 1: one visit, 10,00 kr counted
        await settle(app, pilot)
        text = screen_text(app)
        assert "Z-rapport nr 1 v1" in text and "opptalt 10,00 kr" in text
        assert "av AB: glemt salg" in text
        assert app.panes["day"].query_one("#day-visits").render().plain.count(" 1") >= 1
        await pilot.press("up", "enter")  # version 2: two visits, 20,00 kr counted
        await settle(app, pilot)
        text = screen_text(app)
        assert "Z-rapport nr 1 v2" in text and "opptalt 20,00 kr" in text
        assert (
            "Besøk totalt" in text
            and "2" in app.panes["day"].query_one("#day-visits").render().plain
        )


async def test_closing_asks_once_more_with_the_day_and_its_figures(
    desk_db: str, lead_actor: Actor
) -> None:
    today = days.today(lead_actor.centre_id)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press(*"12", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CashCountScreen)  # asked, not closed
        assert not days.is_closed(lead_actor.centre_id, today)
        text = screen_text(app)
        assert f"Avslutte {today.isoformat()}? Forventet 0,00 kr · opptalt 12,00 kr" in text
        assert "differanse 12,00 kr" in text
        await pilot.press("escape")  # back to the amount, the dialog stays
        assert isinstance(app.screen, CashCountScreen)
        await pilot.press("backspace", "enter")  # a changed amount is asked about again
        await settle(app, pilot)
        assert "opptalt 1,00 kr" in screen_text(app)
        assert not days.is_closed(lead_actor.centre_id, today)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, CashCountScreen)
    [z] = dayclose.z_reports(lead_actor.centre_id)
    assert z.counted_cash_ore == 100


async def test_closing_an_earlier_day_shows_that_day_behind_the_dialog(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_day(monkeypatch, 1)
    visits.check_in(lead_actor)
    visits.check_in(lead_actor)
    monkeypatch.undo()
    visits.check_in(lead_actor)  # today: one visit
    yesterday = days.today(lead_actor.centre_id) - dt.timedelta(days=1)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CashCountScreen)
        assert yesterday.isoformat() in screen_text(app)
        behind = app.screen_stack[0]
        title = str(behind.query_one("#day-title").render())
        assert f"driftsdato {yesterday.isoformat()} · ikke avsluttet" in title
        visits_box = behind.query_one("#day-visits").render().plain
        assert visits_box.splitlines()[0].endswith("2")  # yesterday's two visits, not today's one


async def test_a_desk_user_closes_the_day_with_a_lead_pin_in_place(
    desk_db: str, lead_actor: Actor
) -> None:
    today = days.today(lead_actor.centre_id)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot, "CD", DESK_PIN)
        await pilot.press("f6")
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        await pilot.press(*"cd", "enter", *DESK_PIN, "enter")  # a desk member is no lead
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        assert "Bare en vaktleder" in screen_text(app)
        await pilot.press(*"ab")  # initials field still holds "cd": clear it
        app.screen.query_one("#lead-initials").value = ""
        app.screen.query_one("#lead-initials").focus()
        await pilot.press(*"ab", "enter", *"9999", "enter")
        await settle(app, pilot)
        assert "Feil initialer eller PIN." in screen_text(app)
        await pilot.press(*"4711", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CashCountScreen)
        await pilot.press("0", "enter", "enter")
        await settle(app, pilot)
        assert app.actor.initials == "CD"  # still the desk user's desk
    z = dayclose.current_z(lead_actor.centre_id, today)
    assert z is not None and z.closed_by == "AB"
    event = AuditEvent.select().where(AuditEvent.action == "day.close").get()
    assert event.staff_id == lead_actor.staff_id


async def test_a_desk_user_reopens_with_the_leads_initials_and_pin(
    desk_db: str, lead_actor: Actor
) -> None:
    visits.check_in(lead_actor)
    dayclose.close_day(lead_actor, 0)
    today = days.today(lead_actor.centre_id)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot, "CD", DESK_PIN)
        await pilot.press("f7")
        await settle(app, pilot)
        assert isinstance(app.screen, ReopenScreen)
        await pilot.press(*"ab", "enter", *"4711", "enter", *"glemt salg", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ReopenScreen)
    [z] = dayclose.z_reports(lead_actor.centre_id)
    assert z.reopened_by == "AB" and not days.is_closed(lead_actor.centre_id, today)


async def test_x_and_z_report_list_supplies_in_catalogue_order_naloxone_once(
    desk_db: str, lead_actor: Actor
) -> None:
    from frontdesk.services import supplies

    supplies.hand_out(lead_actor, {"KAN23G": 3})
    supplies.hand_out(
        lead_actor, {"NALOX": 1, "SPR2ML": 5}, naloxone_recipient="user", naloxone_trained=True
    )
    supplies.hand_out(lead_actor, {"SPR1ML": 2})
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)

        def supply_lines() -> list[str]:
            box = app.panes["day"].query_one("#day-supplies").render().plain
            return [" ".join(line.split()) for line in box.splitlines()]

        expected = [
            "Sprøyte 1 ml 2",
            "Sprøyte 2 ml 5",
            "Kanyle 23G 3",
            "Nalokson, sett 1",
            "Nalokson, opplært 1",
            "Returnerte sprøyter 0",
        ]
        assert supply_lines() == expected
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press("0", "enter", "enter")
        await settle(app, pilot)
        assert "Z-rapport nr 1" in screen_text(app)
        assert supply_lines() == expected  # the stored Z-report: the same lines, same order


async def test_a_lead_corrects_a_reopened_earlier_day_and_closes_it_again(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from frontdesk.services import lunch, megafon
    from tests.tui.conftest import VENDOR_NUMBER

    on_day(monkeypatch, 1)
    visits.check_in(lead_actor)
    dayclose.close_day(lead_actor, 0)
    monkeypatch.undo()
    today = days.today(lead_actor.centre_id)
    yesterday = today - dt.timedelta(days=1)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        await pilot.press("f9", "enter")  # yesterday's Z-report
        await settle(app, pilot)
        await pilot.press("f7")
        await settle(app, pilot)
        await pilot.press(*"4711", "enter", *"glemt salg", "enter")
        await settle(app, pilot)
        assert f"Dagen {yesterday.isoformat()} er gjenåpnet: F10 retter den" in screen_text(app)
        await pilot.press("f10")
        await settle(app, pilot)
        assert f"RETTER {yesterday.isoformat()}" in screen_text(app)  # on every tab
        await pilot.press("f3")
        await settle(app, pilot)
        assert f"RETTER {yesterday.isoformat()}" in screen_text(app)
        await pilot.press(*str(VENDOR_NUMBER), "enter", "f6")  # a forgotten cash sale
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        await pilot.press("tab", "tab", "2", "enter")  # two forgotten guest portions
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        assert f"driftsdato {yesterday.isoformat()} · RETTES" in screen_text(app)
        await pilot.press("f6")
        await settle(app, pilot)
        assert yesterday.isoformat() in screen_text(app)
        await pilot.press(*"50", "enter", "enter")
        await settle(app, pilot)
        assert app.correcting is None  # closed again: back to recording on today
        assert "RETTER" not in screen_text(app)
    [sale] = megafon.sales_on(lead_actor.centre_id, yesterday)
    assert sale.payment == "cash" and megafon.sales_on(lead_actor.centre_id) == []
    assert lunch.roster(lead_actor.centre_id, yesterday).portions["guest"] == 2
    z = dayclose.current_z(lead_actor.centre_id, yesterday)
    assert (z.version, z.tally.get("megafon.copies"), z.diff_ore) == (2, 1, 0)
    events = AuditEvent.select().where(AuditEvent.action.in_(["megafon.sell", "lunch.add"]))
    assert [json.loads(e.detail)["correction"] for e in events] == [yesterday.isoformat()] * 2


async def test_after_a_close_the_z_list_cursor_is_on_the_new_version(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.tui.widgets.pane_kit import selected_key

    today = closed_days_behind_today(lead_actor, monkeypatch)
    dayclose.reopen_day(lead_actor, today, "4711", "glemt salg")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        table = app.screen.query_one("#day-z-list", DataTable)
        table.move_cursor(row=table.row_count - 1)  # on the oldest Z-report
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press("0", "enter", "enter")
        await settle(app, pilot)
        assert selected_key(table) == f"{today.isoformat()}/2"


async def test_a_burst_of_initials_enter_pin_enter_in_the_lead_prompt_is_kept(
    desk_db: str, lead_actor: Actor
) -> None:
    from textual import events

    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_day_tab(app, pilot, "CD", DESK_PIN)
        await pilot.press("f6")
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        # One read from a fast typist or a paste: every key queued before any is handled.
        for key, char in [("a", "a"), ("b", "b"), ("enter", "\r")] + [(d, d) for d in "4711"]:
            app.post_message(events.Key(key, char))
        app.post_message(events.Key("enter", "\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, CashCountScreen)


async def test_a_hand_over_shows_today_not_the_previous_users_z_report(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = closed_days_behind_today(lead_actor, monkeypatch)
    earlier = today - dt.timedelta(days=2)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        await pilot.press("f9", "down", "down", "enter")
        await settle(app, pilot)
        assert f"driftsdato {earlier.isoformat()}" in screen_text(app)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        await pilot.press(*"cd", "enter", *DESK_PIN, "enter")
        await settle(app, pilot)
        assert app.actor.initials == "CD"
        assert f"Z-rapport nr 3 · driftsdato {today.isoformat()}" in screen_text(app)


async def test_locking_ends_a_correction_and_a_desk_user_cannot_start_one(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_day(monkeypatch, 1)
    visits.check_in(lead_actor)
    dayclose.close_day(lead_actor, 0)
    monkeypatch.undo()
    yesterday = days.today(lead_actor.centre_id) - dt.timedelta(days=1)
    dayclose.reopen_day(lead_actor, yesterday, "4711", "glemt")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot, "CD", DESK_PIN)
        await pilot.press("f9", "enter", "f10")
        await settle(app, pilot)
        assert app.correcting is None
        assert "Bare en vaktleder kan rette en tidligere dag" in screen_text(app)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        await pilot.press(*"ab", "enter", *"4711", "enter")
        await settle(app, pilot)
        await pilot.press("f5", "f9", "enter", "f10")
        await settle(app, pilot)
        assert app.correcting == yesterday
        await pilot.press("ctrl+l")  # the next user records on today again
        await settle(app, pilot)
        assert app.correcting is None
        await pilot.press(*"cd", "enter", *DESK_PIN, "enter", "f1", "enter")
        await settle(app, pilot)
    assert visits.count_visits(lead_actor.centre_id, yesterday) == 1
    assert visits.count_visits(lead_actor.centre_id) == 1
