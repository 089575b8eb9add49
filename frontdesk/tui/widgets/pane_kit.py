"""Small helpers the Megafon, Supplies and Day panes share.

Money is shown from integer øre and read back into øre without floats;
tables are refilled without moving the cursor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import CellDoesNotExist

from frontdesk import clock
from frontdesk.errors import DayClosed, FrontdeskError
from frontdesk.i18n import get_language, t
from frontdesk.services.money import nok_text
from frontdesk.tui.desk import desk
from frontdesk.tui.fields import INITIALS_CHARS, PIN_CHARS

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from frontdesk.services.actor import Actor

NBSP = "\u00a0"
_GROUP_SEPARATORS = " \u00a0\u202f\u2009"
_KRONER_RE = re.compile(r"^(\d+)(?:[,.](\d{1,2}))?$")
_GROUPED_RE = re.compile(rf"^\d{{1,3}}(?:[{_GROUP_SEPARATORS}]\d{{3}})+(?:[,.]\d{{1,2}})?$")
MAX_KRONER = 10_000_000
ViewT = TypeVar("ViewT")


def format_nok(ore: int, lang: str | None = None) -> str:
    """'1 250,50 kr' in bokmål, 'NOK 1,250.50' in English (from whole øre)."""
    return nok_text(ore, lang or get_language(), space=NBSP)


def parse_kroner(text: str) -> int:
    """Whole øre from kroner typed at the desk: '1250', '1250,50', '1 250,50', '45.5'.

    Raises ValueError for anything else (negative amounts, more than two decimals).
    """
    cleaned = (text or "").strip().lower().removesuffix(",-")
    cleaned = cleaned.removesuffix("kr").removesuffix("nok").removeprefix("nok").strip()
    # Thousands may be grouped with spaces, in groups of three: '1 250,50'.
    if _GROUPED_RE.match(cleaned):
        cleaned = re.sub(f"[{_GROUP_SEPARATORS}]", "", cleaned)
    match = _KRONER_RE.match(cleaned)
    if not match:
        raise ValueError(text)
    kroner = int(match.group(1))
    if kroner > MAX_KRONER:
        raise ValueError(text)
    decimals = (match.group(2) or "").ljust(2, "0")
    return kroner * 100 + int(decimals)


def local_hhmm(at: dt.datetime, timezone: str) -> str:
    """The wall-clock time at the centre, HH:MM."""
    return clock.local_time(at, timezone).strftime("%H:%M")


def fill_table(
    table: DataTable[Any],
    rows: Sequence[tuple[str, Sequence[object]]],
    *,
    select: str | None = None,
) -> None:
    """Replace a table's rows, keeping the cursor on the same row key when it is still there.

    ``select`` puts the cursor on that row instead (the entry just made), scrolled into
    view. Unchanged data is left alone, so the periodic refresh does not move the cursor.
    """
    signature = [(key, tuple(str(c) for c in cells)) for key, cells in rows]
    keys = {key for key, _ in rows}
    if getattr(table, "_fill_signature", None) != signature:
        table._fill_signature = signature  # type: ignore[attr-defined]
        selected = selected_key(table)
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if selected is not None and selected in keys and select is None:
            table.move_cursor(row=table.get_row_index(selected), animate=False)
    if select is not None and select in keys:
        table.move_cursor(row=table.get_row_index(select), animate=False, scroll=True)


def selected_key(table: DataTable[Any]) -> str | None:
    """The row key under the cursor, or None for an empty table."""
    if table.row_count == 0:
        return None
    try:
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    except CellDoesNotExist:
        return None
    return row_key.value


def with_lead(node: DOMNode, what: str, then: Callable[[Actor], object]) -> None:
    """Run a lead action: as the signed-on lead, or after an in-place hand-over.

    ``what`` names the action in the desk's language (the prompt's title);
    ``then(actor)`` runs with the signed-on lead at once, or, for a desk user,
    with the lead whose initials and PIN were typed in the prompt (that one
    action only; the desk stays signed on as the desk user). Cancelled: nothing.
    Every lead action of every tab goes through here.
    """
    app = desk(node)
    actor = app.actor
    if actor is None:
        return
    if actor.is_lead:
        then(actor)
        return
    from frontdesk.tui.screens.lead_pin import LeadPinScreen

    def granted(lead: Actor | None) -> None:
        if lead is not None:
            then(lead)

    app.push_screen(LeadPinScreen(actor.centre_id, what), granted)


def as_signed_on(node: DOMNode, then: Callable[[Actor], object]) -> None:
    """Run ``then(actor)`` as whoever is signed on now; nothing while the desk is locked.

    For a dialog's answer: the desk may have locked (or changed hands) while it was open.
    """
    actor = desk(node).actor
    if actor is not None:
        then(actor)


def correction_day(node: DOMNode) -> dt.date | None:
    """The earlier day the desk records on (correction mode), or None for today."""
    return desk(node).correcting


class CorrectionBanner(Static):
    """The bar that says every entry is dated on an earlier day, and how to stop."""

    DEFAULT_CSS = """
    CorrectionBanner { display: none; height: auto; background: $warning; color: $text;
        text-style: bold; padding: 0 1; }
    CorrectionBanner.-on { display: block; }
    """

    def __init__(self) -> None:
        super().__init__("", id="correction-banner", markup=False)

    def show_day(self, business_date: dt.date | None) -> None:
        text = (
            "" if business_date is None else t("correction.banner", date=business_date.isoformat())
        )
        self.update(text)
        self.set_class(business_date is not None, "-on")


class FieldInput(Input):
    """An input whose Enter moves the cursor to the next field at once.

    The move happens while the key is handled (not when the Submitted message
    arrives); the app's key queue (tui/key_queue.py) delivers the next key only
    after that, so keys typed quickly after Enter land in the next field.
    """

    def __init__(self, *args: Any, next_field: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.next_field = next_field

    async def action_submit(self) -> None:
        if self.next_field and self.value.strip():
            target = self.screen.query_one(self.next_field)
            self.screen.set_focus(target)
        await super().action_submit()


def initials_field(**kwargs: Any) -> FieldInput:
    """A staff member's initials (at most 4 letters)."""
    return FieldInput(max_length=4, restrict=INITIALS_CHARS, **kwargs)


def pin_field(**kwargs: Any) -> FieldInput:
    """A PIN (at most 8 digits, hidden)."""
    return FieldInput(
        password=True, max_length=8, restrict=PIN_CHARS, select_on_focus=False, **kwargs
    )


class LoadedPane(Vertical, Generic[ViewT]):
    """A tab: it loads its data (a ``ViewT``) in a worker and keeps it in ``self._view``.

    The app calls ``refresh_data`` (the tab is shown, every few seconds, after a
    correction starts or ends), ``focus_default`` (the tab is switched to) and
    ``day_reopened`` (the day is open again). The palette can start an action
    on a tab that has not loaded yet: ``_when_loaded`` runs it now, or as soon as
    the data is in (the pane calls ``_run_pending`` when it has shown its data).
    The pane's one-line status (``#<STATUS_ID>``) says what was done or refused.
    """

    STATUS_ID: ClassVar[str]
    # The status line keeps its height whatever it says: no new layout per sentence.
    STATUS_FIXED_HEIGHT: ClassVar[bool] = False
    PALETTE: ClassVar[list[tuple[str, str, str]]] = []  # (title key, help key, method name)

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._view: ViewT | None = None
        self._pending: list[Callable[[], None]] = []
        self._busy = False  # a write is on its way: a second key press waits for it
        self._closed_refusal = False  # the status line says the day is closed

    def refresh_data(self) -> None:
        """Load the tab's data in a worker and show it."""
        raise NotImplementedError

    def focus_default(self) -> None:
        """Put the cursor where the tab's work starts."""
        raise NotImplementedError

    def day_reopened(self) -> None:
        """The day is open (again): a closed-day refusal on the status line no longer holds."""
        if self._closed_refusal and self._status_is_error:
            self._status("")
        self._closed_refusal = False

    @property
    def _status_is_error(self) -> bool:
        return self.query_one(f"#{self.STATUS_ID}", Static).has_class("-error")

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one(f"#{self.STATUS_ID}", Static)
        status.update(text, layout=not self.STATUS_FIXED_HEIGHT)
        status.set_class(error, "-error")

    def _failed(self, exc: FrontdeskError) -> None:
        """A refusal: the service's sentence on the status line and as a toast."""
        self._busy = False
        self._status(exc.text(get_language()), error=True)
        self._closed_refusal = isinstance(exc, DayClosed)
        desk(self).show_error(exc)

    def _confirm(self, text: str) -> None:
        """A committed change: on the status line and as a toast."""
        self._status(text)
        desk(self).confirm(text)

    def _when_loaded(self, action: Callable[[], None]) -> None:
        if self._view is not None:
            action()
        else:
            self._pending.append(action)
            self.refresh_data()

    def _run_pending(self) -> None:
        pending, self._pending = self._pending, []
        for action in pending:
            action()
