"""F3 Megafon under real hands: the cursor follows the entry made, a void names what
it voids, deliveries are voided from the desk (lead), vendor numbers from the desk,
and a hand-over leaves nothing of the previous user's sale on screen."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from frontdesk.db.models import AuditEvent
from frontdesk.services import megafon, visits
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.lead_pin import LeadPinScreen
from frontdesk.tui.screens.reason import ReasonScreen
from frontdesk.tui.screens.vendor_number import VendorNumberScreen
from frontdesk.tui.widgets.pane_kit import selected_key
from tests.tui.conftest import DESK_PIN, LEAD_PIN, VENDOR, VENDOR_NUMBER, settle, signed_in
from tests.tui.conftest import screen_text as raw_screen_text


def screen_text(app: DeskApp) -> str:
    return raw_screen_text(app).replace("\u00a0", " ")


async def open_megafon(app: DeskApp, pilot, initials: str = "AB", pin: str = LEAD_PIN) -> None:
    await signed_in(app, pilot, initials, pin)
    await pilot.press("f3")
    await settle(app, pilot)


async def test_after_a_sale_the_cursor_is_on_it_and_del_voids_that_one(
    desk_db: str, lead_actor: Actor
) -> None:
    for _ in range(12):  # earlier sales fill the list
        megafon.sell(lead_actor, VENDOR, 1, "card")
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_megafon(app, pilot)
        table = app.screen.query_one("#megafon-sales", DataTable)
        table.move_cursor(row=table.row_count - 1)  # on the oldest sale
        await pilot.press("f3")
        await pilot.press(*str(VENDOR_NUMBER), "enter", "backspace", "3", "f6")
        await settle(app, pilot)
        newest = megafon.sales_on(lead_actor.centre_id)[0]
        assert newest.copies == 3
        assert selected_key(table) == f"s:{newest.id}"
        table.focus()
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        title = screen_text(app)
        assert f"3 eks. til selger {VENDOR_NUMBER} ({VENDOR}), 150,00 kr kontant" in title
        assert "salget kl. " in title
        await pilot.press(*"feil antall", "enter")
        await settle(app, pilot)
    voided = [s for s in megafon.sales_on(lead_actor.centre_id) if s.voided]
    assert [s.id for s in voided] == [newest.id]


async def test_a_desk_user_voids_a_delivery_with_a_lead_pin(
    desk_db: str, lead_actor: Actor
) -> None:
    delivered = megafon.record_delivery(lead_actor, 7)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_megafon(app, pilot, "CD", DESK_PIN)
        table = app.screen.query_one("#megafon-sales", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(f"d:{delivered.delivery_id}"))
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        await pilot.press(*"ab", "enter", *LEAD_PIN, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        assert "varemottaket kl. " in screen_text(app)
        assert "7 eks. av utgave 2026-11" in screen_text(app)
        await pilot.press(*"telt feil", "enter")
        await settle(app, pilot)
        assert "lagerbeholdning 50 eks." in screen_text(app)
    [latest, _first] = megafon.deliveries(lead_actor.centre_id)
    assert latest.voided and latest.void_reason == "telt feil"
    event = AuditEvent.select().where(AuditEvent.action == "megafon.void_delivery").get()
    assert event.staff_id == lead_actor.staff_id  # audited as the lead who typed the PIN


async def test_a_lead_delivery_lands_under_the_cursor(desk_db: str, lead_actor: Actor) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_megafon(app, pilot)
        await pilot.press("f9")
        await settle(app, pilot)
        await pilot.press("5", "enter")
        await settle(app, pilot)
        table = app.screen.query_one("#megafon-sales", DataTable)
        issue = megafon.current_issue(lead_actor.centre_id)
        latest = megafon.deliveries(lead_actor.centre_id)[0]
        assert issue.stock == 55 and selected_key(table) == f"d:{latest.id}"


async def test_a_code_gets_a_vendor_number_from_the_desk(desk_db: str, lead_actor: Actor) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_megafon(app, pilot, "CD", DESK_PIN)
        await pilot.press(*"ab85", "ctrl+n")
        await settle(app, pilot)
        assert isinstance(app.screen, VendorNumberScreen)
        await pilot.press(*str(VENDOR_NUMBER), "enter")  # taken by KL90: refused, kept
        await settle(app, pilot)
        assert isinstance(app.screen, VendorNumberScreen)
        await pilot.press("backspace", "backspace", "backspace", *"12", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, VendorNumberScreen)
        assert app.screen.query_one("#megafon-vendor", Input).value == "12"
        await pilot.press("f8")  # the copies field has the cursor: one Vipps sale
        await settle(app, pilot)
    assert visits.get_visitor(lead_actor.centre_id, "AB85").vendor_number == 12
    [sale] = megafon.sales_on(lead_actor.centre_id)
    assert (sale.vendor_code, sale.payment) == ("AB85", "vipps")


async def test_a_hand_over_clears_the_previous_users_sale(desk_db: str, lead_actor: Actor) -> None:
    megafon.sell(lead_actor, VENDOR, 4, "cash")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_megafon(app, pilot)
        await pilot.press(*"kl90", "enter", "backspace", "9")
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        await pilot.press(*"cd", "enter", *DESK_PIN, "enter")
        await settle(app, pilot)
        assert app.actor.initials == "CD"
        assert app.screen.query_one("#megafon-vendor", Input).value == ""
        assert app.screen.query_one("#megafon-copies", Input).value == "1"
        assert "kontant 200,00 kr" in screen_text(app)  # the figures are read again
