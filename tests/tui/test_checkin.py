"""F1 Check-in, driven through the real app; every test checks the screen and the database."""

from __future__ import annotations

from textual.widgets import Input, Static

from frontdesk.services import lunch, visits
from frontdesk.tui.app import DeskApp
from frontdesk.tui.panes.checkin import VISIT_FIELDS, VisitsList
from frontdesk.tui.screens.reason import ReasonScreen
from frontdesk.tui.screens.register import RegisterScreen
from tests.tui.conftest import PARTICIPANT, VISITOR, settle, signed_in


def count_on_screen(app: DeskApp) -> str:
    return str(app.query_one("#checkin-count", Static).render())


def status(app: DeskApp) -> str:
    return str(app.query_one("#checkin-status", Static).render())


def rows(app: DeskApp) -> list[list[str]]:
    """The visit list's rows, each cut into its fields (time, code, gender, staff, state)."""
    table = app.query_one("#checkin-visits", VisitsList)
    result = []
    for i in range(table.row_count):
        line, start, fields = str(table.get_row_at(i)[0]), 0, []
        for _, width in VISIT_FIELDS:
            fields.append(line[start : start + width].strip())
            start += width
        result.append(fields)
    return result


async def test_one_enter_is_one_anonymous_visit(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        assert app.focused is app.query_one("#checkin-code", Input)
        assert count_on_screen(app) == "Besøk i dag: 0"
        await pilot.press("enter")
        await settle(app, pilot)
        assert visits.count_visits(centre_id) == 1
        assert count_on_screen(app) == "Besøk i dag: 1"
        assert rows(app)[0][1] == "anonym" and rows(app)[0][3] == "AB"
        assert visits.visits_on(centre_id)[0].visitor_code is None


async def test_five_enters_are_five_visits(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*["enter"] * 5)
        await settle(app, pilot)
        assert visits.count_visits(centre_id) == 5
        assert count_on_screen(app) == "Besøk i dag: 5"
        assert len(rows(app)) == 5


async def test_gender_key_checks_in_anonymous_with_gender(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        [visit] = visits.visits_on(centre_id)
        assert visit.gender == "f" and visit.visitor_code is None
        assert rows(app)[0][2] == "kvinne"


async def test_code_prefix_and_enter_checks_in_that_visitor(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("d", "v")  # DV77 is the only code starting with DV
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        [visit] = visits.visits_on(centre_id)
        assert visit.visitor_code == PARTICIPANT
        assert rows(app)[0][1] == PARTICIPANT
        assert app.query_one("#checkin-code", Input).value == ""
        assert count_on_screen(app) == "Besøk i dag: 1"


async def test_down_picks_the_second_match(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("a", "b")  # AB85, AB90
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert [v.visitor_code for v in visits.visits_on(centre_id)] == ["AB90"]


async def test_unknown_code_is_registered_and_checked_in(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*"zz99", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RegisterScreen)
        assert "pseudonym" in str(app.screen.query_one(".modal-hint", Static).render())
        await pilot.press("m", "tab", *"1999", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, RegisterScreen)
        visitor = visits.get_visitor(centre_id, "ZZ99")
        assert (visitor.gender, visitor.birth_year) == ("m", 1999)
        assert [v.visitor_code for v in visits.visits_on(centre_id)] == ["ZZ99"]
        assert rows(app)[0][1] == "ZZ99"


async def test_cancelled_registration_records_nothing(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*"zz99", "enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert visits.count_visits(centre_id) == 0
        assert visits.find_visitors(centre_id, "ZZ") == []
        assert app.query_one("#checkin-code", Input).value == "zz99"  # nothing typed is lost


async def test_a_space_is_refused_on_the_spot(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("o", "l", "a", "space", "n")
        await settle(app, pilot)
        # The space stays where it was typed (never squeezed into "olan") and is refused.
        assert app.query_one("#checkin-code", Input).value == "ola n"
        assert "ikke navn" in status(app)
        assert visits.count_visits(centre_id) == 0


async def test_void_from_the_list_with_a_reason(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert count_on_screen(app) == "Besøk i dag: 2"
        await pilot.press("tab")  # into today's list
        assert app.focused is app.query_one("#checkin-visits", VisitsList)
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"dobbel", "enter")
        await settle(app, pilot)
        assert visits.count_visits(centre_id) == 1
        newest = visits.visits_on(centre_id)[0]
        assert newest.voided and newest.void_reason == "dobbel"
        assert count_on_screen(app) == "Besøk i dag: 1"
        assert rows(app)[0][4] == "annullert"
        await pilot.press("escape")
        assert app.focused is app.query_one("#checkin-code", Input)


async def test_l_puts_the_selected_visitor_on_the_lunch_roster(
    desk_db: str, centre_id: int
) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*VISITOR.lower(), "enter")
        await settle(app, pilot)
        await pilot.press("tab", "l")
        await settle(app, pilot)
        roster = lunch.roster(centre_id)
        assert [(e.group, e.label) for e in roster.entries if not e.voided] == [
            ("visitor", VISITOR)
        ]
        assert "lunsjlisten" in status(app)


async def test_s_on_a_non_vendor_says_so(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*VISITOR.lower(), "enter")
        await settle(app, pilot)
        await pilot.press("tab", "s")
        await settle(app, pilot)
        assert "ikke Megafon-selger" in status(app)
        assert app.query_one("#tabs").active == "checkin"


async def test_s_on_a_vendor_opens_the_sale(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press(*"kl90", "enter")
        await settle(app, pilot)
        await pilot.press("tab", "s")
        await settle(app, pilot)
        assert app.query_one("#tabs").active == "megafon"


async def test_u_opens_a_hand_out(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("tab", "u")
        await settle(app, pilot)
        assert app.query_one("#tabs").active == "supplies"


async def test_prefix_and_enter_typed_faster_than_the_list(desk_db: str, centre_id: int) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("d", "v", "enter")  # no pause: the matches list has not caught up
        await settle(app, pilot)
        assert [v.visitor_code for v in visits.visits_on(centre_id)] == [PARTICIPANT]
        assert not isinstance(app.screen, RegisterScreen)


async def test_the_counter_counts_the_whole_day_beyond_the_listed_rows(
    desk_db: str, centre_id: int
) -> None:
    from frontdesk.services.staff import sign_on

    lead = sign_on(centre_id, "AB", "4711")
    for _ in range(203):
        visits.check_in(lead)
    visits.check_in(lead, VISITOR)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        assert count_on_screen(app) == "Besøk i dag: 204"
        detail = str(app.query_one("#checkin-detail", Static).render())
        assert "anonyme 203" in detail and "med kode 1" in detail
        assert len(rows(app)) == 200  # the list shows the latest visits only


async def test_up_from_the_newest_visit_returns_to_the_code_field(desk_db: str) -> None:
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        await pilot.press("tab", "down")  # into the list, to the older visit
        table = app.query_one("#checkin-visits", VisitsList)
        assert app.focused is table and table.cursor_row == 1
        await pilot.press("up")
        assert app.focused is table and table.cursor_row == 0
        await pilot.press("up")
        assert app.focused is app.query_one("#checkin-code", Input)
