"""`frontdesk report --pdf`: the cover and one chart page per centre, and every chart's numbers
equal to `frontdesk export --include-open` for the same period (both databases)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections import defaultdict
from pathlib import Path

import pytest
from freezegun import freeze_time
from pypdf import PdfReader

from frontdesk.services import papers, tally
from frontdesk.services.actor import Actor
from frontdesk.services.centre import find_centre, init_centre
from frontdesk.services.settings import set_setting
from tests.conftest import LEAD_PIN
from tests.test_cli_export import DAY, close, run, seed
from tests.test_papers import pdf_text
from tests.test_tally import add_hand_out, add_lunch, add_return, add_visit

NOW = "2026-03-10 12:00:00"
FROM, TO = dt.date(2026, 2, 23), dt.date(2026, 3, 12)  # runs past today: days after have no row
SYRINGES = ("SPR1ML", "SPR2ML", "SPR5ML")  # the default catalogue's syringe items


def two_centres(lead: Actor) -> None:
    """STR: a closed busy day and an open day; NES: days in two weeks, one left open."""
    seed(lead)
    centre, member = init_centre("NES", "Nesttun", "EF", LEAD_PIN)
    nes = Actor(centre.id, member.id, member.initials, member.role)
    for day, visits, syringes in ((DAY, 4, 7), (DAY + dt.timedelta(days=7), 2, 30)):
        for hour in range(visits):
            add_visit(nes, day=day, hour=9 + hour)
        add_hand_out(nes, {"SPR1ML": syringes, "NALOX": 1}, day=day, trained=False)
        add_return(nes, syringes * 2, day=day)
        add_lunch(nes, "guest", 3, day=day)
    close(nes.centre_id, DAY, 0)


def export_json(backend: str) -> list[dict]:
    result = run(
        "--db", backend, "export", "--from", FROM.isoformat(), "--to", TO.isoformat(),
        "--include-open", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_every_chart_series_equals_the_export_for_the_period(backend: str, lead: Actor) -> None:
    two_centres(lead)
    with freeze_time(NOW):
        series = papers.period_series(
            [find_centre("STR"), find_centre("NES")], FROM, TO
        )  # order given is not the order drawn: by code
        rows = export_json(backend)
    assert [s.code for s in series] == ["NES", "STR"]
    assert {r["status"] for r in rows} == {"closed", "open", "empty"}
    for one in series:
        mine = {dt.date.fromisoformat(r["date"]): r for r in rows if r["centre"] == one.code}
        assert one.days[0] == FROM and one.days[-1] == TO
        for i, day in enumerate(one.days):
            row = mine.get(day)
            assert one.statuses[i] == (row["status"] if row else None), day
            assert one.visits[i] == (row["metrics"]["visits.total"] if row else 0), day
        hours = [
            sum(r["metrics"][f"visits.hour.{h:02d}"] for r in mine.values()) for h in range(24)
        ]
        assert list(one.hours) == hours
        weekly: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
        for day, r in mine.items():
            week = day - dt.timedelta(days=day.weekday())
            m = r["metrics"]
            weekly["syringes_out"][week] += sum(m[f"supplies.{c}"] for c in SYRINGES)
            weekly["syringes_returned"][week] += m["syringes.returned"]
            weekly["naloxone_kits"][week] += m["naloxone.kits"]
            weekly["lunch"][week] += m["lunch.total"]
            weekly["megafon_copies"][week] += m["megafon.copies"]
        for name in papers.WEEKLY:
            assert list(getattr(one, name)) == [weekly[name][w] for w in one.weeks], name
        assert one.totals["visits.total"] == sum(
            r["metrics"]["visits.total"] for r in mine.values()
        )
        revenue = sum(float(r["metrics"]["megafon.revenue_nok"]) for r in mine.values())
        assert one.totals["megafon.revenue_ore"] == round(revenue * 100)
    nes = series[0]
    assert nes.syringes_out[nes.weeks.index(DAY)] == 7  # DAY is a Monday
    assert nes.syringes_out[nes.weeks.index(DAY + dt.timedelta(days=7))] == 30
    assert sum(nes.visits) == 6 and nes.closed_days == 1 and nes.open_days == 2  # + today
    assert papers.city_totals(series)["visits.total"] == sum(sum(s.visits) for s in series)


def test_report_pdf_has_a_cover_and_a_page_per_centre(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    two_centres(lead)
    out = tmp_path / "rapport.pdf"
    with freeze_time(NOW):
        result = run(
            "--db", backend, "report", "--from", FROM.isoformat(), "--to", TO.isoformat(),
            "--pdf", str(out),
        )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote the report for {FROM} to {TO} to {out}.\n"
    assert out.stat().st_mode & 0o777 == 0o600
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    cover, nes, strax = (page.extract_text().replace("\u00a0", " ") for page in reader.pages)
    assert "2026-02-23 til 2026-03-12 (18 dager)" in cover
    assert "NES Nesttun 1 / 2 6 6" in cover  # closed / open days, visits, lunch
    assert "STR Strax-huset 1 / 2 6 5 7 175 10 25 1" in cover  # 03-03 and today open
    assert "Alle sentre 2 / 4 12 11 7 175 47 99 3" in cover
    assert "Besøk per dag" in nes and "Sprøyter utdelt og returnert per uke" in nes
    assert "Lunsjporsjoner per uke" in nes and "Naloksonsett per uke" in nes
    assert "Megafon-eksemplarer per uke" in nes and "NES Nesttun" in nes
    assert "STR Strax-huset" in strax and "åpen (ikke avsluttet)" in strax


def test_report_pdf_for_named_centres_in_english(backend: str, lead: Actor, tmp_path: Path) -> None:
    two_centres(lead)
    set_setting(Actor.cli(find_centre("NES").id), "language", "en")  # the first by code decides
    out = tmp_path / "report.pdf"
    with freeze_time(NOW):
        result = run(
            "--db", backend, "report", "--from", "2026-03-02", "--to", "2026-03-08",
            "--centre", "STR", "--centre", "NES", "--centre", "STR", "--pdf", str(out),
        )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    pages, text = pdf_text(out.read_bytes())
    assert pages == 3
    assert "Report for the period" in text and "Visits per day" in text
    assert "All centres 2 / 1" in text


def test_reported_reversals_are_drawn_once_the_tally_counts_them(
    backend: str, lead: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(lead)
    with freeze_time(NOW):
        after = papers.period_report([find_centre("STR")], FROM, TO)
        earlier = tuple(m for m in tally.METRICS if m.key != papers.REVERSALS_KEY)
        monkeypatch.setattr(tally, "METRICS", earlier)  # code from before issue 12
        before = papers.period_report([find_centre("STR")], FROM, TO)
    assert before.series[0].reversals is None
    assert after.series[0].reversals == tuple(0 for _ in after.series[0].weeks)
    _, text = pdf_text(papers.report_pdf_bytes(after))
    assert "rapporterte reverseringer" in text
    _, text = pdf_text(papers.report_pdf_bytes(before))
    assert "reverseringer" not in text


def test_report_pdf_refusals_write_nothing(backend: str, lead: Actor, tmp_path: Path) -> None:
    seed(lead)
    cases = [
        (["--from", "2026-03-05", "--to", "2026-03-01"], "starts"),
        (["--centre", "NOPE"], "NOPE"),
    ]
    for args, words in cases:
        result = run("--db", backend, "report", *args, "--pdf", str(tmp_path / "r.pdf"))
        assert result.exit_code == 1 and words in result.stderr, result.stderr
        assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "r.pdf").exists()
    if Path(backend).exists():  # SQLite: never the database's own file
        result = run("--db", backend, "report", "--pdf", backend + "-wal")
        assert result.exit_code == 1 and "database" in result.stderr, result.stderr


def test_a_cover_of_many_centres_runs_onto_a_second_page(backend: str, lead: Actor) -> None:
    seed(lead)
    for n in range(1, 60):
        init_centre(f"C{n:02d}", f"Senter nummer {n}", "AB", LEAD_PIN)
    centres = [find_centre("STR")] + [find_centre(f"C{n:02d}") for n in range(1, 60)]
    with freeze_time(NOW):
        report = papers.period_report(centres, DAY, DAY)
    pages = [
        page.extract_text() for page in PdfReader(io.BytesIO(papers.report_pdf_bytes(report))).pages
    ]
    cover = "\n".join(pages[:2])
    assert len(pages) == 2 + 60  # the cover's table runs onto a second page, then the centres
    assert all(f"C{n:02d} Senter nummer {n} 0 / 0 0 0 0 0 0 0 0" in cover for n in range(1, 60))
    assert "Alle sentre 1 / 0 5 5 7 175 10 25 1" in cover  # only STR had the closed day
    assert "Tallene er de samme som i" in cover
    assert all("Besøk per dag" in page for page in pages[2:])


def test_a_figure_every_stored_day_predates_is_a_dash_on_the_cover(
    backend: str, lead: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(lead)  # DAY closed (the current tally version) with one naloxone kit; NEXT open
    later = tally.current_version() + 1
    newer = tuple(
        dataclasses.replace(m, since=later) if m.key == "naloxone.kits" else m
        for m in tally.METRICS
    )
    monkeypatch.setattr(tally, "METRICS", newer)  # as if a later version had added the kits
    with freeze_time(NOW):
        only_closed = papers.period_report([find_centre("STR")], DAY, DAY)
        with_open = papers.period_report([find_centre("STR")], DAY, DAY + dt.timedelta(days=1))
    assert only_closed.series[0].totals["naloxone.kits"] is None
    assert only_closed.series[0].totals["visits.total"] == 5
    assert with_open.series[0].totals["naloxone.kits"] == 0  # the open day counts them: none
    page = PdfReader(io.BytesIO(papers.report_pdf_bytes(only_closed))).pages[0].extract_text()
    assert "STR Strax-huset 1 / 0 5 5 7 175 10 25 –" in page
