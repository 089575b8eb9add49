"""F2 Lunch under real hands: a stray Enter never unserves, the code field suggests and
takes the one match, the cursor follows the new entry, and every removal names what
it removes (a Dagsverket presence too)."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from frontdesk.db.models import AuditEvent
from frontdesk.services import dagsverket, lunch, visits
from frontdesk.services.actor import Actor
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.reason import ReasonScreen
from frontdesk.tui.widgets.pane_kit import selected_key
from tests.tui.conftest import DESK_PIN, PARTICIPANT, VISITOR, screen_text, settle, signed_in


async def open_lunch(app: DeskApp, pilot, initials: str = "AB", pin: str = "4711") -> None:
    await signed_in(app, pilot, initials, pin)
    await pilot.press("f2")
    await settle(app, pilot)


def status(app: DeskApp) -> str:
    return str(app.screen.query_one("#lunch-status", Static).render())


async def test_a_stray_enter_in_the_roster_does_not_unserve(
    desk_db: str, lead_actor: Actor
) -> None:
    entry = lunch.add_visitor(lead_actor, VISITOR)
    lunch.mark_served(lead_actor, entry.id)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lunch(app, pilot)
        app.screen.query_one("#lunch-roster", DataTable).focus()
        await pilot.press("enter", "enter", "enter")
        await settle(app, pilot)
        assert lunch.roster(lead_actor.centre_id).entries[0].served
        assert "Mellomrom merker servert / til stede; Enter endrer ingenting" in status(app)
        await pilot.press("space")  # the deliberate key
        await settle(app, pilot)
        assert not lunch.roster(lead_actor.centre_id).entries[0].served


async def test_the_code_field_suggests_and_enter_takes_the_one_match(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lunch(app, pilot)
        await pilot.press("a", "b")
        await settle(app, pilot)
        line = str(app.screen.query_one("#lunch-suggest", Static).render())
        assert "AB85" in line and "AB90" in line and "skriv mer" in line
        await pilot.press("enter")  # two codes start so: refused, naming them, kept
        await settle(app, pilot)
        assert "Flere koder begynner med AB (AB85, AB90)" in status(app)
        assert lunch.roster(lead_actor.centre_id).total == 0
        await pilot.press("9")
        await settle(app, pilot)
        assert "Enter setter AB90 på listen" in str(
            app.screen.query_one("#lunch-suggest", Static).render()
        )
        await pilot.press("enter")
        await settle(app, pilot)
        assert [e.label for e in lunch.roster(lead_actor.centre_id).entries] == ["AB90"]
        assert "AB90 er satt på lunsjlisten." in status(app)


async def test_a_new_entry_gets_the_cursor_and_is_on_screen(
    desk_db: str, lead_actor: Actor
) -> None:
    for n in range(30):  # a long roster: the new entry lands below the fold
        visits.register_visitor(lead_actor, f"ZZ{n:02d}")
        lunch.add_visitor(lead_actor, f"ZZ{n:02d}")
    lunch.add_guests(lead_actor, 2)
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lunch(app, pilot)
        table = app.screen.query_one("#lunch-roster", DataTable)
        await pilot.press(*"ab85", "enter")
        await settle(app, pilot)
        [entry] = [e for e in lunch.roster(lead_actor.centre_id).entries if e.label == "AB85"]
        assert selected_key(table) == str(entry.id)
        row = table.get_row_index(str(entry.id))
        assert table.scroll_y <= row < table.scroll_y + table.scrollable_content_region.height - 1
        assert app.screen.query_one("#lunch-code", Input).has_focus  # typing the next code


async def test_removing_names_the_entry_its_time_and_who_added_it(
    desk_db: str, lead_actor: Actor
) -> None:
    lunch.add_guests(lead_actor, 3)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lunch(app, pilot, "CD", DESK_PIN)
        app.screen.query_one("#lunch-roster", DataTable).focus()
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        text = screen_text(app)
        assert "(gjester, 3 porsjoner), lagt til kl. " in text and "av AB" in text


async def test_a_dagsverket_presence_marked_by_mistake_is_voided(
    desk_db: str, lead_actor: Actor
) -> None:
    dagsverket.mark_present(lead_actor, PARTICIPANT)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lunch(app, pilot, "CD", DESK_PIN)
        app.screen.query_one("#lunch-dagsverket", DataTable).focus()
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        assert f"{PARTICIPANT} merket til stede kl. " in screen_text(app)
        await pilot.press(*"feil person", "enter")
        await settle(app, pilot)
        assert f"Oppmøtet til {PARTICIPANT} er annullert." in status(app)
    assert not dagsverket.participants(lead_actor.centre_id)[0].present
    assert lunch.roster(lead_actor.centre_id).total == 0
    assert AuditEvent.select().where(AuditEvent.action == "dagsverket.void").count() == 1


async def test_escape_empties_the_code_field_and_its_suggestions(
    desk_db: str, lead_actor: Actor
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lunch(app, pilot)
        await pilot.press("a", "b", "8")
        await settle(app, pilot)
        assert "AB85" in str(app.screen.query_one("#lunch-suggest", Static).render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen.query_one("#lunch-code", Input).value == ""
        assert str(app.screen.query_one("#lunch-suggest", Static).render()) == ""
        await pilot.press("enter")  # nothing left to add
        await settle(app, pilot)
    assert lunch.roster(lead_actor.centre_id).total == 0
