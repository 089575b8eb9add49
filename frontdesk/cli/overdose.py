"""Overdose response and the right help on the command line: staff drills, training
sessions for visitors and referrals (issue 12). Registered from ``frontdesk.cli``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from frontdesk.cli.base import ISO_DATE, centre_actor, open_db
from frontdesk.services.vocab import DRILL_KINDS, REFERRAL_KINDS, TRAINING_KINDS


def _actor() -> Any:
    """The open database's actor (the command line, with a lead's rights)."""
    ctx = click.get_current_context()
    open_db(ctx)
    return centre_actor(ctx)


def staff_line(member: Any) -> str:
    """One line of `frontdesk staff list`: role, state and the last drill of each kind."""
    state = "active" if member.active else "disabled"
    drills = "  ".join(
        f"{kind} {member.last[kind].isoformat() if member.last[kind] else 'never':<10}"
        for kind in DRILL_KINDS
    )
    due = "  CPR drill due" if member.cpr_due else ""
    return f"{member.initials:<5} {member.role:<5} {state:<8}  {drills}{due}".rstrip()


@click.command("drill")
@click.argument("initials")
@click.option("--kind", type=click.Choice(DRILL_KINDS), required=True, help="What was drilled.")
@click.option("--date", "drill_date", type=ISO_DATE, help="The day of the drill (default: today).")
def staff_drill(initials: str, kind: str, drill_date: dt.date | None) -> None:
    """Record a staff member's CPR drill or naloxone course (CPR is due every
    drill_interval_days, default 183)."""
    from frontdesk.services import overdose

    actor = _actor()
    done = overdose.record_drill(actor, initials, kind, drill_date)
    click.echo(f"Recorded {done.initials}'s {done.kind} drill on {done.drill_date.isoformat()}.")


@click.command("void-drill")
@click.argument("drill_id", type=int)
@click.option("--reason", required=True, help="Why the drill is voided.")
def staff_void_drill(drill_id: int, reason: str) -> None:
    """Void a drill recorded by mistake (its number is in 'frontdesk staff drills')."""
    from frontdesk.services import overdose

    actor = _actor()
    done = overdose.void_drill(actor, drill_id, reason)
    click.echo(f"Voided drill {done.id} ({done.initials}, {done.kind}, {done.drill_date}).")


@click.command("drills")
@click.argument("initials", required=False)
def staff_drills(initials: str | None) -> None:
    """List recorded drills, newest first (one member's with INITIALS)."""
    from frontdesk.services import overdose

    actor = _actor()
    for d in overdose.drills(actor.centre_id, initials):
        voided = "  voided" if d.voided else ""
        click.echo(f"{d.id:>5}  {d.drill_date.isoformat()}  {d.initials:<5} {d.kind}{voided}")


@click.command("training")
@click.argument("kind", type=click.Choice(TRAINING_KINDS))
@click.argument("people", type=int)
@click.option("--date", "business_date", type=ISO_DATE, help="An earlier open day (a correction).")
def training(kind: str, people: int, business_date: dt.date | None) -> None:
    """Record a CPR or naloxone session for visitors: how many people (1–200), no names."""
    from frontdesk.services import overdose

    actor = _actor()
    done = overdose.record_training(actor, kind, people, business_date=business_date)
    click.echo(
        f"Recorded a {done.kind} session of {done.people} on {done.business_date.isoformat()}."
    )


@click.command("referral")
@click.argument("kind", type=click.Choice(REFERRAL_KINDS))
@click.option("--date", "business_date", type=ISO_DATE, help="An earlier open day (a correction).")
def referral(kind: str, business_date: dt.date | None) -> None:
    """Record an anonymous referral to LAR, detox, the health room, legevakt, NAV,
    housing or other help."""
    from frontdesk.services import overdose

    actor = _actor()
    done = overdose.record_referral(actor, kind, business_date=business_date)
    click.echo(f"Recorded a referral to {done.kind} on {done.business_date.isoformat()}.")


def help_table(rep: Any) -> Any:
    """`frontdesk report`'s table of the overdose response and the right help: the period's
    totals per centre, the reported overdose reversals first (blank: predated by the days'
    tallies)."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    from frontdesk.services import report as reports
    from frontdesk.services.papers import REVERSALS_KEY

    codes = [c.code for c in rep.centres]
    table = Table(
        title="Overdose response and the right help", box=box.SIMPLE_HEAD, title_justify="left"
    )
    table.add_column("Figure")
    for code in codes:
        table.add_column(escape(code), justify="right")
    if len(codes) > 1:
        table.add_column("Total", justify="right")
    rows = [("Reported overdose reversals", REVERSALS_KEY)] + [
        (m.column or m.key, m.key) for m in reports.help_metrics()
    ]
    for label, key in rows:
        per_centre = rep.help_totals.get(key, {})
        values = [per_centre.get(code) for code in codes]
        known = [v for v in values if v is not None]
        cells = ["" if v is None else f"{v:,}" for v in values]
        if len(codes) > 1:
            cells.append(f"{sum(known):,}" if known else "")
        table.add_row(label, *cells)
    return table
