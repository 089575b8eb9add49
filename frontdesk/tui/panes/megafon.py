"""F3 Megafon: the current issue, the sale form (one key per payment), today's sales.

A sale is typed as vendor (vendor number or visitor code) and copies, and
committed by one payment key. Deliveries and new issues are for a shift lead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static

from frontdesk.i18n import get_language, t
from frontdesk.services import days, megafon
from frontdesk.tui.calls import run_call
from frontdesk.tui.widgets.pane_kit import (
    FieldInput,
    LoadedPane,
    fill_table,
    format_nok,
    local_hhmm,
    selected_key,
)

PAYMENTS = ("cash", "card", "vipps")


@dataclass(frozen=True)
class MegafonView:
    """Everything the tab shows, read in one worker call."""

    title: str
    issue: Any  # megafon.IssueInfo | None
    sales: list[Any]  # list[megafon.SaleInfo]
    totals: dict[str, int]
    closed: bool


def load_view(centre_id: int) -> MegafonView:
    return MegafonView(
        title=megafon.magazine_title(centre_id),
        issue=megafon.current_issue(centre_id),
        sales=megafon.sales_on(centre_id),
        totals=megafon.totals_on(centre_id),
        closed=days.is_closed(centre_id, days.today(centre_id)),
    )


class SalesTable(DataTable):
    """Today's sales; Delete voids the highlighted one (asks a reason)."""

    BINDINGS = [
        Binding("delete", "void_sale", "megafon.key.void", id="megafon.void"),
    ]

    def action_void_sale(self) -> None:
        pane = next((a for a in self.ancestors if isinstance(a, MegafonPane)), None)
        if pane is not None:
            pane.action_void_sale()


class MegafonPane(LoadedPane):
    STATUS_ID = "megafon-status"
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("megafon.palette.new_sale", "megafon.palette.new_sale_help", "action_new_sale"),
        ("megafon.palette.void", "megafon.palette.void_help", "action_void_sale"),
        ("megafon.palette.delivery", "megafon.palette.delivery_help", "action_delivery"),
        ("megafon.palette.issue", "megafon.palette.issue_help", "action_new_issue"),
    ]
    BINDINGS = [
        Binding("f6", "pay('cash')", "megafon.key.cash", id="megafon.cash",
                tooltip="megafon.key.pay_tip"),
        Binding("f7", "pay('card')", "megafon.key.card", id="megafon.card",
                tooltip="megafon.key.pay_tip"),
        Binding("f8", "pay('vipps')", "megafon.key.vipps", id="megafon.vipps",
                tooltip="megafon.key.pay_tip"),
        Binding("f9", "delivery", "megafon.key.delivery", id="megafon.delivery",
                tooltip="megafon.key.delivery_tip"),
        Binding("f10", "new_issue", "megafon.key.issue", id="megafon.issue",
                tooltip="megafon.key.issue_tip"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self._view: MegafonView | None = None  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        yield Static("", id="megafon-issue", markup=False)
        yield Static("", id="megafon-closed", markup=False)
        with Horizontal(id="megafon-form"):
            yield Label(t("megafon.vendor"), classes="megafon-label")
            yield FieldInput(
                placeholder=t("megafon.vendor_placeholder"),
                next_field="#megafon-copies",
                id="megafon-vendor",
                max_length=12,
                compact=True,
            )
            yield Label(t("megafon.copies"), classes="megafon-label")
            yield Input("1", id="megafon-copies", restrict=r"[0-9]*", max_length=4, compact=True)
        yield Static(t("megafon.pay_hint"), id="megafon-paykeys", markup=False)
        yield Static("", id="megafon-status", markup=False)
        yield Label(t("megafon.today_sales"), id="megafon-sales-title")
        yield SalesTable(id="megafon-sales", cursor_type="row", zebra_stripes=True)
        yield Static("", id="megafon-totals", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(SalesTable)
        for key in ("time", "vendor_no", "code", "copies", "amount", "payment", "staff", "state"):
            table.add_column(t(f"megafon.col.{key}"), key=key)

    # -- the interface the app uses ----------------------------------------

    def focus_default(self) -> None:
        self.query_one("#megafon-vendor", Input).focus()

    def refresh_data(self) -> None:
        app: Any = self.app
        if getattr(app, "actor", None) is None:
            return
        run_call(self, load_view, app.actor.centre_id, done=self._show)

    def start_sale(self, vendor: str) -> None:
        """Prefill the vendor (from a visit) and put the cursor in copies."""
        self.query_one("#megafon-vendor", Input).value = vendor
        copies = self.query_one("#megafon-copies", Input)
        copies.value = "1"
        copies.focus()
        self._status(t("megafon.choose_payment"))

    # -- showing -------------------------------------------------------------

    def _show(self, view: MegafonView) -> None:
        self._view = view
        lang = get_language()
        issue = view.issue
        if issue is None:
            header = t("megafon.no_issue", title=view.title)
        else:
            header = t(
                "megafon.header",
                title=view.title,
                number=issue.number,
                price=format_nok(issue.price_ore, lang),
                stock=issue.stock,
            )
        self.query_one("#megafon-issue", Static).update(header)
        closed = self.query_one("#megafon-closed", Static)
        closed.update(t("megafon.day_closed") if view.closed else "")
        closed.display = view.closed
        tz = self._timezone()
        rows = []
        for sale in view.sales:
            state = t("megafon.voided", reason=sale.void_reason or "") if sale.voided else ""
            style = "strike dim" if sale.voided else ""
            cells = (
                local_hhmm(sale.at, tz),
                "" if sale.vendor_number is None else str(sale.vendor_number),
                sale.vendor_code or "",
                str(sale.copies),
                format_nok(sale.amount_ore, lang),
                t(f"megafon.pay.{sale.payment}"),
                sale.staff_initials or "",
                state,
            )
            right = (3, 4)  # copies and amount
            rows.append(
                (
                    str(sale.id),
                    tuple(
                        Text(c, style=style, justify="right" if i in right else "left")
                        for i, c in enumerate(cells)
                    ),
                )
            )
        fill_table(self.query_one(SalesTable), rows)
        totals = view.totals
        parts = [f"{t(f'megafon.pay.{p}')} {format_nok(totals.get(p, 0), lang)}" for p in PAYMENTS]
        total_ore = totals.get("revenue", 0)  # as the Z-report counts it
        self.query_one("#megafon-totals", Static).update(
            t(
                "megafon.totals",
                parts="  ·  ".join(parts),
                total=format_nok(total_ore, lang),
                copies=totals.get("copies", 0),
            )
        )
        self._run_pending()

    def _timezone(self) -> str:
        settings = getattr(self.app, "settings", None)
        return getattr(settings, "timezone", "Europe/Oslo")

    # -- selling ---------------------------------------------------------------

    @on(Input.Submitted, "#megafon-vendor")
    def _vendor_entered(self) -> None:
        if self.query_one("#megafon-vendor", Input).value.strip():
            self._status(t("megafon.choose_payment"))

    @on(Input.Submitted, "#megafon-copies")
    def _copies_entered(self) -> None:
        self._status(t("megafon.choose_payment"))

    def action_new_sale(self) -> None:
        self.query_one("#megafon-vendor", Input).value = ""
        self.query_one("#megafon-copies", Input).value = "1"
        self._status("")
        self.focus_default()

    def action_pay(self, payment: str) -> None:
        if self._busy:
            return
        app: Any = self.app
        vendor = self.query_one("#megafon-vendor", Input).value.strip()
        if not vendor:
            self._status(t("megafon.need_vendor"), error=True)
            self.focus_default()
            return
        copies_text = self.query_one("#megafon-copies", Input).value.strip() or "1"
        copies = int(copies_text) if copies_text.isdigit() else 0
        self._busy = True
        run_call(
            self,
            megafon.sell,
            app.actor,
            vendor,
            copies,
            payment,
            done=self._sold,
            failed=self._failed,
        )

    def _sold(self, sale: Any) -> None:
        self._busy = False
        vendor = sale.vendor_code if sale.vendor_number is None else str(sale.vendor_number)
        self._confirm(
            t(
                "megafon.sold",
                copies=sale.copies,
                vendor=vendor,
                amount=format_nok(sale.amount_ore, get_language()),
                payment=t(f"megafon.pay.{sale.payment}"),
            )
        )
        self.query_one("#megafon-vendor", Input).value = ""
        self.query_one("#megafon-copies", Input).value = "1"
        self.focus_default()
        self.refresh_data()

    # -- voiding ---------------------------------------------------------------

    def action_void_sale(self) -> None:
        self._when_loaded(self._void_sale)

    def _void_sale(self) -> None:
        table = self.query_one(SalesTable)
        key = selected_key(table)
        sale = next((s for s in (self._view.sales if self._view else []) if str(s.id) == key), None)
        if sale is None:
            self._status(t("megafon.void_pick"), error=True)
            table.focus()
            return
        if sale.voided:
            self._status(t("megafon.already_voided"), error=True)
            return
        from frontdesk.tui.screens.reason import ReasonScreen

        def chosen(reason: str | None) -> None:
            if not reason:
                return
            app: Any = self.app
            run_call(
                self,
                megafon.void_sale,
                app.actor,
                sale.id,
                reason,
                done=self._voided,
                failed=self._failed,
            )

        self.app.push_screen(ReasonScreen(t("megafon.void_title", copies=sale.copies)), chosen)

    def _voided(self, sale: Any) -> None:
        self._confirm(t("megafon.void_done", copies=sale.copies))
        self.refresh_data()

    # -- lead: deliveries and issues ------------------------------------------

    def action_delivery(self) -> None:
        if self._lead_only("record a Megafon delivery"):
            self._when_loaded(self._delivery)

    def _delivery(self) -> None:
        issue = self._view.issue if self._view else None
        if issue is None:
            self._status(t("megafon.no_issue_short"), error=True)
            return
        from frontdesk.tui.screens.delivery import DeliveryScreen

        app: Any = self.app
        actor = app.actor

        def commit(_code: str | None, copies: int) -> Any:
            return megafon.record_delivery(actor, copies)

        def done(issue: Any) -> None:
            if issue is not None:
                self._confirm(t("megafon.delivered", number=issue.number, stock=issue.stock))
                self.refresh_data()

        title = t("megafon.delivery_title", title=self._view.title, number=issue.number)
        self.app.push_screen(DeliveryScreen(title, commit, unit=t("megafon.copies")), done)

    def action_new_issue(self) -> None:
        if not self._lead_only("manage Megafon issues"):
            return
        from frontdesk.tui.screens.issue import IssueScreen

        app: Any = self.app
        actor = app.actor

        def commit(number: str, price_ore: int | None) -> Any:
            if price_ore is None:
                return megafon.set_current(actor, number)
            return megafon.add_issue(actor, number, price_ore, current=True)

        def done(issue: Any) -> None:
            if issue is not None:
                self._confirm(
                    t(
                        "megafon.issue_current",
                        number=issue.number,
                        price=format_nok(issue.price_ore, get_language()),
                    )
                )
                self.refresh_data()

        title = self._view.title if self._view else ""
        self.app.push_screen(IssueScreen(t("megafon.issue_title", title=title), commit), done)
