"""One list of dated models, derived from the models: ``db.models.Dated``.

Day close (which days are open), export (first day, active days) and purge
(which rows go) all read ``DATED_MODELS``; a new dated table joins all three by
subclassing ``Dated``.
"""

from __future__ import annotations

import datetime as dt

from freezegun import freeze_time

from frontdesk.db.models import ALL_MODELS, DATED_MODELS, AuditEvent, Dated, DayClose, Voidable
from frontdesk.services import cash, lunch, megafon, purge, stock, supplies, visits
from frontdesk.services.actor import Actor

NOON = dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 16)


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_model_with_a_business_date_is_dated() -> None:
    with_date = {m for m in ALL_MODELS if "business_date" in m._meta.fields}
    # The Z-report dates a day's close; it is no record of activity on that day.
    assert with_date - {DayClose} == set(DATED_MODELS)
    assert not issubclass(DayClose, Dated)


def test_every_dated_model_is_listed_and_voidable() -> None:
    assert _subclasses(Dated) == set(DATED_MODELS)
    assert all(issubclass(m, Voidable) for m in DATED_MODELS)
    assert len(DATED_MODELS) == len(set(DATED_MODELS))


def test_purge_removes_exactly_the_personal_dated_rows() -> None:
    purged = {model for _, model in purge.DATED}
    assert purged == {m for m in DATED_MODELS if m.personal}
    assert {m.__name__ for m in set(DATED_MODELS) - purged} == {
        "MegafonDelivery",
        "SupplyDelivery",
        "StockCount",
        "CashMovement",
    }
    assert purge.DATED[0][1].__name__ == "Visit"  # deleted last: the others refer to visits


def test_every_dated_write_is_stamped_and_audited_the_same_way(lead: Actor, desk: Actor) -> None:
    """Each recording service writes through ``records.add``: the row carries the
    centre, the writer and the business day, and one audit event names the row."""
    with freeze_time(NOON):
        visits.register_visitor(lead, "KL90", vendor_number=7)
        megafon.add_issue(lead, "2026-11", 2500)
        megafon.record_delivery(lead, 20)
        supplies.record_delivery(lead, "SPR1ML", 100)
        visit = visits.check_in(desk, "KL90")
        megafon.sell(desk, "7", 2, "cash")
        supplies.hand_out(desk, {"SPR1ML": 10}, visit_id=visit.id)
        supplies.record_return(desk, count=30)
        lunch.add_guests(desk, 3)
        lunch.add_staff(desk, "AB")
        stock.count_stock(lead, "SPR1ML", 88, "lost")
        cash.move(desk, "pay_in", 50000, "change")
    events = {(e.entity, e.entity_id): e for e in AuditEvent.select()}
    written = 0
    for model in DATED_MODELS:
        for row in model.select():
            written += 1
            assert row.business_date in (DAY, DAY.isoformat()), model.__name__
            assert row.centre_id == lead.centre_id and row.staff_id is not None
            event = events[(model._meta.table_name, row.id)]
            assert (event.staff_id, event.centre_id) == (row.staff_id, row.centre_id)
    # two deliveries of stock, a visit, a sale, a hand-out, a return, two lunches,
    # a stock-take and a pay-in
    assert written == 10
