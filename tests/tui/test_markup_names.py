"""Names are shown as typed at the desk (issue 17): Rich markup in them is text, never markup."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from frontdesk.services import supplies
from frontdesk.tui.app import DeskApp
from tests.conftest import open_since
from tests.tui.conftest import screen_text, settle, signed_in

NAME = "[/red]Folie [red]x[/]"


async def test_an_item_name_with_markup_is_shown_literally(
    desk_db: str, centre_id: int, lead_actor
) -> None:
    supplies.add_item(lead_actor, "MARKUP", NAME, NAME)
    supplies.record_delivery(lead_actor, "MARKUP", 10)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        lines = [str(line.render()) for line in app.screen.query(".supply-line").results(Static)]
        assert any(NAME in line for line in lines)  # the grid's row shows the name as typed
        supplies.hand_out(lead_actor, [("MARKUP", 1)])  # so the Day tab's tally names it
        await pilot.press("f5")
        await settle(app, pilot)
        assert "Traceback" not in screen_text(app)


async def test_a_centre_name_with_markup_is_shown_literally(tmp_path) -> None:
    from frontdesk.services.centre import init_centre
    from frontdesk.services.store import open_store

    target = str(tmp_path / "markup.db")
    open_store(target, create=True, upgrade=True)
    init_centre("NES", NAME, "AB", "4711")
    app = DeskApp(target)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert NAME in screen_text(app)  # the sign-on screen names the centre
        await signed_in(app, pilot)
        await settle(app, pilot)


async def test_the_sharps_bin_dialog_shows_markup_names_literally(
    desk_db: str, centre_id: int, lead_actor
) -> None:
    supplies.add_item(lead_actor, "MARKBIN", NAME, NAME, kind="sharps_bin", bin_litres=1)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("f8")  # the returned sharps-bin dialog lists every bin size
        await settle(app, pilot)
        bins = app.screen.query_one("#bin-list", OptionList)
        prompts = [str(bins.get_option_at_index(i).prompt) for i in range(bins.option_count)]
        assert any(NAME in prompt for prompt in prompts), prompts


async def test_a_magazine_title_and_a_reopen_reason_with_markup_are_shown_literally(
    desk_db: str, centre_id: int, lead_actor
) -> None:
    import datetime as dt

    from frontdesk.services import dayclose, days
    from frontdesk.services.settings import set_setting

    open_since(centre_id)
    set_setting(lead_actor, "magazine_title", "[/red]Mega")
    yesterday = days.today(centre_id) - dt.timedelta(days=1)
    dayclose.close_day(lead_actor, 0, yesterday)
    dayclose.reopen_day(lead_actor, yesterday, "4711", "[/red]typo")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("f5")  # the Day tab lists the Z-reports with their reopen reasons
        await settle(app, pilot)
        await pilot.press("f3")  # the Megafon tab names the magazine
        await settle(app, pilot)
        assert "[/red]Mega" in screen_text(app)
