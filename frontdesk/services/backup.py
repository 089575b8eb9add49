"""Backups: a consistent online copy while desks keep working.

SQLite: the sqlite3 backup API copies the database page by page from a
consistent snapshot (writers are not blocked for long), into a new owner-only
file, which is then checked with ``PRAGMA integrity_check``. PostgreSQL:
``pg_dump`` is the tool; it is run when it is on the PATH.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import db
from db.models import database
from frontdesk.errors import BadInput, FrontdeskError

PAGES_PER_STEP = 1024

# (pages copied, pages in total)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    kind: str  # sqlite | pg_dump


def default_name(kind: str, now: dt.datetime | None = None) -> str:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"frontdesk-backup-{stamp}.{'db' if kind == 'sqlite' else 'sql'}"


def backup(output: str | None = None, progress: Progress | None = None) -> BackupResult:
    """Back up the open database to ``output`` (default: a dated name next to it).

    Refuses to overwrite an existing file. On PostgreSQL runs ``pg_dump``, or
    says it is needed when it is not installed.
    """
    if db.is_postgres():
        return _pg_dump(output)
    return _sqlite_backup(output, progress)


def _claim(path: Path) -> None:
    """Create the target owner-only, refusing one that exists."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise BadInput(f"{path} already exists; choose another name with -o.") from None
    except OSError as exc:
        raise BadInput(f"Cannot write {path}: {exc.strerror or exc}.") from None
    os.close(fd)
    os.chmod(path, 0o600)


def _sqlite_backup(output: str | None, progress: Progress | None) -> BackupResult:
    source_path = Path(database.obj.database).resolve()
    path = Path(output).expanduser() if output else source_path.parent / default_name("sqlite")
    if path.resolve() == source_path.resolve():
        raise BadInput("The backup cannot be the database itself; choose another name with -o.")
    _claim(path)
    try:
        source = database.obj.connection()
        target = sqlite3.connect(str(path))
        try:
            source.backup(
                target,
                pages=PAGES_PER_STEP,
                progress=(lambda _s, left, total: progress(total - left, total))
                if progress
                else None,
            )
            # One self-contained file: no -wal beside it.
            target.execute("PRAGMA journal_mode=DELETE")
            result = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
        if result != "ok":
            raise FrontdeskError(f"The backup failed its integrity check: {result}.")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    os.chmod(path, 0o600)
    return BackupResult(path, path.stat().st_size, "sqlite")


def _pg_dump(output: str | None) -> BackupResult:
    tool = shutil.which("pg_dump")
    if tool is None:
        raise FrontdeskError(
            "This database is on PostgreSQL: back it up with pg_dump, which is not installed here."
        )
    path = Path(output).expanduser() if output else Path.cwd() / default_name("pg_dump")
    _claim(path)
    params = database.obj.connect_params
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])  # not on the command line, where ps shows it
    args = [tool, "--no-owner", "--file", str(path), "--dbname", database.obj.database]
    for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            args += [flag, str(params[key])]
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=3600)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if done.returncode != 0:
        path.unlink(missing_ok=True)
        first = (done.stderr.strip().splitlines() or ["no message"])[0]
        raise FrontdeskError(f"pg_dump failed: {first.removeprefix('pg_dump: ')}")
    os.chmod(path, 0o600)
    return BackupResult(path, path.stat().st_size, "pg_dump")
