"""Money is Decimal EUR throughout; this module formats it for people."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def format_eur(amount: Decimal | None) -> str:
    """'2,294,882 €' for whole euros, '1,151,955.30 €' when there are cents."""
    if amount is None:
        return ""
    amount = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount == amount.to_integral_value():
        return f"{amount:,.0f} €"
    return f"{amount:,.2f} €"


def format_percent(rate: Decimal | None) -> str:
    if rate is None:
        return ""
    return f"{Decimal(rate).quantize(CENT, rounding=ROUND_HALF_UP)} %"


def rate_of(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part / whole as a percentage with two decimals, or None when it cannot be computed."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


def money_of(amount: float | int | str) -> Decimal:
    """An amount the search index keeps as a float, back as Decimal EUR with cents."""
    return Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
