"""``frontdesk catalogue``: the supply catalogue, from the admin's terminal."""

from __future__ import annotations

from typing import Any

import click

from frontdesk.cli.base import centre_actor, open_db
from frontdesk.services.vocab import ITEM_KINDS


@click.group()
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
@click.option(
    "--doses", "doses_per_unit", type=int, help="Doses in one unit (default: naloxone 2, else 1)."
)
@click.pass_context
def catalogue_add(ctx: click.Context, /, code: str, **fields: Any) -> None:
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
@click.option("--doses", "doses_per_unit", type=int, help="Doses in one unit (naloxone kit: 2).")
@click.pass_context
def catalogue_set(ctx: click.Context, /, code: str, **fields: Any) -> None:
    """Change an item (its code stays: the exports are keyed on it)."""
    from frontdesk.services.supplies import update_item

    changes = {key: value for key, value in fields.items() if value is not None}
    if not changes:
        raise click.UsageError("Name at least one thing to change.")
    open_db(ctx)
    item = update_item(centre_actor(ctx), code, **changes)
    click.echo(f"Changed {item.code}.")
