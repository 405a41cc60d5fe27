"""Number formatting for drafted text: every rounding is named and explicit (ROUND_HALF_UP).

Amounts are 万元 with two decimals (as the 决算 states them); rates are percentages rounded to
two decimals with trailing zeros dropped (99.99, 100, 95.5); scores drop trailing zeros (8, 8.5).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

__all__ = [
    "MONEY_QUANTUM",
    "RATE_QUANTUM",
    "SCORE_QUANTUM",
    "money",
    "plain",
    "plain_places",
    "rate",
    "rate_value",
    "score",
]

MONEY_QUANTUM = Decimal("0.01")  # 万元 to the cent: 13 → 13.00
RATE_QUANTUM = Decimal("0.01")  # percent to two decimals: 99.9933 → 99.99
SCORE_QUANTUM = Decimal("0.01")  # scores keep at most two decimals

# Formatting never raises: the data limits keep numbers far inside this context, and numbers
# read from report text that are not (a 60-digit "amount") come out as NaN/Infinity rather than
# a traceback. Enough precision for any amount the data allows (10¹² 万元 with six decimals,
# ×100 ÷ 10⁻⁶ for a rate) without rounding.
_CONTEXT = Context(prec=60, rounding=ROUND_HALF_UP, Emax=10_000, Emin=-10_000, traps=[])
_MAX_PLAIN_DIGITS = 80  # beyond this a number is written in exponent form, not in gigabytes


def plain(value: Decimal) -> str:
    """``Decimal`` without exponent or trailing zeros: 8.00 → 8, 95.60 → 95.6."""
    if value.is_finite() and not -_MAX_PLAIN_DIGITS < value.adjusted() < _MAX_PLAIN_DIGITS:
        return format(value, "E")
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def plain_places(value: Decimal) -> str:
    """``Decimal`` without exponent, keeping its decimal places (13.00 → 13.00)."""
    if value.is_finite() and not -_MAX_PLAIN_DIGITS < value.adjusted() < _MAX_PLAIN_DIGITS:
        return format(value, "E")
    return format(value, "f")


def money(value: Decimal) -> str:
    """An amount in 万元 as the report writes it: two decimals, half-up (13 → 13.00)."""
    with localcontext(_CONTEXT):
        return plain_places(value.quantize(MONEY_QUANTUM, rounding=ROUND_HALF_UP))


def score(value: Decimal) -> str:
    """A score as the report writes it: 8, 8.5, 7.25."""
    with localcontext(_CONTEXT):
        return plain(value.quantize(SCORE_QUANTUM, rounding=ROUND_HALF_UP))


def rate_value(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator ÷ denominator × 100, rounded half-up to :data:`RATE_QUANTUM`; None if ÷ 0."""
    if denominator == 0:
        return None
    with localcontext(_CONTEXT):
        return (numerator * 100 / denominator).quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)


def rate(numerator: Decimal, denominator: Decimal) -> str | None:
    """The percentage as text without the % sign: 99.99, 100, 95.5; None if ÷ 0."""
    value = rate_value(numerator, denominator)
    return None if value is None else plain(value)
