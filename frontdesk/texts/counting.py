"""Texts of counting (issue 13): the stock view, stock-takes, lots on a delivery, the cash
box (float, pay-ins, pay-outs) and the blind count with a second lead."""

TEXTS: dict[str, tuple[str, str]] = {
    # the delivery dialog: lot and expiry
    "stock.delivery.lot": ("Lotnummer (valgfritt)", "Lot number (optional)"),
    "stock.delivery.expires": (
        "Utløpsdato (valgfri, ÅÅÅÅ-MM-DD)",
        "Expiry date (optional, YYYY-MM-DD)",
    ),
    "stock.delivery.hint.quantity": (
        "Antall, Enter lagrer · Tab: lotnummer og utløpsdato fra esken",
        "Quantity, Enter saves · Tab: lot number and expiry date from the box",
    ),
    "stock.delivery.hint.lot": (
        "Lotnummeret på esken (tomt: uten lot), Tab: utløpsdato, Enter lagrer",
        "The lot number on the box (empty: no lot), Tab: expiry date, Enter saves",
    ),
    "stock.delivery.hint.expires": (
        "Datoen på esken, f.eks. 2027-03-31 (tomt: ingen) · Enter lagrer",
        "The date on the box, e.g. 2027-03-31 (empty: none) · Enter saves",
    ),
    # the stock view (F12 on the Supplies tab)
    "stock.key.view": ("Lager", "Stock"),
    "stock.key.view_tip": (
        "Beholdning per lot og utløpsdato, telling og bestillingsliste",
        "Stock by lot and expiry, stock-takes and the reorder list",
    ),
    "stock.palette.view": ("utstyr: lager og telling", "supplies: stock and stock-take"),
    "stock.palette.view_help": (
        "Beholdning, utløp, sist telt og hva som bør bestilles",
        "Stock, expiry, last counted and what to order",
    ),
    "stock.title": (
        "Lager · utløp innen {days} dager · bestilling for {cover} dager",
        "Stock · expiring within {days} days · order for {cover} days",
    ),
    "stock.col.code": ("Kode", "Code"),
    "stock.col.name": ("Navn", "Name"),
    "stock.col.stock": ("Lager", "Stock"),
    "stock.col.cover": ("Dager", "Days"),
    "stock.col.next": ("Utløper", "Expires"),
    "stock.col.expiring": ("Snart", "Soon"),
    "stock.col.expired": ("Utløpt", "Expired"),
    "stock.col.counted": ("Telt", "Counted"),
    "stock.col.order": ("Bestill", "Order"),
    "stock.hint": (
        "Enter teller varen (vaktleder) · rødt: utgått · Esc lukker",
        "Enter counts the item (lead) · red: expired · Esc closes",
    ),
    "stock.lead.count": ("telle lageret", "count the stock"),
    # the stock-take dialog
    "stock.count.title": ("Telling: {name} ({code})", "Stock-take: {name} ({code})"),
    "stock.count.lot": ("Hva er telt", "What was counted"),
    "stock.count.whole": ("hele varen: {stock} på lager", "the whole item: {stock} in stock"),
    "stock.count.one_lot": (
        "lot {lot} · utløper {expires} · {stock} på lager",
        "lot {lot} · expires {expires} · {stock} in stock",
    ),
    "stock.count.no_expiry": ("aldri", "never"),
    "stock.count.counted": ("Opptalt antall", "Counted quantity"),
    "stock.count.need": (
        "Skriv opptalt antall (0 eller mer).",
        "Type the counted quantity (0 or more).",
    ),
    "stock.count.reason": ("Årsak til endringen", "Reason for the change"),
    "stock.count.hint": (
        "Skriv opptalt antall, Enter lagrer tellingen · Esc avbryter",
        "Type the counted quantity, Enter saves the count · Esc cancels",
    ),
    "stock.counted": (
        "Telt {code}: {counted} (registrert {on_record}, endring {change}).",
        "Counted {code}: {counted} (on record {on_record}, change {change}).",
    ),
    "stock.reason.count": ("tellefeil", "count correction"),
    "stock.reason.expired": ("utgått på dato", "expired"),
    "stock.reason.damaged": ("skadet", "damaged"),
    "stock.reason.lost": ("borte", "lost"),
    "stock.reason.transfer": ("gitt til en annen tjeneste", "given to another service"),
    "stock.entry.count": (
        "{time} · Telling: {code} {counted} ({change}, {reason}) ({who})",
        "{time} · Stock-take: {code} {counted} ({change}, {reason}) ({who})",
    ),
    "stock.lead.void_count": ("annuller en telling", "void a stock-take"),
    # the cash box (K on the Day tab)
    "cash.key.box": ("Kasse", "Cash box"),
    "cash.key.box_tip": (
        "Veksel, innbetaling og utbetaling med årsak",
        "Float, pay-in and pay-out with a reason",
    ),
    "cash.palette.box": ("dag: kasse (veksel, inn, ut)", "day: cash box (float, in, out)"),
    "cash.palette.box_help": (
        "Registrer vekselbeholdningen, en innbetaling eller en utbetaling",
        "Record the float, a pay-in or a pay-out",
    ),
    "cash.title": ("Kassen {date}", "The cash box {date}"),
    "cash.none": (
        "Ingen veksel, innbetaling eller utbetaling i dag.",
        "No float, pay-in or pay-out today.",
    ),
    "cash.kind": ("Hva", "What"),
    "cash.kind.float": ("veksel", "float"),
    "cash.kind.pay_in": ("innbetaling", "pay-in"),
    "cash.kind.pay_out": ("utbetaling", "pay-out"),
    "cash.amount": ("Beløp i kroner", "Amount in kroner"),
    "cash.reason": ("Årsak", "Reason"),
    "cash.reason.change": ("veksel fra kontoret", "change from the office"),
    "cash.reason.safe": ("til safen", "to the safe"),
    "cash.reason.bank": ("til banken", "to the bank"),
    "cash.reason.expense": ("utlegg", "expense"),
    "cash.reason.other": ("annet", "other"),
    "cash.line": (
        "{time} · {kind} {amount} {reason} ({who})",
        "{time} · {kind} {amount} {reason} ({who})",
    ),
    "cash.hint": (
        "Beløp og Enter lagrer · Del på en linje annullerer · Esc lukker",
        "Amount and Enter saves · Del on a line voids · Esc closes",
    ),
    "cash.recorded": ("{kind} {amount} registrert.", "{kind} {amount} recorded."),
    "cash.lead.void": ("annuller en kassebevegelse", "void a cash movement"),
    "cash.void.title": ("Annuller: {what}", "Void: {what}"),
    "cash.voided": ("Annullert: {what}", "Voided: {what}"),
    # the blind count
    "cash.count.blind": (
        "Blindtelling: forventet beløp vises når det opptalte er skrevet.",
        "Blind count: the expected amount shows once the count is typed.",
    ),
    "cash.count.hint": (
        "Enter: se over, så avslutt · F7: mynter/sedler · Esc: avbryt",
        "Enter: review, then close · F7: coins/notes · Esc: cancel",
    ),
    "cash.count.key.pieces": ("Mynter/sedler", "Coins/notes"),
    "cash.count.hint.piece": (
        "Antall av mynten/seddelen, Tab flytter · summen blir opptalt",
        "How many of the coin/note, Tab moves · the sum is the count",
    ),
    "cash.count.second": (
        "Differansen er over {limit}: en annen vaktleder godkjenner med initialer, PIN og årsak.",
        "The difference is over {limit}: a second shift lead approves with initials, PIN and reason.",
    ),
    "cash.count.second_initials": ("Vaktleder 2", "Lead 2"),
    "cash.count.second_reason": ("Årsak", "Reason"),
    "cash.count.need_second": (
        "Skriv den andre vaktlederens initialer, PIN og en årsak.",
        "Type the second lead's initials, PIN and a reason.",
    ),
    # the Z-report (on screen and on paper)
    "paper.cash.box": ("Veksel / inn / ut", "Float / in / out"),
    "paper.cash.approved": ("Differanse godkjent av", "Difference approved by"),
    "cash.z.cash": (
        "Veksel {float} · innbetalt {pay_in} · utbetalt {pay_out}",
        "Float {float} · paid in {pay_in} · paid out {pay_out}",
    ),
    "cash.z.approved": (
        "Differansen godkjent av {by}: {reason}",
        "Difference approved by {by}: {reason}",
    ),
    "cash.z.pieces": ("Opptalt: {pieces}", "Counted: {pieces}"),
}
