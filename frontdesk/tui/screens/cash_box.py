"""The cash box (K on the Day tab): the day's float, pay-ins and pay-outs.

The list shows the day's movements (voided ones marked); Del on one asks to
void it (a lead, or a lead's PIN in place, and a reason). Below it: what (float,
pay-in, pay-out), the reason (pay-ins and pay-outs) and the amount in kroner;
Enter saves. It never shows the expected cash: the close asks the count blind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from frontdesk.i18n import get_language, t
from frontdesk.services.vocab import CASH_MOVES, CASH_REASONS
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.hint_line import HintLine, set_hint
from frontdesk.tui.widgets.pane_kit import format_nok, parse_kroner


def describe(move: Any, hhmm: Callable[[dt.datetime], str]) -> str:
    """'09:02 · veksel 1 500,00 kr (AB)', the reason in words for a pay-in or pay-out."""
    reason = f"· {t(f'cash.reason.{move.reason}')}" if move.reason else ""
    return t(
        "cash.line",
        time=hhmm(move.at),
        kind=t(f"cash.kind.{move.kind}"),
        amount=format_nok(move.amount_ore, get_language()),
        reason=reason,
        who=move.staff_initials,
    ).replace("  ", " ")


class CashBoxScreen(FormDialog[Any]):
    """Dismisses with ("record", kind, øre, reason) or ("void", movement, description)."""

    BINDINGS = [
        Binding("delete", "void", "supplies.key.void", id="cash.void", show=False),
    ]

    def __init__(
        self,
        business_date: dt.date,
        moves: Sequence[Any],
        hhmm: Callable[[dt.datetime], str],
        commit: Callable[[str, int, str], Any],
    ) -> None:
        super().__init__()
        self.business_date = business_date
        self._moves = list(moves)
        self._hhmm = hhmm
        self._commit = commit

    def compose(self) -> ComposeResult:
        has_float = any(m.kind == "float" and not m.voided for m in self._moves)
        with Vertical(classes="dialog"):
            yield Static(
                t("cash.title", date=self.business_date.isoformat()),
                classes="dialog-title",
                markup=False,
            )
            if self._moves:
                yield set_hint(
                    OptionList(
                        *(
                            Option(
                                describe(m, self._hhmm)
                                + (f"  ({t('word.voided')})" if m.voided else ""),
                                id=str(i),
                                disabled=m.voided,
                            )
                            for i, m in enumerate(self._moves)
                        ),
                        id="cash-moves",
                    ),
                    "cash.hint",
                )
            else:
                yield Static(t("cash.none"), markup=False)
            yield Label(t("cash.kind"))
            yield Select(
                [(t(f"cash.kind.{k}"), k) for k in CASH_MOVES],
                id="cash-kind",
                value="pay_in" if has_float else "float",
                allow_blank=False,
                compact=True,
            )
            yield Label(t("cash.reason"), id="cash-reason-label")
            yield Select(
                [(t(f"cash.reason.{r}"), r) for r in CASH_REASONS],
                id="cash-reason",
                value=CASH_REASONS[0],
                allow_blank=False,
                compact=True,
            )
            yield Label(t("cash.amount"))
            yield set_hint(
                Input(id="cash-amount", placeholder=t("day.cash.placeholder"), max_length=16),
                "cash.hint",
            )
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("cash.hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self._kind_changed()
        self.query_one("#cash-amount", Input).focus()

    @on(Select.Changed, "#cash-kind")
    def _kind_changed(self) -> None:
        kind = self.query_one("#cash-kind", Select).value
        for selector in ("#cash-reason", "#cash-reason-label"):
            self.query_one(selector).display = kind != "float"
        if kind == "pay_out":
            self.query_one("#cash-reason", Select).value = "safe"
        elif kind == "pay_in":
            self.query_one("#cash-reason", Select).value = "change"

    @on(Input.Submitted, "#cash-amount")
    def _submitted(self) -> None:
        try:
            amount = parse_kroner(self.query_one("#cash-amount", Input).value)
        except ValueError:
            self.show_problem(t("formdialog.bad_amount"))
            return
        kind = str(self.query_one("#cash-kind", Select).value)
        reason = "" if kind == "float" else str(self.query_one("#cash-reason", Select).value)
        self.commit(self._commit, kind, amount, reason)

    def action_void(self) -> None:
        if not self._moves or self._busy:
            return
        options = self.query_one("#cash-moves", OptionList)
        index = options.highlighted
        if index is None or not options.has_focus:
            return
        move = self._moves[index]
        if not move.voided:
            self.dismiss(("void", move, describe(move, self._hhmm)))
