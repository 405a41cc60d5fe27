"""Stated targets with the values reached, and the targets missed.

"燃油补贴人次数年初指标值为不低于180人，全年实际完成值164人": a target (不低于180人) and, later in the
same sentence, the value reached (164人) in the same unit. When the value falls short of the target
(below a lower bound, above an upper one) the sentence states a missed target: a ``missed`` claim,
which a completion claim ("已按照计划完成目标") cannot stand beside (CL002). The wordings are data
(``schemas/lexicon/quotas.yaml``: target and result words, lower and upper bounds).
"""

from __future__ import annotations

import re

from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract.lexicon import alternation, gates, holds_any
from drafter.check.extract.prose import ProseText
from drafter.check.extract.quotas import LEXICON, words_of
from drafter.check.facts import Claim
from drafter.text.numbers import Quantity

__all__ = ["extract_missed_targets"]

_TARGET = re.compile(alternation(words_of(LEXICON.target)))
_RESULT = re.compile(alternation(words_of(LEXICON.result)))
_AT_LEAST = re.compile(alternation(words_of(LEXICON.bounds, "at_least")))
_AT_MOST = re.compile(alternation(words_of(LEXICON.bounds, "at_most")))
#: a bound written after the number ("180人以上", "5%以内")
_AFTER = re.compile(r"\s*(?:" + alternation(w for w in words_of(LEXICON.bounds) if w.startswith("以")) + ")")
_TARGET_GATES = gates(words_of(LEXICON.target))
#: every result word holds one of these ("实际" or "完成值")
_RESULT_GATES = gates(words_of(LEXICON.result))
#: the quantities a target is set in
_KINDS = frozenset(("amount", "count", "percent"))
#: counts a target without a bound word is still a lower bound of: things delivered (人次, 户, 个 …),
#: not time (天, 小时, 个月: fewer may be better) and not money or percent (either way round)
_NOT_PLAIN = frozenset(("天", "小时", "分钟", "个月"))
AT_LEAST, AT_MOST = "at_least", "at_most"
#: what stands before the indicator's name in its clause: a list marker, a heading ending in a colon
#: ("（二）产出成本指标：人均培训成本指标值为…" names 人均培训成本)
_LEAD = re.compile(r"^.*[：:]|^\s*[（(][一二三四五六七八九十0-9]+[）)]|^\s*第[一二三四五六七八九十]+[,，、]?")


def extract_missed_targets(prose: ProseText) -> list[Claim]:
    """A ``missed`` claim for each sentence whose value reached falls short of its stated target.
    Only the lines that hold a result word (实际, 完成值) are read, found in one scan of the text."""
    found: list[Claim] = []
    for tl in prose.lines_with(*_RESULT_GATES):
        norm = tl.norm
        if not holds_any(norm, _TARGET_GATES):
            continue
        quantities = [q for q in tl.quantities if q.kind in _KINDS]
        if len(quantities) < 2:
            continue
        for a, b in tl.segments:
            inside = [q for q in quantities if a <= q.start < b]
            for i in range(len(inside) - 1):
                claim = _missed(tl, inside[i], inside[i + 1], a, b)
                if claim is not None:
                    found.append(claim)
    return found


def _missed(tl: TextLine, target: Quantity, actual: Quantity, seg_a: int, seg_b: int) -> Claim | None:
    """The missed claim of ``target`` and the next number ``actual``, if they are a target and its
    result and the result falls short."""
    if actual.unit != target.unit or actual.kind != target.kind:
        return None  # the cheapest test first: most pairs of numbers differ in unit
    norm = tl.norm
    between = norm[target.end : actual.start]
    if _RESULT.search(between) is None or _TARGET.search(between) is not None:
        return None
    clause_a = tl.clause_at(target.start)[0]
    cue = None
    for m in _TARGET.finditer(norm, clause_a, target.start):
        cue = m
    if cue is None or _RESULT.search(norm, cue.end(), target.start):
        return None  # no target word before the number, or a result word after it ("计划…实际完成")
    direction = _direction(norm, cue.end(), target)
    if direction is None:
        return None
    short = actual.value < target.value if direction == AT_LEAST else actual.value > target.value
    if not short:
        return None
    subject = _LEAD.sub("", tl.text[clause_a : cue.start()]).strip(" ,，、") or None
    return Claim(
        "missed",
        tl.text[cue.start() : actual.end].strip(),
        source_of(tl, seg_a, seg_b),
        subject=subject,
        value=actual.value,
        sentence=tl.sentence_at(actual.start),
    )


def _direction(norm: str, start: int, target: Quantity) -> str | None:
    """Whether the target is a lower or an upper bound: its bound words between the target word and
    the number ("不低于", "≤") or right after the number ("以上", "以内"); a count of things
    delivered with no bound word is a lower bound; anything else says nothing."""
    before = norm[start : target.start]
    after = _AFTER.match(norm, target.end)
    words = before + (after.group(0) if after else "")
    if _AT_MOST.search(words):
        return AT_MOST
    if _AT_LEAST.search(words):
        return AT_LEAST
    if target.kind == "count" and target.unit not in _NOT_PLAIN:
        return AT_LEAST
    return None
