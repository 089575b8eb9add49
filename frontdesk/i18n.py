"""Every text the desk shows, in bokmål (the default) and English.

Texts live in ``frontdesk/texts/<area>.py`` modules, each defining
``TEXTS: dict[str, tuple[str, str]]`` (key → (bokmål, English)). They are
discovered with pkgutil and merged on first use; a key defined twice is an
error. ``t(key, **fmt)`` gives the text in the current language.
"""

from __future__ import annotations

import importlib
import pkgutil

LANGUAGES = ("nb", "en")

_language = "nb"
_texts: dict[str, tuple[str, str]] | None = None


def _load() -> dict[str, tuple[str, str]]:
    import frontdesk.texts as package

    merged: dict[str, tuple[str, str]] = {}
    owner: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, pair in getattr(module, "TEXTS", {}).items():
            if key in merged:
                raise ValueError(
                    f"The text key {key!r} is defined in {owner[key]} and {info.name}."
                )
            merged[key] = pair
            owner[key] = info.name
    return merged


def texts() -> dict[str, tuple[str, str]]:
    global _texts
    if _texts is None:
        _texts = _load()
    return _texts


def set_language(lang: str) -> None:
    """Switch every later ``t()`` to ``lang`` ("nb" or "en"; anything else gives nb)."""
    global _language
    _language = lang if lang in LANGUAGES else "nb"


def get_language() -> str:
    return _language


def t(key: str, /, **fmt: object) -> str:
    """The text for ``key`` in the current language; an unknown key is shown as it is."""
    pair = texts().get(key)
    if pair is None:
        text = key
    else:
        nb, en = pair
        text = nb if _language == "nb" else (en or nb)
    return text.format(**fmt) if fmt else text


def tn(key: str, count: int, /, **fmt: object) -> str:
    """The text for ``key`` for ``count`` things: texts with a plural are "one|many"."""
    text = t(key, count=count, **fmt)
    one, _bar, many = text.partition("|")
    return one if count == 1 or not _bar else many


def has(key: str) -> bool:
    return key in texts()
