"""One rule for every typed whole number, one for every reason, one business-date reader.

Each number a person types at the desk or on the command line reaches the
services through ``validate.whole`` / ``validate.in_range``: the same input is
accepted or refused the same way wherever it is typed (on SQLite and PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.config import CentreSettings
from frontdesk.db.models import (
    AuditEvent,
    DayClose,
    LunchEntry,
    MegafonSale,
    SupplyDelivery,
    Visitor,
)
from frontdesk.errors import BadInput
from frontdesk.services import dayclose, lunch, megafon, supplies, validate, visits
from frontdesk.services.actor import Actor
from frontdesk.services.settings import get_settings, set_setting

NOON = dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC)

ACCEPTED = [(12, 12), ("12", 12), (" 12 ", 12), ("0012", 12)]
REFUSED = ["+12", "-12", "1e3", "1_2", "12.0", "12,0", "١٢", "１２", "", "twelve", 12.0, True, None]


def _vendor(actor: Actor, value: object) -> int | None:
    return visits.register_visitor(actor, "AB85", vendor_number=value).vendor_number  # type: ignore[arg-type]


def _portions(actor: Actor, value: object) -> int:
    return lunch.add_guests(actor, value).portions  # type: ignore[arg-type]


def _copies(actor: Actor, value: object) -> int:
    visits.register_visitor(actor, "CD90", vendor_number=7)
    megafon.add_issue(actor, "2026-11", 2500)
    megafon.record_delivery(actor, 20)
    return megafon.sell(actor, "7", value, "cash").copies  # type: ignore[arg-type]


def _delivered(actor: Actor, value: object) -> int:
    before = supplies.get_item(actor.centre_id, "SPR2ML").stock
    after = supplies.record_delivery(actor, "SPR2ML", value).stock  # type: ignore[arg-type]
    return after - before


def _counted_cash(actor: Actor, value: object) -> int:
    return dayclose.close_day(actor, value).counted_cash_ore  # type: ignore[arg-type]


def _rollover(actor: Actor, value: object) -> int:
    return set_setting(actor, "rollover_hour", value).rollover_hour  # type: ignore[arg-type]


# (entry point, the table it writes to) — nothing may be written on a refusal.
ENTRY_POINTS: dict[str, tuple[Callable[[Actor, object], int | None], object]] = {
    "vendor number": (_vendor, Visitor),
    "lunch portions": (_portions, LunchEntry),
    "Megafon copies": (_copies, MegafonSale),
    "supply delivery": (_delivered, SupplyDelivery),
    "counted cash": (_counted_cash, DayClose),
}


@pytest.fixture
def frozen():
    with freeze_time(NOON):
        yield


@pytest.mark.parametrize("where", sorted(ENTRY_POINTS))
@pytest.mark.parametrize(("typed", "number"), ACCEPTED)
def test_every_number_field_takes_the_same_whole_numbers(
    lead: Actor, frozen, where: str, typed: object, number: int
) -> None:
    enter, _ = ENTRY_POINTS[where]
    assert enter(lead, typed) == number


@pytest.mark.parametrize("where", sorted(ENTRY_POINTS))
def test_every_number_field_refuses_the_same_inputs(lead: Actor, frozen, where: str) -> None:
    enter, model = ENTRY_POINTS[where]
    for typed in REFUSED:
        if where == "vendor number" and validate.blank(typed):
            continue  # an optional field: empty means "none"
        with pytest.raises(BadInput) as caught:
            enter(lead, typed)
        assert caught.value.nb, f"{where} {typed!r}: no bokmål sentence"
        assert "\n" not in str(caught.value)
    if model is Visitor:
        assert not Visitor.select().where(Visitor.code == "AB85").exists()
    else:
        assert model.select().count() == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize(("typed", "number"), ACCEPTED)
def test_a_setting_takes_the_same_whole_numbers(lead: Actor, typed: object, number: int) -> None:
    assert _rollover(lead, str(typed)) == number


@pytest.mark.parametrize("typed", [t for t in REFUSED if isinstance(t, str)])
def test_a_setting_refuses_the_same_inputs(lead: Actor, typed: str) -> None:
    with pytest.raises(BadInput, match="whole number|must be"):
        _rollover(lead, typed)
    assert get_settings(lead.centre_id).rollover_hour == CentreSettings().rollover_hour


def test_a_typed_minus_is_out_of_range_not_a_wrong_number() -> None:
    with pytest.raises(BadInput, match="The quantity must be from 1 to 10"):
        validate.in_range(" -1 ", 1, 10, "quantity", "antallet")
    assert validate.whole("-0012", "quantity", "antallet") == -12


def test_out_of_range_names_the_range() -> None:
    with pytest.raises(BadInput, match="The bin size must be from 1 to 50") as caught:
        validate.in_range("51", 1, 50, "bin size", "bøttestørrelsen")
    assert caught.value.nb == "Bøttestørrelsen må være fra 1 til 50."
    with pytest.raises(BadInput, match="The bin size must be a whole number") as caught:
        validate.in_range("1e3", 1, 50, "bin size", "bøttestørrelsen")
    assert caught.value.nb == "Bøttestørrelsen må være et heltall."


def test_a_huge_digit_string_is_a_sentence_not_a_crash() -> None:
    with pytest.raises(BadInput, match="whole number"):
        validate.whole("9" * 5000, "quantity", "antallet")
    with pytest.raises(BadInput, match="from 1 to 10"):
        validate.in_range("9" * 400, 1, 10, "quantity", "antallet")


def test_a_void_and_a_reopen_refuse_a_reason_by_the_same_rule(lead: Actor, frozen) -> None:
    visit = visits.check_in(lead, None)
    z = dayclose.close_day(lead, 0)
    for bad in ["", "   ", "x" * 201, "two\nlines", "\u202eevil"]:
        with pytest.raises(BadInput) as reopen:
            dayclose.reopen_day(lead, z.business_date, "4711", bad)
        with pytest.raises(BadInput) as void:
            visits.void_visit(lead, visit.id, bad)
        assert (str(reopen.value), reopen.value.nb) == (str(void.value), void.value.nb)
    assert not AuditEvent.select().where(AuditEvent.action == "day.reopen").exists()


@pytest.mark.parametrize(
    "stored",
    [dt.date(2026, 11, 16), dt.datetime(2026, 11, 16, 0, 0), "2026-11-16", "2026-11-16 00:00:00"],
)
def test_a_business_date_reads_the_same_from_either_driver(stored: object) -> None:
    assert validate.date(stored) == dt.date(2026, 11, 16)  # type: ignore[arg-type]


@settings(derandomize=True, max_examples=200)
@given(st.dates(), st.sampled_from(["", " ", "\t"]))
def test_a_typed_date_is_year_month_day(day: dt.date, pad: str) -> None:
    assert validate.iso_date(pad + day.isoformat() + pad) == day  # year 1 is '0001-01-01'


@pytest.mark.parametrize(
    "typed", ["20260302", "2026-W10-1", "2026-03-02T10:00", "2026-3-2", "2026-02-30", "", None]
)
def test_other_date_forms_are_refused_in_one_sentence(typed: object) -> None:
    with pytest.raises(BadInput, match=r"is not a date; write it as YYYY-MM-DD\.$") as refused:
        validate.iso_date(typed)
    assert refused.value.nb is not None and "ÅÅÅÅ-MM-DD" in refused.value.nb
