"""Counting you can trust (issue 13): supply lots with expiry dates, what each hand-out
took from which lot, stock-takes with their per-lot changes, cash movements (opening
float, pay-ins, pay-outs), and on a Z-report the second lead who approved a cash
difference beyond the limit, the reason, and the count by denomination.

Stock delivered before this migration has no lot: it is each item's "no lot" stock."""

from peewee import (
    AutoField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    class Centre(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "centre"

    class Staff(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "staff"

    class SupplyItem(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "supply_item"

    class HandOut(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "hand_out"

    class SupplyLot(Model):
        id = AutoField()
        centre = ForeignKeyField(Centre)
        item = ForeignKeyField(SupplyItem)
        lot = CharField(max_length=40)
        expires_on = DateField(null=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "supply_lot"
            indexes = ((("centre", "item", "lot"), False),)

    class LotDraw(Model):
        hand_out = ForeignKeyField(HandOut, null=True, on_delete="SET NULL")
        lot = ForeignKeyField(SupplyLot)
        quantity = IntegerField()

        class Meta:
            database = db
            table_name = "lot_draw"

    class StockCount(Model):
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, null=True, backref="+")
        void_reason = CharField(max_length=200, null=True)
        business_date = DateField()
        centre = ForeignKeyField(Centre)
        item = ForeignKeyField(SupplyItem)
        lot = ForeignKeyField(SupplyLot, null=True)
        counted = IntegerField()
        on_record = IntegerField()
        reason = CharField(max_length=20)
        at = DateTimeField()
        staff = ForeignKeyField(Staff, null=True, backref="+")

        class Meta:
            database = db
            table_name = "stock_count"
            indexes = ((("centre", "business_date"), False), (("centre", "item"), False))

    class StockCountLine(Model):
        count = ForeignKeyField(StockCount, on_delete="CASCADE")
        lot = ForeignKeyField(SupplyLot, null=True)
        quantity = IntegerField()

        class Meta:
            database = db
            table_name = "stock_count_line"

    class CashMovement(Model):
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, null=True, backref="+")
        void_reason = CharField(max_length=200, null=True)
        business_date = DateField()
        centre = ForeignKeyField(Centre)
        kind = CharField(max_length=8)
        amount_ore = IntegerField()
        reason = CharField(max_length=20, default="")
        at = DateTimeField()
        staff = ForeignKeyField(Staff, null=True, backref="+")

        class Meta:
            database = db
            table_name = "cash_movement"
            indexes = ((("centre", "business_date"), False),)

    db.create_tables([SupplyLot, LotDraw, StockCount, StockCountLine, CashMovement])
    migrator.migrate(
        migrator.add_column(
            "supply_delivery", "lot_id", ForeignKeyField(SupplyLot, null=True, field=SupplyLot.id)
        ),
        migrator.add_column(
            "day_close",
            "diff_approved_by_id",
            ForeignKeyField(Staff, null=True, field=Staff.id),
        ),
        migrator.add_column("day_close", "diff_reason", CharField(max_length=200, null=True)),
        migrator.add_column("day_close", "counted_detail", TextField(null=True)),
    )
