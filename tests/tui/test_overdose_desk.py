"""Issue 12 at the desk, with the real app: the naloxone dialog's reason and outcome, a
first-time anonymous visit, the right help (referrals, CPR today) from a visit or
anonymously; each in a few keys on top of today's flows."""

from __future__ import annotations

from textual.widgets import OptionList

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


# -- the Day tab: training sessions, drills, the figures, voiding ------------------------


async def open_day(app: DeskApp, pilot, initials: str = "AB", pin: str = "4711") -> None:
    await signed_in(app, pilot, initials, pin)
    await pilot.press("f5")
    await settle(app, pilot)


def box(app: DeskApp, box_id: str) -> dict[str, str]:
    from frontdesk.tui.panes.day import TallyBox

    return {label: value for label, value in app.screen.query_one(box_id, TallyBox)._rows}


async def test_a_cpr_session_of_six_in_three_keys_shows_on_the_x_report(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_day(app, pilot)
        await pilot.press("ctrl+o", "6", "enter")  # CPR is the default kind
        await settle(app, pilot)
        assert "Opplæring registrert: HLR, 6 personer." in screen_text(app)
        assert box(app, "#day-help")["HLR-opplært"] == "6"
        await pilot.press("ctrl+o", "f7", "2", "0", "1", "enter")  # absurd: refused in the dialog
        await settle(app, pilot)
        assert "heltall fra 1 til 200" in screen_text(app)
        await pilot.press("backspace", "backspace", "enter")  # 2 people, naloxone
        await settle(app, pilot)
        assert box(app, "#day-help")["Nalokson-kurs, personer"] == "2"
    assert dayclose.x_report(lead_actor).get("cpr.trained") == 6


async def test_the_drill_warning_names_who_is_due_and_clears_after_the_drill(
    desk_db: str, lead_actor: Actor
) -> None:
    overdose.record_drill(lead_actor, "AB", "cpr")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day(app, pilot)
        assert "HLR-øvelse forfalt (over 183 dager): CD" in screen_text(app)
        await pilot.press("ctrl+d")
        await settle(app, pilot)
        assert "AB   HLR 20" in screen_text(app)  # the last drills are listed
        await pilot.press("c", "d", "enter")
        await settle(app, pilot)
        assert "Øvelse registrert: CD, HLR" in screen_text(app)
        assert "HLR-øvelse forfalt" not in screen_text(app)
    assert overdose.overdue_drills(lead_actor.centre_id) == []


async def test_a_desk_user_records_a_drill_with_a_lead_pin(desk_db: str, lead_actor: Actor) -> None:
    from frontdesk.tui.screens.drill import DrillScreen
    from frontdesk.tui.screens.lead_pin import LeadPinScreen

    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_day(app, pilot, "CD", "1234")
        await pilot.press("ctrl+d")
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        await pilot.press("a", "b", "enter", *"4711", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DrillScreen)
        await pilot.press("c", "d", "f7", "enter")
        await settle(app, pilot)
    [drill] = overdose.drills(lead_actor.centre_id)
    assert (drill.initials, drill.kind, drill.recorded_by) == ("CD", "naloxone", "AB")


async def test_a_lead_is_told_at_sign_on_who_is_due_a_drill(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await signed_in(app, pilot)
        await settle(app, pilot)
        shown = [n.message for n in app._notifications]
        assert "Husk HLR-øvelse: AB, CD (Dag-fanen, ctrl+d)." in shown
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await signed_in(app, pilot, "CD", "1234")  # desk staff: not at their sign-on
        await settle(app, pilot)
        assert not [n for n in app._notifications if "HLR" in n.message]


async def test_a_training_session_and_a_referral_are_voided_from_the_day_tab(
    desk_db: str, lead_actor: Actor
) -> None:
    overdose.record_training(lead_actor, "cpr", 6)
    overdose.record_referral(lead_actor, "lar")
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_day(app, pilot)
        assert box(app, "#day-help")["Henvist: LAR / rusmedisin"] == "1"
        await pilot.press("ctrl+u")
        await settle(app, pilot)
        listed = app.screen.query_one(OptionList)
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert [p.split(" · ", 1)[1] for p in prompts] == [
            "Henvisning: LAR / rusmedisin (AB)",
            "Opplæring HLR: 6 (AB)",
        ]
        await pilot.press("enter", *"feil", "enter")  # the newest: the referral
        await settle(app, pilot)
        assert box(app, "#day-help")["Henvisninger"] == "0"
        await pilot.press("ctrl+u", "enter", *"feil", "enter")  # then the session
        await settle(app, pilot)
        assert box(app, "#day-help")["HLR-opplært"] == "0"
    x = dayclose.x_report(lead_actor)
    assert (x.get("referrals.lar"), x.get("cpr.trained")) == (0, 0)


async def test_a_z_report_stored_before_issue_12_shows_dashes(
    desk_db: str, lead_actor: Actor
) -> None:
    import json

    from frontdesk.db.models import DayClose
    from frontdesk.services import tally

    visits.check_in(lead_actor)
    z = dayclose.close_day(lead_actor, 0)
    row = DayClose.get(DayClose.business_date == z.business_date)
    row.tally = json.dumps(tally.load_stored(row.tally)[1])  # as stored before versions
    row.save()
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day(app, pilot)
        await pilot.press("f9", "enter")  # the stored Z-report
        await settle(app, pilot)
        figures = box(app, "#day-help")
        supplies_box = box(app, "#day-supplies")
    assert figures["HLR-opplært"] == "–" and figures["Henvisninger"] == "–"
    assert supplies_box["Nalokson, sett"] == "0"  # what it knew is there


async def test_a_drill_recorded_by_mistake_is_voided_from_the_day_tab_with_a_lead_pin(
    desk_db: str, lead_actor: Actor
) -> None:
    from frontdesk.tui.screens.lead_pin import LeadPinScreen

    overdose.record_drill(lead_actor, "CD", "cpr")
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_day(app, pilot, "CD", "1234")  # desk staff
        assert "HLR-øvelse forfalt (over 183 dager): AB" in screen_text(app)
        await pilot.press("ctrl+u")
        await settle(app, pilot)
        listed = app.screen.query_one(OptionList)
        assert str(listed.get_option_at_index(0).prompt).startswith("Øvelse 20")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        await pilot.press("a", "b", "enter", *"4711", "enter")
        await settle(app, pilot)
        await pilot.press(*"feil person", "enter")
        await settle(app, pilot)
        assert "HLR-øvelse forfalt (over 183 dager): AB, CD" in screen_text(app)
    [drill] = overdose.drills(lead_actor.centre_id)
    assert drill.voided
