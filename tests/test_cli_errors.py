"""Every user mistake on the admin commands: one sentence on stderr, non-zero, no traceback."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from frontdesk.db.models import database
from frontdesk.services.actor import Actor
from tests.test_cli_export import run

ROOT = Path(__file__).resolve().parent.parent


def assert_one_sentence(result, code: int = 1) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 2, lines
    assert lines[0].startswith("Error: ") and lines[0].endswith(".")
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--from", "2026-02-30", "--to", "2026-03-01"),
        ("export", "--from", "yesterday", "--to", "2026-03-01"),
        ("report", "--from", "1.3.2026"),
        ("purge", "--before", "2026/01/01", "--yes"),
        ("report", "--from", "20260301"),  # an ISO form Python reads, but not YYYY-MM-DD
        ("print", "z", "--date", "2026-W10-1", "--receipt"),
    ],
)
def test_bad_date(backend: str, lead: Actor, args: tuple[str, ...]) -> None:
    result = run("--db", backend, *args)
    line = assert_one_sentence(result, code=2)
    assert "is not a date; write it as YYYY-MM-DD." in line
    command = " ".join(args[:2]) if args[0] == "print" else args[0]  # print z: a subcommand
    assert result.stderr.strip().splitlines()[1] == f"Try 'frontdesk {command} --help'."


@pytest.mark.parametrize("command", ["export", "report"])
def test_from_after_to(backend: str, lead: Actor, command: str) -> None:
    args = ["--db", backend, command, "--from", "2026-03-05", "--to", "2026-03-01"]
    line = assert_one_sentence(run(*args))
    assert line == "Error: The period starts (2026-03-05) after it ends (2026-03-01)."


@pytest.mark.parametrize("command", ["export", "report"])
def test_unknown_centre(backend: str, lead: Actor, command: str) -> None:
    args = ["--db", backend, command, "--from", "2026-03-01", "--to", "2026-03-01"]
    line = assert_one_sentence(run(*args, "--centre", "xyz"))
    assert line == "Error: There is no centre with the code XYZ."


def test_unknown_centre_through_the_global_option(backend: str, lead: Actor) -> None:
    result = run("--db", backend, "--centre", "NOPE", "purge", "--before", "2026-01-01")
    assert assert_one_sentence(result) == "Error: There is no centre with the code NOPE."


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--from", "2026-03-01", "--to", "2026-03-01"),
        ("report",),
        ("backup",),
        ("purge", "--before", "2026-01-01", "--yes"),
    ],
)
def test_missing_database(tmp_path: Path, args: tuple[str, ...]) -> None:
    missing = tmp_path / "nowhere" / "frontdesk.db"
    line = assert_one_sentence(run("--db", str(missing), *args))
    assert line == f"Error: There is no database at {missing}."
    assert not missing.exists()


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("shopping list\n" * 200)
    line = assert_one_sentence(
        run("--db", str(text), "export", "--from", "2026-03-01", "--to", "2026-03-01")
    )
    assert "not a database" in line


def test_a_database_of_another_program(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    assert_one_sentence(
        run("--db", str(other), "export", "--from", "2026-03-01", "--to", "2026-03-01")
    )
    line = assert_one_sentence(run("demo", "--days", "1", "--db", str(other)))
    assert (
        line == "Error: The database holds other tables (e.g. notes); build the demo in a new one."
    )


def test_demo_into_a_database_with_data(backend: str, lead: Actor) -> None:
    line = assert_one_sentence(run("--db", backend, "demo", "--days", "1"))
    assert "already holds data" in line


def test_excel_json_is_refused(backend: str, lead: Actor) -> None:
    args = ["--db", backend, "export", "--from", "2026-03-01", "--to", "2026-03-01"]
    result = run(*args, "--format", "json", "--excel")
    assert "--excel is for CSV files" in assert_one_sentence(result, code=2)


def test_export_to_a_folder_that_does_not_exist(backend: str, lead: Actor, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.csv"
    args = ["--db", backend, "export", "--from", "2026-03-01", "--to", "2026-03-01"]
    line = assert_one_sentence(run(*args, "-o", str(target)))
    assert line.startswith(f"Error: Cannot write {target}")


def test_subprocess_errors_have_no_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    for args in (
        ["export", "--from", "2026-03-01", "--to", "2026-02-01"],
        ["export", "--from", "2026-03-01", "--to", "2026-03-02"],
        ["report", "--to", "soon"],
    ):
        out = subprocess.run(
            [str(ROOT / ".venv/bin/frontdesk"), "--db", str(missing), *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode in (1, 2), out
        assert out.stdout == ""
        lines = out.stderr.strip().splitlines()
        assert 1 <= len(lines) <= 2 and lines[0].startswith("Error: "), out.stderr
        assert "Traceback" not in out.stderr


def test_help_and_export_never_import_textual() -> None:
    code = (
        "import sys, subprocess\n"
        "import frontdesk.cli\n"
        "assert 'textual' not in sys.modules\n"
        "from click.testing import CliRunner\n"
        "for args in (['--help'], ['export', '--help'], ['report', '--help']):\n"
        "    r = CliRunner().invoke(frontdesk.cli.cli, args)\n"
        "    assert r.exit_code == 0, r.output\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "print('clean')\n"
    )
    out = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.stdout.strip() == "clean", out.stderr


# -- issue 17: bad input gets one sentence, other programs' files stay as they were ------------

FRONTDESK = str(ROOT / ".venv/bin/frontdesk")

# Every command with the least arguments it needs (the PIN comes on stdin).
EVERY_COMMAND = [
    ("staff", "list"),
    ("staff", "add", "XY", "--pin-stdin"),
    ("staff", "disable", "XY"),
    ("catalogue", "list"),
    ("catalogue", "add", "NEWITEM", "--nb", "Ny", "--en", "New"),
    ("catalogue", "set", "FOLIE", "--unit", "pk"),
    ("settings",),
    ("settings", "language", "en"),
    ("db", "check"),
    ("db", "upgrade"),
    ("export", "--from", "2026-11-01", "--to", "2026-11-30", "--include-open"),
    ("report",),
    ("backup",),
    ("purge", "--before", "2026-11-01", "--yes"),
    ("init", "--centre-code", "NES", "--centre-name", "Nesttun", "--lead", "EF", "--pin-stdin"),
]


def _close_bound() -> None:
    if not database.is_closed():
        database.close()


def _run_all(target: str, *commands: tuple[str, ...]) -> list:
    results = []
    for args in commands or EVERY_COMMAND:
        results.append(run("--db", target, *args, input="4711\n"))
        _close_bound()
    return results


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database (one centre, four days), checkpointed into one file."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = run("demo", "--days", "4", "--centres", "1", "--db", str(path))
    assert result.exit_code == 0, result.stderr
    _close_bound()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def _damaged_copy(demo_file: Path, tmp_path: Path, *, at_header: bool) -> Path:
    """A copy with pages overwritten, as `dd` over the second half (or the start) of the file does."""
    copy = tmp_path / "damaged.db"
    shutil.copyfile(demo_file, copy)
    size = copy.stat().st_size
    with open(copy, "r+b") as handle:
        middle = (size // 2) // 4096 * 4096
        handle.seek(0 if at_header else middle)
        # From the middle to the end: whatever the day's layout, every command reads a bad page.
        handle.write(b"\xff" * (100 if at_header else size - middle))
    return copy


@pytest.mark.parametrize(
    "args",
    [
        ("backup",),
        ("purge", "--before", "2026-12-31", "--yes"),
        ("report", "--from", "2020-01-01", "--to", "2030-01-01"),
        ("export", "--from", "2020-01-01", "--to", "2030-01-01"),
    ],
)
def test_a_damaged_database_is_one_sentence(
    demo_file: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    damaged = _damaged_copy(demo_file, tmp_path, at_header=False)
    line = assert_one_sentence(run("--db", str(damaged), *args))
    assert line == (
        f"Error: The database {damaged} is damaged; "
        "run 'frontdesk db check' or restore the last backup."
    )
    _close_bound()


def test_db_check_names_the_damage(demo_file: Path, tmp_path: Path) -> None:
    damaged = _damaged_copy(demo_file, tmp_path, at_header=False)
    line = assert_one_sentence(run("--db", str(damaged), "db", "check"))
    assert line.startswith("Error: The database failed its integrity check: ")
    assert line.endswith("restore the last backup.")
    _close_bound()


def test_a_damaged_first_page_is_one_sentence_for_every_command(
    demo_file: Path, tmp_path: Path
) -> None:
    damaged = _damaged_copy(demo_file, tmp_path, at_header=True)
    before = damaged.read_bytes()
    for args, result in zip(EVERY_COMMAND, _run_all(str(damaged)), strict=True):
        line = assert_one_sentence(result)
        if args != ("db", "check"):
            assert "is not a database file, or its first page is damaged" in line, args
            assert "restore the last backup" in result.stderr
    assert damaged.read_bytes() == before  # nothing written, no WAL switch
    assert not Path(f"{damaged}-wal").exists()


@pytest.mark.parametrize(
    "url", ["postgresql://u:p@localhost:abc/x", "postgresql://u@[::1/x", "postgres://[zz/x"]
)
def test_a_bad_postgresql_url_is_one_sentence_for_every_command(url: str) -> None:
    for args, result in zip(EVERY_COMMAND, _run_all(url), strict=True):
        line = assert_one_sentence(result)
        assert "The database URL is not valid" in line, args
        assert "p@" not in line  # no password in the message
    demo = run("demo", "--days", "1", "--db", url)
    assert "The database URL is not valid" in assert_one_sentence(demo)


def _query_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Open every SQLite connection read-only, as a read-only file or folder does."""
    connect = sys.modules["frontdesk.db.connect"]  # the module (db.connect is also the function)
    monkeypatch.setattr(connect, "SQLITE_PRAGMAS", (*connect.SQLITE_PRAGMAS, ("query_only", 1)))


@pytest.mark.parametrize(
    "args",
    [
        ("staff", "add", "XY", "--pin-stdin"),
        ("settings", "language", "en"),
        ("catalogue", "add", "NEWITEM", "--nb", "Ny", "--en", "New"),
        # The demo's days before yesterday are closed (whatever the rollover hour).
        ("purge", "--before", (dt.date.today() - dt.timedelta(days=1)).isoformat(), "--yes"),
    ],
)
def test_a_read_only_database_is_one_sentence(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    copy = tmp_path / "ro.db"
    shutil.copyfile(demo_file, copy)
    _query_only(monkeypatch)
    line = assert_one_sentence(run("--db", str(copy), *args, input="4711\n"))
    assert line.startswith(f"Error: The database {copy} is read-only here; nothing was saved.")
    _close_bound()


def test_a_shm_that_is_a_folder_is_one_sentence(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "shm.db"
    shutil.copyfile(demo_file, copy)
    Path(f"{copy}-shm").mkdir()
    write, read = _run_all(str(copy), ("staff", "add", "XY", "--pin-stdin"), ("report",))
    assert_one_sentence(write)
    if read.exit_code:  # SQLite may read without the shared memory file
        assert_one_sentence(read)


def test_paths_the_system_refuses_are_one_sentence(
    tmp_path: Path, backend: str, lead: Actor
) -> None:
    loop = tmp_path / "loop"
    os.symlink(tmp_path / "loop2", loop)
    os.symlink(loop, tmp_path / "loop2")
    long_name = str(tmp_path / ("x" * 300))
    long_path = "/" + "a/" * 2100 + "x.db"
    export = ("export", "--from", "2026-11-01", "--to", "2026-11-02", "-o")
    cases = {
        ("--db", str(loop), "staff", "list"): "Too many levels of symbolic links",
        ("--db", str(loop), *EVERY_COMMAND[-1]): "Too many levels of symbolic links",
        ("--db", long_name, "staff", "list"): "longer than 255 bytes",
        ("--db", long_path, "staff", "list"): "longer than 4096 bytes",
        ("--db", "~nosuchuser/x.db", "staff", "list"): "There is no user 'nosuchuser'",
        ("--db", backend, *export, "~nosuchuser/x.csv"): "There is no user 'nosuchuser'",
        ("--db", backend, *export, long_name): "longer than 255 bytes",
        ("--db", backend, "backup", "-o", "~nosuchuser/x.db"): "There is no user 'nosuchuser'",
    }
    for args, expected in cases.items():
        result = run(*args, input="4711\n")
        _close_bound()
        line = assert_one_sentence(result, code=result.exit_code or 1)
        assert expected in line, (args, line)
    assert not list(tmp_path.glob("x*"))


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--to", "0001-01-01"),
        ("report", "--to", "0001-01-03"),
    ],
)
def test_the_first_representable_date_does_not_overflow(
    backend: str, lead: Actor, args: tuple[str, ...]
) -> None:
    result = run("--db", backend, *args)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_period_longer_than_twenty_years_is_refused(
    backend: str, lead: Actor, command: str
) -> None:
    args = ["--db", backend, command, "--from", "0001-01-01", "--to", "9999-12-31"]
    line = assert_one_sentence(run(*args, "--include-open" if command == "export" else "--"))
    assert line == (
        "Error: A period is at most 20 years (7,305 days); "
        "0001-01-01 to 9999-12-31 is 3,652,059 days."
    )
    twenty = ["--db", backend, command, "--from", "2006-12-03", "--to", "2026-12-02"]
    assert run(*twenty).exit_code == 0  # 7,305 days: the longest period allowed


def test_markup_in_names_is_shown_literally_in_the_report(tmp_path: Path) -> None:
    target = str(tmp_path / "markup.db")
    name = "[/red]Nest[red]tun[/]"
    created = run(
        "--db",
        target,
        "init",
        "--centre-code",
        "NES",
        "--centre-name",
        name,
        "--lead",
        "AB",
        "--pin-stdin",
        input="4711\n",
    )
    assert created.exit_code == 0, created.stderr
    _close_bound()
    item = run("--db", target, "catalogue", "add", "MARK", "--nb", "[bold]Folie", "--en", "[x]Foil")
    assert item.exit_code == 0, item.stderr
    result = run("--db", target, "report")
    assert result.exit_code == 0, result.stderr
    assert f"NES {name}" in result.stdout
    assert "[x]Foil" in result.stdout
    _close_bound()


@pytest.mark.parametrize(
    "value", ["Nes\x1b[31mtun", "Nes\x07tun", "Nes\ntun", "Nes\udcfftun", "Nes\x9btun", "\u202eNes"]
)
def test_control_characters_and_bad_bytes_in_text_are_refused(
    tmp_path: Path, backend: str, lead: Actor, value: str
) -> None:
    fresh = str(tmp_path / "ctl.db")
    init = ("init", "--centre-code", "NES", "--centre-name", value, "--lead", "AB", "--pin-stdin")
    cases = [
        (("--db", fresh, *init), "The centre name may not hold control characters"),
        (("--db", backend, "settings", "magazine_title", value), "may not hold control characters"),
        (("--db", backend, "settings", "timezone", value), "may not hold control characters"),
        (("--db", backend, "catalogue", "add", "CTL", "--nb", "Ny", "--en", value), "may not hold"),
        (("--db", backend, "catalogue", "set", "FOLIE", "--unit", value), "may not hold"),
    ]
    for args, expected in cases:
        result = run(*args, input="4711\n")
        _close_bound() if args[1] == fresh else None
        line = assert_one_sentence(result)
        assert expected in line, line
    # A refused value echoed in a message is escaped, never sent raw to the terminal.
    result = run("--db", backend, "--centre", value, "staff", "list")
    assert_one_sentence(result)
    assert not any(ch in result.stderr for ch in "\x1b\x07\x9b\udcff\u202e")


@pytest.mark.parametrize("code", ["0042", "1E3", "A", "ABCDEFGHI", "AB-1", "ÆØ"])
def test_a_centre_code_is_a_letter_then_letters_or_digits(tmp_path: Path, code: str) -> None:
    target = str(tmp_path / "codes.db")
    args = ["--db", target, "init", "--centre-code", code, "--centre-name", "X", "--lead", "AB"]
    line = assert_one_sentence(run(*args, "--pin-stdin", input="4711\n"))
    assert "A centre code is 2 to 8 characters: a letter A–Z first" in line
    _close_bound()


def test_a_good_centre_code_of_eight_is_taken(tmp_path: Path) -> None:
    target = str(tmp_path / "codes.db")
    args = ["--db", target, "init", "--centre-code", "nes2026b", "--centre-name", "X"]
    result = run(*args, "--lead", "AB", "--pin-stdin", input="4711\n")
    assert result.exit_code == 0, result.stderr
    assert "Created centre NES2026B" in result.stdout
    _close_bound()


def test_init_refuses_a_short_pin_at_the_first_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import frontdesk.cli.base

    monkeypatch.setattr(frontdesk.cli.base, "_stdin_is_terminal", lambda: True)
    target = str(tmp_path / "pin.db")
    args = ["--db", target, "init", "--centre-code", "NES", "--centre-name", "X", "--lead", "AB"]
    result = run(*args, input="12\n4711\n4711\n")
    assert result.exit_code == 0, result.stderr
    prompts = result.output.split("\n")
    # The short PIN is refused before any "Repeat for confirmation".
    assert prompts[:3] == ["PIN for AB: ", "Error: A PIN is 4 to 8 digits.", "PIN for AB: "]
    _close_bound()


@pytest.mark.parametrize(
    "args",
    [
        ("--db", "", "staff", "list"),
        ("--centre", "", "staff", "list"),
        ("--centre", " ", "purge", "--before", "2026-01-01", "--yes"),
        ("export", "--from", "2026-11-01", "--to", "2026-11-02", "--centre", ""),
        ("report", "--centre", ""),
        ("demo", "--days", "1", "--db", ""),
    ],
)
def test_an_empty_database_or_centre_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str, lead: Actor, args
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("FRONTDESK_DB", backend)
    line = assert_one_sentence(run(*args), code=2)
    assert "is empty" in line
    assert not (tmp_path / "data").exists()  # the default database was not made either


def _sqlite_state(path: Path) -> tuple[bytes, list[str], str]:
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master ORDER BY name")]
    mode = con.execute("PRAGMA journal_mode").fetchone()[0]
    con.close()
    return path.read_bytes(), tables, mode


def test_another_programs_database_is_never_changed(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")
    con.execute("INSERT INTO notes VALUES ('milk')")
    con.commit()
    con.close()
    before = _sqlite_state(other)
    assert before[2] == "delete"
    for args, result in zip(EVERY_COMMAND, _run_all(str(other)), strict=True):
        line = assert_one_sentence(result)
        assert "not a frontdesk database" in line or args == ("db", "check"), (args, line)
    assert _sqlite_state(other) == before  # no tables added, still not WAL
    assert not Path(f"{other}-wal").exists()


def test_an_empty_file_stays_empty_unless_init(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch(mode=0o600)
    for args, result in zip(
        EVERY_COMMAND[:-1], _run_all(str(empty), *EVERY_COMMAND[:-1]), strict=True
    ):
        line = assert_one_sentence(result)
        assert "The database is empty" in line or args == ("db", "upgrade"), (args, line)
    assert empty.stat().st_size == 0
    assert not Path(f"{empty}-wal").exists()
    result = run("--db", str(empty), *EVERY_COMMAND[-1], input="4711\n")
    assert result.exit_code == 0, result.stderr
    _close_bound()
    assert _sqlite_state(empty)[2] == "wal"


def _closed_stdout(*args: str) -> subprocess.CompletedProcess:
    command = " ".join(f"'{a}'" for a in [FRONTDESK, *args])
    return subprocess.run(
        ["sh", "-c", f"{command} >&-"], capture_output=True, text=True, timeout=60
    )


def test_a_closed_stdout_is_one_sentence(demo_file: Path, tmp_path: Path) -> None:
    for args in (
        ("export", "--from", "2026-11-01", "--to", "2026-11-30"),
        ("report",),
        ("staff", "list"),
    ):
        out = _closed_stdout("--db", str(demo_file), *args)
        assert out.returncode == 1, out
        assert (
            out.stderr == "Error: Standard output is closed, so the output could not be written.\n"
        )
    target = tmp_path / "out.csv"
    out = _closed_stdout(
        "--db",
        str(demo_file),
        "export",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "-o",
        str(target),
    )
    assert out.returncode == 0, out.stderr  # the file is the output: a closed stdout is fine
    assert target.read_text().startswith("date,centre,status")


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--from", "2026-01-01", "--to", "2026-12-31"),
        ("export", "--from", "2020-01-01", "--to", "2026-12-31", "--include-open"),
    ],
)
def test_a_reader_that_stops_reading_is_a_quiet_exit(
    demo_file: Path, args: tuple[str, ...]
) -> None:
    proc = subprocess.Popen(
        [FRONTDESK, "--db", str(demo_file), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # as `| head -0` does: every write meets a closed pipe
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert stderr == b""


def test_a_full_disk_during_a_write_is_one_sentence_and_saves_nothing(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect = sys.modules["frontdesk.db.connect"]
    copy = tmp_path / "full.db"
    shutil.copyfile(demo_file, copy)
    con = sqlite3.connect(copy)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    staff_before = con.execute("SELECT count(*) FROM staff").fetchone()[0]
    con.close()
    # SQLite reports SQLITE_FULL when the file may not grow: what a full disk does.
    monkeypatch.setattr(
        connect, "SQLITE_PRAGMAS", (*connect.SQLITE_PRAGMAS, ("max_page_count", pages))
    )
    name = "x" * 60
    for n in range(40):  # the free pages fill first
        result = run("--db", str(copy), "catalogue", "add", f"FULL{n}", "--nb", name, "--en", name)
        _close_bound()
        if result.exit_code:
            break
    line = assert_one_sentence(result)
    assert line == "Error: The disk is full; nothing was saved. Free some space and try again."
    con = sqlite3.connect(copy)
    assert con.execute("SELECT count(*) FROM staff").fetchone()[0] == staff_before
    assert (
        con.execute("SELECT count(*) FROM supply_item WHERE code = ?", (f"FULL{n}",)).fetchone()[0]
        == 0
    )
    con.close()


def test_a_full_disk_during_an_export_leaves_no_file(
    backend: str, lead: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("frontdesk.services.export.os.fsync", full)
    target = tmp_path / "out.csv"
    args = ["--db", backend, "export", "--from", "2026-11-01", "--to", "2026-11-02", "-o"]
    line = assert_one_sentence(run(*args, str(target)))
    assert line == "Error: The disk is full; nothing was saved. Free some space and try again."
    assert not list(tmp_path.glob("*out.csv*"))  # neither the file nor a temporary part


def test_a_full_disk_behind_a_failed_rollback_is_still_named() -> None:
    from frontdesk.errors import DiskFull
    from frontdesk.services.store import explain

    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError:
            raise sqlite3.OperationalError("cannot rollback - no transaction is active")  # noqa: B904
    except sqlite3.OperationalError as chained:
        assert isinstance(explain(chained), DiskFull)


def test_a_full_disk_during_a_backup_leaves_no_file(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.db"
    real_connect = sqlite3.connect

    def connect(name, *args, **kwargs):  # the backup (or its temporary name) holds two pages
        con = real_connect(name, *args, **kwargs)
        if target.name in str(name):
            con.execute("PRAGMA max_page_count = 2")
        return con

    monkeypatch.setattr(sqlite3, "connect", connect)
    line = assert_one_sentence(run("--db", str(demo_file), "backup", "-o", str(target)))
    assert line == "Error: The disk is full; nothing was saved. Free some space and try again."
    assert not list(tmp_path.glob("copy.db*"))  # no partial backup under any name
    _close_bound()


@pytest.mark.parametrize(
    "args",
    [
        ("staff", "add", "QQ", "--pin-stdin"),
        ("staff", "add", "QQ"),
        ("purge", "--before", (dt.date.today() - dt.timedelta(days=1)).isoformat()),  # asks
    ],
)
def test_a_closed_stdin_is_one_sentence(demo_file: Path, args: tuple[str, ...]) -> None:
    out = subprocess.run(
        [FRONTDESK, "--db", str(demo_file), *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(0),  # started as `frontdesk … <&-`
    )
    assert out.returncode in (1, 2), out
    lines = out.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 2 and lines[0].startswith("Error: "), out.stderr


def test_explain_leaves_other_failures_alone() -> None:
    """Only the database, its driver or the system get a storage sentence; a bug stays a bug."""
    from frontdesk.services.store import explain

    assert explain(ValueError("malformed input")) is None
    assert explain(RuntimeError("database or disk is full")) is None
    assert explain(sqlite3.DatabaseError("database disk image is malformed")) is not None
