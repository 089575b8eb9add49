"""After the Day tab wrote a paper: the toast names the file and, when the computer has a
print command (lp), a small dialog offers to print it (Enter prints, Esc does not)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from frontdesk.i18n import t
from frontdesk.services import papers
from frontdesk.tui.calls import run_call


class PrintOfferScreen(ModalScreen[bool]):
    """Print the paper just written? Enter: yes; Esc: no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "answer(True)", "day.print.yes", id="print_offer.yes"),
        Binding("escape", "answer(False)", "key.cancel", id="print_offer.no"),
    ]

    def __init__(self, file_name: str) -> None:
        super().__init__(classes="modal")
        self.file_name = file_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box", id="print-offer-box"):
            yield Static(t("day.print.title"), classes="modal-title", markup=False)
            yield Static(t("day.print.question", file=self.file_name), markup=False)
            yield Static(t("day.print.help"), classes="modal-help", markup=False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def paper_saved(pane: Any, saved: papers.SavedPaper) -> None:
    """Name the file (status line and toast); offer to print it where lp exists."""
    pane._confirm(t("day.paper.saved", path=str(saved.path)))
    if not saved.can_print:
        return

    def answered(answer: bool | None) -> None:
        if answer:
            run_call(
                pane,
                papers.print_file,
                saved.path,
                done=lambda _: pane._confirm(t("day.print.sent", file=saved.path.name)),
                failed=pane._failed,
            )

    pane.app.push_screen(PrintOfferScreen(saved.path.name), answered)
