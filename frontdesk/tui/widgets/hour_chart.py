"""Visits by hour: one horizontal bar per hour of the day (10–18, and any hour with visits)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

OPENING_HOURS = range(10, 19)


class HourChart(Widget):
    """A bar chart of visits per local hour; bars scale to the widget's width."""

    COMPONENT_CLASSES = {"hour-chart--bar"}
    DEFAULT_CSS = """
    HourChart { height: auto; }
    HourChart > .hour-chart--bar { color: $accent; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._counts: list[int] = [0] * 24

    @property
    def counts(self) -> list[int]:
        return list(self._counts)

    def set_counts(self, counts: Sequence[int]) -> None:
        """Show these 24 counts (index = local hour)."""
        padded = [int(c) for c in counts][:24]
        padded += [0] * (24 - len(padded))
        if padded != self._counts:
            self._counts = padded
            self.refresh(layout=True)

    def hours(self) -> list[int]:
        """The hours shown: opening hours 10–18 and every hour with visits."""
        return sorted(set(OPENING_HOURS) | {h for h, c in enumerate(self._counts) if c})

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.hours())

    def render(self) -> Text:
        hours = self.hours()
        top = max((self._counts[h] for h in hours), default=0)
        number_width = max(len(str(top)), 1)
        room = max(self.content_size.width - 3 - 1 - number_width, 1)
        bar_style = self.get_component_rich_style("hour-chart--bar")
        text = Text(no_wrap=True, overflow="crop")
        for i, hour in enumerate(hours):
            count = self._counts[hour]
            cells = (count * room + top - 1) // top if top else 0  # rounded up: 1 visit shows
            text.append(f"{hour:02d} ", style="bold")
            text.append("█" * cells, style=bar_style)
            text.append(f" {count}" if count else " ·")
            if i < len(hours) - 1:
                text.append("\n")
        return text
