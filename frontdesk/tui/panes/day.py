"""F5 Day: the X-report (today's running tally), closing the day, Z-reports.

A shift lead counts the Megafon cash and closes the day (the Z-report is shown
and the day becomes read-only), reopens a closed day with PIN and reason, and
closes earlier days that were left open. Earlier Z-reports can be opened from
the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.widgets import DataTable, Label, Static

from frontdesk.i18n import N_, get_language, t
from frontdesk.services import cash, city, dayclose, days, overdose, rights, supplies, tally
from frontdesk.services.settings import get_settings
from frontdesk.services.vocab import GENDERS, LUNCH_GROUPS, PAYMENTS
from frontdesk.tui.calls import run_call
from frontdesk.tui.desk import desk
from frontdesk.tui.messages import DayChanged, StartCorrection
from frontdesk.tui.panes.day_help import DayHelp, drill_warning, help_rows
from frontdesk.tui.widgets.city_status import CityStatusLine, utc_to_local
from frontdesk.tui.widgets.hour_chart import HourChart
from frontdesk.tui.widgets.pane_kit import (
    LoadedPane,
    correction_day,
    fill_table,
    format_nok,
    local_hhmm,
    with_lead,
)

if TYPE_CHECKING:
    from frontdesk.config import CentreSettings
    from frontdesk.services.actor import Actor
    from frontdesk.services.tally import DayTally

Z_COLUMNS = (
    "z_no", "date", "version", "state", "expected", "counted", "diff", "closed", "reopened",
    "reason",
)  # fmt: skip


@dataclass(frozen=True)
class DayView:
    """Everything the tab shows for today, read in one worker call."""

    business_date: dt.date  # today, or the earlier day the desk is correcting
    tally: Any  # tally.DayTally
    closed: bool
    z_today: Any  # dayclose.ZReport | None
    open_days: list[dt.date]
    z_list: list[Any]  # list[dayclose.ZReport]: every version
    # catalogue order: code -> (bokmål, English, kind)
    item_names: dict[str, tuple[str, str, str]]
    real_today: dt.date
    # retention: the retention_days setting and when it last ran (UTC; None: never)
    retention: tuple[int, dt.datetime | None] = (0, None)
    # issue 12: active staff whose CPR drill is due, and the drill_interval_days setting
    overdue_drills: tuple[str, ...] = ()
    drill_interval: int = 183
    city: Any = None  # city.CityStatus: the link to the city database


@dataclass(frozen=True)
class ShownDay:
    """A day other than today's live tally, on screen: a stored Z-report version,
    or the running tally of an earlier day being closed."""

    business_date: dt.date
    tally: Any  # tally.DayTally
    closed: bool  # the day is closed now (whatever version is shown)
    z: Any = None  # dayclose.ZReport | None


def load_z(actor: Actor, business_date: dt.date, version: int | None) -> ShownDay:
    """One Z-report version (audited as shown) and whether its day is closed now."""
    z = dayclose.z_report(actor, business_date, version)
    return ShownDay(business_date, z.tally, days.is_closed(actor.centre_id, business_date), z)


def load_view(actor: Actor, audited: bool, correcting: dt.date | None = None) -> DayView:
    """Today's tally (an audited X-report when the user asks to see it), day state, lists.

    While the desk corrects an earlier day, that day stands in for today.
    """
    centre_id = actor.centre_id
    real_today = days.today(centre_id)
    today = correcting or real_today
    # The periodic refresh of a tab already on screen is not a new showing: not audited.
    day_tally = dayclose.x_report(actor, today) if audited else tally.compute_day(centre_id, today)
    z_list = dayclose.z_versions(centre_id)
    closed = days.is_closed(centre_id, today)
    z_today = dayclose.current_z(centre_id, today)
    names = {
        item.code: (item.name_nb, item.name_en, item.kind)
        for item in supplies.catalogue(centre_id, include_inactive=True)
    }
    return DayView(
        business_date=today,
        tally=day_tally,
        closed=closed,
        z_today=z_today,
        open_days=dayclose.open_days_before(centre_id, real_today),
        z_list=z_list,
        item_names=names,
        real_today=real_today,
        retention=(
            get_settings(centre_id).retention_days,
            rights.retention_last_run(centre_id),
        ),
        overdue_drills=tuple(overdose.overdue_drills(centre_id, real_today)),
        drill_interval=get_settings(centre_id).drill_interval_days,
        city=city.status(centre_id),
    )


def close_figures(actor: Any, business_date: dt.date | None) -> tuple[Any, Any]:
    """A fresh X-report of the day to close (audited) and the centre's settings now
    (blind count, difference limit)."""
    return dayclose.x_report(actor, business_date), get_settings(actor.centre_id)


class TallyBox(Static):
    """Label and value lines: values right-aligned, labels shortened to fit the box."""

    def __init__(self, *, id: str) -> None:
        super().__init__("", id=id, classes="day-box", markup=False)
        self._rows: list[tuple[str, str]] = []

    def show_rows(self, rows: list[tuple[str, object]]) -> None:
        self._rows = [(label, str(value)) for label, value in rows]
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(len(self._rows), 1)

    def render(self) -> Text:
        width = max(self.content_size.width, 1)
        lines = []
        for label, value in self._rows:
            room = max(width - len(value) - 1, 1)
            if len(label) > room:
                label = label[: room - 1] + "…"
            lines.append(label.ljust(width - len(value)) + value)
        return Text("\n".join(lines), no_wrap=True, overflow="crop")


def _columns(rows: Sequence[Sequence[str]], gap: int = 2) -> list[str]:
    """Rows of cells as left-aligned text columns."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))] if rows else []
    return [
        (" " * gap).join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


class DayPane(DayHelp, LoadedPane[DayView]):
    """F5 Day: X-report, close and reopen the day shown, Z-report versions, corrections."""

    STATUS_ID = "day-status"
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("day.palette.x_report", "day.palette.x_report_help", "action_x_report"),
        ("day.palette.close", "day.palette.close_help", "action_close_day"),
        ("day.palette.reopen", "day.palette.reopen_help", "action_reopen_day"),
        ("day.palette.z_reports", "day.palette.z_reports_help", "action_z_reports"),
        ("day.palette.open_days", "day.palette.open_days_help", "action_open_days"),
        ("day.palette.correct", "day.palette.correct_help", "action_correct_day"),
        ("day.palette.paper", "day.palette.paper_help", "action_save_paper"),
        ("overdose.palette.training", "overdose.palette.training_help", "action_training"),
        ("overdose.palette.drill", "overdose.palette.drill_help", "action_drill"),
        ("overdose.palette.entries", "overdose.palette.entries_help", "action_help_entries"),
        ("cash.palette.box", "cash.palette.box_help", "action_cash_box"),
    ]
    BINDINGS = [
        Binding("f6", "close_day", "day.key.close", id="day.close", tooltip="day.key.close_tip"),
        Binding("f7", "reopen_day", "day.key.reopen", id="day.reopen",
                tooltip="day.key.reopen_tip"),
        Binding("f8", "x_report", "day.key.x_report", id="day.x_report",
                tooltip="day.key.x_report_tip"),
        Binding("f9", "z_reports", "day.key.z_reports", id="day.z_reports",
                tooltip="day.key.z_reports_tip"),
        Binding("f10", "correct_day", "day.key.correct", id="day.correct",
                tooltip="day.key.correct_tip"),
        Binding("k", "cash_box", "cash.key.box", id="day.cash_box",
                tooltip="cash.key.box_tip"),
        Binding("f12", "save_paper", "day.key.paper", id="day.paper",
                tooltip="day.key.paper_tip", show=False),
        # Issue 12 (day_help.py): in the keys line above the tally, not the full footer.
        Binding("ctrl+o", "training", "overdose.key.training", id="day.training",
                tooltip="overdose.key.training_tip", show=False),
        Binding("ctrl+d", "drill", "overdose.key.drill", id="day.drill",
                tooltip="overdose.key.drill_tip", show=False),
        Binding("ctrl+u", "help_entries", "overdose.key.entries", id="day.help_entries",
                tooltip="overdose.key.entries_tip", show=False),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self._shown: ShownDay | None = None  # None: today's live tally
        self._seen_actor: Actor | None = None
        self._select_z: str | None = None  # the Z-report version just made: the cursor goes there
        self._audit_next = True
        self._had_open_days = False

    def compose(self) -> ComposeResult:
        yield Static("", id="day-title", markup=False)
        yield Static(t("day.keys"), id="day-keys", markup=False)
        yield CityStatusLine("", id="day-city", markup=False)  # hidden without a city
        yield Static("", id="day-closed", markup=False)
        yield Static("", id="day-drills", markup=False)
        yield Static(t("day.open_days.warning"), id="day-open-warning", markup=False)
        yield DataTable(id="day-open-days", cursor_type="row")
        with VerticalScroll(id="day-body"):
            yield Static("", id="day-z", markup=False)
            with Horizontal(classes="day-row"):
                yield TallyBox(id="day-visits")
                yield TallyBox(id="day-lunch")
                yield TallyBox(id="day-megafon")
            with Horizontal(classes="day-row"):
                with Vertical(classes="day-column"):
                    yield TallyBox(id="day-supplies")
                    yield TallyBox(id="day-help")  # issue 12, under the supplies
                yield HourChart(id="day-hours", classes="day-box")
            yield Label(t("day.z_list.title"), id="day-z-list-title")
            yield DataTable(id="day-z-list", cursor_type="row", zebra_stripes=True)
            yield Static("", id="day-retention", markup=False)
        yield Static("", id="day-status", markup=False)

    def on_mount(self) -> None:
        boxes = {
            "#day-visits": N_("day.box.visits"),
            "#day-lunch": N_("day.box.lunch"),
            "#day-megafon": N_("day.box.megafon"),
            "#day-supplies": N_("day.box.supplies"),
            "#day-hours": N_("day.box.hours"),
            "#day-help": N_("overdose.box"),
        }
        for selector, key in boxes.items():
            self.query_one(selector).border_title = t(key)
        open_days = self.query_one("#day-open-days", DataTable)
        open_days.add_column(t("day.col.date"), key="date")
        open_days.add_column("", key="action")  # this column has no heading
        z_list = self.query_one("#day-z-list", DataTable)
        for key in Z_COLUMNS:
            z_list.add_column(t(f"day.col.{key}"), key=key)
        self.query_one("#day-open-warning").display = False
        open_days.display = False
        self.query_one("#day-z").display = False
        self.query_one("#day-drills").display = False

    def on_show(self) -> None:
        self._audit_next = True  # the tab is shown again: the next X-report is a new showing

    # -- the interface the app uses ----------------------------------------

    def focus_default(self) -> None:
        open_days = self.query_one("#day-open-days", DataTable)
        if open_days.display and open_days.row_count:
            open_days.focus()
        else:
            self.query_one("#day-z-list", DataTable).focus()

    def refresh_data(self) -> None:
        app = desk(self)
        if app.actor is None:
            return
        if self._seen_actor is not None and app.actor != self._seen_actor:
            # Someone else signed on: back to today, nothing of the previous user's view.
            self._shown = None
            self._audit_next = True
            self._status("")
        self._seen_actor = app.actor
        audited, self._audit_next = self._audit_next, False
        run_call(self, load_view, app.actor, audited, correction_day(self), done=self._show)

    @property
    def shown_day(self) -> dt.date | None:
        """The business date the screen shows (every action on a day acts on it)."""
        if self._shown is not None:
            return self._shown.business_date
        return self._view.business_date if self._view is not None else None

    # -- showing -------------------------------------------------------------

    def _show(self, view: DayView) -> None:
        self._view = view
        fill_table(
            self.query_one("#day-open-days", DataTable),
            [(d.isoformat(), (d.isoformat(), t("day.open_days.action"))) for d in view.open_days],
        )
        has_open = bool(view.open_days)
        self.query_one("#day-open-warning").display = has_open
        open_days = self.query_one("#day-open-days", DataTable)
        open_days.display = has_open
        z_list = self.query_one("#day-z-list", DataTable)
        if has_open and not self._had_open_days and z_list.has_focus:
            open_days.focus()  # days left open come first: the cursor goes there
        self._had_open_days = has_open
        lang = get_language()
        tz = self._timezone()
        rows = []
        for z in view.z_list:
            state = t("day.state.reopened") if z.reopened_at else t("day.state.closed")
            reopened = (
                f"{local_day_hhmm(z.reopened_at, tz)} {z.reopened_by}" if z.reopened_at else ""
            )
            rows.append(
                (
                    z_key(z.business_date, z.version),
                    (
                        str(z.z_no),
                        z.business_date.isoformat(),
                        str(z.version),
                        state,
                        Text(format_nok(z.expected_cash_ore, lang), justify="right"),
                        Text(format_nok(z.counted_cash_ore, lang), justify="right"),
                        Text(format_nok(z.diff_ore, lang), justify="right"),
                        f"{local_day_hhmm(z.closed_at, tz)} {z.closed_by}",
                        reopened,
                        Text(z.reopen_reason or ""),  # the lead's words, not markup
                    ),
                )
            )
        select, self._select_z = self._select_z, None
        fill_table(z_list, rows, select=select)
        warning = drill_warning(view)
        drills = self.query_one("#day-drills", Static)
        drills.update(warning)
        drills.display = bool(warning)
        keep, ran = view.retention
        self.query_one("#day-retention", Static).update(
            t("rights.retention_off")
            if keep == 0
            else t("rights.retention_ran", days=keep, at=local_day_hhmm(ran, tz))
            if ran
            else t("rights.retention_never")
        )
        self.query_one(CityStatusLine).show_status(view.city, utc_to_local(tz))
        if self._shown is None:
            self._show_day(view.business_date, view.tally, view.closed, view.z_today)
        self._run_pending()

    def _show_day(self, day: dt.date, day_tally: Any, closed: bool, z: Any) -> None:
        """Show one day's tally (and a Z-report version when it has one)."""
        earlier = self._shown is not None
        if earlier and z is not None:
            title = t("day.title.version", date=day.isoformat(), z_no=z.z_no, version=z.version)
        elif earlier:
            title = t("day.title.earlier_open", date=day.isoformat())
        elif closed and z is not None:
            title = t("day.title.closed", date=day.isoformat(), z_no=z.z_no)
        elif correction_day(self) == day:
            title = t("day.title.correcting", date=day.isoformat())
        else:
            title = t("day.title.open", date=day.isoformat())
        self.query_one("#day-title", Static).update(title)
        banner = self.query_one("#day-closed", Static)
        banner.update(t("day.closed_banner", date=day.isoformat()) if closed else "")
        banner.display = closed
        self._show_tally(day_tally)
        z_box = self.query_one("#day-z", Static)
        if z is None:
            z_box.display = False
        else:
            z_box.update(self._z_text(z))
            z_box.display = True

    def _timezone(self) -> str:
        return desk(self).timezone

    def _show_tally(self, day_tally: Any) -> None:
        lang = get_language()
        g = day_tally.get
        self.query_one("#day-visits", TallyBox).show_rows(
            [
                (t("day.visits.total"), g("visits.total")),
                (t("day.visits.unique"), g("visits.unique")),
                (t("day.visits.anonymous"), g("visits.anonymous")),
                *[(t(f"gender.{k}").capitalize(), g(f"visits.{k}")) for k in GENDERS],
            ]
        )
        self.query_one("#day-lunch", TallyBox).show_rows(
            [
                *[(t(f"day.lunch.{k}"), g(f"lunch.{k}")) for k in LUNCH_GROUPS],
                (t("day.lunch.total"), g("lunch.total")),
                (t("day.dagsverket_present"), g("dagsverket.present")),
            ]
        )
        self.query_one("#day-megafon", TallyBox).show_rows(
            [
                (t("day.megafon.copies"), g("megafon.copies")),
                (t("day.megafon.sales"), g("megafon.sales")),
                *[
                    (
                        t(f"megafon.pay.{p}").capitalize(),
                        format_nok(g(f"megafon.{p}_ore"), lang),
                    )
                    for p in PAYMENTS
                ],
                (t("day.megafon.revenue"), format_nok(g("megafon.revenue_ore"), lang)),
            ]
        )
        names = self._view.item_names if self._view else {}
        handed: list[tuple[str, int | str]] = [
            (names[code][0 if lang == "nb" else 1] if code in names else code, count)
            for code, count in day_tally.handed_out([(c, n[2]) for c, n in names.items()])
        ]
        if not handed and not g("naloxone.kits"):
            handed = [(t("day.supplies.none"), "")]
        self.query_one("#day-supplies", TallyBox).show_rows(
            [
                *handed,
                (t("day.naloxone.kits"), g("naloxone.kits")),
                (t("day.naloxone.trained"), g("naloxone.trained")),
                (t("day.syringes.returned"), g("syringes.returned")),
            ]
        )
        self.query_one("#day-hours", HourChart).set_counts(day_tally.hours)
        self.query_one("#day-help", TallyBox).show_rows(help_rows(day_tally))

    def _z_text(self, z: Any) -> Text:
        lang = get_language()
        tz = self._timezone()
        text = Text()
        head = t(
            "day.z.head",
            z_no=z.z_no,
            version=z.version,
            date=z.business_date.isoformat(),
            time=local_hhmm(z.closed_at, tz),
            by=z.closed_by,
        )
        text.append(head + "\n", style="bold")
        cash = t(
            "day.z.cash",
            expected=format_nok(z.expected_cash_ore, lang),
            counted=format_nok(z.counted_cash_ore, lang),
            diff=format_nok(z.diff_ore, lang),
        )
        text.append(cash + "\n")
        text.append(self._cash_up_text(z, lang))
        rows = [(t("day.z.staff"), t("day.z.payment"), t("day.z.copies"), t("day.z.amount"))]
        rows += [
            (
                line.initials,
                t(f"megafon.pay.{line.payment}"),
                str(line.copies),
                format_nok(line.amount_ore, lang),
            )
            for line in z.sales_by_staff
        ]
        if not z.sales_by_staff:
            rows.append((t("day.z.no_sales"), "", "", ""))
        for i, line in enumerate(_columns(rows)):
            text.append("  " + line + "\n", style="underline" if i == 0 else "")
        totals = t(
            "day.z.totals",
            revenue=format_nok(z.revenue_ore or z.tally.get("megafon.revenue_ore"), lang),
            grand=format_nok(z.grand_total_ore, lang),
        )
        text.append(totals, style="bold")
        if z.reopened_at:
            reopened = t(
                "day.z.reopened",
                when=local_day_hhmm(z.reopened_at, tz),
                by=z.reopened_by or "",
                reason=z.reopen_reason or "",
            )
            text.append("\n" + reopened, style="italic")
        return text

    def _cash_up_text(self, z: Any, lang: str) -> str:
        """Float, pay-ins and pay-outs (a Z-report from tally version 2 on), the second
        lead's approval of the difference and the count by coin and note, when there are."""
        lines = []
        if z.tally.knew("cash.float_ore"):
            lines.append(
                t(
                    "cash.z.cash",
                    float=format_nok(z.tally.get("cash.float_ore"), lang),
                    pay_in=format_nok(z.tally.get("cash.pay_in_ore"), lang),
                    pay_out=format_nok(z.tally.get("cash.pay_out_ore"), lang),
                )
            )
        if z.diff_approved_by:
            lines.append(t("cash.z.approved", by=z.diff_approved_by, reason=z.diff_reason or ""))
        if z.denominations:
            pieces = ", ".join(f"{n} × {value // 100} kr" for value, n in z.denominations)
            lines.append(t("cash.z.pieces", pieces=pieces))
        return "".join(line + "\n" for line in lines)

    def _changed(self) -> None:
        """Tell the app (its header and closed banner) that the day's state changed."""
        self.post_message(DayChanged())
        self.refresh_data()

    # -- X-report and Z-reports -------------------------------------------------

    def action_x_report(self) -> None:
        """Back to today's running tally (an audited X-report)."""
        self._shown = None
        self._audit_next = True
        self._status("")
        self.refresh_data()

    def action_z_reports(self) -> None:
        self.query_one("#day-z-list", DataTable).focus()

    def action_open_days(self) -> None:
        open_days = self.query_one("#day-open-days", DataTable)
        if open_days.display and open_days.row_count:
            open_days.focus()
        else:
            self._status(t("day.open_days.none"))

    @on(DataTable.RowSelected, "#day-z-list")
    def _z_selected(self, event: DataTable.RowSelected) -> None:
        day, version = parse_z_key(str(event.row_key.value))
        app = desk(self)
        run_call(self, load_z, app.actor, day, version, done=self._show_z, failed=self._failed)

    def _show_z(self, shown: ShownDay) -> None:
        """Show a stored Z-report version (today's too): its own figures, not the live tally."""
        self._shown = shown
        self._show_day(shown.business_date, shown.tally, shown.closed, shown.z)
        self.query_one("#day-body", VerticalScroll).scroll_home(animate=False)
        z = shown.z
        self._status(
            t("day.z.shown", z_no=z.z_no, version=z.version, date=z.business_date.isoformat())
        )

    def action_save_paper(self) -> None:
        """Write the PDF of the day shown (the Z-report version shown, else the X-report)
        to the papers folder; the toast names the file and lp, if any, is offered."""
        from frontdesk.services import papers
        from frontdesk.tui.screens.print_offer import paper_saved

        app = desk(self)
        shown = self._shown
        version = shown.z.version if shown is not None and shown.z is not None else None
        run_call(self, papers.save_day_paper, app.actor, self.shown_day, version,
                 done=partial(paper_saved, self), failed=self._failed)  # fmt: skip

    # -- closing -------------------------------------------------------------------

    def action_close_day(self, business_date: dt.date | None = None) -> None:
        """Count the cash and close a day: the one shown, or an earlier open day picked."""
        self._when_loaded(lambda: self._close_day(business_date))

    def _close_day(self, business_date: dt.date | None) -> None:
        day = business_date or self.shown_day
        with_lead(self, t("day.lead.close"), lambda lead: self._count_cash(lead, day))

    def _count_cash(self, lead: Actor, day: dt.date | None) -> None:
        def counted(figures: tuple[DayTally, CentreSettings]) -> None:
            from frontdesk.tui.screens.cash_count import CashCountScreen

            day_tally, settings = figures
            shown_day = day_tally.business_date
            view = self._view
            if view is not None and shown_day != view.business_date:
                # The dialog names an earlier day: the figures behind it are that day's.
                self._shown = ShownDay(shown_day, day_tally, False)
                self._show_day(shown_day, day_tally, False, None)

            def commit(counted_ore: int, **extra: Any) -> Any:
                return dayclose.close_day(lead, counted_ore, business_date=shown_day, **extra)

            screen = CashCountScreen(
                shown_day,
                day_tally.expected_cash_ore,
                commit,
                blind=settings.blind_count,
                limit_ore=settings.cash_diff_limit_ore,
            )
            self.app.push_screen(screen, self._after_close)

        # A fresh X-report gives the expected cash (and the day, today by default).
        run_call(self, close_figures, lead, day, done=counted, failed=self._failed)

    @on(DataTable.RowSelected, "#day-open-days")
    def _open_day_selected(self, event: DataTable.RowSelected) -> None:
        self.action_close_day(dt.date.fromisoformat(str(event.row_key.value)))

    def _after_close(self, z: Any) -> None:
        if z is None:
            if self._shown is not None and self._shown.z is None:
                self.action_x_report()  # cancelled: back to today, not an earlier running tally
            return
        done = t("day.closed_done", date=z.business_date.isoformat(), z_no=z.z_no)
        self._confirm(done)
        self._select_z = z_key(z.business_date, z.version)
        view = self._view
        today = view is not None and z.business_date == view.business_date
        self._shown = None if today else ShownDay(z.business_date, z.tally, True, z)
        if self._shown is not None:
            self._show_day(z.business_date, z.tally, True, z)
        self._status(done)
        app = desk(self)
        if correction_day(self) == z.business_date:
            app.action_end_correction()  # closed again: the desk records on today
        app.push_to_city()  # the new Z-report goes to the city in the background
        self._changed()

    # -- the cash box: float, pay-ins, pay-outs ------------------------------------

    def action_cash_box(self) -> None:
        """K: the day's float, pay-ins and pay-outs; record one, or void one (lead)."""
        self._when_loaded(self._cash_box)

    def _cash_box(self) -> None:
        actor = desk(self).actor
        if actor is None:
            return
        day = correction_day(self)  # None: today
        tz = self._timezone()

        def hhmm(at: dt.datetime) -> str:
            return local_hhmm(at, tz)

        def record(kind: str, amount_ore: int, reason: str) -> Any:
            if kind == "float":
                return cash.set_float(actor, amount_ore, day)
            return cash.move(actor, kind, amount_ore, reason, day)

        def shown(moves: list[Any]) -> None:
            from frontdesk.tui.screens.cash_box import CashBoxScreen

            when = day or (self._view.real_today if self._view else dt.date.today())
            self.app.push_screen(CashBoxScreen(when, moves, hhmm, record), self._cash_done)

        run_call(self, cash.movements_on, actor.centre_id, day, done=shown, failed=self._failed)

    def _cash_done(self, result: Any) -> None:
        if result is None:
            return
        if isinstance(result, tuple):  # ("void", movement, its description)
            _, move, what = result
            self._void_cash(move, what)
            return
        lang = get_language()
        kind = t(f"cash.kind.{result.kind}")
        self._confirm(
            t("cash.recorded", kind=kind.capitalize(), amount=format_nok(result.amount_ore, lang))
        )
        self._changed()

    def _void_cash(self, move: Any, what: str) -> None:
        from frontdesk.tui.screens.reason import ReasonScreen

        def ask_reason(lead: Any) -> None:
            def with_reason(reason: str | None) -> None:
                if reason is None:
                    return
                run_call(
                    self,
                    cash.void_movement,
                    lead,
                    move.id,
                    reason,
                    done=lambda _info: self._cash_voided(what),
                    failed=self._failed,
                )

            self.app.push_screen(ReasonScreen(t("cash.void.title", what=what)), with_reason)

        with_lead(self, t("cash.lead.void"), ask_reason)

    def _cash_voided(self, what: str) -> None:
        self._confirm(t("cash.voided", what=what))
        self._changed()

    # -- reopening -----------------------------------------------------------------

    def action_reopen_day(self) -> None:
        """Reopen the day the screen shows (PIN and reason; a desk user hands over to a lead)."""
        self._when_loaded(self._reopen_day)

    def _reopen_day(self) -> None:
        view = self._view
        if view is None:
            return
        day = self.shown_day or view.business_date
        if self._shown is not None:
            closed = self._shown.closed
            z = self._shown.z
        else:
            closed, z = view.closed, view.z_today
        if not closed:
            self._status(t("day.reopen.not_closed", date=day.isoformat()), error=True)
            return
        from frontdesk.tui.screens.reopen import ReopenScreen

        actor = desk(self).actor
        if actor is None:
            return
        z_no = z.z_no if z is not None else None
        screen = ReopenScreen(day, z_no, partial(dayclose.reopen_as, actor, day), actor)
        self.app.push_screen(screen, self._reopened)

    def _reopened(self, day: dt.date | None) -> None:
        if day is None:
            return
        view = self._view
        earlier = view is not None and day < view.real_today
        self._confirm(
            t("day.reopened_earlier" if earlier else "day.reopened", date=day.isoformat())
        )
        if earlier:
            # The reopened day stays on screen: F10 corrects it, F6 closes it again.
            app = desk(self)
            run_call(self, load_z, app.actor, day, None, done=self._show_reopened)
        else:
            self._shown = None
        desk(self).push_to_city()  # the city learns that the day was reopened
        self._changed()

    def _show_reopened(self, shown: ShownDay) -> None:
        self._shown = shown
        self._show_day(shown.business_date, shown.tally, shown.closed, shown.z)
        self._status(t("day.reopened_earlier", date=shown.business_date.isoformat()))

    # -- correcting an earlier day -------------------------------------------------

    def action_correct_day(self) -> None:
        """Record on the reopened earlier day shown: every tab dates its entries on it."""
        self._when_loaded(self._correct_day)

    def _correct_day(self) -> None:
        actor = desk(self).actor
        view = self._view
        day = self.shown_day
        if view is None or day is None or actor is None:
            return
        if not actor.is_lead:
            self._status(t("day.correct.lead"), error=True)
            return
        if self._shown is None or day >= view.real_today:
            self._status(t("day.correct.not_earlier"), error=True)
            return
        if self._shown.closed:
            self._status(t("day.correct.closed", date=day.isoformat()), error=True)
            return
        self._shown = None
        self.post_message(StartCorrection(day))
        self._confirm(t("day.correct.started", date=day.isoformat()))


def z_key(business_date: dt.date, version: int) -> str:
    """The Z-report list's row key: one row per stored version."""
    return f"{business_date.isoformat()}/{version}"


def parse_z_key(key: str) -> tuple[dt.date, int]:
    day, version = key.split("/")
    return dt.date.fromisoformat(day), int(version)


def local_day_hhmm(at: dt.datetime, timezone: str) -> str:
    """'2026-11-30 17:05' at the centre."""
    from frontdesk import clock

    return clock.local_time(at, timezone).strftime("%Y-%m-%d %H:%M")
