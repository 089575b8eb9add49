"""Schema migrations: an old database upgrades in place and keeps its data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontdesk import db
from frontdesk.cli import cli
from frontdesk.db import migrate
from frontdesk.db.models import DayClose
from frontdesk.errors import StoreUnavailable
from frontdesk.services.actor import Actor
from frontdesk.services.staff import hash_pin
from frontdesk.services.store import open_store


def test_a_schema_1_database_upgrades_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = db.connect(str(path), create=True)
    migrate._runner(old).up(target="0001_initial")
    # Written as schema-1 code wrote them (today's code writes columns added since).
    old.execute_sql(
        "INSERT INTO centre (code, name, created_at) VALUES ('STR', 'Strax-huset', '2026-01-01')"
    )
    old.execute_sql(
        "INSERT INTO staff (centre_id, initials, role, pin_hash, active, failed_pins, created_at)"
        " VALUES (1, 'AB', 'lead', ?, 1, 0, '2026-01-01')",
        (hash_pin("4711"),),
    )
    for code, kind in (("NALOX", "naloxone"), ("FOLIE", "other")):
        old.execute_sql(
            "INSERT INTO supply_item (centre_id, code, name_nb, name_en, unit, kind, low_stock,"
            " active, sort_order) VALUES (1, ?, ?, ?, 'stk', ?, 0, 1, 0)",
            (code, code, code, kind),
        )
    with pytest.raises(StoreUnavailable, match="needs .*: run 'frontdesk db upgrade'"):
        open_store(str(path))
    result = CliRunner().invoke(cli, ["--db", str(path), "db", "upgrade"])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(cli, ["--db", str(path), "staff", "list"])
    assert listed.output.split()[:3] == ["AB", "lead", "active"]
    # Issue 12: a naloxone kit of the old catalogue holds two doses, anything else one.
    doses = dict(old.execute_sql("SELECT code, doses_per_unit FROM supply_item").fetchall())
    assert doses == {"NALOX": 2, "FOLIE": 1}


def test_a_database_missing_a_middle_migration_says_so_and_upgrades(tmp_path: Path) -> None:
    """A database made before a lower-numbered migration merged (0007 landed after 0008 and
    0009 were applied) is not "version 9 needing 9": it names the gap, and upgrade fills it."""
    path = tmp_path / "gap.db"
    store = db.connect(str(path), create=True)
    runner = migrate._runner(store)
    runner.up()
    middle = "0007_city_outbox"  # the tables it makes, taken out as if never applied
    before = migrate.status(store)
    assert before.latest > 7
    for table in ("city_outbox", "city_link"):
        store.execute_sql(f"DROP TABLE {table}")
    runner.History.delete().where(runner.History.name == middle).execute()
    store.close()
    gap = int(middle.split("_")[0])
    with pytest.raises(StoreUnavailable, match=f"version {gap - 1} and needs {before.latest}"):
        open_store(str(path))
    result = CliRunner().invoke(cli, ["--db", str(path), "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"Schema version {before.latest} " in result.output
    checked = CliRunner().invoke(cli, ["--db", str(path), "db", "check"])
    assert f"Schema version {before.latest} of {before.latest}" in checked.output


def test_the_grand_total_holds_more_than_2_to_the_31_ore(lead: Actor) -> None:
    big = 25_000_000_000  # 250 million kroner over the years
    DayClose.create(
        centre=lead.centre_id, business_date=dt.date(2040, 1, 2), z_no=1, tally=json.dumps({}),
        expected_cash_ore=0, counted_cash_ore=0, diff_ore=0, revenue_ore=big,
        grand_total_ore=big, sales_by_staff="[]", closed_at=dt.datetime(2040, 1, 3),
    )  # fmt: skip
    assert DayClose.get().grand_total_ore == big


def test_the_grand_total_reads_a_covering_index(backend: str, lead: Actor) -> None:
    """The Z-report sums every earlier day's revenue: on an index, not five years of rows."""
    from peewee import fn

    from frontdesk.db.models import database

    query = DayClose.select(fn.SUM(DayClose.revenue_ore)).where(
        (DayClose.centre == lead.centre_id)
        & (DayClose.business_date < dt.date(2026, 11, 20))
        & DayClose.reopened_at.is_null()
    )
    sql, params = query.sql()
    if backend.startswith("postgresql"):
        indexes = [i.name for i in database.obj.get_indexes("day_close")]
        assert "day_close_centre_id_reopened_at_business_date_revenue_ore" in indexes
    else:
        plan = " ".join(
            str(r) for r in database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params)
        )
        assert "COVERING INDEX day_close_centre_id_reopened_at_business_date_revenue_ore" in plan
