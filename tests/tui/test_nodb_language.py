"""The no-database screen speaks one language: the reason is in bokmål too."""

from __future__ import annotations

from pathlib import Path

from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.nodb import NoDatabaseScreen
from tests.tui.conftest import screen_text, settle


async def test_a_missing_database_is_explained_in_bokmal(tmp_path: Path) -> None:
    app = DeskApp(str(tmp_path / "nothing.db"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, NoDatabaseScreen)
        text = screen_text(app)
        assert "Det finnes ingen database i" in text
        assert "There is no database" not in text
        assert "frontdesk" in text and " init " in text  # still says how to make one


async def test_an_empty_database_file_is_explained_in_bokmal(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    app = DeskApp(str(empty))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "Databasen er tom" in text and "The database is empty" not in text
