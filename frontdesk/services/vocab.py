"""The desk's vocabulary: the values a record stores, each list defined once.

These are the stable values written to the database, the tally and the export
(``visits.f``, ``lunch.guest``, ``megafon.vipps_ore``); their order is the
order the desk, the papers and the report show them in. The words on screen
stay in the gettext catalogues (``frontdesk/locale/``) keyed by these values (``gender.f``,
``megafon.pay.vipps``, ``lunch.group.guest``, ``supplies.recipient.user``).

Everything else imports these tuples: the services that validate a value, the
tally that counts by it, the panes that show it and the command line's
``click.Choice`` (the export's formats and layouts are defined here too).
``tests/test_vocab.py`` fails when another module spells a list out again.
No imports here: the command line reads it at start-up.
"""

from __future__ import annotations

from typing import Final

# A visit's or a visitor's gender: woman, man, other, unknown (or not given).
GENDERS: Final = ("f", "m", "x", "u")

# The groups of the lunch roster.
LUNCH_GROUPS: Final = ("visitor", "dagsverket", "staff", "guest")

# How a Megafon sale was paid.
PAYMENTS: Final = ("cash", "card", "vipps")

# A staff member's role: desk staff, or a shift lead (close, reopen, staff, catalogue).
ROLES: Final = ("desk", "lead")

# What a supply catalogue item is; the tally counts naloxone kits and the stock
# view estimates returns from sharps bins by it.
ITEM_KINDS: Final = ("syringe", "naloxone", "sharps_bin", "other")

# Who a naloxone kit was handed to.
NALOXONE_RECIPIENTS: Final = ("user", "relative", "other")

# Why a naloxone kit is handed out (issue 12): a first kit, or what became of the last one.
NALOXONE_REASONS: Final = (
    "first_kit",
    "used_other",
    "used_self",
    "lost",
    "taken",
    "expired",
    "other",
)

# The reasons that report a use of naloxone: then the outcome and the EMS call are asked.
NALOXONE_USES: Final = ("used_other", "used_self")

# What became of the person naloxone was used on, as reported: alive, died, don't know.
NALOXONE_OUTCOMES: Final = ("alive", "died", "unknown")

# Whether emergency services were called when naloxone was used: yes, no, don't know.
NALOXONE_EMS: Final = ("yes", "no", "unknown")

# What a training session for visitors teaches.
TRAINING_KINDS: Final = ("cpr", "naloxone")

# What a staff member drills: CPR (at least every ``drill_interval_days``) or a naloxone course.
DRILL_KINDS: Final = ("cpr", "naloxone")

# Where a visitor is referred: LAR (Avdeling for rusmedisin), detox (avrusning,
# Akuttposten), the centre's health room, legevakt, NAV, housing, other.
REFERRAL_KINDS: Final = ("lar", "detox", "health_room", "legevakt", "nav", "housing", "other")

# `frontdesk export --format` and `--layout`.
EXPORT_FORMATS: Final = ("csv", "json")
EXPORT_LAYOUTS: Final = ("wide", "long")

# Why a stock-take changed the stock on record (expired stock is written off with "expired").
STOCK_REASONS: Final = ("count", "expired", "damaged", "lost", "transfer")

# Money into or out of the cash box that is not a sale.
CASH_MOVES: Final = ("float", "pay_in", "pay_out")

# Why cash came in or went out: change brought from the office, cash taken to the safe,
# to the bank, a small expense paid from the box, anything else.
CASH_REASONS: Final = ("change", "safe", "bank", "expense", "other")

# The kroner coins and notes a blind count may be given in (øre each), smallest first.
DENOMINATIONS_ORE: Final = (100, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000)
