"""The command line of issue 12: staff drills (and `staff list` showing them), training
sessions and referrals; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from freezegun import freeze_time

from frontdesk.services import overdose, tally
from frontdesk.services.actor import Actor
from tests.test_cli_export import run

NOON = dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 16)


def test_staff_drill_and_staff_list_show_the_last_drills(backend: str, desk: Actor) -> None:
    with freeze_time(NOON):
        done = run("--db", backend, "staff", "drill", "ab", "--kind", "cpr")
        assert done.exit_code == 0, done.stderr
        assert done.stdout == "Recorded AB's cpr drill on 2026-11-16.\n"
        run("--db", backend, "staff", "drill", "CD", "--kind", "cpr", "--date", "2026-03-01")
        run("--db", backend, "staff", "drill", "CD", "--kind", "naloxone", "--date", "2026-10-01")
        listed = run("--db", backend, "staff", "list")
    assert listed.exit_code == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "AB    lead  active    cpr 2026-11-16  naloxone never",
        "CD    desk  active    cpr 2026-03-01  naloxone 2026-10-01  CPR drill due",
    ]


def test_a_drill_voided_on_the_command_line_counts_nowhere(backend: str, lead: Actor) -> None:
    with freeze_time(NOON):
        run("--db", backend, "staff", "drill", "AB", "--kind", "cpr")
        [drill] = overdose.drills(lead.centre_id)
        listed = run("--db", backend, "staff", "drills", "AB")
        assert listed.stdout.split() == [str(drill.id), "2026-11-16", "AB", "cpr"]
        voided = run("--db", backend, "staff", "void-drill", str(drill.id), "--reason", "typo")
        assert voided.exit_code == 0, voided.stderr
        assert overdose.overdue_drills(lead.centre_id) == ["AB"]


def test_drill_mistakes_are_one_sentence(backend: str, lead: Actor) -> None:
    with freeze_time(NOON):
        cases = [
            (["staff", "drill", "ZZ", "--kind", "cpr"], "no staff member with the initials ZZ"),
            (["staff", "drill", "AB", "--kind", "swim"], "'swim' is not one of"),
            (["staff", "drill", "AB", "--kind", "cpr", "--date", "2026-11-17"], "after today"),
            (["staff", "drill", "AB", "--kind", "cpr", "--date", "17.11"], "YYYY-MM-DD"),
        ]
        for args, words in cases:
            result = run("--db", backend, *args)
            assert result.exit_code != 0 and words in result.stderr, (args, result.stderr)
            assert "Traceback" not in result.stderr
        assert overdose.drills(lead.centre_id) == []


def test_training_and_referrals_are_counted_in_the_days_tally(backend: str, lead: Actor) -> None:
    with freeze_time(NOON):
        done = run("--db", backend, "training", "cpr", "6")
        assert done.stdout == "Recorded a cpr session of 6 on 2026-11-16.\n", done.stderr
        assert run("--db", backend, "referral", "lar").exit_code == 0
        for people in ("0", "201", "-2"):
            refused = run("--db", backend, "training", "cpr", people)
            assert refused.exit_code != 0
            assert "whole number from 1 to 200" in refused.stderr or "-2" in refused.stderr
        day = tally.compute_day(lead.centre_id, DAY)
    assert (day.get("cpr.trained"), day.get("referrals.lar")) == (6, 1)


def test_the_report_shows_the_help_figures_and_the_reported_reversals(
    backend: str, lead: Actor
) -> None:
    from frontdesk.services import supplies

    with freeze_time(NOON):
        supplies.record_delivery(lead, "NALOX", 5)
        supplies.hand_out(
            lead,
            {"NALOX": 1},
            naloxone_recipient="relative",
            naloxone_trained=True,
            naloxone_reason="used_other",
            naloxone_outcome="alive",
        )
        overdose.record_training(lead, "cpr", 6)
        result = run("--db", backend, "report")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index(next(line for line in lines if "Overdose response" in line))
    rows = [line.split() for line in lines[start + 1 :] if line.strip() and "─" not in line]
    assert rows[1] == ["Reported", "overdose", "reversals", "1"]  # under the heading
    table = {row[0]: row[-1] for row in rows[2:]}
    assert table["naloxone_doses"] == "2"
    assert table["naloxone_reported_alive"] == "1"
    assert table["cpr_trained"] == "6"
    assert table["referrals_lar"] == "0"


def test_catalogue_set_changes_the_doses_of_a_kit(backend: str, lead: Actor) -> None:
    from frontdesk.services import supplies

    done = run("--db", backend, "catalogue", "set", "NALOX", "--doses", "3")
    assert done.exit_code == 0, done.stderr
    assert supplies.get_item(lead.centre_id, "NALOX").doses_per_unit == 3
    refused = run("--db", backend, "catalogue", "set", "NALOX", "--doses", "0")
    assert refused.exit_code != 0 and "from 1 to 100" in refused.stderr


def test_visitor_show_lists_the_referrals_and_training_from_the_visits(
    backend: str, lead: Actor
) -> None:
    from frontdesk.services import visits

    with freeze_time(NOON):
        visits.register_visitor(lead, "AB85")
        visit = visits.check_in(lead, "AB85")
        overdose.record_referral(lead, "detox", visit_id=visit.id)
        shown = run("--db", backend, "visitor", "show", "AB85")
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    at = lines.index("Henvisninger og opplæring fra besøkene (1)")  # the centre's language
    assert lines[at + 1] == "  2026-11-16 11:00 henvist: avrusning, Akuttposten"
