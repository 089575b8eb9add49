"""An input for visitor codes: letters and digits; a space is shown and refused, never dropped.

Dropping the space quietly turned "Ola N" into the code "OLAN": a name, squeezed
into something that looks like a code. The space stays in the field, the
screen says at once why that is wrong, and Enter refuses the code (the
services refuse a code with a space, too).
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input

CODE_MAX = 12


def has_space(text: str) -> bool:
    return any(ch.isspace() for ch in text.strip())


class CodeInput(Input):
    """Takes what a visitor code can hold, and spaces, which ``SpaceRefused`` reports.

    A space (typed or pasted) posts ``CodeInput.SpaceRefused`` so the screen can say why.
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
            restrict=r"[A-Za-z0-9ÆØÅæøå ]*",
            **kwargs,  # type: ignore[arg-type]
        )

    # Textual also runs Input's own handlers after these, unless prevent_default() is called.

    async def on_key(self, event: events.Key) -> None:
        if event.key == "space":
            self.post_message(self.SpaceRefused(self))

    def on_paste(self, event: events.Paste) -> None:
        event.text = " ".join(event.text.split())  # one line; inner spaces kept and refused
        if has_space(event.text):
            self.post_message(self.SpaceRefused(self))
