"""Files the commands write: one check and one way of writing them.

Every command that writes a file (``export -o``, ``backup -o``, ``demo --db``)
calls ``check_output`` first: it refuses the open database, its ``-wal``,
``-shm`` and ``-journal`` files, the side files of any other SQLite database,
an existing SQLite database file, and any file the command is reading. The
file itself is written by ``staged``: under a hidden temporary name in the
same folder, owner-only, moved into place only when complete. A temporary
file left by a killed run is removed by the next run that writes there.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from frontdesk import db
from frontdesk.db.models import database
from frontdesk.errors import BadInput

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"
PART_SUFFIX = ".part"
# .NAME.PID.TOKEN.part: the PID tells a later run whether the writer is gone.
_PART_RE = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.part(-wal|-shm|-journal)?$")


def database_files(target: str | os.PathLike[str] | None = None) -> list[Path]:
    """The SQLite database at ``target`` (default: the open one) and its side files."""
    if target is None:
        if database.obj is None or db.is_postgres():
            return []
        target = database.obj.database
    base = Path(target).expanduser()
    return [base] + [base.with_name(base.name + suffix) for suffix in SIDE_SUFFIXES]


def _same(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def check_output(
    output: str | os.PathLike[str],
    *,
    reading: Iterable[str | os.PathLike[str]] = (),
    database_ok: bool = False,
    option: str = "-o",
    protected: Iterable[Path] | None = None,
) -> Path:
    """The path to write, or one sentence why it must not be written.

    Refuses an empty name, a folder, the open database and its side files (or
    the ``protected`` files instead), the ``-wal``/``-shm``/``-journal`` of any
    SQLite file, a file being read and (unless ``database_ok``) an existing
    SQLite database file, e.g. a backup.
    """
    if not str(output).strip():
        raise BadInput("error.outputs.output_file_name_empty")
    try:
        path = Path(output).expanduser()
    except RuntimeError:  # ~nosuchuser
        raise BadInput("error.outputs.cannot_write_no_such", output=output) from None
    try:
        is_folder = path.is_dir()
    except OSError as exc:  # e.g. a name too long for the file system
        raise BadInput("error.outputs.cannot_write", path=path, why=exc.strerror or exc) from None
    if is_folder:
        raise BadInput("error.outputs.folder_name_file_write", path=path)
    _refuse_special(path, option)
    for own in database_files() if protected is None else protected:
        if _same(path, own):
            raise BadInput("error.outputs.file_database_itself_choose", path=path, option=option)
    for source in reading:
        if _same(path, Path(source).expanduser()):
            raise BadInput("error.outputs.file_being_read_choose", path=path, option=option)
    for suffix in SIDE_SUFFIXES:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            base = path.with_name(path.name[: -len(suffix)])
            if base.is_file():
                raise BadInput(
                    "error.outputs.belongs_sqlite_database_choose",
                    path=path,
                    database=base,
                    option=option,
                )
    if not database_ok and path.is_file() and _is_sqlite_file(path):
        raise BadInput("error.outputs.database_file_will_overwritten", path=path, option=option)
    return path


def _refuse_special(path: Path, option: str = "-o") -> None:
    """Refuse an existing name that is not a regular file: a device, a pipe, a socket.

    The file is written beside it and moved into place, so ``-o /dev/null`` would
    replace the device itself (run as root) with a regular file.
    """
    try:
        found = path.stat()  # follows a symlink: the link's target is what would be replaced
    except FileNotFoundError:
        return
    except OSError as exc:  # a symlink loop, a name too long, no access
        raise BadInput("error.outputs.cannot_write", path=path, why=exc.strerror or exc) from None
    if not stat.S_ISREG(found.st_mode) and not stat.S_ISDIR(found.st_mode):
        raise BadInput("error.outputs.regular_file_device_pipe", path=path, option=option)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def clean_leftovers(path: Path) -> list[Path]:
    """Remove the temporary files that killed writes left in ``path``'s folder; returns them.

    A file of ours names its writer's process: it stays while that process
    runs. An older temporary file of ``path`` itself (no process named) goes too.
    """
    removed: list[Path] = []
    try:
        candidates = list(path.parent.glob(f".*{PART_SUFFIX}*"))
    except OSError:
        return removed
    for part in candidates:
        match = _PART_RE.match(part.name)
        if match is None:
            if not part.name.startswith(f".{path.name}."):
                continue  # not one of ours
        elif _pid_alive(int(match["pid"])):
            continue  # a write still under way
        with suppress(OSError):
            part.unlink()
            removed.append(part)
    return removed


@contextmanager
def staged(path: Path, *, overwrite: bool = True) -> Iterator[Path]:
    """A new owner-only temporary file beside ``path``, moved into place on success.

    Yields the temporary path for the caller to fill. A failure or interrupt
    removes it; without ``overwrite`` an existing ``path`` is refused, before
    any work and again at the moment of the move (never replaced).
    """
    if not overwrite and path.exists():
        raise BadInput("error.outputs.already_exists_choose_another", path=path)
    clean_leftovers(path)
    part = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{PART_SUFFIX}")
    try:
        fd = os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise BadInput("error.outputs.cannot_write", path=path, why=exc.strerror or exc) from None
    os.close(fd)
    try:
        os.chmod(part, 0o600)
        yield part
        _fsync(part)
        _move(part, path, overwrite=overwrite)
        _fsync_folder(path.parent)
    finally:
        # The temporary file, and a journal SQLite began in it (a backup on a full disk).
        for leftover in (part, *(part.with_name(part.name + s) for s in SIDE_SUFFIXES)):
            with suppress(FileNotFoundError):
                os.unlink(leftover)


def _move(part: Path, path: Path, *, overwrite: bool) -> None:
    _refuse_special(path)  # again at the moment of the move: never replace a device or a pipe
    try:
        if overwrite:
            os.replace(part, path)
            return
        try:
            os.link(part, path)  # fails if the name was taken meanwhile: never replaced
        except FileExistsError:
            raise BadInput("error.outputs.already_exists_choose_another", path=path) from None
        except OSError:  # a file system without hard links (e.g. a FAT memory stick)
            if path.exists():
                raise BadInput("error.outputs.already_exists_choose_another", path=path) from None
            os.replace(part, path)
            return
        os.unlink(part)
    except OSError as exc:
        raise BadInput("error.outputs.cannot_write", path=path, why=exc.strerror or exc) from None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    with suppress(OSError):
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
