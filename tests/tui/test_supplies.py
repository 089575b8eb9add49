"""F4 Supplies: the hand-out grid, naloxone details, returned syringes, deliveries."""

from __future__ import annotations

import pytest

from frontdesk.errors import OutOfStock
from frontdesk.services import dayclose, supplies, visits
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.messages import OpenHandOut
from frontdesk.tui.panes.supplies import QuantityInput
from frontdesk.tui.screens.delivery import DeliveryScreen
from frontdesk.tui.screens.naloxone import NaloxoneScreen
from frontdesk.tui.screens.sharps_bin import SharpsBinScreen
from tests.tui.conftest import DESK_PIN, VISITOR, screen_text, settle, signed_in


def stock(centre_id: int) -> dict[str, int]:
    return {item.code: item.stock for item in supplies.catalogue(centre_id)}


def quantity_field(app: DeskApp, code: str) -> QuantityInput:
    return next(q for q in app.screen.query(QuantityInput) if q.code == code)


async def open_supplies(app: DeskApp, pilot, initials: str = "AB", pin: str = "4711") -> None:
    await signed_in(app, pilot, initials, pin)
    await pilot.press("f4")
    await settle(app, pilot)


async def test_a_hand_out_of_two_items_reduces_stock(desk_db: str, lead_actor: Actor) -> None:
    before = stock(lead_actor.centre_id)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_supplies(app, pilot)
        assert quantity_field(app, "SPR1ML").has_focus  # the cursor starts in the grid
        await pilot.press("1", "0", "down", "5", "enter")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Utdelt: 10 × Sprøyte 1 ml, 5 × Sprøyte 2 ml." in text
        assert "490 stk" in text and "495 stk" in text
        assert all(q.value == "" for q in app.screen.query(QuantityInput))
    after = stock(lead_actor.centre_id)
    assert after["SPR1ML"] == before["SPR1ML"] - 10
    assert after["SPR2ML"] == before["SPR2ML"] - 5
    [hand_out] = supplies.hand_outs_on(lead_actor.centre_id)
    assert sorted(hand_out.lines) == [("SPR1ML", 10), ("SPR2ML", 5)]
    assert hand_out.visit_id is None and not hand_out.for_others


async def test_naloxone_asks_recipient_and_training(desk_db: str, lead_actor: Actor) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_supplies(app, pilot)
        quantity_field(app, "NALOX").focus()
        await pilot.press("1", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, NaloxoneScreen)
        await pilot.press("enter")  # training not answered yet: asked again
        assert isinstance(app.screen, NaloxoneScreen)
        assert "Svar på om opplæring er gitt" in screen_text(app)
        await pilot.press("p", "j", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, NaloxoneScreen)
        assert "Utdelt: 1 × Nalokson nesespray." in screen_text(app)
    [hand_out] = supplies.hand_outs_on(lead_actor.centre_id)
    assert hand_out.lines == [("NALOX", 1)]
    assert (hand_out.naloxone_recipient, hand_out.naloxone_trained) == ("relative", True)
    tally = dayclose.x_report(lead_actor)
    assert (tally.get("naloxone.kits"), tally.get("naloxone.trained")) == (1, 1)


async def test_cancelling_the_naloxone_questions_keeps_the_quantities(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_supplies(app, pilot)
        quantity_field(app, "NALOX").focus()
        await pilot.press("2", "enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert quantity_field(app, "NALOX").value == "2"
    assert supplies.hand_outs_on(lead_actor.centre_id) == []


async def test_a_hand_out_for_a_visit_and_for_others(desk_db: str, lead_actor: Actor) -> None:
    visit = visits.check_in(lead_actor, VISITOR)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        app.post_message(OpenHandOut(visit.id, VISITOR))  # as F1's U key does
        await settle(app, pilot)
        assert f"Utdeling for {VISITOR}" in screen_text(app)
        await pilot.press("ctrl+t")
        assert "til andre: JA" in screen_text(app)
        await pilot.press("3", "enter")
        await settle(app, pilot)
        text = screen_text(app)
        assert f"Utdelt: 3 × Sprøyte 1 ml til {VISITOR} (til andre)." in text
        assert "Utdeling: anonym, uten besøk" in text  # the next hand-out starts anonymous
    [hand_out] = supplies.hand_outs_on(lead_actor.centre_id)
    assert (hand_out.visit_id, hand_out.visitor_code, hand_out.for_others) == (
        visit.id,
        VISITOR,
        True,
    )


async def test_a_hand_out_beyond_stock_is_refused_and_kept(desk_db: str, lead_actor: Actor) -> None:
    before = stock(lead_actor.centre_id)
    with pytest.raises(OutOfStock) as refusal:
        supplies.hand_out(lead_actor, {"SPR5ML": 5})
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_supplies(app, pilot)
        quantity_field(app, "SPR5ML").focus()
        await pilot.press("5", "enter")
        await settle(app, pilot)
        assert refusal.value.text("nb") in screen_text(app)
        assert quantity_field(app, "SPR5ML").value == "5"
    assert supplies.hand_outs_on(lead_actor.centre_id) == []
    assert stock(lead_actor.centre_id) == before


async def test_returned_syringes_counted_and_from_a_sharps_bin(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_supplies(app, pilot)
        await pilot.press("f7", "2", "5", "enter")
        await settle(app, pilot)
        assert "Returnerte sprøyter: 25 (telt)." in screen_text(app)
        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, SharpsBinScreen)
        await pilot.press("down", "enter")  # the 5 litre bin
        await settle(app, pilot)
        assert "Kanylebøtte 5 l returnert: anslått 200 sprøyter." in screen_text(app)
        assert "225 returnerte" in screen_text(app)
    returns = supplies.returns_on(lead_actor.centre_id)
    assert sorted((r.method, r.count) for r in returns) == [("counted", 25), ("estimated", 200)]
    assert dayclose.x_report(lead_actor).get("syringes.returned") == 225


async def test_deliveries_are_for_a_lead(desk_db: str, lead_actor: Actor) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_supplies(app, pilot, "CD", DESK_PIN)
        await pilot.press("f9")
        await settle(app, pilot)
        assert not isinstance(app.screen, DeliveryScreen)
        assert "Vaktleder kreves: registrer varemottak" in screen_text(app)  # the lead's PIN
        await pilot.press("escape")
        await settle(app, pilot)
    assert stock(lead_actor.centre_id)["SPR5ML"] == 0

    app = DeskApp(desk_db)  # a desk user, with the lead's initials and PIN typed in place
    async with app.run_test(size=(120, 40)) as pilot:
        await open_supplies(app, pilot, "CD", DESK_PIN)
        await pilot.press("f9")
        await settle(app, pilot)
        await pilot.press(*"ab", "enter", *"4711", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DeliveryScreen)
        await pilot.press(*"spr5ml", "enter", "1", "0", "enter")
        await settle(app, pilot)
    assert stock(lead_actor.centre_id)["SPR5ML"] == 10

    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_supplies(app, pilot)
        await pilot.press("f9")
        await settle(app, pilot)
        assert isinstance(app.screen, DeliveryScreen)
        await pilot.press(*"spr5ml", "enter", "1", "0", "0", "enter")
        await settle(app, pilot)
        assert "Varemottak lagret: Sprøyte 5 ml, beholdning 110 stk." in screen_text(app)
    assert stock(lead_actor.centre_id)["SPR5ML"] == 110


async def test_the_palette_opens_the_sharps_bin_from_another_tab(
    desk_db: str, lead_actor: Actor
) -> None:
    from tests.tui.test_palette import run_command

    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await run_command(app, pilot, "returnert kanylebøtte")
        assert isinstance(app.screen, SharpsBinScreen)
        await pilot.press("enter")  # the 1 litre bin
        await settle(app, pilot)
        assert "anslått 40 sprøyter" in screen_text(app)
    [returned] = supplies.returns_on(lead_actor.centre_id)
    assert (returned.method, returned.count, returned.bin_litres) == ("estimated", 40, 1)
