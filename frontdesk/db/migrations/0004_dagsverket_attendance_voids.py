"""Dagsverket attendance can be voided like every other record the desk makes: the
void columns, and one non-voided row per participant and day instead of a unique
row (a voided attendance stays beside the one that replaces it)."""

from peewee import AutoField, CharField, Database, DateTimeField, ForeignKeyField, Model
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    class Staff(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "staff"

    migrator.migrate(
        migrator.add_column("dagsverket_attendance", "voided_at", DateTimeField(null=True)),
        migrator.add_column(
            "dagsverket_attendance",
            "voided_by_id",
            ForeignKeyField(Staff, field=Staff.id, null=True),
        ),
        migrator.add_column(
            "dagsverket_attendance", "void_reason", CharField(max_length=200, null=True)
        ),
        migrator.drop_index(
            "dagsverket_attendance", "dagsverketattendance_centre_id_business_date_visitor_id"
        ),
        migrator.add_index(
            "dagsverket_attendance", ("centre_id", "business_date", "visitor_id"), False
        ),
    )
