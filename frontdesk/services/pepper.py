"""The PIN pepper: a secret key kept outside the database.

PIN hashes are scrypt over this key and the PIN, so a copied database or
backup alone cannot be searched for 4-digit PINs. The key is a 0600 file in
the user config folder (``pin-pepper.key``), or wherever ``FRONTDESK_PEPPER_FILE``
points (desks sharing one PostgreSQL database share the key the same way). It
is created at ``frontdesk init`` (or at the first PIN a database gets); once
a database holds a PIN made with a key, a missing or different key is refused
with one sentence rather than silently making a new one, and
``frontdesk staff reset-pin`` sets a new PIN with the key at hand.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from frontdesk.errors import FrontdeskError

ENV_PEPPER_FILE = "FRONTDESK_PEPPER_FILE"
FILE_NAME = "pin-pepper.key"
KEY_BYTES = 32


class KeyUnavailable(FrontdeskError):
    """The key file the PINs need is missing, unreadable or a different one."""


@dataclass(frozen=True)
class Pepper:
    key: bytes

    @property
    def key_id(self) -> str:
        """A short name for the key, stored with each hash (reveals nothing of the key)."""
        return hashlib.sha256(b"frontdesk pin pepper id\x00" + self.key).hexdigest()[:12]


def key_path() -> Path:
    """$FRONTDESK_PEPPER_FILE, else pin-pepper.key in the user config folder."""
    configured = os.environ.get(ENV_PEPPER_FILE, "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_config_path

    return user_config_path("frontdesk", appauthor=False) / FILE_NAME


def load() -> Pepper | None:
    """The key, or None when there is no key file yet."""
    path = key_path()
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()  # bad bytes: damaged
    except FileNotFoundError:
        return None
    except OSError as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise KeyUnavailable("error.pepper.cannot_read_pin_key", path=path, reason=reason) from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyUnavailable("error.pepper.pin_key_file_damaged", path=path)
    _owner_only(path)
    return Pepper(key)


def create() -> Pepper:
    """Make a new key file (owner-only); if one appeared meanwhile, use that one."""
    path = key_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        part = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            os.write(fd, (secrets.token_bytes(KEY_BYTES).hex() + "\n").encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(part, path)  # never replaces a key another process just made
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(part, path)
        finally:
            part.unlink(missing_ok=True)
    except OSError as exc:
        raise KeyUnavailable(
            "error.pepper.cannot_create_pin_key", path=path, why=exc.strerror or exc
        ) from None
    made = load()
    assert made is not None
    return made


def require(key_id: str) -> Pepper:
    """The key a stored hash was made with, or one sentence on what to do."""
    pepper = load()
    path = key_path()
    if pepper is None:
        raise KeyUnavailable("error.pepper.pin_key_file_missing", path=path)
    if pepper.key_id != key_id:
        raise KeyUnavailable("error.pepper.pin_key_file_pin", path=path)
    return pepper


def _owner_only(path: Path) -> None:
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError:
        pass
