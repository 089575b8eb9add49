"""F2 Lunch: today's roster in groups, served marks, portion counts, Dagsverket attendance.

Four fields add to the roster (visitor code, staff initials, guest count,
anonymous count), each with Enter; the code field lists the known codes that
start with what is typed, and Enter takes the one match. The cursor goes to
the entry just made. In the roster, Space marks served (again: not served) and
Delete removes with a reason; Enter does nothing there, so a stray Enter never
unserves anyone. In the Dagsverket list, Space ticks a participant present
(again: absent; present puts them on the roster) and Delete voids a presence
marked by mistake. Escape goes back to the code field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, Static

from frontdesk.i18n import t
from frontdesk.services.lunch import LunchEntryInfo
from frontdesk.services.vocab import LUNCH_GROUPS
from frontdesk.tui.calls import run_call
from frontdesk.tui.desk import desk
from frontdesk.tui.fields import INITIALS_CHARS
from frontdesk.tui.widgets.code_input import CodeInput
from frontdesk.tui.widgets.pane_kit import LoadedPane, correction_day, local_hhmm, selected_key

if TYPE_CHECKING:
    from frontdesk.services.actor import Actor


@dataclass(frozen=True)
class LunchView:
    roster: Any  # lunch.Roster
    participants: list[Any]  # dagsverket.ParticipantInfo


def load_lunch(centre_id: int, correcting: dt.date | None = None) -> LunchView:
    """The roster and attendance of today (or of the earlier day being corrected)."""
    from frontdesk.services import dagsverket, lunch

    return LunchView(
        lunch.roster(centre_id, correcting), dagsverket.participants(centre_id, correcting)
    )


def write_and_load(
    fn: Callable[..., Any], actor: Actor, *args: Any, correcting: dt.date | None = None
) -> tuple[Any, LunchView]:
    """One write (its own transaction; an addition dated on the day being corrected, if
    any), then the roster as it now is."""
    kwargs = {"business_date": correcting} if correcting is not None else {}
    result = fn(actor, *args, **kwargs)
    return result, load_lunch(actor.centre_id, correcting)


def known_codes(centre_id: int, prefix: str) -> list[str]:
    """Up to six known codes starting with ``prefix`` (the suggestion line)."""
    from frontdesk.services import visits

    return [v.code for v in visits.find_visitors(centre_id, prefix, limit=6)]


def suggestion_line(codes: list[str]) -> str:
    if not codes:
        return t("lunch.suggest.none")
    if len(codes) == 1:
        return t("lunch.suggest.one", code=codes[0])
    return t("lunch.suggest.many", codes=" · ".join(codes))


def portions_text(n: int) -> str:
    """'1 porsjon', '2 porsjoner' / '1 portion', '2 portions'."""
    return t("lunch.portions_one" if n == 1 else "lunch.portions_many", n=n)


def _pane_of(node: Any) -> LunchPane | None:
    return next((a for a in node.ancestors if isinstance(a, LunchPane)), None)


class _PaneTable(DataTable[Any]):
    """A table whose keys act on the lunch pane (``pane('method')``)."""

    def action_pane(self, method: str) -> None:
        pane = _pane_of(self)
        if pane is not None:
            getattr(pane, method)()


class RosterTable(_PaneTable):
    # Enter is bound to nothing here: serving is the deliberate Space.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pane('toggle_served')", "lunch.key.served", id="lunch.served", tooltip="lunch.key.served_tip"),
        Binding("enter", "pane('enter_in_table')", show=False),
        Binding("delete", "pane('action_remove')", "lunch.key.remove", id="lunch.remove", tooltip="lunch.key.remove_tip"),
        Binding("escape", "pane('focus_default')", "lunch.key.back", id="lunch.back"),
    ]  # fmt: skip


class AttendanceTable(_PaneTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pane('toggle_present')", "lunch.key.present", id="lunch.present", tooltip="lunch.key.present_tip"),
        Binding("enter", "pane('enter_in_table')", show=False),
        Binding("delete", "pane('void_presence')", "lunch.key.void_presence", id="lunch.void_presence", tooltip="lunch.key.void_presence_tip"),
        Binding("escape", "pane('focus_default')", "lunch.key.back", id="lunch.dv_back"),
    ]  # fmt: skip


class LunchPane(LoadedPane[None]):
    """F2 Lunch: today's roster, portion counts and Dagsverket attendance."""

    STATUS_ID = "lunch-status"

    # Esc in a field empties it (and the suggestion line); in a list, back to the code field.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_field", "lunch.key.clear", id="lunch.clear", show=False),
    ]

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("lunch.palette.guest", "lunch.palette.guest_help", "action_add_guest"),
        ("lunch.palette.anonymous", "lunch.palette.anonymous_help", "action_add_anonymous"),
        ("lunch.palette.me", "lunch.palette.me_help", "action_add_me"),
        ("lunch.palette.visitor", "lunch.palette.visitor_help", "focus_default"),
        ("lunch.palette.dagsverket", "lunch.palette.dagsverket_help", "action_focus_dagsverket"),
    ]

    def __init__(self) -> None:
        super().__init__(id="lunch-pane")
        self._seq = 0
        self._entries: dict[str, Any] = {}
        self._participants: dict[str, Any] = {}
        self._select: str | None = None  # the roster row just made: the cursor goes there
        self._seen_actor: Actor | None = None
        self._suggest_seq = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="lunch-add"):
            with Vertical(classes="lunch-field", id="lunch-code-field"):
                yield Label(t("lunch.add.code"))
                yield CodeInput(
                    id="lunch-code", placeholder=t("lunch.add.code_placeholder"), compact=True
                )
            with Vertical(classes="lunch-field"):
                yield Label(t("lunch.add.staff"))
                yield Input(
                    id="lunch-staff",
                    max_length=4,
                    restrict=INITIALS_CHARS,
                    placeholder=t("lunch.add.staff_placeholder"),
                    compact=True,
                )
            with Vertical(classes="lunch-field"):
                yield Label(t("lunch.add.guests"))
                yield Input(
                    id="lunch-guests",
                    max_length=3,
                    restrict=r"[0-9]*",
                    placeholder=t("lunch.add.count_placeholder"),
                    compact=True,
                )
            with Vertical(classes="lunch-field"):
                yield Label(t("lunch.add.anonymous"))
                yield Input(
                    id="lunch-anonymous",
                    max_length=3,
                    restrict=r"[0-9]*",
                    placeholder=t("lunch.add.count_placeholder"),
                    compact=True,
                )
        yield Static(t("lunch.keys"), id="lunch-keys", markup=False)
        yield Static("", id="lunch-suggest", markup=False)
        yield Static("", id="lunch-status", markup=False)
        with Horizontal(id="lunch-body"):
            with Vertical(id="lunch-roster-box"):
                roster = RosterTable(id="lunch-roster", cursor_type="row", zebra_stripes=True)
                for key in ("group", "who", "portions", "served", "state"):
                    roster.add_column(t(f"lunch.col.{key}"), key=key)
                yield roster
            with Vertical(id="lunch-side"):
                yield Static("", id="lunch-counts", markup=False)
                yield Label(t("lunch.dagsverket_title"), id="lunch-dv-title")
                attendance = AttendanceTable(id="lunch-dagsverket", cursor_type="row")
                attendance.add_column(t("lunch.col.participant"), key="code")
                attendance.add_column(t("lunch.col.present"), key="present")
                yield attendance
                yield Static("", id="lunch-dv-empty", markup=False)

    # -- the pane interface ---------------------------------------------------

    def refresh_data(self) -> None:
        app = desk(self)
        if app.actor is None:
            return
        if self._seen_actor is not None and app.actor != self._seen_actor:
            self._hand_over()
        self._seen_actor = app.actor
        seq = self._next_seq()
        run_call(
            self,
            load_lunch,
            app.actor.centre_id,
            correction_day(self),
            done=lambda view: self._show(seq, view),
        )

    def focus_default(self) -> None:
        self.query_one("#lunch-code", CodeInput).focus()

    # -- adding ---------------------------------------------------------------

    def _hand_over(self) -> None:
        """Someone else signed on: nothing the previous user typed or was told stays."""
        for field_id in ("#lunch-code", "#lunch-staff", "#lunch-guests", "#lunch-anonymous"):
            self.query_one(field_id, Input).value = ""
        self._status("")

    @on(Input.Changed, "#lunch-code")
    def _code_changed(self, event: Input.Changed) -> None:
        """List the known codes that start with what is typed."""
        event.stop()
        self._suggest_seq += 1
        seq = self._suggest_seq
        prefix = event.value.strip()
        line = self.query_one("#lunch-suggest", Static)
        app = desk(self)
        if not prefix or app.actor is None:
            line.update("")
            return

        def show(codes: list[str]) -> None:
            if seq != self._suggest_seq:
                return  # typed on meanwhile
            line.update(suggestion_line(codes))

        run_call(self, known_codes, app.actor.centre_id, prefix, done=show, failed=self._failed)

    @on(Input.Submitted, "#lunch-code")
    def _code_entered(self, event: Input.Submitted) -> None:
        from frontdesk.services import lunch

        event.stop()
        typed = event.value.strip().upper()
        if typed:
            self._write(
                lunch.add_visitor_by_prefix,
                typed,
                field=event.input,
                text=lambda entry: t("lunch.added", who=entry.label),
            )

    @on(CodeInput.SpaceRefused, "#lunch-code")
    def _space(self, event: CodeInput.SpaceRefused) -> None:
        event.stop()
        self._status(t("checkin.no_space"), error=True)

    @on(Input.Submitted, "#lunch-staff")
    def _staff_entered(self, event: Input.Submitted) -> None:
        from frontdesk.services import lunch

        event.stop()
        initials = event.value.strip().upper()
        if initials:
            self._write(
                lunch.add_staff, initials, field=event.input, text=t("lunch.added", who=initials)
            )

    @on(Input.Submitted, "#lunch-guests")
    def _guests_entered(self, event: Input.Submitted) -> None:
        from frontdesk.services import lunch

        event.stop()
        self._add_count(lunch.add_guests, "guest", event.input)

    @on(Input.Submitted, "#lunch-anonymous")
    def _anonymous_entered(self, event: Input.Submitted) -> None:
        from frontdesk.services import lunch

        event.stop()
        self._add_count(lunch.add_anonymous, "visitor", event.input)

    def _add_count(self, fn: Callable[..., Any], group: str, field: Input) -> None:
        text = field.value.strip() or "1"
        portions = int(text) if text.isdigit() else 0
        if portions < 1:
            self._status(t("lunch.bad_count"), error=True)
            return
        done = t(
            "lunch.added_count", portions=portions_text(portions), group=t(f"lunch.group.{group}")
        )
        self._write(fn, portions, field=field, text=done)

    def action_add_guest(self) -> None:
        from frontdesk.services import lunch

        self._write(lunch.add_guests, 1, text=t("lunch.added_count", portions=portions_text(1), group=t("lunch.group.guest")))  # fmt: skip

    def action_add_anonymous(self) -> None:
        from frontdesk.services import lunch

        self._write(lunch.add_anonymous, 1, text=t("lunch.added_count", portions=portions_text(1), group=t("lunch.group.visitor")))  # fmt: skip

    def action_add_me(self) -> None:
        from frontdesk.services import lunch

        app = desk(self)
        if app.actor is not None:
            initials = app.actor.initials
            self._write(lunch.add_staff, initials, text=t("lunch.added", who=initials))

    def action_focus_dagsverket(self) -> None:
        self.query_one("#lunch-dagsverket", AttendanceTable).focus()

    # -- the roster -----------------------------------------------------------

    def action_clear_field(self) -> None:
        focused = self.screen.focused
        if isinstance(focused, Input):
            focused.value = ""
        self.query_one("#lunch-suggest", Static).update("")
        self._status("")

    def enter_in_table(self) -> None:
        """Enter in a list changes nothing (Space does): say so."""
        self._status(t("lunch.enter_hint"))

    def toggle_served(self) -> None:
        from frontdesk.services import lunch

        entry = self._selected_entry()
        if entry is None:
            return
        if entry.voided:
            self._status(t("lunch.already_removed"), error=True)
            return
        who = self._who(entry)
        text = t("lunch.unserved_done" if entry.served else "lunch.served_done", who=who)
        self._write(lunch.mark_served, entry.id, not entry.served, text=text, dated=False)

    def action_remove(self) -> None:
        from frontdesk.services import lunch
        from frontdesk.tui.screens.reason import ReasonScreen

        entry = self._selected_entry()
        if entry is None:
            return
        if entry.voided:
            self._status(t("lunch.already_removed"), error=True)
            return
        who = self._who(entry)
        title = t(
            "lunch.remove_title",
            who=who,
            group=t(f"lunch.group.{entry.group}"),
            portions=portions_text(entry.portions),
            time=self._hhmm(entry.at),
            by=entry.added_by or "",
        )

        def with_reason(reason: str | None) -> None:
            if reason:
                done = t("lunch.removed_done", who=who)
                self._write(lunch.remove, entry.id, reason, text=done, dated=False)

        self.app.push_screen(ReasonScreen(title), with_reason)

    def void_presence(self) -> None:
        """Void a Dagsverket presence marked by mistake (asks a reason; names who and when)."""
        from frontdesk.services import dagsverket
        from frontdesk.tui.screens.reason import ReasonScreen

        table = self.query_one("#lunch-dagsverket", AttendanceTable)
        key = selected_key(table)
        participant = self._participants.get(key) if key else None
        if participant is None:
            return
        if not participant.present:
            self._status(t("lunch.not_present", code=participant.code), error=True)
            return
        code = participant.code
        title = t(
            "lunch.void_presence_title",
            code=code,
            time=self._hhmm(participant.at),
            by=participant.marked_by or "",
        )

        def with_reason(reason: str | None) -> None:
            if reason:
                done = t("lunch.presence_voided", code=code)
                self._write(dagsverket.void_attendance, code, reason, text=done)

        self.app.push_screen(ReasonScreen(title), with_reason)

    def _hhmm(self, at: Any) -> str:
        if at is None:
            return ""
        return local_hhmm(at, desk(self).timezone)

    def toggle_present(self) -> None:
        from frontdesk.services import dagsverket

        table = self.query_one("#lunch-dagsverket", AttendanceTable)
        key = selected_key(table)
        participant = self._participants.get(key) if key else None
        if participant is None:
            return
        if participant.present:
            self._write(dagsverket.mark_absent, participant.code, text=t("lunch.absent_done", code=participant.code))  # fmt: skip
        else:
            self._write(dagsverket.mark_present, participant.code, text=t("lunch.present_done", code=participant.code))  # fmt: skip

    # -- writing and showing ------------------------------------------------------

    def _write(
        self,
        fn: Callable[..., Any],
        *args: Any,
        text: str | Callable[[Any], str],
        field: Input | None = None,
        dated: bool = True,
    ) -> None:
        """Run a write; ``dated`` ones (additions) record on the day being corrected, if any.

        ``text`` confirms it: a sentence, or one made from the service's answer.
        """
        app = desk(self)
        if app.actor is None:
            return

        def done(result: tuple[Any, LunchView]) -> None:
            entry = result[0]
            said = text(entry) if callable(text) else text
            if isinstance(entry, LunchEntryInfo) and not entry.voided:
                self._select = str(entry.id)  # the entry just made gets the cursor
            self._show(self._next_seq(), result[1])
            if field is not None:
                field.value = ""
            self._confirm(said)

        run_call(
            self,
            write_and_load,
            fn,
            app.actor,
            *args,
            correcting=correction_day(self) if dated else None,
            done=done,
            failed=self._failed,
        )

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _show(self, seq: int, view: LunchView) -> None:
        if seq != self._seq:
            return
        roster = view.roster
        table = self.query_one("#lunch-roster", RosterTable)
        selected = selected_key(table)
        if self._select is not None:
            selected, self._select = self._select, None
        table.clear()
        self._entries = {}
        order = {g: i for i, g in enumerate(LUNCH_GROUPS)}
        entries = sorted(roster.entries, key=lambda e: order.get(e.group, len(LUNCH_GROUPS)))
        last_group = None
        for entry in entries:
            key = str(entry.id)
            self._entries[key] = entry
            style = "strike dim" if entry.voided else ""
            group = t(f"lunch.group.{entry.group}") if entry.group != last_group else ""
            last_group = entry.group
            state = Text(t("lunch.removed"), style="bold red") if entry.voided else Text("")
            table.add_row(
                Text(group, style="bold"),
                Text(self._who(entry), style=style),
                Text(str(entry.portions), style=style, justify="right"),
                Text(t("lunch.served_mark") if entry.served else "", style="green" if not entry.voided else style),
                state,
                key=key,
            )  # fmt: skip
        if selected is not None and selected in self._entries:
            table.move_cursor(row=table.get_row_index(selected), animate=False, scroll=True)
        lines = [
            t(
                "lunch.group_count",
                group=t(f"lunch.group.{g}"),
                portions=roster.portions.get(g, 0),
                served=roster.served.get(g, 0),
            )
            for g in LUNCH_GROUPS
        ]
        served_total = sum(roster.served.get(g, 0) for g in LUNCH_GROUPS)
        lines.append(t("lunch.total", total=roster.total, served=served_total))
        box = self.query_one("#lunch-counts", Static)
        box.border_title = t("lunch.counts_title")
        box.update("\n".join(lines))
        self._show_participants(view.participants)

    def _show_participants(self, participants: list[Any]) -> None:
        table = self.query_one("#lunch-dagsverket", AttendanceTable)
        selected = selected_key(table)
        table.clear()
        self._participants = {}
        for participant in participants:
            self._participants[participant.code] = participant
            mark = Text(t("lunch.present_mark"), style="green") if participant.present else ""
            table.add_row(participant.code, mark, key=participant.code)
        if selected is not None and selected in self._participants:
            table.move_cursor(row=table.get_row_index(selected), animate=False)
        empty = self.query_one("#lunch-dv-empty", Static)
        empty.update("" if participants else t("lunch.no_participants"))

    def _who(self, entry: LunchEntryInfo) -> str:
        if entry.label:
            return entry.label
        if entry.group == "guest":
            return t("lunch.group.guest")
        return t("lunch.anonymous")

    def _selected_entry(self) -> Any | None:
        key = selected_key(self.query_one("#lunch-roster", RosterTable))
        entry = self._entries.get(key) if key else None
        if entry is None:
            self._status(t("lunch.select_entry"), error=True)
        return entry
