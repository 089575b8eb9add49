"""A training session for visitors (Day tab): CPR or naloxone, and how many people."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from frontdesk.i18n import t
from frontdesk.services import overdose
from frontdesk.services.vocab import TRAINING_KINDS
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.hint_line import HintLine, set_hint

KIND_KEYS = {"cpr": "f6", "naloxone": "f7"}


def choices(options: list[tuple[str, str, bool]]) -> Text:
    """'(F6) HLR  (F7) nalokson' with the chosen one in reverse."""
    text = Text()
    for key, label, chosen in options:
        text.append(f" ({key.upper()}) {label} ", style="reverse bold" if chosen else "")
        text.append(" ")
    return text


class TrainingScreen(FormDialog[Any]):
    """F6 CPR (default) / F7 naloxone, the number of people, Enter: records the session.

    Dismisses with the committed session, or None on Escape.
    """

    BINDINGS = [
        *(
            Binding(key, f"kind('{kind}')", f"overdose.training.{kind}", id=f"training.{kind}")
            for kind, key in KIND_KEYS.items()
        ),
    ]

    def __init__(self, actor: Any, day: Any = None) -> None:
        super().__init__()
        self._actor = actor
        self._day = day  # the day being corrected, or None for today
        self.kind = TRAINING_KINDS[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("overdose.training.title"), classes="dialog-title", markup=False)
            yield Static(t("overdose.training.kind"), markup=False)
            yield Static("", id="training-kinds")
            yield Label(t("overdose.training.people"))
            yield set_hint(
                Input(id="training-people", restrict=r"[0-9]*", max_length=3),
                "overdose.training.hint",
            )
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("overdose.training.hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self._show()
        self.query_one("#training-people", Input).focus()

    def _show(self) -> None:
        self.query_one("#training-kinds", Static).update(
            choices(
                [(KIND_KEYS[k], t(f"overdose.training.{k}"), k == self.kind) for k in KIND_KEYS]
            )
        )

    def action_kind(self, kind: str) -> None:
        self.kind = kind
        self._show()

    @on(Input.Submitted, "#training-people")
    def _entered(self) -> None:
        people = self.query_one("#training-people", Input).value.strip()
        self.commit(
            overdose.record_training, self._actor, self.kind, people, business_date=self._day
        )
