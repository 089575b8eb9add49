"""Child processes for the crash and concurrency tests (and the benchmarks).

Run as ``python -m tests.helpers_proc <command> …`` from the repository root.
Each child binds the models to the database with ``db.connect`` and acts as
the staff member given on the command line (no sign-on: the PIN hash is slow
and not what is being tested). It reports on stdout, one line per committed
action, flushed after the commit, so a parent that kills it knows exactly
which actions were confirmed.

Commands:
  checkin TARGET CENTRE_ID STAFF_ID INITIALS
      check in anonymously for ever, printing each visit id.
  writer TARGET CENTRE_ID STAFF_ID INITIALS ROLE SECONDS SEED VENDOR DAYS [PACE_MS]
      for SECONDS, a mix of check-ins, Megafon sales to VENDOR, supply
      hand-outs and Z-closes of the comma-separated past DAYS (both writers
      race for the same days); with PACE_MS, a random pause of 0 to
      2 x PACE_MS between actions (a busy desk rather than a tight loop). Prints JSON lines: {"kind": …, "id": …} per
      committed action, {"kind": "refused", …} for a FrontdeskError,
      {"kind": "error", …} for anything else (an OperationalError such as
      "database is locked" must never happen), and a final
      {"kind": "summary", "waits_ms": […]} with every call's duration.
  signon TARGET CENTRE_ID INITIALS PIN
      print "ready", wait for a line on stdin (so that many children try at
      the same moment), try one sign-on and print its outcome as JSON:
      {"kind": "signed_on"} or {"kind": <the FrontdeskError's class name>}.
  erase TARGET CENTRE_ID STAFF_ID INITIALS CODE [pause]
      print "ready", then erase everything under CODE (rights.erase_visitor) and print
      "erased" after the commit; with "pause", print "inside" halfway through the
      erasure's transaction and wait there (for a kill -9).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from frontdesk import db
from frontdesk.errors import FrontdeskError
from frontdesk.services import visits
from frontdesk.services.actor import Actor


def _emit(**fields: Any) -> None:
    sys.stdout.write(json.dumps(fields, default=str) + "\n")
    sys.stdout.flush()


def checkin_forever(target: str, centre_id: int, staff_id: int, initials: str) -> None:
    db.connect(target)
    actor = Actor(centre_id, staff_id, initials, "desk")
    out = sys.stdout
    while True:
        visit = visits.check_in(actor)
        out.write(f"{visit.id}\n")
        out.flush()


def prepare_services(lead: Actor, vendor_number: int = 4242) -> str:
    """Stock and a vendor for the writers' actions (in the parent); returns the vendor or ""."""
    vendor = ""
    try:
        from frontdesk.services import megafon

        if hasattr(megafon, "sell"):
            visits.register_visitor(lead, "VEND42", vendor_number=vendor_number)
            megafon.add_issue(lead, "1", 5000)
            megafon.record_delivery(lead, 10_000)
            vendor = str(vendor_number)
    except ImportError:
        pass
    try:
        from frontdesk.services import supplies

        if hasattr(supplies, "hand_out"):
            code = supplies.catalogue(lead.centre_id)[0].code
            supplies.record_delivery(lead, code, 100_000)
    except ImportError:
        pass
    return vendor


def _actions(actor: Actor, vendor: str, close_days: list[dt.date]) -> list[tuple[str, Callable]]:
    """The write actions this code base offers so far (services land one by one)."""
    actions: list[tuple[str, Callable]] = [("visit", lambda: visits.check_in(actor).id)]
    try:
        from frontdesk.services import megafon

        if hasattr(megafon, "sell") and vendor:
            actions.append(("sale", lambda: megafon.sell(actor, vendor, 1, "cash").id))
    except ImportError:
        pass
    try:
        from frontdesk.services import supplies

        if hasattr(supplies, "hand_out"):
            code = supplies.catalogue(actor.centre_id)[0].code
            actions.append(("hand_out", lambda: supplies.hand_out(actor, [(code, 1)]).id))
    except (ImportError, IndexError):
        pass
    try:
        from frontdesk.services import dayclose

        if hasattr(dayclose, "close_day") and close_days and actor.is_lead:
            pending = list(close_days)

            def close() -> Any:
                if not pending:
                    return None
                day = pending.pop(0)
                report = dayclose.close_day(actor, 0, day)
                return {"date": day.isoformat(), "z_no": report.z_no}

            actions.append(("close", close))
    except ImportError:
        pass
    return actions


def writer(
    target: str,
    centre_id: int,
    staff_id: int,
    initials: str,
    role: str,
    seconds: float,
    seed: int,
    vendor: str,
    days_text: str,
    pace_ms: float = 0.0,
) -> None:
    db.connect(target)
    actor = Actor(centre_id, staff_id, initials, role)
    close_days = [dt.date.fromisoformat(d) for d in days_text.split(",") if d]
    actions = _actions(actor, vendor, close_days)
    _emit(kind="actions", names=[name for name, _ in actions])
    rng = random.Random(seed)
    waits: list[float] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if pace_ms:
            time.sleep(rng.uniform(0, 2 * pace_ms) / 1000)
        name, action = rng.choice(actions)
        started = time.perf_counter()
        try:
            result = action()
        except FrontdeskError as exc:
            waits.append((time.perf_counter() - started) * 1000)
            _emit(kind="refused", action=name, type=type(exc).__name__, message=str(exc))
            continue
        except Exception as exc:
            waits.append((time.perf_counter() - started) * 1000)
            _emit(kind="error", action=name, type=type(exc).__name__, message=str(exc)[:300])
            continue
        waits.append((time.perf_counter() - started) * 1000)
        if result is not None:
            _emit(kind=name, id=result)
    _emit(kind="summary", waits_ms=[round(w, 3) for w in waits])


def sign_on_once(target: str, centre_id: int, initials: str, pin: str) -> None:
    from frontdesk.services.staff import sign_on

    db.connect(target)
    _emit(kind="ready")
    sys.stdin.readline()
    try:
        sign_on(centre_id, initials, pin)
    except FrontdeskError as exc:
        _emit(kind=type(exc).__name__, message=str(exc))
        return
    _emit(kind="signed_on")


def erase(
    target: str, centre_id: int, staff_id: int, initials: str, code: str, pause: bool
) -> None:
    from frontdesk.services import rights

    db.connect(target)
    if pause:
        scrub = rights._scrub_free_text

        def scrub_then_wait(centre: int, text: str) -> int:
            changed = scrub(centre, text)  # the links are already gone, in this transaction
            _emit(kind="inside")
            time.sleep(60)
            return changed

        rights._scrub_free_text = scrub_then_wait  # type: ignore[assignment]
    _emit(kind="ready")
    rights.erase_visitor(Actor(centre_id, staff_id, initials, "lead"), code, "asked")
    _emit(kind="erased")


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "signon":
        target, centre_id, initials, pin = args
        sign_on_once(target, int(centre_id), initials, pin)
    elif command == "checkin":
        target, centre_id, staff_id, initials = args
        checkin_forever(target, int(centre_id), int(staff_id), initials)
    elif command == "writer":
        target, centre_id, staff_id, initials, role, seconds, seed, vendor, days_text = args[:9]
        pace_ms = float(args[9]) if len(args) > 9 else 0.0
        writer(
            target,
            int(centre_id),
            int(staff_id),
            initials,
            role,
            float(seconds),
            int(seed),
            vendor,
            days_text,
            pace_ms,
        )
    elif command == "erase":
        target, centre_id, staff_id, initials, code = args[:5]
        erase(target, int(centre_id), int(staff_id), initials, code, args[5:] == ["pause"])
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
