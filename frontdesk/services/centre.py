"""Centres: creating one (``frontdesk init``) and finding the one a desk serves."""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.models import Centre, Setting, Staff
from frontdesk.errors import BadInput, NotFound
from frontdesk.services import audit, store, validate
from frontdesk.services.staff import (
    Actor,
    StaffInfo,
    check_pin_format,
    hash_pin,
    normalise_initials,
)

CODE_RE = re.compile(r"^[A-Za-z0-9]{2,12}$")


@dataclass(frozen=True)
class CentreInfo:
    id: int
    code: str
    name: str


def _info(row: Centre) -> CentreInfo:
    return CentreInfo(row.id, row.code, row.name)


def init_centre(
    code: str,
    name: str,
    lead_initials: str,
    lead_pin: str,
    *,
    settings: dict[str, str] | None = None,
) -> tuple[CentreInfo, StaffInfo]:
    """Create a centre with its first shift lead, default settings and supply catalogue.

    Refuses a bad code, name, initials or PIN, and a centre code already present.
    """
    from frontdesk.config import CentreSettings
    from frontdesk.services.supplies import install_default_catalogue

    code = validate.centre_code(code)
    name = validate.text(name, "centre name", 100, nb_field="senternavnet")
    initials = normalise_initials(lead_initials)
    check_pin_format(lead_pin)
    chosen = CentreSettings()
    for key, value in (settings or {}).items():
        chosen = chosen.with_value(key, value)
    pin_hash = hash_pin(lead_pin)
    with store.write():
        if Centre.get_or_none(Centre.code == code):
            raise BadInput(f"The centre {code} already exists in this database.")
        centre = Centre.create(code=code, name=name)
        Setting.insert_many(
            [{"centre": centre.id, "key": k, "value": v} for k, v in chosen.as_text().items()]
        ).execute()
        lead = Staff.create(centre=centre, initials=initials, role="lead", pin_hash=pin_hash)
        actor = Actor.cli(centre.id)
        install_default_catalogue(centre.id)
        audit.record(actor, "centre.init", "centre", centre.id, code=code)
        audit.record(actor, "staff.add", "staff", lead.id, role="lead")
    return _info(centre), StaffInfo(lead.id, lead.initials, lead.role, True, None)


def list_centres() -> list[CentreInfo]:
    return [_info(r) for r in Centre.select().order_by(Centre.id)]


def find_centre(code: str | None = None) -> CentreInfo:
    """The centre with this code; without a code, the only (or first) centre."""
    if code:
        wanted = code.strip().upper()
        # A code that cannot exist (bad characters, undecodable bytes) never reaches a query.
        row = Centre.get_or_none(Centre.code == wanted) if CODE_RE.match(wanted) else None
        if row is None:
            raise NotFound(f"There is no centre with the code {validate.shown(wanted)}.")
        return _info(row)
    row = Centre.select().order_by(Centre.id).first()
    if row is None:
        raise NotFound("The database has no centre yet: run 'frontdesk init'.")
    return _info(row)
