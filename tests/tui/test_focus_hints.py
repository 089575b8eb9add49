"""After F7 and after any dialog, the keys go where the user was, and the hint line says what they do."""

from __future__ import annotations

from frontdesk.services import supplies
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.panes.supplies import QuantityInput
from frontdesk.tui.screens.sharps_bin import SharpsBinScreen
from frontdesk.tui.widgets.hint_line import HintLine
from tests.tui.conftest import settle, signed_in


def hint(app: DeskApp) -> str:
    return str(app.screen.query_one("#supplies-hint", HintLine).render())


async def open_supplies(app: DeskApp, pilot) -> list[str]:
    await signed_in(app, pilot)
    await pilot.press("f4")
    await settle(app, pilot)
    return [q.code for q in app.screen.query(QuantityInput)]


async def test_after_a_returned_count_the_next_keys_hand_out_again(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        codes = await open_supplies(app, pilot)
        assert "Enter deler ut alt" in hint(app)
        await pilot.press("down", "f7")
        await settle(app, pilot)
        assert app.focused is not None and app.focused.id == "supplies-return-count"
        assert "Antall returnerte sprøyter, Enter registrerer" in hint(app)
        await pilot.press("7", "enter")
        await settle(app, pilot)
        # Back on the row the user left, and the hint says so.
        assert isinstance(app.focused, QuantityInput) and app.focused.code == codes[1]
        assert "Enter deler ut alt" in hint(app)
        await pilot.press("down", "down", "5", "enter")  # the keys of the report: a hand-out now
        await settle(app, pilot)
    returns = supplies.returns_on(lead_actor.centre_id)
    assert [r.count for r in returns] == [7]
    [hand_out] = supplies.hand_outs_on(lead_actor.centre_id)
    assert hand_out.lines == [(codes[3], 5)]


async def test_escape_or_an_arrow_leaves_the_returned_count(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        codes = await open_supplies(app, pilot)
        await pilot.press("down", "down", "f7", "escape")
        await settle(app, pilot)
        assert isinstance(app.focused, QuantityInput) and app.focused.code == codes[2]
        await pilot.press("f7", "down")
        await settle(app, pilot)
        assert isinstance(app.focused, QuantityInput) and app.focused.code == codes[2]
        assert "Enter deler ut alt" in hint(app)


async def test_a_dialog_closed_gives_the_cursor_back_where_it_was(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        codes = await open_supplies(app, pilot)
        await pilot.press("down", "f8")
        await settle(app, pilot)
        assert isinstance(app.screen, SharpsBinScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.focused, QuantityInput) and app.focused.code == codes[1]
        await pilot.press("f7", "f8", "escape")
        await settle(app, pilot)
        assert app.focused is not None and app.focused.id == "supplies-return-count"
        assert "Antall returnerte sprøyter" in hint(app)
