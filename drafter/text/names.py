"""Indicator names compared loosely, in one place.

The same indicator is written "“资金管理”指标", "资金管理情况" and "资金管理" in one report, and
again differently in a score table, the evaluation data, a rubric or the measures library. Every
comparison of two names goes through :func:`name_key`: blanks, quotes and punctuation dropped, then
the words of ``schemas/lexicon/names.yaml`` (指标 / 情况 / 方面) dropped from the end, as often as they
stand there. The words are data; the rule (what punctuation goes) is here.
"""

from __future__ import annotations

import re
from functools import cache

from drafter.text.lexicons import word_groups

__all__ = ["bare_name", "name_key", "name_suffixes"]

#: what never tells two names apart: blanks, quotes, brackets and punctuation
_DROP = re.compile(r"[\s\u3000。.，,、：:；;“”\"'‘’（）()《》]+")


@cache
def name_suffixes() -> tuple[str, ...]:
    """The words dropped from the end of a name (``schemas/lexicon/names.yaml``), longest first."""
    words = {w for group in word_groups("names", "suffixes").values() for w in group}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def bare_name(name: str) -> str:
    """``name`` without the end words of ``names.yaml`` (指标 / 情况 / 方面), as often as they stand
    there; nothing else changed ("预算执行情况" → "预算执行", "指标" stays "指标")."""
    suffixes = name_suffixes()
    stripped = name
    cut = True
    while cut:
        cut = False
        for suffix in suffixes:
            if stripped.endswith(suffix) and len(stripped) > len(suffix):
                stripped = stripped[: -len(suffix)]
                cut = True
                break
    return stripped


def name_key(name: str) -> str:
    """``name`` as compared with another indicator's name ("“资金管理”指标" and "资金管理情况" →
    "资金管理"); a name that is nothing but such words keeps them ("指标" stays "指标")."""
    return bare_name(_DROP.sub("", name))
