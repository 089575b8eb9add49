"""On a terminal, the long commands (export, backup, purge, demo) show a progress bar on
stderr (cli/base.progress_bar) and write the same as when stderr is piped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import frontdesk.cli.base
from frontdesk.services.actor import Actor
from tests.test_cli_export import DAY, run, seed


@pytest.fixture(params=[False, True], ids=["piped", "terminal"])
def terminal(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    monkeypatch.setattr(frontdesk.cli.base, "stderr_is_terminal", lambda: request.param)
    return bool(request.param)


def test_export_writes_every_row_with_or_without_a_bar(
    backend: str, lead: Actor, tmp_path: Path, terminal: bool
) -> None:
    seed(lead)
    out = tmp_path / "x.csv"
    args = ["--from", "2026-03-01", "--to", "2026-03-04", "--include-open"]
    result = run("--db", backend, "export", *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(f"Wrote 3 centre-days to {out}.\n")  # after any bar
    assert ("Exporting" in result.stderr) == terminal
    piped = run("--db", backend, "export", *args)
    assert out.read_text(encoding="utf-8") == piped.stdout


def test_backup_and_purge_finish_with_or_without_a_bar(
    backend: str, lead: Actor, tmp_path: Path, terminal: bool
) -> None:
    seed(lead)
    copy = tmp_path / ("copy.db" if backend.endswith(".db") else "copy.sql")
    backup = run("--db", backend, "backup", "-o", str(copy))
    assert backup.exit_code == 0, backup.stderr
    assert "integrity: ok" in backup.stdout
    before = (DAY + dt.timedelta(days=1)).isoformat()
    purged = run("--db", backend, "purge", "--before", before, "--yes")
    assert purged.exit_code == 0, purged.stderr
    assert purged.stdout.splitlines()[-1].startswith("Deleted from 1 closed day before")


def test_demo_builds_with_or_without_a_bar(tmp_path: Path, terminal: bool) -> None:
    target = tmp_path / "demo.db"
    result = run("demo", "--days", "2", "--centres", "1", "--db", str(target))
    assert result.exit_code == 0, result.stderr
    assert ("Building demo days" in result.stderr) == terminal
    assert "Demo sign-on" in result.stdout
