"""``frontdesk purge``: remove the individual-level rows of old, closed days."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from frontdesk.cli.base import ISO_DATE, open_db, options, progress_bar


@click.command()
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
    centres = select_centres(options(ctx).centre_code)
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
    with progress_bar("Purging closed days", transient=True) as step:
        done = purging.purge(centres, before, step)
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
