"""What the desk's panes ask the app to do; the app handles each with ``@on``.

A pane never calls the app's methods for these: it posts the message, which
bubbles up to the app (``DeskApp``), and goes on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenHandOut(Message):
    """Go to the Supplies tab and start a hand-out for this visit or visitor."""

    visit_id: int | None
    visitor_code: str | None


@dataclass
class OpenSale(Message):
    """Go to the Megafon tab and start a sale to this vendor (a visitor code)."""

    vendor: str


@dataclass
class DayChanged(Message):
    """A pane closed or reopened a day: the header and the closed-day banner look again."""


@dataclass
class StartCorrection(Message):
    """Every tab records on this earlier, reopened day until the correction ends (ctrl+e)."""

    business_date: dt.date
