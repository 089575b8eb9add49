"""Backups: a consistent online copy while desks keep working.

SQLite: the sqlite3 backup API copies every page of one consistent snapshot
in a single step (a step-by-step copy restarts whenever a desk writes, and
under steady check-ins never finishes; in WAL mode the single step does not
block the desks). The copy is written to a hidden temporary name beside the
target, checked with ``PRAGMA integrity_check`` and only then renamed, so a
killed backup never leaves a partial file under the final name. PostgreSQL:
``pg_dump`` is the tool; it is run when it is on the PATH, the same way.
The default name carries the centre's local date and time.
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

from frontdesk import clock, db
from frontdesk.config import CentreSettings
from frontdesk.db.models import Centre, database
from frontdesk.errors import BadInput, FrontdeskError
from frontdesk.services import outputs
from frontdesk.services.settings import get_settings

# All pages in one step: one consistent snapshot, never restarted by a writer.
ALL_PAGES = -1

# (pages copied, pages in total)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    kind: str  # sqlite | pg_dump


def default_name(kind: str, now: dt.datetime | None = None) -> str:
    """frontdesk-backup-YYYYMMDD-HHMMSS.db (or .sql) at ``now``, the centre's local time."""
    stamp = (now or _local_now()).strftime("%Y%m%d-%H%M%S")
    return f"frontdesk-backup-{stamp}.{'db' if kind == 'sqlite' else 'sql'}"


def _local_now(centre_code: str | None = None) -> dt.datetime:
    """Now on the wall clock of the chosen (or first) centre; the default zone without one."""
    query = Centre.select(Centre.id)
    centre = (
        query.where(Centre.code == centre_code.strip().upper()).first()
        if centre_code
        else query.order_by(Centre.id).first()
    )
    tz = get_settings(centre.id).timezone if centre else CentreSettings().timezone
    return clock.local_time(clock.utcnow(), tz)


def backup(
    output: str | None = None,
    progress: Progress | None = None,
    *,
    centre_code: str | None = None,
) -> BackupResult:
    """Back up the open database to ``output`` (default: a dated name next to it).

    Refuses to overwrite an existing file, and the database or any of its
    files. On PostgreSQL runs ``pg_dump``, or says it is needed when it is not
    installed. The default name is dated in the centre's local time.
    """
    if db.is_postgres():
        return _pg_dump(output, centre_code)
    return _sqlite_backup(output, progress, centre_code)


def _target(output: str | None, folder: Path, kind: str, centre_code: str | None) -> Path:
    name = output if output else folder / default_name(kind, _local_now(centre_code))
    path = outputs.check_output(name)
    if path.exists():
        raise BadInput("error.backup.already_exists_choose_another", path=path)
    return path


def _sqlite_backup(
    output: str | None, progress: Progress | None, centre_code: str | None
) -> BackupResult:
    source_path = Path(database.obj.database).resolve()
    path = _target(output, source_path.parent, "sqlite", centre_code)
    with outputs.staged(path, overwrite=False) as part:
        source = database.obj.connection()
        target = sqlite3.connect(str(part))
        try:
            source.backup(
                target,
                pages=ALL_PAGES,
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
            raise FrontdeskError("error.backup.backup_failed_integrity_check", result=result)
    return BackupResult(path, path.stat().st_size, "sqlite")


def _pg_dump(output: str | None, centre_code: str | None) -> BackupResult:
    tool = shutil.which("pg_dump")
    if tool is None:
        raise FrontdeskError("error.backup.database_postgresql_back_up")
    path = _target(output, Path.cwd(), "pg_dump", centre_code)
    params = database.obj.connect_params
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])  # not on the command line, where ps shows it
    with outputs.staged(path, overwrite=False) as part:
        args = [tool, "--no-owner", "--file", str(part), "--dbname", database.obj.database]
        for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
            if params.get(key):
                args += [flag, str(params[key])]
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["no message"])[0]
            raise FrontdeskError("error.backup.pg_dump_failed", why=first.removeprefix("pg_dump: "))
    return BackupResult(path, path.stat().st_size, "pg_dump")
