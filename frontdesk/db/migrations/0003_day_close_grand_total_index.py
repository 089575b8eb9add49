"""A covering index for the Z-report's grand total: the sum of every earlier
day's revenue reads the index alone, not five years of wide Z rows."""

from peewee import Database
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    migrator.migrate(
        migrator.add_index(
            "day_close", ("centre_id", "reopened_at", "business_date", "revenue_ore"), False
        )
    )
