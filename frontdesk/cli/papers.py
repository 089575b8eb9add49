"""``frontdesk print``: printable X- and Z-reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from frontdesk.cli.base import ISO_DATE, USER_PATH, centre_actor, not_empty, open_db


@click.group("print")
def print_group() -> None:
    """Printable X- and Z-reports: an A4 PDF, or plain text for an 80 mm receipt printer."""


_PAPER_OUTPUT = click.option(
    "-o",
    "--output",
    type=USER_PATH,
    callback=not_empty,
    help="FILE.pdf for A4, FILE.txt for a receipt (default with --receipt: stdout).",
)
_PAPER_RECEIPT = click.option(
    "--receipt", is_flag=True, help="Plain text, 42 columns, for an 80 mm receipt printer."
)
_PAPER_CENTRE = click.option(
    "--centre",
    "centre_code",
    metavar="CODE",
    callback=not_empty,
    help="The centre (default: the only or first).",
)


def _paper_target(output: str | None, receipt: bool) -> str | None:
    """The output's format, checked before anything is read or audited."""
    from frontdesk.services import outputs, papers

    if output is None:
        if not receipt:
            raise click.UsageError(
                "Name the file with -o (FILE.pdf for A4, FILE.txt for a receipt), "
                "or pass --receipt to print the receipt text here."
            )
        return None
    fmt = papers.output_format(output, receipt)
    outputs.check_output(output, protected=())
    return fmt


def _write_paper(paper: Any, output: str | None, fmt: str | None) -> None:
    from frontdesk.services import papers

    if output is None or fmt is None:
        click.echo(papers.receipt_text(paper), nl=False)
        return
    path = papers.write_day_paper(paper, output, fmt)
    click.echo(f"Wrote {paper.title} for {paper.business_date} to {path}.", err=True)


@print_group.command("z")
@click.option("--date", "business_date", type=ISO_DATE, required=True, help="The closed day.")
@click.option("--version", type=click.IntRange(min=1), help="A stored version (default: latest).")
@_PAPER_CENTRE
@_PAPER_OUTPUT
@_PAPER_RECEIPT
@click.pass_context
def print_z(
    ctx: click.Context,
    business_date: dt.date,
    version: int | None,
    centre_code: str | None,
    output: str | None,
    receipt: bool,
) -> None:
    """The Z-report of a closed day, with a signature line for the shift lead."""
    from frontdesk.services import papers

    fmt = _paper_target(output, receipt)
    open_db(ctx)
    paper = papers.z_paper(centre_actor(ctx, centre_code), business_date, version)
    _write_paper(paper, output, fmt)


@print_group.command("x")
@_PAPER_CENTRE
@_PAPER_OUTPUT
@_PAPER_RECEIPT
@click.pass_context
def print_x(ctx: click.Context, centre_code: str | None, output: str | None, receipt: bool) -> None:
    """The X-report: today's running tally (the day stays open)."""
    from frontdesk.services import papers

    fmt = _paper_target(output, receipt)
    open_db(ctx)
    paper = papers.x_paper(centre_actor(ctx, centre_code))
    _write_paper(paper, output, fmt)
