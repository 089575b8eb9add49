"""F4 Supplies (brukerutstyr): the hand-out grid, returned syringes, stock and deliveries.

Each catalogue item has a quantity field; Enter commits one hand-out of every
non-zero quantity. A naloxone line asks the recipient type and training first.
The grid is also the stock view: stock on hand, low stock highlighted, days of
cover at the last 28 days' rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from frontdesk.i18n import get_language, has, t, tn
from frontdesk.services import days, stock, supplies
from frontdesk.tui.calls import run_call
from frontdesk.tui.desk import desk
from frontdesk.tui.widgets.hint_line import HintLine, set_hint
from frontdesk.tui.widgets.pane_kit import LoadedPane, as_signed_on, correction_day, with_lead

if TYPE_CHECKING:
    from frontdesk.services.actor import Actor


@dataclass(frozen=True)
class SuppliesView:
    """Everything the tab shows, read in one worker call."""

    items: list[Any]  # list[supplies.ItemInfo]
    returned_today: int
    hand_outs_today: int
    closed: bool
    opening: bool = False  # a new centre: no stock on record yet (a lead types it in)


def load_view(centre_id: int, correcting: dt.date | None = None) -> SuppliesView:
    """Stock now; the day's counts for today (or the earlier day being corrected)."""
    returns = supplies.returns_on(centre_id, correcting)
    hand_outs = supplies.hand_outs_on(centre_id, correcting)
    return SuppliesView(
        items=supplies.catalogue(centre_id),
        returned_today=sum(r.count for r in returns if not r.voided),
        hand_outs_today=sum(1 for h in hand_outs if not h.voided),
        closed=days.is_closed(centre_id, correcting or days.today(centre_id)),
        opening=supplies.needs_opening_stock(centre_id),
    )


def load_entries(centre_id: int) -> tuple[list[Any], list[Any], list[Any], list[Any], list[Any]]:
    """Today's hand-outs, returns, deliveries and stock-takes, and the catalogue (for names)."""
    return (
        supplies.hand_outs_on(centre_id),
        supplies.returns_on(centre_id),
        supplies.deliveries_on(centre_id),
        supplies.catalogue(centre_id, include_inactive=True),
        stock.counts_on(centre_id),
    )


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def item_name(item: supplies.ItemInfo) -> str:
    return item.name_nb if get_language() == "nb" else item.name_en


def quantity_text(count: int, unit: str) -> str:
    """'12 stk' / '12 pcs', '1 pose' / '2 poser': a catalogue unit in the desk's language."""
    key = f"supplies.unit.{unit}"
    return tn(key, count) if has(key) else f"{count} {unit}"


class QuantityInput(Input):
    """A quantity in the hand-out grid; up/down move between items."""

    BINDINGS = [
        Binding("down", "move(1)", "supplies.key.next", show=False),
        Binding("up", "move(-1)", "supplies.key.previous", show=False),
    ]

    def __init__(self, code: str) -> None:
        super().__init__(restrict=r"[0-9]*", max_length=4, compact=True, classes="supply-qty")
        self.code = code

    def action_move(self, step: int) -> None:
        inputs = list(self.screen.query(QuantityInput))
        if self in inputs:
            inputs[(inputs.index(self) + step) % len(inputs)].focus()

    @property
    def quantity(self) -> int:
        text = self.value.strip()
        return int(text) if text.isdigit() else 0


class ReturnCountInput(Input):
    """The returned-syringes count (F7); Esc or an arrow key goes back to the hand-out grid."""

    BINDINGS = [
        Binding("escape", "back", "supplies.key.back", id="supplies.returns_back"),
        Binding("up,down", "back", show=False),
    ]

    def action_back(self) -> None:
        pane = next((a for a in self.ancestors if isinstance(a, SuppliesPane)), None)
        if pane is not None:
            pane.back_to_grid()


# The grid's columns before the quantity field, in characters (one line of text
# per row: four labels per row made every tab switch lay out 56 more widgets).
COLUMNS: tuple[tuple[str, int, str], ...] = (
    ("code", 10, "left"),
    ("name", 26, "left"),
    ("stock", 16, "right"),
    ("cover", 13, "right"),
)


def grid_line(values: dict[str, str]) -> str:
    """One row of the grid's text: each column padded (or cut) to its width."""
    parts = []
    for key, width, align in COLUMNS:
        text = values[key][: width - 1]
        parts.append(text.ljust(width - 1) if align == "left" else text.rjust(width - 1))
    return " ".join(parts) + "  "


class SupplyRow(Horizontal):
    """One catalogue item: code, name, stock, days of cover, quantity to hand out."""

    def __init__(self, item: Any) -> None:
        super().__init__(classes="supply-row")
        self.code = item.code
        self.item = item

    def compose(self) -> ComposeResult:
        yield Static("", classes="supply-line", markup=False)
        yield QuantityInput(self.code)

    def on_mount(self) -> None:
        self.show(self.item)

    def show(self, item: Any) -> None:
        self.item = item
        if not self.children:
            return  # a refresh came before the row was built: on_mount shows self.item
        stock = quantity_text(item.stock, item.unit)
        if item.low:
            stock = t("supplies.stock_low", stock=stock)
        cover = "–" if item.days_of_cover is None else str(item.days_of_cover)
        line = grid_line(
            {"code": self.code, "name": item_name(item), "stock": stock, "cover": cover}
        )
        self.query_one(".supply-line", Static).update(line)
        self.set_class(item.low, "-low")


class SuppliesPane(LoadedPane[SuppliesView]):
    """F4 Supplies: the hand-out grid, returned syringes, stock and deliveries."""

    STATUS_ID = "supplies-status"
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("supplies.palette.hand_out", "supplies.palette.hand_out_help", "action_new_hand_out"),
        ("supplies.palette.returns", "supplies.palette.returns_help", "action_returns"),
        ("supplies.palette.bin", "supplies.palette.bin_help", "action_sharps_bin"),
        ("supplies.palette.for_others", "supplies.palette.for_others_help", "action_for_others"),
        ("supplies.palette.delivery", "supplies.palette.delivery_help", "action_delivery"),
        ("supplies.palette.void", "supplies.palette.void_help", "action_void_entry"),
        ("stock.palette.view", "stock.palette.view_help", "action_stock_view"),
    ]
    BINDINGS = [
        Binding("f6", "hand_out", "supplies.key.hand_out", id="supplies.hand_out",
                tooltip="supplies.key.hand_out_tip"),
        Binding("ctrl+t", "for_others", "supplies.key.for_others", id="supplies.for_others",
                tooltip="supplies.key.for_others_tip"),
        Binding("f7", "returns", "supplies.key.returns", id="supplies.returns",
                tooltip="supplies.key.returns_tip"),
        Binding("f8", "sharps_bin", "supplies.key.bin", id="supplies.bin",
                tooltip="supplies.key.bin_tip"),
        Binding("f9", "delivery", "supplies.key.delivery", id="supplies.delivery",
                tooltip="supplies.key.delivery_tip"),
        Binding("f10", "void_entry", "supplies.key.void", id="supplies.void",
                tooltip="supplies.key.void_tip"),
        Binding("f12", "stock_view", "stock.key.view", id="supplies.stock",
                tooltip="stock.key.view_tip"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self._rows: dict[str, SupplyRow] = {}
        self.visit_id: int | None = None
        self.visitor_code: str | None = None
        self.for_others = False
        self._focus_when_built = False
        self._grid_focus: str | None = None  # the grid row the user was on before F7

    def compose(self) -> ComposeResult:
        yield Static("", id="supplies-target", markup=False)
        yield Static("", id="supplies-closed", markup=False)
        yield Static("", id="supplies-opening", markup=False)
        head = grid_line({key: t(f"supplies.col.{key}") for key, _w, _a in COLUMNS})
        yield Static(head + t("supplies.col.quantity"), classes="supply-head", markup=False)
        yield set_hint(VerticalScroll(id="supplies-grid"), "supplies.enter_hint")
        yield HintLine("supplies.enter_hint", id="supplies-hint")
        yield Static("", id="supplies-status", markup=False)
        yield Static("", id="supplies-warning", markup=False)
        with Horizontal(id="supplies-returns"):
            yield Label(t("supplies.returns_label"), id="supplies-returns-label")
            yield set_hint(
                ReturnCountInput(
                    id="supplies-return-count",
                    restrict=r"[0-9]*",
                    max_length=5,
                    compact=True,
                    placeholder=t("supplies.returns_placeholder"),
                ),
                "supplies.returns_hint",
            )
            yield Static("", id="supplies-returns-today", markup=False)

    def on_mount(self) -> None:
        self._show_target()

    # -- the interface the app uses ----------------------------------------

    def focus_default(self) -> None:
        inputs = list(self.query(QuantityInput))
        if inputs:
            inputs[0].focus()
        else:
            self._focus_when_built = True

    def refresh_data(self) -> None:
        app = desk(self)
        if app.actor is None:
            return
        run_call(self, load_view, app.actor.centre_id, correction_day(self), done=self._show)

    def start_hand_out(self, visit_id: int | None, visitor_code: str | None) -> None:
        """Start a hand-out for this visit (``visitor_code`` None: an anonymous visit)."""
        self._clear_quantities()
        self.visit_id = visit_id
        self.visitor_code = visitor_code
        self.for_others = False
        self._show_target()
        self._status("")
        self.focus_default()

    # -- showing -------------------------------------------------------------

    def _show(self, view: SuppliesView) -> None:
        self._view = view
        grid = self.query_one("#supplies-grid", VerticalScroll)
        codes = [item.code for item in view.items]
        if codes != list(self._rows):
            typed = {code: row.query_one(QuantityInput).value for code, row in self._rows.items()}
            grid.remove_children()
            self._rows = {item.code: SupplyRow(item) for item in view.items}
            grid.mount_all(self._rows.values())
            self.call_after_refresh(self._after_build, typed)
        else:
            for item in view.items:
                self._rows[item.code].show(item)
        opening = self.query_one("#supplies-opening", Static)
        opening.update(t("supplies.opening.banner") if view.opening else "")
        opening.display = view.opening
        grid = self.query_one("#supplies-grid", VerticalScroll)
        set_hint(grid, "supplies.opening.hint" if view.opening else "supplies.enter_hint")
        self.query_one("#supplies-hint", HintLine).show_hint()
        closed = self.query_one("#supplies-closed", Static)
        closed.update(t("supplies.day_closed") if view.closed else "")
        closed.display = view.closed
        self.query_one("#supplies-returns-today", Static).update(
            t(
                "supplies.today",
                returned=tn("supplies.today.returned", view.returned_today),
                hand_outs=tn("supplies.today.hand_outs", view.hand_outs_today),
            )
        )
        self._run_pending()

    def _after_build(self, typed: dict[str, str]) -> None:
        for code, value in typed.items():
            if code in self._rows and value:
                self._rows[code].query_one(QuantityInput).value = value
        if self._focus_when_built:
            self._focus_when_built = False
            self.focus_default()

    def _show_target(self) -> None:
        if self.visit_id is None and self.visitor_code is None:
            who = t("supplies.target.none")
        elif self.visitor_code:
            who = t("supplies.target.code", code=self.visitor_code)
        else:
            who = t("supplies.target.anonymous_visit")
        others = t("supplies.for_others.on" if self.for_others else "supplies.for_others.off")
        self.query_one("#supplies-target", Static).update(f"{who}  ·  {others}")
        self.query_one("#supplies-target", Static).set_class(self.for_others, "-for-others")

    def _warn(self, text: str) -> None:
        warning = self.query_one("#supplies-warning", Static)
        warning.update(text)
        warning.display = bool(text)  # no empty line when there is nothing to warn of

    def _clear_quantities(self) -> None:
        for qty in self.query(QuantityInput):
            qty.value = ""

    def _items(self) -> dict[str, Any]:
        return {item.code: item for item in (self._view.items if self._view else [])}

    # -- hand-out --------------------------------------------------------------

    @on(Input.Submitted, ".supply-qty")
    def _quantity_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_hand_out()

    def action_new_hand_out(self) -> None:
        self.start_hand_out(None, None)

    def action_for_others(self) -> None:
        self.for_others = not self.for_others
        self._show_target()

    def action_hand_out(self) -> None:
        if self._busy:
            return
        lines = [(q.code, q.quantity) for q in self.query(QuantityInput) if q.quantity > 0]
        if not lines:
            self._status(t("supplies.need_quantity"), error=True)
            return
        if self._view is not None and self._view.opening:
            self._opening_stock(lines)
            return
        items = self._items()
        kits = sum(n for code, n in lines if getattr(items.get(code), "kind", "") == "naloxone")
        if kits:
            from frontdesk.tui.screens.naloxone import NaloxoneAnswer, NaloxoneScreen

            def answered(answer: NaloxoneAnswer | None) -> None:
                if answer is not None:
                    self._commit_hand_out(
                        lines,
                        answer.recipient,
                        answer.trained,
                        reason=answer.reason,
                        outcome=answer.outcome,
                        ems=answer.ems,
                    )

            self.app.push_screen(NaloxoneScreen(kits), answered)
            return
        self._commit_hand_out(lines, None, None)

    def _commit_hand_out(
        self,
        lines: list[tuple[str, int]],
        recipient: str | None,
        trained: bool | None,
        *,
        reason: str | None = None,
        outcome: str | None = None,
        ems: str | None = None,
    ) -> None:
        app = desk(self)
        self._busy = True
        run_call(
            self,
            supplies.hand_out,
            app.actor,
            lines,
            visit_id=self.visit_id,
            visitor_code=self.visitor_code,
            for_others=self.for_others,
            naloxone_recipient=recipient,
            naloxone_trained=trained,
            naloxone_reason=reason,
            naloxone_outcome=outcome,
            naloxone_ems=ems,
            business_date=correction_day(self),
            done=self._handed_out,
            failed=self._failed,
        )

    def _handed_out(self, info: Any) -> None:
        self._busy = False
        items = self._items()
        what = ", ".join(
            f"{n} × {item_name(items[code]) if code in items else code}" for code, n in info.lines
        )
        if info.visitor_code:
            who = t("supplies.done.for_code", code=info.visitor_code)
        elif info.visit_id is not None:
            who = t("supplies.done.for_visit")
        else:
            who = ""
        extra = t("supplies.done.for_others") if info.for_others else ""
        self._confirm(t("supplies.done", what=what, who=who, extra=extra).strip())
        if info.low_stock:
            low = ", ".join(f"{item_name(i)} ({i.stock})" for i in info.low_stock)
            self._warn(t("supplies.low_warning", items=low))
        else:
            self._warn("")
        self._clear_quantities()
        self.visit_id = None
        self.visitor_code = None
        self.for_others = False
        self._show_target()
        self.focus_default()
        self.refresh_data()

    def _opening_stock(self, lines: list[tuple[str, int]]) -> None:
        """A new centre: the typed quantities are its opening stock (lead; one delivery per item)."""

        def record(actor: Actor) -> None:
            self._busy = True
            run_call(
                self,
                supplies.record_opening_stock,
                actor,
                lines,
                done=self._opening_recorded,
                failed=self._failed,
            )

        with_lead(self, t("supplies.lead.opening"), record)

    def _opening_recorded(self, items: list[Any]) -> None:
        self._busy = False
        self._confirm(tn("supplies.opening.done", len(items)))
        self._clear_quantities()
        self.focus_default()
        self.refresh_data()

    # -- returned syringes -----------------------------------------------------

    def action_returns(self) -> None:
        focused = self.screen.focused
        if isinstance(focused, QuantityInput):
            self._grid_focus = focused.code
        self.screen.set_focus(self.query_one("#supplies-return-count", Input))

    def back_to_grid(self) -> None:
        """Back to the grid row the user was on before F7 (the first row if none)."""
        code, self._grid_focus = self._grid_focus, None
        row = self._rows.get(code) if code is not None else None
        if row is not None and row.children:
            self.screen.set_focus(row.query_one(QuantityInput))
        else:
            self.focus_default()

    @on(Input.Submitted, "#supplies-return-count")
    def _return_entered(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text.isdigit() or int(text) < 1:
            self._status(t("supplies.returns_need_count"), error=True)
            return
        app = desk(self)
        run_call(
            self,
            supplies.record_return,
            app.actor,
            count=int(text),
            visit_id=self.visit_id,
            business_date=correction_day(self),
            done=self._returned,
            failed=self._failed,
        )

    def _returned(self, info: Any) -> None:
        if info.method == "estimated":
            self._confirm(t("supplies.returned_bin", count=info.count, litres=info.bin_litres))
        else:
            self._confirm(t("supplies.returned", count=info.count))
            field = self.query_one("#supplies-return-count", Input)
            field.value = ""
            if field.has_focus:
                self.back_to_grid()  # the count is in: the next keys are a hand-out again
        self.refresh_data()

    def action_sharps_bin(self) -> None:
        self._when_loaded(self._sharps_bin)

    def _sharps_bin(self) -> None:
        from frontdesk.tui.screens.sharps_bin import SharpsBinScreen

        app = desk(self)
        actor = app.actor
        if actor is None:
            return
        visit_id = self.visit_id
        factor = app.settings.sharps_fill_factor if app.settings else 0
        bins = [
            (
                item.code,
                t(
                    "supplies.bin.option",
                    name=item_name(item),
                    estimate=(item.bin_litres or 0) * factor,
                ),
            )
            for item in self._items().values()
            if item.kind == "sharps_bin"
        ]
        if not bins:
            self._status(t("supplies.bin.none"), error=True)
            return

        correcting = correction_day(self)

        def commit(code: str) -> Any:
            return supplies.record_return(
                actor, bin_code=code, visit_id=visit_id, business_date=correcting
            )

        def done(info: Any) -> None:
            if info is not None:
                self._returned(info)

        self.app.push_screen(SharpsBinScreen(bins, commit), done)

    # -- lead: deliveries --------------------------------------------------------

    def action_delivery(self) -> None:
        self._when_loaded(lambda: with_lead(self, t("supplies.lead.delivery"), self._delivery))

    def _delivery(self, actor: Actor) -> None:
        from frontdesk.tui.screens.delivery import DeliveryScreen

        items = [(item.code, item_name(item)) for item in self._items().values()]

        def commit(code: str | None, quantity: int, lot: str | None, expires: str | None) -> Any:
            return supplies.record_delivery(
                actor, code or "", quantity, lot=lot, expires_on=expires
            )

        def done(item: Any) -> None:
            if item is not None:
                self._confirm(
                    t(
                        "supplies.delivered",
                        name=item_name(item),
                        stock=quantity_text(item.stock, item.unit),
                    )
                )
                self.refresh_data()

        screen = DeliveryScreen(
            t("supplies.delivery_title"),
            commit,
            unit=t("supplies.col.quantity"),
            items=items,
            lots=True,
        )
        self.app.push_screen(screen, done)

    # -- the stock view and stock-takes --------------------------------------------

    def action_stock_view(self) -> None:
        """F12: stock by lot and expiry, the reorder list; Enter counts an item (lead)."""
        from frontdesk.tui.screens.stock import StockScreen

        if desk(self).actor is None:
            return
        self.app.push_screen(StockScreen(), lambda _none: self.refresh_data())

    # -- voiding today's entries -------------------------------------------------

    def action_void_entry(self) -> None:
        """F10: today's entries to pick from; then a reason; then the one void in the services."""
        app = desk(self)
        if app.actor is None:
            return
        run_call(self, load_entries, app.actor.centre_id, done=self._pick_entry)

    def _describe_entries(
        self, loaded: tuple[list[Any], list[Any], list[Any], list[Any], list[Any]]
    ) -> list[Any]:
        from frontdesk.tui.screens.supply_entries import SupplyEntry

        hand_outs, returns, deliveries, catalogue, counts = loaded
        items = {item.code: item for item in catalogue}

        def named(code: str, count: int) -> str:
            item = items.get(code)
            return f"{count} × {item_name(item) if item else code}"

        entries: list[tuple[Any, SupplyEntry]] = []
        for h in hand_outs:
            what = ", ".join(named(code, n) for code, n in h.lines)
            text = t(
                "supplies.entry.hand_out", time=self._hhmm(h.at), what=what, who=h.staff_initials
            )
            entries.append((h.at, SupplyEntry("hand_out", h.id, text, h.voided)))
        for r in returns:
            if r.method == "estimated":
                text = t(
                    "supplies.entry.bin", time=self._hhmm(r.at), litres=r.bin_litres, count=r.count
                )
            else:
                text = t("supplies.entry.return", time=self._hhmm(r.at), count=r.count)
            entries.append((r.at, SupplyEntry("return", r.id, text, r.voided)))
        for d in deliveries:
            item = items.get(d.code)
            quantity = quantity_text(d.quantity, item.unit) if item else str(d.quantity)
            name = item_name(item) if item else d.code
            if d.lot or d.expires_on:  # which box: the lot and date it came with
                name += f" ({' '.join(x for x in (d.lot, _iso(d.expires_on)) if x)})"
            text = t(
                "supplies.entry.delivery",
                time=self._hhmm(d.at),
                quantity=quantity,
                name=name,
                who=d.staff_initials,
            )
            entries.append((d.at, SupplyEntry("delivery", d.id, text, d.voided)))
        for c in counts:
            text = t(
                "stock.entry.count",
                time=self._hhmm(c.at),
                code=c.code + (f" {c.lot}" if c.lot else ""),
                counted=c.counted,
                change=f"{c.difference:+d}",
                reason=t(f"stock.reason.{c.reason}"),
                who=c.staff_initials,
            )
            entries.append((c.at, SupplyEntry("count", c.id, text, c.voided)))
        entries.sort(key=lambda pair: pair[0], reverse=True)
        return [entry for _at, entry in entries]

    def _pick_entry(
        self, loaded: tuple[list[Any], list[Any], list[Any], list[Any], list[Any]]
    ) -> None:
        from frontdesk.tui.screens.reason import ReasonScreen
        from frontdesk.tui.screens.supply_entries import SupplyEntriesScreen

        app = desk(self)

        def picked(entry: Any) -> None:
            if entry is None:
                return

            def ask_reason(actor: Actor) -> None:
                def with_reason(reason: str | None) -> None:
                    if reason is None:
                        return
                    void = {
                        "hand_out": supplies.void_hand_out,
                        "return": supplies.void_return,
                        "delivery": supplies.void_delivery,
                        "count": stock.void_count,
                    }[entry.kind]
                    run_call(
                        self,
                        void,
                        actor,
                        entry.id,
                        reason,
                        done=lambda _info: self._entry_voided(entry),
                        failed=self._failed,
                    )

                title = t("supplies.void.title", what=entry.description)
                app.push_screen(ReasonScreen(title), with_reason)

            if entry.kind == "delivery":  # a lead's, or a lead's PIN in place
                with_lead(self, t("supplies.lead.void_delivery"), ask_reason)
            elif entry.kind == "count":
                with_lead(self, t("stock.lead.void_count"), ask_reason)
            else:
                as_signed_on(self, ask_reason)

        app.push_screen(SupplyEntriesScreen(self._describe_entries(loaded)), picked)

    def _entry_voided(self, entry: Any) -> None:
        self._confirm(t("supplies.voided", what=entry.description))
        self.refresh_data()

    def _hhmm(self, at: Any) -> str:
        from frontdesk import clock

        app = desk(self)
        return clock.local_time(at, app.timezone).strftime("%H:%M") if at is not None else "--:--"
