"""Register an unknown visitor code (a pseudonym, never a name), then check in.

Everything but the code is optional. Enter in any field registers; the modal
closes with the new ``VisitorInfo`` only after the commit, and stays open with
the service's sentence (and everything typed) when the service refuses.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from frontdesk.errors import FrontdeskError
from frontdesk.i18n import t
from frontdesk.tui.calls import run_call
from frontdesk.tui.desk import desk
from frontdesk.tui.widgets.code_input import CodeInput
from frontdesk.tui.widgets.hint_line import HintLine, set_hint


class RegisterScreen(ModalScreen[Any]):
    """Ask the optional details of a new visitor code; dismiss with the VisitorInfo or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel", id="register.cancel"),
    ]

    def __init__(self, code: str = "") -> None:
        super().__init__(classes="modal")
        self.code = code.strip().upper()
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box", id="register-box"):
            title = t("register.title", code=self.code) if self.code else t("register.title_empty")
            yield Static(title, classes="modal-title", markup=False)
            yield Static(t("register.reminder"), classes="modal-hint")
            yield Label(t("register.code"))
            yield set_hint(CodeInput(self.code, id="register-code"), "register.hint.code")
            with Horizontal(id="register-row"):
                with Vertical():
                    yield Label(t("register.gender"))
                    yield Input(id="register-gender", max_length=1, restrict=r"[fmxuFMXU]*")
                with Vertical():
                    yield Label(t("register.birth_year"))
                    yield Input(id="register-birth-year", max_length=4, restrict=r"[0-9]*")
                with Vertical():
                    yield Label(t("register.vendor"))
                    yield Input(id="register-vendor", max_length=6, restrict=r"[0-9]*")
            yield Checkbox(t("register.dagsverket"), id="register-dagsverket")
            yield Static("", id="register-error", classes="modal-error", markup=False)
            yield HintLine("register.help", classes="modal-help")

    def on_mount(self) -> None:
        # The code is usually known already: start at the first optional field.
        first = "#register-gender" if self.code else "#register-code"
        self.query_one(first).focus()

    @on(CodeInput.SpaceRefused)
    def _space(self, event: CodeInput.SpaceRefused) -> None:
        event.stop()
        self.query_one("#register-error", Static).update(t("checkin.no_space"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_register()

    def action_register(self) -> None:
        from frontdesk.services import visits

        app = desk(self)
        if self._busy or app.actor is None:
            return
        self._busy = True
        self.query_one("#register-error", Static).update("")
        run_call(
            self,
            visits.register_visitor,
            app.actor,
            self.query_one("#register-code", Input).value,
            gender=self.query_one("#register-gender", Input).value.lower() or None,
            birth_year=self.query_one("#register-birth-year", Input).value or None,
            dagsverket=self.query_one("#register-dagsverket", Checkbox).value,
            vendor_number=self.query_one("#register-vendor", Input).value or None,
            done=self._registered,
            failed=self._refused,
        )

    def _registered(self, visitor: Any) -> None:
        self.dismiss(visitor)

    def _refused(self, exc: FrontdeskError) -> None:
        self._busy = False
        app = desk(self)
        self.query_one("#register-error", Static).update(exc.text(app.lang))

    def action_cancel(self) -> None:
        self.dismiss(None)
