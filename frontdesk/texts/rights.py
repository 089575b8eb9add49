"""Texts of a visitor's rights: `frontdesk visitor show|erase` and the desk's records screen."""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, tuple[str, str]] = {
    "rights.title": (
        "Alt som er lagret under besøkskoden {code} ved {centre}",
        "Everything stored under the visitor code {code} at {centre}",
    ),
    "rights.visitor": (
        "Registrert {registered} · kjønn {gender} · fødselsår {birth_year} · "
        "Dagsverket {dagsverket} · selgernummer {vendor_number}",
        "Registered {registered} · gender {gender} · birth year {birth_year} · "
        "Dagsverket {dagsverket} · vendor number {vendor_number}",
    ),
    "rights.yes": ("ja", "yes"),
    "rights.no": ("nei", "no"),
    "rights.none": ("–", "–"),
    "rights.voided": ("annullert", "voided"),
    "rights.section.visits": ("Besøk ({n})", "Visits ({n})"),
    "rights.section.lunch": ("Lunsj ({n})", "Lunch ({n})"),
    "rights.section.hand_outs": ("Utlevert utstyr ({n})", "Supplies handed out ({n})"),
    "rights.section.returns": ("Innleverte sprøyter ({n})", "Syringes returned ({n})"),
    "rights.section.sales": ("Megafon-salg ({n})", "Megafon sales ({n})"),
    "rights.section.dagsverket": ("Dagsverket ({n})", "Dagsverket ({n})"),
    "rights.section.audit": ("Logg om koden ({n})", "Audit events about the code ({n})"),
    "rights.visit": ("{date} kl. {time} · kjønn {gender}", "{date} at {time} · gender {gender}"),
    "rights.lunch": (
        "{date} · {group} · {portions}{served}",
        "{date} · {group} · {portions}{served}",
    ),
    "rights.portions": ("{count} porsjon|{count} porsjoner", "{count} portion|{count} portions"),
    "rights.served": (" · servert", " · served"),
    "rights.hand_out": ("{date} kl. {time} · {items}{extra}", "{date} at {time} · {items}{extra}"),
    "rights.for_others": (" · for andre", " · for others"),
    "rights.naloxone": (
        " · nalokson til {recipient}, opplæring {trained}",
        " · naloxone for {recipient}, training {trained}",
    ),
    "rights.return": (
        "{date} kl. {time} · {count} ({method})",
        "{date} at {time} · {count} ({method})",
    ),
    "rights.method.counted": ("telt", "counted"),
    "rights.method.estimated": ("anslått", "estimated"),
    "rights.sale": (
        "{date} kl. {time} · utgave {issue} · {copies} eks. · {amount} kr · {payment}",
        "{date} at {time} · issue {issue} · {copies} copies · NOK {amount} · {payment}",
    ),
    "rights.attendance.present": ("{date} · til stede", "{date} · present"),
    "rights.attendance.absent": ("{date} · ikke til stede", "{date} · absent"),
    "rights.payment.cash": ("kontant", "cash"),
    "rights.payment.card": ("kort", "card"),
    "rights.payment.vipps": ("Vipps", "Vipps"),
    "rights.audit": ("{at} · {actor} · {action}", "{at} · {actor} · {action}"),
    "rights.nothing": ("ingen", "none"),
    "rights.erase_confirm": (
        "Slette alt som er lagret under {code} ved {centre} for godt?",
        "Erase everything stored under {code} at {centre} for good?",
    ),
    "rights.erased": (
        "Slettet {code} ved {centre}: koden, kjønn, fødselsår og selgernummer er borte. "
        "Nå anonyme: besøk {visits}, lunsj {lunch}, utleveringer {hand_outs}, "
        "Megafon-salg {sales}, Dagsverket-dager {dagsverket}. Dagenes totaler er uendret.",
        "Erased {code} at {centre}: the code, gender, birth year and vendor number are gone. "
        "Now anonymous: visits {visits}, lunch {lunch}, hand-outs {hand_outs}, "
        "Megafon sales {sales}, Dagsverket days {dagsverket}. Every day's totals are unchanged.",
    ),
    "rights.wal_busy": (
        "Et annet program leser databasen nå: WAL-fila blir kvitt de gamle kopiene når det "
        "siste programmet lukker databasen, eller ved neste sletting.",
        "Another program is reading the database now: its WAL file drops the old copies when "
        "the last program closes the database, or at the next erasure or purge.",
    ),
    # The desk's screen (Check-in tab, lead only)
    "rights.screen.erase": ("Slett alt (lederkode)", "Erase all (lead PIN)"),
    "rights.screen.close": ("Lukk", "Close"),
    "rights.screen.reason_title": (
        "Slette {code} for godt – årsak (lagres uten koden)",
        "Erase {code} for good – reason (kept without the code)",
    ),
    "rights.screen.erase_what": ("slette alt under {code}", "erase everything under {code}"),
    "rights.screen.show_what": ("innsyn i alt under {code}", "see everything under {code}"),
    "rights.key.records": ("Innsyn", "Records"),
    "rights.key.records_tip": (
        "Vis alt som er lagret under koden i feltet (vaktleder)",
        "Show everything stored under the code in the field (shift lead)",
    ),
    "rights.need_code": (
        "Skriv en besøkskode i feltet først.",
        "Type a visitor code in the field first.",
    ),
    "rights.erased_toast": (
        "Alt under {code} er slettet; dagenes totaler er uendret.",
        "Everything under {code} is erased; every day's totals are unchanged.",
    ),
    "rights.palette.records": (
        "innsjekk: innsyn i en besøkskode (se, slett)",
        "check-in: a visitor code's records (see, erase)",
    ),
    "rights.palette.records_help": (
        "Alt som er lagret under en kode (vaktleder)",
        "Everything stored under a code (shift lead)",
    ),
    # Retention, shown on the Day tab
    "rights.retention_never": (
        "Sletting av gamle rader: ikke kjørt ennå",
        "Retention: not run yet",
    ),
    "rights.retention_off": ("Sletting av gamle rader: av", "Retention: off"),
    "rights.retention_ran": (
        "Sletting av gamle rader (eldre enn {days} dager): sist {at}",
        "Retention (rows older than {days} days): last run {at}",
    ),
}


def records_text(records: Any) -> str:
    """A visitor's records (rights.VisitorRecords) as text in the current language: for
    `frontdesk visitor show` and the desk's records screen."""
    from frontdesk import clock, i18n
    from frontdesk.i18n import t, tn
    from frontdesk.services.export import nok

    lang = i18n.get_language()
    decimal = "," if lang == "nb" else "."

    def yes_no(value: bool | None) -> str:
        return t("rights.none") if value is None else t("rights.yes" if value else "rights.no")

    def mark(voided: bool) -> str:
        return f" · {t('rights.voided')}" if voided else ""

    def or_none(value: Any) -> str:
        return t("rights.none") if value is None else str(value)

    def word(prefix: str, value: str | None) -> str:
        """A stored value in the language, when there is a text for it."""
        return t(f"{prefix}.{value}") if i18n.has(f"{prefix}.{value}") else str(value)

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

    section("rights.section.visits", [
        t("rights.visit", date=v.business_date, time=v.local_time, gender=v.gender) + mark(v.voided)
        for v in records.visits
    ])  # fmt: skip
    section("rights.section.lunch", [
        t("rights.lunch", date=x.business_date, group=word("lunch.group", x.group), portions=tn("rights.portions", x.portions),
          served=t("rights.served") if x.served else "") + mark(x.voided)
        for x in records.lunch
    ])  # fmt: skip
    name = 1 if lang == "nb" else 2

    def hand_out(h: Any) -> str:
        items = ", ".join(f"{item[name]} ({item[0]}) × {item[3]}" for item in h.items)
        extra = t("rights.for_others") if h.for_others else ""
        if h.naloxone_recipient:
            extra += t("rights.naloxone", recipient=word("supplies.recipient", h.naloxone_recipient),
                       trained=yes_no(h.naloxone_trained))  # fmt: skip
        if getattr(h, "naloxone_reason", None):
            extra += t("overdose.rights.reason", reason=word("overdose.reason", h.naloxone_reason))
        if getattr(h, "naloxone_outcome", None):
            extra += t("overdose.rights.outcome", outcome=word("overdose.outcome", h.naloxone_outcome),
                       ems=word("overdose.ems", h.naloxone_ems))  # fmt: skip
        return t("rights.hand_out", date=h.business_date, time=h.local_time, items=items,
                 extra=extra) + mark(h.voided)  # fmt: skip

    section("rights.section.hand_outs", [hand_out(h) for h in records.hand_outs])
    section("rights.section.returns", [
        t("rights.return", date=r.business_date, time=r.local_time, count=r.count,
          method=t(f"rights.method.{r.method}")) + mark(r.voided)
        for r in records.returns
    ])  # fmt: skip
    section("rights.section.sales", [
        t("rights.sale", date=x.business_date, time=x.local_time, issue=x.issue_number,
          copies=x.copies, amount=nok(x.amount_ore, decimal), payment=word("rights.payment", x.payment)) + mark(x.voided)
        for x in records.sales
    ])  # fmt: skip
    section("overdose.rights.section", [
        t("overdose.rights.referral" if x.what == "referral" else "overdose.rights.training",
          date=x.business_date, time=x.local_time,
          kind=word("overdose.referral" if x.what == "referral" else "overdose.training", x.kind))
        + mark(x.voided)
        for x in getattr(records, "help", ())
    ])  # fmt: skip
    section("rights.section.dagsverket", [
        t("rights.attendance.present" if a.present else "rights.attendance.absent",
          date=a.business_date) + mark(a.voided)
        for a in records.dagsverket_days
    ])  # fmt: skip
    section("rights.section.audit", [
        t("rights.audit", at=clock.as_utc(e.at).strftime("%Y-%m-%d %H:%M UTC"), actor=e.actor,
          action=e.action)
        for e in records.audit_events
    ])  # fmt: skip
    return "\n".join(lines)
