"""Naloxone hand-out: ask the recipient type and whether training was given."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from frontdesk.i18n import t
from frontdesk.services.vocab import NALOXONE_RECIPIENTS
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.hint_line import HintLine

# The key that picks each recipient (its binding below), shown beside its word.
RECIPIENT_KEYS = {"user": "b", "relative": "p", "other": "a"}
TRAINED = (("j", True), ("n", False))


class NaloxoneScreen(FormDialog[tuple[str, bool]]):
    """One key for the recipient (b/p/a, default bruker), one for training (j/n), Enter.

    Dismisses with ``(recipient, trained)``, or ``None`` on Escape.
    """

    BINDINGS = [
        Binding("b", "recipient('user')", "supplies.naloxone.key.user", show=False),
        Binding("p", "recipient('relative')", "supplies.naloxone.key.relative", show=False),
        Binding("a", "recipient('other')", "supplies.naloxone.key.other", show=False),
        Binding("j,y", "trained(True)", "supplies.naloxone.key.yes", show=False),
        Binding("n", "trained(False)", "supplies.naloxone.key.no", show=False),
        Binding("enter", "save", "supplies.naloxone.key.save", id="naloxone.save"),
    ]

    def __init__(self, kits: int = 1) -> None:
        super().__init__()
        self._kits = kits
        self.recipient = "user"
        self.trained: bool | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                t("supplies.naloxone.title", kits=self._kits), classes="dialog-title", markup=False
            )
            yield Static(t("supplies.naloxone.recipient"), markup=False)
            yield Static("", id="naloxone-recipients")
            yield Static(t("supplies.naloxone.trained"), markup=False)
            yield Static("", id="naloxone-trained")
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("supplies.naloxone.hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self._show()

    def _choices(self, options: list[tuple[str, str, bool]]) -> Text:
        text = Text()
        for key, label, chosen in options:
            text.append(f" ({key}) {label} ", style="reverse bold" if chosen else "")
            text.append("  ")
        return text

    def _show(self) -> None:
        self.query_one("#naloxone-recipients", Static).update(
            self._choices(
                [
                    (RECIPIENT_KEYS[r], t(f"supplies.recipient.{r}"), r == self.recipient)
                    for r in NALOXONE_RECIPIENTS
                ]
            )
        )
        self.query_one("#naloxone-trained", Static).update(
            self._choices(
                [
                    (k, t("supplies.yes" if v else "supplies.no"), self.trained is v)
                    for k, v in TRAINED
                ]
            )
        )

    def action_recipient(self, recipient: str) -> None:
        self.recipient = recipient
        self._show()

    def action_trained(self, trained: bool) -> None:
        self.trained = trained
        self.show_problem("")
        self._show()

    def action_save(self) -> None:
        if self.trained is None:
            self.show_problem(t("supplies.naloxone.need_trained"))
            return
        self.dismiss((self.recipient, self.trained))
