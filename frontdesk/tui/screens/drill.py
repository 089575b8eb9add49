"""A staff member's drill (Day tab, lead): initials, CPR or naloxone course, today; the
last drills of every staff member are listed, the ones due marked."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from frontdesk.i18n import t
from frontdesk.services import overdose
from frontdesk.services.vocab import DRILL_KINDS
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.screens.training import choices
from frontdesk.tui.widgets.hint_line import HintLine, set_hint
from frontdesk.tui.widgets.pane_kit import initials_field

KIND_KEYS = {"cpr": "f6", "naloxone": "f7"}


def drill_lines(members: list[Any]) -> str:
    """'AB  HLR 2026-11-16  naloksonkurs aldri  forfalt' per staff member."""
    lines = []
    for m in members:
        if not m.active:
            continue
        dates = "  ".join(
            f"{t(f'overdose.drill.{kind}')} "
            f"{m.last[kind].isoformat() if m.last[kind] else t('overdose.drill.never')}"
            for kind in DRILL_KINDS
        )
        due = f"  {t('overdose.drill.due')}" if m.cpr_due else ""
        lines.append(f"{m.initials:<4} {dates}{due}")
    return "\n".join(lines)


class DrillScreen(FormDialog[Any]):
    """Initials, F6 CPR (default) / F7 naloxone course, Enter: the drill, dated today.

    ``members`` are the staff with their last drills (shown). Dismisses with the
    committed drill, or None on Escape.
    """

    BINDINGS = [
        *(
            Binding(key, f"kind('{kind}')", f"overdose.drill.{kind}", id=f"drill.{kind}")
            for kind, key in KIND_KEYS.items()
        ),
    ]

    def __init__(self, lead: Any, members: list[Any]) -> None:
        super().__init__()
        self._lead = lead
        self._members = members
        self.kind = DRILL_KINDS[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("overdose.drill.title"), classes="dialog-title", markup=False)
            yield Static(t("overdose.drill.last"), markup=False)
            yield Static(drill_lines(self._members), id="drill-last", markup=False)
            yield Label(t("overdose.drill.initials"))
            yield set_hint(initials_field(id="drill-initials"), "overdose.drill.hint")
            yield Static(t("overdose.drill.kind"), markup=False)
            yield Static("", id="drill-kinds")
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("overdose.drill.hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self._show()
        self.query_one("#drill-initials", Input).focus()

    def _show(self) -> None:
        self.query_one("#drill-kinds", Static).update(
            choices([(KIND_KEYS[k], t(f"overdose.drill.{k}"), k == self.kind) for k in KIND_KEYS])
        )

    def action_kind(self, kind: str) -> None:
        self.kind = kind
        self._show()

    @on(Input.Submitted, "#drill-initials")
    def _entered(self) -> None:
        initials = self.query_one("#drill-initials", Input).value.strip()
        self.commit(overdose.record_drill, self._lead, initials, self.kind)
