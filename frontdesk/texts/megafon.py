"""Texts of the Megafon tab (F3) and its dialogs."""

TEXTS: dict[str, tuple[str, str]] = {
    # header and form
    "megafon.header": (
        "{title} · utgave {number} · utsalgspris {price} · lagerbeholdning {stock} eks.",
        "{title} · issue {number} · outlet price {price} · stock on hand {stock} copies",
    ),
    "megafon.no_issue": (
        "{title} · ingen gjeldende utgave – en vaktleder legger inn en ny (F10)",
        "{title} · no current issue – a shift lead adds one (F10)",
    ),
    "megafon.no_issue_short": ("Det er ingen gjeldende utgave.", "There is no current issue."),
    "megafon.day_closed": (
        "Dagen er avsluttet: salg kan ikke registreres før en vaktleder gjenåpner den.",
        "The day is closed: no sales can be recorded until a shift lead reopens it.",
    ),
    "megafon.vendor": ("Selger", "Vendor"),
    "megafon.vendor_placeholder": (
        "selgernummer eller besøkskode",
        "vendor number or visitor code",
    ),
    "megafon.copies": ("Eksemplarer", "Copies"),
    "megafon.pay_hint": (
        "Betaling lagrer salget: F6 kontant · F7 kort · F8 Vipps · "
        "Del i listen annullerer · F9 varemottak · F10 utgave",
        "Payment records the sale: F6 cash · F7 card · F8 Vipps · "
        "Del in the list voids · F9 delivery · F10 issue",
    ),
    "megafon.choose_payment": (
        "Velg betaling: F6 kontant · F7 kort · F8 Vipps",
        "Choose the payment: F6 cash · F7 card · F8 Vipps",
    ),
    "megafon.need_vendor": (
        "Skriv selgernummer eller besøkskode først.",
        "Type a vendor number or visitor code first.",
    ),
    "megafon.sold": (
        "Solgt {copies} eks. til selger {vendor}: {amount} {payment}.",
        "Sold {copies} copies to vendor {vendor}: {amount} {payment}.",
    ),
    # payments
    "megafon.pay.cash": ("kontant", "cash"),
    "megafon.pay.card": ("kort", "card"),
    "megafon.pay.vipps": ("Vipps", "Vipps"),
    # today's sales
    "megafon.today_sales": ("Salg i dag", "Today's sales"),
    "megafon.col.time": ("Tid", "Time"),
    "megafon.col.vendor_no": ("Selgernr.", "Vendor no."),
    "megafon.col.code": ("Kode", "Code"),
    "megafon.col.copies": ("Eks.", "Copies"),
    "megafon.col.amount": ("Beløp", "Amount"),
    "megafon.col.payment": ("Betaling", "Payment"),
    "megafon.col.staff": ("Ansatt", "Staff"),
    "megafon.col.state": ("Status", "Status"),
    "megafon.voided": ("annullert: {reason}", "voided: {reason}"),
    "megafon.totals": (
        "Sum i dag: {parts}  ·  totalt {total}  ·  {copies} eks.",
        "Today: {parts}  ·  total {total}  ·  {copies} copies",
    ),
    # voiding
    "megafon.void_pick": (
        "Velg et salg i listen (piltaster), og trykk Delete.",
        "Pick a sale in the list (arrow keys) and press Delete.",
    ),
    "megafon.already_voided": ("Salget er allerede annullert.", "The sale is already voided."),
    "megafon.void_title": (
        "Annuller salget ({copies} eks.) – oppgi årsak",
        "Void the sale ({copies} copies) – give a reason",
    ),
    "megafon.void_done": (
        "Salget ({copies} eks.) er annullert.",
        "The sale ({copies} copies) is voided.",
    ),
    # lead: deliveries and issues
    "megafon.delivery_title": (
        "Varemottak: {title} utgave {number}",
        "Delivery: {title} issue {number}",
    ),
    "megafon.delivered": (
        "Varemottak lagret for utgave {number}; lagerbeholdning {stock} eks.",
        "Delivery recorded for issue {number}; stock on hand {stock} copies.",
    ),
    "megafon.issue_title": (
        "{title}: ny utgave eller bytt gjeldende",
        "{title}: new issue or change the current one",
    ),
    "megafon.issue_number": ("Utgave (nummer)", "Issue (number)"),
    "megafon.issue_price": ("Utsalgspris i kroner", "Outlet price in kroner"),
    "megafon.issue_price_hint": (
        "Tom pris: gjør en utgave som finnes fra før til gjeldende.",
        "Empty price: make an existing issue the current one.",
    ),
    "megafon.issue_need_number": ("Skriv utgavens nummer.", "Type the issue number."),
    "megafon.issue_current": (
        "Utgave {number} er gjeldende; utsalgspris {price}.",
        "Issue {number} is current; outlet price {price}.",
    ),
    # keys
    "megafon.key.cash": ("Kontant", "Cash"),
    "megafon.key.card": ("Kort", "Card"),
    "megafon.key.vipps": ("Vipps", "Vipps"),
    "megafon.key.pay_tip": (
        "Lagre salget med denne betalingen",
        "Record the sale with this payment",
    ),
    "megafon.key.delivery": ("Varemottak", "Delivery"),
    "megafon.key.delivery_tip": (
        "Registrer levering av gjeldende utgave (vaktleder)",
        "Record a delivery of the current issue (shift lead)",
    ),
    "megafon.key.issue": ("Utgave", "Issue"),
    "megafon.key.issue_tip": (
        "Ny utgave eller bytt gjeldende utgave (vaktleder)",
        "New issue or change the current issue (shift lead)",
    ),
    "megafon.key.void": ("Annuller", "Void"),
    # command palette
    "megafon.palette.new_sale": ("megafon: nytt salg", "megafon: new sale"),
    "megafon.palette.new_sale_help": (
        "Tøm salgsskjemaet og skriv selger",
        "Clear the sale form and type the vendor",
    ),
    "megafon.palette.void": ("megafon: annuller salg", "megafon: void sale"),
    "megafon.palette.void_help": (
        "Annuller det valgte salget med en årsak",
        "Void the selected sale with a reason",
    ),
    "megafon.palette.delivery": ("megafon: varemottak", "megafon: record delivery"),
    "megafon.palette.delivery_help": (
        "Levering av gjeldende utgave (vaktleder)",
        "Delivery of the current issue (shift lead)",
    ),
    "megafon.palette.issue": ("megafon: ny utgave", "megafon: new issue"),
    "megafon.palette.issue_help": (
        "Legg inn ny utgave og utsalgspris, eller bytt gjeldende (vaktleder)",
        "Add an issue and outlet price, or change the current one (shift lead)",
    ),
}
