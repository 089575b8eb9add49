"""`frontdesk export`: the contract's columns, formats and layouts, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from freezegun import freeze_time
from peewee import fn

from frontdesk.cli import cli
from frontdesk.db.models import (
    DagsverketAttendance,
    DayClose,
    HandOut,
    HandOutLine,
    LunchEntry,
    MegafonIssue,
    MegafonSale,
    SupplyItem,
    SyringeReturn,
    Visit,
    Visitor,
)
from frontdesk.services import tally
from frontdesk.services.actor import Actor
from frontdesk.services.export import count_rows, select_centres

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 3, 2)  # closed in the tests
NEXT = dt.date(2026, 3, 3)  # open, one visit
EMPTY = dt.date(2026, 3, 4)  # open, nothing happened

FIXED = [
    "date",
    "centre",
    "status",
    "z_no",
    "visits",
    "visitors_unique",
    "visits_anonymous",
    "visits_f",
    "visits_m",
    "visits_x",
    "visits_u",
    "lunch_total",
    "lunch_visitor",
    "lunch_dagsverket",
    "lunch_staff",
    "lunch_guest",
    "dagsverket_present",
    "megafon_copies",
    "megafon_sales",
    "megafon_revenue_nok",
    "megafon_cash_nok",
    "megafon_card_nok",
    "megafon_vipps_nok",
    "cash_counted_nok",
    "cash_diff_nok",
    "naloxone_kits",
    "naloxone_trained",
    "syringes_returned",
    # Tally version 2: overdose response and the right help (issue 12).
    "naloxone_doses",
    "naloxone_first_kit",
    "naloxone_reason_first_kit",
    "naloxone_reason_used_other",
    "naloxone_reason_used_self",
    "naloxone_reason_lost",
    "naloxone_reason_taken",
    "naloxone_reason_expired",
    "naloxone_reason_other",
    "naloxone_reported_uses",
    "naloxone_reported_alive",
    "naloxone_reported_died",
    "naloxone_ems_called",
    "cpr_trained",
    "naloxone_trained_sessions",
    "referrals_lar",
    "referrals_detox",
    "referrals_health_room",
    "referrals_legevakt",
    "referrals_nav",
    "referrals_housing",
    "referrals_other",
    "visitors_new",
    # Tally version 2: the cash box (issue 13).
    "cash_float_nok",
    "cash_pay_in_nok",
    "cash_pay_out_nok",
    "cash_expected_nok",
]
SUPPLIES = [
    "SPR1ML",
    "SPR2ML",
    "SPR5ML",
    "KAN23G",
    "KAN25G",
    "KAN27G",
    "FOLIE",
    "SPRIT",
    "VANN",
    "FILTER",
    "SITRON",
    "BOTTE1L",
    "BOTTE5L",
    "NALOX",
]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def at(day: dt.date, hour: int) -> dt.datetime:
    """Naive UTC for a local hour in Oslo in winter (UTC+1)."""
    return dt.datetime.combine(day, dt.time(hour)) - dt.timedelta(hours=1)


def seed_day(actor: Actor, day: dt.date) -> None:
    """One busy day with something of everything, and a voided record of each kind."""
    c, staff = actor.centre_id, actor.staff_id
    regular = Visitor.create(centre=c, code="AB85", gender="m")
    worker = Visitor.create(centre=c, code="DV70", gender="f", dagsverket=True)
    vendor = Visitor.create(centre=c, code="MF66", gender="x", vendor_number=101)

    def visit(hour: int, visitor=None, gender="u", voided=False) -> Visit:
        return Visit.create(
            centre=c,
            visitor=visitor,
            gender=gender,
            at=at(day, hour),
            business_date=day,
            local_hour=hour,
            staff=staff,
            voided_at=at(day, hour) if voided else None,
            void_reason="wrong key" if voided else None,
        )

    first = visit(10, gender="f")
    visit(10, gender="m")
    visit(11, gender="u")
    visit(12, regular, "m")
    visit(13, regular, "m")
    visit(13, gender="f", voided=True)

    def lunch(group: str, portions: int = 1, voided: bool = False, **kw) -> None:
        LunchEntry.create(
            centre=c,
            business_date=day,
            group=group,
            portions=portions,
            at=at(day, 11),
            voided_at=at(day, 11) if voided else None,
            void_reason="mistake" if voided else None,
            **kw,
        )

    lunch("visitor", visitor=regular)
    lunch("dagsverket", visitor=worker, source="dagsverket")
    lunch("staff", staff_member=staff)
    lunch("guest", portions=2)
    lunch("guest", portions=5, voided=True)
    DagsverketAttendance.create(centre=c, business_date=day, visitor=worker, at=at(day, 9))

    issue = MegafonIssue.create(centre=c, number="2026-03", title="Megafon", price_ore=2500)

    def sale(copies: int, payment: str, voided: bool = False) -> None:
        MegafonSale.create(
            centre=c,
            issue=issue,
            vendor=vendor,
            copies=copies,
            unit_price_ore=2500,
            payment=payment,
            at=at(day, 12),
            business_date=day,
            staff=staff,
            voided_at=at(day, 12) if voided else None,
            void_reason="mistake" if voided else None,
        )

    sale(5, "cash")
    sale(2, "card")
    sale(10, "vipps", voided=True)

    items = {i.code: i for i in SupplyItem.select().where(SupplyItem.centre == c)}

    def hand_out(lines: dict[str, int], voided: bool = False, **kw) -> None:
        row = HandOut.create(
            centre=c,
            at=at(day, 14),
            business_date=day,
            staff=staff,
            voided_at=at(day, 14) if voided else None,
            void_reason="mistake" if voided else None,
            **kw,
        )
        for code, quantity in lines.items():
            HandOutLine.create(hand_out=row, item=items[code], quantity=quantity)

    hand_out(
        {"SPR2ML": 10, "NALOX": 1},
        visit=first,
        naloxone_recipient="relative",
        naloxone_trained=True,
    )
    hand_out({"SPR2ML": 99}, voided=True)
    SyringeReturn.create(
        centre=c, method="counted", count=25, at=at(day, 15), business_date=day, staff=staff
    )
    SyringeReturn.create(
        centre=c,
        method="counted",
        count=500,
        at=at(day, 15),
        business_date=day,
        voided_at=at(day, 15),
        void_reason="typo",
    )


def close(centre_id: int, day: dt.date, counted_ore: int) -> DayClose:
    """Store a Z-report for the day as the day close does (the current version)."""
    result = tally.compute_day(centre_id, day)
    top = DayClose.select(fn.MAX(DayClose.z_no)).where(DayClose.centre == centre_id).scalar()
    expected = result.expected_cash_ore
    return DayClose.create(
        centre=centre_id,
        business_date=day,
        z_no=int(top or 0) + 1,
        tally=result.metrics_json(),
        expected_cash_ore=expected,
        counted_cash_ore=counted_ore,
        diff_ore=counted_ore - expected,
        revenue_ore=result.get("megafon.revenue_ore"),
        grand_total_ore=result.get("megafon.revenue_ore"),
        sales_by_staff="[]",
        closed_at=at(day, 19),
    )


def seed(actor: Actor) -> None:
    """DAY busy and closed (cash 112.50 counted against 125.00), NEXT open with one visit."""
    seed_day(actor, DAY)
    close(actor.centre_id, DAY, 11250)
    Visit.create(
        centre=actor.centre_id, gender="x", at=at(NEXT, 16), business_date=NEXT, local_hour=16
    )


CLOSED_ROW = {
    "date": "2026-03-02",
    "centre": "STR",
    "status": "closed",
    "z_no": "1",
    "visits": "5",
    "visitors_unique": "1",
    "visits_anonymous": "3",
    "visits_f": "1",
    "visits_m": "3",
    "visits_x": "0",
    "visits_u": "1",
    "lunch_total": "5",
    "lunch_visitor": "1",
    "lunch_dagsverket": "1",
    "lunch_staff": "1",
    "lunch_guest": "2",
    "dagsverket_present": "1",
    "megafon_copies": "7",
    "megafon_sales": "2",
    "megafon_revenue_nok": "175.00",
    "megafon_cash_nok": "125.00",
    "megafon_card_nok": "50.00",
    "megafon_vipps_nok": "0.00",
    "cash_counted_nok": "112.50",
    "cash_diff_nok": "-12.50",
    "naloxone_kits": "1",
    "naloxone_trained": "1",
    "syringes_returned": "25",
}
# Tally version 2's cash box of the same day (a version 1 Z-report leaves them empty).
CLOSED_ROW_CASH_BOX = {
    "cash_float_nok": "0.00",
    "cash_pay_in_nok": "0.00",
    "cash_pay_out_nok": "0.00",
    "cash_expected_nok": "125.00",
}


def export(backend: str, *args: str):
    return run("--db", backend, "export", "--from", "2026-03-01", "--to", "2026-03-04", *args)


def test_wide_csv_has_the_contract_columns_and_the_closed_day(backend: str, lead: Actor) -> None:
    seed(lead)
    result = export(backend)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split(",") == FIXED + [f"supply_{code}" for code in SUPPLIES]
    assert len(lines) == 2  # only the closed day; voided records counted nowhere
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert {k: row[k] for k in CLOSED_ROW} == CLOSED_ROW
    assert {k: row[k] for k in CLOSED_ROW_CASH_BOX} == CLOSED_ROW_CASH_BOX
    assert row["supply_SPR2ML"] == "10"
    assert row["supply_NALOX"] == "1"
    assert row["supply_FOLIE"] == "0"


def test_header_is_written_when_no_day_is_closed(backend: str, lead: Actor) -> None:
    result = run("--db", backend, "export", "--from", "2026-01-01", "--to", "2026-01-31")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [",".join(FIXED + [f"supply_{c}" for c in SUPPLIES])]


def test_include_open_gives_every_day_from_the_first_activity(backend: str, lead: Actor) -> None:
    seed(lead)
    result = export(backend, "--include-open")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # 03-01 is before the centre's first activity: no row. 03-04 passed with nothing: empty.
    assert [(r["date"], r["status"], r["z_no"]) for r in rows] == [
        ("2026-03-02", "closed", "1"),
        ("2026-03-03", "open", ""),
        ("2026-03-04", "empty", ""),
    ]
    assert (rows[1]["visits"], rows[1]["visits_x"], rows[1]["cash_counted_nok"]) == ("1", "1", "")
    assert rows[1]["cash_diff_nok"] == ""
    empty = rows[2]
    assert empty["visits"] == "0" and empty["megafon_revenue_nok"] == "0.00"
    assert empty["supply_SPR2ML"] == "0" and empty["cash_counted_nok"] == ""


def test_include_open_writes_no_day_after_today(backend: str, lead: Actor) -> None:
    seed(lead)
    with freeze_time("2026-03-03 12:00:00"):  # NEXT is today
        result = export(backend, "--include-open")
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [(r["date"], r["status"]) for r in rows] == [
            ("2026-03-02", "closed"),
            ("2026-03-03", "open"),
        ]
    with freeze_time("2026-03-04 12:00:00"):  # today, nothing yet: open, not empty
        rows = list(csv.DictReader(io.StringIO(export(backend, "--include-open").stdout)))
        assert [(r["date"], r["status"]) for r in rows][-1] == ("2026-03-04", "open")


def test_include_open_skips_a_centre_before_its_first_activity(backend: str, lead: Actor) -> None:
    from frontdesk.services.centre import init_centre

    nes, _ = init_centre("NES", "Nesttun", "EF", "5555")
    seed(lead)
    Visit.create(centre=nes.id, at=at(EMPTY, 10), business_date=EMPTY, local_hour=10)
    result = export(backend, "--include-open")
    rows = [
        (r["date"], r["centre"], r["status"]) for r in csv.DictReader(io.StringIO(result.stdout))
    ]
    assert rows == [
        ("2026-03-02", "STR", "closed"),
        ("2026-03-03", "STR", "open"),
        ("2026-03-04", "NES", "open"),
        ("2026-03-04", "STR", "empty"),
    ]
    total = count_rows(select_centres(), dt.date(2026, 3, 1), dt.date(2026, 3, 4), True)
    assert total == len(rows)  # the progress bar's count


def test_excel_bytes_bom_semicolons_decimal_commas(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    seed(lead)
    out = tmp_path / "tally.csv"
    result = export(backend, "--excel", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdate;centre;status;z_no;visits;")
    row = data.split(b"\r\n")[1]
    assert row.startswith(b"2026-03-02;STR;closed;1;5;1;3;1;3;0;1;")
    assert b";175,00;125,00;50,00;0,00;112,50;-12,50;1;1;25;" in row
    assert not list(tmp_path.glob(".*part"))  # no temporary file left behind


def test_long_layout_has_dotted_metrics_and_the_hour_histogram(backend: str, lead: Actor) -> None:
    seed(lead)
    result = export(backend, "--layout", "long", "--include-open")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["date", "centre", "status", "z_no", "metric", "value"]
    closed = {m: v for d, c, st, z, m, v in rows[1:] if d == "2026-03-02"}
    assert closed["visits.total"] == "5"
    assert closed["visits.hour.10"] == "2"
    assert closed["visits.hour.13"] == "1"  # the voided 13:00 visit is not counted
    assert closed["supplies.SPR2ML"] == "10"
    assert closed["megafon.revenue_nok"] == "175.00"
    assert closed["cash.diff_nok"] == "-12.50"
    assert list(closed)[:2] == ["visits.total", "visits.unique"]
    opened = {m: v for d, c, st, z, m, v in rows[1:] if d == "2026-03-03"}
    assert opened["visits.hour.16"] == "1"
    assert "cash.counted_nok" not in opened and "cash.diff_nok" not in opened
    assert {c for _, c, *_ in rows[1:]} == {"STR"}


def test_long_layout_tells_closed_open_and_empty_days_apart(backend: str, lead: Actor) -> None:
    seed(lead)
    result = export(backend, "--layout", "long", "--include-open")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    days = {(r["date"], r["status"], r["z_no"]) for r in rows}
    assert days == {
        ("2026-03-02", "closed", "1"),
        ("2026-03-03", "open", ""),
        ("2026-03-04", "empty", ""),
    }


def test_json_has_integers_and_exact_nok_numbers(backend: str, lead: Actor) -> None:
    seed(lead)
    result = export(backend, "--format", "json", "--include-open")
    assert result.exit_code == 0, result.stderr
    assert '"megafon.revenue_nok": 175.00' in result.stdout
    assert '"cash.diff_nok": -12.50' in result.stdout
    days = json.loads(result.stdout, parse_float=Decimal)
    assert [d["date"] for d in days] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    closed = days[0]
    assert set(closed) == {"date", "centre", "status", "z_no", "metrics"}
    assert (closed["centre"], closed["status"], closed["z_no"]) == ("STR", "closed", 1)
    assert closed["metrics"]["visits.total"] == 5
    assert isinstance(closed["metrics"]["visits.total"], int)
    assert closed["metrics"]["megafon.cash_nok"] == Decimal("125.00")
    assert closed["metrics"]["cash.counted_nok"] == Decimal("112.50")
    assert closed["metrics"]["visits.hour.12"] == 1
    assert closed["metrics"]["supplies.NALOX"] == 1
    opened = days[1]
    assert (opened["status"], opened["z_no"]) == ("open", None)
    assert opened["metrics"]["cash.counted_nok"] is None
    assert opened["metrics"]["cash.diff_nok"] is None
    assert (days[2]["status"], days[2]["metrics"]["visits.total"]) == ("empty", 0)


def test_json_with_the_long_layout_is_refused_in_one_sentence(backend: str, lead: Actor) -> None:
    seed(lead)
    for extra in (("--layout", "long"), ("--excel",)):
        result = export(backend, "--format", "json", *extra)
        assert result.exit_code == 2 and result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines == [
            f"Error: {extra[0]}{' long' if len(extra) > 1 else ''} is for CSV files; "
            "leave it out with --format json.",
            "Try 'frontdesk export --help'.",
        ]


def test_json_of_no_days_is_an_empty_list(backend: str, lead: Actor) -> None:
    result = run("--db", backend, "export", "--from", "2026-01-01", "--to", "2026-01-02")
    assert result.exit_code == 0
    result = run(
        "--db", backend, "export", "--from", "2026-01-01", "--to", "2026-01-02", "--format", "json"
    )
    assert json.loads(result.stdout) == []


def test_nothing_identifies_a_visitor(backend: str, lead: Actor) -> None:
    seed(lead)
    for args in ((), ("--layout", "long"), ("--format", "json")):
        text = export(backend, "--include-open", *args).stdout
        for secret in ("AB85", "DV70", "MF66", "101", '"AB"', ",AB,"):
            assert secret not in text, (args, secret)


def test_a_closed_day_comes_from_its_z_report(backend: str, lead: Actor) -> None:
    seed(lead)
    # A row added behind the Z-report's back does not change the exported closed day.
    Visit.create(centre=lead.centre_id, at=at(DAY, 16), business_date=DAY, local_hour=16)
    row = next(csv.DictReader(io.StringIO(export(backend).stdout)))
    assert row["visits"] == "5"


def test_a_reopened_day_exports_its_current_version(backend: str, lead: Actor) -> None:
    seed(lead)
    DayClose.update(reopened_at=at(DAY, 20), reopen_reason="recount").execute()
    assert len(export(backend).stdout.splitlines()) == 1  # reopened: open, not exported
    result = export(backend, "--include-open")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (rows[1]["status"], rows[1]["z_no"]) == ("open", "")


def test_several_centres_one_row_each_in_date_then_centre_order(backend: str, lead: Actor) -> None:
    from frontdesk.services.centre import init_centre

    nes, lead2 = init_centre("NES", "Nesttun", "EF", "5555")
    seed(lead)
    close(nes.id, DAY, 0)
    result = export(backend, "--include-open")
    pairs = [(r["date"], r["centre"]) for r in csv.DictReader(io.StringIO(result.stdout))]
    assert pairs[:4] == [
        ("2026-03-02", "NES"),
        ("2026-03-02", "STR"),
        ("2026-03-03", "NES"),
        ("2026-03-03", "STR"),
    ]
    one = export(backend, "--centre", "nes")
    assert [r["centre"] for r in csv.DictReader(io.StringIO(one.stdout))] == ["NES"]


def test_output_file_is_complete_and_says_so(backend: str, lead: Actor, tmp_path: Path) -> None:
    seed(lead)
    out = tmp_path / "t.json"
    result = export(backend, "--format", "json", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "Wrote 1 centre-days" in result.stderr
    assert len(json.loads(out.read_text())) == 1


def test_subprocess_export_to_stdout(tmp_path: Path, backend: str, lead: Actor) -> None:
    seed(lead)
    env = dict(os.environ, FRONTDESK_DB=backend)
    out = subprocess.run(
        [str(ROOT / ".venv/bin/frontdesk"), "export", "--from", "2026-03-02", "--to", "2026-03-02"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(b"date,centre,status,z_no,visits,")
    assert out.stdout.count(b"\n") == 2
    assert out.stderr == b""


def test_export_never_imports_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import frontdesk.cli\n"
        "from click.testing import CliRunner\n"
        "r = CliRunner().invoke(frontdesk.cli.cli, ['export', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(frontdesk.cli.cli, ['--db', sys.argv[1], 'export',"
        " '--from', '2026-01-01', '--to', '2026-01-02'])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "print('clean')\n"
    )
    out = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-c", code, str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "clean"


def test_reading_z_reports_a_window_at_a_time_changes_nothing(
    backend: str, lead: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Z-reports are read in date windows (flat memory); rows and order stay the same."""
    from frontdesk.services import export as export_service

    for offset in range(7):
        close(lead.centre_id, DAY + dt.timedelta(days=offset), 0)
    args = ["--db", backend, "export", "--from", "2026-03-01", "--to", "2026-03-10"]
    whole = run(*args, "--include-open").stdout
    monkeypatch.setattr(export_service, "WINDOW_DAYS", 2)
    assert run(*args, "--include-open").stdout == whole
    assert [line.split(",")[0] for line in run(*args).stdout.splitlines()[1:]] == [
        (DAY + dt.timedelta(days=i)).isoformat() for i in range(7)
    ]
