"""The desk app: sign-on, five tabs (F1–F5), lock, command palette.

The first frame is the sign-on screen; the database is opened in a worker
meanwhile, and the tabs are built once the centre (and so the language) is
known. Every service call runs through ``calls.run_call``.
"""

from __future__ import annotations

import gc
import time

_STARTED = time.perf_counter()  # start-up is measured from here to the first frame

import datetime as dt  # noqa: E402
from pathlib import Path, PurePath  # noqa: E402
from typing import TYPE_CHECKING, Any, ClassVar, cast  # noqa: E402

from textual import events, on  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.binding import Binding, BindingType  # noqa: E402
from textual.containers import Container  # noqa: E402
from textual.message import Message  # noqa: E402
from textual.widgets import Header, Static, TabbedContent, TabPane  # noqa: E402

from frontdesk.errors import FrontdeskError  # noqa: E402
from frontdesk.i18n import languages, set_key_names, set_language, t  # noqa: E402
from frontdesk.tui.calls import run_call  # noqa: E402
from frontdesk.tui.commands import DeskCommands  # noqa: E402
from frontdesk.tui.desk import desk  # noqa: E402
from frontdesk.tui.key_queue import KeyQueue  # noqa: E402
from frontdesk.tui.messages import DayChanged, OpenHandOut, OpenSale, StartCorrection  # noqa: E402
from frontdesk.tui.widgets.footer import DeskFooter, key_label  # noqa: E402
from frontdesk.tui.widgets.pane_kit import CorrectionBanner, LoadedPane  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.timer import Timer

    from frontdesk.config import CentreSettings, DeskConfig
    from frontdesk.services.actor import Actor
    from frontdesk.services.centre import CentreInfo
    from frontdesk.tui.widgets.city_status import CityPusher

_HERE = Path(__file__).parent

# (tab id, key, module, class), in the order of the tabs.
TABS: tuple[tuple[str, str, str, str], ...] = (
    ("checkin", "f1", "frontdesk.tui.panes.checkin", "CheckinPane"),
    ("lunch", "f2", "frontdesk.tui.panes.lunch", "LunchPane"),
    ("megafon", "f3", "frontdesk.tui.panes.megafon", "MegafonPane"),
    ("supplies", "f4", "frontdesk.tui.panes.supplies", "SuppliesPane"),
    ("day", "f5", "frontdesk.tui.panes.day", "DayPane"),
)

REFRESH_SECONDS = 5.0


def _tab_bindings() -> list[BindingType]:
    return [
        Binding(
            key,
            f"switch_tab('{tab}')",
            f"key.tab.{tab}",
            id=f"tab.{tab}",
            tooltip=f"tab.{tab}",
            key_display=key.upper(),
            priority=True,
        )
        for tab, key, _module, _cls in TABS
    ]


def _open_centre(target: str, centre_code: str | None) -> tuple[CentreInfo, CentreSettings]:
    """Open the database and find the centre (runs in a worker)."""
    from frontdesk.services.centre import find_centre
    from frontdesk.services.settings import get_settings
    from frontdesk.services.store import open_store

    open_store(target)
    centre = find_centre(centre_code)
    return centre, get_settings(centre.id)


def _day_status(centre_id: int) -> tuple[dt.date, bool]:
    from frontdesk.services import days

    today = days.today(centre_id)
    return today, days.is_closed(centre_id, today)


class _Tabs(Container):
    """The TabbedContent with the five panes (built once the language is known)."""

    def __init__(self, panes: dict[str, LoadedPane[Any]]) -> None:
        super().__init__(id="tabs-box")
        self._panes = panes

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs", initial="checkin"):
            app = desk(self)
            for tab, _key, _module, _cls in TABS:
                shown = key_label(app, app.binding_by_id(f"tab.{tab}"))
                yield TabPane(f"{shown} {t(f'tab.{tab}')}", self._panes[tab], id=tab)


def settle_memory() -> None:
    """Keep garbage collection out of the desk's way once the screens are built.

    The widgets live as long as the app: freezing them moves them out of every
    later collection, and a higher threshold makes collections rarer. Measured
    on a check-in (benchmarks/tui.py): without this, a full collection now and
    then held the new row back by 50–100 ms.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


class DeskApp(App[None]):
    """The front desk: one tab per area, everything by keyboard."""

    TITLE = "frontdesk"
    # Absolute paths, so a subclass (e.g. in a benchmark) finds them too.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        _HERE / "app.tcss",
        *sorted((_HERE / "panes").glob("*.tcss")),
    ]
    COMMANDS: ClassVar[set[Any]] = {DeskCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        *_tab_bindings(),
        Binding("ctrl+l", "lock", "key.lock", id="lock", tooltip="key.lock.tip", priority=True),
        Binding(
            "ctrl+p",
            "command_palette",
            "key.palette",
            id="palette",
            tooltip="key.palette",
            show=False,  # the footer shows it on the right
            priority=True,
        ),
        Binding("ctrl+q", "quit", "key.quit", id="quit", tooltip="key.quit.tip", priority=True),
        Binding(
            "ctrl+e",
            "end_correction",
            "key.end_correction",
            id="end_correction",
            tooltip="key.end_correction.tip",
            priority=True,
        ),
    ]

    def __init__(
        self,
        target: str,
        centre_code: str | None = None,
        *,
        idle_seconds: float | None = None,
        keymap: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})  # binding id -> keys, from frontdesk.toml's [keymap]
        if self.keymap:
            self.set_keymap(self.keymap)
        set_key_names(self.keymap)  # hints name the remapped keys too
        # No sliding tab underline or smooth scrolling: every frame of an animation
        # is a repaint the desk waits behind (tab switches, benchmarks/tui.py).
        self.animation_level = "none"
        self.target = target
        self.centre_code = centre_code
        self.idle_override = idle_seconds
        self.actor: Actor | None = None
        self.centre: CentreInfo | None = None
        self.settings: CentreSettings | None = None
        self.lang = "nb"
        self.locked = True
        self.day_closed = False
        self.business_date: dt.date | None = None
        self.correcting: dt.date | None = None  # an earlier reopened day every tab records on
        self.panes: dict[str, LoadedPane[Any]] = {}
        self._last_input = time.monotonic()
        self._idle_timer: Timer | None = None
        self._refresh_timer: Timer | None = None
        self._pending_sign_on: tuple[str, str, Callable[[FrontdeskError], object]] | None = None
        self.crashes: list[Exception] = []  # unexpected errors shown as a toast (tests check it)
        self._key_queue: KeyQueue | None = None
        self._city_pusher: CityPusher | None = None  # from the first push
        set_language("nb")

    def binding_by_id(self, binding_id: str) -> Binding:
        """One of the app's own bindings, with its key from the keymap (the first, if several)."""
        binding = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == binding_id)
        keys = self.keymap.get(binding_id)
        return binding.with_key(keys.split(",")[0], key_display=None) if keys else binding

    # -- building -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(t("app.closed_banner"), id="closed-banner")
        yield CorrectionBanner()
        yield Container(id="desk")
        yield DeskFooter()

    def on_mount(self) -> None:
        from frontdesk.tui.screens.signon import SignOnScreen

        self.push_screen(SignOnScreen())

    def on_ready(self) -> None:
        self.log(f"ready in {(time.perf_counter() - _STARTED) * 1000:.0f} ms")
        # The database opens while the user types initials: nothing of it before the first frame.
        run_call(
            self,
            _open_centre,
            self.target,
            self.centre_code,
            done=self._centre_loaded,
            failed=self._no_database,
        )

    def _no_database(self, exc: FrontdeskError) -> None:
        from frontdesk.tui.screens.nodb import NoDatabaseScreen

        self.switch_screen(NoDatabaseScreen(self.target, exc.text(self.lang)))

    def _centre_loaded(self, loaded: tuple[CentreInfo, CentreSettings]) -> None:
        from frontdesk.tui.screens.signon import SignOnScreen

        self.centre, self.settings = loaded
        self.lang = self.settings.language if self.settings.language in languages() else "nb"
        set_language(self.lang)
        self.title = self.centre.name
        self.query_one("#closed-banner", Static).update(t("app.closed_banner"))
        self._build_desk()
        self._update_header()
        if isinstance(self.screen, SignOnScreen):
            self.screen.centre_loaded(self.centre.name)
        for screen in self.screen_stack:  # the sign-on screen's footer too
            for footer in screen.query(DeskFooter):
                footer.refresh_texts()
        if self._pending_sign_on is not None:
            pending, self._pending_sign_on = self._pending_sign_on, None
            self.sign_on(*pending)

    def _build_desk(self) -> None:
        import importlib

        for tab, _key, module, cls in TABS:
            self.panes[tab] = getattr(importlib.import_module(module), cls)()
        self.query_one("#desk").mount(_Tabs(self.panes))

    @property
    def timezone(self) -> str:
        """The centre's time zone (the desk shows local times in it)."""
        return self.settings.timezone if self.settings else "Europe/Oslo"

    @property
    def idle_seconds(self) -> float:
        if self.idle_override is not None:
            return self.idle_override
        minutes = self.settings.idle_lock_minutes if self.settings else 10
        return float(minutes * 60)

    # -- signing on and locking ----------------------------------------------

    def sign_on(self, initials: str, pin: str, failed: Callable[[FrontdeskError], object]) -> None:
        """Check initials and PIN (the sign-on screen calls this)."""
        from frontdesk.services import staff

        if self.centre is None:
            self._pending_sign_on = (initials, pin, failed)  # typed before the database opened
            return
        run_call(
            self, staff.sign_on, self.centre.id, initials, pin, done=self._signed_on, failed=failed
        )

    def _signed_on(self, actor: Actor) -> None:
        from frontdesk.tui.screens.signon import SignOnScreen

        self.actor = actor
        self.locked = False
        self._last_input = time.monotonic()
        if isinstance(self.screen, SignOnScreen):
            self.pop_screen()
        self._update_header()
        self.refresh_bindings()
        if self._idle_timer is None:
            every = max(0.05, min(5.0, self.idle_seconds / 5))
            self._idle_timer = self.set_interval(every, self._check_idle)
            self._refresh_timer = self.set_interval(REFRESH_SECONDS, self._periodic_refresh)
        pane = self.active_pane
        if pane is not None:
            self._focus_unless_inside(pane)  # now: the next key typed goes there
        self.call_after_refresh(self._after_sign_on)

    def _after_sign_on(self) -> None:
        from frontdesk.services import rights

        settle_memory()
        self._refresh_day()
        # The tab bar measured its underline before the tab labels had their
        # width; now they have it (else the active tab could show no underline).
        try:
            from textual.widgets import Tabs

            self.screen_stack[0].query_one("#tabs").query_one(Tabs)._highlight_active(animate=False)
        except Exception:  # noqa: BLE001 - no tabs yet: nothing to underline
            pass
        if self.centre is not None:  # the first sign-on of a business day purges old rows
            run_call(
                self, rights.apply_retention, self.centre.id, only_if_due=True,
                keep_going=lambda: self.is_running,  # quitting stops it after a batch
                failed=lambda exc: self.log.warning(f"retention: {exc}"),
            )  # fmt: skip
        if self.centre is not None and self.actor is not None and self.actor.is_lead:
            self._warn_drills(self.centre.id)
        pane = self.active_pane
        if pane is not None:
            pane.refresh_data()
        self.push_to_city()  # days closed while the link was down go now

    def push_to_city(self) -> None:
        """Send the centre's closed days to the city in the background, retrying with backoff
        while it cannot be reached (nothing when no city is set)."""
        if self.actor is None:
            return
        if self._city_pusher is None:
            from frontdesk.tui.widgets.city_status import CityPusher

            self._city_pusher = CityPusher(self, self._city_pushed)
        self._city_pusher.push_soon(self.actor)

    def _city_pushed(self) -> None:
        day = self.panes.get("day")
        if day is not None and self.active_pane is day and not self.locked:
            day.refresh_data()

    def _warn_drills(self, centre_id: int) -> None:
        """A lead's sign-on names the active staff whose CPR drill is due (issue 12)."""
        from frontdesk.services import overdose

        def warn(due: list[str]) -> None:
            if due:
                self.notify(
                    t("overdose.drills.signon", who=", ".join(due)), severity="warning", timeout=10
                )

        run_call(self, overdose.overdue_drills, centre_id, done=warn)

    def action_lock(self, reason: str = "lock") -> None:
        """Lock the screen: the desk is hidden until someone signs on."""
        from frontdesk.services import staff
        from frontdesk.tui.screens.signon import SignOnScreen

        if self.locked or self.actor is None:
            return
        actor = self.actor
        self.actor = None
        self.locked = True
        self.action_end_correction()  # a correction is the lead's, not the next user's
        run_call(self, staff.sign_off, actor, reason, done=None, failed=lambda exc: None)
        self.push_screen(
            SignOnScreen(locked=True, centre_name=self.centre.name if self.centre else "")
        )
        self._update_header()
        self.refresh_bindings()

    def _check_idle(self) -> None:
        if self.locked or self.actor is None:
            return
        if time.monotonic() - self._last_input >= self.idle_seconds:
            self.action_lock("idle")

    def post_message(self, message: Message) -> bool:
        # A key from the terminal waits its turn: see key_queue.py.
        if isinstance(message, events.Key) and not message.is_forwarded:
            if self._key_queue is None:
                self._key_queue = KeyQueue(self, super().post_message)
            return self._key_queue.offer(message)
        return super().post_message(message)

    async def keys_settled(self) -> None:
        """Wait until every key typed so far has been handled (tests use it)."""
        if self._key_queue is not None:
            await self._key_queue.wait_until_idle()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While locked, only quitting works: no tabs, no palette.
        signed_on = not self.locked and self.actor is not None
        if action == "end_correction":
            return signed_on and self.correcting is not None
        return signed_on or action not in ("switch_tab", "lock", "command_palette")

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.locked or self.actor is None or CommandPalette.is_open(cast("App[object]", self)):
            return
        # Textual's own placeholder is English: the desk's language instead.
        self.push_screen(
            CommandPalette(id="--command-palette", placeholder=t("palette.placeholder"))
        )

    # -- tabs -----------------------------------------------------------------

    @property
    def active_pane(self) -> LoadedPane[Any] | None:
        try:
            tabbed = self.query_one("#tabs", TabbedContent)
        except Exception:
            return None
        return self.panes.get(tabbed.active)

    def action_switch_tab(self, tab_id: str) -> None:
        self.switch_tab(tab_id)

    def switch_tab(self, tab_id: str) -> None:
        """Show the tab ``tab_id`` (checkin, lunch, megafon, supplies, day)."""
        try:
            tabbed = self.query_one("#tabs", TabbedContent)
        except Exception:
            return
        if tabbed.active != tab_id:
            # Focus off the old tab first: hiding a focused widget makes Textual
            # focus a neighbour inside the old tab, which would switch back.
            from textual.widgets import Tabs

            self.screen_stack[0].set_focus(tabbed.query_one(Tabs))
            tabbed.active = tab_id
            self.panes[tab_id].focus_default()
        else:
            self._focus_unless_inside(self.panes[tab_id])

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = self.panes.get(event.pane.id or "")
        if pane is None or self.locked:
            return
        # Draw the tab first, then load its data: a worker started now would
        # hold the interpreter while the new tab is laid out and drawn.
        self.call_after_refresh(pane.refresh_data)
        self.call_after_refresh(self._focus_unless_inside, pane)

    def _focus_unless_inside(self, pane: LoadedPane[Any]) -> None:
        desk = self.screen_stack[0]
        focused = desk.focused
        if focused is not None and pane in focused.ancestors_with_self:
            return
        if focused is not None:
            # Off the hidden tab first, in case the pane has nothing to focus.
            from textual.widgets import Tabs

            desk.set_focus(desk.query_one("#tabs").query_one(Tabs))
        pane.focus_default()

    def _periodic_refresh(self) -> None:
        if self.locked or self.actor is None:
            return
        pane = self.active_pane
        if pane is not None:
            pane.refresh_data()
        self._refresh_day()

    def _refresh_day(self) -> None:
        if self.centre is None:
            return
        run_call(self, _day_status, self.centre.id, done=self._day_loaded, failed=lambda e: None)

    def _day_loaded(self, status: tuple[dt.date, bool]) -> None:
        self.business_date, self.day_closed = status
        self.query_one("#closed-banner", Static).display = self.day_closed
        if not self.day_closed:
            for pane in self.panes.values():  # stale "the day is closed" sentences go
                pane.day_reopened()
        self._update_header()

    def _update_header(self) -> None:
        parts = []
        if self.actor is not None:
            parts.append(t("app.signed_on", initials=self.actor.initials))
        if self.business_date is not None:
            parts.append(t("app.date", date=self.business_date.isoformat()))
        # "The day is closed" is the banner's: the header stays short enough for 80 columns.
        self.sub_title = " · ".join(parts)

    # -- for the panes --------------------------------------------------------

    def show_error(self, exc: FrontdeskError) -> None:
        """Show a service's refusal (its sentence in the desk's language)."""
        self.notify(exc.text(self.lang), severity="error", timeout=6)

    def confirm(self, text: str) -> None:
        """Confirm a committed change."""
        self.notify(text, timeout=3)

    @on(StartCorrection)
    def _start_correction(self, message: StartCorrection) -> None:
        """Every tab records on this earlier, reopened day until ended (ctrl+e)."""
        self.correcting = message.business_date
        self._correction_changed()

    def action_end_correction(self) -> None:
        if self.correcting is None:
            return
        self.correcting = None
        self._correction_changed()

    def _correction_changed(self) -> None:
        self.query_one(CorrectionBanner).show_day(self.correcting)
        self.refresh_bindings()
        if self.actor is not None:
            for pane in self.panes.values():
                pane.refresh_data()

    @on(DayChanged)
    def _day_changed(self) -> None:
        """A pane changed something that the header shows (closed or reopened a day)."""
        self._refresh_day()

    @on(OpenHandOut)
    def _open_hand_out(self, message: OpenHandOut) -> None:
        from frontdesk.tui.panes.supplies import SuppliesPane

        self.switch_tab("supplies")
        pane = self.panes.get("supplies")
        if isinstance(pane, SuppliesPane):
            pane.start_hand_out(message.visit_id, message.visitor_code)

    @on(OpenSale)
    def _open_sale(self, message: OpenSale) -> None:
        from frontdesk.tui.panes.megafon import MegafonPane

        self.switch_tab("megafon")
        pane = self.panes.get("megafon")
        if isinstance(pane, MegafonPane):
            pane.start_sale(message.vendor)


def run_desk(target: str, centre_code: str | None = None, desk: DeskConfig | None = None) -> None:
    """Open the desk app on the database at ``target`` (the cli's default command).

    BadInput, before anything is shown, when the desk config's keymap names a binding
    the desk does not have.
    """
    from frontdesk.config import skip_unused_driver
    from frontdesk.tui.keymap import check_keymap

    skip_unused_driver(target)
    keymap = check_keymap(desk) if desk is not None else {}
    DeskApp(target, centre_code, keymap=keymap).run()
