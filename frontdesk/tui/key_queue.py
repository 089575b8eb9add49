"""Keys are handled one at a time, each after everything the previous one started.

Textual hands every key of one terminal read to the widget focused when the
read arrives, before any of them is handled, and moves focus later (``focus()``
is a ``call_later``); a binding runs only when its key has bubbled back to the
app. So four Downs sent at once all reached the first row of a grid, and an
Enter ran after the digits typed behind it. A person typing slowly never sees
that: each key's effects (focus moves, dialogs, the database call it starts)
are done before the next key. The app keeps that order for any typing speed:
``KeyQueue`` holds back each key until the one before it has settled.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message
    from textual.message_pump import MessagePump
    from textual.screen import Screen
    from textual.worker import Worker

# Rounds of "every widget has handled what was queued" per key; one or two suffice in practice.
MAX_ROUNDS = 12
# A key waits at most this long for the database calls the previous key started.
MAX_WAIT_SECONDS = 5.0
# How often a round looks for widgets removed before they handled their marker.
CLOSED_CHECK_SECONDS = 0.02
# A wait for a screen to repaint (it runs call_after_refresh callbacks after that).
REPAINT_SECONDS = 1 / 120
WORKER_GROUP = "db"  # frontdesk.tui.calls.run_call's workers


class KeyQueue:
    """Delivers the app's keys in order, one after the other's effects.

    ``offer(key)`` takes a key from the terminal (or a test's Pilot) instead
    of the app's message queue; ``deliver`` posts it when the key before it
    has settled: every widget on the screen has handled the messages it
    caused, and the database calls it started (``run_call``) have answered.
    """

    def __init__(self, app: App[Any], post: Callable[[Message], bool]) -> None:
        self._app = app
        self._post = post  # App.post_message of the base class: the key goes in for real
        self._keys: deque[events.Key] = deque()
        self._task: asyncio.Task[None] | None = None
        self._unsettled: set[Worker[Any]] | None = None  # the workers before the last key
        self._idle = asyncio.Event()
        self._idle.set()

    def offer(self, key: events.Key) -> bool:
        self._keys.append(key)
        if self._task is None or self._task.done():
            self._idle.clear()
            self._task = asyncio.get_running_loop().create_task(self._deliver())
        return True

    async def wait_until_idle(self) -> None:
        """Wait until every key offered has been delivered (for tests)."""
        await self._idle.wait()

    async def _deliver(self) -> None:
        try:
            while self._keys:
                if self._unsettled is not None:
                    # The key before this one goes first: wait for what it started.
                    before, self._unsettled = self._unsettled, None
                    try:
                        async with asyncio.timeout(MAX_WAIT_SECONDS):
                            await self._settle(before)
                    except TimeoutError:
                        self._app.log.warning("a key's effects took too long; the next key goes on")
                key = self._keys.popleft()
                before = set(self._app.workers)
                if self._post(key):
                    # Settled only when another key comes: typing slowly costs nothing.
                    self._unsettled = before
        finally:
            self._idle.set()

    async def _settle(self, before: set[Worker[Any]]) -> None:
        while True:
            await self._drain()
            started = [
                w
                for w in self._app.workers
                if w not in before and w.group == WORKER_GROUP and not w.is_finished
            ]
            if not started:
                return
            for worker in started:
                try:
                    await worker.wait()
                except Exception:  # noqa: BLE001 - run_call reports its own failures
                    pass

    async def _drain(self) -> None:
        """Wait until the app and every widget have handled what they have queued.

        That covers messages, ``call_next`` and ``call_after_refresh`` callbacks
        (a screen runs those after its next repaint). The first round goes
        through the app, the screen and the focused widget's ancestors (where a
        key travels); later rounds through whatever is still busy. Looking at
        all ~200 queues is cheap; a marker through each of them on every key was not.
        """
        app = self._app
        for round_number in range(MAX_ROUNDS):
            try:
                screen = app.screen
                pumps: list[MessagePump] = [app]
                for layer in app.screen_stack:
                    pumps.extend(layer.walk_children(with_self=True))
            except Exception:  # noqa: BLE001 - no screen yet, or the app is closing
                return
            busy = [p for p in pumps if _busy(p)]
            if round_number == 0:
                focused = screen.focused
                path = [app, *(focused.ancestors_with_self if focused else [screen])]
                busy = list({id(p): p for p in [*path, *busy]}.values())
            elif not busy and not _after_repaint(screen):
                return
            # The shown screen runs its call_after_refresh callbacks (a tab's first load)
            # once it has repainted, which on a busy machine takes more than a round or two.
            while _after_repaint(screen):
                await asyncio.sleep(REPAINT_SECONDS)
            if any(_after_repaint(layer) for layer in app.screen_stack):
                await asyncio.sleep(REPAINT_SECONDS)  # until the callbacks after a repaint ran
            await _round(busy)


def _after_repaint(screen: Screen[Any]) -> bool:
    """Callbacks wait for the screen's next repaint (``call_after_refresh``)."""
    return bool(getattr(screen, "_callbacks", None))


def _busy(pump: MessagePump) -> bool:
    if pump._closing or pump._closed:
        return False
    return not pump._message_queue.empty() or bool(pump._next_callbacks)


async def _round(pumps: list[MessagePump]) -> None:
    """One marker through every queue: what was queued before it has been handled.

    A widget removed meanwhile (a dialog closing) drops its marker: it is not waited for.
    """
    pending: set[int] = set()
    done = asyncio.Event()

    def marker(pump_id: int) -> None:
        pending.discard(pump_id)
        if not pending:
            done.set()

    for pump in pumps:
        if pump.call_later(marker, id(pump)):
            pending.add(id(pump))
    by_id = {id(pump): pump for pump in pumps}
    while pending:
        try:
            async with asyncio.timeout(CLOSED_CHECK_SECONDS):
                await done.wait()
        except TimeoutError:
            pending.difference_update({i for i in pending if by_id[i]._closing or by_id[i]._closed})
