"""The figure wordings, validated and compiled once: money labels, topics and rate names from the
figure registry (``schemas/figures.yaml``, :mod:`drafter.figures`), cue words from
``schemas/lexicon/figures.yaml``.

The extractors (:mod:`figures`, :mod:`breakdowns`) read these patterns; they never spell a
label word themselves, so a new wording is one line in a data file plus its example.
"""

from __future__ import annotations

import re

from drafter.check.extract._scan import gate_chars
from drafter.check.extract.lexicon import LexiconModel, WordGroup, alternation, gates, load_lexicon
from drafter.figures import registry

__all__ = [
    "FUND_NAMES",
    "LEXICON",
    "MONEY_CHARS",
    "MONEY_KEYS",
    "PAID",
    "PAID_CHARS",
    "PARTS_CUE",
    "RATE_SUBJECTS",
    "REDUCTION",
    "REMAINDER",
    "REMAINDER_CHARS",
    "SPEND_PARTS",
    "SPEND_TOTAL",
    "STAFF_UNITS",
    "TARGET",
    "TOPICS",
    "TOPIC_GATES",
    "TOPIC_MONEY",
    "TOPIC_MONEY_CHARS",
    "TOTAL_CUE",
    "FiguresLexicon",
]


class FiguresLexicon(LexiconModel):
    staff_units: tuple[WordGroup, ...]
    count_units: tuple[WordGroup, ...]
    list_cues: tuple[WordGroup, ...]
    list_leads: tuple[WordGroup, ...]
    sources: tuple[WordGroup, ...]
    totals: tuple[WordGroup, ...]
    parts: tuple[WordGroup, ...]
    targets: tuple[WordGroup, ...]
    remainders: tuple[WordGroup, ...]
    reductions: tuple[WordGroup, ...]
    fund_names: tuple[WordGroup, ...]


LEXICON = load_lexicon("figures", FiguresLexicon)
_REGISTRY = registry()


def _prose_first_parts() -> list[str]:
    """The money keys read from prose without a topic, in the registry's order of precedence,
    except that a part comes before its total: "基本支出合计" names 基本支出, not 支出合计."""
    order = [f.key for f in _REGISTRY.figures if f.prose and f.topic is None and f.unit == "money"]
    for rel in _REGISTRY.relations.parts:
        if rel.total in order:
            moved = [p for p in rel.parts if p in order and order.index(p) > order.index(rel.total)]
            for p in moved:
                order.remove(p)
                order.insert(order.index(rel.total), p)
    return order


def _rx(words: object) -> re.Pattern[str]:
    return re.compile(alternation(words))  # type: ignore[arg-type]


#: (key, pattern) of the money labels without a topic, in order of precedence
MONEY_KEYS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (k, _rx(_REGISTRY.figure(k).prose)) for k in _prose_first_parts()
)
#: for each of MONEY_KEYS, in its order: characters one of which each of its words holds (a
#: label with none of them is no match, and its pattern is not run)
MONEY_CHARS: tuple[tuple[str, ...], ...] = tuple(
    gate_chars(tuple(_REGISTRY.figure(k).prose)) for k in _prose_first_parts()
)
PAID = dict(MONEY_KEYS)["funds.paid"]
PAID_CHARS = dict(zip((k for k, _ in MONEY_KEYS), MONEY_CHARS, strict=True))["funds.paid"]
SPEND_TOTAL = dict(MONEY_KEYS)["spend.actual"]
#: the parts of spending (基本支出, 项目支出): "项目支出预算" is a budget line, not spending
SPEND_PARTS = frozenset(_REGISTRY.parts_of("spend.actual"))
#: (pattern, topic) of the topic words
TOPICS: tuple[tuple[re.Pattern[str], str], ...] = tuple((_rx(t.words), t.key) for t in _REGISTRY.topics)
#: for each of TOPICS, in its order: the words one of which a text naming the topic holds
TOPIC_GATES: tuple[tuple[str, ...], ...] = tuple(gates(t.words) for t in _REGISTRY.topics)
#: topic → (key, pattern) of its money figures, in order of precedence
TOPIC_MONEY: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    t.key: tuple((f.key, _rx(f.prose)) for f in _REGISTRY.figures if f.topic == t.key and f.prose)
    for t in _REGISTRY.topics
}
#: for each topic, for each of TOPIC_MONEY[topic] in its order: its words' characters (as MONEY_CHARS)
TOPIC_MONEY_CHARS: dict[str, tuple[tuple[str, ...], ...]] = {
    t.key: tuple(gate_chars(tuple(f.prose)) for f in _REGISTRY.figures if f.topic == t.key and f.prose)
    for t in _REGISTRY.topics
}
STAFF_UNITS = frozenset(w for g in LEXICON.staff_units for w in g.words)
#: a rate's name → subject; anchored at the end of the name ("到位及时率" is no 到位率)
RATE_SUBJECTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(alternation(r.words) + "$"), r.key) for r in _REGISTRY.rates
)
TARGET = re.compile(alternation(w for g in LEXICON.targets for w in g.words))
TOTAL_CUE = re.compile(alternation(w for g in LEXICON.totals for w in g.words))
PARTS_CUE = re.compile(alternation(w for g in LEXICON.parts for w in g.words))
#: a remainder written after a figure's label word: "预算资金……剩余未执行完的0.3792万元" is what was
#: left of the budget, not the budget
REMAINDER = re.compile(alternation(w for g in LEXICON.remainders for w in g.words))
#: a listed part taken away from the others ("…资金调减2.66万元", "收回10万元"): the list is no sum of its parts
REDUCTION = re.compile(alternation(w for g in LEXICON.reductions for w in g.words))
#: names of kinds of fund that hold a figure's word ("转移支付资金" is allocated money, not money paid out)
FUND_NAMES = tuple(w for g in LEXICON.fund_names for w in g.words)
REMAINDER_CHARS = gate_chars(tuple(w for g in LEXICON.remainders for w in g.words))
