"""Papers: the printed X- and Z-report (A4 PDF read back, 80 mm receipt text) and where
the Day tab's papers go. Service tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from freezegun import freeze_time
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from frontdesk.errors import NotFound
from frontdesk.services import audit, dayclose, papers, supplies, tally
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.settings import get_settings, set_setting
from frontdesk.services.staff import add_staff
from tests.conftest import LEAD_PIN
from tests.test_tally import (
    DAY,
    add_hand_out,
    add_lunch,
    add_return,
    add_sale,
    add_visit,
    add_visitor,
)

AFTER = "2026-03-03 09:30:00"  # UTC: 10:30 in Oslo, the next business day


def pdf_text(data: bytes) -> tuple[int, str]:
    """(pages, text) of a PDF, amounts' spaces as plain spaces."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), text.replace("\u00a0", " ")


def flat(receipt: str) -> str:
    """The receipt's words with single spaces: 'Opptalt kontant     120,00 kr' → one space."""
    return " ".join(receipt.split())


def busy_day(actor: Actor) -> None:
    """DAY: 3 visits, lunch, Megafon sales by two payment methods, supplies, returns."""
    add_visit(actor, gender="f", hour=10)
    add_visit(actor, gender="m", hour=11)
    add_visit(actor, hour=11)
    add_lunch(actor, "visitor", 4)
    vendor = add_visitor(actor, "MF66", vendor_number=101)
    add_sale(actor, vendor, 3, "cash")  # 150,00 kr
    add_sale(actor, vendor, 2, "vipps")  # 100,00 kr
    add_hand_out(actor, {"SPR2ML": 10, "SPRIT": 5})
    add_hand_out(actor, {"NALOX": 1}, trained=True)
    add_return(actor, 1234)


def closed_day(actor: Actor, counted_ore: int = 12000) -> dayclose.ZReport:
    busy_day(actor)
    with freeze_time(AFTER):
        return dayclose.close_day(actor, counted_ore, business_date=DAY)


def test_a_z_report_pdf_holds_the_z_number_date_totals_and_norwegian_letters(
    backend: str, lead: Actor
) -> None:
    set_setting(lead, "org_number", "987 654 321")
    closed_day(lead)
    with freeze_time("2026-03-04 08:00:00"):
        paper = papers.z_paper(lead, DAY)
    pages, text = pdf_text(papers.day_pdf_bytes(paper))
    assert pages == 1
    for expected in (
        "Strax-huset",
        "Org.nr. 987 654 321",
        "Z-rapport nr 1 · versjon 1",
        "Driftsdato 2026-03-02",
        "Avsluttet 2026-03-03 10:30 av AB",  # local time in Oslo
        "Skrevet ut 2026-03-04 09:00",
        "Besøk totalt 3",
        "Omsetning 250,00 kr",
        "Forventet kontant 150,00 kr",
        "Opptalt kontant 120,00 kr",
        "Differanse -30,00 kr",
        "Totalsum siden start 250,00 kr",
        "Sprøyte 2 ml 10",
        "Brukte sprøyter returnert 1 234",
        "Nalokson, opplæring gitt 1",  # æ ø å from the embedded font
        "Signatur vaktleder",
    ):
        assert expected in text, expected
    assert "AB kontant 3 150,00 kr" in text  # Megafon by staff member and payment method
    # Showing a Z-report is audited, also when it is printed.
    assert [e.detail["z_no"] for e in audit.recent(lead.centre_id, action="report.z")] == [1]


def test_a_z_report_in_english_when_the_centre_speaks_english(backend: str, lead: Actor) -> None:
    set_setting(lead, "language", "en")
    closed_day(lead)
    paper = papers.z_paper(lead, DAY)
    _, text = pdf_text(papers.day_pdf_bytes(paper))
    assert "Z-report no. 1 · version 1" in text
    assert "Grand total since the start NOK 250.00" in text
    assert "Shift lead's signature" in text
    receipt = papers.receipt_text(paper)
    assert "Business date" in receipt and "Driftsdato" not in receipt


def test_a_later_version_names_the_reopen_reason(backend: str, lead: Actor) -> None:
    closed_day(lead)
    with freeze_time("2026-03-03 12:00:00"):
        dayclose.reopen_day(lead, DAY, LEAD_PIN, "glemt salg på kvelden")
        dayclose.close_day(lead, 15000, business_date=DAY)
    latest = papers.z_paper(lead, DAY)
    assert latest.title == "Z-rapport nr 1 · versjon 2"
    assert latest.notes == (
        "Gjenåpnet før versjon 2, 2026-03-03 13:00 av AB: glemt salg på kvelden",
    )
    _, text = pdf_text(papers.day_pdf_bytes(latest))
    assert "glemt salg på kvelden" in text and "Opptalt kontant 150,00 kr" in text
    first = papers.z_paper(lead, DAY, version=1)
    assert first.notes == (
        "Denne versjonen ble gjenåpnet 2026-03-03 13:00 av AB: glemt salg på kvelden",
    )
    assert "Opptalt kontant 120,00 kr" in flat(papers.receipt_text(first))


def test_a_day_never_closed_has_no_z_paper(backend: str, lead: Actor) -> None:
    busy_day(lead)
    with pytest.raises(NotFound, match="has not been closed"):
        papers.z_paper(lead, DAY)


def test_the_x_report_paper_is_the_running_tally_and_says_the_day_is_open(
    backend: str, lead: Actor
) -> None:
    busy_day(lead)
    paper = papers.x_paper(lead, DAY)
    receipt = papers.receipt_text(paper)
    assert paper.title == "X-rapport" and paper.z_no is None
    assert "Løpende tall: dagen er ikke avsluttet." in receipt
    assert "Opptalt kontant" in receipt and "ikke talt" in receipt
    assert "Totalsum" not in receipt  # no grand total before the close
    assert len(audit.recent(lead.centre_id, action="report.x")) == 1


def test_a_figure_the_stored_z_report_predates_prints_as_a_dash(
    backend: str, lead: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed_day(lead)  # stored by today's tally version
    later = tally.current_version() + 1
    newer = tuple(
        dataclasses.replace(m, since=later) if m.key == "naloxone.trained" else m
        for m in tally.METRICS
    )
    monkeypatch.setattr(tally, "METRICS", newer)  # as if a later version had added it
    paper = papers.z_paper(lead, DAY)
    receipt = papers.receipt_text(paper)
    row = next(line for line in receipt.splitlines() if line.startswith("Nalokson, opplæring"))
    assert row.endswith(" –")
    assert "tallet fantes ikke da denne Z-rapporten ble lagret" in flat(receipt)
    _, text = pdf_text(papers.day_pdf_bytes(paper))
    assert "Nalokson, opplæring gitt –" in text
    assert "Nalokson, sett utdelt 1" in text  # a figure the version knew prints as counted


def test_the_receipt_is_at_most_42_columns_with_long_names_and_large_numbers(
    backend: str,
) -> None:
    name = "Kommunens lavterskel dagsenter for rusavhengige på Strax-huset i Bergen sentrum"
    centre, member = init_centre("STRAXHUS", name, "ABCD", LEAD_PIN)
    lead = Actor(centre.id, member.id, member.initials, member.role)
    set_setting(lead, "org_number", "NO 987 654 321 MVA")
    add_staff(lead, "EF", "2468", "lead")  # approves the sums the box never held
    approve = {"approver_initials": "EF", "approver_pin": "2468", "diff_reason": "test"}
    supplies.add_item(
        lead,
        "LANGNAVN",
        name_nb="Sprøytespisser til engangsbruk i rustfritt stål, ekstra lange, æøå",
        name_en="Single-use stainless steel needle tips, extra long",
    )
    vendor = add_visitor(lead, "MF66", vendor_number=101)
    add_sale(lead, vendor, 21_000, "cash", unit_price_ore=99_900)  # PostgreSQL's int4 limit
    add_hand_out(lead, {"LANGNAVN": 123_456_789})
    with freeze_time(AFTER):
        dayclose.close_day(lead, dayclose.MAX_COUNTED_CASH_ORE, business_date=DAY, **approve)
        dayclose.reopen_day(lead, DAY, LEAD_PIN, "x" * 30 + " " + "y" * 150)
        dayclose.close_day(lead, 0, business_date=DAY, **approve)
    receipt = papers.receipt_text(papers.z_paper(lead, DAY))
    lines = receipt.splitlines()
    assert max(len(line) for line in lines) <= papers.RECEIPT_WIDTH
    assert "ABCD kontant 21 000 20 979 000,00 kr" in flat(receipt)  # 21,000 at 999,00 kr
    assert any("123 456 789" in line for line in lines)
    assert "Sprøytespisser" in receipt and "Bergen" in receipt and "y" * 40 in receipt


@settings(derandomize=True, max_examples=200, deadline=None)
@given(label=st.text(max_size=120), value=st.text(max_size=80))
@example(label="Totalsum siden start", value="1 234 567 890 123,00 kr")
@example(label="x" * 41, value="1")
def test_a_receipt_row_never_passes_the_width(label: str, value: str) -> None:
    label, value = " ".join(label.split()), " ".join(value.split())
    lines = papers.receipt_row(label, value)
    assert all(len(line) <= papers.RECEIPT_WIDTH for line in lines)
    joined = "".join("".join(lines).split())
    assert "".join(value.split()) in joined or not value


def test_the_day_tab_paper_goes_to_the_papers_dir_setting(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    closed_day(lead)
    set_setting(lead, "papers_dir", str(tmp_path / "utskrifter"))
    saved = papers.save_day_paper(lead, DAY)
    assert saved.path == tmp_path / "utskrifter" / "Z-STR-2026-03-02-nr1-v1.pdf"
    assert saved.path.stat().st_mode & 0o777 == 0o600
    pages, text = pdf_text(saved.path.read_bytes())
    assert pages == 1 and "Z-rapport nr 1" in text
    # An open day gives its X-report, named by the time it was printed.
    with freeze_time("2026-03-04 11:12:13"):
        x = papers.save_day_paper(lead, DAY + dt.timedelta(days=1))
    assert x.path.name == "X-STR-2026-03-03-121213.pdf"  # 12:12:13 in Oslo


def test_papers_go_beside_the_sqlite_file_or_to_the_user_data_folder_by_default(
    backend: str, lead: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    closed_day(lead)
    saved = papers.save_day_paper(lead, DAY, version=1)
    if backend.startswith("postgres"):  # no file to stand beside
        assert saved.path.parent == tmp_path / "data" / "frontdesk" / "papers"
    else:
        assert saved.path.parent == Path(backend).resolve().parent / "papers"
    assert saved.path.name == "Z-STR-2026-03-02-nr1-v1.pdf"


def test_a_papers_dir_that_cannot_be_made_is_one_sentence(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    set_setting(lead, "papers_dir", str(tmp_path / "a-file" / "papers"))
    with pytest.raises(papers.BadInput, match="Cannot make the papers folder"):
        papers.save_day_paper(lead)


def test_print_file_without_lp_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(papers.shutil, "which", lambda name: None)
    with pytest.raises(papers.BadInput, match="no print command"):
        papers.print_file("Z.pdf")


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("org_number", "987 654 321; DROP", "organisation number"),
        ("org_number", "9" * 31, "organisation number"),
        ("papers_dir", "/tmp/a\nb", "papers_dir"),
        ("papers_dir", "/" + "p" * 200, "papers_dir"),
    ],
)
def test_paper_settings_refuse_what_cannot_be_printed_or_made(
    backend: str, lead: Actor, key: str, value: str, words: str
) -> None:
    with pytest.raises(papers.BadInput, match=words):
        set_setting(lead, key, value)
    assert getattr(get_settings(lead.centre_id), key) == ""


def test_a_day_without_sales_says_so_in_full(backend: str, lead: Actor) -> None:
    paper = papers.x_paper(lead, DAY)
    _, text = pdf_text(papers.day_pdf_bytes(paper))
    assert "Ingen salg" in text and "Ingen utdelinger" in text and "Ingen besøk" in text
    assert "Ingen salg" in papers.receipt_text(paper)
