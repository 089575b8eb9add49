"""Texts of the Supplies tab (F4, brukerutstyr) and its dialogs."""

TEXTS: dict[str, tuple[str, str]] = {
    "supplies.lead.delivery": ("registrer varemottak", "record a delivery"),
    "supplies.lead.opening": ("registrer inngående beholdning", "record the opening stock"),
    "supplies.lead.void_delivery": ("annuller et varemottak", "void a delivery"),
    # who the hand-out is for
    "supplies.target.none": ("Utdeling: anonym, uten besøk", "Hand-out: anonymous, no visit"),
    "supplies.target.code": ("Utdeling for {code}", "Hand-out for {code}"),
    "supplies.target.anonymous_visit": (
        "Utdeling for anonymt besøk",
        "Hand-out for an anonymous visit",
    ),
    "supplies.for_others.on": ("til andre: JA (ctrl+t)", "for others: YES (ctrl+t)"),
    "supplies.for_others.off": ("til andre: nei (ctrl+t)", "for others: no (ctrl+t)"),
    "supplies.day_closed": (
        "Dagen er avsluttet: utdelinger kan ikke registreres før en vaktleder gjenåpner den.",
        "The day is closed: no hand-outs can be recorded until a shift lead reopens it.",
    ),
    # grid
    "supplies.col.code": ("Kode", "Code"),
    "supplies.col.name": ("Navn", "Name"),
    "supplies.col.stock": ("Beholdning", "Stock"),
    "supplies.col.cover": ("Dager igjen", "Days left"),
    # units of the catalogue (as stored: bokmål), "one|many"
    "supplies.unit.stk": ("{count} stk", "{count} pc|{count} pcs"),
    "supplies.unit.ark": ("{count} ark", "{count} sheet|{count} sheets"),
    "supplies.unit.pose": ("{count} pose|{count} poser", "{count} bag|{count} bags"),
    "supplies.unit.sett": ("{count} sett", "{count} kit|{count} kits"),
    "supplies.col.quantity": ("Antall", "Quantity"),
    "supplies.stock_low": ("LAV {stock}", "LOW {stock}"),
    "supplies.enter_hint": (
        "Skriv antall, pil opp/ned flytter, Enter deler ut alt som er skrevet",
        "Type quantities, arrow up/down moves, Enter hands out all typed",
    ),
    "supplies.returns_hint": (
        "Antall returnerte sprøyter, Enter registrerer · Esc eller pil opp/ned: tilbake til utdeling",
        "Number of returned syringes, Enter records · Esc or arrow up/down: back to the hand-out",
    ),
    "supplies.key.back": ("Tilbake", "Back"),
    "supplies.opening.banner": (
        "Ny enhet uten beholdning: en vaktleder skriver inngående beholdning i Antall "
        "og trykker Enter (lagres som varemottak).",
        "A new centre with no stock: a shift lead types the opening stock under Quantity "
        "and presses Enter (recorded as a delivery).",
    ),
    "supplies.opening.hint": (
        "Inngående beholdning: skriv antall, pil opp/ned flytter, Enter lagrer (vaktleder)",
        "Opening stock: type quantities, arrow up/down moves, Enter saves (shift lead)",
    ),
    "supplies.opening.done": (
        "Inngående beholdning lagret for {count} vare.|"
        "Inngående beholdning lagret for {count} varer.",
        "Opening stock recorded for {count} item.|Opening stock recorded for {count} items.",
    ),
    "supplies.need_quantity": (
        "Skriv et antall ved minst én vare.",
        "Type a quantity for at least one item.",
    ),
    "supplies.done": ("Utdelt: {what}{who}{extra}.", "Handed out: {what}{who}{extra}."),
    "supplies.done.for_code": (" til {code}", " to {code}"),
    "supplies.done.for_visit": (" til anonymt besøk", " to an anonymous visit"),
    "supplies.done.for_others": (" (til andre)", " (for others)"),
    "supplies.low_warning": ("Lav beholdning: {items}", "Low stock: {items}"),
    "supplies.today": ("I dag: {hand_outs} · {returned}", "Today: {hand_outs} · {returned}"),
    "supplies.today.hand_outs": (
        "{count} utdeling|{count} utdelinger",
        "{count} hand-out|{count} hand-outs",
    ),
    "supplies.today.returned": ("{count} returnert|{count} returnerte", "{count} returned"),
    # returned syringes
    "supplies.returns_label": ("Returnerte sprøyter:", "Returned syringes:"),
    "supplies.returns_placeholder": ("F7, antall", "F7, count"),
    "supplies.returns_need_count": (
        "Skriv antall returnerte sprøyter.",
        "Type the number of returned syringes.",
    ),
    "supplies.returned": (
        "Returnerte sprøyter: {count} (telt).",
        "Returned syringes: {count} (counted).",
    ),
    "supplies.returned_bin": (
        "Kanylebøtte {litres} l returnert: anslått {count} sprøyter.",
        "Sharps bin {litres} l returned: an estimated {count} syringes.",
    ),
    "supplies.bin.title": (
        "Returnert kanylebøtte: hvilken størrelse?",
        "Returned sharps bin: which size?",
    ),
    "supplies.bin.option": (
        "{name} (anslått {estimate} sprøyter)",
        "{name} (an estimated {estimate} syringes)",
    ),
    "supplies.bin.hint": (
        "Enter registrerer én bøtte · Esc avbryter",
        "Enter records one bin · Esc cancels",
    ),
    "supplies.bin.none": ("Katalogen har ingen kanylebøtter.", "The catalogue has no sharps bins."),
    # naloxone
    "supplies.naloxone.title": (
        "Nalokson nesespray: {kits} sett",
        "Naloxone nasal spray: {kits} kits",
    ),
    "supplies.naloxone.recipient": ("Hvem får settet?", "Who receives the kit?"),
    "supplies.naloxone.trained": ("Opplæring gitt?", "Training given?"),
    "supplies.naloxone.hint": (
        "b/p/a velger mottaker · j/n opplæring · Enter lagrer · Esc avbryter",
        "b/p/a picks the recipient · j/n training · Enter saves · Esc cancels",
    ),
    "supplies.naloxone.need_trained": (
        "Svar på om opplæring er gitt (j eller n).",
        "Answer whether training was given (j or n).",
    ),
    "supplies.naloxone.key.user": ("Bruker", "User"),
    "supplies.naloxone.key.relative": ("Pårørende", "Relative"),
    "supplies.naloxone.key.other": ("Annen", "Other"),
    "supplies.naloxone.key.yes": ("Ja", "Yes"),
    "supplies.naloxone.key.no": ("Nei", "No"),
    "supplies.naloxone.key.save": ("Lagre", "Save"),
    "supplies.recipient.user": ("bruker", "user"),
    "supplies.recipient.relative": ("pårørende", "relative"),
    "supplies.recipient.other": ("annen", "other"),
    "supplies.yes": ("ja", "yes"),
    "supplies.no": ("nei", "no"),
    # deliveries
    "supplies.delivery_title": ("Varemottak: brukerutstyr", "Delivery: supplies"),
    "supplies.delivered": (
        "Varemottak lagret: {name}, beholdning {stock}.",
        "Delivery recorded: {name}, stock {stock}.",
    ),
    # keys
    "supplies.key.hand_out": ("Del ut", "Hand out"),
    "supplies.key.hand_out_tip": (
        "Del ut alle antall (som Enter)",
        "Hand out all quantities (as Enter)",
    ),
    "supplies.key.for_others": ("Til andre", "For others"),
    "supplies.key.for_others_tip": (
        "Utdelingen er til andre (sekundærutdeling)",
        "The hand-out is for others (secondary distribution)",
    ),
    "supplies.key.returns": ("Returnert", "Returned"),
    "supplies.key.returns_tip": ("Tell returnerte sprøyter", "Count returned syringes"),
    "supplies.key.bin": ("Kanylebøtte", "Sharps bin"),
    "supplies.key.bin_tip": ("Returnert kanylebøtte (anslått)", "Returned sharps bin (estimated)"),
    "supplies.key.delivery": ("Varemottak", "Delivery"),
    "supplies.key.delivery_tip": (
        "Registrer levering (vaktleder)",
        "Record a delivery (shift lead)",
    ),
    "supplies.key.next": ("Neste", "Next"),
    "supplies.key.previous": ("Forrige", "Previous"),
    # command palette
    "supplies.palette.hand_out": ("utstyr: ny utdeling", "supplies: new hand-out"),
    "supplies.palette.hand_out_help": (
        "Tøm antallene og start en anonym utdeling",
        "Clear the quantities and start an anonymous hand-out",
    ),
    "supplies.palette.returns": ("utstyr: returnerte sprøyter", "supplies: returned syringes"),
    "supplies.palette.returns_help": (
        "Registrer et antall returnerte sprøyter",
        "Record a count of returned syringes",
    ),
    "supplies.palette.bin": ("utstyr: returnert kanylebøtte", "supplies: returned sharps bin"),
    "supplies.palette.bin_help": (
        "Anslå returnerte sprøyter fra en kanylebøtte",
        "Estimate returned syringes from a sharps bin",
    ),
    "supplies.palette.for_others": ("utstyr: til andre", "supplies: for others"),
    "supplies.palette.for_others_help": (
        "Slå sekundærutdeling av eller på",
        "Toggle secondary distribution",
    ),
    "supplies.palette.delivery": ("utstyr: varemottak", "supplies: record delivery"),
    "supplies.palette.delivery_help": (
        "Levering av en vare (vaktleder)",
        "A delivery of an item (shift lead)",
    ),
    # voiding today's entries (F10)
    "supplies.key.void": ("Annuller", "Void"),
    "supplies.key.void_tip": (
        "Annuller en av dagens registreringer (med årsak)",
        "Void one of today's entries (with a reason)",
    ),
    "supplies.palette.void": ("utstyr: annuller registrering", "supplies: void an entry"),
    "supplies.palette.void_help": (
        "Annuller en utdeling, retur, kanylebøtte eller et varemottak fra i dag",
        "Void a hand-out, return, sharps bin or delivery from today",
    ),
    "supplies.entries.title": (
        "Dagens registreringer: hvilken skal annulleres?",
        "Today's entries: which one to void?",
    ),
    "supplies.entries.none": ("Ingen registreringer i dag.", "No entries today."),
    "supplies.entries.hint": (
        "Pil opp/ned velger · Enter annullerer (spør om årsak) · Esc avbryter",
        "Arrow up/down picks · Enter voids (asks a reason) · Esc cancels",
    ),
    "supplies.entry.hand_out": (
        "{time} · Utdeling: {what} ({who})",
        "{time} · Hand-out: {what} ({who})",
    ),
    "supplies.entry.return": (
        "{time} · Returnerte sprøyter: {count} (telt)",
        "{time} · Returned syringes: {count} (counted)",
    ),
    "supplies.entry.bin": (
        "{time} · Kanylebøtte {litres} l: anslått {count} sprøyter",
        "{time} · Sharps bin {litres} l: an estimated {count} syringes",
    ),
    "supplies.entry.delivery": (
        "{time} · Varemottak: {quantity} {name} ({who})",
        "{time} · Delivery: {quantity} {name} ({who})",
    ),
    "supplies.void.title": ("Annuller {what}", "Void {what}"),
    "supplies.voided": ("Annullert: {what}.", "Voided: {what}."),
}
