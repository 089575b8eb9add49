"""The desk config file frontdesk.toml: database, centre and keymap, and its refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from frontdesk.cli import cli
from frontdesk.config import read_desk_config

LEAD_PIN = "4711"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$FRONTDESK_CONFIG names a frontdesk.toml in tmp (the test writes it); no $FRONTDESK_DB."""
    path = tmp_path / "config" / "frontdesk.toml"
    path.parent.mkdir()
    monkeypatch.setenv("FRONTDESK_CONFIG", str(path))
    monkeypatch.delenv("FRONTDESK_DB", raising=False)
    monkeypatch.delenv("FRONTDESK_CENTRE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return path


def missing_db_named(result) -> str:
    """The path in 'There is no database at PATH.'"""
    assert result.exit_code == 1, result.output
    first = result.stderr.strip().splitlines()[0]
    prefix = "Error: There is no database at "
    assert first.startswith(prefix), first
    return first[len(prefix) : -1]


def test_database_precedence_option_then_env_then_file_then_default(
    config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "data" / "frontdesk" / "frontdesk.db"
    assert missing_db_named(run("staff", "list")) == str(default)

    config_file.write_text(f'database = "{tmp_path / "from-file.db"}"\n', encoding="utf-8")
    assert missing_db_named(run("staff", "list")) == str(tmp_path / "from-file.db")

    monkeypatch.setenv("FRONTDESK_DB", str(tmp_path / "from-env.db"))
    assert missing_db_named(run("staff", "list")) == str(tmp_path / "from-env.db")

    result = run("--db", str(tmp_path / "from-option.db"), "staff", "list")
    assert missing_db_named(result) == str(tmp_path / "from-option.db")


def test_a_relative_database_is_read_from_the_config_files_folder(config_file: Path) -> None:
    config_file.write_text('database = "desk.db"\n', encoding="utf-8")
    assert missing_db_named(run("staff", "list")) == str(config_file.parent / "desk.db")


def test_the_file_names_the_database_and_centre_a_command_uses(
    config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "desk.db"
    made = run(
        *("--db", str(target), "init", "--centre-code", "STR", "--centre-name", "Strax-huset"),
        *("--lead", "AB", "--pin-stdin"),
        input=LEAD_PIN + "\n",
    )
    assert made.exit_code == 0, made.output
    config_file.write_text(f'database = "{target}"\ncentre = "STR"\n', encoding="utf-8")
    listed = run("staff", "list")
    assert listed.exit_code == 0, listed.output
    assert "AB" in listed.stdout

    # The centre: --centre > FRONTDESK_CENTRE > the file's centre.
    config_file.write_text(f'database = "{target}"\ncentre = "FIL"\n', encoding="utf-8")
    assert "There is no centre with the code FIL." in run("staff", "list").stderr
    monkeypatch.setenv("FRONTDESK_CENTRE", "ENV")
    assert "There is no centre with the code ENV." in run("staff", "list").stderr
    assert "There is no centre with the code OPT." in run("--centre", "OPT", "staff", "list").stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("database = \n", "has a TOML syntax error on line 1: Invalid value."),
        ('centre = "STR"\n[keymap\n', "has a TOML syntax error on line 2: Expected ']'"),
        (
            'databse = "x.db"\n',
            "has an unknown setting 'databse' (known: database, centre, keymap).",
        ),
        ("database = 5\n", "must give 'database' as a quoted text"),
        ('centre = ""\n', "must give 'centre' as a quoted text"),
        ('keymap = "ctrl+k"\n', 'must give [keymap] as a table of lines like lock = "ctrl+k".'),
        ("[keymap]\nlock = 12\n", "must give the keys of 'lock' in [keymap] as a quoted text"),
        ('[keymap]\nlock = ",ctrl+k"\n', "must give the keys of 'lock' in [keymap]"),
    ],
)
def test_a_broken_file_is_one_sentence_naming_it_for_every_command(
    config_file: Path, tmp_path: Path, text: str, message: str
) -> None:
    config_file.write_text(text, encoding="utf-8")
    # Even with --db: a typo in the file must not quietly send the desk elsewhere.
    result = run("--db", str(tmp_path / "x.db"), "staff", "list")
    assert result.exit_code == 1
    first, hint = result.stderr.strip().splitlines()
    assert first.startswith(f"Error: The desk config file {config_file} ")
    assert message in first
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()
    assert hint == "Correct or remove that file (docs/frontdesk.example.toml is an example)."


def test_a_file_that_is_not_utf8_or_not_a_file_is_refused(config_file: Path) -> None:
    config_file.write_bytes(b'centre = "\xff"\n')
    first = run("staff", "list").stderr.strip().splitlines()[0]
    assert first == f"Error: The desk config file {config_file} is not UTF-8 text."
    config_file.unlink()
    config_file.mkdir()  # a folder where the file should be
    assert f"The desk config file {config_file} could not be read" in run("staff", "list").stderr


@pytest.mark.parametrize(
    ("keymap", "message"),
    [
        ('lock = "ctrl+k"\nlokc = "ctrl+j"', "remaps 'lokc' in [keymap], which is not a key binding id (docs/keymap.md lists them)."),
        ('lock = "ctrl+kk"', "gives 'lock' the key 'ctrl+kk', which is not a key name (e.g. \"f9\", \"ctrl+k\", \"x\", \"escape\")."),
        ('lock = "f9,F99"', "gives 'lock' the key 'F99', which is not a key name"),
        ('lock = "esc"', "gives 'lock' the key 'esc', which is not a key name"),
        ('lock = "ctrl+q"', "gives ctrl+q to both 'lock' and 'quit' in [keymap]; one of them could never be used."),
        ('tab.lunch = "F1"', "gives f1 to both 'tab.checkin' and 'tab.lunch' in [keymap]"),
        ('checkin.f = "f7"', "gives f7 to both 'checkin.f' and 'checkin.m' in [keymap]"),
        ('checkin.f = "ctrl+l"', "gives ctrl+l to both 'checkin.f' and 'lock' in [keymap]"),
    ],
)  # fmt: skip
def test_a_keymap_the_desk_cannot_use_keeps_it_closed(
    config_file: Path, tmp_path: Path, keymap: str, message: str
) -> None:
    config_file.write_text(f"[keymap]\n{keymap}\n", encoding="utf-8")
    result = run("--db", str(tmp_path / "x.db"))  # no command: the desk app
    assert result.exit_code == 1
    first = result.stderr.strip().splitlines()[0]
    assert first.startswith(f"Error: The desk config file {config_file} ")
    assert message in first
    assert "Traceback" not in result.output


def test_the_bokmal_sentence_is_there_for_the_desk(config_file: Path) -> None:
    config_file.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        read_desk_config()
    assert caught.value.text("nb") == (
        f"Oppsettfila {config_file} har en ukjent innstilling 'x' "
        "(kjente: database, centre, keymap)."
    )


def test_no_file_is_no_config(config_file: Path) -> None:
    config = read_desk_config()
    assert (config.database, config.centre, config.keymap) == (None, None, {})


def test_binding_ids_may_be_written_with_or_without_quotes(config_file: Path) -> None:
    # Unquoted, TOML reads tab.lunch as a table "tab" holding "lunch": both mean the binding id.
    config_file.write_text(
        '[keymap]\ntab.lunch = "f9"\n"checkin.f" = " f10 , w "\nlock = "ctrl+k"\n',
        encoding="utf-8",
    )
    assert read_desk_config().keymap == {"tab.lunch": "f9", "checkin.f": "f10,w", "lock": "ctrl+k"}


@pytest.mark.parametrize("document", ["README.md", "docs/keymap.md", "docs/frontdesk.example.toml"])
def test_the_documented_example_is_a_file_the_desk_accepts(
    config_file: Path, document: str
) -> None:
    from frontdesk.tui.keymap import check_keymap

    text = (Path(__file__).resolve().parent.parent / document).read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0] if "```" in text else text
    config_file.write_text(example, encoding="utf-8")
    assert check_keymap(read_desk_config())  # every id known, every key free where it works
