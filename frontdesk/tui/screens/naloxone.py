"""Naloxone hand-out: the recipient type, whether training was given, why a new kit and,
after a reported use, the outcome and whether emergency services were called."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from frontdesk.i18n import t
from frontdesk.services.vocab import (
    NALOXONE_EMS,
    NALOXONE_OUTCOMES,
    NALOXONE_REASONS,
    NALOXONE_RECIPIENTS,
    NALOXONE_USES,
)
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.hint_line import HintLine

# The key that picks each recipient (its binding below), shown beside its word.
RECIPIENT_KEYS = {"user": "b", "relative": "p", "other": "a"}
TRAINED = (("j", True), ("n", False))
CHOICES_WIDTH = 62  # the dialog's text width at 80 columns
# Why a new kit: one digit each, 1 (a first kit) the default.
REASON_KEYS = {reason: str(n) for n, reason in enumerate(NALOXONE_REASONS, start=1)}
# After a reported use: the outcome (lever / døde / ukjent) and the EMS call (sykebil / ikke / vet ikke).
OUTCOME_KEYS = {"alive": "l", "died": "d", "unknown": "u"}
EMS_KEYS = {"yes": "s", "no": "i", "unknown": "v"}


@dataclass(frozen=True)
class NaloxoneAnswer:
    recipient: str
    trained: bool
    reason: str
    outcome: str | None  # only after a reported use
    ems: str | None  # only after a reported use


class NaloxoneScreen(FormDialog[NaloxoneAnswer]):
    """One key for the recipient (b/p/a, default bruker), one for training (j/n), one digit
    for why a new kit (1-7, default a first kit), after a use l/d/u and s/i/v, Enter.

    Dismisses with a ``NaloxoneAnswer``, or ``None`` on Escape.
    """

    DEFAULT_CSS = "NaloxoneScreen #naloxone-use { height: auto; }"
    BINDINGS = [
        Binding("b", "recipient('user')", "supplies.naloxone.key.user", show=False),
        Binding("p", "recipient('relative')", "supplies.naloxone.key.relative", show=False),
        Binding("a", "recipient('other')", "supplies.naloxone.key.other", show=False),
        Binding("j,y", "trained(True)", "supplies.naloxone.key.yes", show=False),
        Binding("n", "trained(False)", "supplies.naloxone.key.no", show=False),
        *(
            Binding(
                key,
                f"reason('{reason}')",
                f"overdose.reason.{reason}",
                show=False,
                id=f"naloxone.reason.{reason}",
            )
            for reason, key in REASON_KEYS.items()
        ),
        *(
            Binding(
                key,
                f"outcome('{outcome}')",
                f"overdose.outcome.{outcome}",
                show=False,
                id=f"naloxone.outcome.{outcome}",
            )
            for outcome, key in OUTCOME_KEYS.items()
        ),
        *(
            Binding(
                key, f"ems('{ems}')", f"overdose.ems.{ems}", show=False, id=f"naloxone.ems.{ems}"
            )
            for ems, key in EMS_KEYS.items()
        ),
        Binding("enter", "save", "supplies.naloxone.key.save", id="naloxone.save"),
    ]

    def __init__(self, kits: int = 1) -> None:
        super().__init__()
        self._kits = kits
        self.recipient = "user"
        self.trained: bool | None = None
        self.reason = NALOXONE_REASONS[0]
        self.outcome = "unknown"
        self.ems = "unknown"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                t("supplies.naloxone.title", kits=self._kits), classes="dialog-title", markup=False
            )
            yield Static(t("supplies.naloxone.recipient"), markup=False)
            yield Static("", id="naloxone-recipients")
            yield Static(t("supplies.naloxone.trained"), markup=False)
            yield Static("", id="naloxone-trained")
            yield Static(t("overdose.reason.ask"), markup=False)
            yield Static("", id="naloxone-reasons")
            with Vertical(id="naloxone-use"):
                yield Static(t("overdose.outcome.ask"), markup=False)
                yield Static("", id="naloxone-outcomes")
                yield Static(t("overdose.ems.ask"), markup=False)
                yield Static("", id="naloxone-ems")
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("overdose.naloxone.hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self._show()

    def _choices(self, options: list[tuple[str, str, bool]]) -> Text:
        """The choices, the chosen one in reverse; a line breaks between choices, never
        inside one ("(3) used on themselves" stays whole)."""
        text = Text()
        used = 0
        for key, label, chosen in options:
            choice = f" ({key}) {label} "
            if used and used + 1 + cell_len(choice) > CHOICES_WIDTH:
                text.append("\n")
                used = 0
            elif used:
                text.append(" ")
                used += 1
            text.append(choice, style="reverse bold" if chosen else "")
            used += cell_len(choice)
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
        self.query_one("#naloxone-reasons", Static).update(
            self._choices(
                [
                    (key, t(f"overdose.reason.{r}"), r == self.reason)
                    for r, key in REASON_KEYS.items()
                ]
            )
        )
        used = self.reason in NALOXONE_USES
        self.query_one("#naloxone-use").display = used
        if used:
            self.query_one("#naloxone-outcomes", Static).update(
                self._choices(
                    [
                        (OUTCOME_KEYS[o], t(f"overdose.outcome.{o}"), o == self.outcome)
                        for o in NALOXONE_OUTCOMES
                    ]
                )
            )
            self.query_one("#naloxone-ems", Static).update(
                self._choices(
                    [(EMS_KEYS[e], t(f"overdose.ems.{e}"), e == self.ems) for e in NALOXONE_EMS]
                )
            )

    def action_recipient(self, recipient: str) -> None:
        self.recipient = recipient
        self._show()

    def action_trained(self, trained: bool) -> None:
        self.trained = trained
        self.show_problem("")
        self._show()

    def action_reason(self, reason: str) -> None:
        self.reason = reason
        self._show()

    def _after_use(self) -> bool:
        """An outcome or EMS key means nothing before a use is chosen: it says so."""
        if self.reason in NALOXONE_USES:
            return True
        self.show_problem(t("overdose.naloxone.need_use"))
        return False

    def action_outcome(self, outcome: str) -> None:
        if self._after_use():
            self.outcome = outcome
            self._show()

    def action_ems(self, ems: str) -> None:
        if self._after_use():
            self.ems = ems
            self._show()

    def action_save(self) -> None:
        if self.trained is None:
            self.show_problem(t("supplies.naloxone.need_trained"))
            return
        used = self.reason in NALOXONE_USES
        self.dismiss(
            NaloxoneAnswer(
                self.recipient,
                self.trained,
                self.reason,
                self.outcome if used else None,
                self.ems if used else None,
            )
        )
