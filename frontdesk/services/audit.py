"""The audit trail: append-only events, written in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from frontdesk import clock
from frontdesk.db.models import AuditEvent
from frontdesk.services.actor import Actor


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    action: str
    entity: str | None
    entity_id: int | None
    detail: dict[str, Any]


def record(
    actor: Actor | None,
    action: str,
    entity: str | None = None,
    entity_id: int | None = None,
    *,
    centre_id: int | None = None,
    **detail: Any,
) -> None:
    """Append one event. Call it inside the transaction of the change it records.

    ``detail`` must carry no personal data: ids, counts, amounts, reasons.
    """
    AuditEvent.create(
        at=clock.to_db(clock.utcnow()),
        centre=centre_id if centre_id is not None else (actor.centre_id if actor else None),
        staff=actor.staff_id if actor else None,
        actor=actor.initials if actor else "-",
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=json.dumps(detail, default=str, ensure_ascii=False, sort_keys=True),
    )


def recent(centre_id: int, limit: int = 50, action: str | None = None) -> list[AuditEntry]:
    """The newest events of a centre, newest first."""
    query = AuditEvent.select().where(AuditEvent.centre == centre_id)
    if action:
        query = query.where(AuditEvent.action == action)
    rows = query.order_by(AuditEvent.id.desc()).limit(limit)
    return [
        AuditEntry(
            clock.as_utc(r.at), r.actor, r.action, r.entity, r.entity_id, json.loads(r.detail)
        )
        for r in rows
    ]
