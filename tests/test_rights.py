"""A visitor's rights (issue 16): see and erase everything stored under a code.

On both databases: `visitor_records` shows every row under a code; `erase_visitor`
leaves closed days' exports byte-identical and today's totals unchanged, and leaves
no trace of the code in any table; on SQLite not in the raw files either.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time

from frontdesk.db.models import ALL_MODELS, AuditEvent, Visitor
from frontdesk.errors import BadInput, NotAllowed, NotFound
from frontdesk.services import audit, dagsverket, dayclose, lunch, megafon, rights, supplies, tally
from frontdesk.services import visits as visits_service
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from tests.test_cli_export import run

CODE = "QZ77"
CLOSED = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 3, 3)
NOW = "2026-03-03 12:00:00"  # 13:00 in Oslo, on TODAY


def busy_day(lead: Actor, day: dt.date) -> None:
    """Everything a visitor can have on a day: visit, lunch, hand-out, return, sale, Dagsverket."""
    with freeze_time(f"{day.isoformat()} 09:30:00"):
        visit = visits_service.check_in(lead, CODE)
        visits_service.check_in(lead)  # someone anonymous
        lunch.add_visitor(lead, CODE)
        supplies.hand_out(lead, [("SPR2ML", 10)], visit_id=visit.id)
        supplies.record_return(lead, count=7, visit_id=visit.id)
        megafon.sell(lead, CODE, 3, "cash")
        dagsverket.mark_present(lead, CODE)
        mistake = visits_service.check_in(lead, CODE)
        visits_service.void_visit(lead, mistake.id, f"{CODE.lower()} was checked in twice")


@pytest.fixture
def seeded(lead: Actor) -> Actor:
    return seed(lead)


def seed(lead: Actor) -> Actor:
    """A visitor QZ77 with a busy closed day and a busy open day (today)."""
    with freeze_time("2026-03-01 10:00:00"):
        visits_service.register_visitor(
            lead, CODE, gender="f", birth_year=1985, dagsverket=True, vendor_number=77
        )
        supplies.record_delivery(lead, "SPR2ML", 1000)
        megafon.add_issue(lead, "2026-03", 5000)
        megafon.record_delivery(lead, 100)
    busy_day(lead, CLOSED)
    with freeze_time(f"{TODAY.isoformat()} 08:00:00"):
        dayclose.close_day(lead, 15000, CLOSED)
    busy_day(lead, TODAY)
    # An event of an older version that wrote the code into its detail.
    audit.record(lead, "visits.note", "visitor", None, typed=CODE.lower(), said=f"for {CODE}")
    return lead


def test_show_lists_every_row_under_the_code_and_audits_without_it(
    backend: str, seeded: Actor
) -> None:
    with freeze_time(NOW):
        records = rights.visitor_records(seeded, CODE.lower())
    assert (records.code, records.gender, records.birth_year) == (CODE, "f", 1985)
    assert records.dagsverket and records.vendor_number == 77
    assert records.counts() == {
        "visits": 4,  # two a day, one of them voided
        "lunch_entries": 2,
        "hand_outs": 2,
        "syringe_returns": 2,
        "megafon_sales": 2,
        "dagsverket_attendance": 2,
        "help": 0,  # referrals and training from the visits (issue 12): none here
    }
    first = records.visits[0]
    assert (first.business_date, first.local_time, first.voided) == (CLOSED, "10:30", False)
    assert [v.voided for v in records.visits] == [False, True, False, True]
    assert records.hand_outs[0].items[0][0] == "SPR2ML" and records.hand_outs[0].items[0][3] == 10
    assert records.sales[0].amount_ore == 15000 and records.sales[0].payment == "cash"
    assert records.returns[0].count == 7
    assert "visits.register_visitor" in [e.action for e in records.audit_events]
    shown = AuditEvent.select().where(AuditEvent.action == "visitor.show").get()
    assert CODE not in shown.detail.upper() and json.loads(shown.detail)["visits"] == 4


def test_show_and_erase_refuse_an_unknown_code_and_another_centres(
    backend: str, seeded: Actor
) -> None:
    other, _ = init_centre("NES", "Nesttun", "XY", "4711")
    visits_service.register_visitor(Actor.cli(other.id), "NEW1")
    with pytest.raises(NotFound, match="Unknown visitor code NEW1"):
        rights.visitor_records(seeded, "NEW1")
    with pytest.raises(NotFound, match="Unknown visitor code NEW1"):
        rights.erase_visitor(seeded, "NEW1", "asked")
    assert Visitor.select().where(Visitor.code == "NEW1").exists()
    with pytest.raises(BadInput, match="not a name: no spaces"):
        rights.erase_visitor(seeded, "Ola Nordmann", "asked")
    with pytest.raises(BadInput, match="reason"):
        rights.erase_visitor(seeded, CODE, "  ")


def test_desk_staff_may_neither_show_nor_erase(backend: str, seeded: Actor, desk: Actor) -> None:
    with pytest.raises(NotAllowed):
        rights.visitor_records(desk, CODE)
    with pytest.raises(NotAllowed):
        rights.erase_visitor(desk, CODE, "asked")
    assert Visitor.select().where(Visitor.code == CODE).exists()


def exports(backend: str) -> list[bytes]:
    out = []
    for args in ((), ("--layout", "long"), ("--format", "json"), ("--excel",)):
        result = run("--db", backend, "export", "--from", "2026-01-01", "--to", "2026-03-31", *args)
        assert result.exit_code == 0, result.stderr
        out.append(result.stdout_bytes)
    return out


def every_text(centre_id: int | None = None) -> str:
    """Every value of every row of every table, as text."""
    parts = []
    for model in ALL_MODELS:
        for row in model.select().tuples():
            parts.append(" ".join("" if v is None else str(v) for v in row))
    return "\n".join(parts).upper()


def test_erase_keeps_closed_days_and_todays_totals_and_leaves_no_trace(
    backend: str, seeded: Actor
) -> None:
    with freeze_time(NOW):
        before_exports = exports(backend)
        before_today = tally.compute_day(seeded.centre_id, TODAY).metrics
        assert before_exports[0].count(b"\n") == 2  # the header and the closed day
        assert CODE in every_text()  # the check below can fail

        done = rights.erase_visitor(seeded, CODE, f"{CODE} asked to be forgotten")

        assert exports(backend) == before_exports
        after_today = tally.compute_day(seeded.centre_id, TODAY).metrics
    assert done.counts["visits"] == 4 and done.counts["megafon_sales"] == 2
    # The visits are now anonymous ones: one visitor fewer, the rest unchanged.
    assert after_today["visits.unique"] == before_today["visits.unique"] - 1
    assert after_today["visits.anonymous"] == before_today["visits.anonymous"] + 1
    changed = {k for k in before_today if before_today[k] != after_today[k]}
    assert changed == {"visits.unique", "visits.anonymous"}
    assert megafon.totals_on(seeded.centre_id, TODAY)["cash"] == 15000
    assert CODE not in every_text()
    assert not Visitor.select().where(Visitor.vendor_number == 77).exists()
    erased = AuditEvent.select().where(AuditEvent.action == "visitor.erase").get()
    assert erased.actor == "AB" and erased.entity_id is None
    assert json.loads(erased.detail)["reason"] == "*** asked to be forgotten"
    # Nothing points at the visitor's old row any more (a new visitor may get its id).
    assert (
        not AuditEvent.select()
        .where(AuditEvent.entity == "visitor")
        .where(AuditEvent.entity_id.is_null(False))
        .exists()
    )


def test_the_desk_lists_still_show_the_erased_rows_as_anonymous(
    backend: str, seeded: Actor
) -> None:
    with freeze_time(NOW):
        rights.erase_visitor(seeded, CODE, "asked")
        sales = megafon.sales_on(seeded.centre_id, TODAY)
        today = visits_service.visits_on(seeded.centre_id, TODAY)
    assert [(s.vendor_code, s.vendor_number, s.copies) for s in sales] == [("", None, 3)]
    assert len(today) == 3 and {v.visitor_code for v in today} == {None}


def raw_bytes(path: Path) -> bytes:
    out = b""
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists():
            out += part.read_bytes()
    return out


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # SQLite's own files
def test_the_code_is_gone_from_the_sqlite_files(backend: str, seeded: Actor) -> None:
    # Put the code in free space too: an older code and a changed row leave old bytes behind.
    visits_service.update_visitor(seeded, CODE, birth_year=1986)
    assert CODE.encode() in raw_bytes(Path(backend))
    with freeze_time(NOW):
        done = rights.erase_visitor(seeded, CODE, "asked")
    assert done.file_clean
    data = raw_bytes(Path(backend))
    for form in (CODE, CODE.lower()):
        assert form.encode() not in data and form.encode("utf-16-le") not in data
    assert Path(backend + "-wal").stat().st_size == 0


def test_a_code_inside_a_longer_word_is_left_alone() -> None:
    assert rights.scrub("QZ77 and qz77, not QZ777 or XQZ77", "QZ77") == (
        "*** and ***, not QZ777 or XQZ77"
    )
    assert rights.scrub('{"said": "for ÆB85"}', "æb85") == '{"said": "for ***"}'


def _row_counts() -> dict[str, Any]:
    return {m.__name__: m.select().count() for m in ALL_MODELS}


def test_a_failed_erasure_changes_nothing(
    backend: str, seeded: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = every_text()

    def broken(*_: Any) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(rights, "_scrub_free_text", broken)
    with pytest.raises(RuntimeError), freeze_time(NOW):
        rights.erase_visitor(seeded, CODE, "asked")
    assert every_text() == before


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # SQLite's own files
def test_every_sqlite_connection_overwrites_deleted_bytes(backend: str, seeded: Actor) -> None:
    """Some SQLite builds do it by default, others not: frontdesk asks for it on every connection,
    and without it the erased code would stay in the file's free space."""
    from frontdesk.db.models import database

    assert database.execute_sql("PRAGMA secure_delete").fetchone()[0] == 1
    database.execute_sql("PRAGMA secure_delete = OFF")  # as on a build without the default
    with freeze_time(NOW):
        rights.erase_visitor(seeded, CODE, "asked")
    assert CODE.encode() in raw_bytes(Path(backend))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # SQLite's own files
def test_after_a_purge_a_purged_code_is_gone_from_the_sqlite_files(
    backend: str, lead: Actor
) -> None:
    from frontdesk.services import purge
    from frontdesk.services.centre import find_centre

    visits_service.register_visitor(lead, "PX42")
    with freeze_time(f"{CLOSED.isoformat()} 09:30:00"):
        visits_service.check_in(lead, "PX42")
    with freeze_time(NOW):
        dayclose.close_day(lead, 0, CLOSED)
        assert b"PX42" in raw_bytes(Path(backend))
        done = purge.purge([find_centre("STR")], TODAY)
    assert done.totals()["visitor_codes"] == 1
    assert b"PX42" not in raw_bytes(Path(backend))


def test_every_column_pointing_at_a_visitor_can_be_made_anonymous() -> None:
    """An erasure empties every reference to the visitor (also in tables added later)."""
    links = rights._links()
    assert {table for table, _, _ in links} >= {"visit", "lunch_entry", "hand_out"}
    assert [(table, f.name) for table, _, f in links if not f.null] == []


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # SQLite's own files
def test_a_reader_on_an_old_snapshot_delays_emptying_the_wal_not_the_erasure(
    backend: str, seeded: Actor
) -> None:
    import sqlite3

    from frontdesk import db

    reader = sqlite3.connect(backend)  # another desk, in the middle of reading
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM visit").fetchone()
    with freeze_time(NOW):
        done = rights.erase_visitor(seeded, CODE, "asked")
    assert not done.file_clean  # committed, but the WAL still holds the old pages
    assert not Visitor.select().where(Visitor.code == CODE).exists()
    reader.close()
    assert db.truncate_wal()
    assert CODE.encode() not in raw_bytes(Path(backend))


def test_a_closed_day_with_erased_records_cannot_be_reopened(backend: str, seeded: Actor) -> None:
    """Issue 17: reopening and closing again would recount the day without the code."""
    with freeze_time(NOW):
        rights.erase_visitor(seeded, CODE, "asked to be forgotten")
        with pytest.raises(BadInput, match="erased") as refused:
            dayclose.reopen_day(seeded, CLOSED, "4711", "forgot a sale")
    assert "2026-03-02" in str(refused.value) and refused.value.text("nb")
    z = dayclose.current_z(seeded.centre_id, CLOSED)
    assert z is not None and z.reopened_at is None  # still closed, as stored
