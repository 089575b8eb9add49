"""Texts that name a key follow frontdesk.toml's [keymap]: the hint shows the key that works."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontdesk.tui.app import DeskApp
from tests.tui.conftest import screen_text, settle, signed_in


def _desk_from_config(desk_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DeskApp:
    """The desk app exactly as `frontdesk` starts it from a config file with a [keymap]."""
    from click.testing import CliRunner

    from frontdesk.cli import cli

    config = tmp_path / "frontdesk.toml"
    config.write_text(
        f'database = "{desk_db}"\n[keymap]\n"checkin.f" = "f10"\n"checkin.void" = "ctrl+d"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("FRONTDESK_CONFIG", str(config))
    monkeypatch.delenv("FRONTDESK_DB", raising=False)
    started: list[DeskApp] = []
    monkeypatch.setattr(DeskApp, "run", lambda self: started.append(self))
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0, result.output
    return started[0]


async def test_a_remapped_key_shows_in_the_hints_that_name_it(
    desk_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _desk_from_config(desk_db, tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await settle(app, pilot)
        shown = screen_text(app)
        assert "F10 kvinne" in shown and "F6 kvinne" not in shown  # the code field's hint
        assert "F7 mann" in shown  # a key that was not remapped keeps its name
        assert "Ctrl+D annuller" in shown and "Del annuller" not in shown  # the list's title


async def test_without_a_keymap_the_hints_name_the_default_keys(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await settle(app, pilot)
        shown = screen_text(app)
        assert "F6 kvinne" in shown and "Del annuller" in shown
