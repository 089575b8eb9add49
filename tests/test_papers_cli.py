"""`frontdesk print z|x`: A4 PDF or receipt text, and the refusals, on both databases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from freezegun import freeze_time

from frontdesk.services.actor import Actor
from tests.test_cli_export import run, seed
from tests.test_papers import pdf_text

NOW = "2026-03-03 12:00:00"  # 13:00 in Oslo: DAY (03-02) is closed, 03-03 is open


def test_print_z_writes_an_owner_only_a4_pdf(backend: str, lead: Actor, tmp_path: Path) -> None:
    seed(lead)
    out = tmp_path / "z.pdf"
    with freeze_time(NOW):
        result = run("--db", backend, "print", "z", "--date", "2026-03-02", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote Z-rapport nr 1 · versjon 1 for 2026-03-02 to {out}.\n"
    assert os.stat(out).st_mode & 0o777 == 0o600
    pages, text = pdf_text(out.read_bytes())
    assert pages == 1
    assert "Z-rapport nr 1 · versjon 1" in text and "Driftsdato 2026-03-02" in text
    assert "Opptalt kontant 112,50 kr" in text and "Differanse -12,50 kr" in text
    assert "Skrevet ut 2026-03-03 13:00" in text


def test_print_z_as_receipt_text_on_stdout_or_in_a_txt_file(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    seed(lead)
    with freeze_time(NOW):
        shown = run("--db", backend, "print", "z", "--date", "2026-03-02", "--receipt")
        out = tmp_path / "z.txt"
        written = run("--db", backend, "print", "z", "--date", "2026-03-02", "-o", str(out))
    assert shown.exit_code == 0 and written.exit_code == 0, shown.stderr + written.stderr
    lines = shown.stdout.splitlines()
    assert max(len(line) for line in lines) <= 42
    assert "Z-rapport nr 1 · versjon 1" in lines
    assert out.read_text(encoding="utf-8") == shown.stdout


def test_print_x_is_todays_running_tally(backend: str, lead: Actor) -> None:
    seed(lead)  # one visit on the open day 03-03
    with freeze_time(NOW):
        result = run("--db", backend, "print", "x", "--centre", "STR", "--receipt")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "X-rapport" in flat and "Driftsdato 2026-03-03" in flat
    assert "Besøk totalt 1" in flat


def test_refusals_are_one_sentence_and_write_nothing(
    backend: str, lead: Actor, tmp_path: Path
) -> None:
    seed(lead)
    cases = [
        (["--date", "2026-03-03", "-o", str(tmp_path / "open.pdf")], 1, "has not been closed"),
        (["--date", "2026-03-02", "-o", str(tmp_path / "z.doc")], 1, "Name the file .pdf"),
        (["--date", "2026-03-02", "--receipt", "-o", str(tmp_path / "z.pdf")], 1, "--receipt"),
        (["--date", "2026-03-02"], 2, "Name the file with -o"),
        (["--date", "2026-03-02", "--centre", "NOPE", "--receipt"], 1, "NOPE"),
        (["--date", "2026-03-02", "-o", str(tmp_path)], 2, "is a directory"),
    ]
    with freeze_time(NOW):
        for args, code, words in cases:
            result = run("--db", backend, "print", "z", *args)
            assert result.exit_code == code, (args, result.stderr)
            assert words in result.stderr, (args, result.stderr)
            assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 2
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("frontdesk")) == []


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # PostgreSQL has no file
def test_print_refuses_to_overwrite_the_database(tmp_path: Path, lead: Actor, backend: str) -> None:
    seed(lead)
    before = Path(backend).read_bytes()[:100]
    with freeze_time(NOW):
        result = run("--db", backend, "print", "z", "--date", "2026-03-02", "-o", backend)
    assert result.exit_code == 1
    assert "Name the file .pdf" in result.stderr  # its name alone refuses it
    renamed = Path(backend).with_suffix(".pdf")
    os.link(backend, renamed)  # the database under a .pdf name: refused as the database
    with freeze_time(NOW):
        result = run("--db", backend, "print", "z", "--date", "2026-03-02", "-o", str(renamed))
    assert result.exit_code == 1
    assert "database" in result.stderr
    assert Path(backend).read_bytes()[:100] == before
