"""F3 Megafon: the current issue, the sale form (one key per payment), today's sales.

A sale is typed as vendor (vendor number or visitor code) and copies, and
committed by one payment key. Deliveries and new issues are for a shift lead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static

from frontdesk.i18n import get_language, t
from frontdesk.services import days, megafon
from frontdesk.services.vocab import PAYMENTS
from frontdesk.tui.calls import run_call
from frontdesk.tui.desk import desk
from frontdesk.tui.widgets.pane_kit import (
    FieldInput,
    LoadedPane,
    as_signed_on,
    correction_day,
    fill_table,
    format_nok,
    local_hhmm,
    selected_key,
    with_lead,
)

if TYPE_CHECKING:
    from frontdesk.services.actor import Actor


@dataclass(frozen=True)
class MegafonView:
    """Everything the tab shows, read in one worker call."""

    title: str
    issue: Any  # megafon.IssueInfo | None
    sales: list[Any]  # list[megafon.SaleInfo]
    totals: dict[str, int]
    closed: bool
    deliveries: list[Any] = field(default_factory=list)  # list[megafon.DeliveryInfo]

    def record(self, key: str | None) -> Any:
        """The sale ("s:<id>") or delivery ("d:<id>") of a list row, or None."""
        if not key:
            return None
        kind, _, number = key.partition(":")
        records = self.sales if kind == "s" else self.deliveries if kind == "d" else []
        return next((r for r in records if str(r.id) == number), None)


def load_view(centre_id: int, correcting: dt.date | None = None) -> MegafonView:
    """The tab's data for today (or for the earlier day being corrected)."""
    today = correcting or days.today(centre_id)
    return MegafonView(
        title=megafon.magazine_title(centre_id),
        issue=megafon.current_issue(centre_id),
        sales=megafon.sales_on(centre_id, today),
        totals=megafon.totals_on(centre_id, today),
        closed=days.is_closed(centre_id, today),
        deliveries=megafon.deliveries(centre_id, business_date=today),
    )


class SalesTable(DataTable[Any]):
    """Today's sales and deliveries; Delete voids the highlighted one (asks a reason)."""

    BINDINGS = [
        Binding("delete", "void_sale", "megafon.key.void", id="megafon.void"),
    ]

    def action_void_sale(self) -> None:
        pane = next((a for a in self.ancestors if isinstance(a, MegafonPane)), None)
        if pane is not None:
            pane.action_void_sale()


class MegafonPane(LoadedPane[MegafonView]):
    """F3 Megafon: the sale form (one key per payment), today's sales and deliveries."""

    STATUS_ID = "megafon-status"
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("megafon.palette.new_sale", "megafon.palette.new_sale_help", "action_new_sale"),
        ("megafon.palette.void", "megafon.palette.void_help", "action_void_sale"),
        ("megafon.palette.delivery", "megafon.palette.delivery_help", "action_delivery"),
        (
            "megafon.palette.vendor_number",
            "megafon.palette.vendor_number_help",
            "action_vendor_number",
        ),
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
        Binding("ctrl+n", "vendor_number", "megafon.key.vendor_number",
                id="megafon.vendor_number", tooltip="megafon.key.vendor_number_tip"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self._select: str | None = None  # the row just made: the cursor goes there
        self._seen_actor: Actor | None = None

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
        app = desk(self)
        if app.actor is None:
            return
        if self._seen_actor is not None and app.actor != self._seen_actor:
            self._hand_over()
        self._seen_actor = app.actor
        run_call(self, load_view, app.actor.centre_id, correction_day(self), done=self._show)

    def _hand_over(self) -> None:
        """Someone else signed on: nothing of the previous user's sale stays on screen."""
        self._view = None
        self.query_one("#megafon-vendor", Input).value = ""
        self.query_one("#megafon-copies", Input).value = "1"
        self.query_one("#megafon-issue", Static).update("")
        self.query_one("#megafon-totals", Static).update("")
        fill_table(self.query_one(SalesTable), [])
        self._status("")

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
                stock=copies_text(issue.stock),
            )
        self.query_one("#megafon-issue", Static).update(header)
        closed = self.query_one("#megafon-closed", Static)
        closed.update(t("megafon.day_closed") if view.closed else "")
        closed.display = view.closed
        tz = self._timezone()
        rows = []
        records: list[tuple[Any, str, tuple[str, ...], bool, str | None]] = []
        for sale in view.sales:
            cells: tuple[str, ...] = (
                local_hhmm(sale.at, tz),
                "" if sale.vendor_number is None else str(sale.vendor_number),
                sale.vendor_code or "",
                str(sale.copies),
                format_nok(sale.amount_ore, lang),
                t(f"megafon.pay.{sale.payment}"),
                sale.staff_initials or "",
            )
            records.append((sale.at, f"s:{sale.id}", cells, sale.voided, sale.void_reason))
        for delivery in view.deliveries:
            cells = (
                local_hhmm(delivery.at, tz),
                "",
                t("megafon.delivery_row"),
                f"+{delivery.copies}",
                "",
                "",
                delivery.staff_initials or "",
            )
            records.append(
                (delivery.at, f"d:{delivery.id}", cells, delivery.voided, delivery.void_reason)
            )
        records.sort(key=lambda r: (r[0], r[1].startswith("s"), int(r[1][2:])), reverse=True)
        right = (3, 4)  # copies and amount
        for _at, key, cells, voided, _reason in records:
            state = t("megafon.voided") if voided else ""
            style = "strike dim" if voided else ""
            texts = tuple(
                Text(c, style=style, justify="right" if i in right else "left")
                for i, c in enumerate(cells)
            )
            rows.append((key, (*texts, Text(state, style="dim" if voided else ""))))
        select, self._select = self._select, None
        fill_table(self.query_one(SalesTable), rows, select=select)
        totals = view.totals
        parts = [f"{t(f'megafon.pay.{p}')} {format_nok(totals.get(p, 0), lang)}" for p in PAYMENTS]
        total_ore = totals.get("revenue", 0)  # as the Z-report counts it
        self.query_one("#megafon-totals", Static).update(
            t(
                "megafon.totals",
                parts=" · ".join(parts),
                total=format_nok(total_ore, lang),
                copies=copies_text(totals.get("copies", 0)),
            )
        )
        self._run_pending()

    def _timezone(self) -> str:
        return desk(self).timezone

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
        app = desk(self)
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
            business_date=correction_day(self),
            done=self._sold,
            failed=self._failed,
        )

    def _sold(self, sale: Any) -> None:
        self._busy = False
        vendor = sale.vendor_code if sale.vendor_number is None else str(sale.vendor_number)
        self._confirm(
            t(
                "megafon.sold",
                copies=copies_text(sale.copies),
                vendor=vendor,
                amount=format_nok(sale.amount_ore, get_language()),
                payment=t(f"megafon.pay.{sale.payment}"),
            )
        )
        self.query_one("#megafon-vendor", Input).value = ""
        self.query_one("#megafon-copies", Input).value = "1"
        self.focus_default()
        self._select = f"s:{sale.id}"
        self.refresh_data()

    # -- voiding ---------------------------------------------------------------

    def action_void_sale(self) -> None:
        self._when_loaded(self._void_record)

    def _void_record(self) -> None:
        """Void the sale or delivery under the list cursor; the dialog names it."""
        table = self.query_one(SalesTable)
        view = self._view
        record = view.record(selected_key(table)) if view is not None else None
        if record is None:
            self._status(t("megafon.void_pick"), error=True)
            table.focus()
            return
        if record.voided:
            self._status(t("megafon.already_voided"), error=True)
            return
        from frontdesk.tui.screens.reason import ReasonScreen

        lang = get_language()
        when = local_hhmm(record.at, self._timezone())
        if isinstance(record, megafon.SaleInfo):
            vendor = record.vendor_code
            if record.vendor_number is not None:
                vendor = f"{record.vendor_number} ({record.vendor_code})"
            what = t(
                "megafon.void_sale_what",
                time=when,
                vendor=vendor,
                copies=copies_text(record.copies),
                amount=format_nok(record.amount_ore, lang),
                payment=t(f"megafon.pay.{record.payment}"),
                staff=record.staff_initials,
            )
        else:
            what = t(
                "megafon.void_delivery_what",
                time=when,
                number=record.issue_number,
                copies=copies_text(record.copies),
                staff=record.staff_initials,
            )

        def void(actor: Actor) -> None:
            def chosen(reason: str | None) -> None:
                if not reason:
                    return
                fn = (
                    megafon.void_sale
                    if isinstance(record, megafon.SaleInfo)
                    else megafon.void_delivery
                )
                done = t("megafon.void_done", what=what)
                run_call(
                    self,
                    fn,
                    actor,
                    record.id,
                    reason,
                    done=lambda _r: self._voided(done),
                    failed=self._failed,
                )

            self.app.push_screen(ReasonScreen(t("megafon.void_title", what=what)), chosen)

        if isinstance(record, megafon.SaleInfo):
            as_signed_on(self, void)
        else:
            with_lead(self, t("megafon.lead.void_delivery"), void)

    def _voided(self, text: str) -> None:
        self._confirm(text)
        self.refresh_data()

    # -- vendor numbers -------------------------------------------------------

    def action_vendor_number(self) -> None:
        """Give a visitor code a Megafon vendor number (prefilled from the vendor field)."""
        from frontdesk.services import visits
        from frontdesk.tui.screens.vendor_number import VendorNumberScreen

        actor = desk(self).actor
        if actor is None:
            return
        typed = self.query_one("#megafon-vendor", Input).value.strip().upper()
        code = "" if typed.isdigit() else typed

        def commit(code: str, number: int) -> Any:
            return visits.update_visitor(actor, code, vendor_number=number)

        def done(visitor: Any) -> None:
            if visitor is None:
                return
            self.query_one("#megafon-vendor", Input).value = str(visitor.vendor_number)
            self.query_one("#megafon-copies", Input).focus()
            self._confirm(
                t("megafon.vendor_number_done", code=visitor.code, number=visitor.vendor_number)
            )

        self.app.push_screen(VendorNumberScreen(code, commit), done)

    # -- lead: deliveries and issues ------------------------------------------

    def action_delivery(self) -> None:
        self._when_loaded(lambda: with_lead(self, t("megafon.lead.delivery"), self._delivery))

    def _delivery(self, actor: Actor) -> None:
        view = self._view
        issue = view.issue if view is not None else None
        if view is None or issue is None:
            self._status(t("megafon.no_issue_short"), error=True)
            return
        from frontdesk.tui.screens.delivery import DeliveryScreen

        def commit(_code: str | None, copies: int) -> Any:
            return megafon.record_delivery(actor, copies)

        def done(issue: Any) -> None:
            if issue is not None:
                self._confirm(
                    t("megafon.delivered", number=issue.number, stock=copies_text(issue.stock))
                )
                self._select = f"d:{issue.delivery_id}"
                self.refresh_data()

        title = t("megafon.delivery_title", title=view.title, number=issue.number)
        self.app.push_screen(DeliveryScreen(title, commit, unit=t("megafon.copies")), done)

    def action_new_issue(self) -> None:
        with_lead(self, t("megafon.lead.issue"), self._new_issue)

    def _new_issue(self, actor: Actor) -> None:
        from frontdesk.tui.screens.issue import IssueScreen

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


def copies_text(n: int) -> str:
    """'1 eks.' / '1 copy', '2 copies'."""
    return t("megafon.copies_one" if n == 1 else "megafon.copies_many", n=n)
