"""`frontdesk catalogue` and `frontdesk settings`: shift-lead matters from the terminal."""

from __future__ import annotations

from click.testing import CliRunner

from frontdesk.cli import cli
from frontdesk.services.actor import Actor
from frontdesk.services.settings import get_settings
from frontdesk.services.supplies import catalogue, get_item


def run(backend: str, *args: str):
    return CliRunner().invoke(cli, ["--db", backend, *args])


def test_catalogue_lists_every_item_in_order(backend: str, lead: Actor) -> None:
    result = run(backend, "catalogue", "list")
    assert result.exit_code == 0
    codes = [line.split()[0] for line in result.output.splitlines()[1:]]
    assert codes == [item.code for item in catalogue(lead.centre_id, include_inactive=True)]
    assert codes[:2] == ["SPR1ML", "SPR2ML"]


def test_catalogue_add_and_deactivate(backend: str, lead: Actor) -> None:
    added = run(
        backend,
        "catalogue",
        "add",
        "kan30g",
        "--nb",
        "Kanyle 30G",
        "--en",
        "Needle 30G",
        "--low-stock",
        "50",
    )
    assert added.exit_code == 0, added.output
    assert catalogue(lead.centre_id)[-1].code == "KAN30G"
    assert run(backend, "catalogue", "set", "KAN30G", "--inactive").exit_code == 0
    assert get_item(lead.centre_id, "KAN30G").active is False
    assert "KAN30G" not in [i.code for i in catalogue(lead.centre_id)]


def test_catalogue_refuses_a_duplicate_code_in_one_sentence(backend: str, lead: Actor) -> None:
    result = run(backend, "catalogue", "add", "NALOX", "--nb", "x", "--en", "x")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: There is already an item with the code NALOX."


def test_settings_show_and_change(backend: str, lead: Actor) -> None:
    shown = run(backend, "settings")
    assert "timezone             Europe/Oslo" in shown.output
    changed = run(backend, "settings", "idle_lock_minutes", "3")
    assert changed.exit_code == 0
    assert get_settings(lead.centre_id).idle_lock_minutes == 3


def test_a_bad_setting_changes_nothing(backend: str, lead: Actor) -> None:
    result = run(backend, "settings", "timezone", "Mars/Base")
    assert result.exit_code == 1
    assert (
        result.stderr.strip() == "Error: 'Mars/Base' is not a known time zone (e.g. Europe/Oslo)."
    )
    assert get_settings(lead.centre_id).timezone == "Europe/Oslo"
