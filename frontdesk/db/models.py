"""peewee models: how frontdesk's records are stored.

Conventions (the export contract built on them: docs/export-format.md):
- money is integer øre (`*_ore`), never floats;
- datetimes are naive UTC (`*_at`), the caller converts;
- every dated record stores its `business_date` (local date after the
  day-rollover hour), so a day's tally runs on an index, not a scan;
- a record that can be voided carries `voided_at`, `voided_by`, `void_reason`
  and is never deleted at the desk.

This module knows nothing of frontdesk's rules; `frontdesk.services` does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from peewee import (
    SQL,
    AutoField,
    BigIntegerField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SmallIntegerField,
    TextField,
)

database = DatabaseProxy()


def utcnow_naive() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Centre(BaseModel):
    id = AutoField()
    code = CharField(max_length=12, unique=True)
    name = CharField(max_length=100)
    created_at = DateTimeField(default=utcnow_naive)


class Setting(BaseModel):
    """Per-centre settings as text; frontdesk.config knows their types."""

    id = AutoField()
    centre = ForeignKeyField(Centre, on_delete="CASCADE")
    key = CharField(max_length=40)
    value = TextField()

    class Meta:
        indexes = ((("centre", "key"), True),)


class Staff(BaseModel):
    id = AutoField()
    centre = ForeignKeyField(Centre)
    initials = CharField(max_length=4)
    role = CharField(max_length=8)  # desk | lead
    pin_hash = CharField(max_length=255)
    active = BooleanField(default=True)
    failed_pins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow_naive)

    class Meta:
        indexes = ((("centre", "initials"), True),)


class Visitor(BaseModel):
    """A pseudonym, never a name."""

    id = AutoField()
    centre = ForeignKeyField(Centre)
    code = CharField(max_length=12)  # stored upper-case
    gender = CharField(max_length=1, default="u")  # f | m | x | u
    birth_year = SmallIntegerField(null=True)
    dagsverket = BooleanField(default=False)
    vendor_number = IntegerField(null=True)
    created_at = DateTimeField(default=utcnow_naive)

    class Meta:
        indexes = (
            (("centre", "code"), True),
            (("centre", "vendor_number"), True),
        )


class Voidable(BaseModel):
    voided_at = DateTimeField(null=True)
    voided_by = ForeignKeyField(Staff, null=True, backref="+")
    void_reason = CharField(max_length=200, null=True)


class Dated(Voidable):
    """A record of something done at the desk on a business day: a row in any of these
    tables makes that day one with activity (a day worth closing, counted, exported).

    ``personal``: the row is about one person (a visit, a hand-out, a sale to a
    vendor, …), so purging a closed day removes it; deliveries are not (False).
    """

    id: int  # every dated model declares its AutoField
    business_date = DateField()
    personal: ClassVar[bool] = True


class Visit(Dated):
    id = AutoField()
    centre = ForeignKeyField(Centre)
    visitor = ForeignKeyField(Visitor, null=True)
    gender = CharField(max_length=1, default="u")  # f | m | x | u
    at = DateTimeField()
    local_hour = SmallIntegerField()  # 0–23, for the visits-by-hour chart
    staff = ForeignKeyField(Staff, null=True, backref="+")
    # An anonymous visitor said it is their first time here (a code's first visit is found).
    first_time = BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")])

    class Meta:
        indexes = ((("centre", "business_date"), False),)


class LunchEntry(Dated):
    """One line of a day's lunch roster: a person, or a count of portions."""

    id = AutoField()
    centre = ForeignKeyField(Centre)
    group = CharField(
        max_length=12, column_name="lunch_group"
    )  # visitor | dagsverket | staff | guest
    visitor = ForeignKeyField(Visitor, null=True)
    staff_member = ForeignKeyField(Staff, null=True, backref="+")
    portions = IntegerField(default=1)
    source = CharField(max_length=12, default="desk")  # desk | dagsverket
    served_at = DateTimeField(null=True)
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("centre", "business_date"), False),)


class DagsverketAttendance(Dated):
    """A participant's attendance on a day: one row that is not voided per participant and
    day (a voided one stays beside it)."""

    id = AutoField()
    centre = ForeignKeyField(Centre)
    visitor = ForeignKeyField(Visitor, null=True)  # None once the participant was erased
    present = BooleanField(default=True)
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("centre", "business_date", "visitor"), False),)


class MegafonIssue(BaseModel):
    id = AutoField()
    centre = ForeignKeyField(Centre)
    number = CharField(max_length=20)
    title = CharField(max_length=100)
    price_ore = IntegerField()
    current = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow_naive)

    class Meta:
        indexes = ((("centre", "number"), True),)


class MegafonDelivery(Dated):
    personal = False  # stock bookkeeping, kept by purge
    id = AutoField()
    centre = ForeignKeyField(Centre)
    issue = ForeignKeyField(MegafonIssue)
    copies = IntegerField()
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("centre", "business_date"), False),)


class MegafonSale(Dated):
    id = AutoField()
    centre = ForeignKeyField(Centre)
    issue = ForeignKeyField(MegafonIssue)
    vendor = ForeignKeyField(Visitor, null=True)  # None once the vendor was erased
    vendor_id: int | None  # peewee's accessor for the column (no query for the visitor)
    copies = IntegerField()
    unit_price_ore = IntegerField()
    payment = CharField(max_length=8)  # cash | card | vipps
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("centre", "business_date"), False),)


class SupplyItem(BaseModel):
    id = AutoField()
    centre = ForeignKeyField(Centre)
    code = CharField(max_length=12)
    name_nb = CharField(max_length=80)
    name_en = CharField(max_length=80)
    unit = CharField(max_length=20, default="stk")
    kind = CharField(max_length=12, default="other")  # syringe | naloxone | sharps_bin | other
    low_stock = IntegerField(default=0)
    bin_litres = IntegerField(null=True)  # sharps bins: size, for estimated returns
    active = BooleanField(default=True)
    sort_order = IntegerField(default=0)
    doses_per_unit = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])  # naloxone kit: 2

    class Meta:
        indexes = ((("centre", "code"), True),)


class SupplyLot(BaseModel):
    """A lot (batch) of an item with its expiry date; a delivery names at most one.

    Stock delivered without a lot or expiry is the item's "no lot" remainder, which
    has no row: it is the item's stock minus what its lots hold.
    """

    id = AutoField()
    centre = ForeignKeyField(Centre)
    item = ForeignKeyField(SupplyItem)
    lot = CharField(max_length=40)  # "" for a delivery with an expiry date only
    expires_on = DateField(null=True)
    created_at = DateTimeField(default=utcnow_naive)

    class Meta:
        indexes = ((("centre", "item", "lot"), False),)


class SupplyDelivery(Dated):
    personal = False  # stock bookkeeping, kept by purge
    id = AutoField()
    centre = ForeignKeyField(Centre)
    item = ForeignKeyField(SupplyItem)
    quantity = IntegerField()
    lot = ForeignKeyField(SupplyLot, null=True)  # None: the item's "no lot" stock
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")
    # Written by purge: minus the purged day's hand-outs, still that day's usage.
    purged_usage = BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")])

    class Meta:
        indexes = ((("centre", "business_date"), False),)


class HandOut(Dated):
    id = AutoField()
    centre = ForeignKeyField(Centre)
    visit = ForeignKeyField(Visit, null=True)
    visitor = ForeignKeyField(Visitor, null=True)
    for_others = BooleanField(default=False)
    naloxone_recipient = CharField(max_length=10, null=True)  # user | relative | other
    naloxone_trained = BooleanField(null=True)
    # Why a new kit (vocab.NALOXONE_REASONS); after a reported use, the outcome and EMS call.
    naloxone_reason = CharField(max_length=12, null=True)
    naloxone_outcome = CharField(max_length=8, null=True)  # alive | died | unknown
    naloxone_ems = CharField(max_length=8, null=True)  # yes | no | unknown
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("centre", "business_date"), False),)


class HandOutLine(BaseModel):
    id = AutoField()
    hand_out = ForeignKeyField(HandOut, backref="lines", on_delete="CASCADE")
    item = ForeignKeyField(SupplyItem)
    quantity = IntegerField()


class LotDraw(BaseModel):
    """What one hand-out took from one lot (earliest expiry first). It outlives a purged
    hand-out (``hand_out`` then empty), so a lot's stock stays right after a purge."""

    id = AutoField()
    hand_out = ForeignKeyField(HandOut, null=True, on_delete="SET NULL")
    lot = ForeignKeyField(SupplyLot)
    quantity = IntegerField()  # (both foreign keys are indexed, as peewee indexes every one)


class StockCount(Dated):
    """A stock-take: a lead counted an item (or one lot of it); the difference from the
    stock on record is an adjustment with a reason (its lines, per lot)."""

    personal = False  # stock bookkeeping, kept by purge
    id = AutoField()
    centre = ForeignKeyField(Centre)
    item = ForeignKeyField(SupplyItem)
    lot = ForeignKeyField(SupplyLot, null=True)  # None: the whole item was counted
    counted = IntegerField()
    on_record = IntegerField()  # the stock the system had when counted
    reason = CharField(max_length=20)  # vocab.STOCK_REASONS
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("centre", "business_date"), False), (("centre", "item"), False))


class StockCountLine(BaseModel):
    """The change a stock-take made to one lot (None: the "no lot" stock)."""

    id = AutoField()
    count = ForeignKeyField(StockCount, backref="lines", on_delete="CASCADE")
    lot = ForeignKeyField(SupplyLot, null=True)
    quantity = IntegerField()  # signed: counted minus on record


class CashMovement(Dated):
    """Money into or out of the cash box that is not a sale: the day's opening float,
    a pay-in (change from the office) or a pay-out (cash taken to the safe)."""

    personal = False  # cash bookkeeping, kept by purge
    id = AutoField()
    centre = ForeignKeyField(Centre)
    kind = CharField(max_length=8)  # vocab.CASH_MOVES: float | pay_in | pay_out
    amount_ore = IntegerField()
    reason = CharField(max_length=20, default="")  # vocab.CASH_REASONS ("" for a float)
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("centre", "business_date"), False),)


class SyringeReturn(Dated):
    id = AutoField()
    centre = ForeignKeyField(Centre)
    visit = ForeignKeyField(Visit, null=True)
    method = CharField(max_length=10)  # counted | estimated
    count = IntegerField()
    bin_litres = IntegerField(null=True)  # for estimated returns
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("centre", "business_date"), False),)


class TrainingSession(Dated):
    """A CPR or naloxone session for visitors held at the centre: how many people, no names.

    From a visit it is one person trained ("trained in CPR today")."""

    id = AutoField()
    centre = ForeignKeyField(Centre)
    kind = CharField(max_length=12)  # vocab.TRAINING_KINDS
    people = IntegerField()
    visit = ForeignKeyField(Visit, null=True)
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("centre", "business_date"), False),)


class Referral(Dated):
    """A referral to the right help (LAR, detox, the health room, …), from a visit or anonymous."""

    id = AutoField()
    centre = ForeignKeyField(Centre)
    kind = CharField(max_length=12)  # vocab.REFERRAL_KINDS
    visit = ForeignKeyField(Visit, null=True)
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("centre", "business_date"), False),)


class StaffDrill(Voidable):
    """A staff member's CPR drill or naloxone course on a date. Not a desk day's activity."""

    id = AutoField()
    centre = ForeignKeyField(Centre)
    staff_member = ForeignKeyField(Staff, backref="+")
    kind = CharField(max_length=12)  # vocab.DRILL_KINDS
    drill_date = DateField()
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, backref="+")  # who recorded it (None: cli)

    class Meta:
        indexes = ((("centre", "staff_member", "kind", "drill_date"), False),)


class DayClose(BaseModel):
    """One version of a Z-report. Reopening marks it; closing again adds a version."""

    id = AutoField()
    centre = ForeignKeyField(Centre)
    business_date = DateField()
    z_no = IntegerField()
    version = IntegerField(default=1)
    tally = TextField()  # JSON: the day's metrics (øre for money)
    expected_cash_ore = IntegerField()
    counted_cash_ore = IntegerField()
    diff_ore = IntegerField()
    revenue_ore = BigIntegerField()  # Megafon revenue of the day, for the grand total
    grand_total_ore = BigIntegerField()  # accumulated since the centre started
    sales_by_staff = TextField()  # JSON
    closed_at = DateTimeField()
    closed_by = ForeignKeyField(Staff, null=True, backref="+")
    reopened_at = DateTimeField(null=True)
    reopened_by = ForeignKeyField(Staff, null=True, backref="+")
    reopen_reason = CharField(max_length=200, null=True)
    purged_at = DateTimeField(null=True)  # the day's individual rows were purged
    # A cash difference beyond the limit: the second lead who approved it, and why.
    diff_approved_by = ForeignKeyField(Staff, null=True, backref="+")
    diff_reason = CharField(max_length=200, null=True)
    counted_detail = TextField(null=True)  # JSON: the count by denomination, when given

    class Meta:
        indexes = (
            (("centre", "business_date", "version"), True),
            (("centre", "z_no", "version"), True),
            # Covers the grand total: SUM(revenue_ore) of the current versions before a day.
            (("centre", "reopened_at", "business_date", "revenue_ore"), False),
        )


class AuditEvent(BaseModel):
    """Append-only. Detail is small JSON with no personal data."""

    id = AutoField()
    at = DateTimeField(default=utcnow_naive)
    centre = ForeignKeyField(Centre, null=True)
    staff = ForeignKeyField(Staff, null=True, backref="+")
    actor = CharField(max_length=8)  # staff initials, or "cli"
    action = CharField(max_length=40)
    entity = CharField(max_length=40, null=True)
    entity_id = IntegerField(null=True)
    detail = TextField(default="{}")

    class Meta:
        indexes = ((("centre", "at"), False),)


class CityOutbox(BaseModel):
    """A Z-report version the desk owes the city: ``sent_at`` once the city has it.

    ``sent_reopened``: the city was told that this version was reopened (a version
    reopened after it was sent is queued again, so the city's copy is marked too).
    """

    id = AutoField()
    centre = ForeignKeyField(Centre)
    day_close = ForeignKeyField(DayClose, unique=True, on_delete="CASCADE", backref="+")
    queued_at = DateTimeField()
    sent_at = DateTimeField(null=True)
    sent_reopened = BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")])

    class Meta:
        indexes = ((("centre", "sent_at"), False),)


class CityLink(BaseModel):
    """A centre's link to the city: the last push that worked, and since when it fails."""

    id = AutoField()
    centre = ForeignKeyField(Centre, unique=True)
    last_sent_at = DateTimeField(null=True)
    failing_since = DateTimeField(null=True)  # the first failed push after the last success
    last_error = CharField(max_length=300, null=True)
    # The city answered and refused (a wrong login for the centre), rather than not answering.
    refused = BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")])


ALL_MODELS: list[type[Model]] = [
    Centre,
    Setting,
    Staff,
    Visitor,
    Visit,
    LunchEntry,
    DagsverketAttendance,
    MegafonIssue,
    MegafonDelivery,
    MegafonSale,
    SupplyItem,
    SupplyLot,
    SupplyDelivery,
    HandOut,
    HandOutLine,
    LotDraw,
    StockCount,
    StockCountLine,
    CashMovement,
    SyringeReturn,
    TrainingSession,
    Referral,
    StaffDrill,
    DayClose,
    AuditEvent,
    CityOutbox,
    CityLink,
]

# Every dated record type, in ALL_MODELS order (a new Dated model is in it by itself);
# typed Any, as peewee's fields are not typed.
DATED_MODELS: tuple[Any, ...] = tuple(
    m for m in ALL_MODELS if isinstance(m, type) and issubclass(m, Dated)
)
