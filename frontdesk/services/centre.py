"""Centres: creating one (``frontdesk init``) and finding the one a desk serves."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from frontdesk.config import CentreSettings
from frontdesk.db.connect import is_url
from frontdesk.db.models import Centre, Setting, Staff, database
from frontdesk.errors import BadInput, NotFound
from frontdesk.services import audit, outputs, store, validate
from frontdesk.services.actor import Actor
from frontdesk.services.staff import StaffInfo, check_pin_format, hash_pin, normalise_initials

CODE_RE = re.compile(r"^[A-Za-z0-9]{2,12}$")


@dataclass(frozen=True)
class CentreInfo:
    id: int
    code: str
    name: str


def _info(row: Centre) -> CentreInfo:
    return CentreInfo(row.id, row.code, row.name)


@dataclass(frozen=True)
class NewCentre:
    """A centre's first details, checked: what ``init_centre`` will store."""

    code: str
    name: str
    lead_initials: str
    settings: CentreSettings


def check_new_centre(
    code: str,
    name: str,
    lead_initials: str,
    lead_pin: str,
    settings: dict[str, str] | None = None,
) -> NewCentre:
    """Refuse a bad code, name, initials, PIN or setting (before anything is created)."""
    code = validate.centre_code(code)
    name = validate.text(name, "centre name", 100, nb_field="senternavnet")
    initials = normalise_initials(lead_initials)
    check_pin_format(lead_pin)
    chosen = CentreSettings()
    for key, value in (settings or {}).items():
        chosen = chosen.with_value(key, value)
    return NewCentre(code, name, initials, chosen)


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
    from frontdesk.services.supplies import install_default_catalogue

    new = check_new_centre(code, name, lead_initials, lead_pin, settings)
    pin_hash = hash_pin(lead_pin)
    with store.write():
        if Centre.get_or_none(Centre.code == new.code):
            raise BadInput("error.centre.centre_already_exists_database", code=new.code)
        centre = Centre.create(code=new.code, name=new.name)
        Setting.insert_many(
            [{"centre": centre.id, "key": k, "value": v} for k, v in new.settings.as_text().items()]
        ).execute()
        lead = Staff.create(
            centre=centre, initials=new.lead_initials, role="lead", pin_hash=pin_hash
        )
        actor = Actor.cli(centre.id)
        install_default_catalogue(centre.id)
        audit.record(actor, "centre.init", "centre", centre.id, code=new.code)
        audit.record(actor, "staff.add", "staff", lead.id, role="lead")
    return _info(centre), StaffInfo(lead.id, lead.initials, lead.role, True, None)


def init_database(
    target: str, code: str, name: str, lead_initials: str, lead_pin: str
) -> tuple[CentreInfo, StaffInfo]:
    """``frontdesk init``: create (or upgrade) the database at a path or URL, then the centre.

    Everything is checked before anything is created; a new SQLite file that
    the centre could not be added to is removed again, so no schema-only
    database is left behind. The SQLite file is made owner-only, also one
    that existed before.
    """
    check_new_centre(code, name, lead_initials, lead_pin)
    files = [] if is_url(target) else outputs.database_files(target)
    new_file = bool(files) and not files[0].exists()
    try:
        store.open_store(target, create=True, upgrade=True)
        for path in files:
            if path.exists():
                os.chmod(path, 0o600)
        return init_centre(code, name, lead_initials, lead_pin)
    except BaseException:
        if new_file:
            if database.obj is not None:
                database.obj.close()
            for path in files:
                path.unlink(missing_ok=True)
        raise


def list_centres() -> list[CentreInfo]:
    return [_info(r) for r in Centre.select().order_by(Centre.id)]


def find_centre(code: str | None = None) -> CentreInfo:
    """The centre with this code; without a code, the only (or first) centre."""
    if code:
        wanted = code.strip().upper()
        # A code that cannot exist (bad characters, undecodable bytes) never reaches a query.
        row = Centre.get_or_none(Centre.code == wanted) if CODE_RE.match(wanted) else None
        if row is None:
            raise NotFound("error.centre.no_centre_code", code=validate.shown(wanted))
        return _info(row)
    row = Centre.select().order_by(Centre.id).first()
    if row is None:
        raise NotFound("error.centre.database_no_centre_yet")
    return _info(row)
