"""A visitor's records, read-only, for a shift lead (F9 on the Check-in tab); F8 erases them.

Shows everything stored under one code (``rights.visitor_records``, audited without
the code). Erasing asks a shift lead's initials and PIN every time (also when a lead
is signed on: it cannot be undone) and a reason, then runs ``rights.erase_visitor``
as that lead; the screen closes with the erased code once it is committed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from frontdesk.errors import FrontdeskError
from frontdesk.i18n import get_language, t
from frontdesk.tui.calls import run_call
from frontdesk.tui.screens.form_dialog import FormDialog

if TYPE_CHECKING:
    from frontdesk.services.actor import Actor


class VisitorRecordsScreen(FormDialog[str | None]):
    """Dismisses with the code when it was erased, else None (Esc)."""

    DEFAULT_CSS = """
    VisitorRecordsScreen > .dialog { width: 100; height: 100%; }
    VisitorRecordsScreen #records-body { height: 1fr; }
    """
    BINDINGS = [
        Binding("f8", "erase", "rights.screen.erase", id="rights.erase"),
    ]

    def __init__(self, lead: Actor, code: str) -> None:
        super().__init__()
        self.lead = lead
        self.code = code.strip().upper()
        self.records: Any = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with VerticalScroll(id="records-body"):
                yield Static("…", id="records-text", markup=False)
            yield Static("", classes="dialog-error", markup=False)
            yield Static(
                f"F8 {t('rights.screen.erase')} · Esc {t('rights.screen.close')}",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        from frontdesk.services import rights

        self.query_one("#records-body").focus()
        run_call(
            self,
            rights.visitor_records,
            self.lead,
            self.code,
            done=self._show,
            failed=self._refused,
        )

    def _show(self, records: Any) -> None:
        from frontdesk.records_text import records_text

        self.records = records
        self.query_one("#records-text", Static).update(records_text(records))

    def _refused(self, exc: FrontdeskError) -> None:
        self.query_one("#records-text", Static).update("")
        self.show_problem(exc.text(get_language()))

    def action_erase(self) -> None:
        from frontdesk.tui.screens.lead_pin import LeadPinScreen
        from frontdesk.tui.screens.reason import ReasonScreen

        if self.records is None or self._busy:
            return
        code = self.records.code

        def with_reason(lead: Actor, reason: str | None) -> None:
            if reason is not None:
                self.commit(_erase, lead, code, reason)

        def with_lead(lead: Actor | None) -> None:
            if lead is not None:
                title = t("rights.screen.reason_title", code=code)
                self.app.push_screen(ReasonScreen(title), lambda r: with_reason(lead, r))

        what = t("rights.screen.erase_what", code=code)
        self.app.push_screen(LeadPinScreen(self.lead.centre_id, what), with_lead)


def _erase(lead: Actor, code: str, reason: str) -> str:
    from frontdesk.services import rights

    rights.erase_visitor(lead, code, reason)
    return code
