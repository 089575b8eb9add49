"""Ask a reason (for a void): Enter gives the reason, Esc gives None.

Reusable: ``app.push_screen(ReasonScreen(title), callback)``; the callback gets
the stripped reason, or None when cancelled. The service checks the length.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from frontdesk.i18n import t


class ReasonScreen(ModalScreen[str | None]):
    """A one-line reason, required; Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel", id="reason.cancel"),
    ]
    AUTO_FOCUS = "#reason-input"

    def __init__(self, title: str, *, label: str | None = None) -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.label_text = label

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box", id="reason-box"):
            yield Static(self.title_text, classes="modal-title", markup=False)
            yield Label(self.label_text or t("reason.label"))
            yield Input(id="reason-input", placeholder=t("reason.placeholder"), max_length=200)
            yield Static("", id="reason-error", classes="modal-error")
            yield Static(t("reason.help"), classes="modal-help")

    @on(Input.Submitted, "#reason-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = event.value.strip()
        if not reason:
            self.query_one("#reason-error", Static).update(t("reason.empty"))
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
