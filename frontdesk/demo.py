"""A demo database: believable centres, staff, visitors and days to try every tab.

Built with bulk inserts (``executemany`` on SQLite, ``COPY`` on PostgreSQL)
inside a few large transactions, not through the per-action services, so five
years of four centres (about 2.7 M visits) builds in minutes. Every business
day before today is closed with a Z-report by the day close itself
(``dayclose.close_day``); today stays open. Deterministic for a seed and a date.

Visitor codes are made-up pseudonyms (two letters and a birth year); nothing
here is about a real person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from frontdesk import clock, db
from frontdesk.db.bulk import Bulk, linked
from frontdesk.db.connect import is_url
from frontdesk.db.models import (
    Centre,
    DagsverketAttendance,
    HandOut,
    HandOutLine,
    LunchEntry,
    MegafonDelivery,
    MegafonIssue,
    MegafonSale,
    Staff,
    SupplyDelivery,
    SupplyItem,
    SyringeReturn,
    Visit,
    Visitor,
    database,
)
from frontdesk.errors import BadInput, StoreUnavailable
from frontdesk.services import audit, days, outputs, store
from frontdesk.services.actor import Actor
from frontdesk.services.settings import get_settings
from frontdesk.services.staff import hash_pin
from frontdesk.services.vocab import NALOXONE_USES

# code, name, mean visits per day, visitor codes, Dagsverket participants, vendors
CENTRES = (
    ("STR", "Strax-huset", 400, 420, 14, 22),
    ("NES", "Nesttun", 330, 260, 8, 10),
    ("WER", "Wergeland", 360, 300, 10, 12),
    ("FJE", "Fjell", 300, 220, 6, 8),
)
# initials, role, PIN: the same sign-on at every demo centre
STAFF = (
    ("AB", "lead", "4711"),
    ("CD", "desk", "1234"),
    ("EF", "desk", "2580"),
    ("GH", "lead", "3690"),
)
LEAD, DESK = STAFF[0], STAFF[1]

OPEN_HOUR, CLOSE_HOUR = 10, 18
HOUR_WEIGHTS = (0.8, 1.25, 1.45, 1.3, 1.1, 1.0, 0.85, 0.6)  # 10:00 … 17:00
WEEKDAY = (1.05, 1.0, 1.0, 1.05, 1.1, 0.85, 0.75)  # Monday … Sunday
# How often the demo draws each stored value (vocab.py), in the order it draws them:
# the same seed gives the same demo.
VISIT_GENDERS = {"m": 0.55, "f": 0.27, "x": 0.02, "u": 0.16}
VISITOR_GENDERS = {"m": 0.62, "f": 0.32, "x": 0.02, "u": 0.04}
PAYMENTS = {"cash": 0.55, "card": 0.25, "vipps": 0.2}
RECIPIENTS = {"user": 0.7, "relative": 0.2, "other": 0.1}
# Why a new naloxone kit, and after a reported use its outcome and the emergency call.
NALOXONE_REASON_WEIGHTS = {
    "first_kit": 0.45,
    "used_other": 0.2,
    "used_self": 0.05,
    "lost": 0.12,
    "taken": 0.08,
    "expired": 0.05,
    "other": 0.05,
}
OUTCOME_WEIGHTS = {"alive": 0.85, "died": 0.03, "unknown": 0.12}
EMS_WEIGHTS = {"yes": 0.5, "no": 0.3, "unknown": 0.2}
LATE_ITEM = "FOLIE"  # one item whose last delivery is late, so the demo has a low stock
MEGAFON_PRICE_ORE = 5000  # what a vendor pays per copy at the outlet
VOID_REASONS = ("Feil tast", "Registrert to ganger", "Feil person")
BLOCK_DAYS = 32

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoResult:
    centres: tuple[tuple[str, str], ...]  # (code, name)
    first_day: dt.date
    last_day: dt.date
    visits: int
    closed_days: int
    sign_on: tuple[tuple[str, str, str], ...]  # (initials, role, PIN)


# -- refusing a database in use -------------------------------------------------


def build_at(
    target: str,
    days_count: int,
    centres_count: int,
    seed: int,
    progress: Progress | None = None,
    only: str | None = None,
) -> DemoResult:
    """Build a demo database at a path or URL; refuses one that holds data.

    A killed build leaves nothing half-built: a SQLite demo is built in a
    hidden temporary file beside the target and moved into place when done;
    a PostgreSQL demo is built in one transaction.
    """
    demo_centres(centres_count, only)  # an unknown centre is refused before anything is made
    try:
        db.check_target(target)  # "mysql://…" is not a file name to build a demo in
    except db.StoreError as exc:
        raise StoreUnavailable.of(exc.message_id, exc.params) from None
    if is_url(target):
        prepare(target)
        with store.write():
            return build(days_count, centres_count, seed, progress, only)
    path = outputs.check_output(target, database_ok=True, option="--db", protected=())
    if path.exists():
        prepare(target, create=False, upgrade=False).close()  # refuses one in use
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # e.g. the user data folder
    except OSError as exc:
        raise BadInput(
            "error.demo.cannot_create_folder", folder=path.parent, why=exc.strerror or exc
        ) from None
    with outputs.staged(path) as part:
        prepare(str(part))
        result = build(days_count, centres_count, seed, progress, only)
        database.obj.close()
        for side in outputs.database_files(path)[1:]:
            side.unlink(missing_ok=True)  # an old -wal must never be replayed into the new file
    db.connect(str(path))
    return result


def prepare(target: str, *, create: bool = True, upgrade: bool = True) -> Any:
    """Open (and create) the database at a path or URL for a demo: empty, then migrated."""
    from frontdesk.db import migrate

    try:
        database_ = db.connect(target, create=create, wal=False)  # a refused file stays as it was
        check_empty(database_)
        if upgrade:
            migrate.upgrade(database_)
            db.use_wal(database_)
    except db.StoreError as exc:
        raise StoreUnavailable.of(exc.message_id, exc.params) from None
    except Exception as exc:  # a damaged or read-only file, a full disk: named by store
        from frontdesk.services.store import explain

        sentence = explain(exc, target)
        if sentence is None:
            raise
        raise sentence from None
    return database_


def check_empty(database_: Any) -> None:
    """Refuse a database that holds anything: demo data goes only into a new one."""
    ours = {m._meta.table_name for m in _all_models()} | {"schema_migration"}
    tables = set(database_.get_tables())
    foreign = sorted(tables - ours)
    if foreign:
        raise BadInput("error.demo.database_holds_other_tables", table=foreign[0])
    if "centre" in tables and Centre.select().exists():
        raise BadInput("error.demo.database_already_holds_data")


def _all_models() -> list[Any]:
    from frontdesk.db.models import ALL_MODELS

    return ALL_MODELS


# -- the build --------------------------------------------------------------------


@dataclass
class _Place:
    """One centre while it is being built."""

    id: int
    code: str
    name: str
    mean_visits: int
    tz: Any
    staff: list[int]
    lead_id: int
    visitors: list[tuple[int, str]]  # (id, gender)
    weights: list[float]
    participants: list[int]
    vendors: list[int]
    items: dict[str, tuple[int, str, int, int | None]]  # code → (id, kind, low_stock, litres)
    stock: dict[str, int]
    late_from: dt.date  # no more deliveries of LATE_ITEM from this day
    used: dict[str, int]  # handed out so far today, per item
    rate: dict[str, int]  # rolling daily rate, per item
    issues: dict[str, int]  # number → id
    issue_stock: dict[int, int]
    sizes: tuple[int, int, int]  # visitor codes, Dagsverket participants, vendors
    cash_ore: dict[dt.date, int]  # cash sales per day, for counting the cash box


def demo_centres(centres_count: int, only: str | None = None) -> tuple[tuple[Any, ...], ...]:
    """The first ``centres_count`` demo centres, or with ``only`` that one (e.g. one desk's
    file of a city set-up); refuses a code the demo does not have."""
    if only is None:
        return CENTRES[:centres_count]
    chosen = tuple(c for c in CENTRES if c[0] == only.strip().upper())
    if not chosen:
        codes = ", ".join(c[0] for c in CENTRES)
        raise BadInput("error.demo.no_such_centre", code=only.strip().upper()[:12], codes=codes)
    return chosen


def build(
    days_count: int,
    centres_count: int,
    seed: int,
    progress: Progress | None = None,
    only: str | None = None,
) -> DemoResult:
    """Build the demo into the open, empty, migrated database.

    Refuses a database that already holds data.
    """
    from frontdesk.services.centre import init_centre

    check_empty(database.obj)
    rng = random.Random(seed)
    sqlite = not db.is_postgres()
    if sqlite:
        # A demo is rebuilt, not recovered: skip the per-commit fsync while building.
        database.execute_sql("PRAGMA synchronous=OFF")
    hashes = {pin: hash_pin(pin) for _, _, pin in STAFF}
    places: list[_Place] = []
    for code, name, mean, n_visitors, n_part, n_vendors in demo_centres(centres_count, only):
        centre, lead = init_centre(code, name, LEAD[0], LEAD[2])
        with store.write():
            staff_ids = [lead.id]
            for initials, role, pin in STAFF[1:]:
                row = Staff.create(
                    centre=centre.id, initials=initials, role=role, pin_hash=hashes[pin]
                )
                staff_ids.append(row.id)
                audit.record(Actor.cli(centre.id), "staff.add", "staff", row.id, role=role)
        places.append(
            _make_place(centre.id, code, name, mean, (n_visitors, n_part, n_vendors), staff_ids)
        )

    today = days.today(places[0].id)
    first = today - dt.timedelta(days=days_count - 1)
    for place in places:
        place.late_from = max(first + dt.timedelta(days=1), today - dt.timedelta(days=25))
    now_db = clock.to_db(clock.utcnow())
    tables = _tables()
    with store.write():
        for place in places:
            _add_visitors(rng, tables, place, first)
            _add_issues(place, first, today, now_db)
    for bulk in tables.values():
        bulk.rows.clear()
    total_days = days_count * len(places)
    done = 0
    closed = 0
    day = first
    while day <= today:
        block = [day + dt.timedelta(days=i) for i in range(BLOCK_DAYS)]
        block = [d for d in block if d <= today]
        with store.write():
            for d in block:
                for place in places:
                    _build_day(rng, tables, place, d, now_db)
            for bulk in tables.values():
                bulk.flush()
        with store.write():  # one transaction; each close is a savepoint inside it
            for d in block:
                for place in places:
                    if d < today:
                        _close(rng, place, d)
                        closed += 1
                    done += 1
                    if progress:
                        progress(done, total_days)
        day = block[-1] + dt.timedelta(days=1)
    with store.write():
        for bulk in tables.values():
            bulk.reset_sequence()
        for place in places:
            audit.record(
                Actor.cli(place.id), "demo.build", "centre", place.id, days=days_count, seed=seed
            )
    if sqlite:
        database.execute_sql("PRAGMA synchronous=FULL")
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return DemoResult(
        centres=tuple((p.code, p.name) for p in places),
        first_day=first,
        last_day=today,
        visits=tables["visit"].written,
        closed_days=closed,
        sign_on=(LEAD, DESK),
    )


def _tables() -> dict[str, Bulk]:
    v = ("voided_at", "voided_by", "void_reason")
    spec: dict[str, tuple[Any, tuple[str, ...]]] = {
        "visitor": (
            Visitor,
            ("id", "centre", "code", "gender", "birth_year", "dagsverket", "vendor_number")
            + ("created_at",),
        ),
        "visit": (
            Visit,
            ("id", "centre", "visitor", "gender", "at", "business_date", "local_hour", "staff") + v,
        ),
        "lunch": (
            LunchEntry,
            ("id", "centre", "business_date", "group", "visitor", "staff_member", "portions")
            + ("source", "served_at", "at", "staff")
            + v,
        ),
        "attendance": (
            DagsverketAttendance,
            ("id", "centre", "business_date", "visitor", "present", "at", "staff"),
        ),
        "megafon_delivery": (
            MegafonDelivery,
            ("id", "centre", "issue", "copies", "at", "business_date", "staff"),
        ),
        "sale": (
            MegafonSale,
            ("id", "centre", "issue", "vendor", "copies", "unit_price_ore", "payment", "at")
            + ("business_date", "staff")
            + v,
        ),
        "supply_delivery": (
            SupplyDelivery,
            ("id", "centre", "item", "quantity", "at", "business_date", "staff"),
        ),
        "hand_out": (
            HandOut,
            ("id", "centre", "visit", "visitor", "for_others", "naloxone_recipient")
            + ("naloxone_trained", "at", "business_date", "staff")
            + v
            + ("naloxone_reason", "naloxone_outcome", "naloxone_ems"),
        ),
        "line": (HandOutLine, ("id", "hand_out", "item", "quantity")),
        "return": (
            SyringeReturn,
            ("id", "centre", "visit", "method", "count", "bin_litres", "at", "business_date")
            + ("staff",)
            + v,
        ),
    }
    return linked(spec)  # in insert order: parents before children


def _make_place(
    centre_id: int,
    code: str,
    name: str,
    mean: int,
    sizes: tuple[int, int, int],
    staff_ids: list[int],
) -> _Place:
    items = {
        r.code: (r.id, r.kind, r.low_stock, r.bin_litres)
        for r in SupplyItem.select().where(SupplyItem.centre == centre_id)
    }
    tz = clock.zone(get_settings(centre_id).timezone)
    return _Place(
        id=centre_id,
        code=code,
        name=name,
        mean_visits=mean,
        tz=tz,
        staff=staff_ids,
        lead_id=staff_ids[0],
        visitors=[],
        weights=[],
        participants=[],
        vendors=[],
        items=items,
        stock={c: 0 for c in items},
        late_from=dt.date.max,
        used={},
        rate={},
        issues={},
        issue_stock={},
        sizes=sizes,
        cash_ore={},
    )


def _add_visitors(
    rng: random.Random, tables: dict[str, Bulk], place: _Place, first: dt.date
) -> None:
    n_visitors, n_part, n_vendors = place.sizes
    bulk = tables["visitor"]
    codes: set[str] = set()
    created = clock.to_db(dt.datetime.combine(first, dt.time(9), tzinfo=place.tz))
    letters = "ABCDEFGHIJKLMNOPRSTUVWY"
    for i in range(n_visitors):
        while True:
            year = rng.randint(1956, 2004)
            code = rng.choice(letters) + rng.choice(letters) + f"{year % 100:02d}"
            if code not in codes:
                codes.add(code)
                break
        gender = _draw(rng, VISITOR_GENDERS)
        participant = i < n_part
        vendor = 100 + i - n_part if n_part <= i < n_part + n_vendors else None
        visitor_id = bulk.new_id()
        bulk.add((visitor_id, place.id, code, gender, year, participant, vendor, created))
        place.visitors.append((visitor_id, gender))
        # Some regulars come most days; most come now and then.
        place.weights.append(rng.choices((1.0, 0.35, 0.08), (0.25, 0.35, 0.4))[0])
        if participant:
            place.participants.append(visitor_id)
        if vendor is not None:
            place.vendors.append(visitor_id)
    bulk.flush()


def _add_issues(place: _Place, first: dt.date, today: dt.date, now_db: dt.datetime) -> None:
    month = first.replace(day=1)
    last = today.replace(day=1)
    while month <= last:
        number = f"{month.year}-{month.month:02d}"
        row = MegafonIssue.create(
            centre=place.id,
            number=number,
            title="Megafon",
            price_ore=MEGAFON_PRICE_ORE,
            current=month == last,
            created_at=min(
                clock.to_db(dt.datetime.combine(month, dt.time(9), tzinfo=place.tz)), now_db
            ),
        )
        place.issues[number] = row.id
        place.issue_stock[row.id] = 0
        month = (month + dt.timedelta(days=32)).replace(day=1)


def _build_day(
    rng: random.Random,
    t: dict[str, Bulk],
    p: _Place,
    day: dt.date,
    now_db: dt.datetime,
) -> None:
    # Opening hours are far from the 02:00–03:00 daylight-saving jumps: one offset per day.
    offset = dt.datetime.combine(day, dt.time(12), tzinfo=p.tz).utcoffset()
    assert offset is not None
    opening = dt.datetime.combine(day, dt.time(OPEN_HOUR)) - offset  # naive UTC

    def at(seconds: int) -> dt.datetime:
        return opening + dt.timedelta(seconds=seconds)

    def staff() -> int:
        return rng.choice(p.staff)

    def void(when: dt.datetime, rate: float) -> tuple[Any, ...]:
        return _void(rng, when, staff(), rate)

    span = (CLOSE_HOUR - OPEN_HOUR) * 3600
    weekday = day.weekday()

    # Deliveries in the morning, before the doors open.
    morning = at(-1800)
    if morning < now_db:
        for code, (item_id, _kind, low, _litres) in p.items.items():
            # A rolling daily rate: order about three weeks' worth when under five days' worth.
            p.rate[code] = (p.rate.get(code, 0) * 6 + p.used.pop(code, 0)) // 7
            if code == LATE_ITEM and day >= p.late_from:
                continue  # its delivery is late: the stock view shows it low today
            if p.stock[code] < max(low * 2, p.rate[code] * 5):
                quantity = -(-max(p.rate[code] * 21, low * 6) // 100) * 100
                p.stock[code] += quantity
                t["supply_delivery"].add(
                    (
                        t["supply_delivery"].new_id(),
                        p.id,
                        item_id,
                        quantity,
                        morning,
                        day,
                        p.lead_id,
                    )
                )
        issue_id = p.issues[f"{day.year}-{day.month:02d}"]
        if p.issue_stock[issue_id] < 40:
            copies = 300 if p.code == "STR" else 150
            p.issue_stock[issue_id] += copies
            t["megafon_delivery"].add(
                (t["megafon_delivery"].new_id(), p.id, issue_id, copies, morning, day, p.lead_id)
            )

    # Visits: a believable hour profile, regulars and anonymous arrivals.
    n = max(5, round(p.mean_visits * WEEKDAY[weekday] * rng.uniform(0.88, 1.12)))
    hours = sorted(rng.choices(range(8), HOUR_WEIGHTS, k=n))
    seconds = [h * 3600 + rng.randrange(3600) for h in hours]
    seconds.sort()
    coded = rng.choices(range(len(p.visitors)), p.weights, k=n)
    day_visits: list[tuple[int, int | None]] = []  # (visit id, visitor id)
    visit_bulk = t["visit"]
    for i, sec in enumerate(seconds):
        when = at(sec)
        if when >= now_db:
            break
        if rng.random() < 0.55:
            visitor_id, gender = p.visitors[coded[i]]
        else:
            visitor_id, gender = None, _draw(rng, VISIT_GENDERS)
        visit_id = visit_bulk.new_id()
        voided = void(when, 0.004)
        visit_bulk.add(
            (visit_id, p.id, visitor_id, gender, when, day, OPEN_HOUR + sec // 3600, staff())
            + voided
        )
        if voided[0] is None:
            day_visits.append((visit_id, visitor_id))

    # Dagsverket works on weekdays; a participant present eats lunch.
    present: list[int] = []
    if weekday < 5:
        when = at(-3600 + rng.randrange(1800))
        if when < now_db:
            for participant in p.participants:
                if rng.random() < 0.6:
                    present.append(participant)
                    t["attendance"].add(
                        (t["attendance"].new_id(), p.id, day, participant, True, when, staff())
                    )

    # Lunch: served at noon; the roster fills up during the morning.
    lunch = t["lunch"]
    served_at = at(2 * 3600 + rng.randrange(2700))

    def entry(group: str, visitor: Any, member: Any, portions: int, source: str = "desk") -> None:
        when = at(rng.randrange(6000))
        if when >= now_db:
            return
        served = served_at if served_at < now_db and rng.random() < 0.95 else None
        lunch.add(
            (lunch.new_id(), p.id, day, group, visitor, member, portions, source, served, when)
            + (staff(),)
            + void(when, 0.02)
        )

    for participant in present:
        entry("dagsverket", participant, None, 1, "dagsverket")
    guests_of_the_day = {v for _, v in day_visits if v is not None} - set(p.participants)
    for visitor_id in rng.sample(sorted(guests_of_the_day), k=min(len(guests_of_the_day), n // 12)):
        entry("visitor", visitor_id, None, 1)
    entry("visitor", None, None, rng.randint(3, 9))  # anonymous portions as a count
    for member in rng.sample(p.staff, k=rng.randint(2, 3)):
        entry("staff", None, member, 1)
    for _ in range(rng.randint(0, 2)):
        entry("guest", None, None, rng.randint(1, 3))

    # Megafon: vendors buy copies of the current issue.
    issue_id = p.issues[f"{day.year}-{day.month:02d}"]
    sales = rng.randint(6, 18) if p.code == "STR" else rng.randint(2, 8)
    for sec in sorted(rng.randrange(span) for _ in range(sales)):
        when = at(sec)
        copies = min(rng.randint(2, 15), p.issue_stock[issue_id])
        if when >= now_db or copies <= 0:
            continue
        voided = void(when, 0.02)
        payment = _draw(rng, PAYMENTS)
        if voided[0] is None:
            p.issue_stock[issue_id] -= copies
            if payment == "cash":
                p.cash_ore[day] = p.cash_ore.get(day, 0) + copies * MEGAFON_PRICE_ORE
        t["sale"].add(
            (t["sale"].new_id(), p.id, issue_id, rng.choice(p.vendors), copies, MEGAFON_PRICE_ORE)
            + (payment, when, day, staff())
            + voided
        )

    # Supplies: hand-outs for about one visit in six, naloxone a few times a day.
    for visit_id, visitor_id in rng.sample(day_visits, k=len(day_visits) // 6):
        _hand_out(rng, t, p, day, at(rng.randrange(span)), now_db, visit_id, visitor_id, staff())
    for _ in range(rng.randint(1, 4) if p.code == "STR" else rng.randint(0, 2)):
        _hand_out(rng, t, p, day, at(rng.randrange(span)), now_db, None, None, staff(), True)

    # Returned syringes: counted at the desk, and now and then a full sharps bin.
    for _ in range(rng.randint(3, 10) if p.code == "STR" else rng.randint(1, 4)):
        when = at(rng.randrange(span))
        if when < now_db:
            link = rng.choice(day_visits)[0] if day_visits and rng.random() < 0.5 else None
            t["return"].add(
                (t["return"].new_id(), p.id, link, "counted", rng.randint(10, 250), None, when)
                + (day, staff())
                + void(when, 0.01)
            )
    if rng.random() < 0.3:
        when = at(rng.randrange(span))
        if when < now_db:
            litres = rng.choice((1, 5))
            t["return"].add(
                (t["return"].new_id(), p.id, None, "estimated", litres * 40, litres, when, day)
                + (staff(), None, None, None)
            )


KITS = (
    (0.55, (("SPR2ML", 5, 20), ("SPR1ML", 0, 10), ("KAN23G", 5, 20), ("KAN25G", 0, 10))),
    (0.55, (("SPRIT", 5, 20), ("VANN", 5, 15), ("FILTER", 0, 10), ("SITRON", 0, 4))),
    (0.3, (("FOLIE", 10, 40),)),
    (0.06, (("SPR5ML", 2, 10), ("KAN27G", 2, 10))),
    (0.08, (("BOTTE1L", 1, 1),)),
    (0.03, (("BOTTE5L", 1, 1),)),
)


def _hand_out(
    rng: random.Random,
    t: dict[str, Bulk],
    p: _Place,
    day: dt.date,
    when: dt.datetime,
    now_db: dt.datetime,
    visit_id: int | None,
    visitor_id: int | None,
    staff_id: int,
    naloxone: bool = False,
) -> None:
    if when >= now_db:
        return
    for_others = rng.random() < 0.1
    wanted: list[tuple[str, int]] = []
    if naloxone:
        wanted.append(("NALOX", rng.choice((1, 1, 1, 2))))
    else:
        for chance, lines in KITS:
            if rng.random() < chance:
                for code, low, high in lines:
                    quantity = rng.randint(low, high) * (3 if for_others else 1)
                    if quantity:
                        wanted.append((code, quantity))
    lines_ok = [(c, q) for c, q in wanted if c in p.items and 0 < q <= p.stock[c]]
    if not lines_ok:
        return
    voided = _void(rng, when, staff_id, 0.01)
    if voided[0] is None:
        for code, quantity in lines_ok:
            p.stock[code] -= quantity
            p.used[code] = p.used.get(code, 0) + quantity
    recipient = _draw(rng, RECIPIENTS) if naloxone else None
    trained = (rng.random() < 0.6) if naloxone else None
    hand_out_id = t["hand_out"].new_id()
    t["hand_out"].add(
        (hand_out_id, p.id, visit_id, visitor_id, for_others, recipient, trained, when, day)
        + (staff_id,)
        + voided
        + (_naloxone_details(hand_out_id) if naloxone else (None, None, None))
    )
    for code, quantity in lines_ok:
        t["line"].add((t["line"].new_id(), hand_out_id, p.items[code][0], quantity))


def _naloxone_details(hand_out_id: int) -> tuple[str, str | None, str | None]:
    """Why a new kit, and after a use the outcome and EMS call: drawn from the hand-out's own
    generator, so the rest of the demo (its visits, sales, figures) is as before."""
    rng = random.Random(hand_out_id)
    reason = _draw(rng, NALOXONE_REASON_WEIGHTS)
    if reason not in NALOXONE_USES:
        return reason, None, None
    return reason, _draw(rng, OUTCOME_WEIGHTS), _draw(rng, EMS_WEIGHTS)


def _draw(rng: random.Random, weights: dict[str, float]) -> str:
    """One value drawn by its weight."""
    return rng.choices(tuple(weights), tuple(weights.values()))[0]


def _void(rng: random.Random, when: dt.datetime, staff_id: int, rate: float) -> tuple[Any, ...]:
    if rng.random() < rate:
        return when + dt.timedelta(minutes=rng.randint(1, 20)), staff_id, rng.choice(VOID_REASONS)
    return None, None, None


def _close(rng: random.Random, p: _Place, day: dt.date) -> None:
    """Close the day as a shift lead would, counting the cash box (now and then a little off)."""
    from frontdesk.services import dayclose

    actor = Actor(p.id, p.lead_id, LEAD[0], LEAD[1])
    expected = p.cash_ore.pop(day, 0)
    difference = rng.choice((-5000, -2000, -1000, -500, 500, 1000)) if rng.random() < 0.1 else 0
    dayclose.close_day(actor, max(0, expected + difference), business_date=day)
