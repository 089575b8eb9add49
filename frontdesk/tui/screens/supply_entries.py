"""Today's supply entries (hand-outs, returns, sharps bins, deliveries): pick one to void."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from frontdesk.i18n import N_, t
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.hint_line import HintLine


@dataclass(frozen=True)
class SupplyEntry:
    """One of today's entries as the desk names it: kind, record number, the line shown."""

    kind: str  # hand_out | return | delivery | count
    id: int
    description: str  # "10:05 · Utdeling: 10 × Sprøyte 1 ml (CD)"
    voided: bool


class SupplyEntriesScreen(FormDialog[SupplyEntry]):
    """Lists today's entries, newest first; Enter picks one (voided ones cannot be picked)."""

    def __init__(
        self,
        entries: Sequence[SupplyEntry],
        *,
        title: str = N_("supplies.entries.title"),
        none: str = N_("supplies.entries.none"),
        hint: str = N_("supplies.entries.hint"),
    ) -> None:
        super().__init__()
        self._entries = list(entries)
        self._texts = (title, none, hint)  # text ids: the Day tab lists its own entries too

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t(self._texts[0]), classes="dialog-title", markup=False)
            if self._entries:
                yield OptionList(
                    *(
                        Option(
                            entry.description + (f"  ({t('word.voided')})" if entry.voided else ""),
                            id=str(index),
                            disabled=entry.voided,
                        )
                        for index, entry in enumerate(self._entries)
                    ),
                    id="entries-list",
                )
            else:
                yield Static(t(self._texts[1]), markup=False)
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine(self._texts[2], classes="dialog-hint")

    def on_mount(self) -> None:
        if self._entries:
            options = self.query_one("#entries-list", OptionList)
            options.focus()
            first = next((i for i, e in enumerate(self._entries) if not e.voided), None)
            options.highlighted = first

    @on(OptionList.OptionSelected, "#entries-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self._entries[int(event.option.id)])
