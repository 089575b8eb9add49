"""Reopen a closed day (lead): the lead's PIN again and a reason.

A desk user at the desk hands over in place: the dialog then asks the lead's
initials too, and the day is reopened as that lead (audited as them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from frontdesk.errors import FrontdeskError
from frontdesk.i18n import N_, t
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.pane_kit import initials_field, pin_field

if TYPE_CHECKING:
    from frontdesk.services.actor import Actor


class ReopenScreen(FormDialog[Any]):
    """(Lead initials, Enter,) PIN, Enter, reason, Enter.

    ``commit(initials_or_None, pin, reason)`` reopens the day in a worker and
    the dialog dismisses with the business date; a wrong PIN or a refusal is
    shown in the dialog (the PIN is cleared, the reason kept).
    """

    def __init__(
        self,
        business_date: dt.date,
        z_no: int | None,
        commit: Callable[[str | None, str, str], Any],
        actor: Actor | None = None,
    ) -> None:
        super().__init__()
        self.business_date = business_date
        self.z_no = z_no
        self._commit = commit
        self.hand_over = actor is not None and not actor.is_lead

    def compose(self) -> ComposeResult:
        day = self.business_date.isoformat()
        title = (
            t("day.reopen.title_z", date=day, z_no=self.z_no)
            if self.z_no is not None
            else t("day.reopen.title", date=day)
        )
        with Vertical(classes="dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            if self.hand_over:
                yield Static(t("lead.hand_over"), markup=False)
                yield Label(t("lead.initials"))
                yield initials_field(id="reopen-initials", next_field="#reopen-pin")
            yield Label(t("lead.pin") if self.hand_over else t("day.reopen.pin"))
            yield pin_field(id="reopen-pin", next_field="#reopen-reason")
            yield Label(t("day.reopen.reason"))
            yield Input(id="reopen-reason", max_length=200, placeholder=t("day.reopen.placeholder"))
            yield Static("", classes="dialog-error", markup=False)
            hint = N_("day.reopen.hint_hand_over" if self.hand_over else "day.reopen.hint")
            yield Static(t(hint), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        first = "#reopen-initials" if self.hand_over else "#reopen-pin"
        self.query_one(first, Input).focus()

    @on(Input.Submitted, "#reopen-reason")
    def _reason_entered(self) -> None:
        initials = None
        if self.hand_over:
            initials = self.query_one("#reopen-initials", Input).value.strip()
            if not initials:
                self.show_problem(t("lead.need_initials"))
                self.query_one("#reopen-initials", Input).focus()
                return
        pin = self.query_one("#reopen-pin", Input).value
        reason = self.query_one("#reopen-reason", Input).value.strip()
        if not pin:
            self.show_problem(t("day.reopen.need_pin"))
            self.query_one("#reopen-pin", Input).focus()
            return
        if not reason:
            self.show_problem(t("day.reopen.need_reason"))
            return
        self.commit(self._commit, initials, pin, reason)

    def refused(self, exc: FrontdeskError) -> None:
        super().refused(exc)
        pin = self.query_one("#reopen-pin", Input)  # type the PIN again; the reason stays
        pin.value = ""
        pin.focus()
