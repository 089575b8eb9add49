"""An input for visitor codes: letters and digits only; a space is refused on the spot."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input

CODE_MAX = 12


class CodeInput(Input):
    """Takes only what a visitor code can hold; a space (how names get typed in) is refused.

    A refused space posts ``CodeInput.SpaceRefused`` so the screen can say why.
    """

    class SpaceRefused(Message):
        """The user typed or pasted a space into a visitor code."""

        def __init__(self, code_input: CodeInput) -> None:
            super().__init__()
            self.code_input = code_input

        @property
        def control(self) -> CodeInput:
            return self.code_input

    def __init__(self, value: str = "", **kwargs: object) -> None:
        super().__init__(
            value,
            max_length=CODE_MAX,
            restrict=r"[A-Za-z0-9ÆØÅæøå]*",
            **kwargs,  # type: ignore[arg-type]
        )

    # Textual also runs Input's own handlers after these, unless prevent_default() is called.

    def _on_key(self, event: events.Key) -> None:
        if event.key == "space":
            event.prevent_default()
            event.stop()
            self.post_message(self.SpaceRefused(self))

    def _on_paste(self, event: events.Paste) -> None:
        if any(ch.isspace() for ch in event.text.strip()):
            event.prevent_default()
            event.stop()
            self.post_message(self.SpaceRefused(self))
            return
        event.text = event.text.strip()  # then Input inserts it
