"""Every text the desk shows, in bokmål (the default) and the other languages.

The texts are standard gettext catalogues, one per language:
``frontdesk/locale/<lang>/LC_MESSAGES/frontdesk.po``, compiled to ``frontdesk.mo``
beside it (``make messages``; the README says how to add a text or a language). Message
ids are symbolic (``"checkin.done"``), so every language, English too, is a translation.

``t(id, **fmt)`` gives the text in the current language, ``tn(id, count)`` the form for
``count`` things (gettext's ``ngettext`` with the catalogue's Plural-Forms), and
``text(lang, id)`` / ``text_n(lang, id, count)`` a text in a given language. Placeholders
are ``str.format`` fields; ``{keys[checkin.f]:F6}`` names the key of a binding: F6 unless the
desk's keymap gives it another (``set_key_names``), so a remapped key shows in every hint.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "frontdesk"
LOCALE_DIR = Path(__file__).with_name("locale")
DEFAULT_LANGUAGE = "nb"

_language = DEFAULT_LANGUAGE
_key_names: dict[str, str] = {}


def languages() -> tuple[str, ...]:
    """The languages with a compiled catalogue, bokmål first: --lang, settings and the desk
    offer these, so a new ``<lang>/LC_MESSAGES/frontdesk.po`` (+ .mo) adds a language."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(sorted(found, key=lambda lang: lang != DEFAULT_LANGUAGE))


def language_choices() -> str:
    """ "'nb' (bokmål), 'en' (English)": each language named in its own catalogue."""
    return ", ".join(f"'{lang}' ({text(lang, 'language.name')})" for lang in languages())


@functools.cache
def translation(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang``; OSError when it has none."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=False)


def set_language(lang: str) -> None:
    """Switch every later ``t()`` to ``lang`` (one of ``languages()``; anything else gives nb)."""
    global _language
    _language = lang if lang in languages() else DEFAULT_LANGUAGE


def get_language() -> str:
    return _language


def set_key_names(keys: Mapping[str, str]) -> None:
    """Binding id -> its keys from the desk's keymap (``{"checkin.f": "f10"}``): every later
    ``{keys[checkin.f]:F6}`` placeholder shows the remapped key; the others show the key
    written after the colon (the binding's default, as the text spells it)."""
    _key_names.clear()
    _key_names.update({binding_id: spell_key(key) for binding_id, key in keys.items()})


def spell_key(keys: str) -> str:
    """A key as the texts write it: "f10" -> "F10", "ctrl+k" -> "Ctrl+K", "delete" -> "Del"
    (the first of several keys)."""
    *modifiers, base = keys.split(",")[0].strip().split("+")
    named = {"delete": "Del", "escape": "Esc", "enter": "Enter", "space": "Space"}
    base = named.get(base, base.upper() if len(base) == 1 or base[1:].isdigit() else base)
    return "+".join([*(m.capitalize() for m in modifiers), base])


class _Key:
    def __init__(self, binding_id: str) -> None:
        self.binding_id = binding_id

    def __format__(self, default: str) -> str:
        return _key_names.get(self.binding_id, default)


class _KeyNames:
    """``{keys[binding.id]:F6}``: the binding's key from the keymap, else the default F6."""

    def __getitem__(self, binding_id: str) -> _Key:
        return _Key(binding_id)


class Msg:
    """A text to be shown later in a language not yet known: an error's parameter that is
    itself a text (``problem=Msg("error.config.not_utf8")``) is shown in the error's language."""

    def __init__(self, message_id: str, /, **params: object) -> None:
        self.message_id, self.params = message_id, params

    def text(self, lang: str) -> str:
        return text(lang, self.message_id, **self.params)

    def __repr__(self) -> str:
        return f"Msg({self.message_id!r}, **{self.params!r})"


class MsgN(Msg):
    """``Msg`` for ``count`` things (a plural entry, like ``tn``)."""

    def __init__(self, message_id: str, count: int, /, **params: object) -> None:
        super().__init__(message_id, **params)
        self.count = count

    def text(self, lang: str) -> str:
        return text_n(lang, self.message_id, self.count, **self.params)


class ByLanguage:
    """A value stored in each language (a supply item's ``name_nb`` / ``name_en``): shown in
    the text's language, else in bokmål."""

    def __init__(self, **by_language: str) -> None:
        self.by_language = by_language

    def text(self, lang: str) -> str:
        return self.by_language.get(lang) or self.by_language[DEFAULT_LANGUAGE]

    def __repr__(self) -> str:
        return f"ByLanguage(**{self.by_language!r})"


def _format(lang: str, text: str, fmt: Mapping[str, object]) -> str:
    if not fmt and "{keys[" not in text:
        return text
    shown = {k: v.text(lang) if isinstance(v, Msg | ByLanguage) else v for k, v in fmt.items()}
    return text.format(keys=_KeyNames(), **shown)


def text(lang: str, message_id: str, /, **fmt: object) -> str:
    """The text of ``message_id`` in ``lang``; an unknown id is shown as it is."""
    return _format(lang, translation(lang).gettext(message_id), fmt)


def text_n(lang: str, message_id: str, count: int, /, **fmt: object) -> str:
    """The text of ``message_id`` for ``count`` things in ``lang`` (``{count}`` is filled)."""
    chosen = translation(lang).ngettext(message_id, message_id, count)
    return _format(lang, chosen, {"count": count, **fmt})


def t(message_id: str, /, **fmt: object) -> str:
    """The text for ``message_id`` in the current language; an unknown id is shown as it is."""
    return text(_language, message_id, **fmt)


def tn(message_id: str, count: int, /, **fmt: object) -> str:
    """The text for ``message_id`` for ``count`` things in the current language."""
    return text_n(_language, message_id, count, **fmt)


def has(message_id: str) -> bool:
    """Whether the current language's catalogue defines ``message_id`` (singular or plural)."""
    catalogue = translation(_language)
    return (
        catalogue.gettext(message_id) != message_id
        or catalogue.ngettext(message_id, message_id, 2) != message_id
    )


def N_(message_id: str) -> str:
    """Marks a message id that is translated later (a table of ids): returns it unchanged."""
    return message_id


def N_plural(message_id: str) -> str:
    """``N_`` for an id shown with ``tn`` (a plural entry of the catalogues)."""
    return message_id
