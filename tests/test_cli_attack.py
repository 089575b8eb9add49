"""A second attack on the command line, from a fresh clone: what it found, as tests.

Each test drives the real command (click's CliRunner) the way an admin or an
attacker typed it, and asserts what they would see: one sentence, a non-zero
exit, and no file changed that is not ours.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from frontdesk.db.models import database
from frontdesk.services.staff import Actor
from tests.test_cli_errors import assert_one_sentence
from tests.test_cli_export import run

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _close_bound() -> None:
    if not database.is_closed():
        database.close()


def _fifo(path: Path) -> Path:
    os.mkfifo(path, 0o600)
    return path


def _still_a_fifo(path: Path) -> None:
    assert stat.S_ISFIFO(path.lstat().st_mode), f"{path} was replaced by a regular file"


# -- output over something that is not a regular file (a device, a pipe) ----------

# `report --pdf /dev/null` run as root replaced /dev/null with a 0600 PDF and exited 0.
OUTPUT_COMMANDS = {
    "export": ("export", "--from", "2026-03-01", "--to", "2026-03-31", "-o", "{}"),
    "report --pdf": ("report", "--pdf", "{}"),
    "print x pdf": ("print", "x", "-o", "{}"),
    "print x receipt": ("print", "x", "--receipt", "-o", "{}"),
    "backup": ("backup", "-o", "{}"),
}
_NAMES = {"print x pdf": "out.pdf", "print x receipt": "out.txt", "report --pdf": "out.pdf"}


@SQLITE
@pytest.mark.parametrize("command", sorted(OUTPUT_COMMANDS))
@pytest.mark.parametrize("through_link", [False, True])
def test_output_over_a_pipe_or_device_is_refused_and_left_alone(
    backend: str, lead: Actor, tmp_path: Path, command: str, through_link: bool
) -> None:
    fifo = _fifo(tmp_path / _NAMES.get(command, "out.csv"))
    target = fifo
    if through_link:
        target = tmp_path / ("link-" + fifo.name)
        target.symlink_to(fifo)
    args = [a.replace("{}", str(target)) for a in OUTPUT_COMMANDS[command]]
    result = run("--db", backend, *args)
    line = assert_one_sentence(result)
    assert "not a regular file" in line
    _still_a_fifo(fifo)
    if through_link:
        assert target.is_symlink()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_demo_over_a_pipe_is_refused_and_left_alone(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "demo.db")
    result = run("demo", "--days", "1", "--centres", "1", "--db", str(fifo))
    assert "not a regular file" in assert_one_sentence(result)
    _close_bound()
    _still_a_fifo(fifo)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]


@pytest.mark.parametrize(
    "args",
    [
        ("init", "--centre-code", "STR", "--centre-name", "S", "--lead", "AB", "--pin-stdin"),
        ("report",),
        ("db", "check"),
    ],
)
def test_a_database_path_that_is_a_pipe_is_refused(tmp_path: Path, args: tuple[str, ...]) -> None:
    fifo = _fifo(tmp_path / "x.db")
    result = run("--db", str(fifo), *args, input="4711\n")
    assert "not a regular file" in assert_one_sentence(result)
    _close_bound()
    _still_a_fifo(fifo)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]  # no x.db-journal left


# -- a URL that is not postgresql:// is not a file name ----------------------------

# `--db mysql://localhost/x.db init` made the folders mysql:/localhost/ and a SQLite
# database in them, and said it created the centre.
FOREIGN_URLS = ["mysql://localhost/x.db", "sqlite:///tmp/x.db", "http://x.db", "postgresq://h/x"]


@pytest.mark.parametrize("url", FOREIGN_URLS)
@pytest.mark.parametrize(
    "args",
    [
        ("init", "--centre-code", "STR", "--centre-name", "S", "--lead", "AB", "--pin-stdin"),
        ("report",),
        ("backup",),
    ],
)
def test_a_url_of_another_kind_is_refused_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--db", url, *args, input="4711\n")
    line = assert_one_sentence(result)
    assert "postgresql://" in line and "SQLite file" in line
    _close_bound()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", FOREIGN_URLS)
def test_demo_refuses_a_url_of_another_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("demo", "--days", "1", "--centres", "1", "--db", url)
    assert "postgresql://" in assert_one_sentence(result)
    _close_bound()
    assert list(tmp_path.iterdir()) == []


def test_the_environment_variable_is_checked_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FRONTDESK_DB", "mysql://localhost/x.db")
    result = run(
        "init",
        "--centre-code",
        "STR",
        "--centre-name",
        "S",
        "--lead",
        "AB",
        "--pin-stdin",
        input="4711\n",
    )
    assert "postgresql://" in assert_one_sentence(result)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "url", ["postgresql://", "postgresql:///", "postgres://u:p@localhost:5432/"]
)
def test_a_postgresql_url_without_a_database_name_is_one_sentence(url: str) -> None:
    result = run("--db", url, "report")
    line = assert_one_sentence(result)
    assert "names no database" in line and "p@" not in line


# -- numbers beyond what the database stores ---------------------------------------

# `print z --version 99999999999999999999999 --receipt` ended in OverflowError on SQLite.
BIG_VERSIONS = [2**31, 2**63, 10**23]


@pytest.mark.parametrize("version", BIG_VERSIONS)
def test_a_z_report_version_too_big_to_store_is_not_found(
    backend: str, lead: Actor, version: int
) -> None:
    from frontdesk.errors import NotFound
    from frontdesk.services import dayclose
    from tests.conftest import mark_day_closed

    day = dt.date(2026, 3, 2)
    mark_day_closed(lead.centre_id, day)
    with pytest.raises(NotFound, match=f"no Z-report version {version}"):
        dayclose.z_report(lead, day, version)


@pytest.mark.parametrize("version", BIG_VERSIONS)
def test_print_z_with_a_huge_version_is_one_sentence(
    backend: str, lead: Actor, version: int
) -> None:
    from tests.conftest import mark_day_closed

    mark_day_closed(lead.centre_id, dt.date(2026, 3, 2))
    result = run(
        "--db",
        backend,
        "print",
        "z",
        "--date",
        "2026-03-02",
        "--version",
        str(version),
        "--receipt",
    )
    assert "has no Z-report version" in assert_one_sentence(result)


# -- export --metrics and the options it cannot use --------------------------------


def test_export_metrics_writes_to_the_file_named_with_o(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", "--metrics", "-o", "metrics.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # was: the table on stdout, -o silently ignored
    text = (tmp_path / "metrics.txt").read_text(encoding="utf-8")
    assert text.startswith("long name (JSON)") and "visits.total" in text
    assert stat.S_IMODE((tmp_path / "metrics.txt").stat().st_mode) == 0o600
    assert "metrics.txt" in result.stderr


@SQLITE
def test_export_metrics_will_not_write_over_the_database(backend: str, lead: Actor) -> None:
    _close_bound()
    before = Path(backend).read_bytes()
    result = run("--db", backend, "export", "--metrics", "-o", backend)
    assert "database" in assert_one_sentence(result)
    assert Path(backend).read_bytes() == before


@pytest.mark.parametrize(
    "extra",
    [
        ("--from", "2026-03-01"),
        ("--to", "2026-03-01"),
        ("--format", "json"),
        ("--layout", "long"),
        ("--excel",),
        ("--centre", "NOPE"),
        ("--include-open",),
    ],
)
def test_export_metrics_refuses_the_options_of_an_export(extra: tuple[str, ...]) -> None:
    for args in (("export", "--metrics", *extra), ("export", *extra, "--metrics")):
        result = run(*args)
        line = assert_one_sentence(result, code=2)
        assert "--metrics" in line and extra[0] in line


def test_export_metrics_alone_still_prints_the_table() -> None:
    result = run("export", "--metrics")
    assert result.exit_code == 0 and "visits.total" in result.stdout


def test_export_without_from_still_says_it_is_missing() -> None:
    result = run("export", "--to", "2026-03-01")
    assert "--from" in assert_one_sentence(result, code=2)


# -- $FRONTDESK_CENTRE is the default of --centre, for every command ----------------

# export, report and purge ignored it: FRONTDESK_CENTRE=NOPE silently meant every centre.


def _two_centres(lead: Actor) -> None:
    from frontdesk.services.centre import init_centre
    from tests.conftest import mark_day_closed, open_since

    centre, _member = init_centre("NES", "Nesttun", "EF", "4711")
    open_since(centre.id)
    for centre_id in (lead.centre_id, centre.id):  # a row for each centre in the export
        mark_day_closed(centre_id, dt.date(2026, 3, 1))


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--from", "2026-03-01", "--to", "2026-03-02", "--include-open"),
        ("report", "--from", "2026-03-01", "--to", "2026-03-02"),
        ("purge", "--before", "2026-03-01", "--yes"),
        ("print", "x", "--receipt"),
        ("staff", "list"),
    ],
)
def test_an_unknown_centre_in_the_environment_is_refused(
    backend: str, lead: Actor, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("FRONTDESK_CENTRE", "NOPE")
    result = run("--db", backend, *args)
    assert "no centre with the code NOPE" in assert_one_sentence(result)


@pytest.mark.parametrize("command", ["export", "report"])
def test_the_environment_centre_narrows_export_and_report_like_the_option(
    backend: str, lead: Actor, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    _two_centres(lead)
    args = (command, "--from", "2026-03-01", "--to", "2026-03-01")
    by_option = run("--db", backend, "--centre", "NES", *args)
    monkeypatch.setenv("FRONTDESK_CENTRE", "NES")
    by_env = run("--db", backend, *args)
    assert by_env.exit_code == 0, by_env.stderr
    assert by_env.stdout == by_option.stdout
    assert "NES" in by_env.stdout and "STR" not in by_env.stdout
    # The option still wins over the environment.
    both = run("--db", backend, "--centre", "STR", *args)
    assert "STR" in both.stdout and "NES" not in both.stdout


# -- a failed write leaves nothing beside the target --------------------------------

# `backup -o` on a full disk failed cleanly but left `.b.db.PID.TOKEN.part-journal`
# (SQLite's journal of the half-written copy) until the next run.


@pytest.mark.parametrize("side", ["-journal", "-wal", "-shm"])
def test_a_failed_staged_write_removes_the_side_files_of_its_temporary_file(
    tmp_path: Path, side: str
) -> None:
    import errno

    from frontdesk.services import outputs

    target = tmp_path / "b.db"
    with pytest.raises(OSError), outputs.staged(target, overwrite=False) as part:
        part.write_bytes(b"half")
        Path(f"{part}{side}").write_bytes(b"journal of the half copy")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert list(tmp_path.iterdir()) == []


# -- the PIN key file -------------------------------------------------------------


@SQLITE
def test_a_key_file_that_is_not_text_is_called_damaged(
    backend: str, lead: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # FRONTDESK_PEPPER_FILE pointed at a binary file said "'ascii' codec can't decode byte …".
    key = tmp_path / "binary.key"
    key.write_bytes(b"SQLite format 3\x00\xf9\xfe" * 4)
    monkeypatch.setenv("FRONTDESK_PEPPER_FILE", str(key))
    result = run("--db", backend, "staff", "reset-pin", "AB", "--pin-stdin", input="8642\n")
    line = assert_one_sentence(result)
    assert "is damaged" in line and "codec" not in line


def test_reset_pin_says_when_it_made_a_new_key_file(
    backend: str, lead: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A typo in FRONTDESK_PEPPER_FILE made a new key (and its folders) without a word; the
    # desks, which use the real key, then refused the new PIN.
    key = tmp_path / "typo" / "pin-pepper.key"
    monkeypatch.setenv("FRONTDESK_PEPPER_FILE", str(key))
    result = run("--db", backend, "staff", "reset-pin", "AB", "--pin-stdin", input="8642\n")
    assert result.exit_code == 0, result.stderr
    assert "Set a new PIN for AB." in result.stdout
    assert str(key) in result.stderr and "new PIN key file" in result.stderr
    again = run("--db", backend, "staff", "reset-pin", "AB", "--pin-stdin", input="8643\n")
    assert again.exit_code == 0 and "key file" not in again.stderr


# -- the last shift lead --------------------------------------------------------------


def test_the_last_active_lead_cannot_be_disabled(backend: str, lead: Actor) -> None:
    # `staff disable AB` left a centre with no active lead (and there is no `staff enable`).
    from frontdesk.errors import BadInput
    from frontdesk.services import staff

    cli_actor = Actor.cli(lead.centre_id)
    staff.add_staff(cli_actor, "CD", "1234", "desk")
    with pytest.raises(BadInput, match="last active shift lead"):
        staff.disable_staff(cli_actor, "AB")
    assert [m.active for m in staff.list_staff(lead.centre_id) if m.initials == "AB"] == [True]
    staff.add_staff(cli_actor, "EF", "1234", "lead")
    staff.disable_staff(cli_actor, "AB")  # with another lead it is allowed
    assert [m.active for m in staff.list_staff(lead.centre_id) if m.initials == "AB"] == [False]


def test_staff_disable_of_the_last_lead_is_one_sentence(backend: str, lead: Actor) -> None:
    result = run("--db", backend, "staff", "disable", "AB")
    assert "last active shift lead" in assert_one_sentence(result)
    listed = run("--db", backend, "staff", "list")
    assert "AB    lead  active " in listed.stdout


# -- one is not "1 days" ------------------------------------------------------------


def test_demo_and_report_count_one_day_in_the_singular(tmp_path: Path) -> None:
    target = str(tmp_path / "demo.db")
    built = run("demo", "--days", "2", "--centres", "1", "--db", target)
    assert built.exit_code == 0, built.stderr
    assert "2 business days (" in built.stdout
    assert "1 day closed with a Z-report" in built.stdout and "1 days" not in built.stdout
    _close_bound()
    one = run("demo", "--days", "1", "--centres", "1", "--db", str(tmp_path / "one.db"))
    assert "1 business day (" in one.stdout and "0 days closed" in one.stdout
    _close_bound()
    day = built.stdout.split("(")[1][:10]
    report = run("--db", target, "report", "--from", day, "--to", day)
    assert report.exit_code == 0, report.stderr
    assert "(1 day)" in report.stdout and "1 days" not in report.stdout


# -- report --pdf names a PDF file ------------------------------------------------------

# `report --pdf -` wrote a file called "-", `report --pdf out.txt` a PDF called .txt,
# while `print -o` refuses both.


@SQLITE
@pytest.mark.parametrize("name", ["-", "out.txt", "out.csv", "out"])
def test_report_pdf_refuses_a_name_that_is_not_a_pdf(
    backend: str, lead: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--db", backend, "report", "--pdf", name)
    assert ".pdf" in assert_one_sentence(result)
    assert not (tmp_path / name).exists()


@SQLITE
def test_report_pdf_takes_an_upper_case_suffix(backend: str, lead: Actor, tmp_path: Path) -> None:
    result = run("--db", backend, "report", "--pdf", str(tmp_path / "Week.PDF"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "Week.PDF").read_bytes().startswith(b"%PDF")


@SQLITE
def test_report_pdf_empty_is_refused_like_every_empty_option(backend: str, lead: Actor) -> None:
    result = run("--db", backend, "report", "--pdf", "")
    assert "empty" in assert_one_sentence(result, code=2)


@SQLITE
def test_a_catalogue_name_too_long_is_called_too_long(backend: str, lead: Actor) -> None:
    # It said "The Norwegian name is required (1 to 80 characters)." of a 100,000-letter name.
    result = run("--db", backend, "catalogue", "add", "LONG1", "--nb", "x" * 81, "--en", "y")
    line = assert_one_sentence(result)
    assert "must be 1 to 80 characters" in line and "required" not in line


# -- visitor show|erase ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [("visitor", "show", "AB85"), ("visitor", "erase", "AB85", "--reason", "r", "--yes")]
)
def test_visitor_commands_refuse_an_empty_centre(
    backend: str, lead: Actor, args: tuple[str, ...]
) -> None:
    # `visitor show CODE --centre ''` silently meant the first centre.
    from frontdesk.services import visits

    visits.register_visitor(lead, "AB85")
    result = run("--db", backend, *args, "--centre", "")
    assert "is empty" in assert_one_sentence(result, code=2)
    _close_bound()
    shown = run("--db", backend, "visitor", "show", "AB85")
    assert shown.exit_code == 0, shown.stderr  # the refused erase erased nothing
