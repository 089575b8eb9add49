"""One list of dated models, derived from the models: ``db.models.Dated``.

Day close (which days are open), export (first day, active days) and purge
(which rows go) all read ``DATED_MODELS``; a new dated table joins all three by
subclassing ``Dated``.
"""

from __future__ import annotations

from db.models import ALL_MODELS, DATED_MODELS, Dated, DayClose, Voidable
from frontdesk.services import purge


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
    assert {m.__name__ for m in set(DATED_MODELS) - purged} == {"MegafonDelivery", "SupplyDelivery"}
    assert purge.DATED[0][1].__name__ == "Visit"  # deleted last: the others refer to visits
