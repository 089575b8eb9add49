"""The stock view (F12 on the Supplies tab) and the stock-take dialog.

The view lists every item with its stock, days of cover, next expiry, what
expires soon, what has expired (red), when it was last counted and what to
order for 28 days. Enter on an item opens the stock-take (a lead, or a lead's
PIN in place): the whole item or one lot, the counted quantity and a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, Select, Static

from frontdesk.i18n import get_language, t
from frontdesk.services import days, stock, supplies
from frontdesk.services.settings import get_settings
from frontdesk.services.vocab import STOCK_REASONS
from frontdesk.tui.calls import run_call
from frontdesk.tui.desk import desk
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.hint_line import HintLine, set_hint
from frontdesk.tui.widgets.pane_kit import fill_table, selected_key, with_lead

COLUMNS = ("code", "name", "stock", "cover", "next", "expiring", "expired", "counted", "order")


@dataclass(frozen=True)
class StockData:
    lines: list[stock.StockLine]
    order: dict[str, int]  # item code -> what to order for REORDER_DAYS
    warning_days: int
    today: dt.date  # the business date: a lot dated before it has expired


def load_stock(centre_id: int) -> StockData:
    return StockData(
        lines=stock.stock_view(centre_id),
        order={r.item.code: r.order for r in stock.reorder(centre_id)},
        warning_days=get_settings(centre_id).expiry_warning_days,
        today=days.today(centre_id),
    )


def _name(item: supplies.ItemInfo) -> str:
    return item.name_nb if get_language() == "nb" else item.name_en


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "–"


def _short_day(value: dt.date | None, today: dt.date) -> str:
    """A date of this year as MM-DD (the column is narrow), else in full."""
    if value is None:
        return "–"
    return value.strftime("%m-%d") if value.year == today.year else value.isoformat()


class StockScreen(FormDialog[None]):
    """Stock by lot and expiry; Enter counts the item under the cursor."""

    DEFAULT_CSS = """
    StockScreen > .dialog { width: 110; padding: 0; }
    StockScreen .dialog-title, StockScreen .dialog-hint, StockScreen Static { padding: 0 1; }
    StockScreen DataTable { height: auto; max-height: 16; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._data: StockData | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("", id="stock-title", classes="dialog-title", markup=False)
            yield set_hint(DataTable(id="stock-table", cursor_type="row"), "stock.hint")
            yield Static("", id="stock-status", markup=False)
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("stock.hint", classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#stock-table", DataTable)
        for key in COLUMNS:
            table.add_column(t(f"stock.col.{key}"), key=key)
        table.focus()
        self.reload()

    def reload(self) -> None:
        actor = desk(self).actor
        if actor is not None:
            run_call(self, load_stock, actor.centre_id, done=self._show, failed=self.refused)

    def _show(self, data: StockData) -> None:
        self._data = data
        self.query_one("#stock-title", Static).update(
            t("stock.title", days=data.warning_days, cover=stock.REORDER_DAYS)
        )
        rows = []
        name_room = 9 if self.app.size.width < 100 else 24  # the table fits 80 columns
        for line in data.lines:
            item = line.item
            expired: object = str(line.expired) if line.expired else ""
            if line.expired:
                expired = Text(str(line.expired), style="bold red", justify="right")
            rows.append(
                (
                    item.code,
                    (
                        Text(item.code, style="bold red") if line.expired else item.code,
                        _name(item)[:name_room],
                        Text(str(item.stock), justify="right"),
                        Text(
                            "–" if item.days_of_cover is None else str(item.days_of_cover),
                            justify="right",
                        ),
                        _day(line.next_expiry),
                        Text(str(line.expiring) if line.expiring else "", justify="right"),
                        expired,
                        _short_day(line.last_counted, data.today),
                        Text(str(data.order.get(item.code, 0) or ""), justify="right"),
                    ),
                )
            )  # fmt: skip
        fill_table(self.query_one("#stock-table", DataTable), rows)

    @on(DataTable.RowSelected, "#stock-table")
    def _count(self, event: DataTable.RowSelected) -> None:
        code = str(event.row_key.value)
        lines = self._data.lines if self._data else []
        line = next((s for s in lines if s.item.code == code), None)
        if line is None:
            return
        with_lead(self, t("stock.lead.count"), lambda lead: self._ask_count(lead, line))

    def _ask_count(self, lead: Any, line: stock.StockLine) -> None:
        def commit(lot: str | None, counted: int, reason: str) -> Any:
            return stock.count_stock(lead, line.item.code, counted, reason, lot=lot)

        def done(info: Any) -> None:
            if info is None:
                return
            text = t(
                "stock.counted",
                code=info.code + (f" {info.lot}" if info.lot else ""),
                counted=info.counted,
                on_record=info.on_record,
                change=f"{info.difference:+d}",
            )
            self.query_one("#stock-status", Static).update(text)
            desk(self).confirm(text)
            self.reload()

        today = self._data.today if self._data else dt.date.min
        self.app.push_screen(StockCountScreen(line, today, commit), done)

    def current_code(self) -> str | None:
        return selected_key(self.query_one("#stock-table", DataTable))


class StockCountScreen(FormDialog[Any]):
    """What was counted (the whole item or one lot), the count, the reason; Enter saves."""

    def __init__(
        self,
        line: stock.StockLine,
        today: dt.date,
        commit: Callable[[str | None, int, str], Any],
    ) -> None:
        super().__init__()
        self._line = line
        self._today = today
        self._commit = commit

    def compose(self) -> ComposeResult:
        item = self._line.item
        with Vertical(classes="dialog"):
            yield Static(
                t("stock.count.title", name=_name(item), code=item.code),
                classes="dialog-title",
                markup=False,
            )
            yield Label(t("stock.count.lot"))
            options = [(t("stock.count.whole", stock=item.stock), "")]
            options += [
                (
                    t(
                        "stock.count.one_lot",
                        lot=lot.label,
                        expires=_day(lot.expires_on)
                        if lot.expires_on
                        else t("stock.count.no_expiry"),
                        stock=lot.on_hand,
                    ),
                    lot.label,
                )
                for lot in self._line.lots
                if lot.id is not None
            ]
            yield Select(options, id="count-lot", value="", allow_blank=False, compact=True)
            yield Label(t("stock.count.reason"))
            yield Select(
                [(t(f"stock.reason.{r}"), r) for r in STOCK_REASONS],
                id="count-reason",
                value=STOCK_REASONS[0],
                allow_blank=False,
                compact=True,
            )
            yield Label(t("stock.count.counted"))
            yield set_hint(
                Input(id="count-quantity", restrict=r"[0-9]*", max_length=7),
                "stock.count.hint",
            )
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("stock.count.hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#count-quantity", Input).focus()

    @on(Select.Changed, "#count-lot")
    def _lot_changed(self, event: Select.Changed) -> None:
        lot = next(
            (x for x in self._line.lots if x.id is not None and x.label == event.value), None
        )
        if lot is not None and lot.expired(self._today):
            self.query_one("#count-reason", Select).value = "expired"

    @on(Input.Submitted, "#count-quantity")
    def _submitted(self) -> None:
        text = self.query_one("#count-quantity", Input).value.strip()
        if not text.isdigit():
            self.show_problem(t("stock.count.need"))
            return
        lot = self.query_one("#count-lot", Select).value
        reason = self.query_one("#count-reason", Select).value
        self.commit(self._commit, str(lot) or None, int(text), str(reason))
