"""What the desk counts on screen is what the Z-report counts.

The F1 visit counter, the F3 takings and the lunch totals are served from the
tally's own functions, so for any day each on-screen figure equals the tally's.
"""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from frontdesk.db.models import Visitor
from frontdesk.services import lunch, megafon, tally, visits
from frontdesk.services.actor import Actor
from tests.test_tally import DAY, add_lunch, add_sale, add_visit, add_visitor

_day_numbers = itertools.count(1)

# Values the desk never writes are included: rows written by another version or by hand.
GENDERS = ["f", "m", "x", "u", "q"]
GROUPS = ["visitor", "dagsverket", "staff", "guest", "kitchen"]
PAYMENTS = ["cash", "card", "vipps", "invoice"]

visit_rows = st.lists(
    st.tuples(st.sampled_from(GENDERS), st.sampled_from([None, "AB1", "CD2"]), st.booleans()),
    max_size=10,
)
lunch_rows = st.lists(
    st.tuples(st.sampled_from(GROUPS), st.integers(1, 9), st.booleans(), st.booleans()),
    max_size=8,
)
sale_rows = st.lists(
    st.tuples(st.integers(1, 5), st.sampled_from(PAYMENTS), st.integers(0, 9000), st.booleans()),
    max_size=6,
)


@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(visit_list=visit_rows, lunch_list=lunch_rows, sale_list=sale_rows)
@example(  # the case that disagreed: a lunch group the desk does not know
    visit_list=[("u", None, False), ("q", "AB1", False), ("f", None, True)],
    lunch_list=[("kitchen", 3, True, False), ("guest", 2, False, False), ("staff", 1, True, True)],
    sale_list=[(2, "invoice", 2500, False), (1, "cash", 2500, False), (4, "card", 100, True)],
)
def test_each_desk_counter_equals_the_tally(
    lead: Actor,
    visit_list: list[tuple[str, str | None, bool]],
    lunch_list: list[tuple[str, int, bool, bool]],
    sale_list: list[tuple[int, str, int, bool]],
) -> None:
    day = DAY + dt.timedelta(days=next(_day_numbers))  # a fresh business day per example
    people = {v.code: v for v in Visitor.select().where(Visitor.centre == lead.centre_id)} or {
        code: add_visitor(lead, code, "m", vendor_number=n)
        for n, code in enumerate(["AB1", "CD2"], start=1)
    }
    for gender, code, voided in visit_list:
        add_visit(lead, day=day, visitor=people.get(code or ""), gender=gender, voided=voided)
    for group, portions, served, voided in lunch_list:
        row = add_lunch(lead, group, portions, day=day, voided=voided)
        if served:
            row.served_at = dt.datetime(2026, 3, 2, 11, 30)
            row.save()
    for copies, payment, price, voided in sale_list:
        add_sale(lead, people["AB1"], copies, payment, unit_price_ore=price, day=day, voided=voided)

    z = tally.compute_day(lead.centre_id, day).metrics

    counter = visits.day_counts(lead.centre_id, day)  # F1
    assert counter.total == z["visits.total"]
    assert counter.anonymous == z["visits.anonymous"]
    assert counter.coded == z["visits.total"] - z["visits.anonymous"]
    assert counter.voided == sum(voided for *_, voided in visit_list)

    takings = megafon.totals_on(lead.centre_id, day)  # F3
    assert {p: takings[p] for p in tally.PAYMENTS} == {
        p: z[f"megafon.{p}_ore"] for p in tally.PAYMENTS
    }
    assert takings["copies"] == z["megafon.copies"]
    assert takings["revenue"] == z["megafon.revenue_ore"]

    roster = lunch.roster(lead.centre_id, day)  # F2
    assert roster.portions == {g: z[f"lunch.{g}"] for g in tally.LUNCH_GROUPS}
    assert roster.total == z["lunch.total"]
    assert set(roster.served) == set(tally.LUNCH_GROUPS)  # served counts use the same groups
