"""Erasure (issue 16): a Megafon sale and a Dagsverket attendance can outlive the visitor
code they were made under. When a visitor's records are erased, the rows of open days
stay (the day's counts and the cash box do not change) but no longer name anyone, like
an anonymous visit: their visitor column may now be empty."""

from peewee import Database
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    migrator.migrate(
        migrator.drop_not_null("megafon_sale", "vendor_id"),
        migrator.drop_not_null("dagsverket_attendance", "visitor_id"),
    )
