"""A visitor's rights at the desk (issue 16): F9 on the Check-in tab shows a lead everything
stored under a code; F8 there erases it (lead PIN, reason). The first sign-on of a business
day runs retention; the Day tab says when it last ran."""

from __future__ import annotations

from frontdesk.db.models import AuditEvent, Visit, Visitor
from frontdesk.services import rights, visits
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.lead_pin import LeadPinScreen
from frontdesk.tui.screens.reason import ReasonScreen
from frontdesk.tui.screens.visitor_records import VisitorRecordsScreen
from tests.tui.conftest import DESK_PIN, VISITOR, screen_text, settle, signed_in


async def test_a_lead_sees_a_codes_rows_and_closes_the_screen(
    desk_db: str, lead_actor: Actor
) -> None:
    visits.check_in(lead_actor, VISITOR)
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*VISITOR.lower(), "f9")
        await settle(app, pilot)
        assert isinstance(app.screen, VisitorRecordsScreen)
        text = screen_text(app)
        assert f"Alt som er lagret under besøkskoden {VISITOR} ved STR" in text
        assert "Besøk (1)" in text and "fødselsår 1985" in text
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, VisitorRecordsScreen)
    shown = AuditEvent.select().where(AuditEvent.action == "visitor.show").get()
    assert VISITOR not in shown.detail


async def test_f9_on_a_typed_prefix_shows_the_highlighted_match(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*"ab8")
        await settle(app, pilot)
        await pilot.press("f9")
        await settle(app, pilot)
        assert f"besøkskoden {VISITOR} ved STR" in screen_text(app)


async def test_the_palette_opens_the_records_of_the_code_in_the_field(desk_db: str) -> None:
    from tests.tui.test_palette import run_command

    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*VISITOR.lower())
        await run_command(app, pilot, "innsyn i en besøkskode")
        assert isinstance(app.screen, VisitorRecordsScreen)
        assert f"besøkskoden {VISITOR} ved STR" in screen_text(app)


async def test_from_the_visit_list_f9_shows_the_selected_visits_code(
    desk_db: str, lead_actor: Actor
) -> None:
    visits.check_in(lead_actor, "AB90")
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("tab", "f9")
        await settle(app, pilot)
        assert "besøkskoden AB90 ved STR" in screen_text(app)


async def test_an_empty_field_or_an_unknown_code_is_said_in_one_sentence(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("f9")
        await settle(app, pilot)
        assert "Skriv en besøkskode i feltet først." in screen_text(app)
        await pilot.press(*"zz11", "f9")
        await settle(app, pilot)
        assert isinstance(app.screen, VisitorRecordsScreen)
        assert "Ukjent besøkskode ZZ11." in screen_text(app)
        await pilot.press("f8")  # nothing shown: nothing to erase
        await settle(app, pilot)
        assert isinstance(app.screen, VisitorRecordsScreen)


async def test_a_desk_user_needs_a_leads_pin_to_see_and_to_erase(
    desk_db: str, lead_actor: Actor
) -> None:
    visits.check_in(lead_actor, VISITOR)
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot, "CD", DESK_PIN)
        await pilot.press(*VISITOR.lower(), "f9")
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        await pilot.press(*"cd", "enter", *DESK_PIN, "enter")  # a desk member is no lead
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        assert "Bare en vaktleder" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("f9")
        await settle(app, pilot)
        await pilot.press(*"ab", "enter", *"4711", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, VisitorRecordsScreen)

        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)  # every erasure asks the PIN
        await pilot.press(*"ab", "enter", *"4711", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"asked", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, (VisitorRecordsScreen, ReasonScreen))
        assert f"Alt under {VISITOR} er slettet" in screen_text(app)
        assert "Besøk i dag: 1" in screen_text(app)  # the day's count is unchanged
    assert not Visitor.select().where(Visitor.code == VISITOR).exists()
    assert Visit.select().where(Visit.visitor.is_null()).count() == 1  # now anonymous
    erased = AuditEvent.select().where(AuditEvent.action == "visitor.erase").get()
    assert erased.actor == "AB" and VISITOR not in erased.detail


async def test_escape_at_the_pin_or_the_reason_erases_nothing(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*VISITOR.lower(), "f9")
        await settle(app, pilot)
        await pilot.press("f8", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, VisitorRecordsScreen)
        await pilot.press("f8")
        await settle(app, pilot)
        await pilot.press(*"ab", "enter", *"4711", "enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, VisitorRecordsScreen)
    assert Visitor.select().where(Visitor.code == VISITOR).exists()


async def test_sign_on_runs_retention_and_the_day_tab_says_when(
    desk_db: str, centre_id: int
) -> None:
    assert rights.retention_last_run(centre_id) is None
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await settle(app, pilot)
        assert rights.retention_last_run(centre_id) is not None
        await pilot.press("f5")
        await settle(app, pilot)
        assert "Sletting av gamle rader (eldre enn 365 dager): sist" in screen_text(app)
