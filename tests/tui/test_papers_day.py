"""F12 on the Day tab: the day shown as a PDF in the papers folder, then an offer to print."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontdesk.services import dayclose, megafon, papers
from frontdesk.services.actor import Actor
from frontdesk.services.settings import set_setting
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.print_offer import PrintOfferScreen
from tests.test_papers import pdf_text
from tests.tui.conftest import VENDOR, settle
from tests.tui.test_day import open_day_tab, screen_text


async def test_f12_writes_the_x_report_pdf_and_names_the_file(
    desk_db: str, lead_actor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(papers, "print_command", lambda: None)  # no printer on this desk
    set_setting(lead_actor, "papers_dir", str(tmp_path / "papers"))
    megafon.sell(lead_actor, VENDOR, 2, "cash")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        await pilot.press("f12")
        await settle(app, pilot)
        (written,) = (tmp_path / "papers").iterdir()
        assert written.name.startswith("X-STR-") and written.suffix == ".pdf"
        assert f"Lagret {written}" in screen_text(app)
        assert not isinstance(app.screen, PrintOfferScreen)
    _, text = pdf_text(written.read_bytes())
    assert "X-rapport" in text and "Eksemplarer solgt 2" in text


async def test_f12_on_a_z_report_shown_writes_that_version_and_offers_to_print(
    desk_db: str, lead_actor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "printed"
    lp = tmp_path / "lp"
    lp.write_text(f'#!/bin/sh\necho "$@" > {marker}\necho "request id is desk-1"\n')
    lp.chmod(0o700)
    monkeypatch.setattr(papers, "print_command", lambda: str(lp))
    set_setting(lead_actor, "papers_dir", str(tmp_path / "papers"))
    z = dayclose.close_day(lead_actor, 0)  # today, closed: the tab shows its Z-report
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day_tab(app, pilot)
        await pilot.press("f12")
        await settle(app, pilot)
        name = f"Z-STR-{z.business_date.isoformat()}-nr1-v1.pdf"
        assert isinstance(app.screen, PrintOfferScreen)
        assert name in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert f"{name} er sendt til skriveren." in screen_text(app)
    written = tmp_path / "papers" / name
    assert marker.read_text().split() == ["--", str(written)]
    _, text = pdf_text(written.read_bytes())
    assert "Z-rapport nr 1 · versjon 1" in text


async def test_f12_writes_the_earlier_version_on_screen_not_the_latest(
    desk_db: str, lead_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(papers, "print_command", lambda: None)
    set_setting(lead_actor, "papers_dir", "utskrifter")  # relative: beside the database
    today = dayclose.close_day(lead_actor, 1000).business_date
    dayclose.reopen_day(lead_actor, today, "4711", "glemt salg")
    dayclose.close_day(lead_actor, 2000)
    app = DeskApp(desk_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_day_tab(app, pilot)
        await pilot.press("down", "enter")  # the list's second row: version 1
        await settle(app, pilot)
        await pilot.press("f12")
        await settle(app, pilot)
    folder = Path(desk_db).parent / "utskrifter"
    (written,) = folder.iterdir()
    assert written.name == f"Z-STR-{today.isoformat()}-nr1-v1.pdf"
    _, text = pdf_text(written.read_bytes())
    assert "Z-rapport nr 1 · versjon 1" in text and "Opptalt kontant 10,00 kr" in text
    assert "glemt salg" in text
