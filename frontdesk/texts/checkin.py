"""Texts of the check-in tab (F1) and the register-visitor modal."""

TEXTS: dict[str, tuple[str, str]] = {
    "checkin.code_label": (
        "Besøkskode (pseudonym – ikke navn)",
        "Visitor code (a pseudonym – not a name)",
    ),
    "checkin.placeholder": ("kode, eller tomt for anonym", "code, or empty for anonymous"),
    "checkin.hint.code": (
        "Enter sjekker inn (tomt: anonym) · F6 kvinne · F7 mann · F8 annet · "
        "F12 første gang · ^r hjelp · ↑↓ velger treff · Esc tømmer · Tab til listen",
        "Enter checks in (empty: anonymous) · F6 woman · F7 man · F8 other · "
        "F12 first time · ^r help · ↑↓ picks a match · Esc clears · Tab to the list",
    ),
    "checkin.earlier_today": (
        "(Også sjekket inn i dag kl. {time}.)",
        "(Also checked in today at {time}.)",
    ),
    "checkin.key.clear": ("Tøm", "Clear"),
    "checkin.count": ("Besøk i dag: {count}", "Visits today: {count}"),
    "checkin.count_detail": (
        "anonyme {anonymous} · med kode {coded}\nannullert {voided}",
        "anonymous {anonymous} · coded {coded}\nvoided {voided}",
    ),
    "checkin.list_title": (
        "Dagens besøk (Tab) · L lunsj · U utstyr · S Megafon · H hjelp · Del annuller",
        "Today's visits (Tab) · L lunch · U supplies · S Megafon · H help · Del void",
    ),
    "checkin.col.time": ("Kl.", "Time"),
    "checkin.col.code": ("Besøkskode", "Visitor code"),
    "checkin.col.gender": ("Kjønn", "Gender"),
    "checkin.col.staff": ("Ansatt", "Staff"),
    "checkin.col.state": ("Status", "Status"),
    "checkin.no_space": (
        "Besøkskoden er et pseudonym – ikke navn: ingen mellomrom.",
        "The visitor code is a pseudonym – not a name: no spaces.",
    ),
    "checkin.done": ("Sjekket inn: {who} kl. {time}.", "Checked in: {who} at {time}."),
    "checkin.done_gender": (
        "Sjekket inn: anonym ({gender}) kl. {time}.",
        "Checked in: anonymous ({gender}) at {time}.",
    ),
    "checkin.gender_only_anonymous": (
        "Kjønnstastene gjelder anonyme besøk: tøm feltet først.",
        "The gender keys are for anonymous visits: empty the field first.",
    ),
    "checkin.voided": ("Besøket kl. {time} er annullert.", "The visit at {time} is voided."),
    "checkin.void_title": (
        "Annuller besøket kl. {time} ({who})",
        "Void the visit at {time} ({who})",
    ),
    "checkin.already_voided": ("Besøket er allerede annullert.", "The visit is already voided."),
    "checkin.lunch_done": ("{who} er satt på lunsjlisten.", "{who} is on the lunch roster."),
    "checkin.lunch_anonymous": (
        "En anonym porsjon er lagt til på lunsjlisten.",
        "An anonymous portion is on the lunch roster.",
    ),
    "checkin.not_vendor": (
        "{code} er ikke Megafon-selger (mangler selgernummer).",
        "{code} is not a Megafon vendor (no vendor number).",
    ),
    "checkin.anonymous_no_sale": (
        "Et anonymt besøk kan ikke kjøpe Megafon: velg et besøk med besøkskode.",
        "An anonymous visit cannot buy Megafon: choose a visit with a visitor code.",
    ),
    "checkin.select_visit": ("Velg et besøk i listen først.", "Select a visit in the list first."),
    "checkin.registered": ("{code} er registrert.", "{code} is registered."),
    # keys
    "checkin.key.female": ("Kvinne", "Woman"),
    "checkin.key.male": ("Mann", "Man"),
    "checkin.key.other": ("Annet", "Other"),
    "checkin.key.gender_tip": (
        "Anonymt besøk med kjønn (når feltet er tomt)",
        "Anonymous visit with gender (when the field is empty)",
    ),
    "checkin.key.lunch": ("Lunsj", "Lunch"),
    "checkin.key.lunch_tip": ("Sett på lunsjlisten", "Put on the lunch roster"),
    "checkin.key.hand_out": ("Utstyr", "Supplies"),
    "checkin.key.hand_out_tip": ("Utdeling av brukerutstyr", "Supply hand-out"),
    "checkin.key.sale": ("Salg", "Sale"),
    "checkin.key.sale_tip": ("Megafon-salg til denne selgeren", "Megafon sale to this vendor"),
    "checkin.key.void": ("Annuller", "Void"),
    "checkin.key.void_tip": ("Annuller besøket (med årsak)", "Void the visit (with a reason)"),
    "checkin.key.back": ("Kodefelt", "Code field"),
    # palette
    "checkin.palette.anonymous": ("innsjekk: anonym", "check-in: anonymous"),
    "checkin.palette.anonymous_help": (
        "Registrer ett anonymt besøk (Enter på tomt felt)",
        "Record one anonymous visit (Enter on an empty field)",
    ),
    "checkin.palette.register": (
        "innsjekk: registrer besøkskode",
        "check-in: register visitor code",
    ),
    "checkin.palette.register_help": (
        "Registrer en ny besøkskode og sjekk inn",
        "Register a new visitor code and check in",
    ),
    "checkin.palette.void": ("innsjekk: annuller valgt besøk", "check-in: void selected visit"),
    "checkin.palette.void_help": (
        "Annuller besøket som er valgt i listen",
        "Void the visit selected in the list",
    ),
    "checkin.palette.list": ("innsjekk: dagens besøk", "check-in: today's visits"),
    "checkin.palette.list_help": (
        "Gå til listen over dagens besøk",
        "Go to the list of today's visits",
    ),
    # register modal
    "register.title": (
        "Ukjent besøkskode {code} – registrere og sjekke inn?",
        "Unknown visitor code {code} – register and check in?",
    ),
    "register.title_empty": ("Ny besøkskode", "New visitor code"),
    "register.reminder": (
        "Besøkskoden er et pseudonym – ikke navn, ikke personnummer.",
        "The visitor code is a pseudonym – not a name, not an ID number.",
    ),
    "register.code": ("Besøkskode", "Visitor code"),
    "register.gender": ("Kjønn (f/m/x/u)", "Gender (f/m/x/u)"),
    "register.birth_year": ("Fødselsår", "Birth year"),
    "register.dagsverket": ("Dagsverket-deltaker", "Dagsverket participant"),
    "register.vendor": ("Selgernummer (Megafon)", "Vendor number (Megafon)"),
    "register.optional": ("valgfritt", "optional"),
    "register.hint.code": (
        "Bokstaver og sifre, ingen mellomrom · Enter registrerer og sjekker inn · Esc avbryter",
        "Letters and digits, no spaces · Enter registers and checks in · Esc cancels",
    ),
    "register.help": (
        "Resten er valgfritt · Enter registrerer og sjekker inn · Esc avbryter",
        "The rest is optional · Enter registers and checks in · Esc cancels",
    ),
}
