"""F2 Lunch, driven through the real app: the screen and the database."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from frontdesk.services import dagsverket, lunch
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.reason import ReasonScreen
from tests.tui.conftest import PARTICIPANT, VISITOR, settle, signed_in


def counts(app: DeskApp) -> str:
    return str(app.query_one("#lunch-counts", Static).render())


def roster_rows(app: DeskApp) -> list[list[str]]:
    table = app.query_one("#lunch-roster", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def open_lunch(app: DeskApp, pilot) -> None:  # noqa: ANN001
    await signed_in(app, pilot)
    await pilot.press("f2")
    await settle(app, pilot)


async def test_add_visitor_and_mark_served(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lunch(app, pilot)
        assert app.focused is app.query_one("#lunch-code")
        await pilot.press(*VISITOR.lower(), "enter")
        await settle(app, pilot)
        roster = lunch.roster(centre_id)
        assert [(e.group, e.label, e.served) for e in roster.entries] == [
            ("visitor", VISITOR, False)
        ]
        assert roster_rows(app)[0][1] == VISITOR
        assert "besøkende: 1 (0 servert)" in counts(app)
        await pilot.press("tab", "tab", "tab", "tab")  # the four add fields, then the roster
        assert app.focused is app.query_one("#lunch-roster", DataTable)
        await pilot.press("space")
        await settle(app, pilot)
        assert lunch.roster(centre_id).entries[0].served
        assert roster_rows(app)[0][3] == "✓"
        assert "besøkende: 1 (1 servert)" in counts(app)


async def test_staff_guests_and_anonymous_portions(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lunch(app, pilot)
        await pilot.press("tab", "c", "d", "enter")  # staff CD
        await pilot.press("tab", "3", "enter")  # three guests
        await pilot.press("tab", "enter")  # one anonymous portion (empty = 1)
        await settle(app, pilot)
        roster = lunch.roster(centre_id)
        assert roster.portions == {"visitor": 1, "dagsverket": 0, "staff": 1, "guest": 3}
        assert roster.total == 5
        assert "Totalt: 5 (0 servert)" in counts(app)


async def test_remove_with_a_reason(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lunch(app, pilot)
        await pilot.press(*VISITOR.lower(), "enter")
        await settle(app, pilot)
        app.query_one("#lunch-roster", DataTable).focus()
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"feil", "enter")
        await settle(app, pilot)
        roster = lunch.roster(centre_id)
        assert roster.entries[0].voided and roster.total == 0
        assert roster_rows(app)[0][4] == "fjernet"


async def test_dagsverket_present_puts_them_on_the_roster(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lunch(app, pilot)
        table = app.query_one("#lunch-dagsverket", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [PARTICIPANT]
        table.focus()
        await pilot.press("space")
        await settle(app, pilot)
        assert dagsverket.participants(centre_id)[0].present
        roster = lunch.roster(centre_id)
        assert [(e.group, e.label) for e in roster.entries if not e.voided] == [
            ("dagsverket", PARTICIPANT)
        ]
        assert str(table.get_row_at(0)[1]) == "✓"
        assert any(row[1] == PARTICIPANT for row in roster_rows(app))


async def test_a_duplicate_shows_the_services_sentence(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lunch(app, pilot)
        await pilot.press(*VISITOR.lower(), "enter")
        await settle(app, pilot)
        await pilot.press(*VISITOR.lower(), "enter")
        await settle(app, pilot)
        status = str(app.query_one("#lunch-status", Static).render())
        assert "står allerede på dagens lunsjliste" in status
        assert app.query_one("#lunch-code").value == VISITOR.lower()  # nothing typed is lost
        assert lunch.roster(centre_id).total == 1
