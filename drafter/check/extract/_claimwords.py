"""The claim wordings of ``schemas/lexicon/claims.yaml``, validated and compiled once.

A completion claim is built from the data's words: a scope word (所有/全部/各项 …), up to a few
words, a timing word (按时/如期 …) and a completion verb (完成/完工/竣工); or the verb, then the
scope ("圆满完成了年度各项目标任务"); or an acceptance (通过验收). A negation right before the phrase
or inside it ("未全部按期完成", "均未完成") makes it a statement of unfinished work.
"""

from __future__ import annotations

import re

from drafter.check.extract.lexicon import (
    LexiconModel,
    WordGroup,
    alternation,
    gate_pattern,
    gates,
    load_lexicon,
)
from drafter.text.lazyre import lazy_compile

__all__ = [
    "COMPLETE",
    "COMPLETE_GATE",
    "COMPLETE_GATES",
    "EXCEPTION",
    "GOAL_REST",
    "HEADING_LABEL",
    "LABEL_AFTER",
    "LEXICON",
    "NEGATION",
    "NEGATION_BEFORE",
    "PARTIAL_BEFORE",
    "PLAN",
    "SCOPE",
    "UNFINISHED",
    "UNFINISHED_GATES",
    "ClaimsLexicon",
    "may_complete",
]


class ClaimsLexicon(LexiconModel):
    scope: tuple[WordGroup, ...]
    verbs: tuple[WordGroup, ...]
    timing: tuple[WordGroup, ...]
    acceptance: tuple[WordGroup, ...]
    negation: tuple[WordGroup, ...]
    plan: tuple[WordGroup, ...]
    exception: tuple[WordGroup, ...]
    unfinished: tuple[WordGroup, ...]
    labels: tuple[WordGroup, ...]
    goals: tuple[WordGroup, ...]
    partial: tuple[WordGroup, ...]


LEXICON = load_lexicon("claims", ClaimsLexicon)


def _alt(groups: tuple[WordGroup, ...]) -> str:
    return alternation(w for g in groups for w in g.words)


_SCOPE = _alt(LEXICON.scope)
_VERB = _alt(LEXICON.verbs)


def _each(groups: tuple[WordGroup, ...], rest: str) -> str:
    """``alternation(words) + rest`` written as one branch per word, in the same order (the same
    matches): branches that all start with a literal let ``re`` skip in C to where one of their
    first characters stands, instead of trying the pattern at every character of the line."""
    return "|".join(
        re.escape(w) + rest for w in sorted({w for g in groups for w in g.words}, key=lambda w: (-len(w), w))
    )


#: after a goal verb: the targets, ending the phrase (a clause end or 和/及/并 after them) — "已按照计划
#: 完成目标", "完成了年度工作目标" — not a target's value or a share of it ("完成目标值的90%", "完成目标任务
#: 的95%"), nor "完成绩效目标申报" or "需完成的绩效目标". Tried after the other branches, so "完成了年度各项
#: 目标任务" stays the claim it was; a match that ends in 目标 (or 目标任务) is a claim about the targets.
GOAL_REST = r"了?(?:本年度|年度|全年|本年|总体|整体|既定|预期|计划)?(?:绩效|工作)?目标(?:任务)?(?=[，,。；;、!\s]|$|和|及|并)"
COMPLETE = re.compile(
    _each(LEXICON.scope, rf"[^，,。；;]{{0,24}}?{_alt(LEXICON.timing)}?{_VERB}")
    + "|"
    + _each(LEXICON.verbs, rf"了?(?:本年度|年度|全年|本年)?的?{_SCOPE}")
    + r"|完成率\s*(?:达到|达|为)?\s*100\s*%|100\s*%\s*完成|"
    + _each(LEXICON.acceptance, "")
    + "|"
    + _each(LEXICON.goals, GOAL_REST)
)
SCOPE = re.compile(_SCOPE)
#: every completion phrase holds one of these (a verb, or 验收 of the acceptance words): substring
#: tests that skip the costly COMPLETE scan on most lines
COMPLETE_GATES: tuple[str, ...] = tuple(dict.fromkeys([*(w for g in LEXICON.verbs for w in g.words), "验收"]))
#: :data:`COMPLETE_GATES` as one pattern (one C scan of a line, not one ``in`` test per word)
COMPLETE_GATE = gate_pattern(COMPLETE_GATES)


def may_complete(norm: str) -> bool:
    """Whether ``norm`` can hold a completion phrase (one of :data:`COMPLETE_GATES`)."""
    return COMPLETE_GATE.search(norm) is not None


NEGATION = re.compile(_alt(LEXICON.negation))
#: a negation that ends right before a phrase ("未全部…", "尚未全部…")
NEGATION_BEFORE = re.compile(_alt(LEXICON.negation) + r"\s*$")
PLAN = re.compile(_alt(LEXICON.plan))
UNFINISHED = re.compile(_alt(LEXICON.unfinished))
#: a line with none of these holds no unfinished wording. UNFINISHED is itself an alternation of
#: words, which ``re`` scans for as fast as for these: no gate is needed before it
UNFINISHED_GATES = gates(w for g in LEXICON.unfinished for w in g.words)
#: the rest of the works, or all but one ("其余项目均已完工", "除A工程外均按时完成"): no sweeping claim
EXCEPTION = re.compile(_alt(LEXICON.exception) + r"|除[^，,。；;]{1,24}?外")
#: what follows an unfinished wording that names a column or a form's field ("目标未完成原因分析",
#: "未完成原因：无"): the words of the ``column`` labels whatever follows them, those of
#: ``column_end`` only where the name ends (the line's end, a space, a cell edge, a colon)
LABEL_AFTER = lazy_compile(
    r"\s*的?(?:"
    + _alt(tuple(g for g in LEXICON.labels if g.key == "column"))
    + "|"
    + _alt(tuple(g for g in LEXICON.labels if g.key == "column_end"))
    + r"(?=[\s|:：)）]|$))"
)
#: a heading that is only a form's section title for what was not finished ("3.未完成的绩效目标。"
#: over "无。"): the heading's name, matched whole
_HEADING_WORD = _alt(tuple(g for g in LEXICON.labels if g.key == "heading"))
#: the reasons a section title asks for after its subject ("及原因分析", "的原因和下一步改进措施")
_HEADING_REASON = r"(?:[及和与的]?其?(?:原因|理由)[\u4e00-\u9fff、]{0,14})"
HEADING_LABEL = lazy_compile(
    rf"(?:{_HEADING_WORD})?"  # "绩效目标未完成情况及原因"
    + _alt(LEXICON.unfinished)
    + rf"\s*的?(?:{_HEADING_WORD}{_HEADING_REASON}?|{_HEADING_REASON})"
    + r"(?:[:：]\s*(?:无|暂无))?[。.]?"
)
#: a word that makes the claim partial, right before it ("基本实现目标", "初步达到预期目标")
PARTIAL_BEFORE = re.compile(_alt(LEXICON.partial) + r"\s*$")
