"""The city (issue 15): the desk's outbox of Z-report versions still to send to the city
database, and each centre's link state (last push that worked, failing since when)."""

from peewee import (
    SQL,
    AutoField,
    BooleanField,
    CharField,
    Database,
    DateTimeField,
    ForeignKeyField,
    Model,
)
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    class Centre(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "centre"

    class DayClose(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "day_close"

    class CityOutbox(Model):
        id = AutoField()
        centre = ForeignKeyField(Centre)
        day_close = ForeignKeyField(DayClose, unique=True, on_delete="CASCADE")
        queued_at = DateTimeField()
        sent_at = DateTimeField(null=True)
        sent_reopened = BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")])

        class Meta:
            database = db
            table_name = "city_outbox"
            indexes = ((("centre", "sent_at"), False),)

    class CityLink(Model):
        id = AutoField()
        centre = ForeignKeyField(Centre, unique=True)
        last_sent_at = DateTimeField(null=True)
        failing_since = DateTimeField(null=True)
        last_error = CharField(max_length=300, null=True)
        refused = BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")])

        class Meta:
            database = db
            table_name = "city_link"

    db.create_tables([CityOutbox, CityLink])
