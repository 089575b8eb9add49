"""Bad input into the services: every call works or refuses with a FrontdeskError.

Hypothesis throws codes, quantities, prices, dates, PINs and reasons at the
services: empty, huge, unicode, control characters, negative, SQL-looking,
wrong types. Each call either succeeds or raises a ``FrontdeskError`` whose
message is one sentence; when it refuses, nothing was written (every table,
the audit trail included, is exactly as before). A sign-on with a wrong PIN is
the one refusal that writes by design: a failed-PIN audit event and the count.

SQLite only (one database per test function); the PostgreSQL behaviour of the
same services is covered by their own tests.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from frontdesk import db
from frontdesk.db.models import ALL_MODELS, AuditEvent, DayClose, Staff, database
from frontdesk.errors import DiskFull, FrontdeskError
from frontdesk.services import cash, dayclose, lunch, megafon, stock, supplies, visits, vocab
from frontdesk.services import settings as centre_settings
from frontdesk.services import staff as staff_service
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.validate import bad_char

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is repeatable
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY_STRINGS = [
    "",
    " ",
    "\t\n",
    "AB85",
    "ab85",
    " AB85 ",
    "AB 85",
    "Ola Nordmann",
    "ÆØÅ1",
    "æøå",
    "Ω≈ç√",
    "🙂🙂",
    "\x00",
    "A\x00B",
    "\x1b[2J",
    "\x1b[31mRed",
    "Bell\x07",
    "two\nlines",
    "C1\x9b",
    "\udcff",
    "Mega\ud800fon",
    "[/red]",
    "[red]x",
    "\u202eAB85",
    "'; DROP TABLE visit; --",
    "1 OR 1=1",
    "%",
    "_",
    "!%",
    "NULL",
    "None",
    "-1",
    "0",
    "1e3",
    "12.5",
    "A" * 12,
    "A" * 13,
    "9" * 40,
    "x" * 5000,
]

texts = st.one_of(
    st.sampled_from(NASTY_STRINGS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=14),
)
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 2, 499, 500, 501, 1000, 1001, 2**31 - 1, 2**31, 2**63, -(2**63)]),
)
# Record ids come from rows the desk shows, never typed: any 64-bit value.
ids = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1), st.sampled_from([0, -1, 1, 2, 3])
)
# Numbers as the desk passes them: whole numbers of any size and sign (the
# fields are typed int), or None where the parameter is optional.
opt_numbers = st.one_of(st.none(), numbers)
flags = st.one_of(st.none(), st.booleans())
# The visitor-code field of update_visitor (its name is the service's choice).
CODE_FIELDS = [f for f in visits.VISITOR_FIELDS if f.endswith("code")]

dates = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)),
)


@dataclass
class World:
    lead: Actor
    desk: Actor
    vendor_code: str
    visit_id: int
    sale_id: int
    hand_out_id: int


@pytest.fixture
def world(tmp_path: Path, _sqlite_template: Path) -> Iterator[World]:
    """A fresh SQLite centre with a visitor who sells Megafon, stock, a visit, a sale."""
    path = tmp_path / "fuzz.db"
    shutil.copyfile(_sqlite_template, path)
    os.chmod(path, 0o600)
    db.connect(str(path))
    centre, member = init_centre("STR", "Strax-huset", "AB", "4711")
    lead = Actor(centre.id, member.id, member.initials, member.role)
    info = staff_service.add_staff(lead, "CD", "1234", "desk")
    desk = Actor(centre.id, info.id, info.initials, info.role)
    visits.register_visitor(lead, "AB85", vendor_number=12, dagsverket=True)
    megafon.add_issue(lead, "2026-11", 5000)
    megafon.record_delivery(lead, 1000)
    for item in supplies.catalogue(centre.id):
        supplies.record_delivery(lead, item.code, 10_000)
    visit = visits.check_in(desk, "AB85")
    sale = megafon.sell(desk, "12", 1, "cash")
    hand = supplies.hand_out(desk, [(supplies.catalogue(centre.id)[0].code, 1)])
    yield World(lead, desk, "AB85", visit.id, sale.id, hand.id)
    database.close()


def _snapshot() -> dict[str, list[tuple]]:
    return {m.__name__: list(m.select().order_by(m.id).tuples()) for m in ALL_MODELS}


def attempt(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a service; a refusal must be a one-sentence FrontdeskError that wrote nothing."""
    before = _snapshot()
    try:
        return call(*args, **kwargs)
    except FrontdeskError as exc:
        message = str(exc)
        assert message.strip(), "a refusal without a sentence"
        assert "\n" not in message, f"a refusal over several lines: {message!r}"
        assert _snapshot() == before, f"{call.__name__} refused ({message}) but wrote something"
        return None


# -- visits ----------------------------------------------------------------------


@FUZZ
@given(code=st.one_of(st.none(), texts), gender=st.one_of(st.none(), texts))
def test_check_in_takes_any_code_and_gender(world: World, code: Any, gender: Any) -> None:
    result = attempt(visits.check_in, world.desk, code, gender)
    if result is not None:
        assert result.visitor_code in (None, world.vendor_code)
        assert result.gender in vocab.GENDERS


@FUZZ
@given(
    code=texts,
    gender=st.one_of(st.none(), texts),
    birth_year=opt_numbers,
    dagsverket=st.booleans(),
    vendor_number=opt_numbers,
)
def test_register_visitor_takes_any_input(
    world: World, code: Any, gender: Any, birth_year: Any, dagsverket: Any, vendor_number: Any
) -> None:
    result = attempt(
        visits.register_visitor,
        world.desk,
        code,
        gender=gender,
        birth_year=birth_year,
        dagsverket=dagsverket,
        vendor_number=vendor_number,
    )
    if result is not None:
        assert result.code == result.code.upper()
        assert " " not in result.code and 2 <= len(result.code) <= 12


@FUZZ
@given(
    code=st.one_of(st.just("AB85"), texts),
    change=st.one_of(
        st.tuples(st.sampled_from(CODE_FIELDS), texts),
        st.tuples(st.just("gender"), st.one_of(st.none(), texts)),
        st.tuples(st.sampled_from(["birth_year", "vendor_number"]), opt_numbers),
        st.tuples(st.just("dagsverket"), st.booleans()),
        st.tuples(st.just("name"), texts),
    ),
)
def test_update_visitor_takes_any_input(world: World, code: Any, change: tuple) -> None:
    field, value = change
    attempt(visits.update_visitor, world.lead, code, **{field: value})


@FUZZ
@given(prefix=st.one_of(st.none(), texts), limit=st.integers(-5, 50))
def test_find_visitors_never_fails(world: World, prefix: Any, limit: int) -> None:
    found = attempt(visits.find_visitors, world.lead.centre_id, prefix, limit)
    assert found is not None
    assert len(found) <= max(limit, 0)


@FUZZ
@given(visit_id=ids, reason=st.one_of(st.none(), texts))
def test_void_visit_takes_any_id_and_reason(world: World, visit_id: int, reason: Any) -> None:
    attempt(visits.void_visit, world.desk, visit_id, reason)


@FUZZ
@given(business_date=dates)
def test_day_lists_take_any_date(world: World, business_date: dt.date) -> None:
    assert attempt(visits.visits_on, world.lead.centre_id, business_date) is not None
    assert attempt(visits.count_visits, world.lead.centre_id, business_date) is not None
    assert attempt(lunch.roster, world.lead.centre_id, business_date) is not None
    assert attempt(megafon.sales_on, world.lead.centre_id, business_date) is not None


# -- staff -------------------------------------------------------------------------


@FUZZ
@given(initials=texts, pin=st.one_of(texts, numbers), role=st.one_of(texts, st.none()))
def test_add_staff_takes_any_input(world: World, initials: Any, pin: Any, role: Any) -> None:
    attempt(staff_service.add_staff, world.lead, initials, pin, role)


@FUZZ
@given(initials=texts, pin=st.one_of(texts, numbers, st.none()))
def test_sign_on_refuses_bad_input_and_writes_only_the_audit(
    world: World, initials: Any, pin: Any
) -> None:
    staff_before = Staff.select().count()
    audit_before = AuditEvent.select().count()
    try:
        actor = staff_service.sign_on(world.lead.centre_id, initials, pin)
    except FrontdeskError as exc:
        assert "\n" not in str(exc)
        assert Staff.select().count() == staff_before
        # Only the failed PIN itself may be written (audited), never anything else.
        assert AuditEvent.select().count() - audit_before in (0, 1)
        return
    assert actor.initials in ("AB", "CD")


# -- lunch ------------------------------------------------------------------------


@FUZZ
@given(code=texts, initials=texts, portions=numbers, reason=st.one_of(st.none(), texts))
def test_lunch_takes_any_input(
    world: World, code: Any, initials: Any, portions: Any, reason: Any
) -> None:
    attempt(lunch.add_visitor, world.desk, code)
    attempt(lunch.add_staff, world.desk, initials)
    entry = attempt(lunch.add_guests, world.desk, portions)
    attempt(lunch.add_anonymous, world.desk, portions)
    if entry is not None:
        attempt(lunch.remove, world.desk, entry.id, reason)


# -- Megafon ------------------------------------------------------------------------


@FUZZ
@given(vendor=st.one_of(texts, numbers, st.none()), copies=numbers, payment=texts)
def test_sell_takes_any_input(world: World, vendor: Any, copies: Any, payment: Any) -> None:
    sale = attempt(megafon.sell, world.desk, vendor, copies, payment)
    if sale is not None:
        assert sale.copies >= 1 and sale.amount_ore == sale.copies * sale.unit_price_ore


@FUZZ
@given(price=numbers, copies=numbers)
def test_sell_at_any_price(world: World, price: Any, copies: Any) -> None:
    sale = attempt(megafon.sell, world.desk, "12", copies, "card", price)
    if sale is not None:
        assert isinstance(sale.unit_price_ore, int) and sale.unit_price_ore >= 0


@FUZZ
@given(number=st.one_of(texts, numbers), price=numbers, title=st.one_of(st.none(), texts))
def test_add_issue_takes_any_input(world: World, number: Any, price: Any, title: Any) -> None:
    attempt(megafon.add_issue, world.lead, number, price, title=title, current=False)


@FUZZ
@given(copies=numbers, issue=st.one_of(st.none(), texts))
def test_megafon_delivery_takes_any_input(world: World, copies: Any, issue: Any) -> None:
    attempt(megafon.record_delivery, world.lead, copies, issue)


@FUZZ
@given(sale_id=ids, reason=st.one_of(st.none(), texts))
def test_void_sale_takes_any_input(world: World, sale_id: Any, reason: Any) -> None:
    attempt(megafon.void_sale, world.desk, sale_id, reason)


# -- supplies ------------------------------------------------------------------------

item_codes = st.one_of(st.sampled_from(["SPR2ML", "NALOX", "FOLIE", "BOTTE1L"]), texts)


@FUZZ
@given(
    lines=st.one_of(
        st.lists(st.tuples(item_codes, numbers), max_size=4),
        st.dictionaries(item_codes, numbers, max_size=4),
    ),
    visitor_code=st.one_of(st.none(), texts),
    for_others=st.booleans(),
    recipient=st.one_of(st.none(), st.sampled_from(["user", "relative", "other"]), texts),
    trained=flags,
)
def test_hand_out_takes_any_input(
    world: World, lines: Any, visitor_code: Any, for_others: Any, recipient: Any, trained: Any
) -> None:
    result = attempt(
        supplies.hand_out,
        world.desk,
        lines,
        visitor_code=visitor_code,
        for_others=for_others,
        naloxone_recipient=recipient,
        naloxone_trained=trained,
    )
    if result is not None:
        assert result.lines and all(q >= 1 for _, q in result.lines)


@FUZZ
@given(count=opt_numbers, bin_code=st.one_of(st.none(), item_codes), bins=numbers)
def test_record_return_takes_any_input(world: World, count: Any, bin_code: Any, bins: Any) -> None:
    attempt(supplies.record_return, world.desk, count=count, bin_code=bin_code, bins=bins)


@FUZZ
@given(
    code=texts,
    name_nb=texts,
    name_en=texts,
    unit=texts,
    kind=st.one_of(texts, st.sampled_from(vocab.ITEM_KINDS)),
    low_stock=numbers,
)
def test_add_item_takes_any_input(
    world: World, code: Any, name_nb: Any, name_en: Any, unit: Any, kind: Any, low_stock: Any
) -> None:
    attempt(
        supplies.add_item,
        world.lead,
        code,
        name_nb,
        name_en,
        unit=unit,
        kind=kind,
        low_stock=low_stock,
    )


@FUZZ
@given(code=item_codes, quantity=numbers, hand_out_id=ids, reason=st.one_of(st.none(), texts))
def test_supply_delivery_and_void_take_any_input(
    world: World, code: Any, quantity: Any, hand_out_id: Any, reason: Any
) -> None:
    attempt(supplies.record_delivery, world.lead, code, quantity)
    attempt(supplies.void_hand_out, world.desk, hand_out_id, reason)


# -- day close --------------------------------------------------------------------------


@FUZZ
@given(
    counted=st.integers(min_value=-(2**40), max_value=2**31 - 1),
    business_date=st.one_of(st.none(), dates),
)
def test_close_day_takes_any_cash_and_date(world: World, counted: Any, business_date: Any) -> None:
    report = attempt(dayclose.close_day, world.lead, counted, business_date)
    if report is not None:
        assert report.diff_ore == report.counted_cash_ore - report.expected_cash_ore


@pytest.mark.parametrize("counted", [2**31, 2**63, 10**30])
def test_close_day_refuses_counted_cash_beyond_what_is_stored(world: World, counted: int) -> None:
    assert attempt(dayclose.close_day, world.lead, counted, dt.date(2020, 1, 1)) is None


@FUZZ
@given(business_date=dates, pin=st.one_of(texts, numbers), reason=st.one_of(st.none(), texts))
def test_reopen_day_takes_any_input(
    world: World, business_date: Any, pin: Any, reason: Any
) -> None:
    attempt(dayclose.close_day, world.lead, 0, business_date)
    closes_before = list(DayClose.select().order_by(DayClose.id).tuples())
    audit_before = AuditEvent.select().count()
    try:
        dayclose.reopen_day(world.lead, business_date, pin, reason)
    except FrontdeskError as exc:
        assert "\n" not in str(exc)
        assert list(DayClose.select().order_by(DayClose.id).tuples()) == closes_before
        # A wrong PIN is audited like at sign-on; nothing else is written.
        assert AuditEvent.select().count() - audit_before in (0, 1)


@FUZZ
@given(business_date=st.one_of(st.none(), dates))
def test_x_report_takes_any_date(world: World, business_date: Any) -> None:
    attempt(dayclose.x_report, world.desk, business_date)


@pytest.mark.parametrize("call", ["record_delivery", "hand_out", "record_return", "update_item"])
def test_unknown_item_code_with_a_line_break_is_one_line(world: World, call: str) -> None:
    calls = {
        "record_delivery": lambda: supplies.record_delivery(world.lead, "A\nB", 5),
        "hand_out": lambda: supplies.hand_out(world.desk, [("A\nB", 1)]),
        "record_return": lambda: supplies.record_return(world.desk, bin_code="A\nB"),
        "update_item": lambda: supplies.update_item(world.lead, "A\nB", unit="x"),
    }
    assert attempt(calls[call]) is None


# -- text that is stored: names, units, titles, settings, reasons (issue 17, class 11) ----------


def _clean(value: str) -> None:
    """Stored text holds no control characters, line breaks or undecodable bytes."""
    assert bad_char(value) is None, f"stored text with a control character: {value!r}"
    value.encode("utf-8")  # a lone surrogate cannot be stored or shown


@FUZZ
@given(name_nb=texts, name_en=texts, unit=texts)
@example(name_nb="Ny", name_en="Foil\x1b[31m", unit="stk")
@example(name_nb="Ny\udcff", name_en="Foil", unit="stk")
@example(name_nb="Ny", name_en="Foil", unit="pk\n")
def test_stored_item_text_is_clean(world: World, name_nb: Any, name_en: Any, unit: Any) -> None:
    item = attempt(supplies.add_item, world.lead, "FUZZ1", name_nb, name_en, unit=unit)
    if item is not None:
        for value in (item.name_nb, item.name_en, item.unit):
            _clean(value)
    changed = attempt(supplies.update_item, world.lead, "FOLIE", name_en=name_en, unit=unit)
    if changed is not None:
        _clean(changed.name_en)
        _clean(changed.unit)


@FUZZ
@given(
    key=st.one_of(st.sampled_from(["language", "timezone", "magazine_title"]), texts), value=texts
)
@example(key="magazine_title", value="Mega\udcfffon")
@example(key="timezone", value="Europe/\udcffOslo")
@example(key="magazine_title", value="\x1b[31mRed\x07")
@example(key="\x1b[2J", value="x")
def test_settings_take_any_text(world: World, key: Any, value: Any) -> None:
    new = attempt(centre_settings.set_setting, world.lead, key, value)
    if new is not None:
        for text in new.as_text().values():
            _clean(text)


@FUZZ
@given(code=texts, name=texts)
@example(code="0042", name="Nesttun")
@example(code="1E3", name="Nesttun")
@example(code="NES", name="Nest\udcfftun")
@example(code="NES", name="[/red]Nest[red]tun")
@example(code="NES", name="Nest\x1b[31mtun")
def test_init_centre_takes_any_code_and_name(world: World, code: Any, name: Any) -> None:
    result = attempt(init_centre, code, name, "EF", "4711")
    if result is not None:
        centre, _ = result
        assert 2 <= len(centre.code) <= 8 and centre.code[0].isalpha() and centre.code.isalnum()
        assert centre.code.isascii() and centre.code == centre.code.upper()
        _clean(centre.name)


@FUZZ
@given(reason=texts)
@example(reason="mistake\x1b[2J")
@example(reason="two\nlines")
@example(reason="\udcff")
def test_reasons_are_clean(world: World, reason: Any) -> None:
    voided = attempt(visits.void_visit, world.desk, world.visit_id, reason)
    if voided is not None:
        _clean(voided.void_reason)


# -- a full disk (issue 17, class 12) ------------------------------------------------------------


def test_a_full_disk_refuses_a_check_in_and_writes_nothing(world: World) -> None:
    """SQLite's size limit reports SQLITE_FULL exactly as a full disk does."""
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")
    refused = None
    for _ in range(500):  # the free pages fill first
        before = _snapshot()
        try:
            visits.check_in(world.desk, None, "f")
        except DiskFull as exc:
            refused = exc
            break
    assert refused is not None, "the database never filled up"
    assert str(refused) == "The disk is full; nothing was saved. Free some space and try again."
    assert refused.text("nb").startswith("Disken er full")
    assert _snapshot() == before  # the check-in that failed left no row and no audit event


# -- counting (issue 13): lots, stock-takes, the reorder list, the cash box ----------------

counting_reasons = st.one_of(
    st.none(), texts, st.sampled_from(vocab.STOCK_REASONS + vocab.CASH_REASONS)
)
lot_texts = st.one_of(st.none(), texts, st.just("L1"))
expiries = st.one_of(st.none(), texts, st.dates().map(lambda d: d.isoformat()), st.dates())


@FUZZ
@given(code=item_codes, quantity=numbers, lot=lot_texts, expires=expiries)
def test_a_delivery_with_a_lot_takes_any_input(
    world: World, code: Any, quantity: Any, lot: Any, expires: Any
) -> None:
    attempt(supplies.record_delivery, world.lead, code, quantity, lot=lot, expires_on=expires)


@FUZZ
@given(
    code=item_codes,
    counted=numbers,
    reason=counting_reasons,
    lot=lot_texts,
    count_id=ids,
    why=counting_reasons,
)
def test_a_stock_take_and_its_void_take_any_input(
    world: World, code: Any, counted: Any, reason: Any, lot: Any, count_id: Any, why: Any
) -> None:
    attempt(stock.count_stock, world.lead, code, counted, reason, lot=lot)
    attempt(stock.void_count, world.lead, count_id, why)


@FUZZ
@given(days_=numbers)
def test_the_reorder_list_takes_any_number_of_days(world: World, days_: Any) -> None:
    attempt(stock.reorder, world.lead.centre_id, days_)


@FUZZ
@given(
    kind=st.one_of(st.none(), texts, st.sampled_from(vocab.CASH_MOVES)),
    amount=numbers,
    reason=counting_reasons,
    movement_id=ids,
)
def test_the_cash_box_takes_any_input(
    world: World, kind: Any, amount: Any, reason: Any, movement_id: Any
) -> None:
    attempt(cash.set_float, world.desk, amount)
    attempt(cash.move, world.desk, kind, amount, reason)
    attempt(cash.void_movement, world.lead, movement_id, reason)


@FUZZ
@given(
    initials=st.one_of(st.none(), texts),
    pin=st.one_of(st.none(), texts),
    reason=counting_reasons,
    pieces=st.one_of(
        st.none(), st.dictionaries(st.integers(-(2**40), 2**40), st.integers(-(2**40), 2**40))
    ),
)
def test_the_close_takes_any_second_lead_and_count_by_coin(
    world: World, initials: Any, pin: Any, reason: Any, pieces: Any
) -> None:
    attempt(
        dayclose.close_day,
        world.lead,
        100_000,
        approver_initials=initials,
        approver_pin=pin,
        diff_reason=reason,
        denominations=pieces,
    )
