"""`frontdesk stock`: the stock view by lot and expiry, deliveries with a lot, stock-takes,
writing expired stock off, and the reorder list."""

from __future__ import annotations

import datetime as dt

import click

from frontdesk.cli.base import ISO_DATE, centre_actor, open_db
from frontdesk.services.vocab import STOCK_REASONS


@click.group("stock")
def stock_group() -> None:
    """Stock by lot and expiry: list, deliver, count, write off, reorder."""


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "-"


@stock_group.command("list")
@click.option("--lots", "show_lots", is_flag=True, help="Also list every lot of each item.")
@click.pass_context
def stock_list(ctx: click.Context, show_lots: bool) -> None:
    """Per item: on hand, days of cover, next expiry, expiring soon, expired, last counted."""
    from frontdesk.services import stock
    from frontdesk.services.settings import get_settings

    open_db(ctx)
    actor = centre_actor(ctx)
    warn = get_settings(actor.centre_id).expiry_warning_days
    click.echo(
        f"{'code':<9} {'name':<22} {'stock':>6} {'days':>5} {'next expiry':<11} "
        f"{f'≤{warn}d':>6} {'expired':>7} counted"
    )
    for line in stock.stock_view(actor.centre_id):
        item = line.item
        cover = "" if item.days_of_cover is None else str(item.days_of_cover)
        row = (
            f"{item.code:<9} {item.name_en[:22]:<22} {item.stock:>6} {cover:>5} "
            f"{_day(line.next_expiry):<11} {line.expiring:>6} {line.expired:>7} "
            f"{_day(line.last_counted):<10}" + ("  EXPIRED" if line.expired else "")
        )
        click.echo(row.rstrip())
        if show_lots:
            for lot in line.lots:
                name = lot.label if lot.id is not None else "(no lot)"
                click.echo(f"    lot {name:<24} {lot.on_hand:>6}  expires {_day(lot.expires_on)}")


@stock_group.command("deliver")
@click.argument("item")
@click.argument("quantity", type=int)
@click.option("--lot", help="The lot (batch) number on the box.")
@click.option("--expires", type=ISO_DATE, help="The expiry date on the box (YYYY-MM-DD).")
@click.pass_context
def stock_deliver(
    ctx: click.Context, item: str, quantity: int, lot: str | None, expires: dt.date | None
) -> None:
    """Record a delivery of ITEM, with its lot and expiry date when the box has them."""
    from frontdesk.services import supplies

    open_db(ctx)
    info = supplies.record_delivery(centre_actor(ctx), item, quantity, lot=lot, expires_on=expires)
    click.echo(f"Delivered {quantity} {info.unit} of {info.code}; {info.stock} on hand.")


@stock_group.command("count")
@click.argument("item")
@click.argument("quantity", type=int)
@click.option(
    "--reason",
    type=click.Choice(STOCK_REASONS),
    required=True,
    help="Why the stock on record was wrong (expired: write expired stock off).",
)
@click.option("--lot", help="Count one lot of the item (its number, or its expiry date).")
@click.pass_context
def stock_count(ctx: click.Context, item: str, quantity: int, reason: str, lot: str | None) -> None:
    """A stock-take: ITEM (or one lot of it) was counted at QUANTITY."""
    from frontdesk.services import stock

    open_db(ctx)
    done = stock.count_stock(centre_actor(ctx), item, quantity, reason, lot=lot)
    what = f"{done.code} lot {done.lot}" if done.lot else done.code
    click.echo(
        f"Counted {what}: {done.counted} (on record {done.on_record}, "
        f"change {done.difference:+d}, {done.reason})."
    )


@stock_group.command("write-off-expired")
@click.pass_context
def stock_write_off(ctx: click.Context) -> None:
    """Write every expired lot still on the shelf off (counted 0, reason expired)."""
    from frontdesk.services import stock

    open_db(ctx)
    done = stock.write_off_expired(centre_actor(ctx))
    if not done:
        click.echo("No expired stock on record.")
    for count in done:
        click.echo(f"Wrote off {-count.difference} of {count.code} lot {count.lot} (expired).")


@stock_group.command("reorder")
@click.option(
    "--days", "days_", type=int, default=28, show_default=True, help="Days the order must cover."
)
@click.option("--all", "show_all", is_flag=True, help="List every item, also those not to order.")
@click.pass_context
def stock_reorder(ctx: click.Context, days_: int, show_all: bool) -> None:
    """What to order to cover N days at the last 28 days' rate, net of the stock on hand
    and of the lots that expire within those days."""
    from frontdesk.services import stock

    open_db(ctx)
    actor = centre_actor(ctx)
    lines = [r for r in stock.reorder(actor.centre_id, days_) if show_all or r.order > 0]
    if not lines:
        click.echo(f"Nothing to order: the stock covers {days_} days.")
        return
    click.echo(f"{'code':<9} {'name':<22} {'need':>6} {'usable':>7} {'order':>6}")
    for r in lines:
        click.echo(
            f"{r.item.code:<9} {r.item.name_en[:22]:<22} {r.need:>6} {r.usable:>7} {r.order:>6}"
        )
