"""The footer: the desk's own keys first (F1–F5, lock, quit), then the focused part's keys.

Binding descriptions and tooltips may be i18n keys; they are translated when shown.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, KeyGroup

from frontdesk.i18n import get_language, t

# The app's keys, in the order they are shown, before any pane's keys.
FIRST = ("f1", "f2", "f3", "f4", "f5", "ctrl+l", "ctrl+q")


class DeskFooter(Footer):
    """A compact Footer with the app's keys first and descriptions in the desk's language."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=True, compact=True)
        self._shown: tuple[Any, ...] | None = None

    @staticmethod
    def _signature(screen: Screen[Any]) -> tuple[Any, ...]:
        """What the footer would show: its keys, their texts and whether they are enabled."""
        return (
            get_language(),
            *(
                (binding.key, binding.action, binding.description, enabled, tooltip)
                for (_node, binding, enabled, tooltip) in screen.active_bindings.values()
                if binding.show or binding.key == "ctrl+p"
            ),
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # Focus moving inside a grid changes no key: rebuilding the footer then
        # cost a layout of the whole screen on every arrow key.
        unchanged = self._shown is not None and self.is_attached and screen is self.screen
        if unchanged and self._signature(screen) == self._shown:
            self._bindings_ready = True
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._signature(self.screen)
        widgets = list(super().compose())
        if any(isinstance(w, KeyGroup) for w in widgets):
            yield from widgets  # grouped keys keep Textual's order
            return
        for widget in widgets:
            if isinstance(widget, FooterKey):
                widget.description = t(widget.description) if widget.description else ""
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = t(widget.tooltip)

        def rank(item: tuple[int, object]) -> tuple[int, int]:
            index, widget = item
            key = getattr(widget, "key", None)
            if "-command-palette" in getattr(widget, "classes", ()):
                return (2, index)
            return (0, FIRST.index(key)) if key in FIRST else (1, index)

        yield from (w for _, w in sorted(enumerate(widgets), key=rank))

    def refresh_texts(self) -> None:
        """Show the keys again, e.g. after the language changed."""
        self.app.refresh_bindings()
