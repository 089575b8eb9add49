"""Reopen a closed day (lead): the lead's PIN again and a reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from frontdesk.errors import FrontdeskError
from frontdesk.i18n import t
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.pane_kit import FieldInput


class ReopenScreen(FormDialog[Any]):
    """PIN, Enter, reason, Enter. ``commit(pin, reason)`` reopens the day in a worker.

    Dismisses with the business date after the commit; a wrong PIN or a
    refusal is shown in the dialog (the PIN is cleared, the reason kept).
    """

    def __init__(self, business_date: dt.date, commit: Callable[[str, str], Any]) -> None:
        super().__init__()
        self.business_date = business_date
        self._commit = commit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                t("day.reopen.title", date=self.business_date.isoformat()),
                classes="dialog-title",
                markup=False,
            )
            yield Label(t("day.reopen.pin"))
            yield FieldInput(
                id="reopen-pin",
                password=True,
                restrict=r"[0-9]*",
                max_length=8,
                next_field="#reopen-reason",
            )
            yield Label(t("day.reopen.reason"))
            yield Input(id="reopen-reason", max_length=200, placeholder=t("day.reopen.placeholder"))
            yield Static("", classes="dialog-error", markup=False)
            yield Static(t("day.reopen.hint"), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#reopen-pin", Input).focus()

    @on(Input.Submitted, "#reopen-reason")
    def _reason_entered(self) -> None:
        pin = self.query_one("#reopen-pin", Input).value
        reason = self.query_one("#reopen-reason", Input).value.strip()
        if not pin:
            self.show_problem(t("day.reopen.need_pin"))
            self.query_one("#reopen-pin", Input).focus()
            return
        if not reason:
            self.show_problem(t("day.reopen.need_reason"))
            return
        day = self.business_date
        commit = self._commit

        def reopen() -> dt.date:
            commit(pin, reason)
            return day

        self.commit(reopen)

    def refused(self, exc: FrontdeskError) -> None:
        super().refused(exc)
        pin = self.query_one("#reopen-pin", Input)  # type the PIN again; the reason stays
        pin.value = ""
        pin.focus()
