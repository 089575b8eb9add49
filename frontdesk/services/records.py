"""Dated records: the one way one is written (``add``) and undone (``void_row``).

A new record carries its centre, the business date and time of its stamp
(``days.stamp`` / ``days.stamp_on``) and who wrote it, and is audited in the
same transaction (a correction names the day it corrects). Nothing is deleted:
a voided record keeps its row, marked with when, by whom and why, and counts
nowhere. Every void in the services goes through ``void_row``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from frontdesk import clock
from frontdesk.errors import FrontdeskError
from frontdesk.services import audit, days
from frontdesk.services.actor import Actor

if TYPE_CHECKING:
    from frontdesk.db.models import Dated

MAX_ID = 2**31 - 1  # PostgreSQL's integer
D = TypeVar("D", bound="Dated")


def stamped(actor: Actor, st: days.Stamp, model: type[D], /, **fields: Any) -> D:
    """A new row of a dated model, stamped: the actor's centre and staff id, the stamp's
    time and business date. Inside the caller's transaction, after its checks."""
    return model.create(
        centre=actor.centre_id,
        business_date=st.business_date,
        at=st.at,
        staff=actor.staff_id,
        **fields,
    )


def add(
    actor: Actor,
    st: days.Stamp,
    model: type[D],
    action: str,
    detail: dict[str, Any],
    /,
    **fields: Any,
) -> D:
    """Write one dated record (``stamped``) and its audit event ``action`` on it.

    The event carries ``detail`` and, for a correction, the day it corrects.
    Inside the caller's transaction; returns the row.
    """
    row = stamped(actor, st, model, **fields)
    audit.record(actor, action, model._meta.table_name, row.id, **detail, **st.detail)
    return row


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
    for one voided before, and ``DayClosed`` for a record of a closed day (a
    record of no business day, such as a staff drill, has no day to be closed).
    Returns the row, for the caller's audit event and answer.
    """
    row = model.get_or_none((model.id == record_id(number)) & (model.centre == actor.centre_id))
    if row is None:
        raise missing
    if row.voided_at is not None:
        raise already
    if "business_date" in model._meta.fields:
        days.ensure_open(actor.centre_id, row.business_date)
    row.voided_at = clock.to_db(clock.utcnow())
    row.voided_by = actor.staff_id
    row.void_reason = reason
    row.save()
    return row
