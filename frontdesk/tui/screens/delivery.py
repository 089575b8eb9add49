"""Record a delivery (lead): copies of the current Megafon issue, or a supply item and quantity."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from frontdesk.i18n import t
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.hint_line import HintLine, set_hint
from frontdesk.tui.widgets.pane_kit import FieldInput


class DeliveryScreen(FormDialog[Any]):
    """Asks for a quantity (and an item code when ``items`` is given); commits it.

    ``commit(code, quantity)`` runs in a worker; the dialog dismisses with its
    result after the commit, or shows the refusal and keeps the input. With
    ``lots`` two optional fields follow the quantity, reached with Tab: the lot
    number and expiry date on the box; Enter in any of them saves, and the
    commit is ``commit(code, quantity, lot, expires)``.
    """

    def __init__(
        self,
        title: str,
        commit: Callable[..., Any],
        *,
        unit: str,
        items: Sequence[tuple[str, str]] | None = None,
        lots: bool = False,
    ) -> None:
        super().__init__()
        self._lots = lots
        self._title = title
        self._commit = commit
        self._unit = unit
        self._items = list(items) if items is not None else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            if self._items is not None:
                yield Label(t("formdialog.item"))
                codes = [code for code, _ in self._items]
                yield set_hint(
                    FieldInput(
                        id="delivery-item",
                        next_field="#delivery-quantity",
                        placeholder=", ".join(codes[:4]) + ", …",
                        suggester=SuggestFromList(codes, case_sensitive=False),
                        max_length=12,
                    ),
                    "dialog.hint.item",
                )
                yield Static("", id="delivery-item-name", classes="dialog-hint", markup=False)
            yield Label(self._unit)
            yield set_hint(
                Input(id="delivery-quantity", restrict=r"[0-9]*", max_length=6),
                "stock.delivery.hint.quantity" if self._lots else "dialog.hint.quantity",
            )
            if self._lots:
                yield Label(t("stock.delivery.lot"))
                yield set_hint(Input(id="delivery-lot", max_length=40), "stock.delivery.hint.lot")
                yield Label(t("stock.delivery.expires"))
                yield set_hint(
                    Input(id="delivery-expires", restrict=r"[0-9-]*", max_length=10),
                    "stock.delivery.hint.expires",
                )
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("formdialog.hint", classes="dialog-hint")

    def on_mount(self) -> None:
        first = "#delivery-item" if self._items is not None else "#delivery-quantity"
        self.query_one(first, Input).focus()

    def _item_code(self) -> str | None:
        if self._items is None:
            return None
        typed = self.query_one("#delivery-item", Input).value.strip().upper()
        return next((code for code, _ in self._items if code.upper() == typed), None)

    @on(Input.Changed, "#delivery-item")
    def _item_changed(self) -> None:
        code = self._item_code()
        names = dict(self._items or [])
        self.query_one("#delivery-item-name", Static).update(names.get(code, "") if code else "")

    @on(Input.Submitted, "#delivery-item")
    def _item_entered(self) -> None:
        item = self.query_one("#delivery-item", Input)
        if item.value and item._suggestion:  # take the completion shown
            item.value = item._suggestion
        if self._item_code() is None:
            self.show_problem(t("formdialog.unknown_item"))
            item.focus()
            return
        self.show_problem("")

    @on(Input.Submitted, "#delivery-quantity, #delivery-lot, #delivery-expires")
    def _quantity_entered(self) -> None:
        code = self._item_code()
        if self._items is not None and code is None:
            self.show_problem(t("formdialog.unknown_item"))
            self.query_one("#delivery-item", Input).focus()
            return
        text = self.query_one("#delivery-quantity", Input).value.strip()
        if not text.isdigit() or int(text) < 1:
            self.show_problem(t("formdialog.need_quantity"))
            return
        if self._lots:
            lot = self.query_one("#delivery-lot", Input).value.strip() or None
            expires = self.query_one("#delivery-expires", Input).value.strip() or None
            self.commit(self._commit, code, int(text), lot, expires)
            return
        self.commit(self._commit, code, int(text))
