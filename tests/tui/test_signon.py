"""Sign-on, lock (ctrl+l and idle) and unlock, driven through the real app."""

from __future__ import annotations

from textual.widgets import Input, Static

from frontdesk.services import audit, visits
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.signon import SignOnScreen
from tests.tui.conftest import DESK_PIN, screen_text, settle, signed_in


def message(app: DeskApp) -> str:
    return str(app.screen.query_one("#signon-message", Static).render())


async def test_sign_on_with_initials_enter_pin_enter(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SignOnScreen)
        text = screen_text(app)
        assert "Initialer" in text and "PIN" in text and "Strax-huset" in text
        await pilot.press("c", "d", "enter")
        assert app.screen.focused is app.screen.query_one("#pin", Input)
        await pilot.press(*DESK_PIN, "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, SignOnScreen)
        assert app.actor is not None and app.actor.initials == "CD"
        assert audit.recent(centre_id, action="sign_on")[0].actor == "CD"


async def test_wrong_pin_is_shown_pin_cleared_initials_kept(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "b", "enter", *"0000", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SignOnScreen)
        assert app.actor is None
        assert message(app) == "Feil initialer eller PIN."
        assert app.screen.query_one("#pin", Input).value == ""
        assert app.screen.query_one("#initials", Input).value == "ab"
        assert app.screen.focused is app.screen.query_one("#pin", Input)


async def test_the_right_pin_typed_before_the_wrong_one_is_answered_still_signs_on(
    desk_db: str, centre_id: int
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # No pause: the second PIN and its Enter arrive while the first is being checked.
        await pilot.press("c", "d", "enter", *"0000", "enter", *DESK_PIN, "enter")
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.actor is not None and app.actor.initials == "CD"
        assert not isinstance(app.screen, SignOnScreen)
    assert [e.action for e in audit.recent(centre_id, limit=2)] == ["sign_on", "pin.failed"]


async def test_lockout_after_repeated_wrong_pins_is_shown(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "b", "enter")
        for _ in range(5):
            await pilot.press(*"0000", "enter")
            await settle(app, pilot)
        assert "sperret" in message(app)
        await pilot.press(*"4711", "enter")  # the right PIN is refused while locked out
        await settle(app, pilot)
        assert app.actor is None
        assert "sperret" in message(app)


async def test_ctrl_l_locks_and_another_member_unlocks(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Besøk i dag: 1" in screen_text(app)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, SignOnScreen)
        assert app.actor is None
        assert "Besøk i dag" not in screen_text(app)  # nothing of the desk is visible
        assert audit.recent(centre_id, action="sign_off")[0].actor == "AB"
        await pilot.press("f2", "ctrl+p")  # neither tabs nor the palette while locked
        await pilot.pause()
        assert isinstance(app.screen, SignOnScreen)
        await pilot.press("c", "d", "enter", *DESK_PIN, "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, SignOnScreen)
        assert app.query_one("#tabs").active == "checkin"
        assert app.focused is app.query_one("#checkin-code", Input)
        await pilot.press("enter")
        await settle(app, pilot)
        assert [v.staff_initials for v in visits.visits_on(centre_id)] == ["CD", "AB"]
        assert "CD" in app.sub_title


async def test_idle_time_locks_the_screen(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db, idle_seconds=0.5)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "b", "enter", *"4711", "enter")
        await pilot.pause(1.0)  # no key pressed for twice the idle time
        await settle(app, pilot)
        for _ in range(40):  # a busy machine may take a few frames to show the pushed screen
            if isinstance(app.screen, SignOnScreen):
                break
            await pilot.pause(0.05)
        assert app.locked and isinstance(app.screen, SignOnScreen)
        assert app.actor is None
        assert "låst" in screen_text(app)
        [sign_on] = audit.recent(centre_id, action="sign_on", limit=1)
        [sign_off] = audit.recent(centre_id, action="sign_off", limit=1)
        assert sign_off.actor == "AB" and sign_off.detail.get("reason") == "idle"
        assert sign_off.at >= sign_on.at


async def test_english_when_the_centre_says_so(desk_db: str, lead_actor) -> None:  # noqa: ANN001
    from frontdesk.services.settings import set_setting

    set_setting(lead_actor, "language", "en")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "Initials" in text and "PIN" in text and "Initialer" not in text
        await pilot.press("a", "b", "enter", *"0000", "enter")
        await settle(app, pilot)
        assert message(app) == "Wrong initials or PIN."
        await pilot.press(*"4711", "enter")
        await settle(app, pilot)
        assert "Visits today: 0" in screen_text(app)
    from frontdesk.i18n import set_language

    set_language("nb")
