"""``frontdesk report``: a period's report on the terminal, or as a PDF."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from frontdesk.cli.base import ISO_DATE, USER_PATH, count_of, not_empty, open_db, options


@click.command()
@click.option("--from", "date_from", type=ISO_DATE, help="First business date.")
@click.option("--to", "date_to", type=ISO_DATE, help="Last business date (default: today).")
@click.option(
    "--centre",
    "centre_codes",
    metavar="CODE",
    multiple=True,
    callback=lambda ctx, param, codes: tuple(not_empty(ctx, param, c) for c in codes),
    help="A centre; repeat for several (default: the global --centre and its defaults, else all).",
)
@click.option(
    "--pdf",
    "pdf_output",
    type=USER_PATH,
    help="Write the report as a PDF with charts: a cover, then a page per centre.",
)
@click.pass_context
def report(
    ctx: click.Context,
    date_from: dt.date | None,
    date_to: dt.date | None,
    centre_codes: tuple[str, ...],
    pdf_output: str | None,
) -> None:
    """Print a report for a period (default: the last 7 business days).

    Totals per day and centre, supplies handed out, stock on hand with low
    items marked, and visits by hour. Plain text when piped. With --pdf, a
    PDF: the totals per centre and for the city, then each centre's charts
    (the same figures as 'frontdesk export --include-open').
    """
    from frontdesk.services import report as reports
    from frontdesk.services.export import check_period

    if date_from and date_to:
        check_period(date_from, date_to)
    if pdf_output is not None:
        from frontdesk.services import outputs, papers

        outputs.check_output(pdf_output, option="--pdf", protected=())  # the database first
        papers.check_pdf_name(pdf_output)
    open_db(ctx)
    centres = _report_centres(centre_codes or (options(ctx).centre_code,))
    date_from, date_to = reports.default_period(centres, date_from, date_to)
    if pdf_output is not None:
        from frontdesk.services import papers

        content = papers.period_report(centres, date_from, date_to)
        path = papers.write_bytes(pdf_output, papers.report_pdf_bytes(content), option="--pdf")
        click.echo(f"Wrote the report for {date_from} to {date_to} to {path}.", err=True)
        return
    _render_report(reports.build_report(centres, date_from, date_to))


def _report_centres(codes: tuple[str | None, ...]) -> list[Any]:
    """The centres named (each once, by code), or every centre when none is named."""
    from frontdesk.services.centre import find_centre
    from frontdesk.services.export import select_centres

    named = [c for c in codes if c]
    if not named:
        return select_centres(None)
    found = {centre.code: centre for centre in (find_centre(code) for code in named)}
    return [found[code] for code in sorted(found)]


def _render_report(rep: Any) -> None:
    """The report with Rich: tables, and the visits-by-hour chart drawn with bars."""
    import os

    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from frontdesk.services import report as reports
    from frontdesk.services.money import nok

    piped = not sys.stdout.isatty()
    # Piped into a file or grep: never wrap a day's row, whatever $COLUMNS says.
    columns = os.environ.get("COLUMNS", "")
    width = max(120, int(columns) if columns.isdigit() else 0) if piped else None

    class ReportConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits with status 1 here; a reader that stopped (| head) is not an error.
            self.quiet = True
            raise BrokenPipeError

    console = ReportConsole(width=width)
    # Names and codes are the centre's text, shown literally: "[red]" is not markup here.
    names = escape(", ".join(f"{c.code} {c.name}" for c in rep.centres))
    console.print(
        f"[bold]frontdesk report[/bold] · {names} · "
        f"{rep.date_from.isoformat()} to {rep.date_to.isoformat()} ({count_of(rep.day_count, 'day')})"
    )
    if rep.open_days:
        several = rep.open_days != 1
        console.print(
            f"{rep.open_days} centre-day{'s' if several else ''} "
            f"{'are' if several else 'is'} open (not yet closed): numbers may still change."
        )

    def num(n: int) -> str:
        return f"{n:,}"

    days = Table(title="Per day", box=box.SIMPLE_HEAD, title_justify="left")
    days.add_column("Date", min_width=10, no_wrap=True)  # never squeezed to "2026-03…"
    for name in ("Centre", "Status"):
        days.add_column(name, no_wrap=True)
    figures = reports.columns()
    for column in figures:
        days.add_column(column.heading, justify="right")

    def cells(line: Any) -> list[str]:
        out = []
        for column in figures:
            value = line.value(column.key)
            if value is None or (line.business_date is None and not column.additive):
                out.append("")  # predated by the day's tally, or a sum that means nothing
            else:
                out.append(nok(value) if column.money else num(value))
        return out

    for line in rep.days:
        days.add_row(
            line.business_date.isoformat(), escape(line.centre_code), line.status, *cells(line)
        )
    days.add_section()
    for code, line in rep.totals.items():
        days.add_row("total", escape(code), "", *cells(line), style="bold")
    if len(rep.totals) > 1:
        days.add_row("total", "all", "", *cells(rep.total), style="bold")
    console.print(days)
    print_cash_box(console, rep)

    codes = [c.code for c in rep.centres]
    supplies = Table(title="Supplies handed out", box=box.SIMPLE_HEAD, title_justify="left")
    supplies.add_column("Item")
    supplies.add_column("Name")
    for code in codes:
        supplies.add_column(escape(code), justify="right")
    if len(codes) > 1:
        supplies.add_column("Total", justify="right")
    for item in rep.supplies:
        row = [escape(item.code), escape(item.name)] + [
            num(item.by_centre.get(c, 0)) for c in codes
        ]
        supplies.add_row(*(row + ([num(item.total)] if len(codes) > 1 else [])))
    if not rep.supplies:
        console.print("Supplies handed out: none in this period.")
    else:
        console.print(supplies)

    from frontdesk.cli.overdose import help_table

    console.print(help_table(rep))

    for code, items in rep.stock.items():
        stock = Table(
            title=f"Stock on hand at {escape(code)} (now)",
            box=box.SIMPLE_HEAD,
            title_justify="left",
        )
        for name, justify in (
            ("Item", "left"),
            ("Name", "left"),
            ("Stock", "right"),
            ("Low at", "right"),
            ("Days of cover", "right"),
            ("", "left"),
        ):
            stock.add_column(name, justify=justify)  # type: ignore[arg-type]
        for item in items:
            cover = "" if item.days_of_cover is None else num(item.days_of_cover)
            stock.add_row(
                escape(item.code),
                escape(item.name),
                num(item.stock),
                num(item.low_stock),
                cover,
                "[bold red]LOW[/bold red]" if item.low else "",
            )
        console.print(stock)

    console.print("[bold]Visits by hour[/bold] (all centres; per day of activity)")
    active = [h for h, n in enumerate(rep.hours) if n]
    if not active:
        console.print("  no visits in this period")
        return
    top = max(rep.hours)
    width = 40
    for hour in range(min(active), max(active) + 1):
        count = rep.hours[hour]
        bar = "█" * (count * width // top) if count else ""
        per_day = count // rep.active_days  # days some centre was open, not empty ones
        console.print(
            f"  {hour:02d}:00 [cyan]{bar:<{width}}[/cyan] {num(count):>8}  ({num(per_day)}/day)",
            highlight=False,
        )


def print_cash_box(console: Any, rep: Any) -> None:
    """The report's cash-up of each closed day: float, pay-ins, pay-outs, expected, counted,
    difference (NOK). A figure a day's Z-report predates is left blank."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    from frontdesk.services.money import nok
    from frontdesk.services.report import CASH_KEYS

    if not rep.cash:
        return
    table = Table(title="Cash box (closed days)", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Date", min_width=10, no_wrap=True)
    table.add_column("Centre", no_wrap=True)
    for heading in ("Float", "Paid in", "Paid out", "Expected", "Counted", "Difference"):
        table.add_column(heading, justify="right")
    for line in rep.cash:
        values = [line.values.get(key) for key in CASH_KEYS]
        table.add_row(
            line.business_date.isoformat(),
            escape(line.centre_code),
            *("" if v is None else nok(v) for v in values),
        )
    console.print(table)
