"""What every command shares: the ``frontdesk`` group, its options, and the one place
where an error becomes a sentence.

Every error is one sentence on stderr (``Error: …``), optionally followed by
one hint line, and a non-zero exit status; never a traceback for a user
mistake. That happens in one place: ``FrontdeskGroup.main``.

Imports of the services and the desk app are made inside the commands, so
``frontdesk --help`` and ``frontdesk export`` never load Textual.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NoReturn

import click

from frontdesk import __version__
from frontdesk.errors import FrontdeskError, OutputClosed

EXIT_USER_ERROR = 1
EXIT_USAGE = 2


class _PipeClosed(Exception):
    """The reader of standard output went away (``frontdesk report | head -1``)."""


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process was started with it closed (``>&-``)."""

    def _refuse(self) -> NoReturn:
        raise OutputClosed("error.cli.standard_output_closed_output")

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

    def main(  # type: ignore[override]  # always exits: never returns click's result
        self, args: Any = None, prog_name: str | None = None, **extra: Any
    ) -> NoReturn:
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


def not_empty(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """An option given as '' is a mistake, not a request for the default."""
    if isinstance(value, str) and not value.strip():
        raise click.BadParameter("is empty; leave the option out to use the default.", ctx, param)
    return value


class IsoDate(click.ParamType[dt.date]):
    """A date option: the rule of ``services.validate.iso_date``."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        from frontdesk.services.validate import iso_date

        if isinstance(value, dt.date):
            return value
        try:
            return iso_date(value)
        except FrontdeskError as exc:
            self.fail(str(exc), param, ctx)


ISO_DATE = IsoDate()


class UserPath(click.ParamType[str]):
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


def options(ctx: click.Context) -> Options:
    """The global options the ``frontdesk`` group read before any command ran."""
    found = ctx.find_object(Options)
    assert found is not None, "every command runs under the frontdesk group"
    return found


def open_db(ctx: click.Context, *, create: bool = False, upgrade: bool = False) -> Any:
    from frontdesk.services.store import open_store

    return open_store(options(ctx).target, create=create, upgrade=upgrade)


def centre_actor(ctx: click.Context, centre_code: str | None = None) -> Any:
    """The command line's actor at ``centre_code`` (a command's own ``--centre``), else at
    the centre the global options chose (or the only, or the first)."""
    from frontdesk.services.actor import Actor
    from frontdesk.services.centre import find_centre

    centre = find_centre(centre_code or options(ctx).centre_code)
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


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


Step = Callable[[int, int], None]  # a long service's progress callback: step(done, total)


@contextmanager
def progress_bar(
    label: str, total: int | None = None, *, transient: bool = False
) -> Iterator[Step | None]:
    """A Rich progress bar on stderr while a long service runs, when stderr is a terminal.

    Yields the ``step(done, total)`` callback to hand the service, or None when
    stderr is piped or a file (no bar, and the services' own default: no callback).
    """
    if not stderr_is_terminal():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=transient) as progress:
        task = progress.add_task(label, total=total)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield step


def count_of(n: int, noun: str) -> str:
    """'1 day', '2 days', '1,204 visits'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def describe(target: str) -> str:
    """A path or URL for a message: no password, no control characters or bad bytes."""
    from frontdesk.services.store import describe_target
    from frontdesk.services.validate import shown

    return shown(describe_target(target), max_len=4096)


@click.group(cls=FrontdeskGroup, invoke_without_command=True)
@click.option(
    "--db",
    "db_target",
    metavar="PATH_OR_URL",
    type=DB_TARGET,
    callback=not_empty,
    help=(
        "SQLite file or postgresql:// URL (default: $FRONTDESK_DB, else frontdesk.toml's"
        " database, else the user data folder)."
    ),
)
@click.option(
    "--centre",
    "centre",
    metavar="CODE",
    callback=not_empty,
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
