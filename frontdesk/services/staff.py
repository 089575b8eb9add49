"""Staff, PINs and sign-on.

PINs are stored as salted scrypt hashes over a secret pepper (a key file kept
outside the database, see ``pepper``) and the PIN, compared in constant time;
a PIN stored before the pepper still works and is re-hashed with it at its
next sign-on. Repeated wrong PINs lock that staff member out for a while;
every failed PIN is audited. The slow hash never runs inside a write
transaction: a sign-on first takes one attempt from the member's allowance
(a short, atomic write), checks the PIN, then writes only the result, so
parallel guesses can neither share an attempt nor hold other desks up.
Staff are disabled, never deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from frontdesk import clock, db
from frontdesk.db.models import Staff
from frontdesk.errors import BadInput, LockedOut, NotAllowed, NotFound, WrongPin
from frontdesk.services import audit, pepper, store
from frontdesk.services.actor import Actor, require_lead
from frontdesk.services.settings import get_settings
from frontdesk.services.vocab import ROLES

INITIALS_RE = re.compile(r"^[A-Za-zÆØÅæøå]{2,4}$")
PIN_RE = re.compile(r"^[0-9]{4,8}$")

# scrypt cost: about 50 ms and 16 MiB per check on a desk PC.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


@dataclass(frozen=True)
class StaffInfo:
    id: int
    initials: str
    role: str
    active: bool
    locked_until: dt.datetime | None


def normalise_initials(initials: str) -> str:
    text = (initials or "").strip()
    if not INITIALS_RE.match(text):
        raise BadInput("error.staff.initials_letters")
    return text.upper()


def check_pin_format(pin: str) -> str:
    if not isinstance(pin, str) or not PIN_RE.match(pin):
        raise BadInput("error.staff.pin_digits")
    return pin


PEPPERED = "scrypt-pepper"


def hash_pin(pin: str, key: pepper.Pepper | None = None) -> str:
    """A salted scrypt hash over the pepper and the PIN (slow: call it outside a transaction)."""
    key = key or _pepper_for_new_hash()
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        key.key + pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P
    )
    return (
        f"{PEPPERED}${key.key_id}${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"
    )


def _pepper_for_new_hash(*, create: bool = False) -> pepper.Pepper:
    """The key file's pepper; made when missing if ``create`` or no PIN needs another one."""
    key = pepper.load()
    if key is not None:
        return key
    if create or not Staff.select().where(Staff.pin_hash.startswith(PEPPERED + "$")).exists():
        return pepper.create()
    return pepper.require("")  # raises: PINs here were made with a key that is not at hand


def _key_for(stored: str) -> pepper.Pepper | None:
    """The pepper a stored hash needs (None for a hash made before the pepper)."""
    if not stored.startswith(PEPPERED + "$"):
        return None
    return pepper.require(stored.split("$")[1])


def pin_matches(pin: str, stored: str, key: pepper.Pepper | None = None) -> bool:
    """Whether the PIN fits the stored hash (peppered, or from before the pepper)."""
    parts = stored.split("$")
    if parts[0] == PEPPERED and len(parts) == 7:
        key = key or _key_for(stored)
        assert key is not None
        secret = key.key + pin.encode()
        n, r, p, salt_hex, digest_hex = parts[2:]
    elif parts[0] == "scrypt" and len(parts) == 6:
        secret = pin.encode()
        n, r, p, salt_hex, digest_hex = parts[1:]
    else:
        return False
    digest = hashlib.scrypt(secret, salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(digest, bytes.fromhex(digest_hex))


def _info(row: Staff) -> StaffInfo:
    locked = clock.as_utc(row.locked_until) if row.locked_until else None
    return StaffInfo(row.id, row.initials, row.role, row.active, locked)


def _get(centre_id: int, initials: str) -> Staff:
    row = Staff.get_or_none((Staff.centre == centre_id) & (Staff.initials == initials))
    if row is None:
        raise NotFound("error.staff.no_staff_member_initials", initials=initials)
    return row


def add_staff(actor: Actor, initials: str, pin: str, role: str = "desk") -> StaffInfo:
    """Add a staff member (lead only). Refuses bad initials or PIN and duplicates."""
    require_lead(actor, "manage staff")
    initials = normalise_initials(initials)
    check_pin_format(pin)
    if role not in ROLES:
        raise BadInput("error.staff.role_desk_lead")
    pin_hash = hash_pin(pin)  # slow: outside the transaction
    with store.write():
        if Staff.get_or_none((Staff.centre == actor.centre_id) & (Staff.initials == initials)):
            raise BadInput("error.staff.already_staff_member_initials", initials=initials)
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
            raise BadInput("error.staff.you_cannot_disable_yourself")
        if not row.active:
            raise BadInput("error.staff.already_disabled", initials=initials)
        if row.role == "lead" and not _other_active_leads(actor.centre_id, row.id):
            raise BadInput("error.staff.centre_s_last_active", initials=initials)
        row.active = False
        row.save()
        audit.record(actor, "staff.disable", "staff", row.id)
    return _info(row)


def _other_active_leads(centre_id: int, staff_id: int) -> int:
    """The centre's other active leads, locked on PostgreSQL so two disables cannot cross."""
    query = Staff.select(Staff.id).where(
        (Staff.centre == centre_id) & (Staff.role == "lead") & Staff.active
    )
    if db.is_postgres():
        query = query.for_update()
    return sum(1 for row in query if row.id != staff_id)


def reset_pin(actor: Actor, initials: str, pin: str) -> StaffInfo:
    """Give a member a new PIN (lead only), e.g. when the PIN key file was lost.

    Hashes with the key file at hand, making one if there is none; clears a
    lockout. Refuses bad initials or PIN and an unknown member.
    """
    require_lead(actor, "manage staff")
    initials = normalise_initials(initials)
    check_pin_format(pin)
    pin_hash = hash_pin(pin, _pepper_for_new_hash(create=True))  # slow: outside the transaction
    with store.write():
        row = _get(actor.centre_id, initials)
        Staff.update(pin_hash=pin_hash, failed_pins=0, locked_until=None).where(
            Staff.id == row.id
        ).execute()
        audit.record(actor, "staff.reset_pin", "staff", row.id)
    return _info(Staff.get_by_id(row.id))


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


def _row_for_update(centre_id: int, initials: str) -> Staff | None:
    """The member's row, locked until the transaction ends (SQLite: BEGIN IMMEDIATE does it)."""
    query = Staff.select().where((Staff.centre == centre_id) & (Staff.initials == initials))
    if db.is_postgres():
        query = query.for_update()
    row: Staff | None = query.first()
    return row


def _wrong() -> WrongPin:
    return WrongPin("error.staff.wrong_initials_pin")


def _locked(initials: str, until: dt.datetime, now: dt.datetime) -> LockedOut:
    minutes = _minutes_left(until, now)
    return LockedOut("error.staff.locked_after_wrong_pins", initials=initials, minutes=minutes)


def _refusal(
    row: Staff | None, centre_id: int, initials: str, now: dt.datetime
) -> Exception | None:
    """Why this member cannot try a PIN now (audited), or None."""
    if row is None:
        audit.record(None, "pin.failed", "staff", None, centre_id=centre_id, reason="unknown")
        return _wrong()
    if not row.active:
        audit.record(None, "pin.refused", "staff", row.id, centre_id=centre_id, reason="disabled")
        return NotAllowed("error.staff.disabled_ask_shift_lead", initials=initials)
    if row.locked_until and clock.as_utc(row.locked_until) > now:
        audit.record(None, "pin.refused", "staff", row.id, centre_id=centre_id, reason="locked")
        return _locked(initials, clock.as_utc(row.locked_until), now)
    return None


def _lock(row: Staff, settings: Any, now: dt.datetime) -> None:
    Staff.update(
        failed_pins=0,
        locked_until=clock.to_db(now + dt.timedelta(minutes=settings.lockout_minutes)),
    ).where(Staff.id == row.id).execute()


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
        raise _wrong() from None
    settings = get_settings(centre_id)

    # 1. Take one attempt from the allowance, atomically (a short write).
    failure: Exception | None = None
    with store.write():
        now = clock.utcnow()
        row = _row_for_update(centre_id, initials)
        failure = _refusal(row, centre_id, initials, now)
        if failure is None:
            assert row is not None
            key = _key_for(row.pin_hash)  # a missing key file is said before an attempt is spent
            if row.failed_pins >= settings.lockout_attempts:
                # As many attempts as allowed are already being checked: no more guesses.
                _lock(row, settings, now)
                audit.record(
                    None, "pin.refused", "staff", row.id, centre_id=centre_id, reason="attempts"
                )
                failure = _locked(
                    initials, now + dt.timedelta(minutes=settings.lockout_minutes), now
                )
            else:
                Staff.update(failed_pins=Staff.failed_pins + 1).where(Staff.id == row.id).execute()
                stored = row.pin_hash
    if failure is not None:
        raise failure  # after the commit: the audit event is kept
    assert row is not None

    # 2. The slow part, outside any transaction.
    right = pin_matches(str(pin), stored, key)
    new_hash = None
    if right and not stored.startswith(PEPPERED + "$"):
        with suppress(pepper.KeyUnavailable):
            new_hash = hash_pin(str(pin))  # re-hashed with the pepper at this sign-on

    # 3. Write only the result.
    with store.write():
        now = clock.utcnow()
        current = _row_for_update(centre_id, initials)
        failure = _refusal(current, centre_id, initials, now)
        if failure is None and current is not None and current.pin_hash != stored:
            right = False  # the PIN was changed meanwhile: this one was checked against the old
        if failure is None and current is not None and right:
            changes: dict[Any, Any] = {Staff.failed_pins: 0, Staff.locked_until: None}
            if new_hash:
                changes[Staff.pin_hash] = new_hash
            Staff.update(changes).where(Staff.id == current.id).execute()
            actor = Actor(centre_id, current.id, current.initials, current.role)
            audit.record(actor, action, "staff", current.id)
        elif failure is None and current is not None:
            in_a_row = current.failed_pins
            detail: dict[str, Any] = {"reason": "wrong", "in_a_row": in_a_row}
            if in_a_row >= settings.lockout_attempts:
                _lock(current, settings, now)
                detail["locked_minutes"] = settings.lockout_minutes
                failure = LockedOut(
                    "error.staff.wrong_pin_locked_min",
                    initials=initials,
                    lockout_minutes=settings.lockout_minutes,
                )
            else:
                failure = _wrong()
            audit.record(None, "pin.failed", "staff", current.id, centre_id=centre_id, **detail)
    if failure is not None:
        raise failure
    return actor


def _minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    return max(1, int((until - now).total_seconds() + 59) // 60)


def sign_off(actor: Actor, reason: str = "lock") -> None:
    with store.write():
        audit.record(actor, "sign_off", "staff", actor.staff_id, reason=reason)
