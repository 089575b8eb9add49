"""The papers as A4 PDF, drawn with fpdf2's own primitives (text, lines, rectangles).

Only ``papers`` imports this module, and only when a PDF is made: the command
line's start and ``--help`` never load fpdf2. The font is DejaVu Sans, shipped
in ``frontdesk/fonts`` and embedded (subset) in every PDF, so æ ø å and the en
dash print on any machine.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from frontdesk.services.papers import (
    COVER_COLUMNS,
    MISSING,
    CentreSeries,
    DayPaper,
    PeriodReport,
    city_totals,
    count_text,
    text,
)
from frontdesk.services.report import SYRINGES_OUT

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"
MARGIN = 15.0
PAGE_W, PAGE_H = 210.0, 297.0
CONTENT_W = PAGE_W - 2 * MARGIN
BOTTOM = PAGE_H - MARGIN - 6  # above the page footer

INK = (30, 30, 30)
GREY = (120, 120, 120)
GRID = (215, 215, 215)
CLOSED = (46, 94, 150)
OPEN = (225, 135, 25)
EMPTY = (185, 185, 185)
RETURNED = (70, 150, 95)
EXTRA = (170, 60, 60)

Colour = tuple[int, int, int]


class _Pdf(FPDF):
    """A4 in millimetres with DejaVu Sans and a page footer ("Side 1 av 2")."""

    def __init__(self, language: str, footer_left: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.language = language
        self.footer_left = footer_left
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        self.set_text_color(*INK)
        self.set_creator("frontdesk")

    def footer(self) -> None:
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*GREY)
        self.set_xy(MARGIN, PAGE_H - MARGIN + 2)
        self.cell(CONTENT_W * 0.8, 4, self.fit(self.footer_left, CONTENT_W * 0.8 - 2))
        page = text(self.language, "paper.page", page=self.page_no(), pages="{nb}")
        self.cell(CONTENT_W * 0.2, 4, page, align="R")
        self.set_text_color(*INK)

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    def fit(self, value: str, width: float) -> str:
        """The text shortened with '…' to fit the width at the current font."""
        if self.get_string_width(value) <= width:
            return value
        while value and self.get_string_width(value + "…") > width:
            value = value[:-1]
        return value + "…"

    def output_bytes(self) -> bytes:
        return bytes(self.output())


# -- charts --------------------------------------------------------------------------


def axis_top(peak: int) -> int:
    """The y axis's top: four equal whole-number steps (1, 1.5, 2, 2.5, 3, 5 or 7.5 × a
    power of ten) reaching at least ``peak``, so every grid line has a whole label."""
    if peak <= 0:
        return 4
    power = 1
    while True:
        for step in (1, 1.5, 2, 2.5, 3, 5, 7.5):
            size = step * power
            if size == int(size) and 4 * size >= peak:
                return int(4 * size)
        power *= 10


def bar_chart(
    pdf: _Pdf,
    x: float,
    y: float,
    w: float,
    h: float,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[Sequence[int], Colour]],
    *,
    legend: Sequence[tuple[str, Colour]] = (),
    bar_colours: Sequence[Colour | None] | None = None,
    nothing: str = "",
) -> None:
    """Grouped bars with a title, a legend, a y axis with grid lines and spaced x labels.

    ``bar_colours`` colours each group of a one-series chart (None: no bar, a grey mark).
    """
    pdf.font(9.5, bold=True)
    pdf.set_xy(x, y)
    pdf.cell(w, 5, pdf.fit(title, w))
    # the legend on its own line under the title
    pdf.font(7)
    lx = x
    for name, colour in legend:
        pdf.set_fill_color(*colour)
        pdf.rect(lx, y + 5.8, 2.5, 2.5, style="F")
        width = pdf.get_string_width(name)
        pdf.set_xy(lx + 3.3, y + 5)
        pdf.cell(width, 4, name)
        lx += 3.3 + width + 4
    groups = len(labels)
    left, right = x + 11, x + w
    top, bottom = y + (12 if legend else 8), y + h - 5
    plot_w, plot_h = right - left, bottom - top
    peak = max((max(values, default=0) for values, _ in series), default=0)
    axis = axis_top(peak)
    pdf.set_line_width(0.15)
    pdf.font(6.5)
    for k in range(5):
        level = axis * k / 4
        yy = bottom - plot_h * k / 4
        pdf.set_draw_color(*(GREY if k == 0 else GRID))
        pdf.line(left, yy, right, yy)
        label = count_text(int(level), pdf.language) if level == int(level) else f"{level:g}"
        pdf.set_xy(x, yy - 1.5)
        pdf.cell(10, 3, label, align="R")
    if groups == 0:
        return
    group_w = plot_w / groups
    inner = group_w * (0.8 if group_w > 1.2 else 1.0)
    bar_w = inner / max(len(series), 1)
    pdf.font(6)
    widest_value = max(
        (pdf.get_string_width(count_text(v, pdf.language)) for vs, _ in series for v in vs),
        default=0,
    )
    show_values = groups * len(series) <= 40 and widest_value <= bar_w + 0.5
    for g in range(groups):
        gx = left + g * group_w + (group_w - inner) / 2
        for s, (values, colour) in enumerate(series):
            value = values[g]
            chosen = colour
            if bar_colours is not None:
                picked = bar_colours[g]
                if picked is None:
                    continue
                chosen = picked
            bx = gx + s * bar_w
            if value <= 0:
                if bar_colours is not None:  # a day without activity: a grey mark
                    pdf.set_fill_color(*EMPTY)
                    pdf.rect(bx, bottom - 0.6, max(bar_w, 0.3), 0.6, style="F")
                continue
            bh = plot_h * value / axis
            pdf.set_fill_color(*chosen)
            pdf.rect(bx, bottom - bh, max(bar_w - 0.15, 0.25), bh, style="F")
            if show_values:
                pdf.font(6)
                pdf.set_xy(bx - 2, bottom - bh - 3.2)
                pdf.cell(bar_w + 4, 3, count_text(value, pdf.language), align="C")
    if peak == 0 and nothing:
        pdf.font(8)
        pdf.set_text_color(*GREY)
        pdf.set_xy(left, top + plot_h / 2 - 2)
        pdf.cell(plot_w, 4, nothing, align="C")
        pdf.set_text_color(*INK)
    # x labels, spaced so they never overlap
    pdf.font(6.3)
    widest = max(pdf.get_string_width(label) for label in labels) + 1.5
    step = max(1, math.ceil(widest / group_w))
    for g in range(0, groups, step):
        if not labels[g]:
            continue
        cx = left + g * group_w + group_w / 2
        pdf.set_xy(cx - widest / 2, bottom + 0.8)
        pdf.cell(widest, 3, labels[g], align="C")


# -- the day's paper ---------------------------------------------------------------------

ROW_H = 4.3
HEAD_H = 7.0
COL_W = (CONTENT_W - 8) / 2


def _block_height(rows: int, table: bool) -> float:
    return HEAD_H + rows * ROW_H + (1.0 if table else 0) + 3


def _draw_rows(pdf: _Pdf, x: float, y: float, rows: Sequence[tuple[str, str]]) -> float:
    pdf.font(9)
    for label, value in rows:
        value_w = pdf.get_string_width(value) + 1
        pdf.set_xy(x, y)
        pdf.cell(COL_W - value_w, ROW_H, pdf.fit(label, COL_W - value_w - 2))
        pdf.cell(value_w, ROW_H, value, align="R")
        y += ROW_H
    return y


def _draw_table(pdf: _Pdf, x: float, y: float, table: Sequence[tuple[str, ...]]) -> float:
    widths = (14.0, 24.0, 16.0, COL_W - 54.0)
    aligns = ("L", "L", "R", "R")
    for i, row in enumerate(table):
        pdf.font(8.5, bold=i == 0)
        pdf.set_xy(x, y)
        if i and not any(row[1:]):  # a line of its own, e.g. "no sales": the whole width
            pdf.cell(COL_W, ROW_H, pdf.fit(row[0], COL_W - 1))
        else:
            for cell, width, align in zip(row, widths, aligns, strict=True):
                pdf.cell(width, ROW_H, pdf.fit(cell, width - 1), align=align)
        y += ROW_H
        if i == 0:
            pdf.set_draw_color(*GREY)
            pdf.line(x, y, x + COL_W, y)
            y += 1.0
    return y


def _draw_heading(pdf: _Pdf, x: float, y: float, title: str, width: float) -> float:
    pdf.font(10.5, bold=True)
    pdf.set_xy(x, y)
    pdf.cell(width, 5.5, pdf.fit(title, width))
    pdf.set_draw_color(*CLOSED)
    pdf.set_line_width(0.3)
    pdf.line(x, y + 6, x + width, y + 6)
    pdf.set_line_width(0.15)
    return y + HEAD_H


def day_pdf(paper: DayPaper) -> bytes:
    """The X- or Z-report on A4: heading, two columns of figures, visits by hour, signature."""
    lang = paper.language
    pdf = _Pdf(lang, f"{paper.centre_name} · {paper.title} · {paper.business_date.isoformat()}")
    pdf.set_title(f"{paper.title} {paper.centre_code} {paper.business_date.isoformat()}")
    pdf.add_page()
    y = MARGIN
    pdf.font(16, bold=True)
    pdf.set_xy(MARGIN, y)
    pdf.multi_cell(CONTENT_W, 7, paper.centre_name, new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y()
    if paper.org_line:
        pdf.font(9)
        pdf.set_xy(MARGIN, y)
        pdf.cell(CONTENT_W, 4.5, paper.org_line)
        y += 5
    y += 2
    pdf.font(14, bold=True)
    pdf.set_xy(MARGIN, y)
    pdf.cell(CONTENT_W, 7, paper.title)
    y += 8
    pdf.font(9.5)
    for label, value in paper.head:
        pdf.set_xy(MARGIN, y)
        pdf.cell(32, 5, label)
        pdf.font(9.5, bold=True)
        pdf.cell(CONTENT_W - 32, 5, value)
        pdf.font(9.5)
        y += 5
    pdf.font(9)
    for note in paper.notes:
        pdf.set_xy(MARGIN, y)
        pdf.multi_cell(CONTENT_W, 4.5, note, new_x="LMARGIN", new_y="NEXT")
        y = pdf.get_y()
    y += 3
    pdf.set_draw_color(*GREY)
    pdf.line(MARGIN, y, MARGIN + CONTENT_W, y)
    y += 3

    # Two columns: visits, lunch, Megafon, cash and sales left; the staff table and supplies right.
    top = y
    split = next((i for i, s in enumerate(paper.sections) if s.table), len(paper.sections))
    columns: list[list[Any]] = [list(paper.sections[:split]), list(paper.sections[split:])]
    ends = [top, top]
    for c, sections in enumerate(columns):
        x = MARGIN + c * (COL_W + 8)
        y = top
        for section in sections:
            lines = list(section.table) if section.table else list(section.rows)
            while lines:
                room = int((BOTTOM - y - HEAD_H - 3) // ROW_H)
                if room < 2:
                    pdf.add_page()
                    y, top = MARGIN, MARGIN
                    ends = [MARGIN, MARGIN]
                    continue
                chunk, lines = lines[:room], lines[room:]
                y = _draw_heading(pdf, x, y, section.title, COL_W)
                if section.table:
                    y = _draw_table(pdf, x, y, chunk)
                    if lines:
                        lines.insert(0, section.table[0])  # the header again on the next page
                else:
                    y = _draw_rows(pdf, x, y, chunk)
                y += 3
        ends[c] = y
    y = max(ends) + 2

    chart_h = 36.0
    signature_h = 22.0
    if y + chart_h + signature_h > BOTTOM:
        pdf.add_page()
        y = MARGIN
    labels = [f"{h:02d}" for h in range(24)]
    bar_chart(
        pdf, MARGIN, y, CONTENT_W, chart_h, paper.hours_title, labels, [(paper.hours, CLOSED)],
        nothing=text(lang, "paper.no_visits"),
    )  # fmt: skip
    y += chart_h + 4
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.25)
    for i, label in enumerate(paper.signature):
        x = MARGIN + i * (COL_W + 8)
        pdf.line(x, y + 10, x + COL_W, y + 10)
        pdf.font(8.5)
        pdf.set_xy(x, y + 11)
        pdf.cell(COL_W, 4, label)
    if paper.has_missing:
        pdf.font(8)
        pdf.set_xy(MARGIN, y + 18)
        pdf.cell(CONTENT_W, 4, text(lang, "paper.missing_note"))
    return pdf.output_bytes()


# -- the period report ----------------------------------------------------------------------


def _cell_value(value: int | None, money: bool, lang: str) -> str:
    if value is None:
        return MISSING
    if money:
        return count_text(value // 100, lang)  # whole kroner on the cover (øre in the export)
    return count_text(value, lang)


def _headings(lang: str, title: str) -> list[str]:
    names = {
        "visits.total": text(lang, "paper.col.visits"),
        "lunch.total": text(lang, "paper.col.lunch"),
        "megafon.copies": text(lang, "paper.col.megafon_copies", title=title),
        "megafon.revenue_ore": text(lang, "paper.col.megafon_revenue", title=title),
        SYRINGES_OUT: text(lang, "paper.col.syringes_out"),
        "syringes.returned": text(lang, "paper.col.syringes_returned"),
        "naloxone.kits": text(lang, "paper.col.naloxone_kits"),
    }
    return [names[key] for key, _ in COVER_COLUMNS]


def _week_label(monday: dt.date, lang: str) -> str:
    return text(lang, "paper.week", week=monday.isocalendar()[1])


def _cover(pdf: _Pdf, report: PeriodReport) -> None:
    lang = report.language
    pdf.add_page()
    pdf.font(20, bold=True)
    pdf.set_xy(MARGIN, MARGIN + 5)
    pdf.cell(CONTENT_W, 10, text(lang, "paper.report.title"))
    pdf.font(12)
    pdf.set_xy(MARGIN, MARGIN + 17)
    days = (report.date_to - report.date_from).days + 1
    period = text(
        lang,
        "paper.report.period",
        start=report.date_from.isoformat(),
        end=report.date_to.isoformat(),
        days=days,
    )
    pdf.cell(CONTENT_W, 6, period)
    pdf.font(9)
    pdf.set_xy(MARGIN, MARGIN + 25)
    names = ", ".join(f"{s.code} {s.name}" for s in report.series)
    pdf.multi_cell(CONTENT_W, 4.5, names, new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(MARGIN, pdf.get_y() + 1)
    pdf.cell(CONTENT_W, 4.5, text(lang, "paper.report.created", time=report.made_at))
    pdf.set_xy(MARGIN, pdf.get_y() + 10)

    headings = [
        text(lang, "paper.report.centre"),
        text(lang, "paper.report.days"),
        *_headings(lang, report.magazine_title),
    ]
    widths = (38, 20, *([(CONTENT_W - 58) / len(COVER_COLUMNS)] * len(COVER_COLUMNS)))
    rows: list[tuple[list[str], bool]] = []
    for one in report.series:
        cells = [f"{one.code} {one.name}", f"{one.closed_days} / {one.open_days}"]
        cells += [_cell_value(one.totals[key], money, lang) for key, money in COVER_COLUMNS]
        rows.append((cells, False))
    if len(report.series) > 1:
        total = city_totals(list(report.series))
        closed = sum(s.closed_days for s in report.series)
        opened = sum(s.open_days for s in report.series)
        cells = [text(lang, "paper.report.city"), f"{closed} / {opened}"]
        cells += [_cell_value(total[key], money, lang) for key, money in COVER_COLUMNS]
        rows.append((cells, True))
    pdf.font(8)
    pdf.set_auto_page_break(True, margin=PAGE_H - BOTTOM)  # a city of many centres: more pages
    with pdf.table(
        col_widths=widths,
        text_align=("LEFT", "RIGHT", *(["RIGHT"] * len(COVER_COLUMNS))),
        line_height=4.6,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 245)),
        borders_layout="HORIZONTAL_LINES",
        width=CONTENT_W,
    ) as table:
        head = table.row()
        for name in headings:
            head.cell(name)
        for cells, bold in rows:
            row = table.row(style=FontFace(emphasis="BOLD") if bold else None)
            for cell in cells:
                row.cell(cell)
    pdf.set_auto_page_break(False)
    pdf.font(8.5)
    y = pdf.get_y() + 5
    if y > BOTTOM - 15:
        pdf.add_page()
        y = MARGIN
    open_days = sum(s.open_days for s in report.series)
    notes = [text(lang, "paper.report.same_as_export")]
    if open_days:
        notes.insert(0, text(lang, "paper.report.open_note", count=open_days))
    for note in notes:
        pdf.set_xy(MARGIN, y)
        pdf.multi_cell(CONTENT_W, 4.5, note, new_x="LMARGIN", new_y="NEXT")
        y = pdf.get_y() + 1


def _centre_page(pdf: _Pdf, report: PeriodReport, one: CentreSeries) -> None:
    lang = report.language
    pdf.add_page()
    pdf.font(14, bold=True)
    pdf.set_xy(MARGIN, MARGIN)
    pdf.cell(CONTENT_W * 0.6, 7, pdf.fit(f"{one.code} {one.name}", CONTENT_W * 0.6))
    pdf.font(9)
    period = text(
        lang,
        "paper.report.period",
        start=report.date_from.isoformat(),
        end=report.date_to.isoformat(),
        days=len(one.days),
    )
    pdf.cell(CONTENT_W * 0.4, 7, period, align="R")
    nothing = text(lang, "paper.nothing")
    colours: list[Colour | None] = []
    for status in one.statuses:
        colours.append({"closed": CLOSED, "open": OPEN, "empty": CLOSED}.get(status or ""))
    day_labels = [d.strftime("%d.%m") for d in one.days]
    y = MARGIN + 11
    bar_chart(
        pdf, MARGIN, y, CONTENT_W, 58, text(lang, "paper.chart.visits_per_day"), day_labels,
        [(one.visits, CLOSED)],
        legend=[
            (text(lang, "paper.legend.closed"), CLOSED),
            (text(lang, "paper.legend.open"), OPEN),
            (text(lang, "paper.legend.empty"), EMPTY),
        ],
        bar_colours=colours, nothing=nothing,
    )  # fmt: skip
    half = (CONTENT_W - 8) / 2
    right = MARGIN + half + 8
    weeks = [_week_label(w, lang) for w in one.weeks]
    y += 64
    bar_chart(
        pdf, MARGIN, y, half, 56, text(lang, "paper.chart.visits_by_hour"),
        [f"{h:02d}" for h in range(24)], [(one.hours, CLOSED)], nothing=nothing,
    )  # fmt: skip
    bar_chart(
        pdf, right, y, half, 56, text(lang, "paper.chart.syringes"), weeks,
        [(one.syringes_out, CLOSED), (one.syringes_returned, RETURNED)],
        legend=[
            (text(lang, "paper.legend.given"), CLOSED),
            (text(lang, "paper.legend.returned"), RETURNED),
        ],
        nothing=nothing,
    )  # fmt: skip
    y += 62
    naloxone: list[tuple[Sequence[int], Colour]] = [(one.naloxone_kits, CLOSED)]
    naloxone_legend = [(text(lang, "paper.legend.kits"), CLOSED)]
    if one.reversals is not None:  # once the tally counts reported reversals
        naloxone.append((one.reversals, EXTRA))
        naloxone_legend.append((text(lang, "paper.chart.reversals"), EXTRA))
    bar_chart(
        pdf, MARGIN, y, half, 56, text(lang, "paper.chart.naloxone"), weeks, naloxone,
        legend=naloxone_legend if one.reversals is not None else (), nothing=nothing,
    )  # fmt: skip
    bar_chart(
        pdf, right, y, half, 56, text(lang, "paper.chart.lunch"), weeks,
        [(one.lunch, CLOSED)], nothing=nothing,
    )  # fmt: skip
    y += 62
    title = report.magazine_title
    bar_chart(
        pdf, MARGIN, y, half, 56, text(lang, "paper.chart.megafon", title=title), weeks,
        [(one.megafon_copies, CLOSED)], nothing=nothing,
    )  # fmt: skip
    # the centre's totals beside the last chart
    pdf.font(9.5, bold=True)
    pdf.set_xy(right, y)
    pdf.cell(half, 5, pdf.fit(f"{one.code} {one.name}", half))
    pdf.font(9)
    pdf.set_xy(right, y + 6)
    pdf.cell(half - 30, 4.8, text(lang, "paper.report.days"))
    pdf.cell(30, 4.8, f"{one.closed_days} / {one.open_days}", align="R")
    yy = y + 10.8
    for (key, money), heading in zip(COVER_COLUMNS, _headings(lang, title), strict=True):
        pdf.font(9)
        pdf.set_xy(right, yy)
        pdf.cell(half - 30, 4.8, heading)
        pdf.cell(30, 4.8, _cell_value(one.totals[key], money, lang), align="R")
        yy += 4.8


def report_pdf(report: PeriodReport) -> bytes:
    """A cover with the totals per centre and for the city, then one page of charts per centre."""
    lang = report.language
    footer = (
        f"frontdesk · {text(lang, 'paper.report.title')} "
        f"{report.date_from.isoformat()} – {report.date_to.isoformat()}"
    )
    pdf = _Pdf(lang, footer)
    pdf.set_title(f"{text(lang, 'paper.report.title')} {report.date_from} – {report.date_to}")
    _cover(pdf, report)
    for one in report.series:
        _centre_page(pdf, report, one)
    return pdf.output_bytes()
