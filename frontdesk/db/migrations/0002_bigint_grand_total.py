"""The Z-report's accumulated grand total can pass 2**31 øre (21 million kroner)
over the years: make it (and the day's revenue beside it) 64-bit on PostgreSQL.
SQLite's INTEGER is 64-bit already."""
from peewee import BigIntegerField, Database, PostgresqlDatabase
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, PostgresqlDatabase):
        migrator.migrate(
            migrator.alter_column_type("day_close", "grand_total_ore", BigIntegerField()),
            migrator.alter_column_type("day_close", "revenue_ore", BigIntegerField()),
        )
