"""F4 on a new centre: no stock on record, so a lead types the opening stock in the grid."""

from __future__ import annotations

from pathlib import Path

from frontdesk import db
from frontdesk.db import migrate
from frontdesk.db.models import database
from frontdesk.services import supplies
from frontdesk.services.actor import Actor
from frontdesk.services.centre import find_centre, init_centre
from frontdesk.services.staff import add_staff
from frontdesk.tui.app import DeskApp
from frontdesk.tui.panes.supplies import QuantityInput
from frontdesk.tui.screens.lead_pin import LeadPinScreen
from tests.tui.conftest import DESK_PIN, LEAD_PIN, screen_text, settle, signed_in


def new_centre(path: Path) -> str:
    migrate.upgrade(db.connect(str(path), create=True))
    centre, member = init_centre("NY", "Nytt sted", "AB", LEAD_PIN)
    add_staff(Actor(centre.id, member.id, member.initials, member.role), "CD", DESK_PIN, "desk")
    database.obj.close()
    return str(path)


async def test_a_lead_enters_the_opening_stock_on_the_supplies_tab(tmp_path: Path) -> None:
    path = new_centre(tmp_path / "new.db")
    app = DeskApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(app, pilot, "CD", DESK_PIN)
        await pilot.press("f4")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Ny enhet uten beholdning" in text
        assert "Inngående beholdning: skriv antall" in text  # the hint says what Enter does
        await pilot.press("5", "0", "enter")  # desk staff: a lead's PIN is asked for
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        await pilot.press("escape")  # none given: nothing recorded
        await settle(app, pilot)
        centre_id = find_centre("NY").id
        assert supplies.needs_opening_stock(centre_id)
        first = next(iter(app.screen.query(QuantityInput)))
        await pilot.press("backspace", "backspace")
        await pilot.press(*"500", "down", *"300", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LeadPinScreen)
        await pilot.press(*"AB", "enter", *LEAD_PIN, "enter")  # the lead, for this one action
        await settle(app, pilot)
        assert "Inngående beholdning lagret for 2 varer." in screen_text(app)
        assert "Ny enhet uten beholdning" not in screen_text(app)
        stock = {i.code: i.stock for i in supplies.catalogue(centre_id)}
        assert stock[first.code] == 500 and sum(stock.values()) == 800
        assert app.actor.initials == "CD"  # the desk stays signed on as the desk user
        # From now on Enter hands out.
        await pilot.press("7", "enter")
        await settle(app, pilot)
        assert supplies.get_item(centre_id, first.code).stock == 493
