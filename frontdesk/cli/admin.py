"""Setting up and looking after a database: init, settings, db, backup, demo."""

from __future__ import annotations

import click

from frontdesk.cli.base import (
    DB_TARGET,
    USER_PATH,
    centre_actor,
    count_of,
    describe,
    not_empty,
    open_db,
    options,
    progress_bar,
    read_pin,
)
from frontdesk.errors import FrontdeskError


@click.command()
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
    target = options(ctx).target
    centre, lead = init_database(target, centre_code, centre_name, lead_initials, pin)
    click.echo(f"Created centre {centre.code} ({centre.name}) with shift lead {lead.initials}.")


@click.command("settings")
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


@click.group("db")
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
        raise FrontdeskError("error.cli.database_damaged") from None
    result = integrity_check(database)
    click.echo(f"Schema version {status.whole} of {status.latest}; integrity: {result}.")
    if result != "ok":
        raise FrontdeskError("error.cli.database_failed_integrity_check", result=result)


@click.command()
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
    centre = options(ctx).centre_code
    with progress_bar("Backing up", transient=True) as step:
        result = backups.backup(output, step, centre_code=centre)
    click.echo(
        f"Backed up to {describe(str(result.path))} ({_size(result.size_bytes)}); integrity: ok."
    )


def _size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"


@click.command()
@click.option("--days", type=click.IntRange(1, 3660), default=60, show_default=True)
@click.option("--centres", type=click.IntRange(1, 4), default=3, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--db",
    "demo_db",
    metavar="PATH",
    type=DB_TARGET,
    callback=not_empty,
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

    target = demo_db or options(ctx).target
    skip_unused_driver(target)
    from frontdesk import demo as demos

    only = options(ctx).centre  # `frontdesk --centre NES demo`: that demo centre alone
    centres = len(demos.demo_centres(centres, only))
    with progress_bar("Building demo days", days * centres) as step:
        result = demos.build_at(target, days, centres, seed, step, only)
    names = ", ".join(f"{code} {name}" for code, name in result.centres)
    click.echo(
        f"Built a demo database at {describe(target)}: {names}; "
        f"{count_of(days, 'business day')} ({result.first_day.isoformat()} to "
        f"{result.last_day.isoformat()}), {count_of(result.visits, 'visit')}, "
        f"{count_of(result.closed_days, 'day')} closed with a Z-report, today open."
    )
    click.echo("Demo sign-on (the same at every centre):")
    for initials, role, pin in result.sign_on:
        label = "shift lead" if role == "lead" else "desk"
        click.echo(f"  {label:<10}  initials {initials}  PIN {pin}")
    click.echo(f"Open the desk app with: frontdesk --db {describe(target)}")
