"""Voiding: the one way a mistake is undone at the desk. Nothing is deleted.

A voided record keeps its row, marked with when, by whom and why, and counts
nowhere. Every void in the services goes through ``void_row``.
"""

from __future__ import annotations

from typing import Any

from frontdesk import clock
from frontdesk.errors import FrontdeskError
from frontdesk.services import days
from frontdesk.services.actor import Actor

MAX_ID = 2**31 - 1  # PostgreSQL's integer


def record_id(value: object) -> int | None:
    """A record number as the database can take it, or None (then nothing has it)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        return None
    return value


def void_row(
    actor: Actor,
    model: Any,
    number: object,
    reason: str,
    *,
    missing: FrontdeskError,
    already: FrontdeskError,
) -> Any:
    """Mark one of the centre's dated records voided, inside the caller's transaction.

    Raises ``missing`` for an unknown record (or another centre's), ``already``
    for one voided before, and ``DayClosed`` for a record of a closed day.
    Returns the row, for the caller's audit event and answer.
    """
    row = model.get_or_none((model.id == record_id(number)) & (model.centre == actor.centre_id))
    if row is None:
        raise missing
    if row.voided_at is not None:
        raise already
    days.ensure_open(actor.centre_id, row.business_date)
    row.voided_at = clock.to_db(clock.utcnow())
    row.voided_by = actor.staff_id
    row.void_reason = reason
    row.save()
    return row
