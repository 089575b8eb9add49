"""frontdesk.toml's [keymap] remaps the desk's keys: the screen shows the new key, the old one is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.signon import SignOnScreen
from frontdesk.tui.widgets.footer import DeskFooter
from tests.tui.conftest import settle, signed_in

KEYMAP = {"lock": "ctrl+k", "tab.lunch": "f11", "checkin.f": "f10"}


def footer_text(app: DeskApp) -> str:
    return str(app.screen.query_one(DeskFooter).render())


async def test_a_remapped_key_shows_on_screen_and_works(desk_db: str) -> None:
    app = DeskApp(desk_db, keymap=KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        shown = footer_text(app)
        assert "^k Lås" in shown and "^l" not in shown  # the app's own key, first as before
        assert "F10 Kvinne" in shown and "F6" not in shown  # a pane's key
        tabs = app.query_one("#tabs", TabbedContent)
        labels = [str(tab.label) for tab in tabs.query("ContentTab")]
        assert "F11 Lunsj" in labels and "F2 Lunsj" not in labels
        assert "F1 Innsjekk" in labels  # the others keep their keys
        assert "F11" not in shown  # a tab key stays on the tab bar, not in the footer too

        await pilot.press("f2")  # the old key does nothing now
        await settle(app, pilot)
        assert tabs.active == "checkin"
        await pilot.press("f11")
        await settle(app, pilot)
        assert tabs.active == "lunch"

        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert not app.locked
        await pilot.press("ctrl+k")
        await settle(app, pilot)
        assert app.locked and isinstance(app.screen, SignOnScreen)


async def test_without_a_keymap_the_keys_are_the_documented_ones(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        shown = footer_text(app)
        assert "^l Lås" in shown and "F6 Kvinne" in shown
        labels = [str(tab.label) for tab in app.query_one("#tabs").query("ContentTab")]
        assert "F2 Lunsj" in labels


def test_the_cli_hands_the_files_keymap_to_the_desk(
    desk_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from frontdesk.cli import cli

    config = tmp_path / "frontdesk.toml"
    config.write_text(
        f'database = "{desk_db}"\n[keymap]\nlock = "ctrl+k"\ntab.lunch = "f11"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("FRONTDESK_CONFIG", str(config))
    monkeypatch.delenv("FRONTDESK_DB", raising=False)
    started: list[DeskApp] = []
    monkeypatch.setattr(DeskApp, "run", lambda self: started.append(self))
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0, result.output
    (app,) = started
    assert app.target == desk_db
    assert app.keymap == {"lock": "ctrl+k", "tab.lunch": "f11"}


def test_two_keys_may_swap_and_key_names_are_spelt_as_textual_does(
    desk_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from frontdesk.cli import cli

    config = tmp_path / "frontdesk.toml"
    config.write_text(
        '[keymap]\nlock = "Ctrl+Q"\nquit = "ctrl+l"\n"checkin.f" = "F11,?"\n', encoding="utf-8"
    )
    monkeypatch.setenv("FRONTDESK_CONFIG", str(config))
    started: list[DeskApp] = []
    monkeypatch.setattr(DeskApp, "run", lambda self: started.append(self))
    result = CliRunner().invoke(cli, ["--db", desk_db])
    assert result.exit_code == 0, result.output
    (app,) = started
    assert app.keymap == {"lock": "ctrl+q", "quit": "ctrl+l", "checkin.f": "f11,question_mark"}


async def test_swapped_keys_do_each_others_work(desk_db: str) -> None:
    app = DeskApp(desk_db, keymap={"lock": "ctrl+q", "quit": "ctrl+l"})
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        shown = footer_text(app)
        assert "^q Lås" in shown and "^l Avslutt" in shown
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        assert app.locked and app.is_running


async def test_the_palette_names_the_remapped_keys(desk_db: str) -> None:
    from frontdesk.tui.commands import DeskCommands

    app = DeskApp(desk_db, keymap=KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        helps = {
            title: help_text for title, help_text, _run in DeskCommands(app.screen)._commands()
        }
        assert helps["lås skjerm"] == "Lås skjermen (^k)"
        assert helps["gå til: Lunsj"] == "Bytt til fanen Lunsj (F11)"
        assert helps["gå til: Innsjekk"] == "Bytt til fanen Innsjekk (F1)"
        assert helps["avslutt"] == "Avslutt frontdesk (^q)"
