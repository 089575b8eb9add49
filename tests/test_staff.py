"""Staff, PINs, sign-on, lockout and roles — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from freezegun import freeze_time

from frontdesk.db.models import AuditEvent, Staff
from frontdesk.errors import BadInput, LockedOut, NotAllowed, WrongPin
from frontdesk.services.actor import Actor, require_lead
from frontdesk.services.settings import set_setting
from frontdesk.services.staff import add_staff, confirm_pin, disable_staff, list_staff, sign_on
from tests.conftest import DESK_PIN, LEAD_PIN


def test_sign_on_gives_the_actor(lead: Actor) -> None:
    actor = sign_on(lead.centre_id, "ab", LEAD_PIN)
    assert (actor.initials, actor.role, actor.staff_id) == ("AB", "lead", lead.staff_id)


def test_pin_is_never_stored_in_clear(backend: str, lead: Actor) -> None:
    row = Staff.get_by_id(lead.staff_id)
    assert LEAD_PIN not in row.pin_hash
    assert row.pin_hash.startswith("scrypt-pepper$")
    if not backend.startswith("postgresql"):
        for path in Path(backend).parent.glob(Path(backend).name + "*"):
            assert LEAD_PIN.encode() not in path.read_bytes()


def test_wrong_pin_is_refused_and_audited(lead: Actor) -> None:
    with pytest.raises(WrongPin, match="Wrong initials or PIN"):
        sign_on(lead.centre_id, "AB", "0000")
    assert AuditEvent.select().where(AuditEvent.action == "pin.failed").count() == 1


def test_unknown_initials_look_like_a_wrong_pin(lead: Actor) -> None:
    with pytest.raises(WrongPin, match="Wrong initials or PIN"):
        sign_on(lead.centre_id, "ZZ", LEAD_PIN)


def test_five_wrong_pins_lock_out_for_five_minutes(lead: Actor) -> None:
    start = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    with freeze_time(start) as frozen:
        for _ in range(4):
            with pytest.raises(WrongPin):
                sign_on(lead.centre_id, "AB", "9999")
        with pytest.raises(LockedOut, match="locked for 5 min"):
            sign_on(lead.centre_id, "AB", "9999")
        # Even the right PIN is refused while locked.
        frozen.tick(dt.timedelta(minutes=4))
        with pytest.raises(LockedOut, match="try again in 1 min"):
            sign_on(lead.centre_id, "AB", LEAD_PIN)
        frozen.tick(dt.timedelta(minutes=1, seconds=1))
        assert sign_on(lead.centre_id, "AB", LEAD_PIN).initials == "AB"
    assert AuditEvent.select().where(AuditEvent.action == "pin.failed").count() == 5


def test_lockout_threshold_is_a_setting(lead: Actor) -> None:
    set_setting(lead, "lockout_attempts", "2")
    with pytest.raises(WrongPin):
        sign_on(lead.centre_id, "AB", "9999")
    with pytest.raises(LockedOut):
        sign_on(lead.centre_id, "AB", "9999")


def test_a_right_pin_resets_the_count(lead: Actor) -> None:
    for _ in range(4):
        with pytest.raises(WrongPin):
            sign_on(lead.centre_id, "AB", "9999")
    sign_on(lead.centre_id, "AB", LEAD_PIN)
    for _ in range(4):
        with pytest.raises(WrongPin):
            sign_on(lead.centre_id, "AB", "9999")


def test_desk_staff_cannot_do_lead_actions(desk: Actor) -> None:
    with pytest.raises(NotAllowed, match="Only a shift lead may manage staff"):
        add_staff(desk, "EF", "5555")
    with pytest.raises(NotAllowed):
        require_lead(desk, "close the day")
    with pytest.raises(NotAllowed):
        set_setting(desk, "language", "en")


@pytest.mark.parametrize("initials", ["A", "ABCDE", "A1", "", "A B"])
def test_bad_initials_are_refused(lead: Actor, initials: str) -> None:
    with pytest.raises(BadInput, match="Initials are 2 to 4 letters"):
        add_staff(lead, initials, "5555")
    assert Staff.select().count() == 1


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", " 1234"])
def test_bad_pins_are_refused(lead: Actor, pin: str) -> None:
    with pytest.raises(BadInput, match="A PIN is 4 to 8 digits"):
        add_staff(lead, "EF", pin)


def test_duplicate_initials_are_refused(desk: Actor, lead: Actor) -> None:
    with pytest.raises(BadInput, match="already a staff member with the initials CD"):
        add_staff(lead, "cd", "5555")


def test_disabled_staff_cannot_sign_on(lead: Actor, desk: Actor) -> None:
    disable_staff(lead, "CD")
    with pytest.raises(NotAllowed, match="CD is disabled"):
        sign_on(lead.centre_id, "CD", DESK_PIN)
    assert [m.active for m in list_staff(lead.centre_id)] == [True, False]


def test_confirm_pin_checks_the_signed_on_member(lead: Actor) -> None:
    confirm_pin(lead, LEAD_PIN)
    with pytest.raises(WrongPin):
        confirm_pin(lead, "0000")
