"""Sign-on, and the lock screen (the same screen): initials, Enter, PIN, Enter.

While it is shown nothing of the desk is visible. Whoever signs on becomes
the actor of every later action.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from frontdesk.errors import FrontdeskError
from frontdesk.i18n import t
from frontdesk.tui.desk import desk
from frontdesk.tui.fields import INITIALS_CHARS, PIN_CHARS
from frontdesk.tui.widgets.footer import DeskFooter


class InitialsInput(Input):
    """Initials: digits typed ahead (before the cursor has moved) go to the PIN."""

    async def on_key(self, event: events.Key) -> None:
        screen = self.screen
        if not isinstance(screen, SignOnScreen):
            return
        if event.character is not None and event.character.isdigit():
            event.prevent_default()
            event.stop()
            screen.type_ahead_pin(event.character)
        elif event.key == "enter" and screen.query_one("#pin", Input).value:
            event.prevent_default()
            event.stop()
            screen.submit()


class SignOnScreen(Screen[None]):
    """Ask for initials and PIN; the app signs on and pops this screen."""

    AUTO_FOCUS = "#initials"

    def __init__(self, *, locked: bool = False, centre_name: str = "") -> None:
        super().__init__(id="signon")
        self.locked = locked
        self.centre_name = centre_name
        self._busy = False
        self._submit_again = False  # Enter pressed while the last PIN was being checked

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="signon-box"):
            yield Static(self.centre_name or t("signon.loading"), id="signon-centre", markup=False)
            yield Static(self._title(), id="signon-title")
            yield Label(t("signon.initials"), id="initials-label", classes="field-label")
            yield InitialsInput(id="initials", max_length=4, restrict=INITIALS_CHARS)
            yield Label(t("signon.pin"), id="pin-label", classes="field-label")
            # No select-all when the cursor arrives: a digit typed ahead is already in it.
            yield Input(
                id="pin", password=True, max_length=8, restrict=PIN_CHARS, select_on_focus=False
            )
            yield Static(t("signon.help"), id="signon-help")
            yield Static("", id="signon-message")
        yield DeskFooter()

    def _title(self) -> str:
        return t("signon.locked_title") if self.locked else t("signon.title")

    def centre_loaded(self, centre_name: str) -> None:
        """The centre is known: show its name, and the labels in its language."""
        self.centre_name = centre_name
        self.query_one("#signon-centre", Static).update(centre_name)
        self.query_one("#signon-title", Static).update(self._title())
        self.query_one("#initials-label", Label).update(t("signon.initials"))
        self.query_one("#pin-label", Label).update(t("signon.pin"))
        self.query_one("#signon-help", Static).update(t("signon.help"))

    @on(Input.Changed)
    def _typing(self, event: Input.Changed) -> None:
        message = self.query_one("#signon-message", Static)
        if message.has_class("error") and event.value:
            message.update("")  # typing again: the old refusal is gone
            message.remove_class("error")

    @on(Input.Submitted, "#initials")
    def _initials_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#pin", Input).focus()

    def type_ahead_pin(self, digit: str) -> None:
        pin = self.query_one("#pin", Input)
        pin.insert_text_at_cursor(digit)
        self.set_focus(pin)

    @on(Input.Submitted, "#pin")
    def _pin_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    def submit(self, typed: str | None = None) -> None:
        """Sign on with the initials and the PIN as it was when Enter was pressed."""
        initials = self.query_one("#initials", Input).value.strip()
        pin = self.query_one("#pin", Input)
        if not initials:
            self.query_one("#initials", Input).focus()
            return
        if self._busy:
            self._submit_again = True  # a PIN typed before the answer: try it after
            return
        typed = pin.value if typed is None else typed
        if not typed:
            return
        self._busy = True
        # Keys typed after that Enter (a fast typist) start the next PIN.
        rest = pin.value[len(typed) :] if pin.value.startswith(typed) else ""
        pin.value = rest
        message = self.query_one("#signon-message", Static)
        message.update(t("signon.checking"))
        message.remove_class("error")  # the last refusal is about the last PIN, not this one
        app = desk(self)
        app.sign_on(initials, typed, failed=self.refused)

    def refused(self, exc: FrontdeskError) -> None:
        """Show the service's sentence; clear the PIN, keep the initials."""
        self._busy = False
        app = desk(self)
        message = self.query_one("#signon-message", Static)
        message.update(exc.text(app.lang))
        message.add_class("error")
        pin = self.query_one("#pin", Input)
        pin.focus()
        if self._submit_again:
            self._submit_again = False
            self.submit()
