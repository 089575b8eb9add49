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


MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")


def _key_names() -> set[str]:
    """The names Textual gives keys that are not one character: f1–f24, escape, space, question_mark, …"""
    from textual.keys import Keys, _character_to_key

    names = {k.value for k in Keys if "+" not in k.value and k.value.isidentifier()}
    names |= {_character_to_key(chr(code)) for code in range(33, 256) if chr(code).isprintable()}
    return {name for name in names if len(name) > 1}


def _normal_key(key: str, names: set[str]) -> str | None:
    """``key`` as Textual names it ('F9' -> 'f9', 'Ctrl+K' -> 'ctrl+k'), or None when it is no key."""
    from textual.keys import _character_to_key

    *modifiers, base = ["+"] if key == "+" else key.split("+")
    modifiers = [m.lower() for m in modifiers]
    if any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return None
    if len(base) == 1 and base.isprintable() and not base.isspace():
        # 'K' alone is shift+k's character; with ctrl it can only be ctrl+k.
        base = base.lower() if modifiers else base
        base = base if base.isalnum() else _character_to_key(base)
    elif base.lower() in names:
        base = base.lower()
    else:
        return None
    return "+".join([*modifiers, base])


def check_keymap(config: DeskConfig) -> dict[str, str]:
    """The config's keymap with the keys in Textual's spelling.

    BadInput naming the file for a binding id the desk does not have, a key
    name Textual does not know, or a key that would then do two things in one
    place (one of them could never be reached).
    """
    if not config.keymap:
        return {}  # the panes stay unimported until after the first frame
    classes = binding_classes()
    known = {b.id for cls in classes for b in own_bindings(cls) if b.id}
    names = _key_names()
    keymap: dict[str, str] = {}
    for binding_id, keys in config.keymap.items():
        if binding_id not in known:
            raise desk_config_error(
                config.path,
                "error.config.file_remaps_keymap_key_binding",
                binding_id=shown(binding_id),
            )
        normal = []
        for key in keys.split(","):
            found = _normal_key(key, names)
            if found is None:
                raise desk_config_error(
                    config.path,
                    "error.config.file_gives_key_key_name",
                    binding_id=shown(binding_id),
                    key=shown(key),
                )
            normal.append(found)
        keymap[binding_id] = ",".join(normal)
    _refuse_clashes(config, classes, keymap)
    return keymap


def _refuse_clashes(config: DeskConfig, classes: list[Any], keymap: dict[str, str]) -> None:
    """A remapped key that another binding has where both are active: refused."""

    def keys_of(cls: Any) -> list[tuple[str, Binding]]:
        pairs: list[tuple[str, Binding]] = []
        for binding in own_bindings(cls):
            keys = keymap.get(binding.id or "", binding.key)
            pairs.extend((key.strip(), binding) for key in keys.split(","))
        return pairs

    app_keys = keys_of(classes[0])  # the app's keys work everywhere (priority bindings)
    for cls in classes:
        owners: dict[str, Binding] = {}
        for key, binding in (keys_of(cls) + app_keys) if cls is not classes[0] else app_keys:
            other = owners.setdefault(key, binding)
            same = other is binding or (other.id is not None and other.id == binding.id)
            if not same and (other.id in keymap or binding.id in keymap):
                first, second = (shown(b.id or b.action) for b in (other, binding))
                raise desk_config_error(
                    config.path,
                    "error.config.file_gives_both_and_keymap",
                    key=key,
                    first=first,
                    second=second,
                )
