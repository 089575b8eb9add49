"""Add a new Megafon issue (number and outlet price) or make an existing one current (lead)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from frontdesk.i18n import t
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.pane_kit import FieldInput, parse_kroner


class IssueScreen(FormDialog[Any]):
    """Number and price in kroner; an empty price makes an existing issue current.

    ``commit(number, price_ore_or_None)`` runs in a worker.
    """

    def __init__(self, title: str, commit: Callable[[str, int | None], Any]) -> None:
        super().__init__()
        self._title = title
        self._commit = commit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            yield Label(t("megafon.issue_number"))
            yield FieldInput(id="issue-number", max_length=20, next_field="#issue-price")
            yield Label(t("megafon.issue_price"))
            yield Input(
                id="issue-price", placeholder=t("megafon.issue_price_placeholder"), max_length=12
            )
            yield Static(t("megafon.issue_price_hint"), classes="dialog-hint", markup=False)
            yield Static("", classes="dialog-error", markup=False)
            yield Static(t("formdialog.hint"), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#issue-number", Input).focus()

    @on(Input.Submitted, "#issue-price")
    def _price_entered(self) -> None:
        number = self.query_one("#issue-number", Input).value.strip()
        if not number:
            self.show_problem(t("megafon.issue_need_number"))
            self.query_one("#issue-number", Input).focus()
            return
        text = self.query_one("#issue-price", Input).value.strip()
        price_ore: int | None = None
        if text:
            try:
                price_ore = parse_kroner(text)
            except ValueError:
                self.show_problem(t("formdialog.bad_amount"))
                return
        self.commit(self._commit, number, price_ore)
