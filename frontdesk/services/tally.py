"""A business day's tally: the one definition of what counts.

The X-report, the Z-report, the export and the report all call
``compute_day``. A record counts when it belongs to the centre and business
date and is not voided; nothing else decides it.

Metric keys are dotted names (``visits.total``, ``supplies.SPR2ML``,
``visits.hour.09``). Money is integer øre under keys ending in ``_ore``; the
export shows them as NOK under the same name ending in ``_nok``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from peewee import JOIN, Case, fn

from db.models import (
    DagsverketAttendance,
    HandOut,
    HandOutLine,
    LunchEntry,
    MegafonSale,
    Staff,
    SupplyItem,
    SyringeReturn,
    Visit,
)

GENDERS = ("f", "m", "x", "u")
LUNCH_GROUPS = ("visitor", "dagsverket", "staff", "guest")
PAYMENTS = ("cash", "card", "vipps")
HOURS = tuple(f"{h:02d}" for h in range(24))

# The wide export's fixed columns, in the contract's order, with their metric keys.
# ``None`` marks the columns that are not metrics (date, centre, status, z_no).
WIDE_COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("date", None),
    ("centre", None),
    ("status", None),
    ("z_no", None),
    ("visits", "visits.total"),
    ("visitors_unique", "visits.unique"),
    ("visits_anonymous", "visits.anonymous"),
    ("visits_f", "visits.f"),
    ("visits_m", "visits.m"),
    ("visits_x", "visits.x"),
    ("visits_u", "visits.u"),
    ("lunch_total", "lunch.total"),
    ("lunch_visitor", "lunch.visitor"),
    ("lunch_dagsverket", "lunch.dagsverket"),
    ("lunch_staff", "lunch.staff"),
    ("lunch_guest", "lunch.guest"),
    ("dagsverket_present", "dagsverket.present"),
    ("megafon_copies", "megafon.copies"),
    ("megafon_sales", "megafon.sales"),
    ("megafon_revenue_nok", "megafon.revenue_ore"),
    ("megafon_cash_nok", "megafon.cash_ore"),
    ("megafon_card_nok", "megafon.card_ore"),
    ("megafon_vipps_nok", "megafon.vipps_ore"),
    ("cash_counted_nok", "cash.counted_ore"),
    ("cash_diff_nok", "cash.diff_ore"),
    ("naloxone_kits", "naloxone.kits"),
    ("naloxone_trained", "naloxone.trained"),
    ("syringes_returned", "syringes.returned"),
)

# Only a closed day has these (from its Z-report); an open day leaves them empty.
CLOSE_ONLY = ("cash.counted_ore", "cash.diff_ore")


def is_money(key: str) -> bool:
    return key.endswith("_ore")


def export_name(key: str) -> str:
    """The metric's name in exports: øre keys are shown as NOK."""
    return key[: -len("_ore")] + "_nok" if is_money(key) else key


def supply_key(code: str) -> str:
    return f"supplies.{code}"


def hour_key(hour: int) -> str:
    return f"visits.hour.{hour:02d}"


@dataclass(frozen=True)
class StaffSales:
    """Megafon sales by one staff member and payment method (for the Z-report)."""

    initials: str
    payment: str
    copies: int
    amount_ore: int


@dataclass(frozen=True)
class DayTally:
    centre_id: int
    business_date: dt.date
    metrics: dict[str, int]
    sales_by_staff: tuple[StaffSales, ...] = field(default=())

    def get(self, key: str) -> int:
        return self.metrics.get(key, 0)

    @property
    def hours(self) -> list[int]:
        return [self.get(hour_key(h)) for h in range(24)]

    @property
    def supplies(self) -> dict[str, int]:
        prefix = "supplies."
        return {k[len(prefix) :]: v for k, v in self.metrics.items() if k.startswith(prefix)}

    @property
    def expected_cash_ore(self) -> int:
        return self.get("megafon.cash_ore")

    def metrics_json(self) -> str:
        return json.dumps(self.metrics, sort_keys=True)


def empty_metrics(supply_codes: list[str]) -> dict[str, int]:
    metrics = {key: 0 for _, key in WIDE_COLUMNS if key is not None and key not in CLOSE_ONLY}
    metrics.update({hour_key(h): 0 for h in range(24)})
    metrics.update({supply_key(code): 0 for code in supply_codes})
    return metrics


def catalogue_codes(centre_id: int) -> list[str]:
    """The centre's supply item codes in catalogue order."""
    rows: Any = (
        SupplyItem.select(SupplyItem.code)
        .where(SupplyItem.centre == centre_id)
        .order_by(SupplyItem.sort_order, SupplyItem.id)
    )
    return [r.code for r in rows]


def compute_day(centre_id: int, business_date: dt.date) -> DayTally:
    """Tally one business day of one centre from its rows (voided rows count nowhere).

    Eight small aggregate queries, each on a (centre, business_date) index, so a
    day costs about the same on an empty history as on years of rows.
    """
    metrics = empty_metrics([])
    _supplies(centre_id, business_date, metrics)
    _visits(centre_id, business_date, metrics)
    _lunch(centre_id, business_date, metrics)
    _dagsverket(centre_id, business_date, metrics)
    sales_by_staff = _megafon(centre_id, business_date, metrics)
    _returns(centre_id, business_date, metrics)
    return DayTally(centre_id, business_date, metrics, tuple(sales_by_staff))


def _visits(centre_id: int, day: dt.date, m: dict[str, int]) -> None:
    where = (Visit.centre == centre_id) & (Visit.business_date == day) & Visit.voided_at.is_null()
    anonymous = fn.SUM(Case(None, [(Visit.visitor.is_null(), 1)], 0))
    rows: Any = (
        Visit.select(Visit.gender, Visit.local_hour, fn.COUNT(Visit.id), anonymous)
        .where(where)
        .group_by(Visit.gender, Visit.local_hour)
        .tuples()
    )
    for gender, hour, count, anon in rows:
        count = int(count)
        m["visits.total"] += count
        m["visits.anonymous"] += int(anon or 0)
        m[f"visits.{gender if gender in GENDERS else 'u'}"] += count
        m[hour_key(int(hour) % 24)] += count
    unique = Visit.select(fn.COUNT(Visit.visitor.distinct())).where(where).scalar()
    m["visits.unique"] = int(unique or 0)


def _lunch(centre_id: int, day: dt.date, m: dict[str, int]) -> None:
    rows: Any = (
        LunchEntry.select(LunchEntry.group, fn.SUM(LunchEntry.portions))
        .where(
            (LunchEntry.centre == centre_id)
            & (LunchEntry.business_date == day)
            & LunchEntry.voided_at.is_null()
        )
        .group_by(LunchEntry.group)
        .tuples()
    )
    for group, portions in rows:
        portions = int(portions or 0)
        # An unknown group still feeds the kitchen: it counts as a guest.
        m[f"lunch.{group if group in LUNCH_GROUPS else 'guest'}"] += portions
        m["lunch.total"] += portions


def _dagsverket(centre_id: int, day: dt.date, m: dict[str, int]) -> None:
    m["dagsverket.present"] = (
        DagsverketAttendance.select()
        .where(
            (DagsverketAttendance.centre == centre_id)
            & (DagsverketAttendance.business_date == day)
            & (DagsverketAttendance.present == True)  # noqa: E712 (peewee expression)
            & DagsverketAttendance.voided_at.is_null()
        )
        .count()
    )


def _megafon(centre_id: int, day: dt.date, m: dict[str, int]) -> list[StaffSales]:
    amount = fn.SUM(MegafonSale.copies * MegafonSale.unit_price_ore)
    rows: Any = (
        MegafonSale.select(
            Staff.initials,
            MegafonSale.payment,
            fn.COUNT(MegafonSale.id),
            fn.SUM(MegafonSale.copies),
            amount,
        )
        .join(Staff, JOIN.LEFT_OUTER, on=(MegafonSale.staff == Staff.id))
        .where(
            (MegafonSale.centre == centre_id)
            & (MegafonSale.business_date == day)
            & MegafonSale.voided_at.is_null()
        )
        .group_by(Staff.initials, MegafonSale.payment)
        .tuples()
    )
    by_staff = []
    for initials, payment, sales, copies, amount_ore in rows:
        copies, amount_ore = int(copies or 0), int(amount_ore or 0)
        m["megafon.sales"] += int(sales)
        m["megafon.copies"] += copies
        m["megafon.revenue_ore"] += amount_ore
        if payment in PAYMENTS:
            m[f"megafon.{payment}_ore"] += amount_ore
        by_staff.append(StaffSales(initials or "cli", payment, copies, amount_ore))
    # Sorted here, not in SQL: SQLite and PostgreSQL order NULL initials differently.
    by_staff.sort(key=lambda s: (s.initials, s.payment))
    return by_staff


def _supplies(centre_id: int, day: dt.date, m: dict[str, int]) -> None:
    """Every catalogue item (zeros included) with the day's quantities, and naloxone."""
    where = (
        (HandOut.centre == centre_id) & (HandOut.business_date == day) & HandOut.voided_at.is_null()
    )
    handed = (
        HandOutLine.select(HandOutLine.item, fn.SUM(HandOutLine.quantity).alias("quantity"))
        .join(HandOut)
        .where(where)
        .group_by(HandOutLine.item)
    )
    rows: Any = (
        SupplyItem.select(SupplyItem.code, SupplyItem.kind, handed.c.quantity)
        .join(handed, JOIN.LEFT_OUTER, on=(handed.c.item_id == SupplyItem.id))
        .where(SupplyItem.centre == centre_id)
        .order_by(SupplyItem.sort_order, SupplyItem.id)
        .tuples()
    )
    for code, kind, quantity in rows:
        quantity = int(quantity or 0)
        m[supply_key(code)] = quantity
        if kind == "naloxone":
            m["naloxone.kits"] += quantity
    # People trained: non-voided hand-outs with a naloxone line where training was given.
    naloxone_line = (
        HandOutLine.select(HandOutLine.id)
        .join(SupplyItem)
        .where((HandOutLine.hand_out == HandOut.id) & (SupplyItem.kind == "naloxone"))
    )
    m["naloxone.trained"] = (
        HandOut.select()
        .where(where & (HandOut.naloxone_trained == True) & fn.EXISTS(naloxone_line))  # noqa: E712
        .count()
    )


def _returns(centre_id: int, day: dt.date, m: dict[str, int]) -> None:
    total = (
        SyringeReturn.select(fn.SUM(SyringeReturn.count))
        .where(
            (SyringeReturn.centre == centre_id)
            & (SyringeReturn.business_date == day)
            & SyringeReturn.voided_at.is_null()
        )
        .scalar()
    )
    m["syringes.returned"] = int(total or 0)
