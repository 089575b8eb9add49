"""Issue 12 at the desk, with the real app: the naloxone dialog's reason and outcome, a
first-time anonymous visit, the right help (referrals, CPR today) from a visit or
anonymously; each in a few keys on top of today's flows."""

from __future__ import annotations

from frontdesk.services import dayclose, overdose, supplies, visits
from frontdesk.services import settings as settings_service
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.naloxone import NaloxoneScreen
from frontdesk.tui.screens.right_help import RightHelpScreen
from tests.tui.conftest import screen_text, settle, signed_in
from tests.tui.test_supplies import open_supplies, quantity_field


async def test_a_naloxone_kit_for_a_relative_after_a_use_with_outcome_alive(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_supplies(app, pilot)
        quantity_field(app, "NALOX").focus()
        await pilot.press("1", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, NaloxoneScreen)
        assert "Utfall" not in screen_text(app)  # asked only after a use
        await pilot.press("l")  # an outcome before a use: said why, nothing chosen
        assert "gjelder bare når settet ble brukt" in screen_text(app)
        # Today's keys (p, j) and two more: 2 "used on someone else", l "alive".
        await pilot.press("p", "j", "2", "l", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, NaloxoneScreen)
    [hand_out] = supplies.hand_outs_on(lead_actor.centre_id)
    assert (hand_out.naloxone_recipient, hand_out.naloxone_reason) == ("relative", "used_other")
    assert (hand_out.naloxone_outcome, hand_out.naloxone_ems) == ("alive", "unknown")
    x = dayclose.x_report(lead_actor)
    assert (x.get("naloxone.reported_alive"), x.get("naloxone.doses")) == (1, 2)


async def test_enter_through_the_naloxone_dialog_records_a_first_kit(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_supplies(app, pilot)
        quantity_field(app, "NALOX").focus()
        await pilot.press("1", "enter")
        await settle(app, pilot)
        await pilot.press("3", "d", "s", "1", "j", "enter")  # a use chosen, then a first kit
        await settle(app, pilot)
    [hand_out] = supplies.hand_outs_on(lead_actor.centre_id)
    assert (hand_out.naloxone_reason, hand_out.naloxone_outcome, hand_out.naloxone_ems) == (
        "first_kit",
        None,
        None,
    )


async def test_the_naloxone_dialog_in_english_with_ems_called(
    desk_db: str, lead_actor: Actor
) -> None:
    settings_service.set_setting(lead_actor, "language", "en")
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_supplies(app, pilot)
        quantity_field(app, "NALOX").focus()
        await pilot.press("1", "enter")
        await settle(app, pilot)
        await pilot.press("3")
        text = screen_text(app)
        assert "Why a new kit?" in text and "Were emergency services called?" in text
        await pilot.press("d", "s", "n", "enter")
        await settle(app, pilot)
    [hand_out] = supplies.hand_outs_on(lead_actor.centre_id)
    assert (hand_out.naloxone_reason, hand_out.naloxone_outcome, hand_out.naloxone_ems) == (
        "used_self",
        "died",
        "yes",
    )
    x = dayclose.x_report(lead_actor)
    assert (x.get("naloxone.reported_died"), x.get("naloxone.ems_called")) == (1, 1)


async def test_f12_checks_in_a_first_time_anonymous_visitor(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("f12")  # one key
        await settle(app, pilot)
        assert "første gang her" in screen_text(app)
        await pilot.press("a", "b", "8", "5", "f12")  # a code's first visit counts by itself
        await settle(app, pilot)
        assert "Første gang gjelder anonyme besøk" in screen_text(app)
    [visit] = visits.visits_on(lead_actor.centre_id)
    assert visit.visitor_code is None
    assert dayclose.x_report(lead_actor).get("visitors.new") == 1


async def test_a_referral_to_lar_and_cpr_today_from_a_visit(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*"ab85", "enter")
        await settle(app, pilot)
        await pilot.press("tab", "h")
        await settle(app, pilot)
        assert isinstance(app.screen, RightHelpScreen)
        assert "AB85" in screen_text(app)
        await pilot.press("1")  # LAR: tab, h, 1
        await settle(app, pilot)
        assert not isinstance(app.screen, RightHelpScreen)
        assert "Henvisning registrert: LAR" in screen_text(app)
        await pilot.press("h", "h")  # trained in CPR today
        await settle(app, pilot)
        assert "HLR-opplæring registrert." in screen_text(app)
    [visit] = visits.visits_on(lead_actor.centre_id)
    [referral] = overdose.referrals_on(lead_actor.centre_id)
    assert (referral.kind, referral.visit_id) == ("lar", visit.id)
    [training] = overdose.trainings_on(lead_actor.centre_id)
    assert (training.kind, training.people, training.visit_id) == ("cpr", 1, visit.id)
    x = dayclose.x_report(lead_actor)
    assert (x.get("referrals.lar"), x.get("cpr.trained")) == (1, 1)


async def test_ctrl_r_refers_anonymously_and_esc_records_nothing(
    desk_db: str, lead_actor: Actor
) -> None:
    settings_service.set_setting(lead_actor, "language", "en")
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert "The right help: anonymous" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("ctrl+r", "3")  # the health room
        await settle(app, pilot)
        assert "Referral recorded: the health room." in screen_text(app)
    [referral] = overdose.referrals_on(lead_actor.centre_id)
    assert (referral.kind, referral.visit_id) == ("health_room", None)
