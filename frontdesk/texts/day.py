"""Texts of the Day tab (F5: X-report, day close, Z-reports) and of the form dialogs
shared by the Megafon, Supplies and Day tabs."""

TEXTS: dict[str, tuple[str, str]] = {
    # titles
    "day.title.open": (
        "X-rapport · driftsdato {date} · dagen er åpen",
        "X-report · business date {date} · the day is open",
    ),
    "day.title.closed": (
        "Z-rapport nr {z_no} · driftsdato {date} · dagen er avsluttet",
        "Z-report no. {z_no} · business date {date} · the day is closed",
    ),
    "day.title.version": (
        "Z-rapport nr {z_no} v{version} · driftsdato {date} · F8: i dag",
        "Z-report no. {z_no} v{version} · business date {date} · F8: today",
    ),
    "day.title.earlier_open": (
        "X-rapport · driftsdato {date} · ikke avsluttet · F8: i dag",
        "X-report · business date {date} · not closed · F8: today",
    ),
    "day.closed_banner": (
        "Dagen {date} er avsluttet og kan bare leses. F7 gjenåpner (vaktleder).",
        "The day {date} is closed and read-only. F7 reopens it (shift lead).",
    ),
    "day.keys": (
        "F6 avslutt dag · F7 gjenåpne · F8 X-rapport · F9 Z-rapporter · F10 rett dag · "
        "^o opplæring · ^d øvelse · ^u annuller opplæring/henvisning",
        "F6 close day · F7 reopen · F8 X-report · F9 Z-reports · F10 correct day · "
        "^o training · ^d drill · ^u void training/referral",
    ),
    # boxes
    "day.box.visits": ("Besøk", "Visits"),
    "day.box.lunch": ("Lunsj (porsjoner)", "Lunch (portions)"),
    "day.box.megafon": ("Megafon", "Megafon"),
    "day.box.supplies": ("Brukerutstyr", "Supplies"),
    "day.box.hours": ("Besøk per time", "Visits by hour"),
    "day.visits.total": ("Besøk totalt", "Visits"),
    "day.visits.unique": ("Unike besøkende", "Unique visitors"),
    "day.visits.anonymous": ("Anonyme", "Anonymous"),
    "day.lunch.visitor": ("Besøkende", "Visitors"),
    "day.lunch.dagsverket": ("Dagsverket", "Dagsverket"),
    "day.lunch.staff": ("Ansatte", "Staff"),
    "day.lunch.guest": ("Gjester", "Guests"),
    "day.lunch.total": ("Porsjoner totalt", "Portions"),
    "day.dagsverket_present": ("Dagsverket møtt", "Dagsverket present"),
    "day.megafon.copies": ("Eksemplarer", "Copies"),
    "day.megafon.sales": ("Salg", "Sales"),
    "day.megafon.revenue": ("Omsetning", "Revenue"),
    "day.supplies.none": ("Ingen utdelinger", "No hand-outs"),
    "day.naloxone.kits": ("Nalokson, sett", "Naloxone kits"),
    "day.naloxone.trained": ("Nalokson, opplært", "Naloxone, trained"),
    "day.syringes.returned": ("Returnerte sprøyter", "Returned syringes"),
    # earlier open days
    "day.open_days.warning": (
        "Tidligere dager er ikke avsluttet. Velg en dag og trykk Enter for å telle kasse og avslutte den (vaktleder):",
        "Earlier days are not closed. Pick a day and press Enter to count the cash and close it (shift lead):",
    ),
    "day.open_days.action": ("Enter: tell kasse og avslutt", "Enter: count cash and close"),
    "day.open_days.none": ("Ingen tidligere dager står åpne.", "No earlier day is left open."),
    # Z-report list
    "day.z_list.title": (
        "Tidligere Z-rapporter (Enter viser én)",
        "Earlier Z-reports (Enter shows one)",
    ),
    "day.col.date": ("Driftsdato", "Business date"),
    "day.col.action": ("", ""),
    "day.col.z_no": ("Z-nr", "Z no."),
    "day.col.version": ("Versjon", "Version"),
    "day.col.expected": ("Forventet", "Expected"),
    "day.col.counted": ("Opptalt", "Counted"),
    "day.col.diff": ("Differanse", "Difference"),
    "day.col.state": ("Status", "Status"),
    "day.col.closed": ("Avsluttet", "Closed"),
    "day.col.reopened": ("Gjenåpnet", "Reopened"),
    "day.col.reason": ("Begrunnelse", "Reason"),
    "day.state.closed": ("avsluttet", "closed"),
    "day.state.reopened": ("gjenåpnet", "reopened"),
    # Z-report
    "day.z.head": (
        "Z-rapport nr {z_no} v{version} · {date} · avsluttet {time} av {by}",
        "Z-report no. {z_no} v{version} · {date} · closed {time} by {by}",
    ),
    "day.z.cash": (
        "Kontant: forventet {expected} · opptalt {counted} · differanse {diff}",
        "Cash: expected {expected} · counted {counted} · difference {diff}",
    ),
    "day.z.staff": ("Ansatt", "Staff"),
    "day.z.payment": ("Betaling", "Payment"),
    "day.z.copies": ("Eks.", "Copies"),
    "day.z.amount": ("Beløp", "Amount"),
    "day.z.no_sales": ("(ingen salg)", "(no sales)"),
    "day.z.totals": (
        "Omsetning {revenue} · totalsum siden start {grand}",
        "Revenue {revenue} · grand total since the start {grand}",
    ),
    "day.z.reopened": (
        "Gjenåpnet {when} av {by}: {reason}",
        "Reopened {when} by {by}: {reason}",
    ),
    "day.z.shown": (
        "Z-rapport nr {z_no} versjon {version} for {date} vises.",
        "Z-report no. {z_no} version {version} for {date} is shown.",
    ),
    # closing
    "day.cash.title": (
        "Tell kasse og avslutt dag {date}",
        "Count the cash and close the day {date}",
    ),
    "day.cash.expected": (
        "Forventet kontant (Megafon): {amount}",
        "Expected cash (Megafon): {amount}",
    ),
    "day.cash.counted": ("Opptalt kontant i kroner", "Counted cash in kroner"),
    "day.cash.placeholder": ("kroner, f.eks. 1250", "kroner, e.g. 1250"),
    "day.cash.diff": (
        "Opptalt {counted} · differanse {diff}",
        "Counted {counted} · difference {diff}",
    ),
    "day.cash.hint": (
        "Enter: se over · Enter igjen avslutter dagen · Esc avbryter",
        "Enter: review · Enter again closes the day · Esc cancels",
    ),
    "day.cash.confirm": (
        "Avslutte {date}? Forventet {expected} · opptalt {counted} · differanse {diff}. "
        "Enter avslutter dagen, Esc går tilbake.",
        "Close {date}? Expected {expected} · counted {counted} · difference {diff}. "
        "Enter closes the day, Esc goes back.",
    ),
    "day.closed_done": (
        "Dagen {date} er avsluttet: Z-rapport nr {z_no}.",
        "The day {date} is closed: Z-report no. {z_no}.",
    ),
    # reopening
    "day.reopen.title": ("Gjenåpne dag {date}", "Reopen the day {date}"),
    "day.reopen.title_z": (
        "Gjenåpne dag {date} (Z-rapport nr {z_no})",
        "Reopen the day {date} (Z-report no. {z_no})",
    ),
    "day.reopen.pin": ("Din PIN (vaktleder)", "Your PIN (shift lead)"),
    "day.reopen.reason": ("Begrunnelse", "Reason"),
    "day.reopen.placeholder": ("f.eks. glemt salg", "e.g. a forgotten sale"),
    "day.reopen.hint": (
        "PIN, Enter, begrunnelse, Enter · Esc avbryter",
        "PIN, Enter, reason, Enter · Esc cancels",
    ),
    "day.reopen.hint_hand_over": (
        "Initialer, Enter, PIN, Enter, begrunnelse, Enter · Esc avbryter",
        "Initials, Enter, PIN, Enter, reason, Enter · Esc cancels",
    ),
    "day.reopen.need_pin": ("Skriv PIN-en din.", "Type your PIN."),
    "day.reopen.need_reason": ("Skriv en begrunnelse.", "Type a reason."),
    "day.reopen.not_closed": ("Dagen {date} er ikke avsluttet.", "The day {date} is not closed."),
    "day.reopened": ("Dagen {date} er gjenåpnet.", "The day {date} is reopened."),
    "day.reopened_earlier": (
        "Dagen {date} er gjenåpnet: F10 retter den, F6 avslutter den igjen.",
        "The day {date} is reopened: F10 corrects it, F6 closes it again.",
    ),
    # keys
    "day.key.close": ("Avslutt dag", "Close day"),
    "day.key.close_tip": (
        "Tell kasse og avslutt dagen (vaktleder)",
        "Count the cash and close the day (shift lead)",
    ),
    "day.key.reopen": ("Gjenåpne", "Reopen"),
    "day.key.reopen_tip": (
        "Gjenåpne en avsluttet dag med PIN og begrunnelse",
        "Reopen a closed day with PIN and reason",
    ),
    "day.key.x_report": ("X-rapport", "X-report"),
    "day.key.x_report_tip": ("Dagens løpende tall", "Today's running tally"),
    "day.key.z_reports": ("Z-rapporter", "Z-reports"),
    "day.key.z_reports_tip": ("Gå til listen over Z-rapporter", "Go to the list of Z-reports"),
    "day.key.paper": ("Skriv ut", "Print"),
    "day.key.paper_tip": (
        "Lagre dagen som vises som PDF (og skriv den ut)",
        "Save the day shown as a PDF (and print it)",
    ),
    "day.paper.saved": ("Lagret {path}", "Saved {path}"),
    "day.print.title": ("Skrive ut?", "Print it?"),
    "day.print.question": (
        "Skriv ut {file} på standardskriveren?",
        "Print {file} on the default printer?",
    ),
    "day.print.help": ("Enter skriver ut · Esc lar være", "Enter prints · Esc does not"),
    "day.print.yes": ("Skriv ut", "Print"),
    "day.print.sent": ("{file} er sendt til skriveren.", "{file} was sent to the printer."),
    # command palette
    "day.palette.x_report": ("dag: X-rapport", "day: X-report"),
    "day.palette.x_report_help": ("Vis dagens løpende tall", "Show today's running tally"),
    "day.palette.close": ("dag: tell kasse og avslutt dag", "day: count cash and close day"),
    "day.palette.close_help": (
        "Z-rapport; dagen blir skrivebeskyttet (vaktleder)",
        "Z-report; the day becomes read-only (shift lead)",
    ),
    "day.palette.reopen": ("dag: gjenåpne dag", "day: reopen day"),
    "day.palette.reopen_help": (
        "Med PIN og begrunnelse (vaktleder)",
        "With PIN and reason (shift lead)",
    ),
    "day.palette.z_reports": ("dag: Z-rapporter", "day: Z-reports"),
    "day.palette.z_reports_help": ("Velg en tidligere Z-rapport", "Pick an earlier Z-report"),
    "day.palette.paper": ("dag: skriv ut PDF", "day: print as PDF"),
    "day.palette.paper_help": (
        "Dagen som vises som PDF i mappen for utskrifter (F12)",
        "The day shown as a PDF in the papers folder (F12)",
    ),
    "day.palette.open_days": ("dag: åpne tidligere dager", "day: earlier open days"),
    "day.palette.open_days_help": (
        "Avslutt en tidligere dag som står åpen",
        "Close an earlier day left open",
    ),
    # correcting an earlier, reopened day (every tab records on it)
    "correction.banner": (
        "RETTER {date} · alt registreres nå på denne dagen · ctrl+e avslutter",
        "CORRECTING {date} · everything is recorded on this day · ctrl+e ends it",
    ),
    "key.end_correction": ("Avslutt retting", "End correction"),
    "key.end_correction.tip": (
        "Tilbake til å registrere på i dag",
        "Back to recording on today",
    ),
    "day.key.correct": ("Rett dagen", "Correct day"),
    "day.key.correct_tip": (
        "Registrer glemte salg, utdelinger, lunsj og besøk på en gjenåpnet tidligere dag",
        "Record forgotten sales, hand-outs, lunch and visits on a reopened earlier day",
    ),
    "day.correct.not_earlier": (
        "Vis først en gjenåpnet tidligere dag (F9, Enter); i dag registreres som vanlig.",
        "First show a reopened earlier day (F9, Enter); today is recorded as usual.",
    ),
    "day.correct.closed": (
        "Dagen {date} er avsluttet: gjenåpne den først (F7).",
        "The day {date} is closed: reopen it first (F7).",
    ),
    "day.correct.lead": (
        "Bare en vaktleder kan rette en tidligere dag: logg på som vaktleder.",
        "Only a shift lead can correct an earlier day: sign on as a shift lead.",
    ),
    "day.correct.started": (
        "Retter {date}: F1–F4 registrerer nå på {date}. F6 avslutter dagen igjen.",
        "Correcting {date}: F1–F4 now record on {date}. F6 closes the day again.",
    ),
    "day.title.correcting": (
        "X-rapport · driftsdato {date} · RETTES (gjenåpnet)",
        "X-report · business date {date} · BEING CORRECTED (reopened)",
    ),
    "day.palette.correct": ("dag: rett en gjenåpnet dag", "day: correct a reopened day"),
    "day.palette.correct_help": (
        "Registrer på den viste gjenåpnede dagen (vaktleder)",
        "Record on the reopened day shown (shift lead)",
    ),
    # the in-place hand-over to a shift lead (every tab's lead actions)
    "lead.title": ("Vaktleder kreves: {what}", "A shift lead is needed: {what}"),
    "lead.hand_over": (
        "En vaktleder skriver sine initialer og sin PIN her, bare for denne handlingen.",
        "A shift lead types their initials and PIN here, for this one action only.",
    ),
    "day.lead.close": ("tell kasse og avslutt dagen", "count the cash and close the day"),
    "lead.initials": ("Vaktleders initialer", "Shift lead's initials"),
    "lead.pin": ("Vaktleders PIN", "Shift lead's PIN"),
    "lead.need_initials": ("Skriv vaktleders initialer.", "Type the shift lead's initials."),
    "lead.hint": (
        "Initialer, Enter, PIN, Enter · Esc avbryter",
        "Initials, Enter, PIN, Enter · Esc cancels",
    ),
    # form dialogs shared by the Megafon, Supplies and Day tabs
    "formdialog.cancel": ("Avbryt", "Cancel"),
    "formdialog.item": ("Vare (kode)", "Item (code)"),
    "formdialog.hint": (
        "Enter går videre og lagrer · Esc avbryter",
        "Enter moves on and saves · Esc cancels",
    ),
    "formdialog.unknown_item": ("Ukjent varekode.", "Unknown item code."),
    "formdialog.need_quantity": ("Skriv et antall (1 eller mer).", "Type a quantity (1 or more)."),
    "formdialog.bad_amount": (
        "Skriv beløpet i kroner, f.eks. 1250 eller 1 250,50.",
        "Type the amount in kroner, e.g. 1250 or 1 250,50.",
    ),
}
