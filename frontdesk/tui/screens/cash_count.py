"""Count the Megafon cash box and close the day (lead): counted kroner → Z-report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from frontdesk.errors import FrontdeskError, NeedsSecondLead
from frontdesk.i18n import t
from frontdesk.services import money
from frontdesk.services.vocab import DENOMINATIONS_ORE
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.hint_line import HintLine, set_hint
from frontdesk.tui.widgets.pane_kit import format_nok, initials_field, parse_kroner, pin_field


class PieceInput(Input):
    """How many of one coin or note; the sum of them all is the counted cash."""

    def __init__(self, value_ore: int) -> None:
        kroner = value_ore // 100
        super().__init__(
            id=f"cash-piece-{kroner}",
            restrict=r"[0-9]*",
            max_length=5,
            compact=True,
            classes="cash-piece",
        )
        self.value_ore = value_ore
        set_hint(self, "cash.count.hint.piece")

    @property
    def pieces(self) -> int:
        return int(self.value) if self.value.isdigit() else 0


class CashCountScreen(FormDialog[Any]):
    """Asks the counted cash in kroner ('1250', '1250,50', '1 250,50'), shows the difference.

    Blind count (``blind``, the setting ``blind_count``, default on): the
    expected amount and the difference stay hidden until the counted amount is
    entered. The first Enter shows the day, expected and counted cash and the
    difference and asks once more; the second Enter closes (Esc goes back to the
    amount). F7 counts by coin and note (their sum fills the amount). A
    difference beyond ``limit_ore`` asks a second lead's initials, PIN and a
    reason before the second Enter closes. ``commit(counted_ore, **extra)``
    closes the day in a worker; the dialog dismisses with the Z-report after the
    commit, or shows the refusal and keeps what was typed.
    """

    DEFAULT_CSS = """
    CashCountScreen .cash-piece { width: 7; margin: 0 1 0 0; }
    CashCountScreen .cash-piece-label { width: 9; text-align: right; padding: 0 1 0 0; }
    CashCountScreen #cash-pieces, CashCountScreen #cash-second { height: auto; }
    CashCountScreen .cash-pieces-row, CashCountScreen .cash-second-row { height: auto; }
    CashCountScreen #cash-second Input { width: 1fr; }
    CashCountScreen #cash-second Label { padding: 0 1 0 0; }
    """
    BINDINGS = [
        Binding("f7", "pieces", "cash.count.key.pieces", id="day.cash.pieces"),
    ]

    def __init__(
        self,
        business_date: dt.date,
        expected_ore: int,
        commit: Callable[..., Any],
        *,
        blind: bool = False,
        limit_ore: int | None = None,
    ) -> None:
        super().__init__()
        self.business_date = business_date
        self.expected_ore = expected_ore
        self._commit = commit
        self.blind = blind
        self.limit_ore = limit_ore
        self._asked: int | None = None  # the amount the confirm line asks about
        self._second = False  # the second lead's fields are asked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                t("day.cash.title", date=self.business_date.isoformat()),
                classes="dialog-title",
                markup=False,
            )
            yield Static(
                t("cash.count.blind")
                if self.blind
                else t("day.cash.expected", amount=format_nok(self.expected_ore)),
                id="cash-expected",
                markup=False,
            )
            yield Label(t("day.cash.counted"))
            yield Input(id="cash-counted", placeholder=t("day.cash.placeholder"), max_length=16)
            with Vertical(id="cash-pieces"):
                # Coins on one line, notes on two: a label before each field fits 80 columns.
                rows = (DENOMINATIONS_ORE[:4], DENOMINATIONS_ORE[4:7], DENOMINATIONS_ORE[7:])
                for row in rows:
                    with Horizontal(classes="cash-pieces-row"):
                        for value in row:
                            yield Label(f"{value // 100} kr", classes="cash-piece-label")
                            yield PieceInput(value)
            yield Static("", id="cash-diff", markup=False)
            yield Static("", id="cash-confirm", markup=False)
            with Vertical(id="cash-second"):
                yield Static("", id="cash-second-why", markup=False)
                with Horizontal(classes="cash-second-row"):
                    yield Label(t("cash.count.second_initials"))
                    yield initials_field(id="cash-second-initials", next_field="#cash-second-pin")
                    yield Label("PIN")
                    yield pin_field(id="cash-second-pin", next_field="#cash-second-reason")
                with Horizontal(classes="cash-second-row"):
                    yield Label(t("cash.count.second_reason"))
                    yield Input(id="cash-second-reason", max_length=200)
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("cash.count.hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#cash-pieces").display = False
        self.query_one("#cash-second").display = False
        self.query_one("#cash-diff").display = not self.blind  # no line kept for it, blind
        self.query_one("#cash-counted", Input).focus()

    def _counted(self) -> int | None:
        try:
            return parse_kroner(self.query_one("#cash-counted", Input).value)
        except ValueError:
            return None

    def _pieces(self) -> dict[int, int]:
        if not self.query_one("#cash-pieces").display:
            return {}
        return {p.value_ore: p.pieces for p in self.query(PieceInput) if p.pieces}

    def action_pieces(self) -> None:
        """Show the count by coin and note (again: hide it; the amount stays)."""
        box = self.query_one("#cash-pieces")
        box.display = not box.display
        if box.display:
            self.query(PieceInput).first().focus()
        else:
            self.query_one("#cash-counted", Input).focus()

    @on(Input.Changed, ".cash-piece")
    def _piece_changed(self) -> None:
        total = sum(p.value_ore * p.pieces for p in self.query(PieceInput))
        self.query_one("#cash-counted", Input).value = money.nok(total, ",")

    @on(Input.Changed, "#cash-counted")
    def _changed(self) -> None:
        self._ask(None)
        counted = self._counted()
        diff = self.query_one("#cash-diff", Static)
        if counted is None or self.blind:
            diff.update("")  # a blind count shows nothing of the expected before Enter
            return
        diff.update(
            t(
                "day.cash.diff",
                counted=format_nok(counted),
                diff=format_nok(counted - self.expected_ore),
            )
        )

    @on(Input.Submitted, "#cash-counted, .cash-piece, #cash-second-reason")
    def _submitted(self) -> None:
        counted = self._counted()
        if counted is None:
            self.show_problem(t("formdialog.bad_amount"))
            return
        if self._asked != counted:
            self.show_problem("")
            self._ask(counted)
            return
        extra: dict[str, Any] = {}
        if self._pieces():
            extra["denominations"] = self._pieces()
        if self._second:
            initials = self.query_one("#cash-second-initials", Input).value.strip()
            pin = self.query_one("#cash-second-pin", Input).value
            reason = self.query_one("#cash-second-reason", Input).value.strip()
            if not (initials and pin and reason):
                self.show_problem(t("cash.count.need_second"))
                return
            extra |= {"approver_initials": initials, "approver_pin": pin, "diff_reason": reason}
        self.commit(self._commit, counted, **extra)

    def _ask(self, counted: int | None) -> None:
        """Ask once more (or stop asking): the day and its figures, in one line."""
        self._asked = counted
        line = self.query_one("#cash-confirm", Static)
        line.set_class(counted is not None, "-asking")
        if counted is None:
            line.update("")
            self._ask_second(False)
            return
        diff_ore = counted - self.expected_ore
        line.update(
            t(
                "day.cash.confirm",
                date=self.business_date.isoformat(),
                expected=format_nok(self.expected_ore),
                counted=format_nok(counted),
                diff=format_nok(diff_ore),
            )
        )
        self._ask_second(self.limit_ore is not None and abs(diff_ore) > self.limit_ore)

    def _ask_second(self, needed: bool) -> None:
        """Show (or hide) the second lead's initials, PIN and reason."""
        if needed == self._second:
            return
        self._second = needed
        box = self.query_one("#cash-second")
        box.display = needed
        if needed:
            limit = format_nok(self.limit_ore or 0)
            self.query_one("#cash-second-why", Static).update(t("cash.count.second", limit=limit))
            self.query_one("#cash-second-initials", Input).focus()
        else:
            for selector in ("#cash-second-initials", "#cash-second-pin", "#cash-second-reason"):
                self.query_one(selector, Input).value = ""

    def refused(self, exc: FrontdeskError) -> None:
        super().refused(exc)
        if isinstance(exc, NeedsSecondLead):  # the limit was lowered meanwhile: ask now
            self._ask_second(True)
        self.query_one("#cash-second-pin", Input).value = ""  # a PIN is typed again

    def action_cancel(self) -> None:
        if self._asked is not None and not self._busy:
            self._ask(None)  # Esc at the question goes back to the amount
            self.query_one("#cash-counted", Input).focus()
            return
        super().action_cancel()
