"""Staff, PINs and sign-on.

PINs are stored as salted scrypt hashes and compared in constant time. Repeated
wrong PINs lock that staff member out for a while; every failed PIN is audited.
Staff are disabled, never deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from db.models import Staff
from frontdesk import clock
from frontdesk.errors import BadInput, LockedOut, NotAllowed, NotFound, WrongPin
from frontdesk.services import audit, store
from frontdesk.services.settings import get_settings

ROLES = ("desk", "lead")
INITIALS_RE = re.compile(r"^[A-Za-zÆØÅæøå]{2,4}$")
PIN_RE = re.compile(r"^[0-9]{4,8}$")

# scrypt cost: about 50 ms and 16 MiB per check on a desk PC.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


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


@dataclass(frozen=True)
class StaffInfo:
    id: int
    initials: str
    role: str
    active: bool
    locked_until: dt.datetime | None


def require_lead(actor: Actor, what: str) -> None:
    """Refuse a lead action to desk staff, with a sentence naming the action."""
    if not actor.is_lead:
        raise NotAllowed(f"Only a shift lead may {what}.", nb="Bare en vaktleder kan gjøre dette.")


def normalise_initials(initials: str) -> str:
    text = (initials or "").strip()
    if not INITIALS_RE.match(text):
        raise BadInput("Initials are 2 to 4 letters.", nb="Initialer er 2 til 4 bokstaver.")
    return text.upper()


def check_pin_format(pin: str) -> str:
    if not isinstance(pin, str) or not PIN_RE.match(pin):
        raise BadInput("A PIN is 4 to 8 digits.", nb="En PIN er 4 til 8 sifre.")
    return pin


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        pin.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p)
    )
    return hmac.compare_digest(digest, bytes.fromhex(digest_hex))


def _info(row: Staff) -> StaffInfo:
    locked = clock.as_utc(row.locked_until) if row.locked_until else None
    return StaffInfo(row.id, row.initials, row.role, row.active, locked)


def _get(centre_id: int, initials: str) -> Staff:
    row = Staff.get_or_none((Staff.centre == centre_id) & (Staff.initials == initials))
    if row is None:
        raise NotFound(f"There is no staff member with the initials {initials}.")
    return row


def add_staff(actor: Actor, initials: str, pin: str, role: str = "desk") -> StaffInfo:
    """Add a staff member (lead only). Refuses bad initials or PIN and duplicates."""
    require_lead(actor, "manage staff")
    initials = normalise_initials(initials)
    check_pin_format(pin)
    if role not in ROLES:
        raise BadInput("The role is 'desk' or 'lead'.")
    pin_hash = hash_pin(pin)  # slow: outside the transaction
    with store.write():
        if Staff.get_or_none((Staff.centre == actor.centre_id) & (Staff.initials == initials)):
            raise BadInput(f"There is already a staff member with the initials {initials}.")
        row = Staff.create(centre=actor.centre_id, initials=initials, role=role, pin_hash=pin_hash)
        audit.record(actor, "staff.add", "staff", row.id, role=role)
    return _info(row)


def disable_staff(actor: Actor, initials: str) -> StaffInfo:
    """Disable a staff member (lead only): they can no longer sign on. Nothing is deleted."""
    require_lead(actor, "manage staff")
    initials = normalise_initials(initials)
    with store.write():
        row = _get(actor.centre_id, initials)
        if actor.staff_id == row.id:
            raise BadInput("You cannot disable yourself.", nb="Du kan ikke deaktivere deg selv.")
        if not row.active:
            raise BadInput(f"{initials} is already disabled.")
        row.active = False
        row.save()
        audit.record(actor, "staff.disable", "staff", row.id)
    return _info(row)


def list_staff(centre_id: int) -> list[StaffInfo]:
    rows = Staff.select().where(Staff.centre == centre_id).order_by(Staff.initials)
    return [_info(r) for r in rows]


def sign_on(centre_id: int, initials: str, pin: str) -> Actor:
    """Check initials and PIN; return the actor for every later action.

    A wrong PIN is audited and counted; after the configured number in a row
    the member is locked out for the configured minutes. Unknown initials and a
    wrong PIN give the same sentence.
    """
    return _verify(centre_id, initials, pin, action="sign_on")


def confirm_pin(actor: Actor, pin: str) -> None:
    """Ask a signed-on member for their PIN again (e.g. to reopen a day)."""
    if actor.staff_id is None:
        return  # the command line has no PIN of its own
    _verify(actor.centre_id, actor.initials, pin, action="confirm_pin")


def lead_actor(centre_id: int, initials: str, pin: str, what: str) -> Actor:
    """A shift lead's initials and PIN typed at another member's desk: that lead, for one
    action (audited as "lead_pin"). Refuses a wrong PIN like at sign-on, and a member who
    is not a lead.
    """
    lead = _verify(centre_id, initials, pin, action="lead_pin")
    require_lead(lead, what)
    return lead


def _verify(centre_id: int, initials: str, pin: str, action: str) -> Actor:
    try:
        initials = normalise_initials(initials)
    except BadInput:
        raise WrongPin("Wrong initials or PIN.", nb="Feil initialer eller PIN.") from None
    settings = get_settings(centre_id)
    now = clock.utcnow()
    failure: Exception | None = None
    with store.write():
        row = Staff.get_or_none((Staff.centre == centre_id) & (Staff.initials == initials))
        if row is None:
            audit.record(None, "pin.failed", "staff", None, centre_id=centre_id, reason="unknown")
            failure = WrongPin("Wrong initials or PIN.", nb="Feil initialer eller PIN.")
        elif not row.active:
            audit.record(
                None, "pin.refused", "staff", row.id, centre_id=centre_id, reason="disabled"
            )
            failure = NotAllowed(
                f"{initials} is disabled; ask a shift lead.",
                nb=f"{initials} er deaktivert; spør en vaktleder.",
            )
        elif row.locked_until and clock.as_utc(row.locked_until) > now:
            minutes = _minutes_left(clock.as_utc(row.locked_until), now)
            audit.record(None, "pin.refused", "staff", row.id, centre_id=centre_id, reason="locked")
            failure = LockedOut(
                f"{initials} is locked after wrong PINs; try again in {minutes} min.",
                nb=f"{initials} er sperret etter feil PIN; prøv igjen om {minutes} min.",
            )
        elif not pin_matches(str(pin), row.pin_hash):
            row.failed_pins += 1
            detail = {"reason": "wrong", "in_a_row": row.failed_pins}
            if row.failed_pins >= settings.lockout_attempts:
                row.locked_until = clock.to_db(now + dt.timedelta(minutes=settings.lockout_minutes))
                row.failed_pins = 0
                detail["locked_minutes"] = settings.lockout_minutes
                failure = LockedOut(
                    f"Wrong PIN: {initials} is locked for {settings.lockout_minutes} min.",
                    nb=f"Feil PIN: {initials} er sperret i {settings.lockout_minutes} min.",
                )
            else:
                failure = WrongPin("Wrong initials or PIN.", nb="Feil initialer eller PIN.")
            row.save()
            audit.record(None, "pin.failed", "staff", row.id, centre_id=centre_id, **detail)
        else:
            if row.failed_pins or row.locked_until:
                row.failed_pins = 0
                row.locked_until = None
                row.save()
            actor = Actor(centre_id, row.id, row.initials, row.role)
            audit.record(actor, action, "staff", row.id)
    # Raised after the commit, so the count and the audit event are kept.
    if failure is not None:
        raise failure
    return actor


def _minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    return max(1, int((until - now).total_seconds() + 59) // 60)


def sign_off(actor: Actor, reason: str = "lock") -> None:
    with store.write():
        audit.record(actor, "sign_off", "staff", actor.staff_id, reason=reason)
