"""Money as text: whole øre in, kroner out, never through a float.

One rule for every place that shows an amount: the export and the terminal
report (``nok``: a bare figure), the papers, the desk and the visitor's
records (``nok_text``: with the currency, thousands grouped, in the
language asked for).
"""

from __future__ import annotations


def _parts(ore: int) -> tuple[str, int, int]:
    """The sign, the whole kroner and the øre of an amount in øre."""
    kroner, rest = divmod(abs(int(ore)), 100)
    return ("-" if ore < 0 else ""), kroner, rest


def nok(ore: int, decimal: str = ".") -> str:
    """Øre as NOK with two decimals, no grouping, no currency: -1250 → '-12.50'."""
    whole = int(ore)  # once per money amount of an export: no tuple of parts, no abs()
    if ore < 0:
        kroner, rest = divmod(-whole, 100)
        return f"-{kroner}{decimal}{rest:02d}"
    return f"{whole // 100}{decimal}{whole % 100:02d}"


def nok_text(ore: int, lang: str, *, space: str = " ") -> str:
    """'1 250,50 kr' in bokmål, 'NOK 1,250.50' in English.

    ``space`` groups the thousands in bokmål and parts the figure from the
    currency (the desk passes a no-break space, so an amount never wraps).
    """
    sign, kroner, rest = _parts(ore)
    if lang == "nb":
        grouped = f"{kroner:,}".replace(",", space)
        return f"{sign}{grouped},{rest:02d}{space}kr"
    return f"{sign}NOK{space}{kroner:,}.{rest:02d}"
