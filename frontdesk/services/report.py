"""The period report: totals per day and centre, supplies, stock and visits by hour.

The numbers come from ``export.day_rows`` (closed days from their Z-report,
open days tallied from their rows, empty days as zeros), so the report and the
export always agree. Per-day figures are divided by the days with activity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from frontdesk.db.models import SupplyItem
from frontdesk.services import days as business_days
from frontdesk.services import tally
from frontdesk.services.centre import CentreInfo
from frontdesk.services.export import DayRow, check_period, day_rows

DEFAULT_DAYS = 7


# Not a tally metric: the syringe items of the catalogue summed (the kind is the catalogue's).
SYRINGES_OUT = "syringes.out"

# The overdose-response and right-help figures (issue 12): naloxone, training, referrals and
# new visitors, totalled over the period per centre in their own table.
HELP_PREFIXES = ("naloxone.", "cpr.", "referrals.", "visitors.new")


def help_metrics() -> list[tally.Metric]:
    """The metrics of the report's overdose-response table, in table order."""
    return [m for m in tally.METRICS if m.key.startswith(HELP_PREFIXES)]


def syringe_codes(centre_id: int) -> set[str]:
    """The centre's catalogue items of kind syringe (their hand-outs are the syringes given)."""
    rows = SupplyItem.select(SupplyItem.code).where(
        (SupplyItem.centre == centre_id) & (SupplyItem.kind == "syringe")
    )
    return {r.code for r in rows}


def day_figure(row: DayRow, key: str, syringes: set[str]) -> int | None:
    """A day's figure in a report (terminal or PDF): a tally metric, or SYRINGES_OUT.

    ``syringes`` are the day's centre's syringe codes; None: the day's tally predates
    the metric.
    """
    if key == SYRINGES_OUT:
        return sum(int(row.metrics.get(tally.supply_key(c), 0)) for c in sorted(syringes))
    return row.value(key)


@dataclass(frozen=True)
class ReportColumn:
    key: str  # a metric key of the tally, or SYRINGES_OUT
    heading: str
    money: bool
    additive: bool  # False: the total over days is left blank


def columns() -> list[ReportColumn]:
    """The per-day table's figures: every metric the tally's table gives a report heading,
    in table order, with the syringes handed out just before the syringes returned."""
    cols = [
        ReportColumn(m.key, m.heading, tally.is_money(m.key), m.additive)
        for m in tally.METRICS
        if m.heading is not None
    ]
    keys = [c.key for c in cols]
    at = keys.index("syringes.returned") if "syringes.returned" in keys else len(cols)
    cols.insert(at, ReportColumn(SYRINGES_OUT, "Syringes out", False, True))
    return cols


@dataclass(frozen=True)
class DayLine:
    """One centre's day (or a total over days when ``business_date`` is None)."""

    business_date: dt.date | None
    centre_code: str
    status: str  # closed | open | empty | total
    # By column key; None: the day's tally predates the metric (a total: no day had it).
    values: dict[str, int | None] = field(default_factory=dict)

    def value(self, key: str) -> int | None:
        return self.values.get(key)

    def plus(self, other: DayLine) -> DayLine:
        """The sum of two lines; a figure missing from one is the other's."""
        keys = dict.fromkeys([*self.values, *other.values])
        values = {k: _add(self.values.get(k), other.values.get(k)) for k in keys}
        return DayLine(None, self.centre_code, "total", values)


def _add(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else a + b


@dataclass(frozen=True)
class StockLine:
    code: str
    name: str
    stock: int
    low_stock: int
    days_of_cover: int | None
    low: bool


@dataclass(frozen=True)
class SupplyLine:
    code: str
    name: str
    by_centre: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_centre.values())


# The cash box of a closed day, in the report's own table (tally version 2 on).
CASH_KEYS = (
    "cash.float_ore",
    "cash.pay_in_ore",
    "cash.pay_out_ore",
    "cash.expected_ore",
    "cash.counted_ore",
    "cash.diff_ore",
)


@dataclass(frozen=True)
class CashLine:
    """A closed day's cash-up; a figure is None when the day's Z-report predates it."""

    business_date: dt.date
    centre_code: str
    values: dict[str, int | None]


@dataclass(frozen=True)
class Report:
    date_from: dt.date
    date_to: dt.date
    centres: tuple[CentreInfo, ...]
    days: tuple[DayLine, ...]
    totals: dict[str, DayLine]  # per centre code
    total: DayLine
    supplies: tuple[SupplyLine, ...]
    hours: tuple[int, ...]  # visits per local hour 00–23, all centres
    stock: dict[str, tuple[StockLine, ...]] = field(default_factory=dict)
    open_days: int = 0  # centre-days open: today, or earlier with activity, not closed
    active_days: int = 0  # dates on which some centre was open or closed (not empty)
    # Overdose response and the right help: metric key -> centre code -> total over the
    # period (None: every day's tally predates the metric).
    help_totals: dict[str, dict[str, int | None]] = field(default_factory=dict)
    cash: tuple[CashLine, ...] = ()  # closed days' cash-ups

    @property
    def day_count(self) -> int:
        return (self.date_to - self.date_from).days + 1


def default_period(
    centres: list[CentreInfo], date_from: dt.date | None, date_to: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The period asked for: ``--to`` defaults to today, ``--from`` to six days before ``--to``."""
    if date_to is None:
        date_to = business_days.today(centres[0].id)
    if date_from is None:
        # Never before 0001-01-01: --to 0001-01-01 is a one-day period, not an overflow.
        date_from = dt.date.fromordinal(max(1, date_to.toordinal() - (DEFAULT_DAYS - 1)))
    check_period(date_from, date_to)
    return date_from, date_to


def build_report(centres: list[CentreInfo], date_from: dt.date, date_to: dt.date) -> Report:
    """Everything the report shows for the centres and period (open days included)."""
    check_period(date_from, date_to)
    items = (
        SupplyItem.select(SupplyItem.centre, SupplyItem.code, SupplyItem.name_en)
        .where(SupplyItem.centre.in_([c.id for c in centres]))
        .order_by(SupplyItem.sort_order, SupplyItem.centre, SupplyItem.id)
    )
    names: dict[str, str] = {}
    for item in items:
        names.setdefault(item.code, item.name_en)
    syringes = {c.code: syringe_codes(c.id) for c in centres}

    report_columns = columns()
    lines: list[DayLine] = []
    totals = {c.code: DayLine(None, c.code, "total") for c in centres}
    handed: dict[str, dict[str, int]] = {}
    hours = [0] * 24
    help_keys = [m.key for m in help_metrics()]
    help_totals: dict[str, dict[str, int | None]] = {
        k: {c.code: None for c in centres} for k in help_keys
    }
    open_days = 0
    active: set[dt.date] = set()
    cash: list[CashLine] = []
    for row in day_rows(centres, date_from, date_to, include_open=True):
        m = row.metrics
        if row.status == "closed":
            values = {key: row.value(key) for key in CASH_KEYS}
            cash.append(CashLine(row.business_date, row.centre_code, values))
        supplies = {
            k[len("supplies.") :]: int(v) for k, v in m.items() if k.startswith("supplies.")
        }
        codes = syringes[row.centre_code]
        values = {c.key: day_figure(row, c.key, codes) for c in report_columns}
        line = DayLine(row.business_date, row.centre_code, row.status, values)
        lines.append(line)
        totals[row.centre_code] = totals[row.centre_code].plus(line)
        for code, quantity in supplies.items():
            per_centre = handed.setdefault(code, {})
            per_centre[row.centre_code] = per_centre.get(row.centre_code, 0) + quantity
        for hour in range(24):
            hours[hour] += row.value(tally.hour_key(hour)) or 0
        for key in help_keys:
            by_centre = help_totals[key]
            by_centre[row.centre_code] = _add(by_centre[row.centre_code], row.value(key))
        open_days += row.status == "open"
        if row.status != "empty":
            active.add(row.business_date)

    total = DayLine(None, "all", "total")
    for line in totals.values():
        total = total.plus(line)
    order = list(names) + sorted(set(handed) - set(names))
    supplies_out = tuple(
        SupplyLine(code, names.get(code, code), handed[code]) for code in order if code in handed
    )
    return Report(
        date_from=date_from,
        date_to=date_to,
        centres=tuple(centres),
        days=tuple(lines),
        totals=totals,
        total=total,
        supplies=supplies_out,
        hours=tuple(hours),
        stock=_stock(centres),
        open_days=open_days,
        active_days=len(active),
        help_totals=help_totals,
        cash=tuple(cash),
    )


def _stock(centres: list[CentreInfo]) -> dict[str, tuple[StockLine, ...]]:
    """Stock on hand per centre from the supplies catalogue (the stock view); none on a city
    database, which holds the desks' catalogues but not their deliveries and hand-outs."""
    from frontdesk.services import city, supplies

    if city.is_city():
        return {}

    catalogue = getattr(supplies, "catalogue", None)
    if catalogue is None:  # an older supplies module without the stock view
        return {}
    return {
        c.code: tuple(
            StockLine(i.code, i.name_en, i.stock, i.low_stock, i.days_of_cover, i.low)
            for i in catalogue(c.id)
        )
        for c in centres
    }
