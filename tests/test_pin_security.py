"""PINs against an attacker: parallel guesses, a copied database, a lost key file.

The lockout holds when many processes guess at once (SQLite and PostgreSQL);
the slow PIN check never holds the write lock; PIN hashes need the pepper key
file, which a database file or backup alone does not have.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from frontdesk.db.models import AuditEvent, Staff
from frontdesk.errors import LockedOut, WrongPin
from frontdesk.services import pepper, staff
from frontdesk.services.actor import Actor
from frontdesk.services.staff import add_staff, sign_on
from tests.conftest import DESK_PIN, LEAD_PIN
from tests.test_cli_export import ROOT, run

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
GUESSERS = 12


def test_parallel_wrong_pins_lock_the_member(backend: str, lead: Actor, desk: Actor) -> None:
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.helpers_proc", "signon", backend]
            + [str(lead.centre_id), "CD", f"{9000 + n}"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(GUESSERS)
    ]
    try:
        for child in children:
            assert child.stdout is not None
            assert json.loads(child.stdout.readline())["kind"] == "ready", child.stderr
        for child in children:  # all at once
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outcomes = [
            json.loads(child.communicate(timeout=120)[0].splitlines()[-1]) for child in children
        ]
    finally:
        for child in children:
            child.kill()
    kinds = [o["kind"] for o in outcomes]
    assert set(kinds) <= {"WrongPin", "LockedOut"}, outcomes
    assert "LockedOut" in kinds
    # No more guesses were checked than the lockout allows (default 5) …
    checked = AuditEvent.select().where(AuditEvent.action == "pin.failed").count()
    assert checked <= 5
    # … and the member is locked: the right PIN is refused now.
    member = Staff.get_by_id(desk.staff_id)
    assert member.locked_until is not None
    with pytest.raises(LockedOut):
        sign_on(lead.centre_id, "CD", DESK_PIN)


@SQLITE
def test_the_pin_check_does_not_hold_the_write_lock(
    backend: str, lead: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []
    real = staff.pin_matches

    def slow_check(*args, **kwargs):
        # While the PIN is being checked, another desk writes at once (no waiting allowed).
        other = sqlite3.connect(backend, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE centre SET name = name")
            other.execute("COMMIT")
            seen.append("wrote")
        finally:
            other.close()
        return real(*args, **kwargs)

    monkeypatch.setattr(staff, "pin_matches", slow_check)
    assert sign_on(lead.centre_id, "AB", LEAD_PIN).initials == "AB"
    with pytest.raises(WrongPin):
        sign_on(lead.centre_id, "AB", "0000")
    assert seen == ["wrote", "wrote"]


# -- the pepper ------------------------------------------------------------------


def test_a_database_alone_does_not_reveal_a_pin(lead: Actor) -> None:
    stored = Staff.get_by_id(lead.staff_id).pin_hash
    scheme, _key_id, n, r, p, salt, digest = stored.split("$")
    assert scheme == "scrypt-pepper"
    # What an attacker with only the file would try for every PIN: the right one does not fit.
    guess = hashlib.scrypt(
        LEAD_PIN.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p)
    )
    assert guess.hex() != digest


def test_init_creates_an_owner_only_key_file(tmp_path: Path, monkeypatch) -> None:
    key = tmp_path / "config" / "pin-pepper.key"
    monkeypatch.setenv(pepper.ENV_PEPPER_FILE, str(key))
    db_path = tmp_path / "f.db"
    result = run(
        "--db", str(db_path), "init", "--centre-code", "STR", "--centre-name", "S",
        "--lead", "AB", "--pin-stdin", input="4711\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(bytes.fromhex(key.read_text().strip())) == 32
    assert key.read_text().strip() not in Path(db_path).read_bytes().decode("latin-1")


def test_a_pin_from_before_the_pepper_works_and_is_rehashed(lead: Actor, desk: Actor) -> None:
    salt = os.urandom(16)
    old = hashlib.scrypt(DESK_PIN.encode(), salt=salt, n=2**10, r=8, p=1)
    legacy = f"scrypt${2**10}$8$1${salt.hex()}${old.hex()}"
    Staff.update(pin_hash=legacy).where(Staff.id == desk.staff_id).execute()
    assert sign_on(lead.centre_id, "CD", DESK_PIN).staff_id == desk.staff_id
    now = Staff.get_by_id(desk.staff_id).pin_hash
    assert now.startswith("scrypt-pepper$")
    assert sign_on(lead.centre_id, "CD", DESK_PIN).staff_id == desk.staff_id


def test_a_missing_key_file_is_one_sentence_and_spends_no_attempt(
    lead: Actor, desk: Actor, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(pepper.ENV_PEPPER_FILE, str(tmp_path / "gone.key"))
    with pytest.raises(
        pepper.KeyUnavailable, match=r"The PIN key file .*gone.key is missing"
    ) as refused:
        sign_on(lead.centre_id, "CD", DESK_PIN)
    assert refused.value.text("nb").startswith("PIN-nøkkelfilen")  # the desk shows bokmål
    assert Staff.get_by_id(desk.staff_id).failed_pins == 0
    # Nor is a new key made behind the back of the PINs already set.
    with pytest.raises(pepper.KeyUnavailable):
        add_staff(lead, "EF", "5555")
    assert not (tmp_path / "gone.key").exists()


def test_reset_pin_when_the_key_file_is_lost(
    backend: str, lead: Actor, desk: Actor, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(pepper.ENV_PEPPER_FILE, str(tmp_path / "new.key"))
    result = run("--db", backend, "staff", "reset-pin", "cd", "--pin-stdin", input="8642\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "Set a new PIN for CD."
    assert sign_on(lead.centre_id, "CD", "8642").initials == "CD"
    assert stat.S_IMODE((tmp_path / "new.key").stat().st_mode) == 0o600
    # A PIN set with the lost key says what to do, not "wrong PIN".
    with pytest.raises(pepper.KeyUnavailable, match="not the one this PIN was set with"):
        sign_on(lead.centre_id, "AB", LEAD_PIN)


def test_reset_pin_clears_a_lockout(lead: Actor, desk: Actor) -> None:
    Staff.update(locked_until=dt.datetime(2099, 1, 1)).where(Staff.id == desk.staff_id).execute()
    staff.reset_pin(lead, "CD", "8642")
    assert sign_on(lead.centre_id, "CD", "8642").initials == "CD"
    assert AuditEvent.select().where(AuditEvent.action == "staff.reset_pin").count() == 1


def test_reset_pin_of_an_unknown_member_is_one_sentence(backend: str, lead: Actor) -> None:
    result = run("--db", backend, "staff", "reset-pin", "ZZ", "--pin-stdin", input="8642\n")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: There is no staff member with the initials ZZ."
