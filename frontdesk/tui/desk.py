"""The one typed way from a widget or screen to the desk app that runs it.

Panes and screens *ask* the app for something with a message (``tui/messages.py``);
what they must read or call directly (the signed-on actor, the centre's settings,
a toast) they reach through ``desk(self)``, typed as ``DeskApp``: no ``app: Any``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from frontdesk.tui.app import DeskApp


def desk(node: DOMNode) -> DeskApp:
    """The ``DeskApp`` that ``node`` belongs to (TypeError in any other app)."""
    from frontdesk.tui.app import DeskApp  # imported when the app already runs: no cycle

    app = node.app
    if not isinstance(app, DeskApp):
        raise TypeError(f"{type(node).__name__} belongs to the desk app, not {type(app).__name__}")
    return app
