"""A business day's tally: the one definition of what counts.

The X-report, the Z-report, the export and the report all call
``compute_day``; the desk's own counters (F1 visits, F3 takings, lunch totals)
call its counting functions. A record counts when it belongs to the centre and
business date and is not voided (``counted``); nothing else decides it.

``METRICS`` is the one table of what a day counts: the export's columns and
long names, the report's columns, ``frontdesk export --metrics`` and
docs/export-format.md all read it. Metric keys are dotted names
(``visits.total``, ``supplies.SPR2ML``, ``visits.hour.09``). Money is integer
øre under keys ending in ``_ore``; the export shows them as NOK under the same
name ending in ``_nok``. A stored Z-report keeps the tally version it was
counted by, so a metric added later is known to be missing from it, not zero.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import msgspec
from peewee import JOIN, Case, fn

from frontdesk.db.models import (
    CashMovement,
    DagsverketAttendance,
    HandOut,
    HandOutLine,
    LunchEntry,
    MegafonSale,
    Referral,
    Staff,
    SupplyItem,
    SyringeReturn,
    TrainingSession,
    Visit,
)
from frontdesk.services.settings import get_settings
from frontdesk.services.vocab import (
    GENDERS,
    LUNCH_GROUPS,
    NALOXONE_REASONS,
    NALOXONE_USES,
    PAYMENTS,
    REFERRAL_KINDS,
)

HOURS = tuple(f"{h:02d}" for h in range(24))


# -- the metric definitions ----------------------------------------------------------
#
# The one table of what a tally counts. The tally, the export (wide columns, long
# names, JSON), the report, `frontdesk export --metrics` and docs/export-format.md
# all read it. Adding a metric: one row here with ``since`` one above the newest,
# and the line in a counting function below that fills it in.


@dataclass(frozen=True)
class Metric:
    """One counted figure of a business day."""

    key: str  # the stored name; money ends in ``_ore``
    column: str | None  # the wide CSV column (None: long layout and JSON only)
    since: int  # the first tally version that counts it
    meaning: str
    close_only: bool = False  # only a closed day has it (from its cash count)
    heading: str | None = None  # its column in `frontdesk report` (None: not in the report)
    additive: bool = True  # False: a sum over days means nothing (e.g. different visitors)

    @property
    def long_name(self) -> str:
        """The name in the long layout and in JSON (money in NOK)."""
        return export_name(self.key)

    @property
    def unit(self) -> str:
        return "NOK" if is_money(self.key) else "count"


# The words of the metric table (docs/export-format.md) for the overdose-response lists.
_REASON_MEANING = {
    "first_kit": "a first kit",
    "used_other": "the last kit was used on someone else",
    "used_self": "the last kit was used on the person",
    "lost": "the last kit was lost",
    "taken": "the last kit was taken (police, theft)",
    "expired": "the last kit expired",
    "other": "another reason",
}
_REFERRAL_MEANING = {
    "lar": "LAR (Avdeling for rusmedisin)",
    "detox": "detox (avrusning, Akuttposten)",
    "health_room": "the centre's health room (nurse: wound care, injection advice)",
    "legevakt": "legevakt (the emergency clinic)",
    "nav": "NAV",
    "housing": "housing",
    "other": "other help",
}

METRICS: tuple[Metric, ...] = (
    Metric("visits.total", "visits", 1, "Check-ins.", heading="Visits"),
    Metric(
        "visits.unique",
        "visitors_unique",
        1,
        "Different visitor codes checked in.",
        heading="Unique",
        additive=False,
    ),
    Metric("visits.anonymous", "visits_anonymous", 1, "Check-ins without a visitor code."),
    Metric("visits.f", "visits_f", 1, "Check-ins with gender f (woman)."),
    Metric("visits.m", "visits_m", 1, "Check-ins with gender m (man)."),
    Metric("visits.x", "visits_x", 1, "Check-ins with gender x (other)."),
    Metric("visits.u", "visits_u", 1, "Check-ins with gender unknown or not given."),
    Metric(
        "lunch.total",
        "lunch_total",
        1,
        "Lunch portions on the roster, all groups.",
        heading="Lunch",
    ),
    Metric("lunch.visitor", "lunch_visitor", 1, "Lunch portions for visitors."),
    Metric("lunch.dagsverket", "lunch_dagsverket", 1, "Lunch portions for Dagsverket."),
    Metric("lunch.staff", "lunch_staff", 1, "Lunch portions for staff."),
    Metric("lunch.guest", "lunch_guest", 1, "Lunch portions for guests (and any unknown group)."),
    Metric("dagsverket.present", "dagsverket_present", 1, "Dagsverket participants present."),
    Metric("megafon.copies", "megafon_copies", 1, "Megafon copies sold.", heading="Megafon copies"),
    Metric("megafon.sales", "megafon_sales", 1, "Megafon sales (one per vendor purchase)."),
    Metric(
        "megafon.revenue_ore",
        "megafon_revenue_nok",
        1,
        "Megafon takings, all methods.",
        heading="Megafon NOK",
    ),
    Metric("megafon.cash_ore", "megafon_cash_nok", 1, "Megafon takings in cash."),
    Metric("megafon.card_ore", "megafon_card_nok", 1, "Megafon takings by card."),
    Metric("megafon.vipps_ore", "megafon_vipps_nok", 1, "Megafon takings by Vipps."),
    Metric(
        "cash.counted_ore",
        "cash_counted_nok",
        1,
        "Cash counted at the day close (closed days only).",
        close_only=True,
    ),
    Metric(
        "cash.diff_ore",
        "cash_diff_nok",
        1,
        "Counted minus expected cash (closed days only).",
        close_only=True,
    ),
    Metric(
        "naloxone.kits", "naloxone_kits", 1, "Naloxone kits handed out.", heading="Naloxone kits"
    ),
    Metric("naloxone.trained", "naloxone_trained", 1, "Naloxone hand-outs with training given."),
    Metric(
        "syringes.returned",
        "syringes_returned",
        1,
        "Used syringes returned.",
        heading="Syringes returned",
    ),
    # Version 2, overdose response and the right help (issue 12).
    Metric(
        "naloxone.doses",
        "naloxone_doses",
        2,
        "Naloxone doses handed out (kits x doses per kit; a nasal spray kit holds 2).",
    ),
    Metric(
        "naloxone.first_kit",
        "naloxone_first_kit",
        2,
        "Naloxone kits handed out as the person's first kit.",
    ),
    *(
        Metric(
            f"naloxone.reason.{reason}",
            f"naloxone_reason_{reason}",
            2,
            f"Naloxone hand-outs whose reason for a new kit is: {_REASON_MEANING[reason]}.",
        )
        for reason in NALOXONE_REASONS
    ),
    Metric(
        "naloxone.reported_uses",
        "naloxone_reported_uses",
        2,
        "Naloxone hand-outs after a reported use of the last kit (on someone else or themselves).",
    ),
    Metric(
        "naloxone.reported_alive",
        "naloxone_reported_alive",
        2,
        "Reported uses where the person lived: reported overdose reversals.",
        heading="Reversals",
    ),
    Metric(
        "naloxone.reported_died",
        "naloxone_reported_died",
        2,
        "Reported uses where the person died.",
    ),
    Metric(
        "naloxone.ems_called",
        "naloxone_ems_called",
        2,
        "Reported uses where emergency services were called.",
    ),
    Metric("cpr.trained", "cpr_trained", 2, "Visitors trained in CPR (sessions and visits)."),
    Metric(
        "naloxone.trained_sessions",
        "naloxone_trained_sessions",
        2,
        "Visitors trained in naloxone sessions (beside naloxone_trained from hand-outs).",
    ),
    *(
        Metric(
            f"referrals.{kind}", f"referrals_{kind}", 2, f"Referrals to {_REFERRAL_MEANING[kind]}."
        )
        for kind in REFERRAL_KINDS
    ),
    Metric(
        "visitors.new",
        "visitors_new",
        2,
        "New visitors: codes at their first visit here, and anonymous visits marked first time.",
    ),
    # Version 2, counting you can trust (issue 13): the cash box.
    Metric("cash.float_ore", "cash_float_nok", 2, "Opening float in the cash box."),
    Metric("cash.pay_in_ore", "cash_pay_in_nok", 2, "Cash paid into the box (not sales)."),
    Metric("cash.pay_out_ore", "cash_pay_out_nok", 2, "Cash paid out of the box (not sales)."),
    Metric(
        "cash.expected_ore",
        "cash_expected_nok",
        2,
        "Expected cash: float + Megafon cash sales + pay-ins - pay-outs.",
    ),
)

# Families of metrics, one per hour or per catalogue item; documented as one row each.
HOUR_FAMILY = Metric("visits.hour.HH", None, 1, "Check-ins in local hour HH (00-23).")
SUPPLY_FAMILY = Metric(
    "supplies.CODE", "supply_CODE", 1, "Units of catalogue item CODE handed out."
)
FAMILIES: tuple[Metric, ...] = (HOUR_FAMILY, SUPPLY_FAMILY)

# The wide export's columns before the metrics; not metrics themselves.
ROW_COLUMNS = ("date", "centre", "status", "z_no")


def current_version() -> int:
    """The tally version this code writes: the newest ``since`` in the table."""
    return max(m.since for m in (*METRICS, *FAMILIES))


def metric(key: str) -> Metric | None:
    """The definition of a fixed metric, of a family member, or None for an unknown key."""
    found = _index().get(key)
    if found is not None:
        return found
    if key.startswith("visits.hour."):
        return HOUR_FAMILY
    if key.startswith("supplies."):
        return SUPPLY_FAMILY
    return None


def knew(version: int, key: str) -> bool:
    """Whether a tally of this version counted the metric (unknown keys: yes, as stored)."""
    found = metric(key)
    return found is None or found.since <= version


def is_close_only(key: str) -> bool:
    found = _index().get(key)
    return found is not None and found.close_only


_INDEX: tuple[tuple[Metric, ...], dict[str, Metric]] = ((), {})


def _index() -> dict[str, Metric]:
    """METRICS by key, rebuilt only when the table is another tuple (as in a test)."""
    global _INDEX
    if _INDEX[0] is not METRICS:
        _INDEX = (METRICS, {m.key: m for m in METRICS})
    return _INDEX[1]


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
    version: int = field(default_factory=current_version)

    @classmethod
    def from_stored(
        cls,
        centre_id: int,
        business_date: dt.date,
        stored_json: str,
        sales_by_staff: tuple[StaffSales, ...] = (),
    ) -> DayTally:
        """A stored Z-report's tally, with the version it was counted by."""
        version, metrics = load_stored(stored_json)
        return cls(centre_id, business_date, metrics, tuple(sales_by_staff), version)

    def get(self, key: str) -> int:
        return self.metrics.get(key, 0)

    def knew(self, key: str) -> bool:
        """Whether this tally counted the metric (a stored one may predate it)."""
        return knew(self.version, key)

    @property
    def hours(self) -> list[int]:
        return [self.get(hour_key(h)) for h in range(24)]

    @property
    def supplies(self) -> dict[str, int]:
        prefix = "supplies."
        return {k[len(prefix) :]: v for k, v in self.metrics.items() if k.startswith(prefix)}

    def handed_out(self, catalogue: list[tuple[str, str]]) -> list[tuple[str, int]]:
        """The day's hand-outs per item as (code, count), naloxone left out (it has its own
        kits line), in the order of ``catalogue`` [(code, kind)], items no longer in it last.

        The one rule for the supplies box of the Day tab and the day's paper.
        """
        kinds = dict(catalogue)
        counts = self.supplies
        order = [c for c, _kind in catalogue if c in counts]
        order += sorted(c for c in counts if c not in kinds)
        return [(c, counts[c]) for c in order if counts[c] and kinds.get(c) != "naloxone"]

    @property
    def expected_cash_ore(self) -> int:
        """Float + cash sales + pay-ins − pay-outs (a tally before version 2: cash sales)."""
        if "cash.expected_ore" in self.metrics:
            return self.get("cash.expected_ore")
        return self.get("megafon.cash_ore")

    def metrics_json(self) -> str:
        """The tally as a Z-report stores it: ``{"version": N, "metrics": {...}}``."""
        return json.dumps({"version": self.version, "metrics": self.metrics}, sort_keys=True)


# Stored tallies are decoded with msgspec: a city export reads 182,600 of them, and the
# standard library's json.loads was more than half of its time (same values, 2-3 times faster).
_decode_stored = msgspec.json.Decoder().decode


def load_stored(stored_json: str | bytes) -> tuple[int, dict[str, int]]:
    """(version, metrics) of a stored tally; one stored before versions is version 1."""
    value = _decode_stored(stored_json)
    metrics = value.get("metrics")
    if isinstance(metrics, dict) and "version" in value:
        return int(value["version"]), metrics
    return 1, value


def empty_metrics(supply_codes: list[str]) -> dict[str, int]:
    metrics = {m.key: 0 for m in METRICS if not m.close_only}
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

    Thirteen small aggregate queries, each on a (centre, business_date) index, so a
    day costs about the same on an empty history as on years of rows.
    """
    metrics = empty_metrics([])
    _supplies(centre_id, business_date, metrics)
    count_visits(centre_id, business_date, metrics)
    count_lunch(centre_id, business_date, metrics)
    _dagsverket(centre_id, business_date, metrics)
    _, sales_by_staff = count_megafon(centre_id, business_date, metrics)
    _returns(centre_id, business_date, metrics)
    _help(centre_id, business_date, metrics)
    count_cash(centre_id, business_date, metrics)
    return DayTally(centre_id, business_date, metrics, tuple(sales_by_staff))


# -- what counts ------------------------------------------------------------------
#
# The desk's own counters (the F1 visit count, the F3 takings, the lunch totals)
# use these too, so the screen and the Z-report never disagree.


def on_day(model: Any, centre_id: int, day: dt.date) -> Any:
    """The rows of one centre's business day (voided ones included)."""
    return (model.centre == centre_id) & (model.business_date == day)


def counts(model: Any) -> Any:
    """A row counts when it is not voided."""
    return model.voided_at.is_null()


def counted(model: Any, centre_id: int, day: dt.date) -> Any:
    """The rows of the day that count."""
    return on_day(model, centre_id, day) & counts(model)


def anonymous_visit() -> Any:
    """A visit is anonymous when it has no visitor code."""
    return Visit.visitor.is_null()


def gender_of(gender: str | None) -> str:
    """The gender a visit counts under: an unknown value counts as ``u``."""
    return gender if gender in GENDERS else "u"


def lunch_group_of(group: str | None) -> str:
    """The roster group a lunch entry counts under.

    An unknown group still feeds the kitchen: it counts as a guest.
    """
    return group if group in LUNCH_GROUPS else "guest"


def _zeros(prefix: str) -> dict[str, int]:
    return {k: v for k, v in empty_metrics([]).items() if k.startswith(prefix)}


def count_visits(centre_id: int, day: dt.date, m: dict[str, int] | None = None) -> dict[str, int]:
    """The day's ``visits.*`` metrics (into ``m`` when given); returns them."""
    m = _zeros("visits.") if m is None else m
    where = counted(Visit, centre_id, day)
    anonymous = fn.SUM(Case(None, [(anonymous_visit(), 1)], 0))
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
        m[f"visits.{gender_of(gender)}"] += count
        m[hour_key(int(hour) % 24)] += count
    unique = Visit.select(fn.COUNT(Visit.visitor.distinct())).where(where).scalar()
    m["visits.unique"] = int(unique or 0)
    return m


def count_lunch(centre_id: int, day: dt.date, m: dict[str, int] | None = None) -> dict[str, int]:
    """The day's ``lunch.*`` portions (into ``m`` when given); returns them."""
    m = _zeros("lunch.") if m is None else m
    rows: Any = (
        LunchEntry.select(LunchEntry.group, fn.SUM(LunchEntry.portions))
        .where(counted(LunchEntry, centre_id, day))
        .group_by(LunchEntry.group)
        .tuples()
    )
    for group, portions in rows:
        portions = int(portions or 0)
        m[f"lunch.{lunch_group_of(group)}"] += portions
        m["lunch.total"] += portions
    return m


def count_megafon(
    centre_id: int, day: dt.date, m: dict[str, int] | None = None
) -> tuple[dict[str, int], list[StaffSales]]:
    """The day's ``megafon.*`` metrics (into ``m`` when given) and the sales by staff and method.

    A sale with an unknown payment method counts in the revenue, under no method.
    """
    m = _zeros("megafon.") if m is None else m
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
        .where(counted(MegafonSale, centre_id, day))
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
    return m, by_staff


def _dagsverket(centre_id: int, day: dt.date, m: dict[str, int]) -> None:
    m["dagsverket.present"] = (
        DagsverketAttendance.select()
        .where(
            counted(DagsverketAttendance, centre_id, day) & (DagsverketAttendance.present == True)  # noqa: E712 (peewee expression)
        )
        .count()
    )


def _supplies(centre_id: int, day: dt.date, m: dict[str, int]) -> None:
    """Every catalogue item (zeros included) with the day's quantities, and naloxone."""
    where = counted(HandOut, centre_id, day)
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
        .where(counted(SyringeReturn, centre_id, day))
        .scalar()
    )
    m["syringes.returned"] = int(total or 0)


def _help(centre_id: int, day: dt.date, m: dict[str, int]) -> None:
    """The day's overdose-response and right-help metrics: naloxone doses, reasons and
    reported outcomes, people trained, referrals and new visitors (issue 12).

    A voided hand-out, session, referral or visit counts nowhere, its reason and
    outcome included.
    """
    handed = counted(HandOut, centre_id, day)
    naloxone = SupplyItem.kind == "naloxone"
    first_kit = Case(
        None, [(HandOut.naloxone_reason == NALOXONE_REASONS[0], HandOutLine.quantity)], 0
    )
    kits: Any = (
        HandOutLine.select(
            fn.SUM(HandOutLine.quantity * SupplyItem.doses_per_unit), fn.SUM(first_kit)
        )
        .join(SupplyItem)
        .switch(HandOutLine)
        .join(HandOut)
        .where(handed & naloxone)
        .tuples()
    )
    for doses, first in kits:
        m["naloxone.doses"] = int(doses or 0)
        m["naloxone.first_kit"] = int(first or 0)
    reasons: Any = (
        HandOut.select(
            HandOut.naloxone_reason,
            HandOut.naloxone_outcome,
            HandOut.naloxone_ems,
            fn.COUNT(HandOut.id),
        )
        .where(handed & HandOut.naloxone_reason.is_null(False))
        .group_by(HandOut.naloxone_reason, HandOut.naloxone_outcome, HandOut.naloxone_ems)
        .tuples()
    )
    for reason, outcome, ems, count in reasons:
        count = int(count)
        if reason in NALOXONE_REASONS:
            m[f"naloxone.reason.{reason}"] += count
        if reason in NALOXONE_USES:
            m["naloxone.reported_uses"] += count
            if outcome == "alive":
                m["naloxone.reported_alive"] += count
            elif outcome == "died":
                m["naloxone.reported_died"] += count
            if ems == "yes":
                m["naloxone.ems_called"] += count
    trained: Any = (
        TrainingSession.select(TrainingSession.kind, fn.SUM(TrainingSession.people))
        .where(counted(TrainingSession, centre_id, day))
        .group_by(TrainingSession.kind)
        .tuples()
    )
    for kind, people in trained:
        if kind == "cpr":
            m["cpr.trained"] += int(people or 0)
        elif kind == "naloxone":
            m["naloxone.trained_sessions"] += int(people or 0)
    referred: Any = (
        Referral.select(Referral.kind, fn.COUNT(Referral.id))
        .where(counted(Referral, centre_id, day))
        .group_by(Referral.kind)
        .tuples()
    )
    for kind, count in referred:
        m[f"referrals.{kind if kind in REFERRAL_KINDS else 'other'}"] += int(count)
    m["visitors.new"] = count_new_visitors(centre_id, day)


def count_new_visitors(centre_id: int, day: dt.date) -> int:
    """Anonymous visits marked first time, plus visitor codes whose first counted visit at
    the centre is on the day (a voided earlier visit does not make a code known). One query
    on the day's index and, per code, the visitor's index."""
    earlier = Visit.alias()
    before = earlier.select(earlier.id).where(
        (earlier.visitor == Visit.visitor)
        & (earlier.centre == centre_id)
        & (earlier.business_date < day)
        & earlier.voided_at.is_null()
    )
    marked = fn.SUM(Case(None, [(anonymous_visit() & (Visit.first_time == True), 1)], 0))  # noqa: E712
    first = fn.COUNT(Case(None, [(~fn.EXISTS(before), Visit.visitor)], None).distinct())
    row = Visit.select(marked, first).where(counted(Visit, centre_id, day)).tuples().first()
    return int(row[0] or 0) + int(row[1] or 0) if row else 0


def count_cash(centre_id: int, day: dt.date, m: dict[str, int]) -> None:
    """The day's float, pay-ins and pay-outs, and the expected cash (after ``count_megafon``).

    The float is the day's latest float not voided, else the setting ``opening_float_ore``.
    """
    rows: Any = (
        CashMovement.select(CashMovement.kind, CashMovement.amount_ore)
        .where(counted(CashMovement, centre_id, day))
        .order_by(CashMovement.at, CashMovement.id)
        .tuples()
    )
    float_ore: int | None = None
    pay_in = pay_out = 0
    for kind, amount in rows:
        if kind == "float":
            float_ore = int(amount)
        elif kind == "pay_in":
            pay_in += int(amount)
        elif kind == "pay_out":
            pay_out += int(amount)
    if float_ore is None:
        float_ore = get_settings(centre_id).opening_float_ore
    m["cash.float_ore"] = float_ore
    m["cash.pay_in_ore"] = pay_in
    m["cash.pay_out_ore"] = pay_out
    m["cash.expected_ore"] = float_ore + m["megafon.cash_ore"] + pay_in - pay_out


def compute_cash(centre_id: int, day: dt.date) -> dict[str, int]:
    """The day's ``cash.*`` metrics now (the cash box's expected content)."""
    m, _ = count_megafon(centre_id, day)
    count_cash(centre_id, day, m)
    return {k: v for k, v in m.items() if k.startswith("cash.")}
