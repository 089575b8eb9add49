"""The footer: the desk's own keys first (F1–F5, lock, quit), then the focused part's keys.

Binding descriptions and tooltips may be i18n keys; they are translated when shown.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, KeyGroup

from frontdesk.i18n import t

# The app's keys, in the order they are shown, before any pane's keys.
FIRST = ("f1", "f2", "f3", "f4", "f5", "ctrl+l", "ctrl+q")


class DeskFooter(Footer):
    """A compact Footer with the app's keys first and descriptions in the desk's language."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=True, compact=True)

    def compose(self) -> ComposeResult:
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
