"""Every tab is a LoadedPane and fills in the base class's two duties itself: the base's
refresh_data/focus_default raise NotImplementedError, so a tab that forgot one would fail
at the first tab switch instead of here."""

from __future__ import annotations

import importlib
import pkgutil

import frontdesk.tui.panes as panes
from frontdesk.tui.widgets.pane_kit import LoadedPane


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_every_tab_pane_loads_its_data_and_places_the_cursor_itself() -> None:
    for info in pkgutil.iter_modules(panes.__path__):
        importlib.import_module(f"{panes.__name__}.{info.name}")
    tabs = [c for c in _subclasses(LoadedPane) if c.__module__.startswith(panes.__name__)]
    assert len(tabs) >= 5  # F1-F5
    for tab in tabs:
        for duty in ("refresh_data", "focus_default"):
            assert getattr(tab, duty) is not getattr(LoadedPane, duty), (tab.__name__, duty)
