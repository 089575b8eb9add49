"""One vocabulary: every list of stored values is spelled out in vocab.py only.

A second copy of a list drifts: a payment method added in one place and not in
another is refused at the desk, or counted under no method. So no other module
of the application spells out a list of payment methods, lunch groups,
genders, roles, item kinds, naloxone recipients, export formats or layouts;
each imports them, and each value has its words (both languages), its tally
metric and its desk key.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from frontdesk import demo, i18n
from frontdesk.services import tally, vocab

ROOT = Path(__file__).resolve().parent.parent
VOCAB = Path(vocab.__file__).resolve()

LISTS = {
    "GENDERS": vocab.GENDERS,
    "LUNCH_GROUPS": vocab.LUNCH_GROUPS,
    "PAYMENTS": vocab.PAYMENTS,
    "ROLES": vocab.ROLES,
    "ITEM_KINDS": vocab.ITEM_KINDS,
    "NALOXONE_RECIPIENTS": vocab.NALOXONE_RECIPIENTS,
    "EXPORT_FORMATS": vocab.EXPORT_FORMATS,
    "EXPORT_LAYOUTS": vocab.EXPORT_LAYOUTS,
    # issue 12
    "NALOXONE_REASONS": vocab.NALOXONE_REASONS,
    "NALOXONE_OUTCOMES": vocab.NALOXONE_OUTCOMES,
    "NALOXONE_EMS": vocab.NALOXONE_EMS,
    "TRAINING_KINDS": vocab.TRAINING_KINDS,
    "REFERRAL_KINDS": vocab.REFERRAL_KINDS,
}


def copies_in(source: str) -> list[tuple[int, str]]:
    """(line, list name) of every tuple, list or set of strings that spells a vocabulary list.

    A literal of two or more strings, all values of one list, is a copy of it,
    whole or partial (``("f", "m", "x")``, ``click.Choice(["desk", "lead"])``).
    Dictionaries keyed by the values (a weight or a key per value) are not lists.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Tuple | ast.List | ast.Set):
            continue
        values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        if len(values) != len(node.elts) or len(set(values)) < 2:
            continue
        if not all(isinstance(v, str) for v in values):
            continue
        for name, words in LISTS.items():
            if set(values) <= set(words):
                found.append((node.lineno, name))
    return found


def application_sources() -> list[Path]:
    paths = [*(ROOT / "frontdesk").rglob("*.py"), *(ROOT / "db").rglob("*.py")]
    return sorted(p for p in paths if p.resolve() != VOCAB)


def test_no_module_but_vocab_spells_out_a_list_of_stored_values() -> None:
    sources = application_sources()
    assert len(sources) > 40  # the walk found the application, not an empty folder
    copies = [
        f"{path.relative_to(ROOT)}:{line} repeats vocab.{name}"
        for path in sources
        for line, name in copies_in(path.read_text(encoding="utf-8"))
    ]
    assert copies == []


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ('PAYMENTS = ("cash", "card", "vipps")', "PAYMENTS"),
        ('GROUPS = ["visitor", "dagsverket", "staff", "guest"]', "LUNCH_GROUPS"),
        ('if gender in {"f", "m", "x"}: pass', "GENDERS"),
        ('option = click.Choice(["desk", "lead"])', "ROLES"),
        ('kind = click.Choice(("syringe", "naloxone", "sharps_bin", "other"))', "ITEM_KINDS"),
        ('r = rng.choices(("user", "relative", "other"), (0.7, 0.2, 0.1))', "NALOXONE_RECIPIENTS"),
        ('fmt = click.Choice(["csv", "json"])', "EXPORT_FORMATS"),
        ('LAYOUTS = ("wide", "long")', "EXPORT_LAYOUTS"),
    ],
)
def test_the_check_finds_a_copy_that_comes_back(source: str, name: str) -> None:
    assert [n for _line, n in copies_in(source)] == [name]


def test_the_check_leaves_other_string_tuples_alone() -> None:
    assert copies_in('FORMATS = ("pdf", "txt")\nKEYS = {"user": "b", "relative": "p"}') == []


def test_every_list_holds_distinct_lowercase_values() -> None:
    for name, words in LISTS.items():
        assert len(set(words)) == len(words) >= 2, name
        assert all(w == w.strip().lower() and w for w in words), name


# The on-screen words of each value: catalogue ids keyed by the stored value, both languages.
WORDS = [
    ("gender.{}", vocab.GENDERS),
    ("paper.visits.{}", vocab.GENDERS),
    ("lunch.group.{}", vocab.LUNCH_GROUPS),
    ("day.lunch.{}", vocab.LUNCH_GROUPS),
    ("paper.lunch.{}", vocab.LUNCH_GROUPS),
    ("megafon.pay.{}", vocab.PAYMENTS),
    ("megafon.key.{}", vocab.PAYMENTS),
    ("paper.megafon.{}", vocab.PAYMENTS),
    ("supplies.recipient.{}", vocab.NALOXONE_RECIPIENTS),
    ("supplies.naloxone.key.{}", vocab.NALOXONE_RECIPIENTS),
    ("overdose.reason.{}", vocab.NALOXONE_REASONS),
    ("overdose.outcome.{}", vocab.NALOXONE_OUTCOMES),
    ("overdose.ems.{}", vocab.NALOXONE_EMS),
    ("overdose.training.{}", vocab.TRAINING_KINDS),
    ("overdose.drill.{}", vocab.DRILL_KINDS),
    ("overdose.referral.{}", vocab.REFERRAL_KINDS),
    ("overdose.key.ref.{}", vocab.REFERRAL_KINDS),
]


@pytest.mark.parametrize(("pattern", "words"), WORDS, ids=[p for p, _w in WORDS])
def test_every_value_has_its_words_in_both_languages(pattern: str, words: tuple[str]) -> None:
    missing = [
        pattern.format(w)
        for w in words
        if any(i18n.text(lang, pattern.format(w)) == pattern.format(w) for lang in ("nb", "en"))
    ]
    assert missing == []


def test_the_tally_counts_exactly_the_values_of_the_vocabulary() -> None:
    keys = {m.key for m in tally.METRICS}
    assert {k for k in keys if k.startswith("lunch.")} == {"lunch.total"} | {
        f"lunch.{g}" for g in vocab.LUNCH_GROUPS
    }
    assert {k for k in keys if k.startswith("megafon.") and k.endswith("_ore")} == {
        "megafon.revenue_ore"
    } | {f"megafon.{p}_ore" for p in vocab.PAYMENTS}
    assert {k for k in keys if k.startswith("visits.")} == {
        "visits.total",
        "visits.unique",
        "visits.anonymous",
    } | {f"visits.{g}" for g in vocab.GENDERS}


def test_every_payment_and_recipient_has_its_key_at_the_desk() -> None:
    from frontdesk.tui.panes.megafon import MegafonPane
    from frontdesk.tui.screens.naloxone import RECIPIENT_KEYS, NaloxoneScreen

    def actions(bindings: list[object]) -> set[str]:
        return {getattr(b, "action", "") for b in bindings}

    assert {f"pay('{p}')" for p in vocab.PAYMENTS} <= actions(MegafonPane.BINDINGS)
    assert set(RECIPIENT_KEYS) == set(vocab.NALOXONE_RECIPIENTS)
    assert {f"recipient('{r}')" for r in vocab.NALOXONE_RECIPIENTS} <= actions(
        NaloxoneScreen.BINDINGS
    )


def test_the_demo_draws_only_values_of_the_vocabulary() -> None:
    assert set(demo.VISIT_GENDERS) == set(demo.VISITOR_GENDERS) == set(vocab.GENDERS)
    assert set(demo.PAYMENTS) == set(vocab.PAYMENTS)
    assert set(demo.RECIPIENTS) == set(vocab.NALOXONE_RECIPIENTS)


def test_the_overdose_lists_have_their_metrics_and_desk_keys() -> None:
    from frontdesk.tui.screens.naloxone import EMS_KEYS, OUTCOME_KEYS, REASON_KEYS
    from frontdesk.tui.screens.right_help import REFERRAL_KEYS

    keys = {m.key for m in tally.METRICS}
    assert {k for k in keys if k.startswith("naloxone.reason.")} == {
        f"naloxone.reason.{r}" for r in vocab.NALOXONE_REASONS
    }
    assert {k for k in keys if k.startswith("referrals.")} == {
        f"referrals.{k}" for k in vocab.REFERRAL_KINDS
    }
    assert set(REASON_KEYS) == set(vocab.NALOXONE_REASONS)
    assert set(OUTCOME_KEYS) == set(vocab.NALOXONE_OUTCOMES)
    assert set(EMS_KEYS) == set(vocab.NALOXONE_EMS)
    assert set(REFERRAL_KEYS) == set(vocab.REFERRAL_KINDS)
    assert set(demo.NALOXONE_REASON_WEIGHTS) == set(vocab.NALOXONE_REASONS)
    assert set(demo.OUTCOME_WEIGHTS) == set(vocab.NALOXONE_OUTCOMES)
    assert set(demo.EMS_WEIGHTS) == set(vocab.NALOXONE_EMS)
