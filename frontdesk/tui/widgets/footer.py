"""The footer: the keys of the focused part, their descriptions in the desk's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from frontdesk.i18n import t


class DeskFooter(Footer):
    """A Footer whose binding descriptions may be i18n keys (translated when shown)."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=True)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = t(widget.description) if widget.description else ""
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = t(widget.tooltip)
            yield widget

    def refresh_texts(self) -> None:
        """Show the keys again, e.g. after the language changed."""
        self.app.refresh_bindings()
