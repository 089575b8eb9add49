"""The one home of input validation: text, numbers, reasons, dates, codes and paths.

Every service that takes text from a person (a centre or item name, a
setting, a reason, a code) passes it through ``text`` so that the same rules
hold everywhere: no control characters (C0, C1, DEL: ANSI escapes, BEL, line
breaks), no lone surrogates (undecodable bytes from a terminal), no
bidirectional overrides that make a name read differently than it is stored.
A refusal is a ``BadInput`` whose message names the field, in both languages.

A whole number (``whole``, ``in_range``) is what a desk field holds when a
person types one: a Python ``int`` (never a ``bool``: a tick box is not a
count), or text of the digits 0–9 only, maybe after a minus, spaces around
it ignored. So ``12``, ``"12"`` and ``" 12"`` are 12 and ``"-1"`` is -1 (which
the field's range then takes or refuses); ``"+12"``, ``"1e3"``, ``"1_000"``,
``"12.0"``, ``"١٢"``, ``12.0`` and ``True`` are no whole numbers.

``shown`` is the other side of the same rule: any text that is echoed back in
a message (an unknown code, a path) is made safe to print first.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from frontdesk import i18n
from frontdesk.errors import BadInput

# Bidirectional embedding/override/isolate controls: a name that reads
# differently on screen than it is stored (CVE-2021-42574 "trojan source").
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
# Unicode categories that never belong in a name or a reason.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})

CENTRE_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")

# A reason (a void, a reopen) is stored in a 200-character column.
MAX_REASON = 200
_DIGITS_RE = re.compile(r"-?[0-9]+")
# Python refuses to parse longer digit strings (CVE-2020-10735); no count is that long.
_MAX_DIGITS = 4000

# Linux limits: a whole path, and one name in it.
PATH_MAX = 4096
NAME_MAX = 255


def bad_char(value: str) -> str | None:
    """The first character that text may not hold, or None."""
    for char in value:
        if char in _BIDI or unicodedata.category(char) in _REFUSED_CATEGORIES:
            return char
    return None


def text(
    value: object,
    field: str,
    max_len: int,
    *,
    min_len: int = 1,
    nb_field: str | None = None,
    sentence: str | None = None,
    sentence_params: Mapping[str, object] | None = None,
) -> str:
    """The value as clean text: stripped, ``min_len``–``max_len`` characters, printable.

    ``field`` names the value in the sentence ("The centre name …"); ``nb_field``
    is the bokmål name for the desk app. ``sentence`` (a message id) replaces
    the refusal of a wrong length. ``None`` counts as empty.
    """
    clean = str(value if value is not None else "").strip()
    nb = nb_field or field
    if bad_char(clean) is not None:
        raise BadInput("error.validate.may_hold_control_characters", field=_field(field, nb))
    if not min_len <= len(clean) <= max_len:
        if sentence:
            raise BadInput.of(sentence, sentence_params or {})
        if min_len == max_len:
            size: i18n.Msg = i18n.Msg("error.validate.size_exact", length=max_len)
        else:
            size = i18n.Msg("error.validate.size_range", low=min_len, high=max_len)
        raise BadInput("error.validate.text_length", field=_field(field, nb), size=size)
    return clean


def blank(value: object) -> bool:
    """Nothing typed: ``None`` or text of spaces only (an optional field left empty)."""
    return value is None or (isinstance(value, str) and not value.strip())


def whole(value: object, field: str, nb_field: str) -> int:
    """The value as a whole number by the desk rule (see the module text), else ``BadInput``.

    ``field`` / ``nb_field`` name it: "The {field} must be a whole number."
    """
    number = _whole_or_none(value)
    if number is None:
        raise BadInput("error.validate.must_whole_number", field=_field(field, nb_field))
    return number


def in_range(
    value: object,
    low: int,
    high: int,
    field: str,
    nb_field: str,
    *,
    sentence: str | None = None,
    sentence_params: Mapping[str, object] | None = None,
) -> int:
    """A whole number (the desk rule of ``whole``) from ``low`` to ``high``.

    ``sentence`` (a message id) states the field's whole rule ("Portions are
    a whole number from 1 to 200.") and is then the one refusal of any wrong
    value; without it: "… must be a whole number." or "… must be from … to …".
    """
    number = _whole_or_none(value)
    if number is not None and low <= number <= high:
        return number
    if sentence:
        raise BadInput.of(sentence, sentence_params or {})
    whole(value, field, nb_field)  # refuses what is not a whole number
    raise BadInput("error.validate.range", field=_field(field, nb_field), low=low, high=high)


def _whole_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        digits = value.strip()
        if _DIGITS_RE.fullmatch(digits) and len(digits) <= _MAX_DIGITS:
            return int(digits)
    return None


def reason(value: object) -> str:
    """A reason for a void or a reopen: 1 to 200 printable characters after stripping."""
    return text(
        value,
        "reason",
        MAX_REASON,
        nb_field="årsaken",
        sentence="error.validate.reason_length",
        sentence_params={"high": MAX_REASON},
    )


def date(value: dt.date | str) -> dt.date:
    """A business date as stored: a ``date`` (a ``datetime`` gives its date) or ISO text.

    The drivers differ: PostgreSQL gives a ``date``, SQLite the text of one
    (a UNION or aggregate over a DateField can come back as plain text).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


ISO_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def iso_date(value: object) -> dt.date:
    """A date a person typed: ``YYYY-MM-DD``, spaces around it ignored.

    Other forms Python reads as ISO dates (``20260302``, ``2026-W10-1``) are
    refused: the command line's help and the docs promise one form.
    """
    text = str(value if value is not None else "").strip()
    try:
        if ISO_DATE_RE.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise BadInput("error.validate.not_a_date", value=shown(text))


def code(value: object, pattern: re.Pattern[str], sentence: str) -> str:
    """A code a person typed (a centre's, an item's): upper-cased, spaces around it
    dropped, then matched whole by ``pattern``; refused with ``sentence`` (a message
    id), which states the rule."""
    typed = str(value if value is not None else "").strip().upper()
    if not pattern.match(typed):
        raise BadInput(sentence)
    return typed


def centre_code(value: object) -> str:
    """A new centre's code: 2–8 characters, A–Z first, then A–Z or digits (upper-cased)."""
    return code(
        value,
        CENTRE_CODE_RE,
        "error.validate.centre_code_characters_letter",
    )


def one_of(
    value: object, words: Sequence[str], sentence: str, *, default: str | None = None
) -> str:
    """A word of a vocabulary list (services/vocab.py) as a person typed it: any case,
    spaces around it dropped; ``default`` when nothing is given. Refused with ``sentence``
    (a message id), which names the words."""
    typed = str(value if value is not None else "").strip().lower()
    if not typed and default is not None:
        return default
    if typed not in words:
        raise BadInput(sentence)
    return typed


def shown(value: object, max_len: int = 80) -> str:
    """Text that is safe to echo in a message: control characters and bad bytes escaped."""
    out = []
    for char in str(value):
        if char in _BIDI or unicodedata.category(char) in _REFUSED_CATEGORIES:
            out.append(ascii(char)[1:-1])  # '\x1b', '\udcff', '\u202e'
        else:
            out.append(char)
    result = "".join(out)
    return result if len(result) <= max_len else result[: max_len - 1] + "…"


def path(value: object, what: str = "file name") -> Path:
    """A path a user typed: not empty, no NUL, within Linux's limits, ``~`` expanded.

    Refuses ``~nosuchuser/…`` with a sentence instead of Python's RuntimeError.
    """
    raw = (
        os.fsdecode(value) if isinstance(value, bytes) else str(value if value is not None else "")
    )
    if not raw.strip():
        raise BadInput("error.validate.empty", what=what)
    if any(unicodedata.category(char) == "Cc" for char in raw):
        raise BadInput("error.validate.holds_control_characters", what=what, value=shown(raw))
    try:
        expanded = Path(raw).expanduser()
    except RuntimeError:
        user = raw[1:].split("/", 1)[0]
        raise BadInput(
            "error.validate.no_user", user=shown(user), what=what, value=shown(raw)
        ) from None
    try:
        size = len(os.fsencode(str(expanded)))
        longest = max((len(os.fsencode(part)) for part in expanded.parts), default=0)
    except UnicodeError:  # a lone surrogate that no file name can hold
        raise BadInput(
            "error.validate.holds_undecodable_characters", what=what, value=shown(raw)
        ) from None
    if size >= PATH_MAX:
        raise BadInput("error.validate.longer_than_bytes", what=what, limit=PATH_MAX)
    if longest > NAME_MAX:
        raise BadInput("error.validate.name_longer_than_bytes", what=what, limit=NAME_MAX)
    return expanded


def _field(field: str, nb_field: str) -> i18n.ByLanguage:
    """A field's name as the sentences use it: "The {field} …" / "{field} …" (capitalised)."""
    return i18n.ByLanguage(en=field, nb=_cap(nb_field))


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]
