"""A returned sharps bin: pick the bin size; the returned syringes are estimated from it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from frontdesk.i18n import t
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.hint_line import HintLine


class SharpsBinScreen(FormDialog[Any]):
    """Lists the sharps-bin items; Enter records one returned bin of that size.

    ``bins`` is ``(code, label)`` pairs; ``commit(code)`` runs in a worker and the
    dialog dismisses with its result after the commit.
    """

    def __init__(self, bins: Sequence[tuple[str, str]], commit: Callable[[str], Any]) -> None:
        super().__init__()
        self._bins = list(bins)
        self._commit = commit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("supplies.bin.title"), classes="dialog-title", markup=False)
            # Text, not markup: an item name is shown as typed ("[/red]" included).
            options = (Option(Text(label), id=code) for code, label in self._bins)
            yield OptionList(*options, id="bin-list")
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("supplies.bin.hint", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#bin-list", OptionList)
        options.focus()
        if self._bins:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#bin-list")
    def _bin_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.commit(self._commit, event.option.id)
