"""Counting's services (issue 13) take any input: a refusal is one sentence and writes
nothing (the fuzzing world and rules of tests/test_fuzz_services.py)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from frontdesk.services import cash, dayclose, stock, supplies
from frontdesk.services.vocab import CASH_MOVES, CASH_REASONS, STOCK_REASONS
from tests.test_fuzz_services import FUZZ, World, attempt, ids, item_codes, numbers, texts
from tests.test_fuzz_services import world as _world  # noqa: F401 (the fixture "world")

reasons = st.one_of(st.none(), texts, st.sampled_from(STOCK_REASONS + CASH_REASONS))
lots = st.one_of(st.none(), texts, st.just("L1"))
expiries = st.one_of(st.none(), texts, st.dates().map(lambda d: d.isoformat()), st.dates())


@FUZZ
@given(code=item_codes, quantity=numbers, lot=lots, expires=expiries)
def test_a_delivery_with_a_lot_takes_any_input(
    world: World, code: Any, quantity: Any, lot: Any, expires: Any
) -> None:
    attempt(supplies.record_delivery, world.lead, code, quantity, lot=lot, expires_on=expires)


@FUZZ
@given(code=item_codes, counted=numbers, reason=reasons, lot=lots, count_id=ids, why=reasons)
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
    kind=st.one_of(st.none(), texts, st.sampled_from(CASH_MOVES)),
    amount=numbers,
    reason=reasons,
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
    reason=reasons,
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
