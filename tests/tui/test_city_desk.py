"""The city at the desk (issue 15, item 3): after a close the desk pushes in the background;
the Day tab says "waiting (offline since …)" while the city cannot be reached, retries, and
says "sent to the city" once it has the day. A desk with no city shows nothing new."""

from __future__ import annotations

import dataclasses
import socket
from urllib.parse import urlsplit, urlunsplit

import pytest

from frontdesk import i18n
from frontdesk.db.models import CityOutbox
from frontdesk.services import city, days, megafon
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.cash_count import CashCountScreen
from frontdesk.tui.widgets import city_status

pytest.register_assert_rewrite("tests.city_fixtures")
from tests.city_fixtures import add_centre, city_versions  # noqa: E402
from tests.tui.conftest import VENDOR, screen_text, settle, signed_in  # noqa: E402

pytest_plugins = ("tests.city_fixtures",)


async def close_today(app: DeskApp, pilot: object) -> None:
    await pilot.press("f5")  # type: ignore[attr-defined]
    await settle(app, pilot)
    await pilot.press("f6")  # type: ignore[attr-defined]
    await settle(app, pilot)
    assert isinstance(app.screen, CashCountScreen)
    await pilot.press(*"50", "enter", "enter")  # type: ignore[attr-defined]
    await settle(app, pilot)
    assert not isinstance(app.screen, CashCountScreen)


@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_a_desk_without_a_city_shows_no_city_line_and_pushes_nothing(
    desk_db: str, lead_actor: Actor, city_env: None, lang: str
) -> None:
    if lang == "en":
        from frontdesk.services.settings import set_setting

        set_setting(lead_actor, "language", "en")
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await close_today(app, pilot)
        line = app.panes["day"].query_one("#day-city")
        assert not line.display
        assert "Byen:" not in screen_text(app) and "City:" not in screen_text(app)
    assert CityOutbox.select().count() == 0  # no city: the desk keeps nothing for one


def _dead_url(url: str) -> str:
    """The same login at a port where nothing answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    parts = urlsplit(url)
    netloc = f"{parts.username}:{parts.password}@127.0.0.1:{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_a_close_is_pushed_in_the_background_and_retried_until_the_city_answers(
    desk_db: str,
    lead_actor: Actor,
    city_url: str,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    from frontdesk import db

    login = add_centre(city_url, "STR", "Strax-huset")
    db.connect(desk_db)
    if lang == "en":
        from frontdesk.services.settings import set_setting

        set_setting(lead_actor, "language", "en")
    monkeypatch.setattr(city_status, "RETRY_FIRST_S", 0.2)
    monkeypatch.setenv(city.ENV_CITY_URL, _dead_url(login))
    megafon.sell(lead_actor, VENDOR, 1, "cash")
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await close_today(app, pilot)  # the close itself never waits for the city
        assert days.is_closed(lead_actor.centre_id, days.today(lead_actor.centre_id))
        await pilot.pause(0.3)
        await settle(app, pilot)
        app.panes["day"].refresh_data()
        await settle(app, pilot)
        text = screen_text(app)
        waiting = (
            "1 avsluttet dag venter (frakoblet siden"
            if lang == "nb"
            else ("1 closed day waiting (offline since")
        )
        assert waiting in text
        assert app.panes["day"].query_one("#day-city").has_class("-offline")

        monkeypatch.setenv(city.ENV_CITY_URL, login)  # the link is back: the next retry sends
        for _ in range(40):
            await pilot.pause(0.1)
            await settle(app, pilot)
            if city.waiting([lead_actor.centre_id]) == 0:
                break
        app.panes["day"].refresh_data()
        await settle(app, pilot)
        sent = (
            "alle avsluttede dager er sendt til byen"
            if lang == "nb"
            else ("every closed day is sent to the city")
        )
        assert sent in screen_text(app)
        assert not app.panes["day"].query_one("#day-city").has_class("-offline")
    assert [v[0] for v in city_versions(city_url)] == ["STR"]
    i18n.set_language("nb")


def test_the_line_tells_a_city_that_refuses_from_one_that_does_not_answer() -> None:
    """The Day tab's line for each state of the link (no city, all sent, waiting, offline,
    refused), in both languages."""
    import datetime as dt

    def at(text: str) -> dt.datetime:
        return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)

    def local(when: dt.datetime) -> str:
        return when.strftime("%H:%M")

    base = city.CityStatus(True, 0, None, at("2026-12-01T20:15"), None)
    cases = {
        "none": (dataclasses.replace(base, configured=False, last_sent_at=None), None, None),
        "sent": (base, "sendt til byen (sist 20:15)", "sent to the city (last 20:15)"),
        "waiting": (
            dataclasses.replace(base, waiting=2),
            "2 avsluttede dager venter på å bli sendt",
            "2 closed days waiting to be sent",
        ),
        "offline": (
            dataclasses.replace(base, waiting=1, failing_since=at("2026-12-01T21:00")),
            "1 avsluttet dag venter (frakoblet siden 21:00)",
            "1 closed day waiting (offline since 21:00)",
        ),
        "refused": (
            dataclasses.replace(
                base, waiting=3, failing_since=at("2026-12-01T21:00"), refused=True
            ),
            "byen har nektet å ta imot dem siden 21:00",
            "the city has refused them since 21:00",
        ),
    }
    try:
        for status, nb, en in cases.values():
            for lang, expected in (("nb", nb), ("en", en)):
                i18n.set_language(lang)
                text = city_status.status_text(status, local)
                if expected is None:
                    assert text is None
                else:
                    assert text is not None and expected in text, (lang, text)
    finally:
        i18n.set_language("nb")
