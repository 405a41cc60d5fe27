"""Approximate numbers in report text: which words make a number approximate, and what it admits.

One definition for the checker's figure rules and the LLM grounding:

- 约 / 大约 / 左右 / 上下 ("about"): the true value is within 5 % of the figure's — |t − v| ≤ 5 % of t;
- 余 / 多 ("more": "30余人", "3100多万元"): at least the figure and below the figure plus one unit of
  its last written place (30余 → 30 ≤ t < 40, 3100余 → 3100 ≤ t < 3200);
- 近 / 将近 / 接近 / 不到 ("near"): below the figure and within 5 % of it;
- 超过 / 逾 / 以上 / 多达 ("over"): at least the figure and within 5 % of it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drafter.text.numbers import Quantity

__all__ = ["APPROX_SHARE", "approx_kind", "bounds", "last_place"]

#: how far "约" may stray from the true value
APPROX_SHARE = Decimal("0.05")
_ABOUT_BEFORE = re.compile(r"(?:(?<![节制契预简违])约|大约|约为|大概|大致|约合)\s*$")
_ABOUT_AFTER = re.compile(r"^\s*(?:左右|上下)")
_NEAR_BEFORE = re.compile(r"(?:近|将近|接近|不到|不足)\s*$")
_OVER_BEFORE = re.compile(r"(?:超过|逾|多达|超)\s*$")
_OVER_AFTER = re.compile(r"^\s*(?:以上|有余)")
#: a character one of the words above has (most numbers have none beside them: no more patterns
#: then). Searched for in the text itself, between bounds: slices and a set test of each of
#: their characters cost twice as much
_CUES = frozenset("约概致近将接不超逾多左上以有")
_CUE = re.compile("[" + "".join(sorted(_CUES)) + "]")


def approx_kind(text: str, q: Quantity) -> str:
    """ "" (exact), "about", "more" (余/多), "near" or "over", from the words around ``q`` in
    ``text`` (the text ``q`` was found in, or one of the same length)."""
    if q.approx:
        return "more"
    start, end = q.start, q.end
    lo = start - 4 if start > 4 else 0
    cue = _CUE.search
    if cue(text, lo, start) is None and cue(text, end, end + 3) is None:
        return ""
    before = text[lo:start]
    after = text[end : end + 3]
    if _ABOUT_BEFORE.search(before) or _ABOUT_AFTER.match(after):
        return "about"
    if _NEAR_BEFORE.search(before):
        return "near"
    if _OVER_BEFORE.search(before) or _OVER_AFTER.match(after):
        return "over"
    return ""


def last_place(value: Decimal) -> Decimal:
    """One unit of the last non-zero written place of an integer part (30 → 10, 3100 → 100, 2.5 → 0.1)."""
    places = -value.as_tuple().exponent if isinstance(value.as_tuple().exponent, int) else 0
    if places > 0:
        return Decimal(1).scaleb(-places)
    digits = str(int(value))
    zeros = len(digits) - len(digits.rstrip("0")) if int(value) else 0
    return Decimal(10) ** zeros


def bounds(value: Decimal, approx: str) -> tuple[Decimal, Decimal]:
    """The true values (low, high) an approximate ``value`` admits, in its own unit (see the
    module docstring); for "more" the high end is the next unit itself, which it stays below."""
    if approx == "about":
        return value / (1 + APPROX_SHARE), value / (1 - APPROX_SHARE)
    if approx == "more":
        return value, value + last_place(value)
    if approx == "near":
        return value * (1 - APPROX_SHARE), value
    if approx == "over":
        return value, value * (1 + APPROX_SHARE)
    raise ValueError(f"not an approximation: {approx!r}")
