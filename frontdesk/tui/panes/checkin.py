"""F1 Check-in: one key for an anonymous visit, a code prefix and Enter for a known visitor.

The code field has the cursor. Enter on an empty field records one anonymous
visit (F6/F7/F8: anonymous with gender kvinne/mann/annet). Typing narrows a
list of known codes (Up/Down move the highlight, Enter checks in the
highlighted one); an unknown code offers to register it. Today's visits are
listed newest first; from a selected visit one key each: L lunch, U supply
hand-out, S Megafon sale, Delete/V void (asks a reason). Escape goes back to
the code field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from frontdesk.errors import FrontdeskError
from frontdesk.i18n import t
from frontdesk.tui.calls import run_call
from frontdesk.tui.desk import desk
from frontdesk.tui.messages import OpenHandOut, OpenSale
from frontdesk.tui.widgets.code_input import CodeInput, has_space
from frontdesk.tui.widgets.hint_line import HintLine, set_hint
from frontdesk.tui.widgets.pane_kit import LoadedPane, correction_day
from frontdesk.tui.widgets.visit_list import RowList

if TYPE_CHECKING:
    from frontdesk.services.actor import Actor


@dataclass(frozen=True)
class DayVisits:
    visits: list[Any]  # VisitInfo, newest first (the latest 200)
    counts: Any  # visits.VisitCounts of the whole day


LIST_LENGTH = 200  # the latest visits listed; the counts cover the whole day


def load_day(centre_id: int, correcting: dt.date | None = None) -> DayVisits:
    """Today's visits (or those of the earlier day being corrected)."""
    from frontdesk.services import visits

    return DayVisits(
        visits.visits_on(centre_id, correcting, limit=LIST_LENGTH),
        visits.day_counts(centre_id, correcting),
    )


def check_in_and_count(
    actor: Actor,
    code: str | None,
    gender: str | None,
    *,
    prefix: bool = False,
    correcting: dt.date | None = None,
    first_time: bool = False,
) -> tuple[Any, Any]:
    """One check-in (its own transaction), then the day's counts as they now are.

    The new visit goes on top of the list the pane already shows (the periodic
    refresh brings in other desks' visits): reloading the whole day here would
    cost the desk a few milliseconds on every key press.

    With ``prefix`` the code may be the start of a known code: the first match
    is checked in (what the matches list highlights), for Enter pressed before
    the list has caught up with fast typing.
    """
    from frontdesk.services import visits

    if prefix and code:
        found = visits.find_visitors(actor.centre_id, code, limit=1)
        if found:
            code = found[0].code
    visit = visits.check_in(actor, code, gender, business_date=correcting, first_time=first_time)
    return visit, visits.day_counts(actor.centre_id, correcting)


def void_and_load(
    actor: Actor, visit_id: int, reason: str, correcting: dt.date | None = None
) -> tuple[Any, DayVisits]:
    from frontdesk.services import visits

    visit = visits.void_visit(actor, visit_id, reason)
    return visit, load_day(actor.centre_id, correcting)


class CodeField(CodeInput):
    """The check-in code field: Up/Down move the highlight in the matches list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("escape", "clear", "checkin.key.clear", id="checkin.clear", show=False),
        Binding("f6", "gender('f')", "checkin.key.female", id="checkin.f", tooltip="checkin.key.gender_tip", key_display="F6"),
        Binding("f7", "gender('m')", "checkin.key.male", id="checkin.m", tooltip="checkin.key.gender_tip", key_display="F7"),
        Binding("f8", "gender('x')", "checkin.key.other", id="checkin.x", tooltip="checkin.key.gender_tip", key_display="F8"),
        Binding("f12", "first_time", "overdose.key.first_time", id="checkin.first_time", tooltip="overdose.key.first_time_tip", key_display="F12"),
        Binding("ctrl+r", "right_help", "overdose.key.help", id="checkin.help_anonymous", tooltip="overdose.key.help_tip", key_display="^r", show=False),
    ]  # fmt: skip

    def action_first_time(self) -> None:
        pane = self._pane()
        if pane is not None:
            pane.first_time_key()

    def action_right_help(self) -> None:
        pane = self._pane()
        if pane is not None:
            pane.action_right_help()

    def action_move(self, step: int) -> None:
        pane = self._pane()
        if pane is not None:
            pane.move_match(step)

    def action_clear(self) -> None:
        """Escape: empty the field (the matches list goes with it)."""
        self.value = ""

    def action_gender(self, gender: str) -> None:
        pane = self._pane()
        if pane is not None:
            pane.gender_key(gender)

    def _pane(self) -> CheckinPane | None:
        return next((a for a in self.ancestors if isinstance(a, CheckinPane)), None)


# The visit list's rows are pre-formatted lines (widgets/visit_list.py draws only
# new lines, so a check-in's next frame stays short). Field widths, in characters:
VISIT_FIELDS: tuple[tuple[str, int], ...] = (
    ("time", 7),
    ("code", 12),
    ("gender", 8),
    ("staff", 8),
    ("state", 10),
)


def field_widths() -> list[tuple[str, int]]:
    """The list's columns, each wide enough for its header in the desk's language."""
    return [(key, max(width, len(t(f"checkin.col.{key}")) + 1)) for key, width in VISIT_FIELDS]


def visit_line(values: dict[str, str], voided: bool) -> Text:
    """One row of the visit list: the fields padded to their widths."""
    style = "strike dim" if voided else ""
    line = Text()
    for key, width in field_widths():
        value = values[key][: width - 1].ljust(width)
        line.append(value, style="bold red" if key == "state" and voided else style)
    return line


class VisitsList(RowList):
    """Today's visits, newest first; one key each on the selected visit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "visit('lunch')", "checkin.key.lunch", id="checkin.lunch", tooltip="checkin.key.lunch_tip"),
        Binding("u", "visit('hand_out')", "checkin.key.hand_out", id="checkin.hand_out", tooltip="checkin.key.hand_out_tip"),
        Binding("s", "visit('sale')", "checkin.key.sale", id="checkin.sale", tooltip="checkin.key.sale_tip"),
        Binding("h", "visit('right_help')", "overdose.key.help", id="checkin.help", tooltip="overdose.key.help_tip", show=False),
        Binding("delete", "visit('void')", "checkin.key.void", id="checkin.void", tooltip="checkin.key.void_tip"),
        Binding("v", "visit('void')", show=False),
        Binding("escape", "back", "checkin.key.back", id="checkin.back"),
    ]  # fmt: skip

    def action_visit(self, what: str) -> None:
        pane = next((a for a in self.ancestors if isinstance(a, CheckinPane)), None)
        if pane is not None:
            getattr(pane, f"action_{what}")()

    def action_back(self) -> None:
        pane = next((a for a in self.ancestors if isinstance(a, CheckinPane)), None)
        if pane is not None:
            pane.focus_default()

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.action_back()  # Up from the newest visit returns to the code field
        else:
            super().action_cursor_up()


class CheckinPane(LoadedPane[None]):
    """F1 Check-in: one key for an anonymous visit, a code prefix and Enter for a visitor."""

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("checkin.palette.anonymous", "checkin.palette.anonymous_help", "action_anonymous"),
        ("checkin.palette.register", "checkin.palette.register_help", "action_register"),
        ("checkin.palette.list", "checkin.palette.list_help", "action_focus_list"),
        ("checkin.palette.void", "checkin.palette.void_help", "action_void"),
        ("rights.palette.records", "rights.palette.records_help", "action_records"),
        ("overdose.palette.first_time", "overdose.palette.first_time_help", "first_time_key"),
        ("overdose.palette.help", "overdose.palette.help_help", "action_right_help"),
    ]
    STATUS_ID = "checkin-status"
    STATUS_FIXED_HEIGHT = True  # two lines
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer (a rare lead action; the check-in footer is full): F9, or the palette.
        Binding("f9", "records", "rights.key.records", id="checkin.records", tooltip="rights.key.records_tip", show=False),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__(id="checkin-pane")
        self._seq = 0  # the newest load; older answers are dropped
        self._match_seq = 0
        self._matches: list[str] = []
        self._matches_for: str | None = None
        self._visits: dict[str, Any] = {}
        self._in_flight = 0  # check-ins not yet answered
        self._overlapped = False  # two were in flight at once: reload when all are answered

    def compose(self) -> ComposeResult:
        with Horizontal(id="checkin-top"):
            with Vertical(id="checkin-entry"):
                yield Label(t("checkin.code_label"), id="checkin-code-label")
                yield set_hint(
                    CodeField(id="checkin-code", placeholder=t("checkin.placeholder")),
                    "checkin.hint.code",
                )
                yield Static("", id="checkin-status", markup=False)
                matches = OptionList(id="checkin-matches")
                matches.can_focus = False
                yield matches
            with Vertical(id="checkin-stats"):
                yield Static(t("checkin.count", count="…"), id="checkin-count")
                yield Static("", id="checkin-detail")
        yield HintLine("checkin.hint.code", id="checkin-hint")
        yield Label(t("checkin.list_title"), id="checkin-list-title")
        header = "".join(t(f"checkin.col.{key}").ljust(width) for key, width in field_widths())
        yield Static(header, id="checkin-visits-header", markup=False)
        yield VisitsList(id="checkin-visits")

    # -- the pane interface ---------------------------------------------------

    def refresh_data(self) -> None:
        app = desk(self)
        if app.actor is None:
            return
        seq = self._next_seq()
        run_call(
            self,
            load_day,
            app.actor.centre_id,
            correction_day(self),
            done=lambda day: self._show(seq, day),
        )

    def focus_default(self) -> None:
        self.query_one("#checkin-code", CodeField).focus()

    # -- checking in -----------------------------------------------------------

    @on(CodeInput.Submitted, "#checkin-code")
    def _code_entered(self, event: CodeInput.Submitted) -> None:
        event.stop()
        text = event.value.strip().upper()
        if has_space(text):
            self._status(t("checkin.no_space"), error=True)  # refused, never squeezed
            return
        if not text:
            self._check_in(None, None)
            return
        matches = self.query_one("#checkin-matches", OptionList)
        if self._matches_for == text:
            # The list shows what the user sees: the highlighted match, or the code as typed.
            if self._matches and matches.highlighted is not None:
                self._check_in(self._matches[matches.highlighted], None)
            else:
                self._check_in(text, None)
        else:
            self._check_in(text, None, prefix=True)  # typed faster than the list could follow

    def action_anonymous(self) -> None:
        self._check_in(None, None)

    def gender_key(self, gender: str) -> None:
        if self.query_one("#checkin-code", CodeField).value.strip():
            self._status(t("checkin.gender_only_anonymous"), error=True)
            return
        self._check_in(None, gender)

    def first_time_key(self) -> None:
        """One anonymous visit by someone here for the first time (F12)."""
        if self.query_one("#checkin-code", CodeField).value.strip():
            self._status(t("overdose.first_time.only_anonymous"), error=True)
            return
        self._check_in(None, None, first_time=True)

    def _check_in(
        self,
        code: str | None,
        gender: str | None,
        *,
        prefix: bool = False,
        first_time: bool = False,
    ) -> None:
        app = desk(self)
        if app.actor is None:
            return
        seq = self._next_seq()
        self._in_flight += 1
        self._overlapped = self._overlapped or self._in_flight > 1
        run_call(
            self,
            check_in_and_count,
            app.actor,
            code,
            gender,
            prefix=prefix,
            correcting=correction_day(self),
            first_time=first_time,
            done=lambda result: self._checked_in(seq, code, result),
            failed=lambda exc: self._check_in_refused(code, exc),
        )

    def _answered(self) -> None:
        self._in_flight -= 1
        if self._in_flight == 0 and self._overlapped:
            # Each answer carried its own snapshot; one more load shows them all.
            self._overlapped = False
            self.refresh_data()

    def _checked_in(self, seq: int, code: str | None, result: tuple[Any, Any]) -> None:
        visit, counts = result
        shown = [v for v in self._visits.values() if v.id != visit.id]
        day = DayVisits([visit, *shown][:LIST_LENGTH], counts)
        self._answered()
        field = self.query_one("#checkin-code", CodeField)
        if code is not None and field.value.strip().upper() in (code, self._matches_for or ""):
            field.value = ""
        self._show(seq, day, force=True)
        if visit.first_time:
            text = t("overdose.first_time.done", time=self._hhmm(visit.at))
        elif visit.visitor_code is None and visit.gender != "u":
            text = t(
                "checkin.done_gender", gender=t(f"gender.{visit.gender}"), time=self._hhmm(visit.at)
            )
        else:
            who = visit.visitor_code or t("word.anonymous")
            text = t("checkin.done", who=who, time=self._hhmm(visit.at))
            if getattr(visit, "earlier_at", None) is not None:
                text += " " + t("checkin.earlier_today", time=self._hhmm(visit.earlier_at))
        self._status(text)

    def _check_in_refused(self, code: str | None, exc: FrontdeskError) -> None:
        from frontdesk.errors import NotFound

        self._answered()
        if code is not None and isinstance(exc, NotFound):
            self._offer_register(code)
            return
        self._failed(exc)

    def _offer_register(self, code: str) -> None:
        from frontdesk.tui.screens.register import RegisterScreen

        def registered(visitor: Any) -> None:
            if visitor is None:
                self.focus_default()
                return
            self._status(t("checkin.registered", code=visitor.code))
            self._check_in(visitor.code, None)
            self.focus_default()

        self.app.push_screen(RegisterScreen(code), registered)

    def action_register(self) -> None:
        self._offer_register(self.query_one("#checkin-code", CodeField).value.strip())

    # -- narrowing the list of known codes ---------------------------------------

    @on(CodeInput.Changed, "#checkin-code")
    def _code_changed(self, event: CodeInput.Changed) -> None:
        from frontdesk.services import visits

        text = event.value.strip().upper()
        app = desk(self)
        self._match_seq += 1
        seq = self._match_seq
        if has_space(event.value):
            self._status(t("checkin.no_space"), error=True)
            self._show_matches(seq, text, [])
            return
        if self._status_is_error:
            self._status("")  # the field changed: an old refusal no longer applies
        if not text:
            self._show_matches(seq, "", [])
            return
        if app.actor is None:
            return
        run_call(
            self,
            visits.find_visitors,
            app.actor.centre_id,
            text,
            done=lambda found: self._show_matches(seq, text, found),
            failed=lambda exc: None,
        )

    def _show_matches(self, seq: int, text: str, found: list[Any]) -> None:
        if seq != self._match_seq:
            return  # the field has changed since
        matches = self.query_one("#checkin-matches", OptionList)
        self._matches = [v.code for v in found]
        self._matches_for = text
        matches.clear_options()
        for visitor in found:
            matches.add_option(Option(self._describe(visitor), id=visitor.code))
        if found:
            matches.highlighted = 0
        matches.display = bool(found)

    def move_match(self, step: int) -> None:
        matches = self.query_one("#checkin-matches", OptionList)
        if not self._matches or not matches.display:
            if step > 0:
                self.action_focus_list()
            return
        current = matches.highlighted if matches.highlighted is not None else -1
        matches.highlighted = max(0, min(len(self._matches) - 1, current + step))

    @on(CodeInput.SpaceRefused, "#checkin-code")
    def _space(self, event: CodeInput.SpaceRefused) -> None:
        event.stop()
        self._status(t("checkin.no_space"), error=True)

    @staticmethod
    def _describe(visitor: Any) -> str:
        parts = [visitor.code]
        if visitor.gender != "u":
            parts.append(t(f"gender.{visitor.gender}"))
        if visitor.birth_year:
            parts.append(str(visitor.birth_year))
        if visitor.dagsverket:
            parts.append("Dagsverket")
        if visitor.vendor_number:
            parts.append(f"Megafon #{visitor.vendor_number}")
        return " · ".join(parts)

    # -- today's list -------------------------------------------------------------

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _show(self, seq: int, day: DayVisits, force: bool = False) -> None:
        if seq != self._seq and not force:
            return
        if force:
            self._next_seq()  # loads started before this commit are out of date
        table = self.query_one("#checkin-visits", VisitsList)
        # Keep the selection while the user works in the list; else the newest is selected.
        selected = table.selected_key if table.has_focus else None
        self._visits = {}
        rows = []
        for visit in day.visits:
            key = str(visit.id)
            self._visits[key] = visit
            values = {
                "time": self._hhmm(visit.at),
                "code": visit.visitor_code or t("word.anonymous"),
                "gender": t(f"gender.{visit.gender}"),
                "staff": visit.staff_initials,
                "state": t("word.voided") if visit.voided else "",
            }
            rows.append((key, visit_line(values, visit.voided)))
        table.set_rows(rows, keep=selected)
        counts = day.counts
        # Fixed-size lines (checkin.tcss): no layout pass, so the frame after a check-in is quick.
        self.query_one("#checkin-count", Static).update(
            t("checkin.count", count=counts.total), layout=False
        )
        self.query_one("#checkin-detail", Static).update(
            t(
                "checkin.count_detail",
                anonymous=counts.anonymous,
                coded=counts.coded,
                voided=counts.voided,
            ),
            layout=False,
        )

    def _selected_visit(self) -> Any | None:
        key = self.query_one("#checkin-visits", VisitsList).selected_key
        visit = self._visits.get(key) if key is not None else None
        if visit is None:
            self._status(t("checkin.select_visit"), error=True)
        return visit

    def action_focus_list(self) -> None:
        self.query_one("#checkin-visits", VisitsList).focus()

    def action_records(self) -> None:
        """A shift lead sees (and may erase) everything stored under a code: the selected
        visit's when the list has the cursor, else the one in the code field (F9)."""
        from frontdesk.tui.screens.visitor_records import VisitorRecordsScreen
        from frontdesk.tui.widgets.pane_kit import with_lead

        field = self.query_one("#checkin-code", CodeField)
        in_list = self.query_one("#checkin-visits", VisitsList).has_focus
        visit = self._selected_visit() if in_list else None
        typed = field.value.strip().upper()
        highlighted = self.query_one("#checkin-matches", OptionList).highlighted
        if typed and self._matches_for == typed and self._matches and highlighted is not None:
            typed = self._matches[highlighted]  # the match Enter would check in
        code = (visit.visitor_code if visit else None) or typed
        if not code:
            self._status(t("rights.need_code"), error=True)
            return

        def closed(erased: str | None) -> None:
            if erased:
                field.value = ""
                self._confirm(t("rights.erased_toast", code=erased))
                self.refresh_data()

        def show(lead: Actor) -> None:
            self.app.push_screen(VisitorRecordsScreen(lead, code), closed)

        with_lead(self, t("rights.screen.show_what", code=code.upper()), show)

    # -- from a selected visit ----------------------------------------------------

    def action_lunch(self) -> None:
        from frontdesk.services import lunch

        visit = self._selected_visit()
        app = desk(self)
        if visit is None or app.actor is None:
            return
        if visit.visitor_code:
            text = t("checkin.lunch_done", who=visit.visitor_code)
            run_call(
                self,
                lunch.add_visitor,
                app.actor,
                visit.visitor_code,
                done=lambda _e: self._confirm(text),
                failed=self._failed,
            )
        else:
            text = t("checkin.lunch_anonymous")
            run_call(self, lunch.add_anonymous, app.actor, 1, done=lambda _e: self._confirm(text), failed=self._failed)  # fmt: skip

    def action_right_help(self) -> None:
        """A referral or CPR training today: for the selected visit when the list has the
        cursor (h), else anonymously (ctrl+r)."""
        from frontdesk.services import overdose
        from frontdesk.tui.screens.right_help import RightHelpScreen

        app = desk(self)
        if app.actor is None:
            return
        in_list = self.query_one("#checkin-visits", VisitsList).has_focus
        visit = self._selected_visit() if in_list else None
        if in_list and visit is None:
            return
        if visit is not None and visit.voided:
            self._status(t("checkin.already_voided"), error=True)
            return
        who = (visit.visitor_code or t("word.anonymous")) if visit else t("overdose.help.anonymous")
        if visit is not None:
            who = f"{who} {self._hhmm(visit.at)}"

        def done(record: Any) -> None:
            if record is None:
                return
            if isinstance(record, overdose.TrainingInfo):
                self._confirm(t("overdose.cpr.done"))
            else:
                self._confirm(
                    t("overdose.referral.done", kind=t(f"overdose.referral.{record.kind}"))
                )

        app.push_screen(
            RightHelpScreen(app.actor, visit.id if visit else None, who, correction_day(self)),
            done,
        )

    def action_hand_out(self) -> None:
        visit = self._selected_visit()
        if visit is None:
            return
        self.post_message(OpenHandOut(visit.id, visit.visitor_code))

    def action_sale(self) -> None:
        from frontdesk.services import visits

        visit = self._selected_visit()
        if visit is None:
            return
        if not visit.visitor_code:
            self._status(t("checkin.anonymous_no_sale"), error=True)
            return
        actor = desk(self).actor
        if actor is None:
            return

        def found(visitor: Any) -> None:
            if visitor.vendor_number is None:
                self._status(t("checkin.not_vendor", code=visitor.code), error=True)
                return
            self.post_message(OpenSale(visitor.code))

        run_call(
            self,
            visits.get_visitor,
            actor.centre_id,
            visit.visitor_code,
            done=found,
            failed=self._failed,
        )

    def action_void(self) -> None:
        from frontdesk.tui.screens.reason import ReasonScreen

        visit = self._selected_visit()
        app = desk(self)
        if visit is None or app.actor is None:
            return
        if visit.voided:
            self._status(t("checkin.already_voided"), error=True)
            return
        when = self._hhmm(visit.at)
        who = visit.visitor_code or t("word.anonymous")

        def with_reason(reason: str | None) -> None:
            if reason is None or app.actor is None:
                return
            seq = self._next_seq()
            run_call(
                self,
                void_and_load,
                app.actor,
                visit.id,
                reason,
                correction_day(self),
                done=lambda result: self._voided(seq, result),
                failed=self._failed,
            )

        app.push_screen(ReasonScreen(t("checkin.void_title", time=when, who=who)), with_reason)

    def _voided(self, seq: int, result: tuple[Any, DayVisits]) -> None:
        visit, day = result
        self._show(seq, day, force=True)
        self._confirm(t("checkin.voided", time=self._hhmm(visit.at)))

    # -- showing -----------------------------------------------------------------

    def _hhmm(self, at: Any) -> str:
        from frontdesk import clock

        app = desk(self)
        return clock.local_time(at, app.timezone).strftime("%H:%M")
