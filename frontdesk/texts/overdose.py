"""Texts of overdose response and the right help (issue 12): the naloxone dialog's reason and
outcome, the help dialog (referrals, CPR today), first-time visits, training sessions,
staff drills and the Day tab's figures."""

TEXTS: dict[str, tuple[str, str]] = {
    # the naloxone dialog: why a new kit, and after a use its outcome and the EMS call
    "overdose.reason.ask": ("Hvorfor nytt sett?", "Why a new kit?"),
    "overdose.reason.first_kit": ("første sett", "first kit"),
    "overdose.reason.used_other": ("brukt på en annen", "used on someone else"),
    "overdose.reason.used_self": ("brukt på seg selv", "used on themselves"),
    "overdose.reason.lost": ("mistet", "lost"),
    "overdose.reason.taken": ("tatt (politi, tyveri)", "taken (police, theft)"),
    "overdose.reason.expired": ("utløpt", "expired"),
    "overdose.reason.other": ("annet", "other"),
    "overdose.outcome.ask": ("Utfall, slik det ble fortalt:", "Outcome, as reported:"),
    "overdose.outcome.alive": ("lever", "alive"),
    "overdose.outcome.died": ("døde", "died"),
    "overdose.outcome.unknown": ("vet ikke", "don't know"),
    "overdose.ems.ask": ("Ble 113 / ambulanse varslet?", "Were emergency services called?"),
    "overdose.ems.yes": ("ja", "yes"),
    "overdose.ems.no": ("nei", "no"),
    "overdose.ems.unknown": ("vet ikke", "don't know"),
    "overdose.naloxone.hint": (
        "b/p/a mottaker · j/n opplæring · 1–7 årsak · etter bruk l/d/u og s/i/v · "
        "Enter lagrer · Esc avbryter",
        "b/p/a recipient · j/n training · 1–7 reason · after a use l/d/u and s/i/v · "
        "Enter saves · Esc cancels",
    ),
    "overdose.naloxone.need_use": (
        "Utfall og 113 gjelder bare når settet ble brukt (2 eller 3).",
        "Outcome and emergency call apply only when the kit was used (2 or 3).",
    ),
    # the help dialog: referrals and CPR today, from a visit or anonymously
    "overdose.help.title": ("Rett hjelp: {who}", "The right help: {who}"),
    "overdose.help.anonymous": ("anonym", "anonymous"),
    "overdose.help.referral": ("Henvist til:", "Referred to:"),
    "overdose.help.cpr": ("Fått HLR-opplæring i dag", "Trained in CPR today"),
    "overdose.help.hint": (
        "1–7 henviser · h HLR-opplæring · Esc avbryter",
        "1–7 refers · h CPR training · Esc cancels",
    ),
    "overdose.referral.lar": ("LAR / rusmedisin", "LAR / addiction medicine"),
    "overdose.referral.detox": ("avrusning, Akuttposten", "detox, Akuttposten"),
    "overdose.referral.health_room": ("helserommet", "the health room"),
    "overdose.referral.legevakt": ("legevakt", "legevakt (emergency clinic)"),
    "overdose.referral.nav": ("NAV", "NAV"),
    "overdose.referral.housing": ("bolig", "housing"),
    "overdose.referral.other": ("annen hjelp", "other help"),
    "overdose.referral.done": ("Henvisning registrert: {kind}.", "Referral recorded: {kind}."),
    "overdose.cpr.done": ("HLR-opplæring registrert.", "CPR training recorded."),
    "overdose.key.help": ("Hjelp", "Help"),
    "overdose.key.help_tip": (
        "Henvisning (LAR, avrusning, helserom, …) eller HLR-opplæring i dag",
        "A referral (LAR, detox, health room, …) or CPR training today",
    ),
    "overdose.key.ref.lar": ("LAR", "LAR"),
    "overdose.key.ref.detox": ("Avrusning", "Detox"),
    "overdose.key.ref.health_room": ("Helserom", "Health room"),
    "overdose.key.ref.legevakt": ("Legevakt", "Legevakt"),
    "overdose.key.ref.nav": ("NAV", "NAV"),
    "overdose.key.ref.housing": ("Bolig", "Housing"),
    "overdose.key.ref.other": ("Annet", "Other"),
    "overdose.key.cpr": ("HLR i dag", "CPR today"),
    # first-time visits (check-in)
    "overdose.key.first_time": ("Første gang", "First time"),
    "overdose.key.first_time_tip": (
        "Et anonymt besøk av en som er her for første gang",
        "An anonymous visit by someone here for the first time",
    ),
    "overdose.first_time.done": (
        "Sjekket inn: anonym, første gang her, kl. {time}.",
        "Checked in: anonymous, first time here, at {time}.",
    ),
    "overdose.first_time.only_anonymous": (
        "Første gang gjelder anonyme besøk: en kodes første besøk telles av seg selv.",
        "First time is for anonymous visits: a code's first visit is counted by itself.",
    ),
    # training sessions (Day tab)
    "overdose.training.title": ("Opplæring for besøkende", "Training for visitors"),
    "overdose.training.kind": ("Hva slags opplæring?", "What training?"),
    "overdose.training.cpr": ("HLR", "CPR"),
    "overdose.training.naloxone": ("nalokson", "naloxone"),
    "overdose.training.people": ("Antall personer (1–200)", "Number of people (1–200)"),
    "overdose.training.hint": (
        "F6 HLR · F7 nalokson · skriv antall · Enter lagrer · Esc avbryter",
        "F6 CPR · F7 naloxone · type the number · Enter saves · Esc cancels",
    ),
    "overdose.training.done": (
        "Opplæring registrert: {kind}, {people} personer.",
        "Training recorded: {kind}, {people} people.",
    ),
    "overdose.key.training": ("Opplæring", "Training"),
    "overdose.key.training_tip": (
        "Registrer en HLR- eller naloksonopplæring for besøkende (antall personer)",
        "Record a CPR or naloxone session for visitors (number of people)",
    ),
    # staff drills (Day tab, sign-on)
    "overdose.drills.due": (
        "HLR-øvelse forfalt (over {days} dager): {who}",
        "CPR drill due (over {days} days): {who}",
    ),
    "overdose.drills.signon": (
        "Husk HLR-øvelse: {who} (Dag-fanen, ctrl+d).",
        "CPR drill due: {who} (Day tab, ctrl+d).",
    ),
    "overdose.drill.title": ("Øvelser for ansatte", "Staff drills"),
    "overdose.drill.initials": ("Initialer", "Initials"),
    "overdose.drill.kind": ("Hva ble øvd?", "What was drilled?"),
    "overdose.drill.cpr": ("HLR", "CPR"),
    "overdose.drill.naloxone": ("naloksonkurs", "naloxone course"),
    "overdose.drill.last": ("Siste øvelser", "Last drills"),
    "overdose.drill.never": ("aldri", "never"),
    "overdose.drill.due": ("forfalt", "due"),
    "overdose.drill.hint": (
        "initialer · F6 HLR · F7 naloksonkurs · Enter lagrer (i dag) · Esc avbryter",
        "initials · F6 CPR · F7 naloxone course · Enter saves (today) · Esc cancels",
    ),
    "overdose.drill.done": (
        "Øvelse registrert: {who}, {kind}, {date}.",
        "Drill recorded: {who}, {kind}, {date}.",
    ),
    "overdose.drill.what": ("registrere en øvelse", "record a drill"),
    "overdose.drill.void_what": ("annullere en øvelse", "void a drill"),
    "overdose.key.drill": ("Øvelse", "Drill"),
    "overdose.key.drill_tip": (
        "Registrer en ansatts HLR-øvelse eller naloksonkurs (vaktleder)",
        "Record a staff member's CPR drill or naloxone course (shift lead)",
    ),
    # today's help records, to void one (Day tab)
    "overdose.entries.title": (
        "Dagens opplæring og henvisninger, siste øvelser: velg én å annullere",
        "Today's training and referrals, the latest drills: pick one to void",
    ),
    "overdose.entries.none": (
        "Ingen opplæring eller henvisninger i dag.",
        "No training or referrals today.",
    ),
    "overdose.entries.hint": (
        "↑↓ velger · Enter annullerer (med årsak) · Esc lukker",
        "↑↓ picks · Enter voids (with a reason) · Esc closes",
    ),
    "overdose.entries.training": (
        "{time} · Opplæring {kind}: {people} ({by})",
        "{time} · Training {kind}: {people} ({by})",
    ),
    "overdose.entries.referral": (
        "{time} · Henvisning: {kind} ({by})",
        "{time} · Referral: {kind} ({by})",
    ),
    "overdose.entries.drill": (
        "Øvelse {date}: {who} {kind}",
        "Drill {date}: {who} {kind}",
    ),
    "overdose.entries.void_title": ("Annuller: {what}", "Void: {what}"),
    "overdose.entries.voided": ("Annullert: {what}", "Voided: {what}"),
    "overdose.key.entries": ("Hjelp-liste", "Help list"),
    "overdose.key.entries_tip": (
        "Dagens opplæring og henvisninger, siste øvelser: annuller én",
        "Today's training and referrals, the latest drills: void one",
    ),
    # a visitor's records (see and erase everything under a code)
    "overdose.rights.section": (
        "Henvisninger og opplæring fra besøkene ({n})",
        "Referrals and training from the visits ({n})",
    ),
    "overdose.rights.referral": ("{date} {time} henvist: {kind}", "{date} {time} referred: {kind}"),
    "overdose.rights.training": (
        "{date} {time} opplæring: {kind}",
        "{date} {time} training: {kind}",
    ),
    "overdose.rights.reason": (" · nytt sett: {reason}", " · new kit: {reason}"),
    "overdose.rights.outcome": (
        " · utfall: {outcome}, 113: {ems}",
        " · outcome: {outcome}, emergency call: {ems}",
    ),
    # the Day tab's figures (X- and Z-report)
    "overdose.box": ("Overdose og rett hjelp", "Overdose and the right help"),
    "overdose.day.doses": ("Nalokson, doser", "Naloxone doses"),
    "overdose.day.first_kit": ("Nalokson, første sett", "Naloxone, first kits"),
    "overdose.day.reported_uses": ("Rapportert bruk", "Reported uses"),
    "overdose.day.reversals": ("Rapporterte reverseringer", "Reported reversals"),
    "overdose.day.died": ("Rapportert død", "Reported died"),
    "overdose.day.ems": ("113 varslet", "Emergency called"),
    "overdose.day.cpr": ("HLR-opplært", "Trained in CPR"),
    "overdose.day.naloxone_sessions": ("Nalokson-kurs, personer", "Naloxone sessions, people"),
    "overdose.day.new": ("Nye besøkende", "New visitors"),
    "overdose.day.referral": ("Henvist: {kind}", "Referred: {kind}"),
    "overdose.day.no_referrals": ("Henvisninger", "Referrals"),
    "overdose.palette.help": ("innsjekk: rett hjelp", "check-in: the right help"),
    "overdose.palette.help_help": (
        "Henvisning eller HLR-opplæring (valgt besøk, ellers anonymt)",
        "A referral or CPR training (the selected visit, else anonymous)",
    ),
    "overdose.palette.first_time": ("innsjekk: første gang her", "check-in: first time here"),
    "overdose.palette.first_time_help": (
        "Et anonymt besøk av en som er her for første gang",
        "An anonymous visit by someone here for the first time",
    ),
    "overdose.palette.training": ("dag: opplæring", "day: training session"),
    "overdose.palette.training_help": (
        "HLR- eller naloksonopplæring for besøkende",
        "A CPR or naloxone session for visitors",
    ),
    "overdose.palette.drill": ("dag: øvelse for ansatt", "day: staff drill"),
    "overdose.palette.drill_help": (
        "HLR-øvelse eller naloksonkurs for en ansatt",
        "A staff member's CPR drill or naloxone course",
    ),
    "overdose.palette.entries": (
        "dag: annuller opplæring/henvisning",
        "day: void training/referral",
    ),
    "overdose.palette.entries_help": (
        "Dagens opplæring og henvisninger",
        "Today's training sessions and referrals",
    ),
}
