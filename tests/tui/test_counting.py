"""Counting at the desk (issue 13), on the real app: the blind count keeps the expected
amount hidden until the count is typed; a difference beyond the limit needs a second
lead in the dialog; the cash box records a float and a pay-out; a delivery takes a lot
and an expiry date; the stock view counts an item and F10 voids the count."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input

from frontdesk.services import cash, dayclose, days, megafon, stock, supplies
from frontdesk.services.actor import Actor
from frontdesk.services.settings import set_setting
from frontdesk.services.staff import add_staff
from frontdesk.tui.app import DeskApp
from frontdesk.tui.screens.cash_box import CashBoxScreen
from frontdesk.tui.screens.cash_count import CashCountScreen
from frontdesk.tui.screens.delivery import DeliveryScreen
from frontdesk.tui.screens.stock import StockCountScreen, StockScreen
from tests.tui.conftest import VENDOR, screen_lines, settle, signed_in
from tests.tui.conftest import screen_text as raw_screen_text


def screen_text(app: DeskApp) -> str:
    return raw_screen_text(app).replace("\u00a0", " ")


def drawn(app: DeskApp) -> str:
    return "\n".join(screen_lines(app)).replace("\u00a0", " ")


async def open_tab(app: DeskApp, pilot, key: str) -> None:
    await signed_in(app, pilot)
    await pilot.press(key)
    await settle(app, pilot)


async def test_the_blind_count_shows_the_expected_amount_only_after_the_count(
    desk_db: str, lead_actor: Actor
) -> None:
    megafon.sell(lead_actor, VENDOR, 3, "cash")  # 150,00 kr
    cash.set_float(lead_actor, 100000)  # expected 1 150,00 kr
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "f5")
        await pilot.press("f6")
        await settle(app, pilot)
        assert isinstance(app.screen, CashCountScreen)
        assert "Blindtelling" in drawn(app)
        await pilot.press(*"1150")
        await settle(app, pilot)
        # Typed, not yet entered: nothing of the expected amount, nor a difference.
        assert "1 150,00" not in drawn(app) and "differanse" not in drawn(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CashCountScreen)  # closing asks once more
        assert "Forventet 1 150,00 kr" in drawn(app) and "differanse 0,00 kr" in drawn(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, CashCountScreen)
        assert "Veksel 1 000,00 kr · innbetalt 0,00 kr · utbetalt 0,00 kr" in screen_text(app)
    [z] = dayclose.z_reports(lead_actor.centre_id)
    assert (z.expected_cash_ore, z.counted_cash_ore) == (115000, 115000)


async def test_a_big_difference_needs_a_second_lead_in_the_close_dialog(
    desk_db: str, lead_actor: Actor
) -> None:
    add_staff(lead_actor, "EF", "2468", "lead")
    megafon.sell(lead_actor, VENDOR, 2, "cash")  # 100,00 kr expected
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "f5")
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press(*"40", "enter")  # 60,00 kr short: over the 50,00 kr limit
        await settle(app, pilot)
        assert "en annen vaktleder godkjenner" in drawn(app)
        await pilot.press("enter")  # the initials field, empty: nothing is closed
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CashCountScreen)
        assert not days.is_closed(lead_actor.centre_id, days.today(lead_actor.centre_id))
        app.screen.query_one("#cash-second-initials", Input).focus()
        await pilot.press(*"ef", "enter", *"2468", "enter", *"mynter mistet", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, CashCountScreen)
        assert "Differansen godkjent av EF: mynter mistet" in screen_text(app)
    [z] = dayclose.z_reports(lead_actor.centre_id)
    assert (z.diff_ore, z.diff_approved_by, z.diff_reason) == (-6000, "EF", "mynter mistet")


async def test_the_count_by_coin_and_note_fills_the_amount(desk_db: str, lead_actor: Actor) -> None:
    set_setting(lead_actor, "blind_count", "off")
    megafon.sell(lead_actor, VENDOR, 3, "cash")  # 150,00 kr
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "f5")
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press("f7")  # the 1 kr coins first
        await pilot.press("tab", "tab", "tab", "2", "tab", "tab", "1", "enter")  # 2 × 20 + 1 × 100
        await settle(app, pilot)
        assert app.screen.query_one("#cash-counted", Input).value == "140,00"
        await pilot.press("enter")
        await settle(app, pilot)
    [z] = dayclose.z_reports(lead_actor.centre_id)
    assert (z.counted_cash_ore, z.denominations) == (14000, ((2000, 2), (10000, 1)))


async def test_the_cash_box_records_a_float_and_a_pay_out(desk_db: str, lead_actor: Actor) -> None:
    megafon.sell(lead_actor, VENDOR, 2, "cash")
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "f5")
        await pilot.press("k")
        await settle(app, pilot)
        assert isinstance(app.screen, CashBoxScreen)
        await pilot.press(*"1500", "enter")  # no float today: the float comes first
        await settle(app, pilot)
        assert "Veksel 1 500,00 kr registrert." in screen_text(app)
        await pilot.press("k")
        await settle(app, pilot)
        assert "veksel 1 500,00 kr" in drawn(app)
        app.screen.query_one("#cash-kind").value = "pay_out"
        await settle(app, pilot)
        app.screen.query_one("#cash-amount", Input).focus()
        await pilot.press(*"1000", "enter")
        await settle(app, pilot)
        assert "Utbetaling 1 000,00 kr registrert." in screen_text(app)
        # Del on the pay-out voids it (with a reason).
        await pilot.press("k")
        await settle(app, pilot)
        app.screen.query_one("#cash-moves").focus()
        await pilot.press("delete")
        await settle(app, pilot)
        await pilot.press(*"feil", "enter")
        await settle(app, pilot)
    moves = cash.movements_on(lead_actor.centre_id)
    assert sorted((m.kind, m.amount_ore, m.reason, m.voided) for m in moves) == [
        ("float", 150000, "", False),
        ("pay_out", 100000, "safe", True),
    ]
    assert dayclose.x_report(lead_actor).expected_cash_ore == 150000 + 10000


async def test_a_delivery_with_a_lot_and_a_count_from_the_stock_view(
    desk_db: str, lead_actor: Actor
) -> None:
    expires = days.today(lead_actor.centre_id) + dt.timedelta(days=20)
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "f4")
        await pilot.press("f9")
        await settle(app, pilot)
        assert isinstance(app.screen, DeliveryScreen)
        await pilot.press(*"nalox", "enter", "6", "tab", *"LOT-7", "tab", *expires.isoformat())
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, DeliveryScreen)
        await pilot.press("f12")
        await settle(app, pilot)
        assert isinstance(app.screen, StockScreen)
        table = app.screen.query_one("#stock-table", DataTable)
        [nalox] = [i for i in range(table.row_count) if str(table.get_row_at(i)[0]) == "NALOX"]
        row = [str(c) for c in table.get_row_at(nalox)]
        # stock, days of cover (none handed out), next expiry, expiring soon
        assert row[2:6] == ["26", "–", expires.isoformat(), "6"]
        table.move_cursor(row=nalox)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StockCountScreen)
        await pilot.press(*"24", "enter")  # reason: count correction
        await settle(app, pilot)
        assert isinstance(app.screen, StockScreen)
        assert "Telt NALOX: 24 (registrert 26, endring -2)." in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert supplies.get_item(lead_actor.centre_id, "NALOX").stock == 24
        # F10 lists the stock-take (and the delivery with its lot); voiding it puts the
        # stock back.
        await pilot.press("f10")
        await settle(app, pilot)
        assert "Telling: NALOX 24 (-2, tellefeil) (AB)" in drawn(app)
        entries = [str(e.description) for e in app.screen._entries]
        assert any(f"Nalokson nesespray (LOT-7 {expires.isoformat()})" in e for e in entries)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press(*"telte feil", "enter")
        await settle(app, pilot)
    assert supplies.get_item(lead_actor.centre_id, "NALOX").stock == 26
    [count] = stock.counts_on(lead_actor.centre_id)
    assert count.voided


async def test_expired_stock_is_red_in_the_stock_view_and_refused_at_the_grid(
    desk_db: str, lead_actor: Actor
) -> None:
    from frontdesk.db.models import SupplyLot

    today = days.today(lead_actor.centre_id)
    supplies.record_delivery(lead_actor, "SPR5ML", 4, lot="OLD", expires_on=today)
    SupplyLot.update(expires_on=today - dt.timedelta(days=1)).execute()  # a day later: expired
    app = DeskApp(desk_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "f4")
        await pilot.press("f12")
        await settle(app, pilot)
        table = app.screen.query_one("#stock-table", DataTable)
        [row] = [
            table.get_row_at(i)
            for i in range(table.row_count)
            if str(table.get_row_at(i)[0]) == "SPR5ML"
        ]
        expired = row[6]
        assert str(expired) == "4" and "red" in str(expired.style)
        assert "red" in str(row[0].style)  # the code too: it catches the eye
        await pilot.press("escape")
        await settle(app, pilot)
        grid = {q.code: q for q in app.screen.query("QuantityInput")}
        grid["SPR5ML"].focus()
        await pilot.press("2", "enter")
        await settle(app, pilot)
        assert "Lot OLD av Sprøyte 5 ml (SPR5ML) gikk ut på dato" in screen_text(app)
    assert supplies.hand_outs_on(lead_actor.centre_id) == []


async def test_the_close_dialog_with_coins_and_a_second_lead_fits_80x24_in_english(
    desk_db: str, lead_actor: Actor
) -> None:
    set_setting(lead_actor, "language", "en")
    megafon.sell(lead_actor, VENDOR, 2, "cash")  # NOK 100.00 expected
    app = DeskApp(desk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(app, pilot, "f5")
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press("f7", "tab", "tab", "tab", "2", "enter")  # 2 × 20 kr: NOK 60 short
        await settle(app, pilot)
        lines = screen_lines(app)
        text = "\n".join(lines).replace("\u00a0", " ")
        # Everything of the dialog is on the screen: its title, the coins, the question,
        # the second lead's fields and the hint under them.
        for shown in (
            "Count the cash and close the day",
            "1000 kr",
            "Expected NOK 100.00",
            "Lead 2",
            "Reason",
            "Esc: cancel",
        ):
            assert shown in text, shown
        assert all(len(line) <= 80 for line in lines)
