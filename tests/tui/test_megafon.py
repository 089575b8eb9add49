"""F3 Megafon: a sale by one payment key, refusals, voids, deliveries and issues."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from frontdesk.errors import OutOfStock
from frontdesk.services import megafon
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.messages import OpenSale
from frontdesk.tui.screens.delivery import DeliveryScreen
from frontdesk.tui.screens.issue import IssueScreen
from frontdesk.tui.screens.reason import ReasonScreen
from tests.tui.conftest import DESK_PIN, VENDOR, VENDOR_NUMBER, settle, signed_in
from tests.tui.conftest import screen_text as raw_screen_text


def screen_text(app: DeskApp) -> str:
    """The screen's text with amounts' non-breaking spaces as plain spaces."""
    return raw_screen_text(app).replace("\u00a0", " ")


async def open_megafon(app: DeskApp, pilot, initials: str = "AB", pin: str = "4711") -> None:
    await signed_in(app, pilot, initials, pin)
    await pilot.press("f3")
    await settle(app, pilot)


async def test_a_cash_sale_by_one_key(desk_db: str, lead_actor: Actor) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_megafon(app, pilot)
        text = screen_text(app)
        assert "Megafon · utgave 2026-11 · utsalgspris 50,00 kr · lagerbeholdning 50 eks." in text
        await pilot.press(*str(VENDOR_NUMBER), "enter")
        await pilot.press("backspace", "2", "f6")
        await settle(app, pilot)

        [sale] = megafon.sales_on(lead_actor.centre_id)
        assert (sale.vendor_code, sale.copies, sale.payment, sale.amount_ore) == (
            VENDOR,
            2,
            "cash",
            10000,
        )
        assert sale.staff_initials == "AB"
        assert megafon.current_issue(lead_actor.centre_id).stock == 48
        text = screen_text(app)
        assert "Solgt 2 eks. til selger 101: 100,00 kr kontant." in text
        assert "lagerbeholdning 48 eks." in text
        assert "kontant 100,00 kr" in text and "Totalt 100,00 kr" in text
        assert "KL90" in text  # the new row in today's sales
        # the form is ready for the next sale
        assert app.screen.query_one("#megafon-vendor", Input).value == ""
        assert app.screen.query_one("#megafon-copies", Input).value == "1"


async def test_a_sale_beyond_stock_is_refused_and_nothing_is_written(
    desk_db: str, lead_actor: Actor
) -> None:
    with pytest.raises(OutOfStock) as refusal:  # the sentence the desk must show
        megafon.sell(lead_actor, VENDOR, 60, "card")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_megafon(app, pilot)
        await pilot.press(*VENDOR.lower(), "enter", "backspace", "6", "0", "f7")
        await settle(app, pilot)
        assert refusal.value.text("nb") in screen_text(app)
        # what was typed is kept
        assert app.screen.query_one("#megafon-vendor", Input).value == VENDOR.lower()
        assert app.screen.query_one("#megafon-copies", Input).value == "60"
    assert megafon.sales_on(lead_actor.centre_id) == []
    assert megafon.current_issue(lead_actor.centre_id).stock == 50


async def test_a_sale_opened_from_a_visit_and_paid_by_vipps(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        app.post_message(OpenSale(VENDOR))  # as F1's S key does
        await settle(app, pilot)
        copies = app.screen.query_one("#megafon-copies", Input)
        assert copies.has_focus
        assert app.screen.query_one("#megafon-vendor", Input).value == VENDOR
        await pilot.press("f8")
        await settle(app, pilot)
        assert "Vipps" in screen_text(app)
    [sale] = megafon.sales_on(lead_actor.centre_id)
    assert (sale.vendor_code, sale.copies, sale.payment) == (VENDOR, 1, "vipps")
    assert megafon.totals_on(lead_actor.centre_id)["vipps"] == 5000


async def test_voiding_a_sale_asks_a_reason_and_marks_the_row(
    desk_db: str, lead_actor: Actor
) -> None:
    megafon.sell(lead_actor, VENDOR, 1, "cash")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_megafon(app, pilot)
        app.screen.query_one("#megafon-sales").focus()
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"feil selger", "enter")
        await settle(app, pilot)
        text = screen_text(app)
        assert "annullert" in text
        assert "kontant 0,00 kr" in text
    [sale] = megafon.sales_on(lead_actor.centre_id)
    assert sale.voided and sale.void_reason == "feil selger"
    assert megafon.current_issue(lead_actor.centre_id).stock == 50


async def test_deliveries_and_issues_are_for_a_lead(desk_db: str, lead_actor: Actor) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_megafon(app, pilot, "CD", DESK_PIN)
        await pilot.press("f9")
        await settle(app, pilot)
        assert not isinstance(app.screen, DeliveryScreen)
        assert "Vaktleder kreves: registrer varemottak" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
    assert megafon.current_issue(lead_actor.centre_id).stock == 50

    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_megafon(app, pilot)
        await pilot.press("f9")
        await settle(app, pilot)
        assert isinstance(app.screen, DeliveryScreen)
        await pilot.press("2", "0", "enter")
        await settle(app, pilot)
        assert "lagerbeholdning 70 eks." in screen_text(app)
        assert megafon.current_issue(lead_actor.centre_id).stock == 70

        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, IssueScreen)
        await pilot.press(*"2026-12", "enter", *"55", "comma", "5", "enter")
        await settle(app, pilot)
        assert "utgave 2026-12 · utsalgspris 55,50 kr · lagerbeholdning 0 eks." in screen_text(app)
    issue = megafon.current_issue(lead_actor.centre_id)
    assert (issue.number, issue.price_ore, issue.stock) == ("2026-12", 5550, 0)
