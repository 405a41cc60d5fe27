"""Task and done counts, and the rates of fulfilment stated against them.

"我市2022年农村危房改造任务数为115户，实际完成264户……实际改造数超任务43%": the task (115户),
the count done (264户) and the rate stated ("超任务43%", or "完成任务的229.6%", "任务完成率95%").
The wordings are data (``schemas/lexicon/quotas.yaml``). The counts are read only when the report
states such a rate somewhere (most reports state none): a substring test per line finds the
rates, and only then are the lines read for counts.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract.lexicon import LexiconModel, WordGroup, alternation, gates, holds_any, load_lexicon
from drafter.check.facts import Quota, QuotaRate

__all__ = ["LEXICON", "QuotasLexicon", "extract_quotas", "words_of"]


class QuotasLexicon(LexiconModel):
    task: tuple[WordGroup, ...]
    done: tuple[WordGroup, ...]
    over: tuple[WordGroup, ...]
    share: tuple[WordGroup, ...]
    general_share: tuple[WordGroup, ...]
    #: a stated target and the value reached (drafter.check.extract.targets)
    target: tuple[WordGroup, ...]
    result: tuple[WordGroup, ...]
    bounds: tuple[WordGroup, ...]


LEXICON = load_lexicon("quotas", QuotasLexicon)


def words_of(groups: tuple[WordGroup, ...], key: str | None = None) -> tuple[str, ...]:
    """The words of ``groups`` (of the group ``key`` only, if given)."""
    return tuple(w for g in groups if key is None or g.key == key for w in g.words)


_NUMBER = r"(?P<value>\d+(?:\.\d+)?)\s*"
#: "超任务43%", "超额完成年度任务20%", "超计划12个百分点"
_OVER = re.compile(
    "(?:"
    + alternation(words_of(LEXICON.over))
    + r")(?:年度|全年)?(?:任务|计划|目标)?(?:数|量)?的?\s*"
    + _NUMBER
    + r"(?P<unit>%|个?百分点)"
)
#: "完成任务的112%", "任务完成率为95%"
_SHARE = re.compile(
    "(?:" + alternation(words_of(LEXICON.share)) + r")\s*(?:为|达到|达|是|:)?\s*" + _NUMBER + "(?P<unit>%)"
)
#: a bare "完成率95%", and the words that make one a rate of money ("预算完成率")
_GENERAL = re.compile(
    "(?:"
    + alternation(words_of(LEXICON.general_share, "share"))
    + r")\s*(?:为|达到|达|是|:)?\s*"
    + _NUMBER
    + "(?P<unit>%)"
)
_MONEY_RATE = re.compile(alternation(words_of(LEXICON.general_share, "money")))
#: a denial right before the rate's words ("未超计划", "没有完成任务的…")
_DENIED = frozenset("未没不")
#: a rate that is a threshold, not a result ("完成率达到95%以上", "完成率不低于95%")
_THRESHOLD = re.compile(r"以上|以下|以内|不低于|不少于|不高于|不超过|≥|≤|>=|<=|力争|确保|争取|目标值")

_TASK = re.compile(alternation(words_of(LEXICON.task)))
_DONE = re.compile(alternation(words_of(LEXICON.done)))
_ACTUAL = "实际"
#: a label that names a rate or an excess, not a count ("超任务", "完成率")
_NOT_COUNT = re.compile(r"率|超|比例|百分")
#: the quantities counted: money and counts (households, people, kilometres …)
_KINDS = frozenset(("amount", "count"))
#: the quantities that end the words naming the next one
_NAMED = frozenset(("amount", "count", "percent", "score"))
_COUNT_GATES = gates((*words_of(LEXICON.task), *words_of(LEXICON.done)))
#: each rate pattern with a word every match of it holds (a substring test before the scan: a
#: regex scan of a line costs several times as much)
_RATE_PATTERNS = (
    (_OVER, "over", ("超",)),
    (_SHARE, "share", ("任务的", "计划的", "目标的", "务完成率", "划完成率", "标完成率")),
    (_GENERAL, "share", ("完成率",)),
)


def extract_quotas(lines: list[TextLine]) -> tuple[list[Quota], list[QuotaRate]]:
    """The rates of fulfilment stated in ``lines`` and, when there is one, the task and done counts
    they may be stated against: every line's when a rate may be set against counts stated anywhere,
    only the rates' own lines' when every rate is a bare 完成率, and nothing at all for a report
    that states no such rate (most reports: a "%" test per line, and a 超 / 完成 test of a line that
    holds one)."""
    rates: list[QuotaRate] = []
    own: list[TextLine] = []
    for tl in lines:
        norm = tl.norm
        # a "%" on the line: a rate in 个百分点 is read on a line that states a percent as well
        # ("完成计划的112%，超计划12个百分点"), which saves every line a scan for 百分点
        if "%" in norm and ("超" in norm or "完成" in norm) and not tl.is_row:
            found = _rates(tl)
            if found:
                rates.extend(found)
                own.append(tl)
    if not rates:
        return [], []
    scanned = own if all(r.general for r in rates) else lines
    quotas: list[Quota] = []
    for tl in scanned:
        if not tl.is_row and holds_any(tl.norm, _COUNT_GATES):
            quotas.extend(_counts(tl))
    return quotas, rates


def _rates(tl: TextLine) -> list[QuotaRate]:
    norm, found = tl.norm, []
    for rx, kind, gate in _RATE_PATTERNS:
        if not holds_any(norm, gate):
            continue
        general = rx is _GENERAL
        for m in rx.finditer(norm):
            start = m.start()
            if start and norm[start - 1] in _DENIED:
                continue
            opens = _sentence_start(norm, start)
            if general and (
                norm[start - 1 : start] in ("务", "划", "标") or not _TASK.search(norm, opens, start)
            ):
                continue  # "任务完成率" is read by _SHARE; a bare 完成率 needs a task in its sentence
            a, b = tl.clause_at(start)
            if _THRESHOLD.search(norm, a, b):
                continue
            if general and _MONEY_RATE.search(norm, a, start):
                continue  # "预算完成率": spending against a budget
            unit = "百分点" if "百分点" in m.group("unit") else "%"
            found.append(
                QuotaRate(
                    kind,
                    Decimal(m.group("value")),
                    unit,
                    tl.text[start : m.end()],
                    source_of(tl, a, b),
                    tl.sentence_at(start),
                    general,
                    tl.text[opens:start].strip(),
                )
            )
    return found


def _counts(tl: TextLine) -> list[Quota]:
    """The task and done counts of one line: each count or amount, named by the words before it
    in its clause (since the clause's previous number)."""
    found: list[Quota] = []
    clause: tuple[int, int] | None = None
    prev = 0
    norm = tl.norm
    for q in tl.quantities:
        span = tl.clause_at(q.start)
        if span != clause:
            clause, prev = span, span[0]
        if q.kind not in _NAMED:
            continue  # a year or a date ("计划2023年完成…") is part of the words before the count
        label, prev = norm[prev : q.start], q.end
        if q.kind not in _KINDS:
            continue
        kind = _kind(label)
        if kind is None:
            continue
        found.append(
            Quota(
                kind,
                q.value,
                q.unit,
                tl.text[q.start - len(label) : q.start].strip(),
                source_of(tl, *span),
                tl.sentence_at(q.start),
            )
        )
    return found


def _kind(label: str) -> str | None:
    """ "task" for "任务数为" / "计划补助", "done" for "实际完成改造" / "已建成", None otherwise
    (also for "完成改造任务", which could be either)."""
    if _NOT_COUNT.search(label):
        return None
    task = _TASK.search(label)
    if _ACTUAL in label:
        return "done"
    done = _DONE.search(label)
    if task is not None:
        return None if done is not None and done.start() < task.start() else "task"
    return "done" if done is not None else None


def _sentence_start(norm: str, pos: int) -> int:
    """Where the sentence that holds ``pos`` starts (after the last 。 ! ? before it)."""
    return max(norm.rfind("。", 0, pos), norm.rfind("!", 0, pos), norm.rfind("?", 0, pos)) + 1
