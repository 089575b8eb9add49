"""Overdose response and the right help (issue 12): naloxone doses per kit, why a new kit
and the reported outcome of a use, first-time anonymous visits, training sessions for
visitors, referrals, and staff drills.

Frozen like 0001: the tables are declared here as they are now, not read from the models."""
from peewee import (
    SQL,
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
)
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    migrator.migrate(
        # Defaults in the schema too: bulk writers (the demo) name only the columns they know.
        migrator.add_column(
            "supply_item", "doses_per_unit", IntegerField(default=1, constraints=[SQL("DEFAULT 1")])
        ),
        migrator.add_column("hand_out", "naloxone_reason", CharField(max_length=12, null=True)),
        migrator.add_column("hand_out", "naloxone_outcome", CharField(max_length=8, null=True)),
        migrator.add_column("hand_out", "naloxone_ems", CharField(max_length=8, null=True)),
        migrator.add_column(
            "visit",
            "first_time",
            BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")]),
        ),
    )
    # A naloxone nasal spray kit holds two doses.
    db.execute_sql(
        "UPDATE supply_item SET doses_per_unit = 2 WHERE kind = %s".replace("%s", db.param),
        ("naloxone",),
    )

    class Centre(Model):
        class Meta:
            database = db
            table_name = "centre"

    class Staff(Model):
        class Meta:
            database = db
            table_name = "staff"

    class Visit(Model):
        class Meta:
            database = db
            table_name = "visit"

    class TrainingSession(Model):
        business_date = DateField()
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, null=True, backref="+")
        void_reason = CharField(max_length=200, null=True)
        centre = ForeignKeyField(Centre)
        kind = CharField(max_length=12)
        people = IntegerField()
        visit = ForeignKeyField(Visit, null=True)
        at = DateTimeField()
        staff = ForeignKeyField(Staff, null=True, backref="+")

        class Meta:
            database = db
            table_name = "training_session"
            indexes = ((("centre", "business_date"), False),)

    class Referral(Model):
        business_date = DateField()
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, null=True, backref="+")
        void_reason = CharField(max_length=200, null=True)
        centre = ForeignKeyField(Centre)
        kind = CharField(max_length=12)
        visit = ForeignKeyField(Visit, null=True)
        at = DateTimeField()
        staff = ForeignKeyField(Staff, null=True, backref="+")

        class Meta:
            database = db
            table_name = "referral"
            indexes = ((("centre", "business_date"), False),)

    class StaffDrill(Model):
        voided_at = DateTimeField(null=True)
        voided_by = ForeignKeyField(Staff, null=True, backref="+")
        void_reason = CharField(max_length=200, null=True)
        centre = ForeignKeyField(Centre)
        staff_member = ForeignKeyField(Staff, backref="+")
        kind = CharField(max_length=12)
        drill_date = DateField()
        at = DateTimeField()
        staff = ForeignKeyField(Staff, null=True, backref="+")

        class Meta:
            database = db
            table_name = "staff_drill"
            indexes = ((("centre", "staff_member", "kind", "drill_date"), False),)

    db.create_tables([TrainingSession, Referral, StaffDrill])
