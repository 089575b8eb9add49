"""The city login's password: never in the database, only in an owner-only file.

A ``city_url`` setting is stored in the desk's database, which other programs (a
backup, a shared PostgreSQL) may read. So a password typed into it is taken out
and written to a PostgreSQL password file (the ``.pgpass`` format libpq reads, mode
0600) in the user config folder; the setting keeps the URL without it, and the
push names that file to libpq (``passfile=``). ``$FRONTDESK_CITY_PASSFILE`` names
another file.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

ENV_PASSFILE = "FRONTDESK_CITY_PASSFILE"


def passfile_path() -> Path:
    chosen = os.environ.get(ENV_PASSFILE)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path("frontdesk", appauthor=False) / "city.pgpass"


def split_password(url: str) -> tuple[str, str | None]:
    """The URL without its password, and the password (None when it has none)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    user = quote(unquote(parts.username or ""), safe="")
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    netloc = f"{user}@{host}" if user else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), unquote(
        parts.password
    )


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _entry_key(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = str(parts.port or 5432)
    database = unquote(parts.path.lstrip("/"))
    user = unquote(parts.username or "")
    return ":".join(_escape(v) for v in (host, port, database, user))


def store_password(url: str, password: str) -> Path:
    """Write (or replace) the password of this URL's host, port, database and user in the
    owner-only password file; returns the file."""
    path = passfile_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = _entry_key(url)
    lines: list[str] = []
    if path.exists():
        lines = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(key + ":")
        ]
    lines.append(f"{key}:{_escape(password)}")
    part = path.with_name(path.name + ".part")
    fd = os.open(part, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    os.chmod(part, 0o600)
    os.replace(part, path)
    return path


def with_passfile(url: str) -> str:
    """The URL to connect with: a URL without a password names the password file, when
    there is one, so libpq reads the password from it."""
    parts = urlsplit(url)
    path = passfile_path()
    if parts.password is not None or not path.exists() or "passfile=" in parts.query:
        return url
    query = f"{parts.query}&" if parts.query else ""
    return urlunsplit(
        (
            parts.scheme,
            parts.netloc,
            parts.path,
            f"{query}passfile={quote(str(path), safe='/')}",
            parts.fragment,
        )
    )
