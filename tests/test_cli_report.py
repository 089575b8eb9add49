"""`frontdesk report`: the period's numbers, stock and the hour chart, readable when piped."""

from __future__ import annotations

import datetime as dt

from freezegun import freeze_time

from frontdesk.db.models import SupplyDelivery, SupplyItem
from frontdesk.services.actor import Actor
from frontdesk.services.centre import find_centre
from frontdesk.services.report import build_report
from tests.test_cli_export import DAY, NEXT, at, run, seed


def test_report_shows_closed_and_open_days_without_colour_codes(backend: str, lead: Actor) -> None:
    seed(lead)
    result = run("--db", backend, "report", "--from", "2026-03-01", "--to", "2026-03-04")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b[" not in out  # piped: plain text
    assert "frontdesk report · STR Strax-huset · 2026-03-01 to 2026-03-04 (4 days)" in out
    lines = out.splitlines()
    closed = next(line for line in lines if "2026-03-02" in line)
    # The last figure: reported overdose reversals (issue 12).
    assert closed.split() == [
        "2026-03-02", "STR", "closed", "5", "1", "5", "7", "175.00", "1", "10", "25", "0",
    ]  # fmt: skip
    opened = next(line for line in lines if "2026-03-03" in line)
    assert opened.split()[:4] == ["2026-03-03", "STR", "open", "1"]
    total = next(line for line in lines if line.split()[:2] == ["total", "STR"])
    assert total.split()[2] == "6"  # visits over the period
    # Only 03-03 is open: 03-01 is before the first activity, 03-04 passed empty.
    assert "1 centre-day is open (not yet closed)" in out
    assert next(line for line in lines if line.split()[:1] == ["2026-03-04"]).split()[:4] == [
        "2026-03-04", "STR", "empty", "0",
    ]  # fmt: skip
    assert not any(line.split()[:1] == ["2026-03-01"] for line in lines)
    # Supplies handed out, per item (the voided hand-out of 99 is not there).
    assert any(
        line.split()[:2] == ["SPR2ML", "Syringe"] and line.split()[-1] == "10" for line in lines
    )
    assert "99" not in out


def test_hour_chart_draws_bars_for_the_opening_hours(backend: str, lead: Actor) -> None:
    seed(lead)
    result = run("--db", backend, "report", "--from", "2026-03-02", "--to", "2026-03-03")
    chart = result.stdout.split("Visits by hour")[1].splitlines()[1:]
    hours = {line.split()[0]: line for line in chart if line.strip()}
    assert list(hours) == [f"{h:02d}:00" for h in range(10, 17)]
    assert hours["10:00"].count("█") == 40  # the busiest hour fills the bar
    assert hours["12:00"].count("█") == 20
    assert hours["14:00"].count("█") == 0 and hours["14:00"].split()[1] == "0"


def test_per_day_figures_divide_by_the_days_with_activity(backend: str, lead: Actor) -> None:
    seed(lead)  # activity on 03-02 and 03-03 only
    with freeze_time("2026-03-03 12:00:00"):
        result = run("--db", backend, "report", "--from", "2026-02-20", "--to", "2026-03-09")
    assert result.exit_code == 0, result.stderr
    chart = result.stdout.split("Visits by hour")[1].splitlines()[1:]
    hours = {line.split()[0]: line for line in chart if line.strip()}
    assert hours["10:00"].split()[-1] == "(1/day)"  # 2 visits over 2 days, not 18
    assert "1 centre-day is open" in result.stdout  # today; no day after it counts


def test_stock_on_hand_marks_low_items(backend: str, lead: Actor) -> None:
    seed(lead)
    item = SupplyItem.get(SupplyItem.code == "SPR1ML")
    SupplyDelivery.create(
        centre=lead.centre_id, item=item, quantity=500, at=at(DAY, 9), business_date=DAY
    )
    result = run("--db", backend, "report", "--from", "2026-03-02", "--to", "2026-03-02")
    stock = result.stdout.split("Stock on hand at STR")[1].split("Visits by hour")[0]
    rows = {line.split()[0]: line.split() for line in stock.splitlines()[3:] if line.strip()}
    assert rows["SPR1ML"] == ["SPR1ML", "Syringe", "1", "ml", "500", "200"]
    # Never delivered, 10 handed out: under its threshold (no recent rate, so no cover).
    assert rows["SPR2ML"] == ["SPR2ML", "Syringe", "2", "ml", "-10", "200", "LOW"]


def test_default_period_is_the_last_seven_days(backend: str, lead: Actor) -> None:
    seed(lead)
    with freeze_time("2026-03-05 12:00:00"):
        result = run("--db", backend, "report")
    assert result.exit_code == 0, result.stderr
    assert "2026-02-27 to 2026-03-05 (7 days)" in result.stdout


def test_report_and_export_agree(backend: str, lead: Actor) -> None:
    seed(lead)
    report = build_report([find_centre("STR")], DAY, NEXT)
    assert [(d.business_date, d.value("visits.total"), d.status) for d in report.days] == [
        (DAY, 5, "closed"),
        (NEXT, 1, "open"),
    ]
    assert report.total.value("megafon.revenue_ore") == 17500
    assert sum(report.hours) == 6
    assert report.hours[16] == 1


def test_unknown_centre_is_one_sentence(backend: str, lead: Actor) -> None:
    result = run("--db", backend, "report", "--centre", "XYZ")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: There is no centre with the code XYZ."
    assert dt.date(2026, 3, 2) == DAY


def test_a_one_day_report_says_one_day(backend: str, lead: Actor) -> None:
    seed(lead)
    result = run("--db", backend, "report", "--from", "2026-03-02", "--to", "2026-03-02")
    assert result.exit_code == 0, result.stderr
    assert "2026-03-02 to 2026-03-02 (1 day)" in result.stdout


def test_syringes_out_are_each_centres_own_syringe_items_as_on_the_pdf(
    backend: str, lead: Actor
) -> None:
    """A code that is a syringe at one centre and not at another counts only where it is one:
    the terminal report and the PDF use the one rule (report.day_figure)."""
    from frontdesk.services import papers
    from frontdesk.services.report import SYRINGES_OUT
    from tests.test_papers_report import FROM, NOW, TO, two_centres

    two_centres(lead)  # NES hands out 7 + 30 SPR1ML, STR 10 SPR2ML
    nes = find_centre("NES")
    SupplyItem.update(kind="other").where(
        (SupplyItem.centre == nes.id) & (SupplyItem.code == "SPR1ML")
    ).execute()
    centres = [find_centre("STR"), nes]
    with freeze_time(NOW):
        report = build_report(centres, FROM, TO)
        series = {s.code: s for s in papers.period_series(centres, FROM, TO)}
    assert report.totals["NES"].value(SYRINGES_OUT) == sum(series["NES"].syringes_out) == 0
    assert report.totals["STR"].value(SYRINGES_OUT) == sum(series["STR"].syringes_out) == 10
