"""Messages the desk app's parts send each other."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SignedOn(Message, bubble=False):
    """A staff member signed on (first sign-on or unlock); the actor is on the app."""

    initials: str


@dataclass
class DataChanged(Message):
    """A pane committed a change other parts may want to show (e.g. a new visit)."""

    area: str
