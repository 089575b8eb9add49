"""A scrollable list of pre-formatted rows that draws only rows it has not drawn before.

Today's visits change on every check-in: the new visit goes on top and every
other row moves down one line. A DataTable repaints every visible cell after
any change; this list keeps each row's rendered line (keyed by the row's key,
text and whether the cursor is on it), so a check-in renders one new line and
the frame after the key press stays short.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.reactive import Reactive, reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RowList(ScrollView, can_focus=True):
    """Rows of text with a cursor; ``set_rows`` replaces them, keeping the selection."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--cursor-blurred"}
    DEFAULT_CSS = """
    RowList { overflow-y: scroll; overflow-x: hidden; }
    RowList > .row-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    RowList > .row-list--cursor-blurred { background: $block-cursor-blurred-background; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
    ]

    # The vertical scrollbar is always shown (CSS), so a longer list never changes
    # the screen's layout: only this widget and its scrollbar are repainted.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    cursor_row: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[tuple[str, Text]] = []
        self._index: dict[str, int] = {}
        self._lines: dict[tuple[str, str, bool, bool, int], Strip] = {}

    # -- content ----------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def get_row_at(self, row: int) -> list[Text]:
        return [self._rows[row][1]]

    @property
    def selected_key(self) -> str | None:
        if not self._rows:
            return None
        return self._rows[min(self.cursor_row, len(self._rows) - 1)][0]

    def set_rows(self, rows: list[tuple[str, Text]], *, keep: str | None = None) -> None:
        """Show these rows; the cursor stays on ``keep`` if it is still there, else the first."""
        self._rows = rows
        self._index = {key: i for i, (key, _) in enumerate(rows)}
        # Forget lines of rows that are gone, so the cache never outgrows the list.
        self._lines = {k: v for k, v in self._lines.items() if k[0] in self._index}
        self.virtual_size = Size(0, len(rows))  # rows fit the width: no sideways scrolling
        self.cursor_row = self._index.get(keep, 0) if keep is not None else 0
        self.refresh()

    def watch_virtual_size(self, size: Size) -> None:
        self._scroll_update(size)

    # -- drawing ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        key, text = self._rows[index]
        on_cursor = index == self.cursor_row
        cache_key = (key, text.plain, on_cursor, on_cursor and self.has_focus, width)
        line = self._lines.get(cache_key)
        if line is None:
            style = self.rich_style
            if on_cursor:
                name = "row-list--cursor" if self.has_focus else "row-list--cursor-blurred"
                style += self.get_component_rich_style(name)
            console = self.app.console
            segments = console.render_lines(text, console.options.update_width(width), style=style)
            line = Strip(segments[0], width) if segments else Strip.blank(width, style)
            self._lines[cache_key] = line
        return line

    def on_focus(self, event: events.Focus) -> None:
        self._refresh_row(self.cursor_row)

    def on_blur(self, event: events.Blur) -> None:
        self._refresh_row(self.cursor_row)

    def _refresh_row(self, row: int) -> None:
        width = self.size.width
        self.refresh(Region(0, row - self.scroll_offset.y, width, 1))

    # -- the cursor ---------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif height and new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False)

    def move_cursor(self, row: int) -> None:
        self.cursor_row = row

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_page_up(self) -> None:
        self.cursor_row -= max(1, self.scrollable_content_region.height - 1)

    def action_page_down(self) -> None:
        self.cursor_row += max(1, self.scrollable_content_region.height - 1)

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = len(self._rows) - 1

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self._rows):
            self.cursor_row = row
