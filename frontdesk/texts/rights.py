"""Texts of a visitor's rights: `frontdesk visitor show|erase` and the desk's records screen."""

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
        "{date} · {group} · {portions} porsjon(er){served}",
        "{date} · {group} · {portions} portion(s){served}",
    ),
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
        "Slettet {code} ved {centre}: koden, kjønn, fødselsår og selgernummer er borte; "
        "{visits} besøk, {lunch} lunsjer, {hand_outs} utleveringer, {sales} Megafon-salg og "
        "{dagsverket} Dagsverket-dager er nå anonyme; dagenes totaler er uendret.",
        "Erased {code} at {centre}: the code, gender, birth year and vendor number are gone; "
        "{visits} visits, {lunch} lunch entries, {hand_outs} hand-outs, {sales} Megafon sales "
        "and {dagsverket} Dagsverket days are now anonymous; every day's totals are unchanged.",
    ),
    "rights.wal_busy": (
        "Et annet program leser databasen: de gamle kopiene forsvinner fra WAL-fila ved neste "
        "sjekkpunkt.",
        "Another program is reading the database: the old copies leave its WAL file at the "
        "next checkpoint.",
    ),
    # The desk's screen (Check-in tab, lead only)
    "rights.screen.erase": ("Slett alt (lederkode)", "Erase all (lead PIN)"),
    "rights.screen.close": ("Lukk", "Close"),
    "rights.screen.reason_title": (
        "Slette {code} for godt – årsak (lagres uten koden)",
        "Erase {code} for good – reason (kept without the code)",
    ),
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
        "innsyn: vis og slett en besøkskode",
        "records: show and erase a visitor code",
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
