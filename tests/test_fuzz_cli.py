"""Bad input on the command line: exit 0, or one "Error: …" sentence (and a hint).

Hypothesis fills every option of every command (dates, centre codes,
formats, layouts, initials, PINs, names, settings, paths, numbers) with valid
values and junk: empty, unicode, control characters and ANSI escapes, Rich
markup, SQL-looking text, impossible and extreme dates, paths the system
refuses (symlink loops, names over 255 bytes, ``~nosuchuser``), bad
PostgreSQL URLs, arguments that arrive as undecodable bytes (Python hands
those over as lone surrogates); and points every command at damaged, foreign,
empty and read-only database files. Every run must end with exit status 0, or
a non-zero status and at most two stderr lines of which the first starts with
"Error: "; never a traceback, never a control character echoed to the
terminal, and a refused command leaves the database as it was.

The runs are derandomized (the same examples on every machine, so CI is
repeatable), and every crash found by an attack on the command line is kept as
an ``@example``.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from frontdesk import db
from frontdesk.cli import cli
from frontdesk.db.models import database
from frontdesk.services import dayclose, visits
from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from frontdesk.services.validate import bad_char
from tests.conftest import open_since

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is repeatable
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

JUNK = [
    "",
    " ",
    "-",
    "--",
    "--help",
    "x" * 300,
    "\x1b[31m",
    "\udcff",  # an undecodable byte in argv
    "🙂",
    "ÆØÅ",
    "'; DROP TABLE centre; --",
    "1 OR 1=1",
    "%s%s%n",
    "NULL",
    "-1",
    "0",
    "99999999999999999999",
    "2026-02-30",
    "2026-13-01",
    "2026-1-1",
    "26-11-22",
    "22.11.2026",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-11-22T10:00",
    " 2026-11-22 ",
    "[/red]",
    "[red]x",
    "\x07",
    "a\nb",
    "\x9b31m",
    "\u202eAB",
    "~nosuchuser/x",
    "/" + "a/" * 2100 + "x",
    "postgresql://u@h:abc/x",
    "postgresql://u@[::1/x",
]
# argv never holds a NUL byte (C strings), so neither does the junk.
junk = st.one_of(st.sampled_from(JUNK), st.text(max_size=20)).filter(lambda t: "\x00" not in t)
# Text that arrives on stdin (click's test runner cannot encode a lone surrogate there).
clean_junk = junk.filter(lambda t: "\udcff" not in t)

# Valid dates in a short window, so a period with --include-open stays small.
WINDOW_START = dt.date(2026, 10, 20)
window_dates = st.integers(0, 45).map(lambda n: (WINDOW_START + dt.timedelta(days=n)).isoformat())


@pytest.fixture
def small_db(tmp_path: Path, _sqlite_template: Path) -> Iterator[str]:
    """A centre STR with a lead AB, a visitor, a visit and a few closed days."""
    import shutil

    path = tmp_path / "cli.db"
    shutil.copyfile(_sqlite_template, path)
    os.chmod(path, 0o600)
    db.connect(str(path))
    centre, member = init_centre("STR", "Strax-huset", "AB", "4711")
    open_since(centre.id)  # the closed days below are after the centre's opening
    lead = Actor(centre.id, member.id, member.initials, member.role)
    visits.register_visitor(lead, "AB85", vendor_number=12)
    visits.check_in(lead, "AB85")
    today = visits.visits_on(centre.id)[0].business_date
    for back in range(3, 0, -1):
        dayclose.close_day(lead, 0, today - dt.timedelta(days=back))
    database.close()
    yield str(path)
    if not database.is_closed():
        database.close()


def _span_days(date_from: str, date_to: str) -> int:
    """Days in the period when both dates parse (0 when either does not)."""
    try:
        first = dt.date.fromisoformat(date_from.strip())
        last = dt.date.fromisoformat(date_to.strip())
    except ValueError:
        return 0
    return (last - first).days


def run(args: list[str], stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, args, input=stdin, catch_exceptions=True)


def assert_clean(result: Result) -> None:
    """Exit 0, or at most two stderr lines starting with 'Error: '; never a traceback."""
    shown = result.stdout + result.stderr
    assert "Traceback" not in shown, shown[-2000:]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"an exception escaped: {result.exception!r}") from result.exception
    # Nothing a user typed reaches the terminal raw: no escapes, bells or bad bytes.
    raw = [ch for ch in result.stderr if bad_char(ch) is not None and ch != "\n"]
    assert not raw, f"control characters echoed on stderr: {result.stderr!r}"
    if result.exit_code == 0:
        return
    lines = result.stderr.splitlines()
    assert 1 <= len(lines) <= 2, f"stderr is not one sentence and a hint: {result.stderr!r}"
    assert lines[0].startswith("Error: "), f"stderr does not start with 'Error: ': {lines!r}"


@FUZZ
@given(
    date_from=st.one_of(window_dates, junk),
    date_to=st.one_of(window_dates, junk),
    fmt=st.one_of(st.sampled_from(["csv", "json"]), junk),
    layout=st.one_of(st.sampled_from(["wide", "long"]), junk),
    centre=st.one_of(st.none(), st.sampled_from(["STR", "str", "NES"]), junk),
    excel=st.booleans(),
    include_open=st.booleans(),
    to_file=st.booleans(),
)
def test_export_options(
    small_db: str,
    tmp_path: Path,
    date_from: str,
    date_to: str,
    fmt: str,
    layout: str,
    centre: str | None,
    excel: bool,
    include_open: bool,
    to_file: bool,
) -> None:
    args = ["--db", small_db, "export", "--from", date_from, "--to", date_to]
    args += ["--format", fmt, "--layout", layout]
    if centre is not None:
        args += ["--centre", centre]
    if excel:
        args.append("--excel")
    if include_open:
        # Every day of the period gets a row: keep the period short.
        assume(_span_days(date_from, date_to) <= 60)
        args.append("--include-open")
    if to_file:
        args += ["-o", str(tmp_path / "out.csv")]
    assert_clean(run(args))


@FUZZ
@given(date_from=st.one_of(junk, window_dates), date_to=st.one_of(junk, window_dates))
def test_export_extreme_periods_of_closed_days(small_db: str, date_from: str, date_to: str) -> None:
    assert_clean(run(["--db", small_db, "export", "--from", date_from, "--to", date_to]))


@FUZZ
@given(output=st.one_of(junk, st.sampled_from(["/", "/proc/1/nope.csv", "/nonexistent/x.csv"])))
def test_export_output_paths(
    small_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    monkeypatch.chdir(tmp_path)  # relative junk paths land in the test's folder
    args = ["--db", small_db, "export", "--from", "2026-11-01", "--to", "2026-11-02"]
    assert_clean(run([*args, "-o", output]))


@FUZZ
@given(
    code=st.one_of(st.sampled_from(["NES", "ab"]), junk),
    name=st.one_of(st.just("Nesttun"), junk),
    lead=st.one_of(st.sampled_from(["EF", "ØÅ", "abcd"]), junk),
    pin=st.one_of(st.sampled_from(["4711", "12345678"]), clean_junk),
)
def test_init_options(tmp_path: Path, code: str, name: str, lead: str, pin: str) -> None:
    target = tmp_path / "init.db"
    args = ["--db", str(target), "init", "--centre-code", code, "--centre-name", name]
    args += ["--lead", lead, "--pin-stdin"]
    assert_clean(run(args, stdin=pin + "\n"))
    if not database.is_closed():
        database.close()


@FUZZ
@given(
    initials=st.one_of(st.sampled_from(["EF", "GH", "AB"]), junk),
    role=st.one_of(st.sampled_from(["desk", "lead"]), junk),
    pin=st.one_of(st.sampled_from(["1234", "12345678", "123", "123456789"]), clean_junk),
    centre=st.one_of(st.none(), st.just("STR"), junk),
)
def test_staff_options(
    small_db: str, initials: str, role: str, pin: str, centre: str | None
) -> None:
    head = ["--db", small_db] + (["--centre", centre] if centre is not None else [])
    assert_clean(run([*head, "staff", "add", initials, "--role", role, "--pin-stdin"], pin + "\n"))
    assert_clean(run([*head, "staff", "disable", initials]))
    assert_clean(run([*head, "staff", "list"]))


@FUZZ
@given(
    before=st.one_of(window_dates, junk),
    yes=st.booleans(),
    days=st.one_of(st.sampled_from(["1", "0", "3661", "-5"]), junk),
    centres=st.one_of(st.sampled_from(["1", "5", "0"]), junk),
    seed=st.one_of(st.sampled_from(["1", "-1"]), junk),
)
def test_purge_report_and_demo_options(
    small_db: str, before: str, yes: bool, days: str, centres: str, seed: str
) -> None:
    assert_clean(run(["--db", small_db, "purge", "--before", before] + (["--yes"] if yes else [])))
    assert_clean(run(["--db", small_db, "report", "--from", before, "--to", before]))
    # The small database holds data, so a demo there is refused whatever the numbers.
    demo = ["demo", "--days", days, "--centres", centres, "--seed", seed, "--db", small_db]
    assert_clean(run(demo))


@FUZZ
@given(
    target=st.one_of(
        junk,
        st.sampled_from(
            [
                "/",
                "/nonexistent/frontdesk.db",
                "postgresql://nobody:wrong@127.0.0.1:1/nothing",
                "postgresql://",
                "postgres://%zz",
            ]
        ),
    ),
    command=st.sampled_from([["staff", "list"], ["db", "check"], ["backup"], ["db", "upgrade"]]),
)
def test_bad_database_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # an empty --db falls back here
    assert_clean(run(["--db", target, *command]))
    if not database.is_closed():
        database.close()


# -- bugs found by this file, fixed since: kept as plain cases -------------------------


@pytest.mark.parametrize(
    "command", [["staff", "list"], ["export", "--from", "2026-11-01", "--to", "2026-11-02"]]
)
def test_undecodable_centre_code_is_one_sentence(small_db: str, command: list[str]) -> None:
    assert_clean(run(["--db", small_db, "--centre", "\udcff", *command]))


def test_empty_output_path_is_one_sentence(
    small_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["--db", small_db, "export", "--from", "2026-11-01", "--to", "2026-11-02", "-o", ""]
    result = run(args)
    assert_clean(result)
    assert result.exit_code != 0


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--from", "9999-12-31", "--to", "9999-12-31", "--include-open"],
        ["report", "--from", "9999-12-31", "--to", "9999-12-31"],
    ],
)
def test_last_representable_date_is_one_sentence(small_db: str, command: list[str]) -> None:
    assert_clean(run(["--db", small_db, *command]))


# -- every command and option ------------------------------------------------------------


def _part(name: str, values: st.SearchStrategy[str] | None) -> st.SearchStrategy[list[str]]:
    """One option (left out, a valid value or junk), a flag (given or not) or an argument."""
    if values is None:
        return st.sampled_from([[], [name]])
    value = st.one_of(values, junk)
    if name.startswith("-"):
        return st.one_of(st.just([]), value.map(lambda v: [name, v]))
    return value.map(lambda v: [v])


def _command(words: list[str], *parts: tuple[str, st.SearchStrategy[str] | None]):
    groups = st.tuples(*[_part(name, values) for name, values in parts])
    return groups.map(lambda found: [*words, *[word for group in found for word in group]])


some = st.sampled_from
dates_or_junk = st.one_of(window_dates, some(["2026-11-01", "0001-01-01", "9999-12-31"]))
# Every command and every option (demo builds into the small database, which it refuses).
COMMAND_LINES = st.one_of(
    _command(["staff", "list"]),
    _command(
        ["staff", "add"],
        ("INITIALS", some(["EF", "ab"])),
        ("--role", some(["desk", "lead"])),
        ("--pin-stdin", None),
    ),
    _command(["staff", "disable"], ("INITIALS", some(["EF", "AB"]))),
    _command(["catalogue", "list"]),
    _command(
        ["catalogue", "add"],
        ("CODE", some(["NEWITEM", "FOLIE"])),
        ("--nb", some(["Ny ting"])),
        ("--en", some(["New thing"])),
        ("--unit", some(["stk", "pk"])),
        ("--kind", some(["syringe", "naloxone", "sharps_bin", "other"])),
        ("--low-stock", some(["0", "10"])),
        ("--bin-litres", some(["1", "5"])),
    ),
    _command(
        ["catalogue", "set"],
        ("CODE", some(["FOLIE", "NALOX"])),
        ("--nb", some(["Folie"])),
        ("--en", some(["Foil"])),
        ("--unit", some(["pk"])),
        ("--low-stock", some(["5"])),
        ("--bin-litres", some(["1"])),
        ("--active", None),
        ("--inactive", None),
    ),
    _command(
        ["settings"],
        ("KEY", some(["language", "timezone", "magazine_title", "rollover_hour"])),
        ("VALUE", some(["en", "nb", "Europe/Oslo", "Megafon", "4"])),
    ),
    _command(["db", "check"]),
    _command(["db", "upgrade"]),
    _command(
        ["export"],
        ("--from", dates_or_junk),
        ("--to", dates_or_junk),
        ("--format", some(["csv", "json"])),
        ("--layout", some(["wide", "long"])),
        ("--excel", None),
        ("--centre", some(["STR", "str"])),
        ("--include-open", None),
        ("-o", some(["out.csv", "sub/out.csv"])),
    ),
    _command(
        ["report"],
        ("--from", dates_or_junk),
        ("--to", dates_or_junk),
        ("--centre", some(["STR"])),
        ("--pdf", some(["report.pdf", "report.txt"])),
    ),
    _command(
        ["print", "z"],
        ("--date", dates_or_junk),
        ("--version", some(["1", "2"])),
        ("--centre", some(["STR"])),
        ("-o", some(["z.pdf", "z.txt"])),
        ("--receipt", None),
    ),
    _command(
        ["print", "x"],
        ("--centre", some(["STR"])),
        ("-o", some(["x.pdf", "x.txt"])),
        ("--receipt", None),
    ),
    _command(["staff", "reset-pin"], ("INITIALS", some(["AB", "EF"])), ("--pin-stdin", None)),
    _command(
        ["visitor", "show"],
        ("CODE", some(["AB85", "ZZ99"])),
        ("--centre", some(["STR"])),
        ("--format", some(["text", "json"])),
    ),
    _command(
        ["visitor", "erase"],
        ("CODE", some(["AB85", "ZZ99"])),
        ("--reason", some(["asked at the desk"])),
        ("--centre", some(["STR"])),
        ("--yes", None),
    ),
    _command(["export", "--metrics"], ("-o", some(["metrics.txt"]))),
    _command(["backup"], ("-o", some(["copy.db"]))),
    _command(["purge"], ("--before", dates_or_junk), ("--yes", None)),
    _command(
        ["demo"], ("--days", some(["1"])), ("--centres", some(["1"])), ("--seed", some(["1"]))
    ),
    _command(
        ["init"],
        ("--centre-code", some(["NES", "STR"])),
        ("--centre-name", some(["Nesttun"])),
        ("--lead", some(["EF"])),
        ("--pin-stdin", None),
    ),
)


def _dump(path: str) -> list[str]:
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@FUZZ
@given(
    argv=COMMAND_LINES,
    centre=st.one_of(st.none(), st.just("STR"), junk),
    pin=st.one_of(st.sampled_from(["4711", "12"]), clean_junk),
)
# Each crash an attack on the command line found (issue 17), kept as a fixed case.
@example(argv=["report", "--to", "0001-01-01"], centre=None, pin="4711")
@example(argv=["report", "--from", "0001-01-01", "--to", "9999-12-31"], centre=None, pin="4711")
@example(
    argv=["export", "--from", "0001-01-01", "--to", "9999-12-31", "--include-open"],
    centre=None,
    pin="4711",
)
@example(
    argv=["export", "--from", "2026-11-01", "--to", "2026-11-02", "-o", "~nosuchuser/x.csv"],
    centre=None,
    pin="4711",
)
@example(argv=["backup", "-o", "~nosuchuser/x.db"], centre=None, pin="4711")
@example(argv=["print", "x", "-o", "~nosuchuser/x.pdf"], centre=None, pin="4711")
@example(argv=["report", "--pdf", "~nosuchuser/r.pdf"], centre=None, pin="4711")
@example(
    argv=["export", "--from", "2026-11-01", "--to", "2026-11-02", "-o", "x" * 300],
    centre=None,
    pin="4711",
)
@example(argv=["staff", "list"], centre="", pin="4711")
@example(
    argv=["export", "--from", "2026-11-01", "--to", "2026-11-02", "--centre", ""],
    centre=None,
    pin="4711",
)
@example(argv=["settings", "magazine_title", "Mega\udcfffon"], centre=None, pin="4711")
@example(argv=["settings", "timezone", "Europe/\udcffOslo"], centre=None, pin="4711")
@example(argv=["settings", "magazine_title", "\x1b[31mRed\x07"], centre=None, pin="4711")
@example(
    argv=["catalogue", "add", "MARK", "--nb", "[/red]", "--en", "[red]x"], centre=None, pin="4711"
)
@example(argv=["catalogue", "set", "FOLIE", "--en", "Foil\nline"], centre=None, pin="4711")
@example(
    argv=["init", "--centre-code", "0042", "--centre-name", "X", "--lead", "EF", "--pin-stdin"],
    centre=None,
    pin="4711",
)
@example(
    argv=["init", "--centre-code", "NES", "--centre-name", "\udcff", "--lead", "EF", "--pin-stdin"],
    centre=None,
    pin="4711",
)
@example(argv=["staff", "list"], centre="\x1b[2J", pin="4711")
# The second attack (a fresh clone, the new commands): each crash kept as a fixed case.
@example(
    argv=["print", "z", "--date", "2026-11-01", "--version", "99999999999999999999", "--receipt"],
    centre=None,
    pin="4711",
)
@example(
    argv=["print", "z", "--date", "2026-11-01", "--version", "9223372036854775808", "--receipt"],
    centre="STR",
    pin="4711",
)
def test_every_command_and_option(
    small_db: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    centre: str | None,
    pin: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # relative junk paths land in the test's folder
    if "demo" in argv:
        argv = [*argv, "--db", small_db]  # refused (it holds data), whatever the numbers
    head = ["--db", small_db] + (["--centre", centre] if centre is not None else [])
    before = _dump(small_db)
    result = run([*head, *argv], stdin=pin + "\n")
    if not database.is_closed():
        database.close()
    assert_clean(result)
    if result.exit_code != 0:
        assert _dump(small_db) == before, "a refused command changed the database"
    if argv[:1] == ["report"] and result.exit_code == 0:
        assert "[/" not in result.stderr


# -- every command against every kind of bad database ----------------------------------------

EVERY_COMMAND = [
    ["staff", "list"],
    ["staff", "add", "XY", "--pin-stdin"],
    ["staff", "disable", "XY"],
    ["catalogue", "list"],
    ["catalogue", "add", "NEWITEM", "--nb", "Ny", "--en", "New"],
    ["catalogue", "set", "FOLIE", "--unit", "pk"],
    ["settings"],
    ["settings", "language", "en"],
    ["db", "check"],
    ["db", "upgrade"],
    ["export", "--from", "2026-11-01", "--to", "2026-11-30", "--include-open"],
    ["report"],
    ["report", "--pdf", "report.pdf"],
    ["print", "x", "--receipt"],
    ["print", "z", "--date", "2026-11-30", "-o", "z.pdf"],
    ["backup", "-o", "copy.db"],
    ["purge", "--before", "2026-12-31", "--yes"],
    ["demo", "--days", "1", "--centres", "1"],
    ["init", "--centre-code", "NES", "--centre-name", "Nesttun", "--lead", "EF", "--pin-stdin"],
]
# Commands that write, whatever the data.
WRITES = [EVERY_COMMAND[1], EVERY_COMMAND[4], EVERY_COMMAND[5], EVERY_COMMAND[7]]
BAD_FILES = [
    "read-only",
    "full-disk",
    "damaged-header",
    "damaged-page",
    "other-program",
    "empty",
    "symlink-loop",
    "folder",
    "under-a-file",
]


def _bad_file(kind: str, small_db: str, folder: Path) -> Path:
    import shutil
    import sqlite3

    path = folder / f"{kind}.db"
    if kind in ("read-only", "full-disk") or kind.startswith("damaged"):
        con = sqlite3.connect(small_db)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        shutil.copyfile(small_db, path)
    if kind in ("read-only", "full-disk"):
        con = sqlite3.connect(path)
        con.execute("VACUUM")  # no free pages left: a full disk refuses the first new page
        con.close()
    elif kind.startswith("damaged"):
        with open(path, "r+b") as handle:
            handle.seek(0 if kind == "damaged-header" else 2 * 4096)
            handle.write(b"\xff" * (100 if kind == "damaged-header" else 3 * 4096))
    elif kind == "other-program":
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE notes (x)")
        con.commit()
        con.close()
    elif kind == "empty":
        path.touch(mode=0o600)
    elif kind == "symlink-loop":
        os.symlink(folder / "loop-b", path)
        os.symlink(path, folder / "loop-b")
    elif kind == "folder":
        path.mkdir()
    elif kind == "under-a-file":
        path.write_text("x")
        path = path / "frontdesk.db"
    return path


def _pages(path: Path) -> int:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return int(con.execute("PRAGMA page_count").fetchone()[0])
    finally:
        con.close()


def _state(path: Path) -> tuple:
    """The file's bytes and its companions (-wal, -shm, -journal) as they are now."""

    def read(p: Path) -> bytes | str | None:
        if p.is_symlink() or p.is_dir():
            return "special"
        return p.read_bytes() if p.exists() else None

    return tuple(read(Path(f"{path}{suffix}")) for suffix in ("", "-wal", "-shm", "-journal"))


@pytest.mark.parametrize("kind", BAD_FILES)
def test_every_command_against_a_bad_database_file(
    small_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.chdir(tmp_path)
    target = _bad_file(kind, small_db, tmp_path)
    if kind in ("read-only", "full-disk"):
        # SQLite answers exactly as for a read-only file or a full disk (SQLITE_READONLY,
        # SQLITE_FULL); reading commands work, writing ones refuse with one sentence.
        connect = sys.modules["frontdesk.db.connect"]
        pages = _pages(target)
        limit = ("query_only", 1) if kind == "read-only" else ("max_page_count", pages)
        monkeypatch.setattr(connect, "SQLITE_PRAGMAS", (*connect.SQLITE_PRAGMAS, limit))
    for command in EVERY_COMMAND:
        before = _state(target)
        args = ["--db", str(target), *command]
        if command[0] == "demo":
            args = [*command, "--db", str(target)]
        result = run(args, stdin="4711\n")
        if not database.is_closed():
            database.close()
        assert_clean(result)
        if kind == "empty" and command[0] in ("init", "demo"):
            continue  # a new or empty path is what these two may build on
        if kind == "symlink-loop" and command[0] == "demo":
            break  # demo moves its new file into place: the looping link is replaced, not followed
        if kind in ("read-only", "full-disk"):
            if result.exit_code:
                assert _state(target)[0] == before[0], f"{command} changed the {kind} file"
            if kind == "read-only" and command in WRITES:
                assert "is read-only here; nothing was saved" in result.stderr, command
            # (A full disk bites only when a row needs a new page: test_cli_errors fills it.)
            continue
        if kind == "damaged-page":
            # Our own WAL database: SQLite may make its -wal and -shm to read it, and a
            # command that never reads the damaged page may work; a refusal writes nothing.
            if result.exit_code:
                assert _state(target)[0] == before[0], f"{command} changed the {kind} file"
            continue
        assert result.exit_code != 0, (kind, command)
        assert _state(target) == before, f"{command} changed the {kind} file"


@FUZZ
@given(
    target=st.one_of(
        junk,
        st.sampled_from(
            [
                "postgresql://u:p@h:abc/x",
                "postgresql://u@[::1/x",
                "postgres://[zz/x",
                "postgresql://u@h:99999/x",
            ]
        ),
    ),
    command=st.sampled_from(EVERY_COMMAND),
)
@example(target="postgresql://u@h:abc/x", command=["report"])
@example(target="postgresql://u@[::1/x", command=["staff", "list"])
@example(target="", command=["staff", "list"])
@example(target="~nosuchuser/x.db", command=["report"])
@example(target="mysql://localhost/x.db", command=EVERY_COMMAND[-1])  # made folders mysql:/…
@example(target="sqlite:///x.db", command=["demo", "--days", "1", "--centres", "1"])
@example(target="postgresql://", command=["report"])  # peewee's "must be initialized"
@example(
    target="x" * 300,
    command=["init", "--centre-code", "NES", "--centre-name", "N", "--lead", "EF", "--pin-stdin"],
)
def test_every_command_against_a_bad_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    args = [*command, "--db", target] if command[0] == "demo" else ["--db", target, *command]
    result = run(args, stdin="4711\n")
    if not database.is_closed():
        database.close()
    assert_clean(result)
    assert not (tmp_path / "data").exists(), "an empty or bad --db fell back to the default"
    made = [p.name for p in tmp_path.iterdir() if p.name.endswith(":")]
    assert not made, f"a URL became the folders {made}"


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("closed", [0, 1], ids=["stdin-closed", "stdout-closed"])
@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda c: " ".join(c[:2]))
def test_every_command_with_a_standard_stream_closed(
    small_db: str, tmp_path: Path, command: list[str], closed: int
) -> None:
    """`frontdesk … <&-` and `… >&-`: exit 0, or one sentence (stdout closed: it says so)."""
    args = [*command, "--db", small_db] if command[0] == "demo" else ["--db", small_db, *command]
    out = subprocess.run(
        [str(ROOT / ".venv/bin/frontdesk"), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        timeout=60,
        preexec_fn=lambda: os.close(closed),  # the child starts with that descriptor closed
    )
    stderr = out.stderr.decode()
    assert "Traceback" not in stderr
    if out.returncode:
        lines = stderr.splitlines()
        assert 1 <= len(lines) <= 2 and lines[0].startswith("Error: "), stderr
