"""How a written number matches a true value: written precision, units, approximations.

A number matches a value when the value, expressed in the written unit (元, 万元, 亿元 …) and
rounded half-up to the written decimal places, equals it: "97.0%" rounds from 96.95–97.05, not
from 97.37; "0.31亿元" from 3050–3150万元; "31152700元" is 3115.27万元 exactly.

Approximations are bounded by the value of the same label (never by some other quantity):

- 约 / 大约 / 左右 / 上下: within 5 % of the value;
- 余 / 多 ("30余人", "3100多万元"): the value is at least the figure and below the figure plus one
  unit of its last written place (30余 → 30 ≤ v < 40, 3100余 → 3100 ≤ v < 3200);
- 近 / 将近 / 接近 / 不到: the value is below the figure and within 5 % of it;
- 超过 / 逾 / 以上 / 多达: the value is at least the figure and within 5 % of it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from drafter.text.numbers import WAN_PER_UNIT, Quantity

__all__ = ["APPROX_SHARE", "approx_kind", "matches", "to_written_unit", "written_places"]

#: how far "约" may stray from the value of its label
APPROX_SHARE = Decimal("0.05")
_ABOUT_BEFORE = re.compile(r"(?:(?<![节制契预简违])约|大约|约为|大概|大致|约合)\s*$")
_ABOUT_AFTER = re.compile(r"^\s*(?:左右|上下)")
_NEAR_BEFORE = re.compile(r"(?:近|将近|接近|不到|不足)\s*$")
_OVER_BEFORE = re.compile(r"(?:超过|逾|多达|超)\s*$")
_OVER_AFTER = re.compile(r"^\s*(?:以上|有余)")


def approx_kind(text: str, q: Quantity) -> str:
    """ "" (exact), "about", "more" (余/多), "near" or "over", from the words around ``q``."""
    if q.approx:
        return "more"
    before = text[max(0, q.start - 4) : q.start]
    after = text[q.end : q.end + 3]
    if _ABOUT_BEFORE.search(before) or _ABOUT_AFTER.match(after):
        return "about"
    if _NEAR_BEFORE.search(before):
        return "near"
    if _OVER_BEFORE.search(before) or _OVER_AFTER.match(after):
        return "over"
    return ""


def written_places(q: Quantity) -> int:
    exponent = q.value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def to_written_unit(q: Quantity, wan: Decimal) -> Decimal:
    """A value in 万元 expressed in ``q``'s money unit (万元 when ``q`` is not money)."""
    factor = WAN_PER_UNIT.get(q.unit)
    return wan if factor is None else wan / factor


def _last_place(value: Decimal) -> Decimal:
    """One unit of the last non-zero written place of an integer part (30 → 10, 3100 → 100, 2.5 → 0.1)."""
    places = -value.as_tuple().exponent if isinstance(value.as_tuple().exponent, int) else 0
    if places > 0:
        return Decimal(1).scaleb(-places)
    digits = str(int(value))
    zeros = len(digits) - len(digits.rstrip("0")) if int(value) else 0
    return Decimal(10) ** zeros


def matches(q: Quantity, truth: Decimal, approx: str = "", *, money: bool = False) -> bool:
    """Whether ``q`` (written, possibly approximate) states ``truth`` (in 万元 when ``money``)."""
    value = q.value
    t = to_written_unit(q, truth) if money else truth
    if not approx:
        places = written_places(q)
        return t.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == value
    if approx == "about":
        return abs(t - value) <= abs(t) * APPROX_SHARE
    if approx == "more":
        return value <= t < value + _last_place(value)
    if approx == "near":
        return value * (1 - APPROX_SHARE) <= t <= value
    if approx == "over":
        return value <= t <= value * (1 + APPROX_SHARE)
    return False
