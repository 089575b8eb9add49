"""The one family of domain errors: the message is the sentence a user sees."""

from __future__ import annotations

import datetime as dt


class FrontdeskError(Exception):
    """A refusal or failure that the user can understand and act on.

    ``str(error)`` is the English sentence (the command line shows it); the
    desk app shows ``error.text(lang)``, the bokmål sentence when one is given.
    ``hint`` is an optional second line for the command line (what to do next).
    """

    def __init__(self, message: str, *, nb: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.nb = nb
        self.hint = hint

    def text(self, lang: str) -> str:
        return self.nb if lang == "nb" and self.nb else str(self)


class BadInput(FrontdeskError):
    """The input is not acceptable (wrong format, out of range, unknown)."""


class NotFound(BadInput):
    """A named thing (code, initials, item, centre) does not exist."""


class NotAllowed(FrontdeskError):
    """The signed-on staff member may not do this (role, disabled, locked)."""


class WrongPin(NotAllowed):
    pass


class LockedOut(NotAllowed):
    pass


class DayClosed(FrontdeskError):
    """The business day is closed (read-only) until a lead reopens it."""

    def __init__(self, business_date: dt.date) -> None:
        self.business_date = business_date
        day = business_date.isoformat()
        super().__init__(
            f"The day {day} is closed; a shift lead must reopen it first.",
            nb=f"Dagen {day} er avsluttet; en vaktleder må gjenåpne den først.",
        )


class OutOfStock(BadInput):
    pass


class NeedsSecondLead(BadInput):
    """A cash difference beyond the limit: a second lead's PIN and a reason are needed."""


class StoreUnavailable(FrontdeskError):
    """The database cannot be opened (missing, unreachable, wrong schema)."""


class StoreDamaged(StoreUnavailable):
    """The database file is damaged (SQLite reports it corrupt or not a database)."""


class DiskFull(FrontdeskError):
    """The disk (or the database's size limit) is full; nothing was saved."""


class OutputClosed(FrontdeskError):
    """Standard output is closed: there is nowhere to write the result."""
