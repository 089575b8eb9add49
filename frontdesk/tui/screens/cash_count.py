"""Count the Megafon cash box and close the day (lead): counted kroner → Z-report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from frontdesk.i18n import t
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.pane_kit import format_nok, parse_kroner


class CashCountScreen(FormDialog[Any]):
    """Asks the counted cash in kroner ('1250', '1250,50', '1 250,50'), shows the difference.

    The first Enter shows the day, expected and counted cash and the difference
    and asks once more; the second Enter closes (Esc goes back to the amount).
    ``commit(counted_cash_ore)`` closes the day in a worker; the dialog dismisses
    with the Z-report after the commit, or shows the refusal and keeps the amount.
    """

    def __init__(
        self,
        business_date: dt.date,
        expected_ore: int,
        commit: Callable[[int], Any],
    ) -> None:
        super().__init__()
        self.business_date = business_date
        self.expected_ore = expected_ore
        self._commit = commit
        self._asked: int | None = None  # the amount the confirm line asks about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                t("day.cash.title", date=self.business_date.isoformat()),
                classes="dialog-title",
                markup=False,
            )
            yield Static(
                t("day.cash.expected", amount=format_nok(self.expected_ore)),
                id="cash-expected",
                markup=False,
            )
            yield Label(t("day.cash.counted"))
            yield Input(id="cash-counted", placeholder=t("day.cash.placeholder"), max_length=16)
            yield Static("", id="cash-diff", markup=False)
            yield Static("", id="cash-confirm", markup=False)
            yield Static("", classes="dialog-error", markup=False)
            yield Static(t("day.cash.hint"), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#cash-counted", Input).focus()

    def _counted(self) -> int | None:
        try:
            return parse_kroner(self.query_one("#cash-counted", Input).value)
        except ValueError:
            return None

    @on(Input.Changed, "#cash-counted")
    def _changed(self) -> None:
        self._ask(None)
        counted = self._counted()
        diff = self.query_one("#cash-diff", Static)
        if counted is None:
            diff.update("")
            return
        diff.update(
            t(
                "day.cash.diff",
                counted=format_nok(counted),
                diff=format_nok(counted - self.expected_ore),
            )
        )

    @on(Input.Submitted, "#cash-counted")
    def _submitted(self) -> None:
        counted = self._counted()
        if counted is None:
            self.show_problem(t("formdialog.bad_amount"))
            return
        if self._asked != counted:
            self.show_problem("")
            self._ask(counted)
            return
        self.commit(self._commit, counted)

    def _ask(self, counted: int | None) -> None:
        """Ask once more (or stop asking): the day and its figures, in one line."""
        self._asked = counted
        line = self.query_one("#cash-confirm", Static)
        line.set_class(counted is not None, "-asking")
        if counted is None:
            line.update("")
            return
        line.update(
            t(
                "day.cash.confirm",
                date=self.business_date.isoformat(),
                expected=format_nok(self.expected_ore),
                counted=format_nok(counted),
                diff=format_nok(counted - self.expected_ore),
            )
        )

    def action_cancel(self) -> None:
        if self._asked is not None and not self._busy:
            self._ask(None)  # Esc at the question goes back to the amount
            return
        super().action_cancel()
