"""A visitor's records as text in the current language: `frontdesk visitor show` and the
desk's records screen (tui/screens/visitor_records.py) print the same lines."""

from __future__ import annotations

from typing import Any

from frontdesk.i18n import N_


def records_text(records: Any) -> str:
    """A visitor's records (rights.VisitorRecords) as text in the current language: for
    `frontdesk visitor show` and the desk's records screen."""
    from frontdesk import clock, i18n
    from frontdesk.i18n import t, tn
    from frontdesk.services.money import nok

    lang = i18n.get_language()
    decimal = "," if lang == "nb" else "."

    def yes_no(value: bool | None) -> str:
        return t("rights.none") if value is None else t("rights.yes" if value else "rights.no")

    def mark(voided: bool) -> str:
        return f" · {t('rights.voided')}" if voided else ""

    def or_none(value: Any) -> str:
        return t("rights.none") if value is None else str(value)

    def word(pattern: str, value: str | None) -> str:
        """A stored value in the language, when there is a text for it (i18n_ids lists them)."""
        message_id = pattern.format(value)
        return t(message_id) if i18n.has(message_id) else str(value)

    registered = records.registered_at.date().isoformat() if records.registered_at else None
    lines = [
        t("rights.title", code=records.code, centre=records.centre_code),
        t(
            "rights.visitor",
            registered=or_none(registered),
            gender=records.gender,
            birth_year=or_none(records.birth_year),
            dagsverket=yes_no(records.dagsverket),
            vendor_number=or_none(records.vendor_number),
        ),
    ]

    def section(key: str, rows: list[str]) -> None:
        lines.append("")
        lines.append(t(key, n=len(rows)))
        lines.extend(f"  {row}" for row in rows) if rows else lines.append(
            f"  {t('rights.nothing')}"
        )

    section(N_("rights.section.visits"), [
        t("rights.visit", date=v.business_date, time=v.local_time, gender=v.gender) + mark(v.voided)
        for v in records.visits
    ])  # fmt: skip
    section(N_("rights.section.lunch"), [
        t("rights.lunch", date=x.business_date, group=word("lunch.group.{}", x.group), portions=tn("rights.portions", x.portions),
          served=t("rights.served") if x.served else "") + mark(x.voided)
        for x in records.lunch
    ])  # fmt: skip
    name = 1 if lang == "nb" else 2

    def hand_out(h: Any) -> str:
        items = ", ".join(f"{item[name]} ({item[0]}) × {item[3]}" for item in h.items)
        extra = t("rights.for_others") if h.for_others else ""
        if h.naloxone_recipient:
            extra += t("rights.naloxone", recipient=word("supplies.recipient.{}", h.naloxone_recipient),
                       trained=yes_no(h.naloxone_trained))  # fmt: skip
        if h.naloxone_reason:
            extra += t(
                "overdose.rights.reason", reason=word("overdose.reason.{}", h.naloxone_reason)
            )
        if h.naloxone_outcome:
            extra += t("overdose.rights.outcome", outcome=word("overdose.outcome.{}", h.naloxone_outcome),
                       ems=word("overdose.ems.{}", h.naloxone_ems))  # fmt: skip
        return t("rights.hand_out", date=h.business_date, time=h.local_time, items=items,
                 extra=extra) + mark(h.voided)  # fmt: skip

    section(N_("rights.section.hand_outs"), [hand_out(h) for h in records.hand_outs])
    section(N_("rights.section.returns"), [
        t("rights.return", date=r.business_date, time=r.local_time, count=r.count,
          method=t(f"rights.method.{r.method}")) + mark(r.voided)
        for r in records.returns
    ])  # fmt: skip
    section(N_("rights.section.sales"), [
        t("rights.sale", date=x.business_date, time=x.local_time, issue=x.issue_number,
          copies=x.copies, amount=nok(x.amount_ore, decimal), payment=word("rights.payment.{}", x.payment)) + mark(x.voided)
        for x in records.sales
    ])  # fmt: skip
    section(N_("overdose.rights.section"), [
        t("overdose.rights.referral" if x.what == "referral" else "overdose.rights.training",
          date=x.business_date, time=x.local_time,
          kind=word("overdose.referral.{}" if x.what == "referral" else "overdose.training.{}", x.kind))
        + mark(x.voided)
        for x in records.help
    ])  # fmt: skip
    section(N_("rights.section.dagsverket"), [
        t("rights.attendance.present" if a.present else "rights.attendance.absent",
          date=a.business_date) + mark(a.voided)
        for a in records.dagsverket_days
    ])  # fmt: skip
    section(N_("rights.section.audit"), [
        t("rights.audit", at=clock.as_utc(e.at).strftime("%Y-%m-%d %H:%M UTC"), actor=e.actor,
          action=e.action)
        for e in records.audit_events
    ])  # fmt: skip
    return "\n".join(lines)
