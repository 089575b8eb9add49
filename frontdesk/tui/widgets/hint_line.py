"""The line under a form that says what the focused field does.

A field (or a container of fields) carries its hint with ``set_hint(widget,
"text.key")``. A ``HintLine`` shows the hint of the focused widget, or of its
nearest ancestor with one, as long as the focus is inside the line's parent
(a pane or a dialog); else the line's own default. It follows every focus
change, so the hint never describes a field the cursor has left.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Static

from frontdesk.i18n import t

HINT_ATTRIBUTE = "desk_hint"
W = TypeVar("W", bound=Widget)


def set_hint(widget: W, key: str) -> W:
    """Give ``widget`` (and what it contains) the hint text ``key``; returns the widget."""
    setattr(widget, HINT_ATTRIBUTE, key)
    return widget


def hint_key(focused: DOMNode | None, scope: DOMNode | None) -> str | None:
    """The hint of ``focused`` or its nearest ancestor inside ``scope`` (None when outside)."""
    node = focused
    found: str | None = None
    while node is not None:
        if found is None:
            found = getattr(node, HINT_ATTRIBUTE, None)
        if node is scope:
            return found or ""
        node = node.parent
    return None


class HintLine(Static):
    """Says what the focused field does (see the module text)."""

    def __init__(self, default: str = "", **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.default = default  # a text key, shown while no field inside has a hint

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._focus_moved, init=True)

    def _focus_moved(self, focused: Widget | None = None) -> None:
        key = hint_key(focused, self.parent) or self.default
        self.update(t(key) if key else "")

    def show_hint(self) -> None:
        """Show the hint again (e.g. after the language changed)."""
        self._focus_moved(self.screen.focused)
