"""The desk's key bindings by id: what a ``[keymap]`` in frontdesk.toml may remap."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

from textual.binding import Binding

from frontdesk.config import DeskConfig, desk_config_error
from frontdesk.services.validate import shown


def binding_classes() -> list[Any]:
    """Every class in frontdesk.tui that declares its own BINDINGS, the app first."""
    import frontdesk.tui as tui

    found = []
    for info in pkgutil.walk_packages(tui.__path__, f"{tui.__name__}."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and cls.__dict__.get("BINDINGS"):
                found.append(cls)
    found.sort(key=lambda c: (c.__module__ != "frontdesk.tui.app", c.__module__, c.__name__))
    return found


def own_bindings(cls: Any) -> list[Binding]:
    """The bindings ``cls`` declares itself, as Binding objects."""
    return [b if isinstance(b, Binding) else Binding(*b) for b in cls.__dict__["BINDINGS"]]


def binding_ids() -> set[str]:
    """Every binding id of the desk (docs/keymap.md lists them)."""
    return {b.id for cls in binding_classes() for b in own_bindings(cls) if b.id}


def check_keymap(config: DeskConfig) -> dict[str, str]:
    """The config's keymap; BadInput naming the file for a binding id the desk does not have."""
    if not config.keymap:
        return {}  # the panes stay unimported until after the first frame
    known = binding_ids()
    for binding_id in config.keymap:
        if binding_id not in known:
            raise desk_config_error(
                config.path,
                f"remaps '{shown(binding_id)}' in [keymap], which is not a key binding id "
                "(docs/keymap.md lists them).",
                f"endrer '{shown(binding_id)}' i [keymap], som ikke er en tastebindings-id "
                "(docs/keymap.md viser dem).",
            )
    return dict(config.keymap)
