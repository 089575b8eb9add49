"""F10 on F4: today's supply entries listed by time, item and quantity; one is voided with a reason."""

from __future__ import annotations

from textual.widgets import OptionList

from frontdesk.services import supplies
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.reason import ReasonScreen
from frontdesk.tui.screens.supply_entries import SupplyEntriesScreen
from tests.tui.conftest import DESK_PIN, LEAD_PIN, screen_text, settle, signed_in


def stock(centre_id: int, code: str) -> int:
    return supplies.get_item(centre_id, code).stock


async def test_void_a_hand_out_and_a_delivery_from_the_desk(
    desk_db: str, lead_actor: Actor
) -> None:
    centre_id = lead_actor.centre_id
    supplies.record_delivery(lead_actor, "SPR5ML", 30)
    before = stock(centre_id, "SPR1ML")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("1", "2", "enter", "f7", "3", "enter")  # a hand-out, a return
        await settle(app, pilot)
        assert stock(centre_id, "SPR1ML") == before - 12
        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, SupplyEntriesScreen)
        options = app.screen.query_one("#entries-list", OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(lines) >= 3  # newest first; the template's deliveries come after
        assert "Returnerte sprøyter: 3 (telt)" in lines[0]
        assert "Utdeling: 12 × Sprøyte 1 ml (AB)" in lines[1]
        assert "Varemottak: 30 stk Sprøyte 5 ml (AB)" in lines[2]
        await pilot.press("down", "enter")  # the hand-out
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        assert "Annuller" in screen_text(app) and "12 × Sprøyte 1 ml" in screen_text(app)
        await pilot.press(*"feil person", "enter")
        await settle(app, pilot)
        assert "Annullert:" in screen_text(app)
        assert stock(centre_id, "SPR1ML") == before  # back in stock
        [hand_out] = supplies.hand_outs_on(centre_id)
        assert hand_out.voided and hand_out.void_reason == "feil person"
        # The delivery, too (a lead); the voided hand-out cannot be picked again.
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.press("down", "enter")  # the hand-out line is disabled: down skips it
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        assert "Varemottak: 30 stk Sprøyte 5 ml" in screen_text(app)
        await pilot.press(*"feil vare", "enter")
        await settle(app, pilot)
    assert stock(centre_id, "SPR5ML") == 0
    assert [r.voided for r in supplies.returns_on(centre_id)] == [False]


async def test_a_desk_user_voids_a_delivery_with_a_leads_pin_in_place(
    desk_db: str, lead_actor: Actor
) -> None:
    from frontdesk.tui.screens.lead_pin import LeadPinScreen

    supplies.record_delivery(lead_actor, "SPR5ML", 30)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot, "CD", DESK_PIN)
        await pilot.press("f4", "f10")
        await settle(app, pilot)
        await pilot.press("enter")  # the newest entry: the delivery
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        await pilot.press("escape")  # no lead at hand: nothing is voided
        await settle(app, pilot)
        assert not supplies.deliveries_on(lead_actor.centre_id)[0].voided
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("a", "b", "enter", *LEAD_PIN, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"feil vare", "enter")
        await settle(app, pilot)
        assert app.actor is not None and app.actor.initials == "CD"  # still the desk user
    delivery = supplies.deliveries_on(lead_actor.centre_id)[0]
    assert delivery.voided and delivery.void_reason == "feil vare"
