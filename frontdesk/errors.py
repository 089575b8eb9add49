"""The one family of domain errors: the message is the sentence a user sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Self

from frontdesk import i18n


class FrontdeskError(Exception):
    """A refusal or failure that the user can understand and act on.

    An error carries a message id of the gettext catalogues and its parameters:
    ``BadInput("error.lunch.already_on_roster", who=code)``. ``str(error)`` is the
    English sentence (the command line shows it); the desk app shows
    ``error.text(lang)``. ``hint`` is the message id of an optional second line for
    the command line (what to do next); ``error.hint`` is its English text.
    """

    def __init__(self, message_id: str, /, *, hint: str | None = None, **params: object) -> None:
        self.message_id = message_id
        self.hint_id = hint
        self.params = params
        super().__init__(self.text("en"))

    @classmethod
    def of(cls, message_id: str, params: Mapping[str, object], *, hint: str | None = None) -> Self:
        """The error with parameters given as a mapping (another error's, a rule's)."""
        error = cls(message_id, hint=hint)
        error.params = dict(params)
        error.args = (error.text("en"),)
        return error

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` (a language of ``i18n.languages()``)."""
        return i18n.text(lang, self.message_id, **self.params)

    @property
    def nb(self) -> str:
        """The bokmål sentence (what the desk shows by default)."""
        return self.text("nb")

    @property
    def hint(self) -> str | None:
        """The English hint line, if any."""
        return i18n.text("en", self.hint_id, **self.params) if self.hint_id else None


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
        super().__init__(i18n.N_("error.day_closed"), day=business_date.isoformat())


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
