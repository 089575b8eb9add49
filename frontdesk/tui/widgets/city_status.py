"""The city at the desk: the Day tab's line "sent to the city" / "waiting (offline since
…)", and the background push that sends the outbox after a close.

The push runs on the desk's database threads (``calls.run_call``: the screen never waits
for the network). A push that fails is tried again after 30 s, then 1, 2, 4, … minutes,
at most every 15 minutes, until one works; a desk without a city set pushes nothing and
shows no line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import App
from textual.widgets import Static

from frontdesk.i18n import t, tn

RETRY_FIRST_S = 30.0
RETRY_MAX_S = 15 * 60.0


def status_text(status: Any, local: Any) -> str | None:
    """The line for a ``city.CityStatus`` (``local`` formats a UTC time); None: no line."""
    if status is None or (not status.configured and status.last_sent_at is None):
        return None
    if status.waiting == 0:
        if status.last_sent_at is None:
            return t("city.status.nothing")
        return t("city.status.sent", at=local(status.last_sent_at))
    if status.failing_since is not None and status.refused:
        return tn("city.status.refused", status.waiting, since=local(status.failing_since))
    if status.failing_since is not None:
        return tn("city.status.offline", status.waiting, since=local(status.failing_since))
    return tn("city.status.waiting", status.waiting)


class CityStatusLine(Static):
    """One line on the Day tab; hidden when the centre has no city."""

    def show_status(self, status: Any, local: Any) -> None:
        text = status_text(status, local)
        self.display = text is not None
        self.set_class(status is not None and status.failing_since is not None, "-offline")
        self.update(text or "")


class CityPusher:
    """Pushes the centre's outbox in the background, retrying with backoff."""

    def __init__(self, app: App[Any], changed: Any) -> None:
        self.app = app
        self._changed = changed  # called on the UI thread after each attempt
        self._delay = RETRY_FIRST_S
        self._timer: Any = None

    def push_soon(self, actor: Any) -> None:
        """Push now (a retry waiting is replaced by this push), on the desk's database
        threads like every other call (the push reads and writes the desk's outbox)."""
        from frontdesk.services import city
        from frontdesk.tui.calls import run_call

        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        run_call(
            self.app,
            city.push_centre,
            actor,
            done=lambda _result: self._after(actor, True),
            failed=lambda _error: self._after(actor, False),
        )

    def _after(self, actor: Any, ok: bool) -> None:
        if ok:
            self._delay = RETRY_FIRST_S
        else:
            delay, self._delay = self._delay, min(self._delay * 2, RETRY_MAX_S)
            self._timer = self.app.set_timer(delay, lambda: self.push_soon(actor))
        self._changed()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


def utc_to_local(timezone: str) -> Any:
    """A function that shows a UTC time as the centre's local date and time."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)

    def local(at: dt.datetime) -> str:
        return at.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    return local
