"""The desk app's shell: start, tabs, header, refresh, a missing database."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.nodb import NoDatabaseScreen
from frontdesk.tui.screens.signon import SignOnScreen
from tests.tui.conftest import screen_lines, screen_text, settle, signed_in


async def test_a_missing_database_says_how_to_create_one(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    app = DeskApp(str(missing))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, NoDatabaseScreen)
        text = screen_text(app)
        assert "frontdesk" in text and "init" in text and "demo" in text
        assert "Traceback" not in text
        await pilot.press("q")
        await pilot.pause()
    assert not missing.exists()  # nothing was created behind the user's back


async def test_a_database_behind_the_code_asks_for_the_upgrade_only(
    desk_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from frontdesk.db import migrate

    newer = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "0999_next.py").write_text("def up(migrator, db):\n    pass\n")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", newer)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, NoDatabaseScreen)
        text = screen_text(app)
        assert "frontdesk db upgrade" in text
        assert " init " not in text and " demo" not in text  # no advice to make a new one


async def test_the_five_tabs_switch_with_f1_to_f5(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        tabs = app.query_one("#tabs", TabbedContent)
        assert tabs.active == "checkin"
        for key, tab in (("f2", "lunch"), ("f3", "megafon"), ("f4", "supplies"), ("f5", "day")):
            await pilot.press(key)
            await settle(app, pilot)
            assert tabs.active == tab
        await pilot.press("f1")
        await settle(app, pilot)
        assert tabs.active == "checkin"


async def test_header_shows_centre_initials_and_date(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SignOnScreen)
        assert "Strax-huset" in screen_text(app)
        await signed_in(app, pilot)
        assert app.title == "Strax-huset"
        assert "AB" in app.sub_title and "Driftsdato" in app.sub_title


async def test_a_closed_day_is_shown_and_writes_are_refused(
    desk_db: str, centre_id: int, lead_actor
) -> None:  # noqa: ANN001
    from frontdesk.services import dayclose, visits

    dayclose.close_day(lead_actor, 0)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        assert app.query_one("#closed-banner").display
        assert "Dagen er avsluttet" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "er avsluttet" in str(app.query_one("#checkin-status").render())
        assert visits.count_visits(centre_id) == 0


async def test_sign_on_typed_before_the_database_opened(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "b", "enter", *"4711", "enter")  # no waiting at all
        await settle(app, pilot)
        assert app.actor is not None and app.actor.initials == "AB"


async def test_another_desks_check_in_shows_on_refresh(desk_db: str, centre_id: int) -> None:
    from frontdesk.services import visits
    from frontdesk.services.staff import sign_on

    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        other_desk = sign_on(centre_id, "CD", "1234")
        visits.check_in(other_desk, "AB85")
        app._periodic_refresh()  # what the 5-second timer does
        await settle(app, pilot)
        assert "Besøk i dag: 1" in screen_text(app)
        assert "AB85" in screen_text(app)


@pytest.mark.parametrize("language", ["nb", "en"])
async def test_at_80x24_the_closed_day_banner_and_the_header_are_whole(
    desk_db: str, centre_id: int, lead_actor, language: str
) -> None:  # noqa: ANN001
    from frontdesk.i18n import set_language, t
    from frontdesk.services import dayclose
    from frontdesk.services.settings import set_setting

    set_setting(lead_actor, "language", language)
    dayclose.close_day(lead_actor, 0)
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        lines = screen_lines(app)
        set_language(language)
        drawn = " ".join(" ".join(lines).split())
        assert t("app.closed_banner") in drawn  # wrapped or not, never cut
        assert "…" not in lines[0] and "Strax-huset" in lines[0]  # nor the header
