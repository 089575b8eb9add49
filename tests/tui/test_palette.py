"""The command palette (ctrl+p) runs desk actions by name."""

from __future__ import annotations

from textual.command import CommandPalette

from frontdesk.services import lunch, visits
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.signon import SignOnScreen
from tests.tui.conftest import settle, signed_in


async def run_command(app: DeskApp, pilot, text: str) -> None:  # noqa: ANN001
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*text)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await settle(app, pilot)


async def test_palette_locks_the_screen(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await run_command(app, pilot, "lås")
        assert app.locked and isinstance(app.screen, SignOnScreen)


async def test_palette_runs_a_pane_action(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await run_command(app, pilot, "innsjekk: anonym")
        assert visits.count_visits(centre_id) == 1


async def test_palette_switches_tab_and_adds_a_guest(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await run_command(app, pilot, "legg til gjest")
        assert app.query_one("#tabs").active == "lunch"
        assert lunch.roster(centre_id).portions["guest"] == 1
