"""Message ids the code builds at run time, e.g. ``t(f"gender.{visit.gender}")``.

Babel cannot read an id made from a variable, so each such id is written out here: the
extractor (scripts/babel_extract.py) reads these ``N_`` calls, and tests/test_texts.py checks
that every f-string id in the code has its pattern here and that the patterns built from
services/vocab.py name exactly the vocabulary's values. Nothing imports this module at run time.
"""

from __future__ import annotations

from frontdesk.i18n import N_, N_plural

DYNAMIC: dict[str, tuple[str, ...]] = {
    "tab.{}": (
        N_("tab.checkin"),
        N_("tab.lunch"),
        N_("tab.megafon"),
        N_("tab.supplies"),
        N_("tab.day"),
    ),
    "key.tab.{}": (
        N_("key.tab.checkin"),
        N_("key.tab.lunch"),
        N_("key.tab.megafon"),
        N_("key.tab.supplies"),
        N_("key.tab.day"),
    ),
    "gender.{}": (
        N_("gender.f"),
        N_("gender.m"),
        N_("gender.x"),
        N_("gender.u"),
    ),
    "checkin.col.{}": (
        N_("checkin.col.time"),
        N_("checkin.col.code"),
        N_("checkin.col.gender"),
        N_("checkin.col.staff"),
        N_("checkin.col.state"),
    ),
    "lunch.col.{}": (
        N_("lunch.col.group"),
        N_("lunch.col.who"),
        N_("lunch.col.portions"),
        N_("lunch.col.served"),
        N_("lunch.col.state"),
        N_("lunch.col.participant"),
        N_("lunch.col.present"),
    ),
    "lunch.group.{}": (
        N_("lunch.group.visitor"),
        N_("lunch.group.dagsverket"),
        N_("lunch.group.staff"),
        N_("lunch.group.guest"),
    ),
    "megafon.col.{}": (
        N_("megafon.col.time"),
        N_("megafon.col.vendor_no"),
        N_("megafon.col.code"),
        N_("megafon.col.copies"),
        N_("megafon.col.amount"),
        N_("megafon.col.payment"),
        N_("megafon.col.staff"),
        N_("megafon.col.state"),
    ),
    "megafon.pay.{}": (
        N_("megafon.pay.cash"),
        N_("megafon.pay.card"),
        N_("megafon.pay.vipps"),
    ),
    "supplies.col.{}": (
        N_("supplies.col.code"),
        N_("supplies.col.name"),
        N_("supplies.col.stock"),
        N_("supplies.col.cover"),
        N_("supplies.col.quantity"),
    ),
    "supplies.recipient.{}": (
        N_("supplies.recipient.user"),
        N_("supplies.recipient.relative"),
        N_("supplies.recipient.other"),
    ),
    # counting (issue 13): the stock view's columns, stock-take reasons, the cash box
    "stock.col.{}": (
        N_("stock.col.code"),
        N_("stock.col.name"),
        N_("stock.col.stock"),
        N_("stock.col.cover"),
        N_("stock.col.next"),
        N_("stock.col.expiring"),
        N_("stock.col.expired"),
        N_("stock.col.counted"),
        N_("stock.col.order"),
    ),
    "stock.reason.{}": (
        N_("stock.reason.count"),
        N_("stock.reason.expired"),
        N_("stock.reason.damaged"),
        N_("stock.reason.lost"),
        N_("stock.reason.transfer"),
    ),
    "cash.kind.{}": (
        N_("cash.kind.float"),
        N_("cash.kind.pay_in"),
        N_("cash.kind.pay_out"),
    ),
    "cash.reason.{}": (
        N_("cash.reason.change"),
        N_("cash.reason.safe"),
        N_("cash.reason.bank"),
        N_("cash.reason.expense"),
        N_("cash.reason.other"),
    ),
    "supplies.unit.{}": (
        N_plural("supplies.unit.stk"),
        N_plural("supplies.unit.ark"),
        N_plural("supplies.unit.pose"),
        N_plural("supplies.unit.sett"),
    ),
    "day.col.{}": (
        N_("day.col.date"),
        N_("day.col.z_no"),
        N_("day.col.version"),
        N_("day.col.expected"),
        N_("day.col.counted"),
        N_("day.col.diff"),
        N_("day.col.state"),
        N_("day.col.closed"),
        N_("day.col.reopened"),
        N_("day.col.reason"),
    ),
    "day.lunch.{}": (
        N_("day.lunch.visitor"),
        N_("day.lunch.dagsverket"),
        N_("day.lunch.staff"),
        N_("day.lunch.guest"),
        N_("day.lunch.total"),
    ),
    "paper.visits.{}": (
        N_("paper.visits.total"),
        N_("paper.visits.unique"),
        N_("paper.visits.anonymous"),
        N_("paper.visits.f"),
        N_("paper.visits.m"),
        N_("paper.visits.x"),
        N_("paper.visits.u"),
    ),
    "paper.lunch.{}": (
        N_("paper.lunch.visitor"),
        N_("paper.lunch.dagsverket"),
        N_("paper.lunch.staff"),
        N_("paper.lunch.guest"),
        N_("paper.lunch.total"),
    ),
    "paper.megafon.{}": (
        N_("paper.megafon.copies"),
        N_("paper.megafon.sales"),
        N_("paper.megafon.cash"),
        N_("paper.megafon.card"),
        N_("paper.megafon.vipps"),
        N_("paper.megafon.revenue"),
    ),
    "rights.method.{}": (
        N_("rights.method.counted"),
        N_("rights.method.estimated"),
    ),
    "rights.payment.{}": (
        N_("rights.payment.cash"),
        N_("rights.payment.card"),
        N_("rights.payment.vipps"),
    ),
    # issue 12: overdose response and the right help
    "overdose.reason.{}": (
        N_("overdose.reason.first_kit"),
        N_("overdose.reason.used_other"),
        N_("overdose.reason.used_self"),
        N_("overdose.reason.lost"),
        N_("overdose.reason.taken"),
        N_("overdose.reason.expired"),
        N_("overdose.reason.other"),
    ),
    "overdose.outcome.{}": (
        N_("overdose.outcome.alive"),
        N_("overdose.outcome.died"),
        N_("overdose.outcome.unknown"),
    ),
    "overdose.ems.{}": (
        N_("overdose.ems.yes"),
        N_("overdose.ems.no"),
        N_("overdose.ems.unknown"),
    ),
    "overdose.training.{}": (
        N_("overdose.training.cpr"),
        N_("overdose.training.naloxone"),
    ),
    "overdose.drill.{}": (
        N_("overdose.drill.cpr"),
        N_("overdose.drill.naloxone"),
    ),
    "overdose.referral.{}": (
        N_("overdose.referral.lar"),
        N_("overdose.referral.detox"),
        N_("overdose.referral.health_room"),
        N_("overdose.referral.legevakt"),
        N_("overdose.referral.nav"),
        N_("overdose.referral.housing"),
        N_("overdose.referral.other"),
    ),
    "overdose.key.ref.{}": (
        N_("overdose.key.ref.lar"),
        N_("overdose.key.ref.detox"),
        N_("overdose.key.ref.health_room"),
        N_("overdose.key.ref.legevakt"),
        N_("overdose.key.ref.nav"),
        N_("overdose.key.ref.housing"),
        N_("overdose.key.ref.other"),
    ),
}
