"""The command palette (ctrl+p): every desk action by name.

One Provider: the app's own actions (lock, tab switches, quit) and every
pane's ``PALETTE`` entries, ``(title key, help key, method name)``. Running
a pane's entry switches to its tab first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from frontdesk.i18n import t
from frontdesk.tui.desk import desk

if TYPE_CHECKING:
    from frontdesk.tui.app import DeskApp


def _key(app: DeskApp, binding_id: str) -> str:
    """The key of one of the app's bindings as the footer shows it (remapped ones too)."""
    from frontdesk.tui.widgets.footer import key_label

    return key_label(app, app.binding_by_id(binding_id))


class DeskCommands(Provider):
    """Offers the app's actions and the panes' PALETTE entries."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], Any]]]:
        app = desk(self.screen)
        if app.locked or app.actor is None:
            return
        tabs = app.panes
        for tab, pane in tabs.items():
            for title, help_text, method in pane.PALETTE:
                yield t(title), t(help_text), partial(_run_pane_action, app, tab, method)
        for tab in tabs:
            name = t(f"tab.{tab}")
            yield (
                t("palette.tab", tab=name),
                t("palette.tab.help", tab=name, key=_key(app, f"tab.{tab}")),
                partial(app.switch_tab, tab),
            )
        lock_help = t("palette.lock.help", key=_key(app, "lock"))
        yield t("palette.lock"), lock_help, partial(app.action_lock, "lock")
        yield t("palette.quit"), t("palette.quit.help", key=_key(app, "quit")), app.exit

    async def discover(self) -> Hits:
        for title, help_text, run in self._commands():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, text=title, help=help_text)


def _run_pane_action(app: DeskApp, tab: str, method: str) -> None:
    app.switch_tab(tab)
    pane = app.panes.get(tab)
    action = getattr(pane, method, None)
    if action is not None:
        app.call_later(action)  # awaited when it is a coroutine
