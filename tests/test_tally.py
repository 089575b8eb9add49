"""The day's tally: every metric, voided rows counting nowhere, sums of parts.

Rows are made with the models directly (small helpers below, also used by the
day-close tests), so these tests do not depend on the other services.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Iterable, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdesk.db.models import (
    DagsverketAttendance,
    HandOut,
    HandOutLine,
    LunchEntry,
    MegafonIssue,
    MegafonSale,
    SupplyItem,
    SyringeReturn,
    Visit,
    Visitor,
)
from frontdesk.services import days
from frontdesk.services.actor import Actor
from frontdesk.services.supplies import DEFAULT_CATALOGUE
from frontdesk.services.tally import (
    METRICS,
    ROW_COLUMNS,
    StaffSales,
    catalogue_codes,
    compute_day,
    current_version,
    empty_metrics,
    export_name,
    hour_key,
    is_money,
    load_stored,
    supply_key,
)

DAY = dt.date(2026, 3, 2)
NOON_UTC = dt.datetime(2026, 3, 2, 11, 0)  # 12:00 in Oslo

# -- row helpers (models directly; shared with the day-close tests) ------------


def _when(actor: Actor, day: dt.date | None) -> tuple[dt.datetime, dt.date, int]:
    if day is None:
        stamp = days.now_stamp(actor.centre_id)
        return stamp.at, stamp.business_date, stamp.local_hour
    return NOON_UTC, day, 12


def _void(row, actor: Actor, voided: bool) -> None:
    if voided:
        row.voided_at = NOON_UTC
        row.voided_by = actor.staff_id
        row.void_reason = "mistake"
        row.save()


def add_visitor(
    actor: Actor,
    code: str,
    gender: str = "u",
    *,
    dagsverket: bool = False,
    vendor_number: int | None = None,
) -> Visitor:
    return Visitor.create(
        centre=actor.centre_id,
        code=code,
        gender=gender,
        dagsverket=dagsverket,
        vendor_number=vendor_number,
    )


def add_visit(
    actor: Actor,
    *,
    day: dt.date | None = DAY,
    visitor: Visitor | None = None,
    gender: str = "u",
    hour: int | None = None,
    voided: bool = False,
) -> Visit:
    at, business_date, local_hour = _when(actor, day)
    row = Visit.create(
        centre=actor.centre_id,
        visitor=visitor,
        gender=visitor.gender if visitor else gender,
        at=at,
        business_date=business_date,
        local_hour=local_hour if hour is None else hour,
        staff=actor.staff_id,
    )
    _void(row, actor, voided)
    return row


def add_lunch(
    actor: Actor,
    group: str,
    portions: int = 1,
    *,
    day: dt.date | None = DAY,
    voided: bool = False,
) -> LunchEntry:
    at, business_date, _ = _when(actor, day)
    row = LunchEntry.create(
        centre=actor.centre_id,
        business_date=business_date,
        group=group,
        portions=portions,
        at=at,
        staff=actor.staff_id,
    )
    _void(row, actor, voided)
    return row


def add_attendance(
    actor: Actor, visitor: Visitor, *, day: dt.date | None = DAY, present: bool = True
) -> DagsverketAttendance:
    at, business_date, _ = _when(actor, day)
    return DagsverketAttendance.create(
        centre=actor.centre_id,
        business_date=business_date,
        visitor=visitor,
        present=present,
        at=at,
        staff=actor.staff_id,
    )


def add_issue(actor: Actor, price_ore: int = 5000) -> MegafonIssue:
    number = str(MegafonIssue.select().count() + 1)
    return MegafonIssue.create(
        centre=actor.centre_id, number=number, title="Megafon", price_ore=price_ore, current=True
    )


def add_sale(
    actor: Actor,
    vendor: Visitor,
    copies: int,
    payment: str,
    *,
    unit_price_ore: int = 5000,
    day: dt.date | None = DAY,
    voided: bool = False,
    issue: MegafonIssue | None = None,
) -> MegafonSale:
    at, business_date, _ = _when(actor, day)
    issue = issue or MegafonIssue.select().where(MegafonIssue.centre == actor.centre_id).first()
    issue = issue or add_issue(actor, unit_price_ore)
    row = MegafonSale.create(
        centre=actor.centre_id,
        issue=issue,
        vendor=vendor,
        copies=copies,
        unit_price_ore=unit_price_ore,
        payment=payment,
        at=at,
        business_date=business_date,
        staff=actor.staff_id,
    )
    _void(row, actor, voided)
    return row


def add_hand_out(
    actor: Actor,
    lines: Mapping[str, int],
    *,
    day: dt.date | None = DAY,
    trained: bool | None = None,
    recipient: str | None = None,
    voided: bool = False,
) -> HandOut:
    at, business_date, _ = _when(actor, day)
    row = HandOut.create(
        centre=actor.centre_id,
        naloxone_recipient=recipient or ("user" if trained is not None else None),
        naloxone_trained=trained,
        at=at,
        business_date=business_date,
        staff=actor.staff_id,
    )
    for code, quantity in lines.items():
        item = SupplyItem.get((SupplyItem.centre == actor.centre_id) & (SupplyItem.code == code))
        HandOutLine.create(hand_out=row, item=item, quantity=quantity)
    _void(row, actor, voided)
    return row


def add_return(
    actor: Actor, count: int, *, day: dt.date | None = DAY, voided: bool = False
) -> SyringeReturn:
    at, business_date, _ = _when(actor, day)
    row = SyringeReturn.create(
        centre=actor.centre_id,
        method="counted",
        count=count,
        at=at,
        business_date=business_date,
        staff=actor.staff_id,
    )
    _void(row, actor, voided)
    return row


def nonzero(metrics: Mapping[str, int]) -> dict[str, int]:
    return {k: v for k, v in metrics.items() if v}


# -- the metrics ----------------------------------------------------------------


def test_an_empty_day_has_every_metric_at_zero(lead: Actor) -> None:
    result = compute_day(lead.centre_id, DAY)
    codes = [code for code, *_ in DEFAULT_CATALOGUE]
    assert set(result.metrics) == set(empty_metrics(codes))
    assert not nonzero(result.metrics)
    assert [k for k in result.metrics if k.startswith("supplies.")] == [
        supply_key(c) for c in codes
    ]
    assert result.sales_by_staff == ()
    assert (result.centre_id, result.business_date) == (lead.centre_id, DAY)


def test_visits_by_kind_gender_and_hour(lead: Actor) -> None:
    ab = add_visitor(lead, "AB85", "f")
    cd = add_visitor(lead, "CD90", "m")
    add_visit(lead, visitor=ab, hour=9)
    add_visit(lead, visitor=ab, hour=15)  # the same person twice: one unique
    add_visit(lead, visitor=cd, hour=9)
    add_visit(lead, gender="x", hour=23)
    add_visit(lead, gender="u", hour=0)
    add_visit(lead, gender="f", hour=9)
    add_visit(lead, gender="m", hour=9, voided=True)
    add_visit(lead, visitor=cd, hour=10, voided=True)

    result = compute_day(lead.centre_id, DAY)

    assert {k: v for k, v in result.metrics.items() if k.startswith("visits.") and v} == {
        "visits.total": 6,
        "visits.unique": 2,
        "visits.anonymous": 3,
        "visits.f": 3,
        "visits.m": 1,
        "visits.x": 1,
        "visits.u": 1,
        "visits.hour.00": 1,
        "visits.hour.09": 3,
        "visits.hour.15": 1,
        "visits.hour.23": 1,
    }
    assert len(result.hours) == 24 and sum(result.hours) == 6
    assert all(hour_key(h) in result.metrics for h in range(24))


def test_only_the_centre_and_day_count(lead: Actor) -> None:
    from frontdesk.services.centre import init_centre

    other, member = init_centre("NES", "Nesttun", "EF", "5555")
    elsewhere = Actor(other.id, member.id, "EF", "lead")
    add_visit(lead)
    add_visit(lead, day=DAY - dt.timedelta(days=1))
    add_visit(lead, day=DAY + dt.timedelta(days=1))
    add_visit(elsewhere)
    add_hand_out(elsewhere, {"SPR2ML": 10})

    assert compute_day(lead.centre_id, DAY).get("visits.total") == 1
    assert compute_day(lead.centre_id, DAY).get("supplies.SPR2ML") == 0
    assert compute_day(other.id, DAY).get("supplies.SPR2ML") == 10


def test_lunch_groups_and_total(lead: Actor) -> None:
    add_lunch(lead, "visitor")
    add_lunch(lead, "visitor", 3)  # anonymous portions as a count
    add_lunch(lead, "dagsverket", 2)
    add_lunch(lead, "staff")
    add_lunch(lead, "guest", 4)
    add_lunch(lead, "guest", 9, voided=True)

    m = compute_day(lead.centre_id, DAY).metrics

    assert (m["lunch.visitor"], m["lunch.dagsverket"], m["lunch.staff"], m["lunch.guest"]) == (
        4,
        2,
        1,
        4,
    )
    assert m["lunch.total"] == 11


def test_dagsverket_counts_the_present(lead: Actor) -> None:
    for i, present in enumerate([True, True, False]):
        add_attendance(lead, add_visitor(lead, f"DV{i}", dagsverket=True), present=present)
    add_attendance(
        lead, Visitor.get(Visitor.code == "DV0"), day=DAY + dt.timedelta(days=1), present=True
    )

    assert compute_day(lead.centre_id, DAY).get("dagsverket.present") == 2


def test_megafon_copies_sales_revenue_and_payments(lead: Actor, desk: Actor) -> None:
    vendor = add_visitor(lead, "MF1", vendor_number=101)
    add_sale(lead, vendor, 2, "cash")  # 100.00
    add_sale(lead, vendor, 1, "card")  # 50.00
    add_sale(desk, vendor, 3, "cash", unit_price_ore=4500)  # 135.00
    add_sale(desk, vendor, 1, "vipps")  # 50.00
    add_sale(desk, vendor, 10, "cash", voided=True)

    result = compute_day(lead.centre_id, DAY)

    assert {k: v for k, v in result.metrics.items() if k.startswith("megafon.")} == {
        "megafon.copies": 7,
        "megafon.sales": 4,
        "megafon.revenue_ore": 33500,
        "megafon.cash_ore": 23500,
        "megafon.card_ore": 5000,
        "megafon.vipps_ore": 5000,
    }
    assert result.expected_cash_ore == 23500
    assert result.sales_by_staff == (
        StaffSales("AB", "card", 1, 5000),
        StaffSales("AB", "cash", 2, 10000),
        StaffSales("CD", "cash", 3, 13500),
        StaffSales("CD", "vipps", 1, 5000),
    )


def test_a_sale_from_the_command_line_is_listed_as_cli(lead: Actor) -> None:
    vendor = add_visitor(lead, "MF1", vendor_number=101)
    add_sale(Actor.cli(lead.centre_id), vendor, 1, "cash")
    add_sale(lead, vendor, 1, "cash")

    sales = compute_day(lead.centre_id, DAY).sales_by_staff

    assert sales == (StaffSales("AB", "cash", 1, 5000), StaffSales("cli", "cash", 1, 5000))


def test_supplies_every_item_naloxone_and_returns(lead: Actor) -> None:
    add_hand_out(lead, {"SPR2ML": 10, "KAN23G": 10, "SPRIT": 20})
    add_hand_out(lead, {"SPR2ML": 5})
    add_hand_out(lead, {"NALOX": 1}, trained=True)
    add_hand_out(lead, {"NALOX": 2, "SPR1ML": 3}, trained=True, recipient="relative")
    add_hand_out(lead, {"NALOX": 1}, trained=False)
    add_hand_out(lead, {"NALOX": 5}, trained=True, voided=True)
    add_hand_out(lead, {"SPR2ML": 100}, voided=True)
    # Training recorded on a hand-out without naloxone is not a trained person.
    add_hand_out(lead, {"FOLIE": 2}, trained=True)
    add_return(lead, 40)
    add_return(lead, 200)
    add_return(lead, 999, voided=True)

    result = compute_day(lead.centre_id, DAY)

    assert result.supplies == {
        **{code: 0 for code in catalogue_codes(lead.centre_id)},
        "SPR1ML": 3,
        "SPR2ML": 15,
        "KAN23G": 10,
        "SPRIT": 20,
        "FOLIE": 2,
        "NALOX": 4,
    }
    assert list(result.supplies) == catalogue_codes(lead.centre_id)
    assert result.get("naloxone.kits") == 4
    assert result.get("naloxone.trained") == 2
    assert result.get("syringes.returned") == 240


def test_a_new_catalogue_item_gets_a_column_even_at_zero(lead: Actor) -> None:
    SupplyItem.create(
        centre=lead.centre_id, code="NYTT", name_nb="Nytt", name_en="New", sort_order=1
    )
    result = compute_day(lead.centre_id, DAY)
    assert list(result.supplies)[0] == "NYTT"
    assert result.get("supplies.NYTT") == 0
    assert catalogue_codes(lead.centre_id)[0] == "NYTT"


def test_voided_rows_of_every_kind_count_nowhere(lead: Actor) -> None:
    vendor = add_visitor(lead, "MF1", "f", vendor_number=101)
    add_visit(lead, visitor=vendor, voided=True)
    add_visit(lead, gender="x", voided=True)
    add_lunch(lead, "guest", 5, voided=True)
    add_sale(lead, vendor, 3, "cash", voided=True)
    add_sale(lead, vendor, 3, "vipps", voided=True)
    add_hand_out(lead, {"NALOX": 1, "SPR2ML": 10}, trained=True, voided=True)
    add_return(lead, 50, voided=True)
    add_attendance(lead, add_visitor(lead, "DV1", dagsverket=True), present=False)

    result = compute_day(lead.centre_id, DAY)

    assert nonzero(result.metrics) == {}
    assert result.sales_by_staff == ()


def test_metrics_json_is_the_metrics_dict_and_its_version(lead: Actor) -> None:
    import json

    add_visit(lead)
    result = compute_day(lead.centre_id, DAY)
    stored = json.loads(result.metrics_json())
    assert stored == {"version": current_version(), "metrics": result.metrics}
    assert load_stored(result.metrics_json()) == (current_version(), result.metrics)


def test_a_tally_stored_before_versions_is_version_1() -> None:
    assert load_stored('{"visits.total": 3}') == (1, {"visits.total": 3})
    assert load_stored("{}") == (1, {})


def test_export_names_and_columns() -> None:
    assert export_name("megafon.cash_ore") == "megafon.cash_nok"
    assert export_name("visits.total") == "visits.total"
    assert is_money("cash.diff_ore") and not is_money("visits.total")
    assert supply_key("NALOX") == "supplies.NALOX" and hour_key(9) == "visits.hour.09"
    names = [*ROW_COLUMNS, *(m.column for m in METRICS)]
    assert names[:5] == ["date", "centre", "status", "z_no", "visits"]
    # Version 1's columns keep their places; later versions' columns come after them.
    v1 = [m.column for m in METRICS if m.since == 1]
    assert names[4 : 4 + len(v1)] == v1
    assert v1[-3:] == ["naloxone_kits", "naloxone_trained", "syringes_returned"]
    assert names[4 + len(v1) :] == [m.column for m in METRICS if m.since > 1]
    close_only = {m.key for m in METRICS if m.close_only}
    assert close_only == {"cash.counted_ore", "cash.diff_ore"}
    assert not close_only & set(empty_metrics([]))


# -- sums of parts ------------------------------------------------------------------

_day_numbers = itertools.count(1)

visit_rows = st.lists(
    st.tuples(
        st.sampled_from(["f", "m", "x", "u"]),
        st.integers(0, 23),
        st.sampled_from([None, "AB1", "CD2", "EF3"]),
        st.booleans(),
    ),
    max_size=12,
)
lunch_rows = st.lists(
    st.tuples(
        st.sampled_from(["visitor", "dagsverket", "staff", "guest"]),
        st.integers(1, 5),
        st.booleans(),
    ),
    max_size=6,
)
sale_rows = st.lists(
    st.tuples(
        st.integers(1, 5),
        st.sampled_from(["cash", "card", "vipps"]),
        st.integers(0, 9000),
        st.booleans(),
        st.booleans(),
    ),
    max_size=6,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(visits=visit_rows, lunches=lunch_rows, sales=sale_rows)
def test_sums_of_parts(
    lead: Actor,
    desk: Actor,
    visits: Iterable[tuple[str, int, str | None, bool]],
    lunches: Iterable[tuple[str, int, bool]],
    sales: Iterable[tuple[int, str, int, bool, bool]],
) -> None:
    # Each example tallies a fresh business day of the same database.
    day = DAY + dt.timedelta(days=next(_day_numbers))
    visitors = {v.code: v for v in Visitor.select().where(Visitor.centre == lead.centre_id)} or {
        code: add_visitor(lead, code, gender, vendor_number=n)
        for n, (code, gender) in enumerate([("AB1", "f"), ("CD2", "m"), ("EF3", "x")])
    }
    live = 0
    for gender, hour, code, voided in visits:
        add_visit(
            lead, day=day, visitor=visitors.get(code or ""), gender=gender, hour=hour, voided=voided
        )
        live += not voided
    for group, portions, voided in lunches:
        add_lunch(lead, group, portions, day=day, voided=voided)
    for copies, payment, price, by_desk, voided in sales:
        add_sale(
            desk if by_desk else lead,
            visitors["AB1"],
            copies,
            payment,
            unit_price_ore=price,
            day=day,
            voided=voided,
        )

    result = compute_day(lead.centre_id, day)
    m = result.metrics

    assert m["visits.total"] == live
    assert m["visits.total"] == sum(m[f"visits.{g}"] for g in "fmxu") == sum(result.hours)
    assert m["visits.anonymous"] + m["visits.unique"] <= m["visits.total"]
    assert m["lunch.total"] == sum(
        m[f"lunch.{g}"] for g in ("visitor", "dagsverket", "staff", "guest")
    )
    assert m["lunch.total"] == sum(p for _, p, voided in lunches if not voided)
    assert (
        m["megafon.revenue_ore"]
        == m["megafon.cash_ore"] + m["megafon.card_ore"] + m["megafon.vipps_ore"]
    )
    assert m["megafon.revenue_ore"] == sum(s.amount_ore for s in result.sales_by_staff)
    assert m["megafon.copies"] == sum(s.copies for s in result.sales_by_staff)
    assert m["megafon.revenue_ore"] == sum(
        copies * price for copies, _, price, _, voided in sales if not voided
    )
    assert all(type(v) is int for v in m.values())


@pytest.mark.parametrize("hour", [0, 23])
def test_hour_buckets_cover_the_whole_day(lead: Actor, hour: int) -> None:
    add_visit(lead, hour=hour)
    result = compute_day(lead.centre_id, DAY)
    assert result.get(hour_key(hour)) == 1 and sum(result.hours) == 1


# -- cost: a few indexed queries, however long the history --------------------


class _Statements(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[tuple[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.msg, tuple):
            self.statements.append(record.msg)


def test_a_day_is_a_few_indexed_queries(backend: str, lead: Actor) -> None:
    for day_offset in range(3):
        add_visit(lead, day=DAY + dt.timedelta(days=day_offset))
        add_hand_out(lead, {"NALOX": 1}, day=DAY + dt.timedelta(days=day_offset), trained=True)
    logger = logging.getLogger("peewee")
    handler, level = _Statements(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        result = compute_day(lead.centre_id, DAY)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)

    assert result.get("visits.total") == 1 and result.get("naloxone.trained") == 1
    # Thirteen, plus the cash box's movements and (no float recorded) the float setting.
    assert len(handler.statements) <= 15
    if not backend.startswith("postgresql"):
        database = Visit._meta.database
        for sql, params in handler.statements:
            plan = database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
            details = [row[-1] for row in plan]
            # Every table is reached by an index: no full scan of a day's rows.
            assert not [d for d in details if d.startswith("SCAN")], (sql, details)
