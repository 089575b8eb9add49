"""Purge marks (issue 17, cli-safety): a Z-report remembers that its day's individual
rows were purged (such a day cannot be reopened), and a balancing delivery written by
purge is marked as the purged day's usage (so "days of cover" keeps counting it).

Days purged before this migration are found from the purge audit events: every
closed day before a purge's date, closed before that purge ran."""
import json

from peewee import SQL, BooleanField, Database, DateTimeField
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    migrator.migrate(
        migrator.add_column("day_close", "purged_at", DateTimeField(null=True)),
        # A default in the schema too: bulk writers (the demo) name only the columns they know.
        migrator.add_column(
            "supply_delivery",
            "purged_usage",
            BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")]),
        ),
    )
    events = db.execute_sql(
        "SELECT centre_id, at, detail FROM audit_event WHERE action = 'purge'"
    ).fetchall()
    for centre_id, at, detail in events:
        try:
            before = json.loads(detail)["before"]
        except (ValueError, KeyError, TypeError):
            continue
        db.execute_sql(
            "UPDATE day_close SET purged_at = %s WHERE centre_id = %s AND business_date < %s"
            " AND reopened_at IS NULL AND closed_at <= %s AND purged_at IS NULL"
            .replace("%s", db.param),
            (at, centre_id, before, at),
        )
    # Balancing deliveries of old purges: negative quantities no delivery can have.
    db.execute_sql("UPDATE supply_delivery SET purged_usage = %s WHERE quantity < 0".replace("%s", db.param), (True,))
