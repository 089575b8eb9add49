"""The command line: ``frontdesk`` opens the desk app; sub-commands are for admins.

Every error is one sentence on stderr (``Error: …``), optionally followed by
one hint line, and a non-zero exit status; never a traceback for a user
mistake. That happens in one place: ``FrontdeskGroup.main``.

Imports of the services and the desk app are made inside the commands, so
``frontdesk --help`` and ``frontdesk export`` never load Textual; only the
vocabulary (``services/vocab.py``, no imports) is read at start-up for the
``click.Choice`` options.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from dataclasses import dataclass
from typing import Any, NoReturn

import click

from frontdesk import __version__
from frontdesk.errors import FrontdeskError, OutputClosed
from frontdesk.services.vocab import EXPORT_FORMATS, EXPORT_LAYOUTS, ITEM_KINDS, ROLES

EXIT_USER_ERROR = 1
EXIT_USAGE = 2


class _PipeClosed(Exception):
    """The reader of standard output went away (``frontdesk report | head -1``)."""


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process was started with it closed (``>&-``)."""

    def _refuse(self) -> NoReturn:
        raise OutputClosed("Standard output is closed, so the output could not be written.")

    def write(self, text: str) -> int:
        self._refuse()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self) -> Any:
        self._refuse()


class FrontdeskGroup(click.Group):
    """A click group whose errors are one sentence and never a traceback."""

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> NoReturn:
        extra.pop("standalone_mode", None)
        prog_name = "frontdesk"  # also under click's CliRunner, so hints name the real command
        if sys.stdout is None:  # started with stdout closed: say so when something is written
            sys.stdout = _ClosedOutput()
        if sys.stdin is None:  # started with stdin closed: it reads as empty (no PIN, no "yes")
            sys.stdin = io.StringIO()
        try:
            rv = super().main(args=args, prog_name=prog_name, standalone_mode=False, **extra)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else prog_name
            _fail(exc.format_message(), EXIT_USAGE, hint=f"Try '{command} --help'.")
        except click.Abort:
            _fail("Stopped; nothing was changed.", EXIT_USER_ERROR)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except FrontdeskError as exc:
            _fail(str(exc), EXIT_USER_ERROR, hint=exc.hint)
        except KeyboardInterrupt:
            _fail("Interrupted; nothing half-written was kept.", 130)
        except (_PipeClosed, BrokenPipeError):
            _quiet_exit()
        except Exception as exc:
            # The database or the disk failed (damaged file, full disk, read-only, …).
            from frontdesk.services.store import explain

            sentence = explain(exc)
            if sentence is None:
                raise
            _fail(str(sentence), EXIT_USER_ERROR, hint=sentence.hint)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        # click turns a broken pipe into exit status 1 before main sees it; a reader that
        # stopped reading (``| head``) is not an error.
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise _PipeClosed() from exc


def _quiet_exit() -> NoReturn:
    """Exit 0 after a closed pipe, without Python's complaint when it flushes stdout."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # no real file descriptor (a test runner's stdout)
    sys.exit(0)


def _fail(message: str, code: int, hint: str | None = None) -> NoReturn:
    from frontdesk.services.validate import shown

    # One line, whatever click or a service wrote, and no control characters from the input.
    message = shown(" ".join(message.split()), max_len=1000)
    click.echo(f"Error: {message}", err=True)
    if hint:
        click.echo(shown(hint, max_len=1000), err=True)
    sys.exit(code)


def _not_empty(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """An option given as '' is a mistake, not a request for the default."""
    if isinstance(value, str) and not value.strip():
        raise click.BadParameter("is empty; leave the option out to use the default.", ctx, param)
    return value


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"'{value}' is not a date; write it as YYYY-MM-DD.", param, ctx)


ISO_DATE = IsoDate()


class UserPath(click.ParamType):
    """A file name a user typed: not empty, within the system's limits, ``~`` expanded.

    With ``url_ok`` a postgresql:// URL passes as it is (``--db``).
    """

    name = "FILE"

    def __init__(self, *, url_ok: bool = False) -> None:
        self.url_ok = url_ok

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from frontdesk.config import has_url_scheme
        from frontdesk.services.validate import path, shown

        if self.url_ok and has_url_scheme(str(value)):
            return str(value)  # as typed: opening it refuses every kind but postgresql://
        try:
            chosen = path(value, "database path" if self.url_ok else "file name")
        except FrontdeskError as exc:
            self.fail(str(exc), param, ctx)
        if not self.url_ok and chosen.is_dir():
            self.fail(f"File {shown(str(chosen))!r} is a directory.", param, ctx)  # click's words
        return str(chosen)


USER_PATH = UserPath()
DB_TARGET = UserPath(url_ok=True)


@dataclass
class Options:
    db: str | None
    centre: str | None
    desk: Any  # frontdesk.config.DeskConfig: the desk config file, read once per command

    @property
    def target(self) -> str:
        from frontdesk.config import resolve_db

        return resolve_db(self.db, self.desk.database)

    @property
    def centre_code(self) -> str | None:
        from frontdesk.config import resolve_centre

        return resolve_centre(self.centre, self.desk.centre)


def open_db(ctx: click.Context, *, create: bool = False, upgrade: bool = False) -> Any:
    from frontdesk.services.store import open_store

    return open_store(ctx.find_object(Options).target, create=create, upgrade=upgrade)


def centre_actor(ctx: click.Context) -> Any:
    """The command line's actor at the chosen (or only) centre."""
    from frontdesk.services.actor import Actor
    from frontdesk.services.centre import find_centre

    centre = find_centre(ctx.find_object(Options).centre_code)
    return Actor.cli(centre.id)


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def read_pin(pin_stdin: bool, prompt: str = "PIN") -> str:
    """One line from stdin with --pin-stdin, else a hidden prompt asked twice.

    At the prompt a PIN of the wrong form is refused at once and asked again,
    before the confirmation.
    """
    from frontdesk.services.staff import check_pin_format

    if pin_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise click.UsageError("--pin-stdin was given but standard input had no PIN.")
        return check_pin_format(line.strip())

    def checked(value: str) -> str:
        try:
            return check_pin_format(value)
        except FrontdeskError as exc:
            raise click.UsageError(str(exc)) from None

    if not _stdin_is_terminal():
        raise click.UsageError("No PIN given: type it at the prompt, or pass --pin-stdin.")
    return click.prompt(prompt, hide_input=True, confirmation_prompt=True, value_proc=checked)


@click.group(cls=FrontdeskGroup, invoke_without_command=True)
@click.option(
    "--db",
    "db_target",
    metavar="PATH_OR_URL",
    type=DB_TARGET,
    callback=_not_empty,
    help=(
        "SQLite file or postgresql:// URL (default: $FRONTDESK_DB, else frontdesk.toml's"
        " database, else the user data folder)."
    ),
)
@click.option(
    "--centre",
    "centre",
    metavar="CODE",
    callback=_not_empty,
    help=(
        "Centre code, when the database holds several (default: $FRONTDESK_CENTRE,"
        " else frontdesk.toml's centre, else the first)."
    ),
)
@click.version_option(__version__, prog_name="frontdesk")
@click.pass_context
def cli(ctx: click.Context, db_target: str | None, centre: str | None) -> None:
    """frontdesk: the front desk of a low-threshold day centre.

    Without a command, opens the desk app.
    """
    from frontdesk.config import read_desk_config

    # Read (and refused when broken) whatever the command: a typo there must not
    # quietly send the desk to the default database.
    ctx.obj = Options(db=db_target, centre=centre, desk=read_desk_config())
    if ctx.invoked_subcommand != "demo":  # demo may name its own database
        from frontdesk.config import skip_unused_driver

        skip_unused_driver(ctx.obj.target)
    if ctx.invoked_subcommand is None:
        from frontdesk.tui.app import run_desk

        run_desk(ctx.obj.target, ctx.obj.centre_code, ctx.obj.desk)


# -- init and staff ---------------------------------------------------------


@cli.command()
@click.option("--centre-code", required=True, metavar="C", help="Short code, e.g. STR.")
@click.option("--centre-name", required=True, metavar="N", help="Name, e.g. Strax-huset.")
@click.option(
    "--lead", "lead_initials", required=True, metavar="INITIALS", help="First shift lead."
)
@click.option("--pin-stdin", is_flag=True, help="Read the lead's PIN as one line from stdin.")
@click.pass_context
def init(
    ctx: click.Context, centre_code: str, centre_name: str, lead_initials: str, pin_stdin: bool
) -> None:
    """Create the database (if needed) and a centre with its first shift lead."""
    from frontdesk.services.centre import init_database
    from frontdesk.services.staff import check_pin_format, normalise_initials

    normalise_initials(lead_initials)  # refuse bad initials before asking for a PIN
    pin = check_pin_format(read_pin(pin_stdin, prompt=f"PIN for {lead_initials.upper()}"))
    target = ctx.find_object(Options).target
    centre, lead = init_database(target, centre_code, centre_name, lead_initials, pin)
    click.echo(f"Created centre {centre.code} ({centre.name}) with shift lead {lead.initials}.")


@cli.group()
def staff() -> None:
    """Manage staff: add, list, disable, reset-pin."""


@staff.command("add")
@click.argument("initials")
@click.option("--role", type=click.Choice(ROLES), default="desk", show_default=True)
@click.option("--pin-stdin", is_flag=True, help="Read the new member's PIN as one line from stdin.")
@click.pass_context
def staff_add(ctx: click.Context, initials: str, role: str, pin_stdin: bool) -> None:
    """Add a staff member with a personal PIN (4–8 digits)."""
    from frontdesk.services.staff import add_staff, check_pin_format, normalise_initials

    normalise_initials(initials)
    open_db(ctx)
    actor = centre_actor(ctx)
    pin = check_pin_format(read_pin(pin_stdin, prompt=f"PIN for {initials.upper()}"))
    member = add_staff(actor, initials, pin, role)
    click.echo(f"Added {member.initials} ({member.role}).")


@staff.command("reset-pin")
@click.argument("initials")
@click.option("--pin-stdin", is_flag=True, help="Read the new PIN as one line from stdin.")
@click.pass_context
def staff_reset_pin(ctx: click.Context, initials: str, pin_stdin: bool) -> None:
    """Give a staff member a new PIN (also when the PIN key file was lost)."""
    from frontdesk.services import pepper
    from frontdesk.services.staff import check_pin_format, normalise_initials, reset_pin

    normalise_initials(initials)
    open_db(ctx)
    actor = centre_actor(ctx)
    pin = check_pin_format(read_pin(pin_stdin, prompt=f"New PIN for {initials.upper()}"))
    key = pepper.key_path()
    had_key = key.exists()
    member = reset_pin(actor, initials, pin)
    click.echo(f"Set a new PIN for {member.initials}.")
    if not had_key and key.exists():  # reset_pin made one: say where, or a typo goes unseen
        click.echo(
            f"Made a new PIN key file at {_describe(str(key))}: back it up with the database; "
            "every desk needs this file (FRONTDESK_PEPPER_FILE), and PINs set with another "
            "key need a reset too.",
            err=True,
        )


@staff.command("list")
@click.pass_context
def staff_list(ctx: click.Context) -> None:
    """List the centre's staff."""
    from frontdesk.services.staff import list_staff

    open_db(ctx)
    actor = centre_actor(ctx)
    for member in list_staff(actor.centre_id):
        state = "active" if member.active else "disabled"
        click.echo(f"{member.initials:<5} {member.role:<5} {state}")


@staff.command("disable")
@click.argument("initials")
@click.pass_context
def staff_disable(ctx: click.Context, initials: str) -> None:
    """Disable a staff member (they can no longer sign on; nothing is deleted)."""
    from frontdesk.services.staff import disable_staff

    open_db(ctx)
    member = disable_staff(centre_actor(ctx), initials)
    click.echo(f"Disabled {member.initials}.")


# -- catalogue and settings (shift-lead matters, from the admin's terminal) ---


@cli.group()
def catalogue() -> None:
    """The supply catalogue: list, add, change items."""


@catalogue.command("list")
@click.pass_context
def catalogue_list(ctx: click.Context) -> None:
    """List the catalogue with stock on hand and days of cover."""
    from frontdesk.services.supplies import catalogue as items

    open_db(ctx)
    actor = centre_actor(ctx)
    click.echo(f"{'code':<9} {'name':<24} {'kind':<10} {'stock':>7} {'low at':>7} {'days':>5}")
    for item in items(actor.centre_id, include_inactive=True):
        days = "" if item.days_of_cover is None else str(item.days_of_cover)
        flags = ("  LOW" if item.low else "") + ("" if item.active else "  inactive")
        click.echo(
            f"{item.code:<9} {item.name_en[:24]:<24} {item.kind:<10} {item.stock:>7} "
            f"{item.low_stock:>7} {days:>5}{flags}"
        )


@catalogue.command("add")
@click.argument("code")
@click.option("--nb", "name_nb", required=True, help="Name in bokmål.")
@click.option("--en", "name_en", required=True, help="Name in English.")
@click.option("--unit", default="stk", show_default=True)
@click.option(
    "--kind",
    type=click.Choice(ITEM_KINDS),
    default="other",
    show_default=True,
)
@click.option("--low-stock", type=int, default=0, show_default=True, help="Warn at this stock.")
@click.option("--bin-litres", type=int, help="Sharps bins: size in litres.")
@click.pass_context
def catalogue_add(ctx: click.Context, code: str, **fields: Any) -> None:
    """Add an item to the end of the catalogue."""
    from frontdesk.services.supplies import add_item

    open_db(ctx)
    item = add_item(centre_actor(ctx), code, **fields)
    click.echo(f"Added {item.code} ({item.name_en}).")


@catalogue.command("set")
@click.argument("code")
@click.option("--nb", "name_nb", help="Name in bokmål.")
@click.option("--en", "name_en", help="Name in English.")
@click.option("--unit")
@click.option("--low-stock", type=int, help="Warn at this stock.")
@click.option("--bin-litres", type=int, help="Sharps bins: size in litres.")
@click.option("--active/--inactive", default=None, help="Offer the item at the desk, or not.")
@click.pass_context
def catalogue_set(ctx: click.Context, code: str, **fields: Any) -> None:
    """Change an item (its code stays: the exports are keyed on it)."""
    from frontdesk.services.supplies import update_item

    changes = {key: value for key, value in fields.items() if value is not None}
    if not changes:
        raise click.UsageError("Name at least one thing to change.")
    open_db(ctx)
    item = update_item(centre_actor(ctx), code, **changes)
    click.echo(f"Changed {item.code}.")


@cli.command("settings")
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.pass_context
def settings_command(ctx: click.Context, key: str | None, value: str | None) -> None:
    """Show the centre's settings, or change one: frontdesk settings language en."""
    from frontdesk.services.settings import get_settings, set_setting

    open_db(ctx)
    actor = centre_actor(ctx)
    if key is None:
        for name, text in get_settings(actor.centre_id).as_text().items():
            click.echo(f"{name:<20} {text}")
        return
    if value is None:
        raise click.UsageError(f"Give a value for {key}, e.g. 'frontdesk settings {key} VALUE'.")
    new = set_setting(actor, key, value)
    click.echo(f"{key} is now {getattr(new, key)}.")


# -- db ---------------------------------------------------------------------


@cli.group("db")
def db_group() -> None:
    """Schema upgrade and health check."""


@db_group.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Apply pending schema migrations."""
    from frontdesk.services.store import schema_status

    database = open_db(ctx, upgrade=True)
    status = schema_status(database)
    click.echo(f"Schema version {status.current} (up to date).")


@db_group.command("check")
@click.pass_context
def db_check(ctx: click.Context) -> None:
    """Report the schema version and check the database's integrity."""
    from frontdesk.errors import StoreDamaged
    from frontdesk.services.store import integrity_check, schema_status

    try:
        database = open_db(ctx)
        status = schema_status(database)
    except StoreDamaged:
        raise FrontdeskError(
            "The database failed its integrity check: it is damaged or not a database file; "
            "restore the last backup."
        ) from None
    result = integrity_check(database)
    click.echo(f"Schema version {status.current} of {status.latest}; integrity: {result}.")
    if result != "ok":
        raise FrontdeskError(
            f"The database failed its integrity check: {result}; restore the last backup."
        )


# -- admin commands -----------------------------------------------------------


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _tracked(rows: Any, progress: Any, task: Any) -> Any:
    """Pass rows through, advancing a progress bar."""
    for row in rows:
        yield row
        progress.advance(task)


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
    click.echo(f"Wrote the metrics to {_describe(output)}.", err=True)


@cli.command()
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
    callback=_not_empty,
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
    centres = exporter.select_centres(centre_code or ctx.find_object(Options).centre_code)
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
    if _stderr_is_terminal():
        from rich.console import Console
        from rich.progress import Progress

        total = exporter.count_rows(centres, date_from, date_to, include_open)
        with Progress(console=Console(stderr=True)) as progress:
            task = progress.add_task("Exporting", total=total)
            with exporter.atomic_output(output, excel=excel) as handle:
                count = write(handle, _tracked(rows, progress, task))
    else:
        with exporter.atomic_output(output, excel=excel) as handle:
            count = write(handle, rows)
    click.echo(f"Wrote {count} centre-days to {_describe(output)}.", err=True)


@cli.command()
@click.option("--from", "date_from", type=ISO_DATE, help="First business date.")
@click.option("--to", "date_to", type=ISO_DATE, help="Last business date (default: today).")
@click.option(
    "--centre",
    "centre_codes",
    metavar="CODE",
    multiple=True,
    callback=lambda ctx, param, codes: tuple(_not_empty(ctx, param, c) for c in codes),
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
    centres = _report_centres(centre_codes or (ctx.find_object(Options).centre_code,))
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
    from frontdesk.services.export import nok

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
        f"{rep.date_from.isoformat()} to {rep.date_to.isoformat()} ({_count(rep.day_count, 'day')})"
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


# -- papers: printable X- and Z-reports -------------------------------------------


@cli.group("print")
def print_group() -> None:
    """Printable X- and Z-reports: an A4 PDF, or plain text for an 80 mm receipt printer."""


_PAPER_OUTPUT = click.option(
    "-o",
    "--output",
    type=USER_PATH,
    callback=_not_empty,
    help="FILE.pdf for A4, FILE.txt for a receipt (default with --receipt: stdout).",
)
_PAPER_RECEIPT = click.option(
    "--receipt", is_flag=True, help="Plain text, 42 columns, for an 80 mm receipt printer."
)
_PAPER_CENTRE = click.option(
    "--centre",
    "centre_code",
    metavar="CODE",
    callback=_not_empty,
    help="The centre (default: the only or first).",
)


def _paper_actor(ctx: click.Context, centre_code: str | None) -> Any:
    from frontdesk.services.actor import Actor
    from frontdesk.services.centre import find_centre

    code = centre_code or ctx.find_object(Options).centre_code
    return Actor.cli(find_centre(code).id)


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
    paper = papers.z_paper(_paper_actor(ctx, centre_code), business_date, version)
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
    paper = papers.x_paper(_paper_actor(ctx, centre_code))
    _write_paper(paper, output, fmt)


@cli.command()
@click.option("-o", "--output", type=USER_PATH, help="Backup file.")
@click.pass_context
def backup(ctx: click.Context, output: str | None) -> None:
    """Make a consistent copy of the database while desks keep working.

    SQLite: an owner-only copy, checked with integrity_check (default name
    frontdesk-backup-YYYYMMDD-HHMMSS.db next to the database). PostgreSQL:
    runs pg_dump.
    """
    from frontdesk.services import backup as backups

    open_db(ctx)
    centre = ctx.find_object(Options).centre_code
    if _stderr_is_terminal():
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("Backing up", total=None)

            def step(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            result = backups.backup(output, step, centre_code=centre)
    else:
        result = backups.backup(output, centre_code=centre)
    click.echo(
        f"Backed up to {_describe(str(result.path))} ({_size(result.size_bytes)}); integrity: ok."
    )


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"


@cli.command()
@click.option("--days", type=click.IntRange(1, 3660), default=60, show_default=True)
@click.option("--centres", type=click.IntRange(1, 4), default=3, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--db",
    "demo_db",
    metavar="PATH",
    type=DB_TARGET,
    callback=_not_empty,
    help="Where to build it (default: the chosen database).",
)
@click.pass_context
def demo(ctx: click.Context, days: int, centres: int, seed: int, demo_db: str | None) -> None:
    """Build a demo database and print the demo sign-on.

    The N business days ending today, every day before today closed with a
    Z-report. Refuses a database that already holds data. With the global
    --centre CODE (e.g. 'frontdesk --centre NES demo --db nes.db'), that demo
    centre alone.
    """
    from frontdesk.config import skip_unused_driver

    target = demo_db or ctx.find_object(Options).target
    skip_unused_driver(target)
    from frontdesk.services import demo as demos

    only = ctx.find_object(Options).centre  # `frontdesk --centre NES demo`: that centre alone
    centres = len(demos.demo_centres(centres, only))

    if _stderr_is_terminal():
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True)) as progress:
            task = progress.add_task("Building demo days", total=days * centres)

            def step(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            result = demos.build_at(target, days, centres, seed, step, only)
    else:
        result = demos.build_at(target, days, centres, seed, only=only)
    names = ", ".join(f"{code} {name}" for code, name in result.centres)
    click.echo(
        f"Built a demo database at {_describe(target)}: {names}; "
        f"{_count(days, 'business day')} ({result.first_day.isoformat()} to "
        f"{result.last_day.isoformat()}), {_count(result.visits, 'visit')}, "
        f"{_count(result.closed_days, 'day')} closed with a Z-report, today open."
    )
    click.echo("Demo sign-on (the same at every centre):")
    for initials, role, pin in result.sign_on:
        label = "shift lead" if role == "lead" else "desk"
        click.echo(f"  {label:<10}  initials {initials}  PIN {pin}")
    click.echo(f"Open the desk app with: frontdesk --db {_describe(target)}")


def _count(n: int, noun: str) -> str:
    """'1 day', '2 days', '1,204 visits'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _describe(target: str) -> str:
    """A path or URL for a message: no password, no control characters or bad bytes."""
    from frontdesk.services.store import describe_target as describe
    from frontdesk.services.validate import shown

    return shown(describe(target), max_len=4096)


@cli.command()
@click.option("--before", type=ISO_DATE, help="Purge closed days before this date.")
@click.option(
    "--retention",
    is_flag=True,
    help="Purge closed days older than each centre's retention_days setting (as the desk "
    "does at the first sign-on of a day).",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def purge(ctx: click.Context, before: dt.date | None, retention: bool, yes: bool) -> None:
    """Remove individual-level rows of old, closed days.

    Closed days before --before DATE, or with --retention those older than each
    centre's retention_days setting.

    Visits, hand-outs, returns, lunch entries, Megafon sales and Dagsverket
    attendance go; Z-reports, deliveries, staff and the audit trail stay, so
    exports, stock on hand and days of cover are unchanged. Works a few days
    at a time, so desks keep working; a purged day cannot be reopened. Every
    centre unless --centre, $FRONTDESK_CENTRE or frontdesk.toml names one.
    """
    from frontdesk.services import purge as purging
    from frontdesk.services.export import select_centres

    if (before is None) == (not retention):
        raise click.UsageError("Give either --before DATE or --retention.")
    open_db(ctx)
    centres = select_centres(ctx.find_object(Options).centre_code)
    if before is None:
        _purge_retention(centres, yes)
        return
    plan = purging.plan(centres, before)
    if plan.total == 0:
        click.echo(f"Nothing to purge before {before.isoformat()}.")
        return
    click.echo(_purge_summary(plan, "Will delete"))
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("Purging deletes rows for good: pass --yes to confirm it.")
        click.confirm("Delete these rows for good?", abort=True)
    if _stderr_is_terminal():
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("Purging closed days", total=None)

            def step(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            done = purging.purge(centres, before, step)
    else:
        done = purging.purge(centres, before)
    click.echo(_purge_summary(done, "Deleted"))


def _purge_retention(centres: list[Any], yes: bool) -> None:
    """Each centre's rows past its retention_days, through the same purge."""
    from frontdesk.services import purge as purging
    from frontdesk.services import rights

    due = []
    for centre in centres:
        cutoff = rights.retention_before(centre.id)
        if cutoff is None:
            click.echo(f"Retention is off at {centre.code} (retention_days is 0).")
            continue
        plan = purging.plan([centre], cutoff)
        if plan.total == 0:
            click.echo(
                f"Nothing at {centre.code} is older than its retention ({cutoff.isoformat()})."
            )
        else:
            click.echo(_purge_summary(plan, "Will delete"))
        due.append((centre, plan.total))
    if any(total for _, total in due) and not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("Purging deletes rows for good: pass --yes to confirm it.")
        click.confirm("Delete these rows for good?", abort=True)
    for centre, total in due:
        run = rights.apply_retention(centre.id)
        if total and run is not None and run.purged is not None:
            click.echo(_purge_summary(run.purged, "Deleted"))


_PURGE_LABELS = {
    "hand_outs": "hand-outs",
    "hand_out_lines": "hand-out lines",
    "syringe_returns": "syringe returns",
    "lunch_entries": "lunch entries",
    "megafon_sales": "Megafon sales",
    "dagsverket_attendance": "Dagsverket attendances",
    "visitor_codes": "unused visitor codes",
    "adjustments": "balancing stock deliveries",
}


def _purge_summary(plan: Any, verb: str) -> str:
    totals = plan.totals()
    days = sum(c.days for c in plan.centres)
    codes = ", ".join(c.code for c in plan.centres if c.days)
    parts = [f"{n:,} {_PURGE_LABELS.get(name, name)}" for name, n in totals.items() if n]
    return (
        f"{verb} from {days:,} closed day{'' if days == 1 else 's'} before {plan.before.isoformat()} at {codes}: "
        + ", ".join(parts)
        + "."
    )


# -- a visitor's rights ------------------------------------------------------------


@cli.group("visitor")
def visitor_group() -> None:
    """A visitor's rights: show or erase everything stored under a code."""


def _visitor_actor(ctx: click.Context, centre_code: str | None) -> Any:
    from frontdesk.services.actor import Actor
    from frontdesk.services.centre import find_centre

    open_db(ctx)
    if centre_code is None:
        return centre_actor(ctx)
    return Actor.cli(find_centre(centre_code).id)


@visitor_group.command("show")
@click.argument("code")
@click.option(
    "--centre",
    "centre_code",
    metavar="C",
    callback=_not_empty,
    help="The centre (default: --centre, else the first).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def visitor_show(ctx: click.Context, code: str, centre_code: str | None, fmt: str) -> None:
    """Show every row stored under a visitor code.

    Visits, lunch, hand-outs, returns, Megafon sales, Dagsverket days, the
    vendor number, gender and birth year, in the centre's language. Audited
    (without the code).
    """
    from frontdesk.services import rights

    records = rights.visitor_records(_visitor_actor(ctx, centre_code), code)
    if fmt == "json":
        import dataclasses
        import json

        def iso(value: Any) -> str:
            return value.isoformat() if hasattr(value, "isoformat") else str(value)

        fields = dataclasses.asdict(records)
        click.echo(json.dumps(fields, default=iso, ensure_ascii=False, indent=2))
        return
    from frontdesk import i18n
    from frontdesk.texts.rights import records_text

    i18n.set_language(records.language)
    click.echo(records_text(records))


@visitor_group.command("erase")
@click.argument("code")
@click.option("--reason", required=True, help="Why (kept in the audit trail, without the code).")
@click.option(
    "--centre",
    "centre_code",
    metavar="C",
    callback=_not_empty,
    help="The centre (default: --centre, else the first).",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def visitor_erase(
    ctx: click.Context, code: str, reason: str, centre_code: str | None, yes: bool
) -> None:
    """Erase everything stored under a visitor code, for good.

    The code, gender, birth year and vendor number go; the visits, lunch,
    hand-outs, sales and Dagsverket days made under it become anonymous, so
    every day's totals, the stock and the exports stay as they are. The audit trail keeps
    that an erasure happened, not the code. Backups made before keep it.
    """
    from frontdesk import i18n
    from frontdesk.i18n import t
    from frontdesk.services import rights, validate
    from frontdesk.services.settings import get_settings
    from frontdesk.services.visits import get_visitor

    validate.reason(reason)
    actor = _visitor_actor(ctx, centre_code)
    stored = get_visitor(actor.centre_id, code).code  # an unknown code is refused before asking
    centre = _centre_code(actor.centre_id)
    i18n.set_language(get_settings(actor.centre_id).language)
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("Erasing is for good: pass --yes to confirm it.")
        click.confirm(t("rights.erase_confirm", code=stored, centre=centre), abort=True)
    done = rights.erase_visitor(actor, stored, reason)
    n = done.counts
    click.echo(
        t(
            "rights.erased",
            code=stored,
            centre=centre,
            visits=n["visits"],
            lunch=n["lunch_entries"],
            hand_outs=n["hand_outs"],
            sales=n["megafon_sales"],
            dagsverket=n["dagsverket_attendance"],
        )
    )
    if not done.file_clean:
        click.echo(t("rights.wal_busy"), err=True)


def _centre_code(centre_id: int) -> str:
    from frontdesk.services.centre import list_centres

    return next(c.code for c in list_centres() if c.id == centre_id)


from frontdesk.cli.city import city_group, sync  # noqa: E402 (after the group it joins)

cli.add_command(city_group)
cli.add_command(sync)


def main() -> None:
    cli.main(prog_name="frontdesk")


if __name__ == "__main__":
    main()
