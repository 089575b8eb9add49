"""Initial schema: every record the desk keeps."""
# Generated from the models with playhouse.schema_diff, then frozen: defaults such
# as created_at are set by the models in Python, not by the schema.
from peewee import *
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    class Centre(Model):
        code = CharField(unique=True, max_length=12)
        name = CharField(max_length=100)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'centre'
    db.create_tables([Centre])

    class Staff(Model):
        id = AutoField()  # what peewee adds anyway, named so that Staff.id below is typed
        centre = ForeignKeyField(Centre)
        initials = CharField(max_length=4)
        role = CharField(max_length=8)
        pin_hash = CharField()
        active = BooleanField(default=True)
        failed_pins = IntegerField(default=0)
        locked_until = DateTimeField(null=True)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'staff'
            indexes = ((('centre', 'initials'), True),)
    db.create_tables([Staff])

    class AuditEvent(Model):
        at = DateTimeField()
        centre = ForeignKeyField(Centre, null=True)
        staff = ForeignKeyField(Staff, null=True)
        actor = CharField(max_length=8)
        action = CharField(max_length=40)
        entity = CharField(null=True, max_length=40)
        entity_id = IntegerField(null=True)
        detail = TextField(default='{}')
        class Meta:
            database = db
            table_name = 'audit_event'
            indexes = ((('centre', 'at'), False),)
    db.create_tables([AuditEvent])

    class Visitor(Model):
        centre = ForeignKeyField(Centre)
        code = CharField(max_length=12)
        gender = CharField(max_length=1, default='u')
        birth_year = SmallIntegerField(null=True)
        dagsverket = BooleanField(default=False)
        vendor_number = IntegerField(null=True)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'visitor'
            indexes = ((('centre', 'code'), True), (('centre', 'vendor_number'), True))
    db.create_tables([Visitor])

    class DagsverketAttendance(Model):
        centre = ForeignKeyField(Centre)
        business_date = DateField()
        visitor = ForeignKeyField(Visitor)
        present = BooleanField(default=True)
        at = DateTimeField()
        staff = ForeignKeyField(Staff, null=True)
        class Meta:
            database = db
            table_name = 'dagsverket_attendance'
            indexes = ((('centre', 'business_date', 'visitor'), True),)
    db.create_tables([DagsverketAttendance])

    class DayClose(Model):
        centre = ForeignKeyField(Centre)
        business_date = DateField()
        z_no = IntegerField()
        version = IntegerField(default=1)
        tally = TextField()
        expected_cash_ore = IntegerField()
        counted_cash_ore = IntegerField()
        diff_ore = IntegerField()
        revenue_ore = IntegerField()
        grand_total_ore = IntegerField()
        sales_by_staff = TextField()
        closed_at = DateTimeField()
        closed_by = ForeignKeyField(Staff, null=True)
        reopened_at = DateTimeField(null=True)
        reopened_by = ForeignKeyField(Staff, null=True)
        reopen_reason = CharField(null=True, max_length=200)
        class Meta:
            database = db
            table_name = 'day_close'
            indexes = ((('centre', 'business_date', 'version'), True), (('centre', 'z_no', 'version'), True))
    db.create_tables([DayClose])

    class Visit(Model):
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, field=Staff.id, null=True)
        void_reason = CharField(null=True, max_length=200)
        centre = ForeignKeyField(Centre)
        visitor = ForeignKeyField(Visitor, null=True)
        gender = CharField(max_length=1, default='u')
        at = DateTimeField()
        business_date = DateField()
        local_hour = SmallIntegerField()
        staff = ForeignKeyField(Staff, null=True)
        class Meta:
            database = db
            table_name = 'visit'
            indexes = ((('centre', 'business_date'), False),)
    db.create_tables([Visit])

    class HandOut(Model):
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, field=Staff.id, null=True)
        void_reason = CharField(null=True, max_length=200)
        centre = ForeignKeyField(Centre)
        visit = ForeignKeyField(Visit, null=True)
        visitor = ForeignKeyField(Visitor, null=True)
        for_others = BooleanField(default=False)
        naloxone_recipient = CharField(null=True, max_length=10)
        naloxone_trained = BooleanField(null=True)
        at = DateTimeField()
        business_date = DateField()
        staff = ForeignKeyField(Staff, null=True)
        class Meta:
            database = db
            table_name = 'hand_out'
            indexes = ((('centre', 'business_date'), False),)
    db.create_tables([HandOut])

    class SupplyItem(Model):
        centre = ForeignKeyField(Centre)
        code = CharField(max_length=12)
        name_nb = CharField(max_length=80)
        name_en = CharField(max_length=80)
        unit = CharField(max_length=20, default='stk')
        kind = CharField(max_length=12, default='other')
        low_stock = IntegerField(default=0)
        bin_litres = IntegerField(null=True)
        active = BooleanField(default=True)
        sort_order = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'supply_item'
            indexes = ((('centre', 'code'), True),)
    db.create_tables([SupplyItem])

    class HandOutLine(Model):
        hand_out = ForeignKeyField(HandOut, on_delete='CASCADE')
        item = ForeignKeyField(SupplyItem)
        quantity = IntegerField()
        class Meta:
            database = db
            table_name = 'hand_out_line'
    db.create_tables([HandOutLine])

    class LunchEntry(Model):
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, field=Staff.id, null=True)
        void_reason = CharField(null=True, max_length=200)
        centre = ForeignKeyField(Centre)
        business_date = DateField()
        group = CharField(max_length=12, column_name='lunch_group')
        visitor = ForeignKeyField(Visitor, null=True)
        staff_member = ForeignKeyField(Staff, null=True)
        portions = IntegerField(default=1)
        source = CharField(max_length=12, default='desk')
        served_at = DateTimeField(null=True)
        at = DateTimeField()
        staff = ForeignKeyField(Staff, null=True)
        class Meta:
            database = db
            table_name = 'lunch_entry'
            indexes = ((('centre', 'business_date'), False),)
    db.create_tables([LunchEntry])

    class MegafonIssue(Model):
        centre = ForeignKeyField(Centre)
        number = CharField(max_length=20)
        title = CharField(max_length=100)
        price_ore = IntegerField()
        current = BooleanField(default=False)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'megafon_issue'
            indexes = ((('centre', 'number'), True),)
    db.create_tables([MegafonIssue])

    class MegafonDelivery(Model):
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, field=Staff.id, null=True)
        void_reason = CharField(null=True, max_length=200)
        centre = ForeignKeyField(Centre)
        issue = ForeignKeyField(MegafonIssue)
        copies = IntegerField()
        at = DateTimeField()
        business_date = DateField()
        staff = ForeignKeyField(Staff, null=True)
        class Meta:
            database = db
            table_name = 'megafon_delivery'
            indexes = ((('centre', 'business_date'), False),)
    db.create_tables([MegafonDelivery])

    class MegafonSale(Model):
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, field=Staff.id, null=True)
        void_reason = CharField(null=True, max_length=200)
        centre = ForeignKeyField(Centre)
        issue = ForeignKeyField(MegafonIssue)
        vendor = ForeignKeyField(Visitor)
        copies = IntegerField()
        unit_price_ore = IntegerField()
        payment = CharField(max_length=8)
        at = DateTimeField()
        business_date = DateField()
        staff = ForeignKeyField(Staff, null=True)
        class Meta:
            database = db
            table_name = 'megafon_sale'
            indexes = ((('centre', 'business_date'), False),)
    db.create_tables([MegafonSale])

    class Setting(Model):
        centre = ForeignKeyField(Centre, on_delete='CASCADE')
        key = CharField(max_length=40)
        value = TextField()
        class Meta:
            database = db
            table_name = 'setting'
            indexes = ((('centre', 'key'), True),)
    db.create_tables([Setting])

    class SupplyDelivery(Model):
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, field=Staff.id, null=True)
        void_reason = CharField(null=True, max_length=200)
        centre = ForeignKeyField(Centre)
        item = ForeignKeyField(SupplyItem)
        quantity = IntegerField()
        at = DateTimeField()
        business_date = DateField()
        staff = ForeignKeyField(Staff, null=True)
        class Meta:
            database = db
            table_name = 'supply_delivery'
            indexes = ((('centre', 'business_date'), False),)
    db.create_tables([SupplyDelivery])

    class SyringeReturn(Model):
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, field=Staff.id, null=True)
        void_reason = CharField(null=True, max_length=200)
        centre = ForeignKeyField(Centre)
        visit = ForeignKeyField(Visit, null=True)
        method = CharField(max_length=10)
        count = IntegerField()
        bin_litres = IntegerField(null=True)
        at = DateTimeField()
        business_date = DateField()
        staff = ForeignKeyField(Staff, null=True)
        class Meta:
            database = db
            table_name = 'syringe_return'
            indexes = ((('centre', 'business_date'), False),)
    db.create_tables([SyringeReturn])


def down(migrator: SchemaMigrator, db: Database) -> None:
    migrator.migrate(migrator.drop_table('syringe_return'))
    migrator.migrate(migrator.drop_table('supply_delivery'))
    migrator.migrate(migrator.drop_table('setting'))
    migrator.migrate(migrator.drop_table('megafon_sale'))
    migrator.migrate(migrator.drop_table('megafon_delivery'))
    migrator.migrate(migrator.drop_table('megafon_issue'))
    migrator.migrate(migrator.drop_table('lunch_entry'))
    migrator.migrate(migrator.drop_table('hand_out_line'))
    migrator.migrate(migrator.drop_table('supply_item'))
    migrator.migrate(migrator.drop_table('hand_out'))
    migrator.migrate(migrator.drop_table('visit'))
    migrator.migrate(migrator.drop_table('day_close'))
    migrator.migrate(migrator.drop_table('dagsverket_attendance'))
    migrator.migrate(migrator.drop_table('visitor'))
    migrator.migrate(migrator.drop_table('audit_event'))
    migrator.migrate(migrator.drop_table('staff'))
    migrator.migrate(migrator.drop_table('centre'))
