"""The city database (issue 15): set-up, push, privacy, and the city's export, on a real
PostgreSQL. The faults (a stopped server, a killed desk, two desks, wrong logins) are in
tests/test_city_faults.py.

Each test gets its own city database; the centre login roles it creates are dropped
again before the database is (roles belong to the whole server).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import stat
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from frontdesk import db
from frontdesk.db.connect import open_database
from frontdesk.db.models import CityOutbox, DayClose, Staff, Visitor
from frontdesk.services import city, dayclose, tally
from frontdesk.services.actor import Actor
from frontdesk.services.centre import find_centre

# Helpers of a plugin module imported here: their asserts are rewritten too.
pytest.register_assert_rewrite("tests.city_fixtures")
from tests.city_fixtures import (  # noqa: E402
    DEMO_DAYS,
    add_centre,
    city_rows,
    run,
)

pytest_plugins = ("tests.city_fixtures",)


def close_again(actor: Actor, day: dt.date) -> None:
    """Close a reopened day again with the cash counted as expected (no second lead needed)."""
    counted = tally.compute_day(actor.centre_id, day).expected_cash_ore
    dayclose.close_day(actor, counted, business_date=day)


# -- set-up --------------------------------------------------------------------------


def test_city_init_refuses_sqlite_and_a_desk_database(tmp_path: Path, desk_file: Path) -> None:
    code, _, err = run("--db", str(tmp_path / "city.db"), "city", "init")
    assert code == 1
    assert err.strip() == "Error: The city database must be PostgreSQL: give a postgresql:// URL."
    assert not (tmp_path / "city.db").exists()


def test_city_init_refuses_a_database_with_desk_records(pg_backend: str) -> None:
    from frontdesk.services.centre import init_centre

    init_centre("STR", "Strax-huset", "AB", "4711")
    code, _, err = run("--db", pg_backend, "city", "init")
    assert code == 1
    assert "holds a centre's desk records" in err
    assert len(err.strip().splitlines()) == 1
    assert "city_member" not in db.connect(pg_backend).get_tables()


def test_city_init_twice_changes_nothing(city_url: str) -> None:
    add_centre(city_url, "STR", "Strax-huset")
    code, out, _ = run("--db", city_url, "city", "init")
    assert code == 0
    assert "(1 centre)" in out
    assert city_rows(city_url, "SELECT code FROM centre") == [("STR",)]


def test_add_centre_prints_a_url_whose_login_sees_and_writes_only_its_own_centre(
    city_url: str,
) -> None:
    str_url = add_centre(city_url, "STR", "Strax-huset")
    add_centre(city_url, "NES", "Nesttun")
    ids = dict(city_rows(city_url, "SELECT code, id FROM centre"))
    # The password is in the URL printed once; the city stores only the server's hash of it.
    assert urlsplit(str_url).password
    assert not city_rows(
        city_url, "SELECT 1 FROM centre WHERE name LIKE %s", (f"%{urlsplit(str_url).password}%",)
    )
    login = open_database(str_url, wal=False)
    try:
        assert login.execute_sql("SELECT code FROM centre").fetchall() == [("STR",)]
        from psycopg import errors

        insert = (
            "INSERT INTO day_close (centre_id, business_date, z_no, version, tally,"
            " expected_cash_ore, counted_cash_ore, diff_ore, revenue_ore, grand_total_ore,"
            " sales_by_staff, closed_at) VALUES (%s, '2026-01-02', 1, 1, '{}', 0, 0, 0, 0, 0,"
            " '[]', now())"
        )
        with pytest.raises(Exception) as refused, login.atomic():
            login.execute_sql(insert, (ids["NES"],))
        assert city._sqlstate(refused.value) == errors.InsufficientPrivilege.sqlstate
        assert "row-level security" in str(refused.value)
        with login.atomic():
            login.execute_sql(insert, (ids["STR"],))  # its own centre: allowed
        for table in ("staff", "audit_event", "city_member"):
            with pytest.raises(Exception, match="permission denied"), login.atomic():
                login.execute_sql(f"SELECT * FROM {table}")
    finally:
        login.close()


def test_add_centre_refuses_a_database_that_is_not_a_city_and_a_code_it_has(
    city_url: str, pg_backend: str
) -> None:
    code, _, err = run("--db", pg_backend, "city", "add-centre", "STR", "--name", "Strax-huset")
    assert (code, err.strip()) == (
        1,
        "Error: This is not a city database: run 'frontdesk city init' on it first.",
    )
    add_centre(city_url, "STR", "Strax-huset")
    code, _, err = run("--db", city_url, "city", "add-centre", "str", "--name", "Again")
    assert (code, err.strip()) == (1, "Error: The city already has a centre STR.")


# -- the push ------------------------------------------------------------------------


def export(target: str, *extra: str, fmt: str = "csv") -> str:
    """The CLI's export (it binds the models to ``target``; the binding is put back)."""
    bound = db.database.obj
    today = dt.date.today()
    args = ["--db", target, *extra, "export", "--from", str(today - dt.timedelta(days=40))]
    code, out, err = run(*args, "--to", str(today), "--format", fmt)
    assert code == 0, err
    if bound is not None and not db.is_postgres(bound):
        db.connect(bound.database)
    return out


def test_two_desks_sync_and_the_city_export_is_their_exports_together(
    city_url: str, city_env: None, tmp_path: Path
) -> None:
    """Two demo centres on their own SQLite files (``frontdesk --centre STR demo``), each
    with the URL its city login was given; the city's export (every centre) holds exactly
    the rows of the two desks' own exports, and running sync again sends nothing."""
    str_desk, nes_desk = tmp_path / "str.db", tmp_path / "nes.db"
    for code, path in (("STR", str_desk), ("NES", nes_desk)):
        made, out, err = run("--centre", code, "demo", "--db", str(path), "--days", str(DEMO_DAYS))
        assert made == 0, err
    str_url = add_centre(city_url, "STR", "Strax-huset")
    nes_url = add_centre(city_url, "NES", "Nesttun")
    closed = DEMO_DAYS - 1
    for path, url, code in ((str_desk, str_url, "STR"), (nes_desk, nes_url, "NES")):
        done, out, err = run("--db", str(path), "settings", "city_url", url)
        assert done == 0, err
        done, out, err = run("--db", str(path), "sync")
        assert done == 0, err
        assert out.startswith(
            f"Sent {closed} closed days ({code} {closed}) to the city postgresql://"
        )
    # Again: nothing new, nothing changed at the city.
    before = city_rows(city_url, "SELECT * FROM day_close ORDER BY id")
    done, out, _ = run("--db", str(str_desk), "sync")
    assert done == 0 and out.startswith("Nothing new for the city")
    assert city_rows(city_url, "SELECT * FROM day_close ORDER BY id") == before

    for fmt in ("csv", "json"):
        desks = [export(str(str_desk), fmt=fmt), export(str(nes_desk), fmt=fmt)]
        city_export = export(city_url, fmt=fmt)
        if fmt == "csv":
            header, *rows = city_export.splitlines()
            desk_rows = []
            for text in desks:
                desk_header, *more = text.splitlines()
                assert desk_header == header
                desk_rows += more
            assert len(rows) == 2 * closed
            assert rows == sorted(desk_rows, key=lambda r: (r.split(",")[0], r.split(",")[1]))
        else:
            merged = json.loads(desks[0]) + json.loads(desks[1])
            merged.sort(key=lambda r: (r["date"], r["centre"]))
            assert json.loads(city_export) == merged
    # The city's report runs on it too, over both centres.
    code, out, err = run(
        "--db", city_url, "report", "--from", str(dt.date.today() - dt.timedelta(days=3))
    )
    assert code == 0, err
    assert "NES Nesttun, STR Strax-huset" in out
    assert "Stock on hand" not in out  # the city has the catalogues, not the stock


def test_a_reopened_and_reclosed_day_replaces_the_city_version_and_the_city_keeps_both(
    city_url: str, desk_file: Path
) -> None:
    db.connect(str(desk_file))
    str_id = find_centre("STR").id
    lead = Staff.get((Staff.centre == str_id) & (Staff.initials == "AB"))
    actor = Actor(str_id, lead.id, "AB", "lead")
    day = dt.date.today() - dt.timedelta(days=2)
    add_centre(city_url, "STR", "Strax-huset")
    db.connect(str(desk_file))
    city.push(actor, [str_id], city_url)
    first = city_rows(
        city_url, "SELECT version, reopened_at FROM day_close WHERE business_date = %s", (day,)
    )
    assert [v for v, _ in first] == [1] and first[0][1] is None

    dayclose.reopen_day(actor, day, "4711", "forgot a sale")
    city.push(actor, [str_id], city_url)  # the city learns it was reopened
    rows = city_rows(
        city_url,
        "SELECT version, reopened_at, reopen_reason FROM day_close WHERE business_date = %s",
        (day,),
    )
    assert len(rows) == 1 and rows[0][1] is not None and rows[0][2] is None  # no free text leaves
    assert day.isoformat() not in export(city_url)  # like the desk's: the day is not closed now

    close_again(actor, day)
    result = city.push(actor, [str_id], city_url)
    assert result.sent == {"STR": 1}
    rows = city_rows(
        city_url,
        "SELECT version, reopened_at IS NULL FROM day_close WHERE business_date = %s ORDER BY version",
        (day,),
    )
    assert rows == [(1, False), (2, True)]
    assert export(city_url) == export(str(desk_file), "--centre", "STR")
    assert city.push(actor, [str_id], city_url).total == 0


# -- privacy ---------------------------------------------------------------------------


def test_nothing_that_names_a_visitor_or_a_staff_member_reaches_the_city(
    city_url: str, desk_file: Path
) -> None:
    """The whole city database, dumped, holds no visitor code and no staff initials of
    the demo (the per-staff sales, who closed and why a day was reopened stay at the desk)."""
    db.connect(str(desk_file))
    codes = {v.code for v in Visitor.select(Visitor.code)}
    initials = {s.initials for s in Staff.select(Staff.initials)}
    assert len(codes) > 100 and initials >= {"AB", "CD"}
    # A reopen reason naming someone, and a sale by CD, are in the desk's Z-reports.
    str_id = find_centre("STR").id
    lead = Staff.get((Staff.centre == str_id) & (Staff.initials == "AB"))
    actor = Actor(str_id, lead.id, "AB", "lead")
    day = dt.date.today() - dt.timedelta(days=1)
    some_code = sorted(codes)[0]
    dayclose.reopen_day(actor, day, "4711", f"sale to {some_code} by CD was wrong")
    close_again(actor, day)
    assert DayClose.select().where(DayClose.sales_by_staff.contains('"CD"')).exists()
    ids = [c for (c,) in DayClose.select(DayClose.centre).distinct().tuples()]
    add_centre(city_url, "STR", "Strax-huset")
    add_centre(city_url, "NES", "Nesttun")
    db.connect(str(desk_file))
    city.push(Actor.cli(ids[0]), ids, city_url)
    assert city_rows(city_url, "SELECT count(*) FROM day_close")[0][0] == DayClose.select().count()

    dump = _pg_dump(city_url)
    assert "COPY public.day_close" in dump and "visits.total" in dump
    words = set(re.findall(r"[A-Za-z0-9]+", dump))
    leaked = sorted((codes | initials) & words)
    assert leaked == [], f"found in the city database: {leaked}"


def _pg_dump(url: str) -> str:
    found = shutil.which("pg_dump") or next(
        iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))), None
    )
    if found is None:
        pytest.skip("no pg_dump on this machine")
    out = subprocess.run(
        [str(found), "--data-only", url], capture_output=True, text=True, check=True
    )
    return out.stdout


# -- the password ------------------------------------------------------------------------


def test_a_city_url_with_a_password_is_stored_without_it_and_the_push_finds_it(
    city_url: str, desk_file: Path, tmp_path: Path
) -> None:
    str_url = add_centre(city_url, "STR", "Strax-huset")
    password = urlsplit(str_url).password
    assert password
    code, out, err = run("--db", str(desk_file), "--centre", "STR", "settings", "city_url", str_url)
    assert code == 0, err
    assert password not in out
    assert password not in desk_file.read_bytes().decode("latin-1")
    passfile = tmp_path / "city.pgpass"
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    assert password in passfile.read_text()
    code, out, err = run("--db", str(desk_file), "--centre", "STR", "sync")
    assert code == 0, err
    assert out.startswith(f"Sent {DEMO_DAYS - 1} closed days (STR")


def test_a_city_url_setting_that_is_not_postgresql_is_refused(desk_file: Path) -> None:
    code, _, err = run("--db", str(desk_file), "settings", "city_url", "mysql://x@y/z")
    assert (code, err.strip()) == (
        1,
        "Error: The city URL must be empty or postgresql://USER@HOST:PORT/DATABASE.",
    )


def test_sync_without_a_city_says_how_to_name_one(desk_file: Path) -> None:
    code, _, err = run("--db", str(desk_file), "sync")
    assert code == 1
    assert err.strip() == (
        "Error: No city database is set: give --to URL, set FRONTDESK_CITY_URL, or run "
        "'frontdesk settings city_url URL'."
    )


def test_what_leaves_the_desk_is_the_known_metrics_only(desk_file: Path) -> None:
    db.connect(str(desk_file))
    row = DayClose.select().first()
    row.tally = json.dumps({"version": 1, "metrics": {"visits.total": 3, "visitor.AB85": 1}})
    row.sales_by_staff = json.dumps(
        [{"initials": "CD", "payment": "cash", "copies": 1, "ore": 5000}]
    )
    row.reopen_reason = "AB85 was here"
    (day,), _ = city.leaving_desk("STR", [row])
    assert json.loads(day.tally) == {"version": 1, "metrics": {"visits.total": 3}}
    assert "CD" not in repr(day) and "AB85" not in repr(day)
    assert CityOutbox.select().count() == 0


def test_demo_builds_the_one_centre_named_and_refuses_one_it_does_not_have(
    tmp_path: Path,
) -> None:
    code, out, err = run("--centre", "nes", "demo", "--db", str(tmp_path / "nes.db"), "--days", "2")
    assert code == 0, err
    assert out.startswith(
        f"Built a demo database at {tmp_path / 'nes.db'}: NES Nesttun; 2 business"
    )
    code, _, err = run("--centre", "XYZ", "demo", "--db", str(tmp_path / "x.db"), "--days", "2")
    assert (code, err.strip()) == (
        1,
        "Error: The demo has no centre XYZ; its centres are STR, NES, WER, FJE.",
    )
    assert not (tmp_path / "x.db").exists()
