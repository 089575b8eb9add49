"""F5 Day, overdose response and the right help (issue 12): the figures of the X- and
Z-report, the CPR-drill warning, and the keys for a training session (ctrl+o), a staff
drill (ctrl+d, lead) and voiding one of the day's training sessions or referrals (ctrl+u).

``DayHelp`` is mixed into ``DayPane``; it uses the pane's ``_view``, ``_status``,
``_confirm``, ``_failed`` and ``refresh_data``.
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget

from frontdesk.i18n import N_, t
from frontdesk.services import overdose
from frontdesk.services.vocab import REFERRAL_KINDS
from frontdesk.tui.calls import run_call
from frontdesk.tui.desk import desk
from frontdesk.tui.widgets.pane_kit import correction_day, local_hhmm, with_lead

MISSING = "–"  # the day's stored Z-report predates the figure


def help_rows(day_tally: Any) -> list[tuple[str, object]]:
    """The box's lines for a tally: a figure its (stored) tally predates shows as a dash;
    referrals show per kind when there are any, else one line of 0."""

    def value(key: str) -> object:
        return day_tally.get(key) if day_tally.knew(key) else MISSING

    rows: list[tuple[str, object]] = [(t(label), value(key)) for label, key in overdose.DAY_FIGURES]
    if not day_tally.knew("referrals.other"):
        return [*rows, (t("overdose.day.no_referrals"), MISSING)]
    referred = [
        (t("overdose.day.referral", kind=t(f"overdose.referral.{kind}")), count)
        for kind in REFERRAL_KINDS
        if (count := day_tally.get(f"referrals.{kind}"))
    ]
    return rows + (referred or [(t("overdose.day.no_referrals"), 0)])


def drill_warning(view: Any) -> str:
    """The Day tab's line naming the staff whose CPR drill is due ('' when none)."""
    due = getattr(view, "overdue_drills", ())
    if not due:
        return ""
    return t("overdose.drills.due", days=view.drill_interval, who=", ".join(due))


RECENT_DRILLS = 10  # the void list offers the latest drills recorded (a lead voids them)


def entries_of(centre_id: int, day: Any, timezone: str) -> list[Any]:
    """The day's training sessions and referrals as void-list entries, newest first; then
    the latest staff drills recorded (they belong to no business day)."""
    from frontdesk.tui.screens.supply_entries import SupplyEntry

    out = []
    for s in overdose.trainings_on(centre_id, day):
        text = t(
            "overdose.entries.training",
            time=local_hhmm(s.at, timezone),
            kind=t(f"overdose.training.{s.kind}"),
            people=s.people,
            by=s.staff_initials,
        )
        out.append((s.at, SupplyEntry("training", s.id, text, s.voided)))
    for r in overdose.referrals_on(centre_id, day):
        text = t(
            "overdose.entries.referral",
            time=local_hhmm(r.at, timezone),
            kind=t(f"overdose.referral.{r.kind}"),
            by=r.staff_initials,
        )
        out.append((r.at, SupplyEntry("referral", r.id, text, r.voided)))
    out.sort(key=lambda pair: pair[0], reverse=True)
    drills = [
        SupplyEntry(
            "drill",
            d.id,
            t(
                "overdose.entries.drill",
                date=d.drill_date.isoformat(),
                who=d.initials,
                kind=t(f"overdose.drill.{d.kind}"),
            ),
            d.voided,
        )
        for d in overdose.drills(centre_id)[:RECENT_DRILLS]
    ]
    return [entry for _, entry in out] + drills


class DayHelp(Widget):
    """The Day tab's actions of issue 12 (mixed into DayPane, before its LoadedPane)."""

    _view: Any
    _status: Any
    _confirm: Any
    _failed: Any
    refresh_data: Any

    def action_training(self) -> None:
        """A CPR or naloxone session for visitors: kind, number of people, Enter."""
        from frontdesk.tui.screens.training import TrainingScreen

        if desk(self).actor is None:
            return

        def done(session: Any) -> None:
            if session is not None:
                kind = t(f"overdose.training.{session.kind}")
                self._confirm(t("overdose.training.done", kind=kind, people=session.people))
                self.refresh_data()

        self.app.push_screen(TrainingScreen(desk(self).actor, correction_day(self)), done)

    def action_drill(self) -> None:
        """A staff member's CPR drill or naloxone course, today (a lead's action)."""
        from frontdesk.tui.screens.drill import DrillScreen

        def done(drill: Any) -> None:
            if drill is not None:
                kind = t(f"overdose.drill.{drill.kind}")
                date = drill.drill_date.isoformat()
                self._confirm(t("overdose.drill.done", who=drill.initials, kind=kind, date=date))
                self.refresh_data()

        def ask(lead: Any) -> None:
            run_call(
                self,
                overdose.staff_drills,
                lead.centre_id,
                done=lambda members: self.app.push_screen(DrillScreen(lead, members), done),
                failed=self._failed,
            )

        with_lead(self, t("overdose.drill.what"), ask)

    def action_help_entries(self) -> None:
        """The day's training sessions and referrals: pick one, give a reason, it is voided."""
        from frontdesk.tui.screens.supply_entries import SupplyEntriesScreen

        actor = desk(self).actor
        if actor is None:
            return
        settings = desk(self).settings
        tz = settings.timezone if settings else "Europe/Oslo"
        day = correction_day(self)

        def picked(entry: Any) -> None:
            if entry is not None:
                self._void(entry)

        run_call(
            self,
            entries_of,
            actor.centre_id,
            day,
            tz,
            done=lambda entries: self.app.push_screen(
                SupplyEntriesScreen(
                    entries,
                    title=N_("overdose.entries.title"),
                    none=N_("overdose.entries.none"),
                    hint=N_("overdose.entries.hint"),
                ),
                picked,
            ),
            failed=self._failed,
        )

    def _void(self, entry: Any) -> None:
        """Ask the reason and void the entry (a staff drill: as a lead, after the lead PIN)."""
        from frontdesk.tui.screens.reason import ReasonScreen

        void = {
            "training": overdose.void_training,
            "referral": overdose.void_referral,
            "drill": overdose.void_drill,
        }[entry.kind]

        def ask(actor: Any) -> None:
            def with_reason(reason: str | None) -> None:
                if reason is None:
                    return
                done_text = t("overdose.entries.voided", what=entry.description)
                run_call(
                    self,
                    void,
                    actor,
                    entry.id,
                    reason,
                    done=lambda _r: (self._confirm(done_text), self.refresh_data()),
                    failed=self._failed,
                )

            title = t("overdose.entries.void_title", what=entry.description)
            self.app.push_screen(ReasonScreen(title), with_reason)

        if entry.kind == "drill":
            with_lead(self, t("overdose.drill.void_what"), ask)
        elif desk(self).actor is not None:
            ask(desk(self).actor)
