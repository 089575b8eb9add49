"""`frontdesk visitor show|erase` and kill -9 during an erasure (issue 16), on both databases."""

from __future__ import annotations

import json
import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from freezegun import freeze_time

from frontdesk.db.models import AuditEvent, MegafonSale, Visit, Visitor
from frontdesk.services.actor import Actor
from frontdesk.services.settings import set_setting
from tests.test_cli_export import run
from tests.test_rights import CODE, NOW, every_text, seed

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def seeded(lead: Actor) -> Actor:
    return seed(lead)


def test_show_prints_every_row_in_the_centres_language(backend: str, seeded: Actor) -> None:
    with freeze_time(NOW):
        nb = run("--db", backend, "visitor", "show", CODE.lower())
        set_setting(seeded, "language", "en")
        en = run("--db", backend, "visitor", "show", CODE, "--centre", "str")
    assert nb.exit_code == 0 and en.exit_code == 0, nb.stderr + en.stderr
    assert "Alt som er lagret under besøkskoden QZ77 ved STR" in nb.stdout
    assert "Besøk (4)" in nb.stdout and "2026-03-02 kl. 10:30 · kjønn f" in nb.stdout
    assert "150,00 kr · kontant" in nb.stdout and "03 · Dagsverket · 1 porsjon" in nb.stdout
    assert "Sprøyte 2 ml (SPR2ML) × 10" in nb.stdout and "7 (telt)" in nb.stdout
    assert "Dagsverket (2)" in nb.stdout and "selgernummer 77" in nb.stdout
    assert "Visits (4)" in en.stdout and "NOK 150.00 · cash" in en.stdout
    assert "Syringe 2 ml (SPR2ML) × 10" in en.stdout and "at 10:30 · gender f · voided" in en.stdout
    assert (
        "Registered 2026-03-01" in en.stdout
        and "2026-03-01 10:00 UTC · AB · visits.register" in en.stdout
    )
    shows = AuditEvent.select().where(AuditEvent.action == "visitor.show")
    assert shows.count() == 2 and all(CODE not in e.detail.upper() for e in shows)


def test_show_as_json(backend: str, seeded: Actor) -> None:
    with freeze_time(NOW):
        result = run("--db", backend, "visitor", "show", CODE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["code"] == CODE and data["vendor_number"] == 77
    assert data["visits"][0] == {
        "business_date": "2026-03-02",
        "at": "2026-03-02T09:30:00+00:00",
        "local_time": "10:30",
        "gender": "f",
        "voided": False,
    }
    assert [s["amount_ore"] for s in data["sales"]] == [15000, 15000]


def test_erase_with_yes_then_the_code_is_unknown(backend: str, seeded: Actor) -> None:
    with freeze_time(NOW):
        result = run("--db", backend, "visitor", "erase", CODE, "--reason", "asked", "--yes")
        again = run("--db", backend, "visitor", "erase", CODE, "--reason", "asked", "--yes")
        show = run("--db", backend, "visitor", "show", CODE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Slettet QZ77 ved STR: koden, kjønn, fødselsår")
    assert "Nå anonyme: besøk 4, lunsj 2, utleveringer 2, Megafon-salg 2, Dagsverket-dager 2." in (
        result.stdout
    )
    for refused in (again, show):
        assert refused.exit_code == 1
        assert refused.stderr == "Error: Unknown visitor code QZ77.\n"
    assert CODE not in every_text()


def test_erase_refuses_without_yes_an_empty_reason_and_another_centre(
    backend: str, seeded: Actor
) -> None:
    from frontdesk.services.centre import init_centre

    init_centre("NES", "Nesttun", "XY", "4711")
    cases = [
        (("visitor", "erase", CODE, "--reason", "asked"), "pass --yes to confirm it"),
        (("visitor", "erase", CODE, "--reason", " ", "--yes"), "Give a reason of 1 to 200"),
        (("visitor", "erase", CODE, "--yes"), "Missing option '--reason'"),
        (("visitor", "erase", CODE, "--reason", "x", "--centre", "NES", "--yes"), "Unknown"),
        (("--centre", "NES", "visitor", "erase", CODE, "--reason", "x", "--yes"), "Unknown"),
        (("visitor", "show", CODE, "--centre", "OSL"), "There is no centre with the code OSL"),
    ]
    for args, sentence in cases:
        result = run("--db", backend, *args)
        assert result.exit_code != 0 and sentence in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) <= 2 and "Traceback" not in result.stderr
    assert Visitor.select().where(Visitor.code == CODE).exists()


# -- kill -9 --------------------------------------------------------------------------


def _start_erase(target: str, lead: Actor, pause: bool) -> subprocess.Popen[bytes]:
    args = ["erase", target, str(lead.centre_id), str(lead.staff_id), "AB", CODE]
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers_proc", *args, *(["pause"] if pause else [])],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for(proc: subprocess.Popen[bytes], kind: str, timeout: float = 30.0) -> None:
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    data = b""
    deadline = time.monotonic() + timeout
    while f'"kind": "{kind}"'.encode() not in data:
        if time.monotonic() > deadline or (proc.poll() is not None and not sel.select(0)):
            proc.kill()
            err = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"the erasing child never said {kind}: {err[-500:]}")
        if sel.select(timeout=0.2):
            data += os.read(proc.stdout.fileno(), 65536)
    sel.close()


def _state() -> str:
    """'nothing' (all as before), 'all' (erased) or a description of a half-done state."""
    from frontdesk.db.models import database

    database.close()  # a fresh connection: the child's commit (or its absence) as stored
    database.connect()
    linked = (
        Visit.select().where(Visit.visitor.is_null(False)).count(),
        MegafonSale.select().where(MegafonSale.vendor.is_null(False)).count(),
    )
    present = Visitor.select().where(Visitor.code == CODE).exists()
    text = CODE in every_text()
    erased = AuditEvent.select().where(AuditEvent.action == "visitor.erase").count()
    if present and linked == (4, 2) and text and erased == 0:
        return "nothing"
    if not present and linked == (0, 0) and not text and erased == 1:
        return "all"
    return f"half: visitor {present}, links {linked}, code in text {text}, events {erased}"


def test_kill_9_inside_the_erasure_leaves_nothing_done(backend: str, seeded: Actor) -> None:
    proc = _start_erase(backend, seeded, pause=True)
    _wait_for(proc, "inside")  # the links are gone inside the uncommitted transaction
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert _state() == "nothing"

    proc = _start_erase(backend, seeded, pause=False)  # and it can be done afterwards
    _wait_for(proc, "erased")
    proc.communicate(timeout=10)
    assert _state() == "all"


def test_kill_9_at_random_moments_leaves_all_or_nothing(backend: str, seeded: Actor) -> None:
    rng = random.Random(16)
    seen = []
    for _ in range(4):
        proc = _start_erase(backend, seeded, pause=False)
        _wait_for(proc, "ready")
        time.sleep(rng.uniform(0.0, 0.03))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
        state = _state()
        assert state in ("nothing", "all"), state
        seen.append(state)
        if state == "all":
            break


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # SQLite's own files
def test_erase_says_when_a_reader_delays_emptying_the_wal(backend: str, seeded: Actor) -> None:
    import sqlite3

    reader = sqlite3.connect(backend)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM visit").fetchone()
    with freeze_time(NOW):
        result = run("--db", backend, "visitor", "erase", CODE, "--reason", "asked", "--yes")
    reader.close()
    assert result.exit_code == 0 and result.stdout.startswith("Slettet QZ77")
    assert result.stderr.startswith("Et annet program leser databasen nå: WAL-fila blir kvitt")
    assert len(result.stderr.splitlines()) == 1
