"""The checkin tab (being built)."""

from __future__ import annotations

from typing import ClassVar

from textual.containers import Vertical


class CheckinPane(Vertical):
    PALETTE: ClassVar[list[tuple[str, str, str]]] = []

    def refresh_data(self) -> None:
        pass

    def focus_default(self) -> None:
        pass
