"""``frontdesk export``: daily tallies for a period, and ``--metrics``, their table."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import click

from frontdesk.cli.base import (
    ISO_DATE,
    USER_PATH,
    Step,
    describe,
    not_empty,
    open_db,
    options,
    progress_bar,
)
from frontdesk.errors import FrontdeskError
from frontdesk.services.vocab import EXPORT_FORMATS, EXPORT_LAYOUTS


def _tracked(rows: Iterable[Any], step: Step, total: int) -> Iterator[Any]:
    """Pass rows through, moving a progress bar on."""
    for done, row in enumerate(rows, start=1):
        yield row
        step(done, total)


_METRICS = "frontdesk.export.metrics"


def _note_metrics(ctx: click.Context, _param: Any, value: bool) -> None:
    # Eager: known before --from and --to, which --metrics does without.
    ctx.meta[_METRICS] = bool(value)


class _ExportPeriodOption(click.Option):
    """A required option of an export that ``--metrics`` (which exports nothing) leaves out."""

    def process_value(self, ctx: click.Context, value: Any) -> Any:
        if ctx.meta.get(_METRICS) and (value is None or self.value_is_missing(value)):
            return None
        return super().process_value(ctx, value)


def _print_metrics(ctx: click.Context, output: str | None) -> None:
    """``export --metrics``: the metric table, on stdout or into ``-o FILE``; nothing else."""
    from click.core import ParameterSource

    from frontdesk.services import export as exporter

    given = [
        param.opts[0]
        for param in ctx.command.params
        if param.name not in ("metrics", "output", "help")
        and ctx.get_parameter_source(param.name or "") == ParameterSource.COMMANDLINE
    ]
    if given:
        raise click.UsageError(
            f"--metrics prints the list of metrics; leave out {', '.join(given)}."
        )
    if output is None:
        click.echo(exporter.metric_table_text(), nl=False)
        return
    with exporter.atomic_output(output) as handle:
        handle.write(exporter.metric_table_text())
    click.echo(f"Wrote the metrics to {describe(output)}.", err=True)


@click.command()
@click.option(
    "--from",
    "date_from",
    cls=_ExportPeriodOption,
    type=ISO_DATE,
    required=True,
    help="First business date.",
)
@click.option(
    "--to",
    "date_to",
    cls=_ExportPeriodOption,
    type=ISO_DATE,
    required=True,
    help="Last business date.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="csv",
    show_default=True,
    help="JSON has one shape: no --layout long, no --excel.",
)
@click.option(
    "--layout",
    type=click.Choice(EXPORT_LAYOUTS),
    default="wide",
    show_default=True,
    help="wide: one column per metric; long: date, centre, status, z_no, metric, value.",
)
@click.option("--excel", is_flag=True, help="UTF-8 BOM, ';' separators, decimal commas.")
@click.option(
    "--centre",
    "centre_code",
    metavar="CODE",
    callback=not_empty,
    help="One centre (default: the global --centre and its defaults, else all).",
)
@click.option(
    "--include-open",
    is_flag=True,
    help="Also days not closed (open or empty), from the centre's first activity up to today.",
)
@click.option("-o", "--output", type=USER_PATH, help="File (default: stdout).")
@click.option(
    "--metrics",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_note_metrics,
    help="Print the metrics (wide column, long name, unit, since which version) and exit.",
)
@click.pass_context
def export(
    ctx: click.Context,
    date_from: dt.date,
    date_to: dt.date,
    fmt: str,
    layout: str,
    excel: bool,
    centre_code: str | None,
    include_open: bool,
    output: str | None,
) -> None:
    """Export daily tallies (aggregates only) for a period.

    One row per centre per business day: closed days from their Z-report,
    open and empty days too with --include-open. The format is in
    docs/export-format.md.
    """
    import io

    from frontdesk.services import export as exporter

    if ctx.meta.get(_METRICS):
        _print_metrics(ctx, output)
        return
    exporter.check_period(date_from, date_to)
    try:
        exporter.refuse_combination(fmt, layout, excel)
    except FrontdeskError as exc:
        raise click.UsageError(str(exc)) from None
    open_db(ctx)
    centres = exporter.select_centres(centre_code or options(ctx).centre_code)
    codes = exporter.supply_codes(centres)
    rows = exporter.day_rows(centres, date_from, date_to, include_open)

    def write(out: Any, rows: Any) -> int:
        return exporter.write_export(out, rows, codes, fmt=fmt, layout=layout, excel=excel)

    if output is None:
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding=exporter.encoding(excel), newline="")
        try:
            write(stream, rows)
            stream.flush()
        finally:
            stream.detach()
        return
    with progress_bar("Exporting") as step:
        if step is not None:  # counted only for the bar: a query of its own
            total = exporter.count_rows(centres, date_from, date_to, include_open)
            rows = _tracked(rows, step, total)
        with exporter.atomic_output(output, excel=excel) as handle:
            count = write(handle, rows)
    click.echo(f"Wrote {count} centre-days to {describe(output)}.", err=True)
