"""F5 Day: the X-report, closing the day as a lead (Z-report), refusals, reopening."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from frontdesk import clock
from frontdesk.errors import DayClosed
from frontdesk.services import dayclose, days, megafon, visits
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.cash_count import CashCountScreen
from frontdesk.tui.screens.reopen import ReopenScreen
from tests.tui.conftest import DESK_PIN, VENDOR, settle, signed_in
from tests.tui.conftest import screen_text as raw_screen_text


def screen_text(app: DeskApp) -> str:
    """The screen's text with amounts' non-breaking spaces as plain spaces."""
    return raw_screen_text(app).replace("\u00a0", " ")


async def open_day_tab(app: DeskApp, pilot, initials: str = "AB", pin: str = "4711") -> None:
    await signed_in(app, pilot, initials, pin)
    await pilot.press("f5")
    await settle(app, pilot)


async def test_the_x_report_shows_today(desk_db: str, lead_actor: Actor) -> None:
    visits.check_in(lead_actor)
    visits.check_in(lead_actor, "AB85")
    megafon.sell(lead_actor, VENDOR, 2, "vipps")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        text = screen_text(app)
        assert "X-rapport" in text and "dagen er åpen" in text
        assert "Besøk totalt" in text
        assert "100,00 kr" in text  # two copies at 50,00 kr by Vipps
        assert app.panes["day"].query_one("#day-hours").counts[days.now_stamp(1).local_hour] == 2


async def test_a_lead_counts_cash_and_closes_the_day(desk_db: str, lead_actor: Actor) -> None:
    from frontdesk.services.settings import set_setting

    set_setting(lead_actor, "blind_count", "off")  # the expected amount shows from the start
    megafon.sell(lead_actor, VENDOR, 1, "cash")  # 50,00 kr expected in the cash box
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        assert isinstance(app.screen, CashCountScreen)
        assert "50,00 kr" in screen_text(app)
        await pilot.press("1", "2", "space", "3", "4")  # "12 34": not kroner, refused, kept
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CashCountScreen)
        assert "Skriv beløpet i kroner" in screen_text(app)
        assert app.screen.query_one("#cash-counted", Input).value == "12 34"
        assert not days.is_closed(lead_actor.centre_id, days.today(lead_actor.centre_id))
        app.screen.query_one("#cash-counted", Input).value = ""
        await pilot.press(*"45,50")
        await settle(app, pilot)
        assert "differanse -4,50 kr" in screen_text(app)
        await pilot.press("enter", "enter")  # the amount, then "yes, close it"
        await settle(app, pilot)

        assert not isinstance(app.screen, CashCountScreen)
        text = screen_text(app)
        assert "Z-rapport nr 1" in text
        assert "opptalt 45,50 kr" in text and "differanse -4,50 kr" in text
        assert "Dagen er avsluttet" in text
        assert "AB" in text and "kontant" in text  # sales by staff and payment

        today = days.today(lead_actor.centre_id)
        assert days.is_closed(lead_actor.centre_id, today)
        [z] = dayclose.z_reports(lead_actor.centre_id)
        assert (z.z_no, z.version, z.counted_cash_ore, z.diff_ore) == (1, 1, 4550, -450)

        # The day is read-only now: a sale is refused with the day-closed sentence.
        await pilot.press("f3")
        await settle(app, pilot)
        await pilot.press(*"101", "enter", "f6")
        await settle(app, pilot)
        assert f"Dagen {today.isoformat()} er avsluttet" in screen_text(app)
    with pytest.raises(DayClosed) as refused:
        visits.check_in(lead_actor)
    assert "er avsluttet" in refused.value.text("nb")
    assert visits.count_visits(lead_actor.centre_id) == 0


async def test_desk_staff_may_not_close_the_day(desk_db: str, lead_actor: Actor) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot, "CD", DESK_PIN)
        await pilot.press("f6")
        await settle(app, pilot)
        assert not isinstance(app.screen, CashCountScreen)
        assert "Vaktleder kreves: tell kasse og avslutt dagen" in screen_text(app)
        await pilot.press("escape")  # no lead at hand: nothing happens
        await settle(app, pilot)
    assert not days.is_closed(lead_actor.centre_id, days.today(lead_actor.centre_id))
    assert dayclose.z_reports(lead_actor.centre_id) == []


async def test_a_lead_reopens_a_closed_day_with_pin_and_reason(
    desk_db: str, lead_actor: Actor
) -> None:
    visits.check_in(lead_actor)
    dayclose.close_day(lead_actor, 0)
    today = days.today(lead_actor.centre_id)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        assert "Dagen er avsluttet" in screen_text(app)
        await pilot.press("f7")
        await settle(app, pilot)
        assert isinstance(app.screen, ReopenScreen)
        await pilot.press(*"9999", "enter", *"glemt salg", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReopenScreen)  # wrong PIN: refused, the reason kept
        assert "Feil initialer eller PIN." in screen_text(app)
        assert app.screen.query_one("#reopen-reason", Input).value == "glemt salg"
        assert days.is_closed(lead_actor.centre_id, today)
        await pilot.press(*"4711", "enter", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ReopenScreen)
        text = screen_text(app)
        assert f"Dagen {today.isoformat()} er gjenåpnet." in text
        assert "dagen er åpen" in text and "gjenåpnet" in text
    assert not days.is_closed(lead_actor.centre_id, today)
    [z] = dayclose.z_reports(lead_actor.centre_id)
    assert z.reopened_at is not None and z.reopen_reason == "glemt salg"
    visits.check_in(lead_actor)  # writes are allowed again
    assert visits.count_visits(lead_actor.centre_id) == 2


async def test_a_lead_closes_an_earlier_day_left_open(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_now = clock.utcnow
    monkeypatch.setattr(clock, "utcnow", lambda: real_now() - dt.timedelta(days=1))
    visits.check_in(lead_actor)  # yesterday, never closed
    monkeypatch.setattr(clock, "utcnow", real_now)
    today = days.today(lead_actor.centre_id)
    yesterday = today - dt.timedelta(days=1)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        text = screen_text(app)
        assert "Tidligere dager er ikke avsluttet" in text and yesterday.isoformat() in text
        await pilot.press("enter")  # the cursor starts on the open day
        await settle(app, pilot)
        assert isinstance(app.screen, CashCountScreen)
        assert yesterday.isoformat() in screen_text(app)
        await pilot.press("0", "enter", "enter")
        await settle(app, pilot)
        text = screen_text(app)
        assert f"Dagen {yesterday.isoformat()} er avsluttet: Z-rapport nr 1." in text
        assert "Tidligere dager er ikke avsluttet" not in text
        await pilot.press("f8")  # back to today's X-report
        await settle(app, pilot)
        assert f"driftsdato {today.isoformat()} · dagen er åpen" in screen_text(app)
    assert days.is_closed(lead_actor.centre_id, yesterday)
    assert not days.is_closed(lead_actor.centre_id, today)
    assert dayclose.open_days_before(lead_actor.centre_id) == []


async def test_the_palette_starts_the_day_close_from_another_tab(
    desk_db: str, lead_actor: Actor
) -> None:
    from tests.tui.test_palette import run_command

    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)  # on the check-in tab; the day tab has not loaded yet
        await run_command(app, pilot, "tell kasse og avslutt")
        assert isinstance(app.screen, CashCountScreen)
        await pilot.press("0", "enter", "enter")
        await settle(app, pilot)
        assert "Z-rapport nr 1" in screen_text(app)
    assert days.is_closed(lead_actor.centre_id, days.today(lead_actor.centre_id))


async def test_an_earlier_z_report_is_shown_from_the_list(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_now = clock.utcnow
    monkeypatch.setattr(clock, "utcnow", lambda: real_now() - dt.timedelta(days=1))
    visits.check_in(lead_actor)
    dayclose.close_day(lead_actor, 2500)  # yesterday: Z 1, 25,00 kr counted, nothing expected
    monkeypatch.setattr(clock, "utcnow", real_now)
    yesterday = days.today(lead_actor.centre_id) - dt.timedelta(days=1)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        assert app.screen.query_one("#day-z-list").has_focus
        await pilot.press("enter")
        await settle(app, pilot)
        text = screen_text(app)
        assert f"Z-rapport nr 1 v1 · driftsdato {yesterday.isoformat()}" in text
        assert "opptalt 25,00 kr · differanse 25,00 kr" in text
        assert "Besøk totalt" in text
