"""The footer: the desk's own keys first (F1–F5, lock, quit), then the focused part's keys.

One widget that draws the keys as text, wrapped onto a second line when the
terminal is narrow: a key is never cut in half, and nothing is mounted when
the keys change (Textual's Footer mounts a widget per key, which cost a
relayout of the whole screen on every tab switch). Binding descriptions may
be i18n keys; they are translated when shown. A click on a key runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from frontdesk.i18n import get_language, t

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding

# By binding id, so that a remapped key keeps its place (frontdesk.toml's [keymap]).
# The app's keys, in the order they are shown, before any pane's keys.
FIRST = ("lock", "quit")
# The tab keys are on the tab bar, with their tabs' names: not twice (room for a pane's keys at 80×24).
ON_TAB_BAR_PREFIX = "tab."
PALETTE_ID = "palette"
GAP = 2  # spaces between two keys


@dataclass(frozen=True)
class FooterItem:
    key: str  # as shown: "F6", "^p"
    description: str
    enabled: bool
    action: str
    node: DOMNode

    @property
    def width(self) -> int:
        return len(self.key) + 1 + len(self.description)


def key_label(app: App[Any], binding: Binding) -> str:
    """'F6' for function keys (one spelling on every tab), else Textual's display ('^l')."""
    if binding.key_display:
        return str(binding.key_display)
    shown = str(app.get_key_display(binding))
    return shown.upper() if binding.key.startswith("f") and shown[1:].isdigit() else shown


def footer_items(screen: Screen[Any]) -> list[FooterItem]:
    """The keys to show on ``screen`` now: the app's first, the command palette last."""
    items: list[tuple[tuple[int, int], FooterItem]] = []
    seen: set[str] = set()
    for index, (node, binding, enabled, _tooltip) in enumerate(screen.active_bindings.values()):
        palette = binding.id == PALETTE_ID
        on_tab_bar = (binding.id or "").startswith(ON_TAB_BAR_PREFIX)
        if not (binding.show or palette) or binding.action in seen or on_tab_bar:
            continue
        seen.add(binding.action)
        item = FooterItem(
            key_label(screen.app, binding),
            t(binding.description) if binding.description else "",
            enabled,
            binding.action,
            node,
        )
        rank = (2, index) if palette else (0, FIRST.index(binding.id)) if binding.id in FIRST else (1, index)  # fmt: skip
        items.append((rank, item))
    return [item for _rank, item in sorted(items, key=lambda pair: pair[0])]


def layout_lines(items: list[FooterItem], width: int) -> list[list[FooterItem]]:
    """Items placed on lines of ``width`` cells, each item whole (one item per line at worst)."""
    lines: list[list[FooterItem]] = [[]]
    used = 0
    for item in items:
        need = item.width + (GAP if lines[-1] else 0)
        if lines[-1] and used + need > width:
            lines.append([])
            used, need = 0, item.width
        lines[-1].append(item)
        used += need
    return lines


class DeskFooter(Widget):
    """The keys of what has the focus, in the desk's language (see the module text)."""

    DEFAULT_CSS = """
    DeskFooter {
        dock: bottom;
        height: auto;
        padding: 0 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    DeskFooter > .footer--key { color: $footer-key-foreground; text-style: bold; }
    DeskFooter > .footer--disabled { color: $text-disabled; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"footer--key", "footer--disabled"}

    def __init__(self) -> None:
        super().__init__()
        self._items: list[FooterItem] = []
        self._lines: list[list[FooterItem]] = []
        self._signature: tuple[Any, ...] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        items = footer_items(screen)
        signature = (
            get_language(),
            *((i.key, i.description, i.enabled, i.action) for i in items),
        )
        if signature == self._signature:
            return  # focus moved inside a grid: the same keys
        self._signature = signature
        old_height = len(self._lines)
        self._items = items
        self._lines = layout_lines(items, max(1, self.content_region.width or 80))
        self.refresh(layout=len(self._lines) != old_height)

    def refresh_texts(self) -> None:
        """Show the keys again, e.g. after the language changed."""
        self._signature = None
        self._bindings_changed(self.screen)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._lines = layout_lines(self._items, max(1, width))
        return max(1, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        lines = layout_lines(self._items, max(1, self.content_region.width))
        if len(lines) != len(self._lines):
            self._lines = lines
            self.refresh(layout=True)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key")
        off_style = self.get_component_rich_style("footer--disabled")
        text = Text(no_wrap=True, overflow="crop")
        for number, line in enumerate(self._lines):
            if number:
                text.append("\n")
            for index, item in enumerate(line):
                if index:
                    text.append(" " * GAP)
                text.append(item.key, style=key_style if item.enabled else off_style)
                text.append(" ")
                text.append(item.description, style="" if item.enabled else off_style)
        return text

    def item_at(self, x: int, y: int) -> FooterItem | None:
        """The key drawn at (x, y) of the content, if any."""
        if not 0 <= y < len(self._lines):
            return None
        start = 0
        for item in self._lines[y]:
            if start <= x < start + item.width:
                return item
            start += item.width + GAP
        return None

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        item = self.item_at(offset.x, offset.y) if offset is not None else None
        if item is not None and item.enabled:
            event.stop()
            await self.app.run_action(item.action, item.node)
