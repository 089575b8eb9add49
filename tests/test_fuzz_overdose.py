"""Bad input into the issue-12 services: every call works or refuses with one sentence and
writes nothing (the harness of tests/test_fuzz_services.py; SQLite, derandomised)."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from frontdesk.services import overdose, supplies, visits, vocab
from tests import test_fuzz_services
from tests.test_fuzz_services import FUZZ, World, attempt, dates, flags, ids, numbers, texts

world = test_fuzz_services.world  # the same fixture: a fresh SQLite centre with stock

words = st.one_of(st.none(), texts, st.sampled_from([*vocab.NALOXONE_REASONS, "ALIVE", "yes"]))


@FUZZ
@given(reason=words, outcome=words, ems=words, kits=numbers, trained=flags)
@example(reason="used_other", outcome="died", ems="yes", kits=1, trained=True)
@example(reason="lost", outcome="alive", ems=None, kits=1, trained=False)
def test_a_naloxone_hand_out_takes_any_reason_outcome_and_call(
    world: World, reason: Any, outcome: Any, ems: Any, kits: Any, trained: Any
) -> None:
    result = attempt(
        supplies.hand_out,
        world.desk,
        {"NALOX": kits},
        naloxone_recipient="user",
        naloxone_trained=trained,
        naloxone_reason=reason,
        naloxone_outcome=outcome,
        naloxone_ems=ems,
    )
    if result is not None:
        assert result.naloxone_reason in vocab.NALOXONE_REASONS
        used = result.naloxone_reason in vocab.NALOXONE_USES
        assert (result.naloxone_outcome in vocab.NALOXONE_OUTCOMES) is used
        assert (result.naloxone_ems in vocab.NALOXONE_EMS) is used


@FUZZ
@given(
    kind=st.one_of(texts, st.sampled_from(vocab.TRAINING_KINDS)), people=st.one_of(numbers, texts)
)
@example(kind="cpr", people=200)
@example(kind="cpr", people=201)
def test_training_takes_any_kind_and_count(world: World, kind: Any, people: Any) -> None:
    result = attempt(overdose.record_training, world.desk, kind, people)
    if result is not None:
        assert 1 <= result.people <= overdose.MAX_TRAINED


@FUZZ
@given(
    kind=st.one_of(texts, st.sampled_from(vocab.REFERRAL_KINDS)), visit_id=st.one_of(st.none(), ids)
)
def test_a_referral_takes_any_kind_and_visit(world: World, kind: Any, visit_id: Any) -> None:
    attempt(overdose.record_referral, world.desk, kind, visit_id=visit_id)


@FUZZ
@given(
    initials=texts,
    kind=st.one_of(texts, st.sampled_from(vocab.DRILL_KINDS)),
    day=st.one_of(st.none(), dates),
)
@example(initials="cd", kind="cpr", day=None)
def test_a_drill_takes_any_initials_kind_and_date(
    world: World, initials: Any, kind: Any, day: Any
) -> None:
    attempt(overdose.record_drill, world.lead, initials, kind, day)


@FUZZ
@given(record_id=ids, reason=st.one_of(st.none(), texts))
def test_voids_take_any_id_and_reason(world: World, record_id: Any, reason: Any) -> None:
    for void in (overdose.void_training, overdose.void_referral, overdose.void_drill):
        attempt(void, world.lead, record_id, reason)


@FUZZ
@given(first_time=st.one_of(flags, numbers, texts), code=st.one_of(st.none(), texts))
def test_a_first_time_visit_takes_any_flag(world: World, first_time: Any, code: Any) -> None:
    attempt(visits.check_in, world.desk, code, first_time=first_time)
