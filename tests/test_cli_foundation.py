"""The command line's foundation: init, staff, db upgrade/check, error handling, import hygiene."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontdesk.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def init(target: str, pin: str = "4711"):
    return run(
        "--db",
        target,
        "init",
        "--centre-code",
        "STR",
        "--centre-name",
        "Strax-huset",
        "--lead",
        "AB",
        "--pin-stdin",
        input=pin + "\n",
    )


def test_init_creates_an_owner_only_wal_database(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    result = init(str(path))
    assert result.exit_code == 0, result.output
    assert "Created centre STR (Strax-huset) with shift lead AB." in result.output
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    check = run("--db", str(path), "db", "check")
    assert check.exit_code == 0
    assert "integrity: ok" in check.output
    # The PIN's digits appear nowhere in the database files.
    for f in tmp_path.iterdir():
        assert b"4711" not in f.read_bytes(), f


def test_init_twice_is_one_sentence_and_non_zero(backend: str) -> None:
    assert init(backend).exit_code == 0
    again = init(backend)
    assert again.exit_code == 1
    assert again.stderr.strip() == "Error: The centre STR already exists in this database."


def test_init_works_on_postgresql_too(backend: str) -> None:
    assert init(backend).exit_code == 0
    listed = run("--db", backend, "staff", "list")
    assert listed.exit_code == 0
    assert listed.output.split()[:3] == ["AB", "lead", "active"]


def test_staff_add_list_disable(backend: str) -> None:
    init(backend)
    added = run(
        "--db", backend, "staff", "add", "cd", "--role", "desk", "--pin-stdin", input="1234\n"
    )
    assert added.exit_code == 0, added.output
    assert run("--db", backend, "staff", "disable", "CD").exit_code == 0
    lines = run("--db", backend, "staff", "list").output.splitlines()
    assert [line.split()[:3] for line in lines] == [
        ["AB", "lead", "active"],
        ["CD", "desk", "disabled"],
    ]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["staff", "add", "C1", "--pin-stdin"], "1234\n", "Error: Initials are 2 to 4 letters."),
        (["staff", "add", "CD", "--pin-stdin"], "12\n", "Error: A PIN is 4 to 8 digits."),
        (["staff", "disable", "ZZ"], None, "Error: There is no staff member with the initials ZZ."),
        (
            ["--centre", "XYZ", "staff", "list"],
            None,
            "Error: There is no centre with the code XYZ.",
        ),
    ],
)
def test_bad_input_is_one_sentence(
    backend: str, args: list[str], stdin: str | None, message: str
) -> None:
    init(backend)
    result = run("--db", backend, *args, input=stdin)
    assert result.exit_code != 0
    assert result.stderr.strip() == message
    assert "Traceback" not in result.output


def test_a_missing_database_is_one_sentence(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "nope.db"), "staff", "list")
    assert result.exit_code == 1
    first, hint = result.stderr.strip().splitlines()
    assert first == f"Error: There is no database at {tmp_path / 'nope.db'}."
    assert "--db" in hint and "FRONTDESK_DB" in hint  # the way to name another database


def test_a_usage_error_is_a_sentence_and_a_hint(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "x.db"), "staff", "add")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0] == "Error: Missing argument 'INITIALS'."
    assert lines[1] == "Try 'frontdesk staff add --help'."


def test_no_pin_without_a_terminal_is_refused(tmp_path: Path) -> None:
    result = run(
        "--db",
        str(tmp_path / "x.db"),
        "init",
        "--centre-code",
        "STR",
        "--centre-name",
        "S",
        "--lead",
        "AB",
        input="",
    )
    assert result.exit_code == 2
    assert "No PIN given" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_db_upgrade_reports_the_version(backend: str) -> None:
    init(backend)
    result = run("--db", backend, "db", "upgrade")
    assert result.exit_code == 0
    assert result.output.startswith("Schema version ")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return set(out.stdout.split())


@pytest.mark.parametrize(
    "args", [["--help"], ["print", "--help"], ["print", "z", "--help"], ["report", "--help"]]
)
def test_help_never_imports_textual_nor_the_pdf_library(args: list[str]) -> None:
    mods = _modules_after(
        "import sys\nfrom frontdesk.cli import cli\n"
        f"try:\n    cli.main({args!r}, standalone_mode=False)\nexcept SystemExit:\n    pass"
    )
    assert "frontdesk.cli" in mods
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)
    assert not any(m == "fpdf" or m.startswith("fpdf.") for m in mods)


def test_services_db_and_the_demo_never_import_textual() -> None:
    mods = _modules_after(
        "import pkgutil, importlib, frontdesk.services as s, frontdesk.db as db, frontdesk.demo\n"
        "for m in pkgutil.iter_modules(s.__path__): importlib.import_module('frontdesk.services.' + m.name)\n"
        "for m in pkgutil.iter_modules(db.__path__): importlib.import_module('frontdesk.db.' + m.name)"
    )
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)


def test_a_sqlite_command_never_loads_the_postgresql_driver(tmp_path: Path) -> None:
    target = str(tmp_path / "x.db")
    assert init(target).exit_code == 0
    mods = _modules_after(
        "from frontdesk.cli import cli\n"
        "try:\n"
        f"    cli.main(['--db', {target!r}, 'staff', 'list'], standalone_mode=False)\n"
        "except SystemExit:\n    pass"
    )
    assert "peewee" in mods
    assert not any(m.startswith("psycopg.") for m in mods)  # "psycopg" itself is the blocker


def test_a_command_in_a_fresh_process_connects_to_either_database(backend: str) -> None:
    """The PostgreSQL driver is left out only for a SQLite file, never for a URL."""
    assert init(backend).exit_code == 0
    out = subprocess.run(
        [sys.executable, "-m", "frontdesk", "--db", backend, "staff", "list"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[:3] == ["AB", "lead", "active"]
