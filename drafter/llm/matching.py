"""How a written number matches a true value: written precision, units, approximations.

A number matches a value when the value, expressed in the written unit (元, 万元, 亿元 …) and
rounded half-up to the written decimal places, equals it: "97.0%" rounds from 96.95–97.05, not
from 97.37; "0.31亿元" from 3050–3150万元; "31152700元" is 3115.27万元 exactly.

Approximations are bounded by the value of the same label (never by some other quantity), as
:mod:`drafter.text.approx` defines them for the checker too:

- 约 / 大约 / 左右 / 上下: within 5 % of the value;
- 余 / 多 ("30余人", "3100多万元"): the value is at least the figure and below the figure plus one
  unit of its last written place (30余 → 30 ≤ v < 40, 3100余 → 3100 ≤ v < 3200);
- 近 / 将近 / 接近 / 不到: the value is below the figure and within 5 % of it;
- 超过 / 逾 / 以上 / 多达: the value is at least the figure and within 5 % of it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from drafter.text.approx import APPROX_SHARE, approx_kind, last_place
from drafter.text.numbers import WAN_PER_UNIT, Quantity

__all__ = ["APPROX_SHARE", "approx_kind", "matches", "to_written_unit", "written_places"]


def written_places(q: Quantity) -> int:
    exponent = q.value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def to_written_unit(q: Quantity, wan: Decimal) -> Decimal:
    """A value in 万元 expressed in ``q``'s money unit (万元 when ``q`` is not money)."""
    factor = WAN_PER_UNIT.get(q.unit)
    return wan if factor is None else wan / factor


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
        return value <= t < value + last_place(value)
    if approx == "near":
        return value * (1 - APPROX_SHARE) <= t <= value
    if approx == "over":
        return value <= t <= value * (1 + APPROX_SHARE)
    return False
