"""The right help, from a visit or anonymously: one key per referral kind, one for
"trained in CPR today". The key commits at once; the dialog closes after the commit."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from frontdesk.i18n import t
from frontdesk.services import overdose
from frontdesk.services.vocab import REFERRAL_KINDS
from frontdesk.tui.screens.form_dialog import FormDialog
from frontdesk.tui.widgets.hint_line import HintLine

REFERRAL_KEYS = {kind: str(n) for n, kind in enumerate(REFERRAL_KINDS, start=1)}
CPR_KEY = "h"


class RightHelpScreen(FormDialog[Any]):
    """1–7 record a referral of that kind, h records CPR training (one person), for the
    visit given (or anonymously). Dismisses with the committed record, or None on Escape."""

    BINDINGS = [
        *(
            Binding(
                key,
                f"refer('{kind}')",
                f"overdose.key.ref.{kind}",
                show=False,
                id=f"help.referral.{kind}",
            )
            for kind, key in REFERRAL_KEYS.items()
        ),
        Binding(CPR_KEY, "cpr", "overdose.key.cpr", show=False, id="help.cpr"),
    ]

    def __init__(self, actor: Any, visit_id: int | None, who: str, day: Any = None) -> None:
        super().__init__()
        self._actor = actor
        self._visit_id = visit_id
        self._who = who
        self._day = day  # the day being corrected, or None for today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                t("overdose.help.title", who=self._who), classes="dialog-title", markup=False
            )
            yield Static(t("overdose.help.referral"), markup=False)
            lines = [
                f" ({key}) {t(f'overdose.referral.{kind}')}" for kind, key in REFERRAL_KEYS.items()
            ]
            yield Static("\n".join(lines), id="help-referrals", markup=False)
            yield Static(f" ({CPR_KEY}) {t('overdose.help.cpr')}", id="help-cpr", markup=False)
            yield Static("", classes="dialog-error", markup=False)
            yield HintLine("overdose.help.hint", classes="dialog-hint")

    def action_refer(self, kind: str) -> None:
        self.commit(
            overdose.record_referral,
            self._actor,
            kind,
            visit_id=self._visit_id,
            business_date=self._day,
        )

    def action_cpr(self) -> None:
        self.commit(
            overdose.record_training,
            self._actor,
            "cpr",
            1,
            visit_id=self._visit_id,
            business_date=self._day,
        )
