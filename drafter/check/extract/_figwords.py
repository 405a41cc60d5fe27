"""The figure wordings of ``schemas/lexicon/figures.yaml``, validated and compiled once.

The extractors (:mod:`figures`, :mod:`breakdowns`) read these patterns; they never spell a
label word themselves, so a new wording is one line in the data file plus an example.
"""

from __future__ import annotations

import re

from drafter.check.extract.lexicon import LexiconModel, WordGroup, alternation, load_lexicon

__all__ = [
    "BASIC",
    "LEXICON",
    "MONEY_KEYS",
    "PARTS_CUE",
    "PROJECT",
    "RATE_SUBJECTS",
    "STAFF_UNITS",
    "TARGET",
    "TOTAL_CUE",
    "FiguresLexicon",
]


class FiguresLexicon(LexiconModel):
    money: tuple[WordGroup, ...]
    spend_parts: tuple[WordGroup, ...]
    staff_units: tuple[WordGroup, ...]
    count_units: tuple[WordGroup, ...]
    list_cues: tuple[WordGroup, ...]
    sources: tuple[WordGroup, ...]
    totals: tuple[WordGroup, ...]
    parts: tuple[WordGroup, ...]
    rates: tuple[WordGroup, ...]
    targets: tuple[WordGroup, ...]


LEXICON = load_lexicon("figures", FiguresLexicon)


def _rx(group: WordGroup) -> re.Pattern[str]:
    return re.compile(alternation(group.words))


#: (key, pattern) of the money labels, in order of precedence
MONEY_KEYS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((g.key, _rx(g)) for g in LEXICON.money)
_PARTS = {g.key: _rx(g) for g in LEXICON.spend_parts}
BASIC = _PARTS["spend.basic"]
PROJECT = _PARTS["spend.project"]
STAFF_UNITS = frozenset(w for g in LEXICON.staff_units for w in g.words)
#: a rate's name → subject; anchored at the end of the name ("到位及时率" is no 到位率)
RATE_SUBJECTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(alternation(g.words) + "$"), g.key) for g in LEXICON.rates
)
TARGET = re.compile(alternation(w for g in LEXICON.targets for w in g.words))
TOTAL_CUE = re.compile(alternation(w for g in LEXICON.totals for w in g.words))
PARTS_CUE = re.compile(alternation(w for g in LEXICON.parts for w in g.words))
