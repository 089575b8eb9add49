"""Give a visitor code a Megafon vendor number, from the desk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from frontdesk.i18n import t
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.pane_kit import FieldInput


class VendorNumberScreen(FormDialog[Any]):
    """Visitor code, Enter, vendor number, Enter. ``commit(code, number)`` runs in a worker
    (the service refuses an unknown code and a number in use)."""

    def __init__(self, code: str, commit: Callable[[str, int], Any]) -> None:
        super().__init__()
        self._code = code
        self._commit = commit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("megafon.vendor_number_title"), classes="dialog-title", markup=False)
            yield Label(t("megafon.vendor_number_code"))
            yield FieldInput(
                self._code,
                id="vendor-code",
                max_length=12,
                restrict=r"[A-Za-z0-9ÆØÅæøå]*",
                next_field="#vendor-number",
            )
            yield Label(t("megafon.vendor_number_number"))
            yield Input(id="vendor-number", max_length=9, restrict=r"[0-9]*")
            yield Static("", classes="dialog-error", markup=False)
            yield Static(t("formdialog.hint"), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#vendor-number" if self._code else "#vendor-code", Input).focus()

    @on(Input.Submitted, "#vendor-number")
    def _number_entered(self) -> None:
        code = self.query_one("#vendor-code", Input).value.strip()
        number = self.query_one("#vendor-number", Input).value.strip()
        if not code:
            self.show_problem(t("megafon.need_vendor_code"))
            self.query_one("#vendor-code", Input).focus()
            return
        if not number.isdigit():
            self.show_problem(t("megafon.need_vendor_number"))
            return
        self.commit(self._commit, code, int(number))
