"""Every user mistake on the admin commands: one sentence on stderr, non-zero, no traceback."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from frontdesk.services.staff import Actor
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
    ],
)
def test_bad_date(backend: str, lead: Actor, args: tuple[str, ...]) -> None:
    result = run("--db", backend, *args)
    line = assert_one_sentence(result, code=2)
    assert "is not a date; write it as YYYY-MM-DD." in line
    assert result.stderr.strip().splitlines()[1] == f"Try 'frontdesk {args[0]} --help'."


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
