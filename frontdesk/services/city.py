"""The city: every centre's closed days in one PostgreSQL database, aggregate-only.

The city database is a frontdesk database (the same schema and migrations) that
holds centres, their supply catalogues and Z-report versions, nothing else; so
``frontdesk export`` and ``report`` read it with the desk's own code. ``init_city``
adds what only a city has: a login role per centre (``add_centre``) that
PostgreSQL's row-level security lets read and write its own centre's rows alone.

A desk keeps an outbox (``CityOutbox``): every Z-report version it has not yet
seen confirmed by the city. ``push`` sends them a batch per city transaction
(``INSERT … ON CONFLICT DO NOTHING``), then marks the batch sent at the desk; a push
that dies (server stopped, desk killed) leaves whole batches or nothing at the
city, and the next push re-sends whatever is not marked, which the city ignores if
it has it. What leaves the desk is decided in one function, ``leaving_desk``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from peewee import JOIN, Database, Value, fn

from frontdesk import clock, db
from frontdesk.db.connect import describe, is_url
from frontdesk.db.models import (
    DATED_MODELS,
    Centre,
    CityLink,
    CityOutbox,
    DayClose,
    Staff,
    SupplyItem,
    Visitor,
)
from frontdesk.errors import BadInput, FrontdeskError, NotFound, StoreUnavailable
from frontdesk.services import audit, city_secret, store, tally, validate
from frontdesk.services.actor import Actor
from frontdesk.services.settings import get_settings

ENV_CITY_URL = "FRONTDESK_CITY_URL"

# Z-report versions per city transaction: a push that dies loses at most one batch's work.
BATCH = 1000

# A city that stops answering is noticed within about half a minute, not never.
CONNECT_PARAMS = {
    "connect_timeout": "10",
    "keepalives": "1",
    "keepalives_idle": "10",
    "keepalives_interval": "5",
    "keepalives_count": "3",
}


class CityUnavailable(StoreUnavailable):
    """The city database cannot be reached or refused the login; the desk is unaffected."""


class CityRefused(FrontdeskError):
    """The city database refused to write a centre's rows (row-level security)."""


# -- the city's own schema: login roles and row-level security ------------------------

# The centre a login role writes for: the centre whose role is the session's user.
# SECURITY DEFINER: the roles need not read city_member itself.
CITY_SQL = """
CREATE TABLE IF NOT EXISTS city_member (
    role_name text PRIMARY KEY,
    centre_id integer NOT NULL UNIQUE REFERENCES centre (id) ON DELETE CASCADE
);
REVOKE ALL ON city_member FROM PUBLIC;
CREATE OR REPLACE FUNCTION city_own_centre() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT centre_id FROM city_member WHERE role_name = session_user $$;
CREATE OR REPLACE FUNCTION city_centre_of(wanted text) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT id FROM centre WHERE code = wanted $$;
ALTER TABLE centre ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS city_own_centre ON centre;
CREATE POLICY city_own_centre ON centre USING (id = city_own_centre());
ALTER TABLE day_close ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS city_own_centre ON day_close;
CREATE POLICY city_own_centre ON day_close
    USING (centre_id = city_own_centre()) WITH CHECK (centre_id = city_own_centre());
ALTER TABLE supply_item ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS city_own_centre ON supply_item;
CREATE POLICY city_own_centre ON supply_item
    USING (centre_id = city_own_centre()) WITH CHECK (centre_id = city_own_centre());
"""

# What a centre's role may touch; every other table it cannot even read.
ROLE_GRANTS = (
    "GRANT USAGE ON SCHEMA public TO {role}",
    "GRANT SELECT ON centre TO {role}",
    "GRANT SELECT, INSERT, UPDATE ON day_close, supply_item TO {role}",
    "GRANT USAGE ON SEQUENCE day_close_id_seq, supply_item_id_seq TO {role}",
)


@dataclass(frozen=True)
class CityCentre:
    code: str
    name: str
    role: str
    url: str  # the URL a desk pushes to, with the password: shown once


def _require_postgres(target: str) -> None:
    if not is_url(target):
        raise BadInput("error.city.not_postgres")


def is_city(database: Database | None = None) -> bool:
    database = database or db.database.obj
    return db.is_postgres(database) and "city_member" in database.get_tables()


def init_city(target: str) -> int:
    """Make the database at a postgresql:// URL a city database (again: a no-op); returns
    how many centres it holds.

    Refuses SQLite, and a database that holds a desk's own records (staff, visitors,
    visits, …): a city holds aggregates only.
    """
    _require_postgres(target)
    # Checked before anything is migrated: a desk's database is left exactly as it was.
    database = store.open_store(target, create=True, upgrade=_is_empty_or_current(target))
    if Staff.select().exists() or Visitor.select().exists() or _has_desk_rows():
        raise BadInput("error.city.holds_desk_records", database=describe(target))
    with store.write():
        database.execute_sql(CITY_SQL)
        name = database.database
        _execute(database, "REVOKE CONNECT ON DATABASE {db} FROM PUBLIC", db=name)
        audit.record(None, "city.init", "city", None, database=name)
    return int(Centre.select().count())


def _is_empty_or_current(target: str) -> bool:
    """True for an empty database or one whose schema needs nothing; False for one with
    pending migrations (``open_store`` then refuses it rather than upgrading a desk's)."""
    from frontdesk.db import migrate

    probe = db.connect(target, wal=False)
    state = migrate.status(probe)
    return state.current == 0 or not state.pending


def _has_desk_rows() -> bool:
    return any(model.select().exists() for model in DATED_MODELS)


def _execute(database: Database, template: str, **names: str) -> None:
    """A statement with quoted identifiers (role and database names cannot be parameters)."""
    from psycopg import sql

    statement = sql.SQL(template).format(**{k: sql.Identifier(v) for k, v in names.items()})
    database.cursor().execute(statement)


def role_name(database_name: str, code: str) -> str:
    """The centre's login role: named after the city database too, since roles are shared by
    every database of the server."""
    base = "".join(c if c.isalnum() else "_" for c in database_name.lower())
    return f"fd_{base[:40]}_{code.lower()}"


def add_centre(code: str, name: str, host: str | None = None) -> CityCentre:
    """Add a centre to the bound city database with its own login role; returns the URL a
    desk pushes to (with a new random password, shown this once).

    Refuses a database that is not a city (run ``init_city`` first), a bad code or name,
    and a code the city already has.
    """
    from psycopg import sql

    database = db.database.obj
    if not is_city(database):
        raise BadInput("error.city.not_a_city")
    code = validate.centre_code(code)
    name = validate.text(name, "centre name", 100, nb_field="senternavnet")
    role = role_name(database.database, code)
    password = secrets.token_urlsafe(24)
    with store.write():
        if Centre.select().where(Centre.code == code).exists():
            raise BadInput("error.city.centre_exists", code=code)
        exists = database.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
        if exists.fetchone():
            raise BadInput("error.city.role_exists", role=role)
        centre = Centre.create(code=code, name=name)
        database.cursor().execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
        _execute(
            database, "GRANT CONNECT ON DATABASE {db} TO {role}", db=database.database, role=role
        )
        for grant in ROLE_GRANTS:
            _execute(database, grant, role=role)
        database.execute_sql(
            "INSERT INTO city_member (role_name, centre_id) VALUES (%s, %s)", (role, centre.id)
        )
        audit.record(
            Actor.cli(centre.id), "city.add_centre", "centre", centre.id, code=code, role=role
        )
    return CityCentre(code, name, role, _desk_url(database, role, password, host))


def _desk_url(database: Database, role: str, password: str, host: str | None) -> str:
    params = database.connect_params
    where = host or params.get("host") or "localhost"
    if ":" not in where and params.get("port"):
        where = f"{where}:{params['port']}"
    return f"postgresql://{quote(role, safe='')}:{quote(password, safe='')}@{where}/{quote(database.database, safe='')}"


def drop_centre_roles() -> list[str]:
    """Drop every centre login role of the bound city database (before the database is
    dropped: roles outlive it). Returns their names."""
    database = db.database.obj
    if not is_city(database):
        return []
    roles = [r for (r,) in database.execute_sql("SELECT role_name FROM city_member").fetchall()]
    with store.write():
        for role in roles:
            _execute(database, "DROP OWNED BY {role}", role=role)
            _execute(database, "DROP ROLE IF EXISTS {role}", role=role)
        database.execute_sql("DELETE FROM city_member")
    return roles


# -- what leaves the desk -----------------------------------------------------------


@dataclass(frozen=True)
class CityDay:
    """One Z-report version as the city stores it: aggregates, no person."""

    code: str
    business_date: dt.date
    z_no: int
    version: int
    tally: str
    expected_cash_ore: int
    counted_cash_ore: int
    diff_ore: int
    revenue_ore: int
    grand_total_ore: int
    closed_at: dt.datetime
    reopened_at: dt.datetime | None


@dataclass(frozen=True)
class CityItem:
    """A catalogue item as the city stores it (so the city's export has its columns)."""

    code: str
    name_nb: str
    name_en: str
    unit: str
    kind: str
    low_stock: int
    bin_litres: int | None
    active: bool
    sort_order: int


def leaving_desk(
    centre_code: str, days: Iterable[DayClose], items: Iterable[SupplyItem] = ()
) -> tuple[list[CityDay], list[CityItem]]:
    """Everything that leaves the desk for the city, and nothing else.

    Of a Z-report version: its date, Z number, version, times, cash totals and the
    tally's known metrics (``tally.metric``), none of the per-staff sales, who closed or
    reopened it, or the reopen reason (free text). Of the catalogue: codes, names,
    kinds and order. No visitor code and no staff initials can pass.
    """
    out_days = [
        CityDay(
            centre_code,
            validate.date(row.business_date),
            int(row.z_no),
            int(row.version),
            _aggregate_tally(row.tally),
            int(row.expected_cash_ore),
            int(row.counted_cash_ore),
            int(row.diff_ore),
            int(row.revenue_ore),
            int(row.grand_total_ore),
            row.closed_at,
            row.reopened_at,
        )
        for row in days
    ]
    out_items = [
        CityItem(
            i.code,
            i.name_nb,
            i.name_en,
            i.unit,
            i.kind,
            int(i.low_stock),
            i.bin_litres,
            bool(i.active),
            int(i.sort_order),
        )
        for i in items
    ]
    return out_days, out_items


def _aggregate_tally(stored: str) -> str:
    """The stored tally with only the metrics the tally's table defines (counts and sums)."""
    version, metrics = tally.load_stored(stored)
    kept = {k: int(v) for k, v in metrics.items() if tally.metric(k) is not None}
    return json.dumps({"version": version, "metrics": kept}, sort_keys=True)


# -- the outbox at the desk -----------------------------------------------------------


def queue(centre_ids: Sequence[int]) -> int:
    """Put every Z-report version the city lacks in the outbox; returns how many wait.

    New versions are added; a version sent before it was reopened is queued again,
    so the city learns it was replaced. Two desks queueing at once add each once.
    """
    now = clock.to_db(clock.utcnow())
    with store.write():
        missing = (
            DayClose.select(
                DayClose.centre, DayClose.id, Value(now, converter=CityOutbox.queued_at.db_value)
            )
            .join(CityOutbox, JOIN.LEFT_OUTER, on=(CityOutbox.day_close == DayClose.id))
            .where(CityOutbox.id.is_null() & DayClose.centre.in_(list(centre_ids)))
        )
        CityOutbox.insert_from(
            missing, [CityOutbox.centre, CityOutbox.day_close, CityOutbox.queued_at]
        ).on_conflict_ignore().execute()
        reopened = DayClose.select(DayClose.id).where(
            DayClose.reopened_at.is_null(False) & DayClose.centre.in_(list(centre_ids))
        )
        CityOutbox.update(sent_at=None, queued_at=now).where(
            CityOutbox.sent_at.is_null(False)
            & (CityOutbox.sent_reopened == False)  # noqa: E712 (peewee expression)
            & CityOutbox.day_close.in_(reopened)
        ).execute()
    return waiting(centre_ids)


def waiting(centre_ids: Sequence[int]) -> int:
    """Z-report versions in the outbox that the city has not confirmed."""
    return int(
        CityOutbox.select()
        .where(CityOutbox.centre.in_(list(centre_ids)) & CityOutbox.sent_at.is_null())
        .count()
    )


@dataclass(frozen=True)
class CityStatus:
    """What the Day tab shows about the city link of a centre."""

    configured: bool  # a city URL is set (setting or environment)
    waiting: int  # versions in the outbox, not yet confirmed
    failing_since: dt.datetime | None  # UTC: the first failed push since the last success
    last_sent_at: dt.datetime | None  # UTC
    last_error: str | None
    refused: bool = False  # the city answered and refused the centre's days


def status(centre_id: int) -> CityStatus:
    """The centre's link to the city, from the desk's outbox (the city is not asked)."""
    link = CityLink.get_or_none(CityLink.centre == centre_id)
    configured = bool(os.environ.get(ENV_CITY_URL) or get_settings(centre_id).city_url)
    unsent = (
        DayClose.select()
        .join(CityOutbox, JOIN.LEFT_OUTER, on=(CityOutbox.day_close == DayClose.id))
        .where(
            (DayClose.centre == centre_id)
            & (
                CityOutbox.id.is_null()
                | CityOutbox.sent_at.is_null()
                | (DayClose.reopened_at.is_null(False) & (CityOutbox.sent_reopened == False))  # noqa: E712
            )
        )
        .count()
    )
    return CityStatus(
        configured,
        int(unsent),
        clock.as_utc(link.failing_since) if link and link.failing_since else None,
        clock.as_utc(link.last_sent_at) if link and link.last_sent_at else None,
        link.last_error if link else None,
        bool(link.refused) if link else False,
    )


def city_target(centre_id: int, to: str | None = None) -> str:
    """Where the centre pushes: ``to``, else $FRONTDESK_CITY_URL, else its ``city_url``."""
    target = to or os.environ.get(ENV_CITY_URL) or get_settings(centre_id).city_url
    if not target:
        raise BadInput("error.city.no_city")
    _require_postgres(target)
    return target


# -- the push -----------------------------------------------------------------------


@dataclass(frozen=True)
class PushResult:
    target: str  # described, without a password
    sent: dict[str, int]  # versions the city confirmed in this push, by centre code
    waiting: int  # still in the outbox afterwards (0 when everything went)

    @property
    def total(self) -> int:
        return sum(self.sent.values())


_INSERT_DAY = """
INSERT INTO day_close (centre_id, business_date, z_no, version, tally, expected_cash_ore,
    counted_cash_ore, diff_ore, revenue_ore, grand_total_ore, sales_by_staff, closed_at,
    reopened_at)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '[]', %s, %s)
ON CONFLICT DO NOTHING
"""
_MARK_REOPENED = """
UPDATE day_close SET reopened_at = %s
WHERE centre_id = %s AND business_date = %s AND version = %s AND reopened_at IS NULL
"""
_UPSERT_ITEM = """
INSERT INTO supply_item (centre_id, code, name_nb, name_en, unit, kind, low_stock, bin_litres,
    active, sort_order)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (centre_id, code) DO UPDATE SET name_nb = EXCLUDED.name_nb,
    name_en = EXCLUDED.name_en, unit = EXCLUDED.unit, kind = EXCLUDED.kind,
    low_stock = EXCLUDED.low_stock, bin_litres = EXCLUDED.bin_litres,
    active = EXCLUDED.active, sort_order = EXCLUDED.sort_order
"""

# Called after each batch, with the phase: "written" (inside the city transaction, before
# its commit) and "committed"; the fault tests stop the server there.
BatchHook = Callable[[str, int], None]


def push(
    actor: Actor,
    centre_ids: Sequence[int],
    target: str,
    *,
    batch: int = BATCH,
    hook: BatchHook | None = None,
) -> PushResult:
    """Send the centres' outbox to the city database at ``target``.

    Each batch is one city transaction; the desk marks it sent only after the city
    committed it, so a push cut anywhere leaves whole batches or nothing, and the next
    push completes it without duplicates. A city that cannot be reached, refuses the
    login or refuses a centre's rows raises one sentence; the desk's own records are
    untouched either way, and the link state (Day tab) says since when it fails.
    """
    _require_postgres(target)
    queue(centre_ids)
    codes = {c.id: c.code for c in Centre.select().where(Centre.id.in_(list(centre_ids)))}
    unsent: Any = (
        CityOutbox.select(CityOutbox.id)
        .join(DayClose)
        .where(CityOutbox.centre.in_(list(centre_ids)) & CityOutbox.sent_at.is_null())
        .order_by(DayClose.centre, DayClose.business_date, DayClose.version)
        .tuples()
    )
    pending: list[int] = [i for (i,) in unsent]
    sent: dict[str, int] = {}
    try:
        # Connected even when nothing waits: a wrong password or a lost link shows at once.
        city = _open_city(target)
        try:
            city_ids = {cid: _city_centre(city, code) for cid, code in codes.items()}
            if pending:
                _push_catalogues(city, city_ids)
            for start in range(0, len(pending), batch):
                ids = pending[start : start + batch]
                counts = _push_batch(city, codes, city_ids, ids, hook)
                for code, n in counts.items():
                    sent[code] = sent.get(code, 0) + n
        finally:
            city.conn.close()
    except FrontdeskError as exc:
        _link_failed(centre_ids, str(exc), refused=isinstance(exc, CityRefused))
        raise
    _link_ok(centre_ids)
    return PushResult(describe(target), sent, waiting(centre_ids))


@dataclass
class _City:
    """An open connection to the city (psycopg itself: the desk's models stay bound to the
    desk's database), with its database and user named for messages."""

    conn: Any  # psycopg.Connection, in autocommit: each batch is one explicit transaction
    name: str
    user: str


def _driver() -> Any:
    """psycopg, also in a process that left it out at start (``config.skip_unused_driver``
    keeps peewee from loading it for a SQLite desk; the city push needs it)."""
    if "psycopg" in sys.modules and sys.modules["psycopg"] is None:
        del sys.modules["psycopg"]
    import psycopg

    return psycopg


def _open_city(target: str) -> _City:
    url = city_secret.with_passfile(target)
    query = urlsplit(url).query
    extra = "&".join(f"{k}={v}" for k, v in CONNECT_PARAMS.items() if f"{k}=" not in query)
    if extra:
        url += ("&" if query else "?") + extra
    psycopg = _driver()
    try:
        conn = psycopg.connect(url, autocommit=True)
    except Exception as exc:  # refused, no such host, wrong password, no such database, …
        reason = _reason(exc)
        where = describe(target)
        if _turned_away(exc):  # the server answered and refused the login: not offline
            raise CityRefused("error.city.unreachable", database=where, why=reason) from None
        raise CityUnavailable("error.city.unreachable", database=where, why=reason) from None
    return _City(conn, conn.info.dbname, conn.info.user)


def _turned_away(exc: BaseException) -> bool:
    """The server answered but refused the login (a wrong password, a login it does not
    allow): not offline. libpq gives no SQLSTATE for a failed connection, only its words."""
    if (_sqlstate(exc) or "").startswith("28"):
        return True
    text = str(exc).lower()
    return any(
        words in text
        for words in ("authentication failed", "no pg_hba.conf entry", "no password supplied")
    )


def _reason(exc: BaseException) -> str:
    """The driver's first line, without libpq's "connection failed: … failed:" preamble."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    text = text.rsplit(" failed: ", 1)[-1]
    return validate.shown(text.rstrip("."), 160)


def _push_batch(
    city: _City,
    codes: dict[int, str],
    city_ids: dict[int, int],
    outbox_ids: list[int],
    hook: BatchHook | None,
) -> dict[str, int]:
    rows: list[Any] = list(
        DayClose.select(DayClose, CityOutbox.id.alias("outbox_id"))
        .join(CityOutbox, on=(CityOutbox.day_close == DayClose.id))
        .where(CityOutbox.id.in_(outbox_ids))
        .order_by(DayClose.centre, DayClose.business_date, DayClose.version)
        .objects()  # outbox_id on the DayClose row itself
    )
    by_centre: dict[int, list[DayClose]] = {}
    for row in rows:
        by_centre.setdefault(_ref(row, "centre"), []).append(row)
    try:
        with city.conn.transaction():
            cursor = city.conn.cursor()
            for centre_id, days in by_centre.items():
                out_days, _ = leaving_desk(codes[centre_id], days)
                cid = city_ids[centre_id]
                cursor.executemany(
                    _INSERT_DAY,
                    [
                        (
                            cid,
                            d.business_date,
                            d.z_no,
                            d.version,
                            d.tally,
                            d.expected_cash_ore,
                            d.counted_cash_ore,
                            d.diff_ore,
                            d.revenue_ore,
                            d.grand_total_ore,
                            d.closed_at,
                            d.reopened_at,
                        )
                        for d in out_days
                    ],
                )
                reopened = [
                    (d.reopened_at, cid, d.business_date, d.version)
                    for d in out_days
                    if d.reopened_at is not None
                ]
                if reopened:
                    cursor.executemany(_MARK_REOPENED, reopened)
            if hook:
                hook("written", len(rows))
    except FrontdeskError:
        raise
    except Exception as exc:
        raise _city_failure(exc, city) from None
    # The city has them: mark them sent at the desk, with what the city was told.
    now = clock.to_db(clock.utcnow())
    with store.write():
        told_reopened = [r.outbox_id for r in rows if r.reopened_at is not None]
        told_open = [r.outbox_id for r in rows if r.reopened_at is None]
        if told_reopened:
            CityOutbox.update(sent_at=now, sent_reopened=True).where(
                CityOutbox.id.in_(told_reopened)
            ).execute()
        if told_open:
            CityOutbox.update(sent_at=now, sent_reopened=False).where(
                CityOutbox.id.in_(told_open)
            ).execute()
        for centre_id, days in by_centre.items():
            audit.record(
                None,
                "city.push",
                "city_outbox",
                None,
                centre_id=centre_id,
                versions=len(days),
                first=validate.date(days[0].business_date).isoformat(),
                last=validate.date(days[-1].business_date).isoformat(),
            )
    if hook:
        hook("committed", len(rows))
    return {codes[c]: len(days) for c, days in by_centre.items()}


def _push_catalogues(city: _City, city_ids: dict[int, int]) -> None:
    """Each centre's supply catalogue, so the city's export has the desk's columns."""
    try:
        with city.conn.transaction():
            cursor = city.conn.cursor()
            for centre_id, cid in city_ids.items():
                items = SupplyItem.select().where(SupplyItem.centre == centre_id)
                _, out_items = leaving_desk("", (), items)
                cursor.executemany(
                    _UPSERT_ITEM,
                    [
                        (
                            cid,
                            i.code,
                            i.name_nb,
                            i.name_en,
                            i.unit,
                            i.kind,
                            i.low_stock,
                            i.bin_litres,
                            i.active,
                            i.sort_order,
                        )
                        for i in out_items
                    ],
                )
    except Exception as exc:
        raise _city_failure(exc, city) from None


def _ref(row: Any, name: str) -> Any:
    return row.__data__.get(name)


def _city_centre(city: _City, code: str) -> int:
    """The city's id of the centre with this code; refuses a city without it."""
    try:
        found = city.conn.execute("SELECT city_centre_of(%s)", (code,)).fetchone()
    except Exception as exc:
        raise _city_failure(exc, city) from None
    if found is None or found[0] is None:
        raise CityRefused("error.city.no_such_centre", database=_city_name(city), code=code)
    return int(found[0])


def _city_name(city: _City) -> str:
    return f"'{city.name}'"


def _city_failure(exc: BaseException, city: _City) -> FrontdeskError:
    """One sentence for a city that failed during a push."""
    state = _sqlstate(exc)
    if state == "42501":  # insufficient privilege: row-level security or a missing grant
        return CityRefused("error.city.refused_rows", database=_city_name(city), user=city.user)
    if state == "42883" or state == "42P01":  # no city_centre_of(), no table: not a city
        return CityRefused("error.city.not_a_city_database", database=_city_name(city))
    reason = validate.shown(" ".join(str(exc).split()) or type(exc).__name__, 160)
    return CityUnavailable("error.city.stopped", database=_city_name(city), why=reason)


def _sqlstate(exc: BaseException) -> str | None:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        state = getattr(current, "sqlstate", None)
        if state:
            return str(state)
        todo.extend([current.__cause__, current.__context__])
        todo.extend(a for a in current.args if isinstance(a, BaseException))
    return None


def _link_ok(centre_ids: Sequence[int]) -> None:
    now = clock.to_db(clock.utcnow())
    with store.write():
        for centre_id in centre_ids:
            CityLink.insert(
                centre=centre_id, last_sent_at=now, failing_since=None, last_error=None
            ).on_conflict(
                conflict_target=[CityLink.centre],
                update={
                    CityLink.last_sent_at: now,
                    CityLink.failing_since: None,
                    CityLink.last_error: None,
                    CityLink.refused: False,
                },
            ).execute()


def _link_failed(centre_ids: Sequence[int], message: str, *, refused: bool) -> None:
    now = clock.to_db(clock.utcnow())
    try:
        with store.write():
            for centre_id in centre_ids:
                CityLink.insert(
                    centre=centre_id, failing_since=now, last_error=message[:300], refused=refused
                ).on_conflict(
                    conflict_target=[CityLink.centre],
                    update={
                        CityLink.failing_since: fn.COALESCE(CityLink.failing_since, now),
                        CityLink.last_error: message[:300],
                        CityLink.refused: refused,
                    },
                ).execute()
    except FrontdeskError:
        pass  # the desk's own database failing too: the push's sentence says enough


def centre_ids_for(code: str | None) -> list[int]:
    """The centres of the desk database to push: the one named, else all of them."""
    if code:
        from frontdesk.services.centre import find_centre

        return [find_centre(code).id]
    ids = [c.id for c in Centre.select(Centre.id).order_by(Centre.code)]
    if not ids:
        raise NotFound("error.centre.database_no_centre_yet")
    return ids


def push_centre(actor: Actor) -> PushResult | None:
    """The desk's own push after a close: the centre's outbox to its city (``city_target``
    without ``--to``); None when no city is set (the desk then works as without a city)."""
    try:
        target = city_target(actor.centre_id)
    except BadInput:
        return None
    return push(actor, [actor.centre_id], target)
