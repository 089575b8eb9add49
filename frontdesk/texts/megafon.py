"""Texts of the Megafon tab (F3) and its dialogs."""

TEXTS: dict[str, tuple[str, str]] = {
    # header and form
    "megafon.header": (
        "{title} · utgave {number} · utsalgspris {price} · lagerbeholdning {stock}",
        "{title} · issue {number} · outlet price {price} · stock on hand {stock}",
    ),
    "megafon.copies_one": ("{n} eks.", "{n} copy"),
    "megafon.copies_many": ("{n} eks.", "{n} copies"),
    "megafon.delivery_row": ("varemottak", "delivery"),
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
    "megafon.vendor_placeholder": ("nummer eller kode", "number or code"),
    "megafon.copies": ("Eksemplarer", "Copies"),
    "megafon.pay_hint": (
        "F6 kontant · F7 kort · F8 Vipps lagrer salget · Del i listen annullerer\n"
        "F9 varemottak · F10 utgave (vaktleder) · ctrl+n gi en kode selgernummer",
        "F6 cash · F7 card · F8 Vipps records the sale · Del in the list voids\n"
        "F9 delivery · F10 issue (shift lead) · ctrl+n give a code a vendor number",
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
        "Solgt {copies} til selger {vendor}: {amount} {payment}.",
        "Sold {copies} to vendor {vendor}: {amount} {payment}.",
    ),
    # payments
    "megafon.pay.cash": ("kontant", "cash"),
    "megafon.pay.card": ("kort", "card"),
    "megafon.pay.vipps": ("Vipps", "Vipps"),
    # today's sales
    "megafon.today_sales": ("Salg og varemottak i dag", "Today's sales and deliveries"),
    "megafon.col.time": ("Tid", "Time"),
    "megafon.col.vendor_no": ("Selgernr.", "Vendor no."),
    "megafon.col.code": ("Kode", "Code"),
    "megafon.col.copies": ("Eks.", "Copies"),
    "megafon.col.amount": ("Beløp", "Amount"),
    "megafon.col.payment": ("Betaling", "Payment"),
    "megafon.col.staff": ("Ansatt", "Staff"),
    "megafon.col.state": ("Status", "Status"),
    "megafon.voided": ("annullert", "voided"),
    "megafon.totals": (
        "I dag: {parts}\nTotalt {total} · {copies}",
        "Today: {parts}\nTotal {total} · {copies}",
    ),
    # voiding
    "megafon.void_pick": (
        "Velg et salg eller varemottak i listen (piltaster), og trykk Delete.",
        "Pick a sale or delivery in the list (arrow keys) and press Delete.",
    ),
    "megafon.already_voided": ("Det er allerede annullert.", "It is already voided."),
    "megafon.void_sale_what": (
        "salget kl. {time}: {copies} til selger {vendor}, {amount} {payment} (av {staff})",
        "the sale at {time}: {copies} to vendor {vendor}, {amount} {payment} (by {staff})",
    ),
    "megafon.void_delivery_what": (
        "varemottaket kl. {time}: {copies} av utgave {number} (av {staff})",
        "the delivery at {time}: {copies} of issue {number} (by {staff})",
    ),
    "megafon.void_title": ("Annuller {what}", "Void {what}"),
    "megafon.void_done": ("Annullert: {what}.", "Voided: {what}."),
    "megafon.lead.void_delivery": ("annuller et varemottak", "void a delivery"),
    "megafon.lead.delivery": ("registrer varemottak", "record a delivery"),
    "megafon.lead.issue": ("ny utgave eller bytt gjeldende", "new issue or change the current one"),
    # vendor numbers
    "megafon.vendor_number_title": (
        "Gi en besøkskode et Megafon-selgernummer",
        "Give a visitor code a Megafon vendor number",
    ),
    "megafon.vendor_number_code": ("Besøkskode", "Visitor code"),
    "megafon.vendor_number_number": ("Selgernummer", "Vendor number"),
    "megafon.need_vendor_code": ("Skriv besøkskoden.", "Type the visitor code."),
    "megafon.need_vendor_number": (
        "Skriv selgernummeret (sifre).",
        "Type the vendor number (digits).",
    ),
    "megafon.vendor_number_done": (
        "{code} har selgernummer {number}.",
        "{code} has vendor number {number}.",
    ),
    "megafon.key.vendor_number": ("Selgernr.", "Vendor no."),
    "megafon.key.vendor_number_tip": (
        "Gi en besøkskode et selgernummer",
        "Give a visitor code a vendor number",
    ),
    # lead: deliveries and issues
    "megafon.delivery_title": (
        "Varemottak: {title} utgave {number}",
        "Delivery: {title} issue {number}",
    ),
    "megafon.delivered": (
        "Varemottak lagret for utgave {number}; lagerbeholdning {stock}.",
        "Delivery recorded for issue {number}; stock on hand {stock}.",
    ),
    "megafon.issue_title": (
        "{title}: ny utgave eller bytt gjeldende",
        "{title}: new issue or change the current one",
    ),
    "megafon.issue_number": ("Utgave (nummer)", "Issue (number)"),
    "megafon.issue_price": ("Utsalgspris i kroner", "Outlet price in kroner"),
    "megafon.issue_price_placeholder": ("kroner, f.eks. 50", "kroner, e.g. 50"),
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
        "Annuller det valgte salget eller varemottaket med en årsak",
        "Void the selected sale or delivery with a reason",
    ),
    "megafon.palette.vendor_number": ("megafon: gi selgernummer", "megafon: give vendor number"),
    "megafon.palette.vendor_number_help": (
        "Gi en besøkskode et Megafon-selgernummer",
        "Give a visitor code a Megafon vendor number",
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
