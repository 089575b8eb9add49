"""``frontdesk visitor``: a visitor's rights, show or erase what is stored under a code."""

from __future__ import annotations

import sys
from typing import Any

import click

from frontdesk.cli.base import centre_actor, not_empty, open_db


@click.group("visitor")
def visitor_group() -> None:
    """A visitor's rights: show or erase everything stored under a code."""


# Each command's own --centre (the global one works too).
_CENTRE = click.option(
    "--centre",
    "centre_code",
    metavar="C",
    callback=not_empty,
    help="The centre (default: --centre, else the first).",
)


@visitor_group.command("show")
@click.argument("code")
@_CENTRE
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

    open_db(ctx)
    records = rights.visitor_records(centre_actor(ctx, centre_code), code)
    if fmt == "json":
        import dataclasses
        import json

        def iso(value: Any) -> str:
            return value.isoformat() if hasattr(value, "isoformat") else str(value)

        fields = dataclasses.asdict(records)
        click.echo(json.dumps(fields, default=iso, ensure_ascii=False, indent=2))
        return
    from frontdesk import i18n
    from frontdesk.records_text import records_text

    i18n.set_language(records.language)
    click.echo(records_text(records))


@visitor_group.command("erase")
@click.argument("code")
@click.option("--reason", required=True, help="Why (kept in the audit trail, without the code).")
@_CENTRE
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
    open_db(ctx)
    actor = centre_actor(ctx, centre_code)
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
