"""Keys delivered in one read (a held-down arrow, a paste, a barcode scanner) act as if typed slowly.

A burst goes through Textual's own terminal parser and reaches the app in one
go, as from one read of the terminal: nothing awaits between its keys.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from textual._xterm_parser import XTermParser

from frontdesk import db
from frontdesk.services import supplies, visits
from frontdesk.services.centre import find_centre
from frontdesk.tui.app import DeskApp
from frontdesk.tui.panes.supplies import QuantityInput
from frontdesk.tui.screens.signon import SignOnScreen
from tests.tui.conftest import DESK_PIN, LEAD_PIN, VISITOR, screen_text, settle

F1, F4, F6, F7 = "\x1bOP", "\x1bOS", "\x1b[17~", "\x1b[18~"
DOWN, UP, ENTER = "\x1b[B", "\x1b[A", "\r"


def parse(data: str) -> list[Any]:
    """The key events a terminal read of ``data`` gives (Textual's own parser)."""
    return list(XTermParser().feed(data))


def deliver_burst(app: DeskApp, data: str) -> int:
    """Hand every key of ``data`` to the app at once, as the terminal driver does for one read."""
    keys = parse(data)
    for key in keys:
        app._driver.process_message(key)  # type: ignore[union-attr]
    return len(keys)


async def type_slowly(app: DeskApp, pilot: Any, data: str) -> None:
    """The same keys one at a time, each after the previous one has settled."""
    for key in parse(data):
        await pilot.press(key.key if key.character is None or len(key.key) > 1 else key.character)
        await settle(app, pilot)


async def start(app: DeskApp, pilot: Any) -> None:
    await settle(app, pilot)  # the database is open; the sign-on screen waits


def db_state(path: str) -> dict[str, Any]:
    db.connect(path)
    centre_id = find_centre("STR").id
    return {
        "visits": [
            (v.visitor_code, v.gender, v.staff_initials, v.voided)
            for v in reversed(visits.visits_on(centre_id))
        ],
        "hand_outs": [
            (sorted(h.lines), h.visitor_code, h.voided)
            for h in reversed(supplies.hand_outs_on(centre_id))
        ],
        "returns": [(r.count, r.voided) for r in reversed(supplies.returns_on(centre_id))],
        "stock": {i.code: i.stock for i in supplies.catalogue(centre_id)},
    }


def visible(app: DeskApp) -> str:
    """The screen's text without clock times (two runs may straddle a minute)."""
    return re.sub(r"\b\d\d:\d\d\b", "HH:MM", screen_text(app))


# 40 keys: sign-on with a wrong PIN first, codes (one like a scanner: code and
# Enter), an anonymous visit, F6, a prefix and Enter, the hand-out grid with
# arrows and quantities, F7 and a returned count, back to F1 and one more code.
SESSION = (
    "cd" + ENTER + "999" + ENTER + DESK_PIN + ENTER  # 12
    + VISITOR + ENTER  # 5
    + ENTER + F6  # 2
    + "AB9" + ENTER  # 4
    + F4 + DOWN + DOWN + UP + UP  # 5
    + "12" + DOWN + "5" + DOWN + DOWN + "2" + ENTER  # 8
    + F7 + "7" + ENTER  # 3
    + F1  # 1
)  # fmt: skip


async def run_session(path: str, burst: bool) -> tuple[dict[str, Any], str, str]:
    app = DeskApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        if burst:
            assert deliver_burst(app, SESSION) == 40
            await pilot.pause()
            await settle(app, pilot)
        else:
            await type_slowly(app, pilot, SESSION)
        assert app.actor is not None and app.actor.initials == "CD"
        focused = app.focused.id if app.focused is not None else ""
        return db_state(path), visible(app), str(focused)


async def test_a_burst_of_40_keys_does_what_typing_them_slowly_does(
    desk_db: str, tmp_path: Path
) -> None:
    slow_db = str(tmp_path / "slow.db")
    shutil.copyfile(desk_db, slow_db)
    slow = await run_session(slow_db, burst=False)
    fast = await run_session(desk_db, burst=True)
    assert fast == slow
    state, text, focused = fast
    assert state["visits"] == [
        (VISITOR, "f", "CD", False),
        (None, "u", "CD", False),
        (None, "f", "CD", False),
        ("AB90", "m", "CD", False),
    ]
    assert state["hand_outs"] == [([("KAN23G", 2), ("SPR1ML", 12), ("SPR2ML", 5)], None, False)]
    assert state["returns"] == [(7, False)]
    assert focused == "checkin-code"
    assert "AB90" in text


async def test_four_downs_at_once_move_four_rows(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        deliver_burst(app, "ab" + ENTER + LEAD_PIN + ENTER + F4)
        await pilot.pause()
        await settle(app, pilot)
        codes = [q.code for q in app.screen.query(QuantityInput)]
        assert isinstance(app.focused, QuantityInput) and app.focused.code == codes[0]
        deliver_burst(app, DOWN * 4 + "3")
        await pilot.pause()
        await settle(app, pilot)
        assert isinstance(app.focused, QuantityInput)
        assert app.focused.code == codes[4]
        assert app.focused.value == "3"


async def test_a_burst_at_sign_on_never_merges_two_pins(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        deliver_burst(app, "ab" + ENTER + "1111" + ENTER + LEAD_PIN + ENTER)
        await pilot.pause()
        await settle(app, pilot)
        assert not isinstance(app.screen, SignOnScreen)
        assert app.actor is not None and app.actor.initials == "AB"


async def test_a_scanned_code_and_enter_check_that_code_in(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        deliver_burst(app, "ab" + ENTER + LEAD_PIN + ENTER)
        await pilot.pause()
        await settle(app, pilot)
        deliver_burst(app, "AB90" + ENTER + VISITOR + ENTER)
        await pilot.pause()
        await settle(app, pilot)
        centre_id = find_centre("STR").id
        codes = [v.visitor_code for v in visits.visits_on(centre_id)]
        assert codes == [VISITOR, "AB90"]
        assert app.focused is not None and app.focused.id == "checkin-code"


async def test_initials_then_pin_without_enter_keeps_every_digit(desk_db: str) -> None:
    """Digits typed straight after the initials go to the PIN, the first one too.

    The PIN field selected what it held when it got the cursor, so the next digit
    replaced the first: 'cd1234' signed on with '234' and was refused.
    """
    for burst in (True, False):
        app = DeskApp(desk_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await start(app, pilot)
            if burst:
                deliver_burst(app, "cd" + DESK_PIN + ENTER)
                await pilot.pause()
            else:
                await pilot.press("c", "d", *DESK_PIN, "enter")
            await settle(app, pilot)
            assert app.actor is not None and app.actor.initials == "CD", f"burst={burst}"
