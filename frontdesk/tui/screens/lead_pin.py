"""Hand-over to a shift lead in place: a desk user asks for a lead action, a lead types
their initials and PIN at this desk, and that one action runs as the lead.

Use it through ``pane_kit.with_lead(node, what, then)``, never directly.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from frontdesk.errors import FrontdeskError
from frontdesk.i18n import t
from frontdesk.services.actor import Actor
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.pane_kit import initials_field, pin_field


class LeadPinScreen(FormDialog[Actor]):
    """Lead initials, Enter, PIN, Enter: dismisses with that lead's ``Actor``; Esc cancels.

    A wrong PIN is refused in the dialog (counted and audited as at sign-on),
    the PIN cleared; a member who is not a lead is refused with the sentence.
    """

    def __init__(self, centre_id: int, what: str) -> None:
        super().__init__()
        self.centre_id = centre_id
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("lead.title", what=self.what), classes="dialog-title", markup=False)
            yield Static(t("lead.hand_over"), markup=False)
            yield Label(t("lead.initials"))
            yield initials_field(id="lead-initials", next_field="#lead-pin")
            yield Label(t("lead.pin"))
            yield pin_field(id="lead-pin")
            yield Static("", classes="dialog-error", markup=False)
            yield Static(t("lead.hint"), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#lead-initials", Input).focus()

    @on(Input.Submitted, "#lead-pin")
    def _pin_entered(self) -> None:
        from frontdesk.services import staff

        initials = self.query_one("#lead-initials", Input).value.strip()
        pin = self.query_one("#lead-pin", Input).value
        if not initials:
            self.show_problem(t("lead.need_initials"))
            self.query_one("#lead-initials", Input).focus()
            return
        if not pin:
            self.show_problem(t("day.reopen.need_pin"))
            return
        self.commit(staff.lead_actor, self.centre_id, initials, pin, self.what)

    def refused(self, exc: FrontdeskError) -> None:
        super().refused(exc)
        pin = self.query_one("#lead-pin", Input)
        pin.value = ""
        pin.focus()
