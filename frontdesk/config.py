"""Configuration: where the database is, the desk's config file, and each centre's settings.

The database is chosen by ``--db PATH_OR_URL``, else ``FRONTDESK_DB``, else the
desk config file's ``database``, else a file in the user data directory; the
centre likewise (``--centre``, ``FRONTDESK_CENTRE``, the file's ``centre``).
The desk config file is ``frontdesk.toml`` in the user config folder
(``FRONTDESK_CONFIG`` names another); its ``[keymap]`` remaps the desk's keys.
Centre settings (time zone, rollover hour,
language, idle lock, …) are stored per centre in the database; this module
knows their names, types and defaults.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from frontdesk import i18n
from frontdesk.errors import BadInput
from frontdesk.services.validate import shown
from frontdesk.services.validate import text as validate_text
from frontdesk.services.validate import whole as validate_whole

ENV_DB = "FRONTDESK_DB"
ENV_CENTRE = "FRONTDESK_CENTRE"
ENV_CONFIG = "FRONTDESK_CONFIG"
APP_NAME = "frontdesk"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "frontdesk.db"


def resolve_db(option: str | None, configured: str | None = None) -> str:
    """The database path or URL: the option, else $FRONTDESK_DB, else the desk config
    file's ``database`` (``configured``), else the default file."""
    return option or os.environ.get(ENV_DB) or configured or str(default_db_path())


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def has_url_scheme(target: str) -> bool:
    """``scheme://…``: a URL (db.connect refuses all but postgresql://), never a file name."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]+://", target) is not None


def skip_unused_driver(target: str) -> None:
    """Before peewee is first imported: leave the PostgreSQL driver out for a SQLite file.

    peewee imports psycopg when it loads, whatever the database; that is most of
    every command's start-up (about 130 ms of 170 ms here). A process that has
    already imported peewee (the tests, a long-lived app) is left alone.
    """
    if is_postgres_url(target) or "peewee" in sys.modules:
        return
    for driver in ("psycopg", "psycopg2"):
        sys.modules.setdefault(driver, None)  # type: ignore[arg-type]  # import → ImportError


def resolve_centre(option: str | None, configured: str | None = None) -> str | None:
    """The centre code: the option, else $FRONTDESK_CENTRE, else the desk config file's."""
    return option or os.environ.get(ENV_CENTRE) or configured or None


# -- the desk config file ----------------------------------------------------------


@dataclass(frozen=True)
class DeskConfig:
    """What ``frontdesk.toml`` says (every field empty when there is no file)."""

    path: Path
    database: str | None = None
    centre: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> "key" or "key1,key2"


DESK_CONFIG_KEYS = ("database", "centre", "keymap")


def desk_config_path() -> Path:
    """``$FRONTDESK_CONFIG``, else ``frontdesk.toml`` in the user config folder."""
    chosen = os.environ.get(ENV_CONFIG)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "frontdesk.toml"


def desk_config_error(path: Path, problem_id: str, /, **params: object) -> BadInput:
    """BadInput naming the desk config file: "The desk config file PATH <problem>"."""
    name = shown(str(path), max_len=4096)  # a path in full: the user must find the file
    return BadInput(
        "error.config.desk_config_file",
        hint="error.config.correct_remove_file_docs_hint",
        name=name,
        problem=i18n.Msg(problem_id, **params),
    )


def read_desk_config(path: Path | None = None) -> DeskConfig:
    """The desk config file read and checked; no file is an empty config.

    Refuses (BadInput naming the file) a file that cannot be read, a TOML
    syntax error (with its line), an unknown top-level key and a value of the
    wrong type. Binding ids are checked where the bindings are known
    (``frontdesk.tui.keymap.check_keymap``), so that commands never load the desk.
    """
    path = path or desk_config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return DeskConfig(path)
    except OSError as exc:
        reason = shown(exc.strerror or str(exc))
        raise desk_config_error(path, "error.config.file_could_read", reason=reason) from None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise desk_config_error(path, "error.config.file_utf_text") from None
    except tomllib.TOMLDecodeError as exc:
        found = re.match(r"(.*) \(at line (\d+), column \d+\)$", str(exc))
        reason, line = (found.group(1), found.group(2)) if found else (str(exc), "?")
        raise desk_config_error(
            path, "error.config.file_has_toml_syntax_error", line=line, reason=shown(reason)
        ) from None
    for key in data:
        if key not in DESK_CONFIG_KEYS:
            known = ", ".join(DESK_CONFIG_KEYS)
            raise desk_config_error(
                path, "error.config.file_has_unknown_setting_known", key=shown(key), known=known
            )
    return DeskConfig(
        path,
        database=_database(path, data.get("database")),
        centre=_text_value(path, "centre", data.get("centre"), "a centre code"),
        keymap=_keymap(path, data.get("keymap", {})),
    )


def _text_value(path: Path, key: str, value: object, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise desk_config_error(path, "error.config.file_must_give_quoted_text", key=key, what=what)
    return value.strip()


def _database(path: Path, value: object) -> str | None:
    text = _text_value(path, "database", value, "a file or a postgresql:// URL")
    if text is None or is_postgres_url(text):
        return text
    # A relative file name is read from the config file's folder, not from wherever the desk starts.
    return str(path.parent / Path(text).expanduser())


def _dotted(table: dict[str, Any], prefix: str = "") -> list[tuple[str, object]]:
    """A TOML table's entries with dotted names: ``tab.lunch = "f9"`` unquoted is a nested table."""
    entries: list[tuple[str, object]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            entries.extend(_dotted(value, f"{prefix}{key}."))
        else:
            entries.append((f"{prefix}{key}", value))
    return entries


def _keymap(path: Path, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise desk_config_error(path, "error.config.file_must_give_keymap_table")
    keymap: dict[str, str] = {}
    for binding_id, keys in _dotted(value):
        parts = [part.strip() for part in keys.split(",")] if isinstance(keys, str) else []
        if not parts or not all(parts):
            raise desk_config_error(
                path, "error.config.file_must_give_keys_keymap", binding_id=shown(binding_id)
            )
        keymap[binding_id] = ",".join(parts)
    return keymap


@dataclass(frozen=True)
class CentreSettings:
    timezone: str = "Europe/Oslo"
    rollover_hour: int = 4
    language: str = "nb"
    idle_lock_minutes: int = 10
    magazine_title: str = "Megafon"
    lockout_attempts: int = 5
    lockout_minutes: int = 5
    sharps_fill_factor: int = 40  # syringes per litre of a returned sharps bin (estimates)
    org_number: str = ""  # the organisation number printed on X- and Z-reports
    papers_dir: str = ""  # where the Day tab writes papers ("": papers/ beside the database)
    retention_days: int = 365  # individual rows of closed days older than this are purged; 0 = off
    drill_interval_days: int = 183  # an active staff member's CPR drill is due after this many days
    expiry_warning_days: int = 60  # the stock view warns of lots expiring within this many days
    opening_float_ore: int = 0  # the cash box's float at the start of a day (changeable that day)
    blind_count: bool = True  # the close dialog asks the counted cash before it shows the expected
    cash_diff_limit_ore: int = 5000  # a bigger cash difference needs a second lead and a reason
    city_url: str = ""  # the city database closed days are pushed to ("": none); no password

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def with_value(self, key: str, text: str) -> CentreSettings:
        """A copy with one setting parsed from text; BadInput names what is wrong."""
        if key not in self.keys():
            raise BadInput("error.config.no_setting_called", key=shown(key))
        changes: dict[str, Any] = {key: parse_setting(key, text)}
        return replace(self, **changes)

    def as_text(self) -> dict[str, str]:
        return {k: str(getattr(self, k)) for k in self.keys()}


_INT_RANGES = {
    "rollover_hour": (0, 12),
    "idle_lock_minutes": (1, 240),
    "lockout_attempts": (1, 20),
    "lockout_minutes": (1, 240),
    "sharps_fill_factor": (1, 500),
    "retention_days": (0, 3660),
    "drill_interval_days": (1, 3660),
    "expiry_warning_days": (0, 3660),
    "opening_float_ore": (0, 10_000_000),
    "cash_diff_limit_ore": (0, 100_000_000),
}

_YES = ("yes", "on", "true", "1", "ja", "på")
_NO = ("no", "off", "false", "0", "nei", "av")


def _flag_setting(key: str, text: str) -> bool:
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise BadInput("error.config.setting_on_off", key=key)


def parse_setting(key: str, value: str) -> int | str | bool:
    """A setting's value from text; BadInput names what is wrong (control characters too)."""
    text = validate_text(
        value, f"setting {shown(key)}", 200, min_len=0, nb_field=f"innstillingen {shown(key)}"
    )
    if key in _INT_RANGES:
        low, high = _INT_RANGES[key]
        number = validate_whole(text, f"setting {key}", f"innstillingen {key}")
        if not low <= number <= high:
            raise BadInput("error.config.setting_must_between", key=key, low=low, high=high)
        return number
    if key == "blind_count":
        return _flag_setting(key, text)
    if key == "timezone":
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise BadInput("error.config.known_time_zone_europe", zone=shown(text)) from None
        return text
    if key == "language":
        if text not in i18n.languages():
            raise BadInput("error.config.language", choices=i18n.language_choices())
        return text
    if key == "magazine_title":
        return validate_text(
            text,
            "magazine title",
            40,
            nb_field="bladets tittel",
            sentence="error.config.magazine_title_must_characters",
        )
    if key == "org_number":
        if len(text) > 30 or not all(c.isalnum() or c in " .-" for c in text):
            raise BadInput("error.config.organisation_number_up_letters")
        return text
    if key == "city_url":
        if text and (not is_postgres_url(text) or not urlsplit(text).path.strip("/")):
            raise BadInput("error.config.city_url")
        return text
    if key == "papers_dir":
        return text  # any path up to 200 characters without control characters (checked above)
    raise BadInput("error.config.no_setting_called", key=shown(key))
