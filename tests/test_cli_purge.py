"""`frontdesk purge`: old individual rows go, Z-reports, exports and stock on hand stay."""

from __future__ import annotations

import json

from peewee import fn

from frontdesk.db.models import (
    AuditEvent,
    DayClose,
    HandOut,
    HandOutLine,
    MegafonDelivery,
    MegafonIssue,
    MegafonSale,
    SupplyDelivery,
    SupplyItem,
    Visit,
    Visitor,
)
from frontdesk.services.actor import Actor
from tests.test_cli_export import DAY, NEXT, at, run, seed


def stock() -> dict[str, int]:
    """Stock on hand per supply item and Megafon issue: deliveries minus hand-outs and sales."""
    out = {}
    for item in SupplyItem.select():
        delivered = SupplyDelivery.select(fn.SUM(SupplyDelivery.quantity)).where(
            (SupplyDelivery.item == item) & SupplyDelivery.voided_at.is_null()
        )
        handed = (
            HandOutLine.select(fn.SUM(HandOutLine.quantity))
            .join(HandOut)
            .where((HandOutLine.item == item) & HandOut.voided_at.is_null())
        )
        out[item.code] = int(delivered.scalar() or 0) - int(handed.scalar() or 0)
    for issue in MegafonIssue.select():
        delivered = MegafonDelivery.select(fn.SUM(MegafonDelivery.copies)).where(
            (MegafonDelivery.issue == issue) & MegafonDelivery.voided_at.is_null()
        )
        sold = MegafonSale.select(fn.SUM(MegafonSale.copies)).where(
            (MegafonSale.issue == issue) & MegafonSale.voided_at.is_null()
        )
        out[f"issue {issue.number}"] = int(delivered.scalar() or 0) - int(sold.scalar() or 0)
    return out


def seed_with_stock(lead: Actor) -> None:
    seed(lead)
    c = lead.centre_id
    for item in SupplyItem.select().where(SupplyItem.code.in_(["SPR2ML", "NALOX"])):
        SupplyDelivery.create(centre=c, item=item, quantity=100, at=at(DAY, 9), business_date=DAY)
    issue = MegafonIssue.get()
    MegafonDelivery.create(centre=c, issue=issue, copies=50, at=at(DAY, 9), business_date=DAY)
    # A later hand-out that (oddly) points at a visit of the purged day keeps its own data.
    HandOut.create(
        centre=c,
        visit=Visit.select().where(Visit.business_date == DAY).first(),
        at=at(NEXT, 12),
        business_date=NEXT,
    )


def exports(backend: str) -> list[str]:
    out = []
    for args in ((), ("--include-open",), ("--layout", "long"), ("--format", "json")):
        result = run("--db", backend, "export", "--from", "2026-03-01", "--to", "2026-03-04", *args)
        assert result.exit_code == 0, result.stderr
        out.append(result.stdout)
    return out


def test_purge_keeps_exports_and_stock_identical(backend: str, lead: Actor) -> None:
    seed_with_stock(lead)
    before_exports, before_stock = exports(backend), stock()
    assert before_stock["SPR2ML"] == 90 and before_stock["issue 2026-03"] == 43

    result = run("--db", backend, "purge", "--before", NEXT.isoformat(), "--yes")
    assert result.exit_code == 0, result.stderr
    assert (
        "Deleted from 1 closed day before 2026-03-03 at STR: 6 visits, 2 hand-outs" in result.stdout
    )

    assert exports(backend) == before_exports
    assert stock() == before_stock
    assert Visit.select().where(Visit.business_date == DAY).count() == 0
    assert Visit.select().where(Visit.business_date == NEXT).count() == 1
    assert MegafonSale.select().count() == 0
    assert HandOut.select().where(HandOut.business_date == DAY).count() == 0
    assert HandOut.get(HandOut.business_date == NEXT).visit is None
    assert DayClose.select().count() == 1
    # The regular's code is no longer referenced; the participant and the vendor stay.
    assert sorted(v.code for v in Visitor.select()) == ["DV70", "MF66"]
    event = AuditEvent.get(AuditEvent.action == "purge")
    detail = json.loads(event.detail)
    assert (event.actor, detail["visits"], detail["megafon_sales"]) == ("cli", 6, 3)
    assert detail["visitor_codes"] == 1 and detail["before"] == "2026-03-03"


def test_purge_refuses_a_day_that_is_not_closed(backend: str, lead: Actor) -> None:
    seed_with_stock(lead)
    result = run("--db", backend, "purge", "--before", "2026-03-10", "--yes")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: The day 2026-03-03 at STR has records but is not closed; close it before purging."
    )
    assert Visit.select().count() == 7  # nothing deleted


def test_purge_without_yes_and_without_a_terminal_refuses(backend: str, lead: Actor) -> None:
    seed_with_stock(lead)
    result = run("--db", backend, "purge", "--before", NEXT.isoformat())
    assert result.exit_code != 0
    assert "pass --yes" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2
    assert Visit.select().count() == 7
    assert AuditEvent.select().where(AuditEvent.action == "purge").count() == 0


def test_nothing_to_purge_changes_nothing(backend: str, lead: Actor) -> None:
    seed_with_stock(lead)
    result = run("--db", backend, "purge", "--before", DAY.isoformat(), "--yes")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Nothing to purge before 2026-03-02."
    assert AuditEvent.select().where(AuditEvent.action == "purge").count() == 0


def test_purging_twice_is_harmless(backend: str, lead: Actor) -> None:
    seed_with_stock(lead)
    before_stock = stock()
    assert run("--db", backend, "purge", "--before", NEXT.isoformat(), "--yes").exit_code == 0
    again = run("--db", backend, "purge", "--before", NEXT.isoformat(), "--yes")
    assert again.stdout.strip() == "Nothing to purge before 2026-03-03."
    assert stock() == before_stock
