"""The import contracts in pyproject.toml hold: lint-imports (import-linter) keeps them.

tui / cli -> services -> db, one way; tui and cli never import db or peewee
themselves; services and db never import textual or click; no import cycle
among the services modules.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def test_the_import_contracts_hold() -> None:
    out = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_the_contracts_cover_layers_and_cycles() -> None:
    """Nobody drops a contract to make the check pass."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    kinds = {
        (c["type"], tuple(c.get("layers", c.get("ancestors", [])))) for c in config["contracts"]
    }
    assert (
        "layers",
        ("frontdesk.cli : frontdesk.tui", "frontdesk.services", "frontdesk.db"),
    ) in kinds
    assert ("acyclic_siblings", ("frontdesk.services",)) in kinds
    demo = ("frontdesk.cli : frontdesk.tui", "frontdesk.demo", "frontdesk.services", "frontdesk.db")
    assert ("layers", demo) in kinds  # the services never use the demo builder
