"""A small modal form: the base of the Megafon, Supplies and Day dialogs.

A dialog that commits something runs the service call itself (through
``run_call``) and dismisses with the committed result only after the commit;
a refusal shows the service's sentence inside the dialog and keeps what the
user typed. Escape cancels (dismisses with ``None``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from frontdesk.errors import FrontdeskError
from frontdesk.i18n import get_language
from frontdesk.tui.calls import run_call

ResultT = TypeVar("ResultT")


class FormDialog(ModalScreen[ResultT]):
    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > .dialog { width: 68; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $panel; padding: 0 1; }
    FormDialog .dialog-title { text-style: bold; padding-bottom: 1; }
    FormDialog .dialog-error { color: $text-error; }
    FormDialog .dialog-hint { color: $text-muted; }
    FormDialog .-asking { text-style: bold; color: $text-warning; }
    FormDialog Input { border: none; height: 1; padding: 0 1; margin-bottom: 1;
        background: $boost; }
    FormDialog Input:focus { border: none; background: $primary 40%; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "formdialog.cancel", id="formdialog.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._busy = False

    def action_cancel(self) -> None:
        if not self._busy:
            self.dismiss(None)

    def show_problem(self, text: str) -> None:
        """A sentence in the dialog's error line (the dialog stays open)."""
        self.query_one(".dialog-error", Static).update(text)

    def refused(self, exc: FrontdeskError) -> None:
        """The service refused: its sentence in the dialog; what was typed stays."""
        self.show_problem(exc.text(get_language()))

    def commit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run the service call; dismiss with its result once committed."""
        if self._busy:
            return
        self._busy = True
        self.show_problem("")

        def done(result: Any) -> None:
            self._busy = False
            self.dismiss(result)

        def failed(exc: FrontdeskError) -> None:
            self._busy = False
            self.refused(exc)

        run_call(self, fn, *args, done=done, failed=failed, **kwargs)
