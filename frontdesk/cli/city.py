"""The city: ``frontdesk city init|add-centre`` (the city's admin) and ``frontdesk sync``
(a desk pushes its closed days). See frontdesk/services/city.py."""

from __future__ import annotations

from typing import Any

import click


def _options(ctx: click.Context) -> Any:
    from frontdesk.cli.base import options

    return options(ctx)


@click.group("city")
def city_group() -> None:
    """The city database: every centre's closed days, aggregate-only."""


@city_group.command("init")
@click.pass_context
def city_init(ctx: click.Context) -> None:
    """Make the --db PostgreSQL database a city database (again: changes nothing).

    It holds centres, their catalogues and Z-reports only; each centre gets a login
    that may write only its own rows (row-level security).
    """
    from frontdesk.services import city
    from frontdesk.services.store import describe_target

    target = _options(ctx).target
    centres = city.init_city(target)
    click.echo(
        f"{describe_target(target)} is a city database ({centres} centre"
        f"{'' if centres == 1 else 's'}). Add a centre with 'frontdesk city add-centre CODE --name NAME'."
    )


@city_group.command("add-centre")
@click.argument("code")
@click.option("--name", required=True, help="The centre's name, e.g. Strax-huset.")
@click.option(
    "--host",
    metavar="HOST[:PORT]",
    help="The city server as the desks reach it (default: as in --db).",
)
@click.pass_context
def city_add_centre(ctx: click.Context, code: str, name: str, host: str | None) -> None:
    """Add a centre and its own login to the city database; prints the URL its desk
    pushes to, password included, this once."""
    from frontdesk.cli.base import open_db
    from frontdesk.services import city

    open_db(ctx)
    added = city.add_centre(code, name, host)
    click.echo(f"Added {added.code} ({added.name}) with the login {added.role}.")
    click.echo("Its desk pushes to this URL (the password is shown only now):")
    click.echo(f"  {added.url}")
    click.echo(f"At the desk: frontdesk settings city_url '{added.url}'")


@click.command("sync")
@click.option(
    "--to",
    "to",
    metavar="URL",
    help="The city database (default: $FRONTDESK_CITY_URL, else the centre's city_url setting).",
)
@click.pass_context
def sync(ctx: click.Context, to: str | None) -> None:
    """Push every closed day the city does not have yet (every centre of the database,
    or --centre's). Running it again sends nothing twice."""
    from frontdesk.cli.base import open_db
    from frontdesk.services import city
    from frontdesk.services.actor import Actor

    open_db(ctx)
    ids = city.centre_ids_for(_options(ctx).centre_code)
    by_target: dict[str, list[int]] = {}
    for centre_id in ids:
        by_target.setdefault(city.city_target(centre_id, to), []).append(centre_id)
    for target, centre_ids in by_target.items():
        result = city.push(Actor.cli(centre_ids[0]), centre_ids, target)
        if result.total == 0:
            click.echo(f"Nothing new for the city {result.target}: it has every closed day.")
            continue
        per = ", ".join(f"{code} {n:,}" for code, n in result.sent.items())
        click.echo(
            f"Sent {result.total:,} closed day{'' if result.total == 1 else 's'} ({per}) "
            f"to the city {result.target}."
        )
