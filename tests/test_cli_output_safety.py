"""Files the commands write: never over the database, owner-only, nothing half-written left.

Every command that writes a file goes through frontdesk.services.outputs; these
tests drive the commands themselves (and, for kills, real child processes).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from freezegun import freeze_time

from frontdesk import db
from frontdesk.db.models import Visit
from frontdesk.services.actor import Actor
from tests.test_cli_export import ROOT, run, seed

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
EXPORT = ("export", "--from", "2026-03-01", "--to", "2026-03-31")


def _visits(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return con.execute("SELECT COUNT(*) FROM visit").fetchone()[0]
    finally:
        con.close()


def _one_sentence(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@SQLITE
@pytest.mark.parametrize("command", ["export", "backup"])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_no_command_writes_over_the_database_or_its_files(
    backend: str, lead: Actor, command: str, suffix: str
) -> None:
    seed(lead)
    db.database.obj.close()
    before = _visits(Path(backend))
    target = backend + suffix
    args = EXPORT if command == "export" else ("backup",)
    result = run("--db", backend, *args, "-o", target)
    assert result.exit_code == 1
    sentence = _one_sentence(result)
    assert target in sentence and "choose another name with -o" in sentence
    assert _visits(Path(backend)) == before
    if Path(target).exists():
        assert not Path(target).read_bytes().startswith(b"date,")


@SQLITE
@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_a_link_to_the_database_is_the_database(
    backend: str, lead: Actor, tmp_path: Path, link: str
) -> None:
    seed(lead)
    alias = tmp_path / "alias.csv"
    (os.symlink if link == "symlink" else os.link)(backend, alias)
    result = run("--db", backend, *EXPORT, "-o", str(alias))
    assert result.exit_code == 1
    assert "file of the database itself" in _one_sentence(result)
    assert _visits(Path(backend)) == 7


@SQLITE
def test_export_does_not_overwrite_a_backup(backend: str, lead: Actor, tmp_path: Path) -> None:
    seed(lead)
    copy = tmp_path / "copy.db"
    assert run("--db", backend, "backup", "-o", str(copy)).exit_code == 0
    saved = copy.read_bytes()
    result = run("--db", backend, *EXPORT, "-o", str(copy))
    assert result.exit_code == 1
    assert "is a database file and will not be overwritten" in _one_sentence(result)
    assert copy.read_bytes() == saved


@SQLITE
def test_demo_refuses_the_side_file_of_a_database(backend: str, tmp_path: Path) -> None:
    result = run("demo", "--days", "2", "--db", backend + "-wal")
    assert result.exit_code == 1
    assert _one_sentence(result).endswith(
        "-wal belongs to the SQLite database " + backend + "; choose another name with --db."
    )


def test_export_file_is_owner_only_whatever_the_umask(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    seed(lead)
    out = tmp_path / "t.csv"
    old = os.umask(0o022)
    try:
        result = run("--db", backend, *EXPORT, "-o", str(out))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_export_removes_the_leftovers_of_a_killed_export(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    seed(lead)
    out = tmp_path / "t.csv"
    dead = tmp_path / f".t.csv.{_dead_pid()}.0badcafe.part"
    dead.write_text("date,centre\nhalf")
    other = tmp_path / f".november.csv.{_dead_pid()}.0badcafe.part"  # another name, same folder
    other.write_text("date,centre\nhalf")
    old_style = tmp_path / ".t.csv.k3j_x9q2.part"  # from a frontdesk before PIDs in the name
    old_style.write_text("date")
    someone_elses = tmp_path / ".notes.txt.part"
    someone_elses.write_text("keep")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".t.csv.{sleeper.pid}.0c0ffee0.part"
        live.write_text("still being written")
        result = run("--db", backend, *EXPORT, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert not dead.exists() and not other.exists() and not old_style.exists()
        assert live.exists()  # another export still under way keeps its file
        assert someone_elses.read_text() == "keep"
    finally:
        sleeper.kill()
        sleeper.wait()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".t.csv")) == [live.name]


def _child(code: str, target: str) -> subprocess.CompletedProcess[str]:
    """Run code in a child that binds the models to target; it kills itself midway."""
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from frontdesk import db
        target = sys.argv[1]
        {textwrap.indent(textwrap.dedent(code), " " * 8).strip()}
        """
    )
    return subprocess.run(
        [sys.executable, "-c", script, target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


KILL = "os.kill(os.getpid(), signal.SIGKILL)"


@SQLITE
def test_a_killed_export_leaves_no_file_and_no_lasting_leftover(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    seed(lead)
    out = tmp_path / "t.csv"
    child = _child(
        f"""
        from frontdesk.services.export import atomic_output
        db.connect(target)
        with atomic_output({str(out)!r}) as handle:
            handle.write("date,centre\\n")
            handle.flush()
            {KILL}
        """,
        backend,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert not out.exists()
    assert run("--db", backend, *EXPORT, "-o", str(out)).exit_code == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".t.csv")] == []


@SQLITE
def test_a_killed_backup_leaves_no_file_under_the_final_name(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    seed(lead)
    out = tmp_path / "copy.db"
    child = _child(
        f"""
        from frontdesk.services.backup import backup
        db.connect(target)
        backup({str(out)!r}, lambda done, total: {KILL})
        """,
        backend,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert not out.exists()
    assert list(tmp_path.glob(".copy.db.*.part"))  # the killed run's temporary file …
    result = run("--db", backend, "backup", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert _visits(out) == 7
    assert list(tmp_path.glob(".copy.db.*")) == []  # … is gone after the next backup


def test_a_killed_demo_leaves_nothing_and_can_be_rebuilt(tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    child = _child(
        """
        from frontdesk.demo import build_at
        calls = []
        def step(done, total):
            calls.append(done)
            if len(calls) == 3:
                os.kill(os.getpid(), signal.SIGKILL)
        build_at(target, 4, 1, 1, step)
        """,
        str(target),
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert not target.exists()
    result = run("demo", "--days", "4", "--centres", "1", "--db", str(target))
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("demo.db")] == []
    assert run("--db", str(target), "db", "check").exit_code == 0


def test_demo_makes_the_folder_of_a_new_database(tmp_path: Path) -> None:
    target = tmp_path / "data" / "frontdesk" / "frontdesk.db"  # e.g. a fresh user data folder
    result = run("demo", "--days", "2", "--centres", "1", "--db", str(target))
    assert result.exit_code == 0, result.stderr
    assert run("--db", str(target), "db", "check").exit_code == 0


def test_a_killed_demo_on_postgres_leaves_the_database_empty(pg_backend: str) -> None:
    child = _child(
        """
        from frontdesk.demo import build_at
        build_at(target, 4, 1, 1, lambda done, total: os.kill(os.getpid(), signal.SIGKILL))
        """,
        pg_backend,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    db.connect(pg_backend)
    assert Visit.select().count() == 0
    result = run("demo", "--days", "2", "--centres", "1", "--db", pg_backend)
    assert result.exit_code == 0, result.stderr


@SQLITE
def test_backup_is_named_in_the_centres_local_time(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    with freeze_time("2026-03-02 23:30:00"):  # 00:30 on 3 March in Bergen
        result = run("--db", backend, "backup")
    assert result.exit_code == 0, result.stderr
    assert (Path(backend).parent / "frontdesk-backup-20260303-003000.db").exists()


# -- init: nothing created on bad input; an existing file made owner-only ---------------


def _init(target: str, code: str = "STR", name: str = "Strax-huset"):
    return run(
        "--db", target, "init", "--centre-code", code, "--centre-name", name,
        "--lead", "AB", "--pin-stdin", input="4711\n",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("code", "name"), [("S", "Strax-huset"), ("STR", ""), ("STR", "x" * 101), ("ST R", "S")]
)
def test_init_with_bad_arguments_creates_nothing(tmp_path: Path, code: str, name: str) -> None:
    target = tmp_path / "new.db"
    result = _init(str(target), code, name)
    assert result.exit_code == 1
    _one_sentence(result)
    assert list(tmp_path.iterdir()) == []


def test_init_that_fails_midway_removes_the_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.services import supplies

    def broken(centre_id: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(supplies, "install_default_catalogue", broken)
    target = tmp_path / "new.db"
    result = _init(str(target))
    assert result.exit_code != 0
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == []


def test_init_makes_an_existing_file_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "shared.db"
    target.touch()
    os.chmod(target, 0o644)
    result = _init(str(target))
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    for side in tmp_path.glob("shared.db-*"):
        assert stat.S_IMODE(os.stat(side).st_mode) == 0o600, side
