"""`frontdesk backup`: an owner-only, verified copy (SQLite) or a pg_dump (PostgreSQL)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from frontdesk.services.actor import Actor
from frontdesk.services.centre import init_centre
from tests.test_cli_export import run, seed


def test_backup_is_a_verified_owner_only_copy(backend: str, lead: Actor, tmp_path: Path) -> None:
    seed(lead)
    is_pg = backend.startswith("postgresql")
    out = tmp_path / ("copy.sql" if is_pg else "copy.db")
    result = run("--db", backend, "backup", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Backed up to {out} (")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    if is_pg:
        text = out.read_text()
        assert "CREATE TABLE" in text and "day_close" in text
        return
    assert "integrity: ok" in result.stdout
    copy = sqlite3.connect(out)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT COUNT(*) FROM visit").fetchone()[0] == 7
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        copy.close()


def test_backup_refuses_to_overwrite(backend: str, lead: Actor, tmp_path: Path) -> None:
    out = tmp_path / "exists.db"
    out.write_bytes(b"keep me")
    result = run("--db", backend, "backup", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {out} already exists; choose another name with -o.")
    assert out.read_bytes() == b"keep me"


def test_default_name_is_dated_next_to_the_database(tmp_path: Path) -> None:
    db_path = tmp_path / "data" / "frontdesk.db"
    made = run(
        "--db",
        str(db_path),
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
    assert made.exit_code == 0, made.stderr
    result = run("--db", str(db_path), "backup")
    assert result.exit_code == 0, result.stderr
    copies = list(db_path.parent.glob("frontdesk-backup-*.db"))
    assert len(copies) == 1
    assert len(copies[0].name) == len("frontdesk-backup-20260302-101500.db")
    assert str(copies[0]) in result.stdout


def test_postgres_without_pg_dump_names_the_tool(
    pg_backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_centre("STR", "Strax-huset", "AB", "4711")
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run("--db", pg_backend, "backup", "-o", str(tmp_path / "x.sql"))
    assert result.exit_code == 1
    assert "pg_dump" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.sql").exists()
