"""Configuration: where the database is, and each centre's settings.

The database is chosen by ``--db PATH_OR_URL``, else ``FRONTDESK_DB``, else a
file in the user data directory. Centre settings (time zone, rollover hour,
language, idle lock, …) are stored per centre in the database; this module
knows their names, types and defaults.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from frontdesk.errors import BadInput
from frontdesk.services.validate import shown
from frontdesk.services.validate import text as validate_text

ENV_DB = "FRONTDESK_DB"
ENV_CENTRE = "FRONTDESK_CENTRE"
APP_NAME = "frontdesk"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "frontdesk.db"


def resolve_db(option: str | None) -> str:
    """The database path or URL: the option, else $FRONTDESK_DB, else the default file."""
    if option:
        return option
    env = os.environ.get(ENV_DB)
    if env:
        return env
    return str(default_db_path())


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


def resolve_centre(option: str | None) -> str | None:
    return option or os.environ.get(ENV_CENTRE) or None


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

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def with_value(self, key: str, text: str) -> CentreSettings:
        """A copy with one setting parsed from text; BadInput names what is wrong."""
        if key not in self.keys():
            raise BadInput(f"There is no setting called '{shown(key)}'.")
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
}


def parse_setting(key: str, value: str) -> int | str:
    """A setting's value from text; BadInput names what is wrong (control characters too)."""
    text = validate_text(
        value, f"setting {shown(key)}", 200, min_len=0, nb_field=f"innstillingen {shown(key)}"
    )
    if key in _INT_RANGES:
        low, high = _INT_RANGES[key]
        try:
            number = int(text)
        except ValueError:
            raise BadInput(f"The setting {key} must be a whole number.") from None
        if not low <= number <= high:
            raise BadInput(f"The setting {key} must be between {low} and {high}.")
        return number
    if key == "timezone":
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise BadInput(
                f"'{shown(text)}' is not a known time zone (e.g. Europe/Oslo)."
            ) from None
        return text
    if key == "language":
        if text not in ("nb", "en"):
            raise BadInput("The language must be 'nb' (bokmål) or 'en' (English).")
        return text
    if key == "magazine_title":
        return validate_text(
            text,
            "magazine title",
            40,
            nb_field="bladets tittel",
            sentence=(
                "The magazine title must be 1 to 40 characters.",
                "Bladets tittel må være 1 til 40 tegn.",
            ),
        )
    if key == "org_number":
        if len(text) > 30 or not all(c.isalnum() or c in " .-" for c in text):
            raise BadInput(
                "The organisation number is up to 30 letters, digits and spaces.",
                nb="Organisasjonsnummeret er opptil 30 bokstaver, sifre og mellomrom.",
            )
        return text
    if key == "papers_dir":
        return text  # any path up to 200 characters without control characters (checked above)
    raise BadInput(f"There is no setting called '{shown(key)}'.")
