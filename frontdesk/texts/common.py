"""Texts of the desk app's shell: tabs, keys, sign-on, lock, errors, shared words."""

TEXTS: dict[str, tuple[str, str]] = {
    # tabs (F1–F5)
    "tab.checkin": ("Innsjekk", "Check-in"),
    "tab.lunch": ("Lunsj", "Lunch"),
    "tab.megafon": ("Megafon", "Megafon"),
    "tab.supplies": ("Brukerutstyr", "Supplies"),
    "tab.day": ("Dag", "Day"),
    # shorter names for the footer
    "key.tab.checkin": ("Innsjekk", "Check-in"),
    "key.tab.lunch": ("Lunsj", "Lunch"),
    "key.tab.megafon": ("Megafon", "Megafon"),
    "key.tab.supplies": ("Utstyr", "Supplies"),
    "key.tab.day": ("Dag", "Day"),
    # app keys
    "key.lock": ("Lås", "Lock"),
    "key.lock.tip": ("Lås skjermen", "Lock the screen"),
    "key.quit": ("Avslutt", "Quit"),
    "key.quit.tip": ("Avslutt frontdesk", "Quit frontdesk"),
    "key.palette": ("Kommando", "Commands"),
    "key.tab.tip": ("Gå til fanen {tab}", "Go to the {tab} tab"),
    "key.back": ("Tilbake", "Back"),
    "key.cancel": ("Avbryt", "Cancel"),
    "key.save": ("Lagre", "Save"),
    # header
    "app.title": ("frontdesk", "frontdesk"),
    "app.signed_on": ("Pålogget: {initials}", "Signed on: {initials}"),
    "app.date": ("Driftsdato {date}", "Business date {date}"),
    "app.closed": ("Dagen er avsluttet", "The day is closed"),
    "app.closed_banner": (
        "Dagen er avsluttet: kun lesing til en vaktleder gjenåpner den (F5, F7).",
        "The day is closed: read-only until a shift lead reopens it (F5, F7).",
    ),
    "app.error": (
        "Noe gikk galt; ingenting ble lagret. Se loggen.",
        "Something went wrong; nothing was saved. See the log.",
    ),
    "app.error.title": ("Feil", "Error"),
    "app.locked": ("Skjermen er låst.", "The screen is locked."),
    # sign-on / lock
    "signon.title": ("Logg på", "Sign on"),
    "signon.locked_title": ("Skjermen er låst – logg på", "The screen is locked – sign on"),
    "signon.initials": ("Initialer", "Initials"),
    "signon.pin": ("PIN", "PIN"),
    "signon.help": (
        "Skriv initialer, Enter, PIN, Enter.",
        "Type initials, Enter, PIN, Enter.",
    ),
    "signon.loading": ("Åpner databasen …", "Opening the database …"),
    "signon.checking": ("Sjekker …", "Checking …"),
    "signon.welcome": ("Velkommen, {initials}.", "Welcome, {initials}."),
    # no database
    "nodb.title": ("Databasen kan ikke brukes", "The database cannot be used"),
    "nodb.body": (
        "frontdesk kan ikke åpne databasen:",
        "frontdesk cannot open the database:",
    ),
    "nodb.how": (
        "Finnes det ingen database ennå, lag en ny for senteret:\n"
        "    frontdesk --db {target} init --centre-code STR --centre-name Strax-huset --lead AB\n"
        "eller en database med demodata for å prøve:\n"
        "    frontdesk --db {target} demo",
        "If there is no database yet, create one for the centre:\n"
        "    frontdesk --db {target} init --centre-code STR --centre-name Strax-huset --lead AB\n"
        "or a database with demo data to try it out:\n"
        "    frontdesk --db {target} demo",
    ),
    "nodb.quit": ("Trykk q for å avslutte.", "Press q to quit."),
    # shared words
    "word.yes": ("ja", "yes"),
    "word.no": ("nei", "no"),
    "word.ok": ("OK", "OK"),
    "word.cancel": ("Avbryt", "Cancel"),
    "word.anonymous": ("anonym", "anonymous"),
    "word.voided": ("annullert", "voided"),
    "word.served": ("servert", "served"),
    "gender.f": ("kvinne", "woman"),
    "gender.m": ("mann", "man"),
    "gender.x": ("annet", "other"),
    "gender.u": ("ukjent", "unknown"),
    # reason modal (voids)
    "reason.title": ("Oppgi årsak", "Give a reason"),
    "reason.label": ("Årsak", "Reason"),
    "reason.placeholder": ("f.eks. trykket to ganger", "e.g. pressed twice"),
    "reason.help": ("Enter lagrer, Esc avbryter.", "Enter saves, Esc cancels."),
    "reason.empty": ("Skriv en årsak først.", "Type a reason first."),
    # palette
    "palette.lock": ("lås skjerm", "lock screen"),
    "palette.lock.help": ("Lås skjermen ({key})", "Lock the screen ({key})"),
    "palette.tab": ("gå til: {tab}", "go to: {tab}"),
    "palette.tab.help": ("Bytt til fanen {tab} ({key})", "Switch to the {tab} tab ({key})"),
    "palette.quit": ("avslutt", "quit"),
    "palette.quit.help": ("Avslutt frontdesk ({key})", "Quit frontdesk ({key})"),
    # the hint line of a dialog field (widgets/hint_line.py)
    "dialog.hint.item": (
        "Varekoden (Tab fullfører), Enter går til antall · Esc avbryter",
        "The item code (Tab completes), Enter moves to the quantity · Esc cancels",
    ),
    "dialog.hint.quantity": (
        "Antallet, Enter lagrer · Esc avbryter",
        "The quantity, Enter saves · Esc cancels",
    ),
    "palette.placeholder": ("Søk etter kommandoer…", "Search for commands…"),
}
