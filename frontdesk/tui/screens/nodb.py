"""Shown when the database is missing or not initialised: how to create one, q to quit."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Static

from frontdesk.i18n import t
from frontdesk.tui.widgets.footer import DeskFooter


class NoDatabaseScreen(Screen[None]):
    """No usable database: say why, and how to create one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "key.quit", id="nodb.quit", tooltip="key.quit.tip"),
    ]

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(id="nodb")
        self.target = target
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="nodb-box"):
            yield Static(t("nodb.title"), id="nodb-title")
            yield Static(t("nodb.body"), id="nodb-body", markup=False)
            yield Static(self.reason, id="nodb-reason", markup=False)
            if _needs_creating(self.reason):  # not for a schema to upgrade or a server down
                yield Static(t("nodb.how", target=_quote(self.target)), id="nodb-how", markup=False)
            yield Static(t("nodb.quit"), id="nodb-quit")
        yield DeskFooter()


def _needs_creating(reason: str) -> bool:
    starts = ("There is no database", "Det finnes ingen database")
    return reason.startswith(starts) or "frontdesk init" in reason


def _quote(target: str) -> str:
    if target.startswith(("postgresql://", "postgres://")):
        from frontdesk.services.store import describe_target

        return describe_target(target)
    return f"'{target}'" if " " in target else target
