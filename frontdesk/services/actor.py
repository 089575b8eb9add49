"""Who acts: the signed-on staff member or the command line, and the lead-only rule.

Every service takes an ``Actor``; this module imports no other service, so any
service (audit, settings, days, staff, …) can use it without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.errors import NotAllowed


@dataclass(frozen=True)
class Actor:
    """Who acts: the signed-on staff member, or the command line."""

    centre_id: int
    staff_id: int | None
    initials: str
    role: str

    @property
    def is_lead(self) -> bool:
        return self.role == "lead"

    @classmethod
    def cli(cls, centre_id: int) -> Actor:
        """The command line acts with a lead's rights; its changes are audited as 'cli'."""
        return cls(centre_id=centre_id, staff_id=None, initials="cli", role="lead")


def require_lead(actor: Actor, what: str) -> None:
    """Refuse a lead action to desk staff, with a sentence naming the action."""
    if not actor.is_lead:
        raise NotAllowed("error.actor.shift_lead_may", what=what)
