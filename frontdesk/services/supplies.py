"""Supplies (harm reduction): catalogue, hand-outs, returns, deliveries, stock."""

from __future__ import annotations

from db.models import SupplyItem

# (code, name_nb, name_en, unit, kind, low_stock, bin_litres)
DEFAULT_CATALOGUE: tuple[tuple[str, str, str, str, str, int, int | None], ...] = (
    ("SPR1ML", "Sprøyte 1 ml", "Syringe 1 ml", "stk", "syringe", 200, None),
    ("SPR2ML", "Sprøyte 2 ml", "Syringe 2 ml", "stk", "syringe", 200, None),
    ("SPR5ML", "Sprøyte 5 ml", "Syringe 5 ml", "stk", "syringe", 100, None),
    ("KAN23G", "Kanyle 23G", "Needle 23G", "stk", "other", 200, None),
    ("KAN25G", "Kanyle 25G", "Needle 25G", "stk", "other", 200, None),
    ("KAN27G", "Kanyle 27G", "Needle 27G", "stk", "other", 100, None),
    ("FOLIE", "Røykefolie", "Smoking foil", "ark", "other", 100, None),
    ("SPRIT", "Spritservietter", "Swabs", "stk", "other", 300, None),
    ("VANN", "Vannampuller", "Water ampoules", "stk", "other", 200, None),
    ("FILTER", "Filter", "Filters", "stk", "other", 200, None),
    ("SITRON", "Sitronsyre", "Citric acid", "pose", "other", 100, None),
    ("BOTTE1L", "Kanylebøtte 1 l", "Sharps bin 1 l", "stk", "sharps_bin", 20, 1),
    ("BOTTE5L", "Kanylebøtte 5 l", "Sharps bin 5 l", "stk", "sharps_bin", 10, 5),
    ("NALOX", "Nalokson nesespray", "Naloxone nasal spray", "sett", "naloxone", 10, None),
)


def install_default_catalogue(centre_id: int) -> None:
    """Add the default catalogue to a new centre (inside the caller's transaction)."""
    SupplyItem.insert_many(
        [
            {
                "centre": centre_id,
                "code": code,
                "name_nb": nb,
                "name_en": en,
                "unit": unit,
                "kind": kind,
                "low_stock": low,
                "bin_litres": litres,
                "sort_order": (i + 1) * 10,
            }
            for i, (code, nb, en, unit, kind, low, litres) in enumerate(DEFAULT_CATALOGUE)
        ]
    ).execute()
