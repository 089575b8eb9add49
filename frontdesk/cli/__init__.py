"""The command line: ``frontdesk`` opens the desk app; sub-commands are for admins.

One module per area defines its commands (plain ``click`` commands and groups);
this one registers them on the ``frontdesk`` group, one line each. ``base.py``
holds the group, its options, what commands share (``open_db``,
``centre_actor``, ``read_pin``, ``ISO_DATE``, …) and the one place where an error
becomes a sentence: an area module imports those from ``frontdesk.cli.base``.

Imports of the services and the desk app are made inside the commands, so
``frontdesk --help`` and ``frontdesk export`` never load Textual; only the vocabulary (``services/vocab.py``, no imports) is read at
start-up for the ``click.Choice`` options.
"""

from __future__ import annotations

from frontdesk.cli import (
    admin,
    catalogue,
    city,
    export,
    overdose,
    papers,
    purge,
    report,
    rights,
    staff,
    stock,
)
from frontdesk.cli.base import cli

__all__ = ["cli", "main"]

cli.add_command(admin.init)
cli.add_command(staff.staff)
cli.add_command(catalogue.catalogue)
cli.add_command(admin.settings_command)
cli.add_command(admin.db_group)
cli.add_command(export.export)
cli.add_command(report.report)
cli.add_command(papers.print_group)
cli.add_command(admin.backup)
cli.add_command(admin.demo)
cli.add_command(purge.purge)
cli.add_command(rights.visitor_group)
staff.staff.add_command(overdose.staff_drill)
staff.staff.add_command(overdose.staff_drills)
staff.staff.add_command(overdose.staff_void_drill)
cli.add_command(overdose.training)
cli.add_command(overdose.referral)
cli.add_command(stock.stock_group)
cli.add_command(city.city_group)
cli.add_command(city.sync)


def main() -> None:
    cli.main(prog_name="frontdesk")


if __name__ == "__main__":
    main()
