"""``frontdesk staff``: add, list, disable, reset a PIN."""

from __future__ import annotations

import click

from frontdesk.cli.base import centre_actor, describe, open_db, read_pin
from frontdesk.services.vocab import ROLES


@click.group()
def staff() -> None:
    """Manage staff: add, list, disable, reset-pin, drill."""


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
            f"Made a new PIN key file at {describe(str(key))}: back it up with the database; "
            "every desk needs this file (FRONTDESK_PEPPER_FILE), and PINs set with another "
            "key need a reset too.",
            err=True,
        )


@staff.command("list")
@click.pass_context
def staff_list(ctx: click.Context) -> None:
    """List the centre's staff with their last CPR drill and naloxone course."""
    from frontdesk.cli.overdose import staff_line
    from frontdesk.services.overdose import staff_drills

    open_db(ctx)
    actor = centre_actor(ctx)
    for member in staff_drills(actor.centre_id):
        click.echo(staff_line(member))


@staff.command("disable")
@click.argument("initials")
@click.pass_context
def staff_disable(ctx: click.Context, initials: str) -> None:
    """Disable a staff member (they can no longer sign on; nothing is deleted)."""
    from frontdesk.services.staff import disable_staff

    open_db(ctx)
    member = disable_staff(centre_actor(ctx), initials)
    click.echo(f"Disabled {member.initials}.")
