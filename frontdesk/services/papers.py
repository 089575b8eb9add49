"""Papers: the X- and Z-report to print (A4 PDF, 80 mm receipt text) and the period report PDF.

A day's paper is composed once (``DayPaper``: plain labelled rows in the
centre's language) and then laid out twice: ``receipt_text`` for an 80 mm
receipt printer (at most ``RECEIPT_WIDTH`` columns on every line) and
``papers_pdf.day_pdf`` for A4. Its figures come from the tally the screen
shows: a stored Z-report's own tally, or today's running tally for an X-report.
A figure that a stored Z-report's tally version predates prints as "–", never 0.

The period report's charts come from ``period_series``, which reads
``export.day_rows`` (open days included), so every bar agrees with
``frontdesk export --include-open`` for the same period.

The PDF library (fpdf2) is imported only by ``papers_pdf``, when a PDF is made.
Files are written through ``outputs`` (never the database's files; owner-only;
complete or not at all).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import JOIN

from frontdesk import clock, db, i18n
from frontdesk.db.models import Centre, DayClose, Staff, SupplyItem
from frontdesk.errors import BadInput
from frontdesk.services import dayclose, days, outputs, store, tally
from frontdesk.services.actor import Actor
from frontdesk.services.centre import CentreInfo
from frontdesk.services.export import DayRow, check_period, day_rows
from frontdesk.services.money import nok_text
from frontdesk.services.overdose import DAY_FIGURES
from frontdesk.services.report import SYRINGES_OUT, day_figure, syringe_codes
from frontdesk.services.settings import get_settings
from frontdesk.services.vocab import GENDERS, LUNCH_GROUPS, PAYMENTS, REFERRAL_KINDS

RECEIPT_WIDTH = 42  # columns of an 80 mm receipt printer at its normal font
MISSING = "–"  # a figure the stored Z-report's tally predates
FORMATS = ("pdf", "txt")
# Reported naloxone reversals: reported uses where the person lived (tally version 2);
# the report draws them beside the kits.
REVERSALS_KEY = "naloxone.reported_alive"


def text(lang: str, key: str, /, **fmt: object) -> str:
    """A paper text in the given language (the centre's, not the process's)."""
    return i18n.text(lang, key, **fmt)


def count_text(n: int, lang: str) -> str:
    """12345 → '12 345' in bokmål, '12,345' in English."""
    return f"{n:,}".replace(",", " ") if lang == "nb" else f"{n:,}"


# -- a day's paper ------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A heading with label/value rows, or with a table (first row the header)."""

    title: str
    rows: tuple[tuple[str, str], ...] = ()
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class DayPaper:
    """Everything a printed X- or Z-report shows, as text in the centre's language."""

    kind: str  # "x" | "z"
    language: str
    centre_code: str
    centre_name: str
    org_line: str  # "Org.nr. 123 456 789", or "" when the setting is empty
    title: str  # "Z-rapport nr 12 · versjon 2" / "X-rapport"
    head: tuple[tuple[str, str], ...]  # business date, closed, printed
    notes: tuple[str, ...]  # reopen reasons; the X-report's "not closed"
    sections: tuple[Section, ...]
    hours: tuple[int, ...]
    hours_title: str
    business_date: dt.date
    z_no: int | None = None
    version: int | None = None
    has_missing: bool = False  # some figure printed as MISSING
    signature: tuple[str, str] = ("", "")
    printed_hhmmss: str = ""  # the local time it was made, for an X-report's file name

    def file_name(self, ext: str = "pdf") -> str:
        """'Z-STR-2026-11-30-nr12-v1.pdf', or 'X-STR-2026-12-01-091230.pdf' (printed at 09:12:30)."""
        day = self.business_date.isoformat()
        if self.kind == "z":
            return f"Z-{self.centre_code}-{day}-nr{self.z_no}-v{self.version}.{ext}"
        return f"X-{self.centre_code}-{day}-{self.printed_hhmmss}.{ext}"


@dataclass(frozen=True)
class _Version:
    version: int
    reopened_at: dt.datetime | None
    reopened_by: str
    reason: str


def z_paper(actor: Actor, business_date: dt.date, version: int | None = None) -> DayPaper:
    """The printed Z-report of a closed day (default its latest version); audited as shown.

    Refuses a day that was never closed and a version the day does not have.
    """
    with store.write():
        z = dayclose.z_report(actor, business_date, version)
        return _compose(actor.centre_id, z.tally, z, _versions(actor.centre_id, business_date))


def x_paper(actor: Actor, business_date: dt.date | None = None) -> DayPaper:
    """The printed X-report (running tally) of a day, default today; audited as shown."""
    with store.write():
        result = dayclose.x_report(actor, business_date)
        return _compose(actor.centre_id, result, None, ())


def _versions(centre_id: int, business_date: dt.date) -> tuple[_Version, ...]:
    """Every stored version of the day with who reopened it, when and why."""
    rows: Any = (
        DayClose.select(
            DayClose.version, DayClose.reopened_at, DayClose.reopen_reason, Staff.initials
        )
        .join(Staff, JOIN.LEFT_OUTER, on=(DayClose.reopened_by == Staff.id))
        .where((DayClose.centre == centre_id) & (DayClose.business_date == business_date))
        .order_by(DayClose.version)
        .tuples()
    )
    return tuple(
        _Version(
            int(version),
            clock.as_utc(at) if at else None,
            initials or "cli",
            reason or "",
        )
        for version, at, reason, initials in rows
    )


def _compose(
    centre_id: int,
    day_tally: tally.DayTally,
    z: dayclose.ZReport | None,
    versions: tuple[_Version, ...],
) -> DayPaper:
    settings = get_settings(centre_id)
    lang, tz = settings.language, settings.timezone
    centre = Centre.get_by_id(centre_id)
    # Names only: the catalogue's stock view (supplies.catalogue) costs more than the paper.
    items = (
        SupplyItem.select(SupplyItem.code, SupplyItem.name_nb, SupplyItem.name_en, SupplyItem.kind)
        .where(SupplyItem.centre == centre_id)
        .order_by(SupplyItem.sort_order, SupplyItem.id)
    )
    names = {i.code: (i.name_nb if lang == "nb" else i.name_en, i.kind) for i in items}
    missing = False

    def local(at: dt.datetime) -> str:
        return clock.local_time(at, tz).strftime("%Y-%m-%d %H:%M")

    def figure(key: str, *, money: bool = False) -> str:
        nonlocal missing
        if not day_tally.knew(key):
            missing = True
            return MISSING
        value = day_tally.get(key)
        return nok_text(value, lang) if money else count_text(value, lang)

    def rows(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        return tuple(pairs)

    title_megafon = settings.magazine_title
    sections = [
        Section(
            text(lang, "paper.section.visits"),
            rows(
                [(text(lang, f"paper.visits.{k}"), figure(f"visits.{k}")) for k in ("total",)]
                + [(text(lang, "paper.visits.unique"), figure("visits.unique"))]
                + [(text(lang, "paper.visits.anonymous"), figure("visits.anonymous"))]
                + [(text(lang, f"paper.visits.{g}"), figure(f"visits.{g}")) for g in GENDERS]
            ),
        ),
        Section(
            text(lang, "paper.section.lunch"),
            rows(
                [(text(lang, f"paper.lunch.{g}"), figure(f"lunch.{g}")) for g in LUNCH_GROUPS]
                + [(text(lang, "paper.lunch.total"), figure("lunch.total"))]
                + [(text(lang, "paper.dagsverket.present"), figure("dagsverket.present"))]
            ),
        ),
        Section(
            text(lang, "paper.section.megafon", title=title_megafon),
            rows(
                [
                    (text(lang, "paper.megafon.copies"), figure("megafon.copies")),
                    (text(lang, "paper.megafon.sales"), figure("megafon.sales")),
                ]
                + [
                    (text(lang, f"paper.megafon.{p}"), figure(f"megafon.{p}_ore", money=True))
                    for p in PAYMENTS
                ]
                + [
                    (
                        text(lang, "paper.megafon.revenue"),
                        figure("megafon.revenue_ore", money=True),
                    )
                ]
            ),
        ),
    ]
    # The cash box besides sales, on one row (tally version 2 on: "–" on an older Z-report).
    cash_box = [
        (
            text(lang, "paper.cash.box"),
            " / ".join(
                figure(f"cash.{name}_ore", money=True) for name in ("float", "pay_in", "pay_out")
            ),
        )
    ]
    if z is not None:
        approval = []
        if z.diff_approved_by:
            approval.append(
                (
                    text(lang, "paper.cash.approved"),
                    f"{z.diff_approved_by}: {z.diff_reason or ''}",
                )
            )
        sections.append(
            Section(
                text(lang, "paper.section.cash"),
                (
                    *cash_box,
                    (text(lang, "paper.cash.expected"), nok_text(z.expected_cash_ore, lang)),
                    (text(lang, "paper.cash.counted"), nok_text(z.counted_cash_ore, lang)),
                    (text(lang, "paper.cash.diff"), nok_text(z.diff_ore, lang)),
                    *approval,
                ),
            )
        )
        revenue = z.revenue_ore or day_tally.get("megafon.revenue_ore")
        sections.append(
            Section(
                text(lang, "paper.section.totals"),
                (
                    (text(lang, "paper.revenue_day"), nok_text(revenue, lang)),
                    (text(lang, "paper.grand_total"), nok_text(z.grand_total_ore, lang)),
                ),
            )
        )
    else:
        sections.append(
            Section(
                text(lang, "paper.section.cash"),
                (
                    *cash_box,
                    (text(lang, "paper.cash.expected"), figure("cash.expected_ore", money=True)),
                    (text(lang, "paper.cash.counted"), text(lang, "paper.cash.not_counted")),
                ),
            )
        )
    sales = z.sales_by_staff if z is not None else day_tally.sales_by_staff
    table: list[tuple[str, ...]] = [
        (
            text(lang, "paper.staff"),
            text(lang, "paper.payment"),
            text(lang, "paper.copies"),
            text(lang, "paper.amount"),
        )
    ]
    table += [
        (
            s.initials,
            text(lang, f"megafon.pay.{s.payment}") if s.payment in PAYMENTS else s.payment,
            count_text(s.copies, lang),
            nok_text(s.amount_ore, lang),
        )
        for s in sales
    ]
    if not sales:
        table.append((text(lang, "paper.no_sales"), "", "", ""))
    by_staff = Section(
        text(lang, "paper.section.by_staff", title=title_megafon), table=tuple(table)
    )
    sections.append(by_staff)
    counts = day_tally.supplies
    order = [c for c in names if c in counts] + sorted(c for c in counts if c not in names)
    handed = [
        (names[code][0] if code in names else code, count_text(counts[code], lang))
        for code in order
        if counts[code] and (code not in names or names[code][1] != "naloxone")
    ]
    if not handed:
        handed = [(text(lang, "paper.supplies.none"), "")]
    sections.append(
        Section(
            text(lang, "paper.section.supplies"),
            rows(
                handed
                + [
                    (text(lang, "paper.naloxone.kits"), figure("naloxone.kits")),
                    (text(lang, "paper.naloxone.trained"), figure("naloxone.trained")),
                    (text(lang, "paper.syringes.returned"), figure("syringes.returned")),
                ]
            ),
        )
    )
    sections.append(
        Section(
            text(lang, "overdose.box"),
            rows(
                [(text(lang, label), figure(key)) for label, key in DAY_FIGURES]
                + [
                    (
                        text(
                            lang, "overdose.day.referral", kind=text(lang, f"overdose.referral.{k}")
                        ),
                        figure(f"referrals.{k}"),
                    )
                    for k in REFERRAL_KINDS
                ]
            ),
        )
    )

    now = clock.local_time(clock.utcnow(), tz)
    printed = now.strftime("%Y-%m-%d %H:%M")
    head = [(text(lang, "paper.business_date"), day_tally.business_date.isoformat())]
    notes: list[str] = []
    if z is not None:
        title = text(lang, "paper.z_title", z_no=z.z_no)
        title += " · " + text(lang, "paper.z_version", version=z.version)
        head.append(
            (
                text(lang, "paper.closed"),
                text(lang, "paper.closed_by", time=local(z.closed_at), by=z.closed_by),
            )
        )
        for earlier in versions:
            if earlier.version < z.version and earlier.reopened_at is not None:
                notes.append(
                    text(
                        lang,
                        "paper.reopened_before",
                        version=earlier.version + 1,
                        time=local(earlier.reopened_at),
                        by=earlier.reopened_by,
                        reason=earlier.reason,
                    )
                )
        if z.reopened_at is not None:
            notes.append(
                text(
                    lang,
                    "paper.reopened_after",
                    time=local(z.reopened_at),
                    by=z.reopened_by or "cli",
                    reason=z.reopen_reason or "",
                )
            )
    else:
        title = text(lang, "paper.x_title")
        notes.append(text(lang, "paper.x_note"))
    head.append((text(lang, "paper.printed"), printed))
    org = settings.org_number.strip()
    return DayPaper(
        kind="z" if z is not None else "x",
        language=lang,
        centre_code=centre.code,
        centre_name=centre.name,
        org_line=text(lang, "paper.org_number", number=org) if org else "",
        title=title,
        head=tuple(head),
        notes=tuple(notes),
        sections=tuple(sections),
        hours=tuple(day_tally.hours),
        hours_title=text(lang, "paper.section.hours"),
        business_date=day_tally.business_date,
        z_no=z.z_no if z is not None else None,
        version=z.version if z is not None else None,
        has_missing=missing,
        signature=(text(lang, "paper.signature"), text(lang, "paper.signature_name")),
        printed_hhmmss=now.strftime("%H%M%S"),
    )


# -- the receipt (80 mm, plain text) ----------------------------------------------------


def _wrap(line: str, width: int) -> list[str]:
    """A line as one or more lines of at most ``width`` columns (long words broken)."""
    if len(line) <= width:
        return [line]
    return textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False) or [""]


def receipt_row(label: str, value: str, width: int = RECEIPT_WIDTH) -> list[str]:
    """``label ... value`` on one line when it fits; else the label wrapped, the value
    right-aligned on its own line(s). No line is wider than ``width``."""
    if len(label) + 1 + len(value) <= width:
        return [label + " " * (width - len(label) - len(value)) + value]
    lines = _wrap(label, width)
    if value:
        lines += [v.rjust(width) for v in _wrap(value, width)]
    return lines


def _table_lines(table: tuple[tuple[str, ...], ...], width: int) -> list[str]:
    """The staff table: initials, payment, copies and amount in columns as wide as their
    contents; when they cannot fit, each row goes on two lines."""
    who_w = max(len(row[0]) for row in table) + 1
    how_w = max(len(row[1]) for row in table) + 1
    copies_w = max(len(row[2]) for row in table) + 1
    amount_w = width - who_w - how_w - copies_w
    out: list[str] = []
    for i, (who, how, copies, amount) in enumerate(table):
        if amount_w > max(len(row[3]) for row in table):
            out.append(f"{who:<{who_w}}{how:<{how_w}}{copies:>{copies_w}}{amount:>{amount_w}}")
        else:
            out += _wrap(f"{who} {how}".strip(), width)
            out += receipt_row(copies, amount, width) if (copies or amount) else []
        if i == 0:
            out.append("-" * width)
    return out


def receipt_text(paper: DayPaper, width: int = RECEIPT_WIDTH) -> str:
    """The paper as plain text for an 80 mm receipt printer: no line wider than ``width``."""
    out: list[str] = []
    out += [line.center(width).rstrip() for line in _wrap(paper.centre_name, width)]
    if paper.org_line:
        out += [line.center(width).rstrip() for line in _wrap(paper.org_line, width)]
    out.append("=" * width)
    out += _wrap(paper.title, width)
    for label, value in paper.head:
        out += receipt_row(label, value, width)
    for note in paper.notes:
        out += _wrap(note, width)
    for section in paper.sections:
        out.append("-" * width)
        out += _wrap(section.title.upper(), width)
        for label, value in section.rows:
            out += receipt_row(label, value, width)
        if section.table:
            out += _table_lines(section.table, width)
    out.append("-" * width)
    out += _wrap(paper.hours_title.upper(), width)
    out += _hour_lines(paper.hours, paper.language, width)
    if paper.has_missing:
        out.append("")
        out += _wrap(text(paper.language, "paper.missing_note"), width)
    out += ["", "", "", "_" * width]
    out += _wrap(paper.signature[0], width)
    out += ["", "", "_" * width]
    out += _wrap(paper.signature[1], width)
    out.append("")
    return "\n".join(out)


def _hour_lines(hours: tuple[int, ...], lang: str, width: int) -> list[str]:
    active = [h for h, n in enumerate(hours) if n]
    if not active:
        return [text(lang, "paper.no_visits")]
    top = max(hours)
    numbers = [count_text(hours[h], lang) for h in range(24)]
    room = width - 3 - 1 - max(len(n) for n in numbers)  # "09 " + bar + " " + number
    lines = []
    for hour in range(min(active), max(active) + 1):
        bar = "#" * (hours[hour] * room // top) if hours[hour] else ""
        lines.append(f"{hour:02d} {bar:<{room}} {numbers[hour]}")
    return lines


# -- the period report: one set of series from the export's rows ----------------------


@dataclass(frozen=True)
class CentreSeries:
    """One centre's figures of a period, as the report's cover and charts draw them."""

    code: str
    name: str
    days: tuple[dt.date, ...]  # every date of the period
    statuses: tuple[str | None, ...]  # closed | open | empty | None (no row: before/after)
    visits: tuple[int, ...]  # per day
    hours: tuple[int, ...]  # 24, summed over the period
    weeks: tuple[dt.date, ...]  # the Monday of each week touching the period
    syringes_out: tuple[int, ...]  # per week: the catalogue's syringe items handed out
    syringes_returned: tuple[int, ...]
    naloxone_kits: tuple[int, ...]
    lunch: tuple[int, ...]
    megafon_copies: tuple[int, ...]
    reversals: tuple[int, ...] | None = None  # per week, once the tally counts them
    totals: dict[str, int | None] = field(default_factory=dict)  # the cover's columns

    @property
    def closed_days(self) -> int:
        return sum(s == "closed" for s in self.statuses)

    @property
    def open_days(self) -> int:
        return sum(s == "open" for s in self.statuses)


# The cover's columns: (key, money); the keys are tally metrics or SYRINGES_OUT.
COVER_COLUMNS: tuple[tuple[str, bool], ...] = tuple(
    (key, tally.is_money(key))
    for key in (
        "visits.total",
        "lunch.total",
        "megafon.copies",
        "megafon.revenue_ore",
        SYRINGES_OUT,
        "syringes.returned",
        "naloxone.kits",
    )
)
WEEKLY = {
    "syringes_out": SYRINGES_OUT,
    "syringes_returned": "syringes.returned",
    "naloxone_kits": "naloxone.kits",
    "lunch": "lunch.total",
    "megafon_copies": "megafon.copies",
}


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def series_from_rows(
    centres: list[CentreInfo],
    date_from: dt.date,
    date_to: dt.date,
    rows: Iterable[DayRow],
    syringes: dict[str, set[str]],
) -> list[CentreSeries]:
    """Every chart's series and the cover's totals, per centre, from export rows."""
    check_period(date_from, date_to)
    dates = [dt.date.fromordinal(o) for o in range(date_from.toordinal(), date_to.toordinal() + 1)]
    index = {d: i for i, d in enumerate(dates)}
    weeks = sorted({monday(d) for d in dates})
    week_index = {w: i for i, w in enumerate(weeks)}
    with_reversals = tally.metric(REVERSALS_KEY) is not None
    state = {c.code: _Acc.empty(len(dates), len(weeks)) for c in centres}
    for row in rows:
        acc = state[row.centre_code]
        i = index[row.business_date]
        w = week_index[monday(row.business_date)]
        acc.statuses[i] = row.status
        acc.visits[i] = row.value("visits.total") or 0
        for hour in range(24):
            acc.hours[hour] += row.value(tally.hour_key(hour)) or 0
        codes = syringes.get(row.centre_code, set())
        for name, key in WEEKLY.items():
            acc.weekly[name][w] += day_figure(row, key, codes) or 0
        if with_reversals:
            acc.reversals[w] += row.value(REVERSALS_KEY) or 0
        acc.rows += 1
        for key, _ in COVER_COLUMNS:
            value = day_figure(row, key, codes)
            if value is None:  # a day whose tally predates the figure adds nothing
                acc.unknown[key] = acc.unknown.get(key, 0) + 1
            else:
                acc.totals[key] += value
    return [
        CentreSeries(
            code=c.code,
            name=c.name,
            days=tuple(dates),
            statuses=tuple(state[c.code].statuses),
            visits=tuple(state[c.code].visits),
            hours=tuple(state[c.code].hours),
            weeks=tuple(weeks),
            syringes_out=tuple(state[c.code].weekly["syringes_out"]),
            syringes_returned=tuple(state[c.code].weekly["syringes_returned"]),
            naloxone_kits=tuple(state[c.code].weekly["naloxone_kits"]),
            lunch=tuple(state[c.code].weekly["lunch"]),
            megafon_copies=tuple(state[c.code].weekly["megafon_copies"]),
            reversals=tuple(state[c.code].reversals) if with_reversals else None,
            totals=state[c.code].known_totals(),
        )
        for c in centres
    ]


@dataclass
class _Acc:
    """One centre's figures while the rows go by."""

    statuses: list[str | None]
    visits: list[int]
    hours: list[int]
    weekly: dict[str, list[int]]
    reversals: list[int]
    totals: dict[str, int]
    rows: int = 0
    unknown: dict[str, int] = field(default_factory=dict)  # days whose tally predates a figure

    def known_totals(self) -> dict[str, int | None]:
        """The totals; None for a figure that no day of the period has (all predate it)."""
        return {
            key: None if self.rows and self.unknown.get(key, 0) == self.rows else value
            for key, value in self.totals.items()
        }

    @classmethod
    def empty(cls, days: int, weeks: int) -> _Acc:
        return cls(
            statuses=[None] * days,
            visits=[0] * days,
            hours=[0] * 24,
            weekly={name: [0] * weeks for name in WEEKLY},
            reversals=[0] * weeks,
            totals={key: 0 for key, _ in COVER_COLUMNS},
        )


def period_series(
    centres: list[CentreInfo], date_from: dt.date, date_to: dt.date
) -> list[CentreSeries]:
    """The report's series for the centres and period: ``export.day_rows`` with open days."""
    check_period(date_from, date_to)
    ordered = sorted(centres, key=lambda c: c.code)
    syringes = {c.code: syringe_codes(c.id) for c in ordered}
    rows = day_rows(ordered, date_from, date_to, include_open=True)
    return series_from_rows(ordered, date_from, date_to, rows, syringes)


def city_totals(series: list[CentreSeries]) -> dict[str, int | None]:
    """The cover's totals summed over every centre (a figure no centre has stays None)."""
    total: dict[str, int | None] = {key: None for key, _ in COVER_COLUMNS}
    for one in series:
        for key, value in one.totals.items():
            if value is not None:
                total[key] = (total[key] or 0) + value
    return total


@dataclass(frozen=True)
class PeriodReport:
    language: str
    magazine_title: str
    date_from: dt.date
    date_to: dt.date
    series: tuple[CentreSeries, ...]
    made_at: str  # local time at the first centre


def period_report(centres: list[CentreInfo], date_from: dt.date, date_to: dt.date) -> PeriodReport:
    """The period report's content, in the first centre's language (not audited: an export)."""
    check_period(date_from, date_to)
    first = sorted(centres, key=lambda c: c.code)[0]
    settings = get_settings(first.id)
    made = clock.local_time(clock.utcnow(), settings.timezone).strftime("%Y-%m-%d %H:%M")
    return PeriodReport(
        language=settings.language,
        magazine_title=settings.magazine_title,
        date_from=date_from,
        date_to=date_to,
        series=tuple(period_series(centres, date_from, date_to)),
        made_at=made,
    )


# -- files ---------------------------------------------------------------------------------


def output_format(output: str | os.PathLike[str], receipt: bool = False) -> str:
    """'pdf' or 'txt' from the file name (``--receipt`` forces text); refuses other names."""
    suffix = Path(output).suffix.lower()
    if receipt:
        if suffix == ".pdf":
            raise BadInput("error.papers.receipt_writes_plain_text")
        return "txt"
    if suffix in (".pdf", ".txt"):
        return suffix[1:]
    raise BadInput("error.papers.name_file_pdf_txt", name=Path(output).name)


def check_pdf_name(output: str | os.PathLike[str], option: str = "--pdf") -> None:
    """A PDF is written to a name ending in .pdf (not '-', not 'report.txt')."""
    if Path(output).suffix.lower() != ".pdf":
        raise BadInput("error.papers.name_file_file_pdf", option=option, name=Path(output).name)


def write_bytes(output: str | os.PathLike[str], data: bytes, *, option: str = "-o") -> Path:
    """Write a finished paper through ``outputs``: never a database file, owner-only, whole."""
    target = outputs.check_output(output, option=option)
    with outputs.staged(target) as part:
        part.write_bytes(data)
    return target


def day_pdf_bytes(paper: DayPaper) -> bytes:
    from frontdesk.services import papers_pdf

    return papers_pdf.day_pdf(paper)


def report_pdf_bytes(report: PeriodReport) -> bytes:
    from frontdesk.services import papers_pdf

    return papers_pdf.report_pdf(report)


def write_day_paper(paper: DayPaper, output: str | os.PathLike[str], fmt: str) -> Path:
    """The paper as an A4 PDF (``fmt`` 'pdf') or receipt text ('txt') in ``output``."""
    if fmt == "pdf":
        return write_bytes(output, day_pdf_bytes(paper))
    return write_bytes(output, receipt_text(paper).encode("utf-8"))


# -- the Day tab's key: the day shown as a PDF in the papers folder -------------------


@dataclass(frozen=True)
class SavedPaper:
    path: Path
    can_print: bool  # a system print command (lp) exists


def papers_folder(centre_id: int) -> Path:
    """The ``papers_dir`` setting, else ``papers/`` beside the SQLite file (for PostgreSQL:
    in the user data folder). A relative setting is taken from that same place."""
    from platformdirs import user_data_path

    setting = get_settings(centre_id).papers_dir.strip()
    if db.is_postgres() or db.database.obj is None:
        base = user_data_path("frontdesk", appauthor=False)
    else:
        base = Path(db.database.obj.database).expanduser().resolve().parent
    if setting:
        folder = Path(setting).expanduser()
        return folder if folder.is_absolute() else base / folder
    return base / "papers"


def save_day_paper(
    actor: Actor, business_date: dt.date | None = None, version: int | None = None
) -> SavedPaper:
    """Write the PDF of a day (a Z-report version when given or when the day is closed,
    else its X-report) into the papers folder; returns where, and whether ``lp`` exists."""
    day = business_date or days.today(actor.centre_id)
    closed = version is not None or days.is_closed(actor.centre_id, day)
    paper = z_paper(actor, day, version) if closed else x_paper(actor, day)
    folder = papers_folder(actor.centre_id)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(
            "error.papers.cannot_make_papers_folder", folder=folder, why=exc.strerror or exc
        ) from None
    path = write_bytes(folder / paper.file_name(), day_pdf_bytes(paper))
    return SavedPaper(path, print_command() is not None)


def print_command() -> str | None:
    """The system print command (CUPS ``lp``), or None where there is none."""
    return shutil.which("lp")


def print_file(path: str | os.PathLike[str]) -> str:
    """Send a written paper to the default printer with ``lp``; returns lp's answer."""
    command = print_command()
    if command is None:
        raise BadInput("error.papers.computer_no_print_command")
    try:
        done = subprocess.run(
            [command, "--", str(path)], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BadInput("error.papers.printing_failed", why=exc) from None
    if done.returncode != 0:
        why = " ".join((done.stderr or done.stdout or "").split())[:160] or "no reason given"
        raise BadInput("error.papers.printing_failed", why=why)
    return " ".join(done.stdout.split())
