"""F1 details a desk worker notices: a second visit today, Escape, spaces, stale messages, English."""

from __future__ import annotations

from frontdesk.services import settings as settings_service
from frontdesk.services import visits
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.messages import DayChanged
from frontdesk.tui.screens.signon import SignOnScreen
from tests.tui.conftest import VISITOR, screen_text, settle, signed_in


def status(app: DeskApp) -> str:
    return str(app.screen.query_one("#checkin-status").render())


async def test_a_second_check_in_today_shows_the_first_time(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*VISITOR.lower(), "enter")
        await settle(app, pilot)
        assert "Også sjekket inn i dag" not in status(app)
        await pilot.press(*VISITOR.lower(), "enter")
        await settle(app, pilot)
        [second, first] = visits.visits_on(lead_actor.centre_id)
        assert (
            f"Også sjekket inn i dag kl. {app.screen.query_one('#checkin-pane')._hhmm(first.at)}"
            in status(app)
        )  # noqa: E501
        assert second.visitor_code == VISITOR  # checked in all the same


async def test_escape_clears_the_code_and_its_matches(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("a", "b")
        await settle(app, pilot)
        matches = app.screen.query_one("#checkin-matches")
        assert matches.display
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen.query_one("#checkin-code").value == ""
        assert not matches.display


async def test_a_code_with_a_space_is_refused_not_squeezed(desk_db: str, lead_actor: Actor) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("O", "l", "a", "space", "N", "enter")
        await settle(app, pilot)
        assert app.screen.query_one("#checkin-code").value == "Ola N"  # as typed, not OLAN
        assert "ingen mellomrom" in status(app)
        assert visits.visits_on(lead_actor.centre_id) == []
        # Erasing the space takes the warning away.
        await pilot.press("backspace", "backspace")
        await settle(app, pilot)
        assert "mellomrom" not in status(app)


async def test_a_wrong_pin_message_goes_when_the_next_pin_is_typed(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "b", "enter", "1", "1", "1", "1", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SignOnScreen)
        assert "Feil initialer eller PIN." in screen_text(app)
        await pilot.press("4")
        await settle(app, pilot)
        assert "Feil initialer eller PIN." not in screen_text(app)


async def test_english_column_headers_are_apart(desk_db: str, lead_actor: Actor) -> None:
    settings_service.set_setting(lead_actor, "language", "en")
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        header = str(app.screen.query_one("#checkin-visits-header").render())
        assert "Visitor code " in header and "codeGender" not in header
        assert "F6 woman" in screen_text(app) and "F8 other" in screen_text(app)


async def test_the_command_palette_asks_in_bokmal(desk_db: str) -> None:
    from textual.command import CommandInput, CommandPalette

    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Søk etter kommandoer…"


async def test_the_closed_day_sentence_goes_when_the_day_is_reopened(
    desk_db: str, lead_actor: Actor
) -> None:
    from frontdesk.db.models import DayClose
    from frontdesk.services import days
    from tests.conftest import mark_day_closed

    mark_day_closed(lead_actor.centre_id, days.today(lead_actor.centre_id))
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        closed_sentence = status(app)
        assert closed_sentence and app.screen.query_one("#checkin-status").has_class("-error")
        DayClose.delete().execute()  # another desk reopens the day
        app.post_message(DayChanged())  # the day's state is looked up again
        await settle(app, pilot)
        assert status(app) == ""
