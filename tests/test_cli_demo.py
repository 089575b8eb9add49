"""`frontdesk demo`: a believable, deterministic database, refused into one in use."""

from __future__ import annotations

from pathlib import Path

from freezegun import freeze_time

from frontdesk import db
from frontdesk.db.models import (
    Centre,
    DagsverketAttendance,
    DayClose,
    HandOut,
    LunchEntry,
    MegafonSale,
    SyringeReturn,
    Visit,
    Visitor,
)
from frontdesk.services import supplies, visits
from frontdesk.services.actor import Actor
from frontdesk.services.staff import sign_on
from tests.test_cli_export import run

NOW = "2026-03-05 14:30:00"  # 15:30 in Bergen: today is well under way


def build(target: str, *args: str):
    with freeze_time(NOW):
        return run("--db", target, "demo", "--days", "3", "--centres", "2", *args)


def snapshot(target: str) -> str:
    with freeze_time(NOW):
        out = run(
            "--db", target, "export", "--from", "2026-03-01", "--to", "2026-03-05",
            "--include-open", "--layout", "long",
        )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    codes = ",".join(v.code for v in Visitor.select().order_by(Visitor.id))
    return out.stdout + codes


def test_demo_builds_every_part_of_the_day(backend: str) -> None:
    result = build(backend, "--seed", "7")
    assert result.exit_code == 0, result.stderr
    assert (
        "STR Strax-huset, NES Nesttun; 3 business days (2026-03-03 to 2026-03-05)" in result.stdout
    )
    assert "shift lead  initials AB  PIN 4711" in result.stdout
    assert "desk        initials CD  PIN 1234" in result.stdout
    assert [c.code for c in Centre.select().order_by(Centre.id)] == ["STR", "NES"]
    for centre in Centre.select():
        for model in (Visit, LunchEntry, MegafonSale, HandOut, SyringeReturn, DagsverketAttendance):
            assert model.select().where(model.centre == centre).count() > 0, model
        closed = DayClose.select().where(DayClose.centre == centre).order_by(DayClose.z_no)
        # Every day before today is closed with a Z-report, numbered 1, 2; today is open.
        assert [(str(d.business_date), d.z_no) for d in closed] == [
            ("2026-03-03", 1),
            ("2026-03-04", 2),
        ]
    naloxone = HandOut.select().where(HandOut.naloxone_recipient.is_null(False))
    assert naloxone.count() > 0
    assert Visitor.select().where(Visitor.vendor_number.is_null(False)).count() > 0
    hours = {v.local_hour for v in Visit.select(Visit.local_hour)}
    assert hours <= set(range(10, 18)) and len(hours) >= 6
    str_visits = (
        Visit.select()
        .join(Centre)
        .where((Centre.code == "STR") & (Visit.business_date == "2026-03-04"))
    )
    assert 200 <= str_visits.count() <= 500
    # Today so far only: nothing after "now".
    assert (
        max(v.local_hour for v in Visit.select().where(Visit.business_date == "2026-03-05")) <= 15
    )
    # The printed sign-on works, and the desk can go on recording after the demo.
    str_id = Centre.get(Centre.code == "STR").id
    with freeze_time(NOW):
        lead = sign_on(str_id, "AB", "4711")
        desk = sign_on(str_id, "CD", "1234")
        assert (lead.role, desk.role) == ("lead", "desk")
        visit = visits.check_in(desk)
        stock = supplies.catalogue(str_id)
    # Stock never went negative, and one late delivery shows as low stock on the Supplies tab.
    assert all(item.stock >= 0 for item in stock)
    assert [item.code for item in stock if item.low] == ["FOLIE"]
    assert Visit.get_by_id(visit.id).business_date.isoformat() == "2026-03-05"


def test_same_seed_same_database(tmp_path: Path) -> None:
    first, second, other = (str(tmp_path / f"{n}.db") for n in ("a", "b", "c"))
    assert build(first, "--seed", "3").exit_code == 0
    a = snapshot(first)
    assert build(second, "--seed", "3").exit_code == 0
    b = snapshot(second)
    assert build(other, "--seed", "4").exit_code == 0
    c = snapshot(other)
    assert a == b
    assert a != c


def test_demo_refuses_a_database_in_use(backend: str, lead: Actor) -> None:
    result = build(backend)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: The database already holds data; build the demo in a new database (--db PATH)."
    )
    assert Centre.select().count() == 1


def test_demo_uses_the_global_db_option_or_its_own(tmp_path: Path) -> None:
    own = tmp_path / "own.db"
    with freeze_time(NOW):
        result = run("demo", "--days", "1", "--centres", "1", "--db", str(own))
    assert result.exit_code == 0, result.stderr
    assert own.exists()
    db.database.obj.close()
