"""The header words of score and funds tables: what a header cell is (schemas/lexicon/tables.yaml, the
分值 words being scores.yaml's max words), and the columns a header row names.

One vocabulary for every reader of tables in text: the row reader (:mod:`.tables`), which aligns a row's
cells to its header, and the single-space reader (:mod:`.spaced`), which reads a row's words from its
right end under the columns its header line names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from drafter.check.extract.lexicon import alternation
from drafter.check.extract.scores import LEXICON
from drafter.text.lexicons import word_groups

__all__ = ["HeaderWords", "find_cell", "header_words", "read_header"]

#: the header words are data (schemas/lexicon/tables.yaml; the 分值 words are scores.yaml's max words),
#: compiled on first use into :class:`HeaderWords`


@dataclass(frozen=True, slots=True)
class HeaderWords:
    """What a header cell is, by the words of the table lexicon."""

    initial: re.Pattern[str]
    budget: re.Pattern[str]
    #: the budget column of a funds block without 年初预算 ("预算数(A)"); with 执行数 and 执行率
    budget_a: re.Pattern[str]
    actual: re.Pattern[str]
    max: re.Pattern[str]
    rate: re.Pattern[str]
    score: re.Pattern[str]
    #: a score weighted into the total ("折算得分" beside 权重 and a 单项得分): the score that counts
    weighted: re.Pattern[str]
    l1: re.Pattern[str]
    l2: re.Pattern[str]
    l3: re.Pattern[str]
    name: re.Pattern[str]
    target: re.Pattern[str]
    done: re.Pattern[str]
    reason: re.Pattern[str]
    #: a total row's first cell: "合计", "总分"
    total: re.Pattern[str]
    #: any word of a header cell (the last one ends the header on a line that runs on into data)
    any: re.Pattern[str]


@cache
def header_words() -> HeaderWords:
    cols = word_groups("tables", "columns")
    funds = word_groups("tables", "funds")
    totals = word_groups("tables", "totals")["total"]
    others = word_groups("tables", "others")["other"]

    def words(*keys: str) -> str:
        return alternation(w for k in keys for w in {**cols, **funds}[k])

    total = re.compile(r"^\s*" + alternation(totals) + r"\s*$")
    max_words = LEXICON.words("max")
    any_words = [
        w
        for k in ("l1", "l2", "l3", "target", "actual", "score", "weighted", "reason", "basis", "remark")
        for w in cols[k]
    ]
    any_words += [w for ws in funds.values() for w in ws] + list(others)
    # the max-score words, but not a total row's own word ("总分" ends a header's data, not its header)
    any_words += [w for w in max_words if not total.match(w)]
    return HeaderWords(
        initial=re.compile(words("initial")),
        # "预算数（A）": the budget column by its letter
        budget=re.compile(words("budget") + r"|预算数\s*[（(]?\s*A"),
        budget_a=re.compile(r"预算数\s*[（(]\s*A\s*[)）]|^\s*预算数\s*$"),
        actual=re.compile(words("executed")),
        max=re.compile(r"^\s*" + alternation(max_words)),
        rate=re.compile(words("rate")),
        score=re.compile(words("score")),
        weighted=re.compile(words("weighted")),
        l1=re.compile(words("l1")),
        l2=re.compile(words("l2")),
        l3=re.compile(words("l3")),
        name=re.compile(r"^\s*" + words("name") + r"\s*$"),
        target=re.compile(words("target")),
        done=re.compile(words("actual")),
        reason=re.compile(words("reason", "basis", "remark")),
        total=total,
        any=re.compile(alternation(any_words)),
    )


def find_cell(cells: tuple[str, ...], rx: re.Pattern[str], exclude: set[int] | None = None) -> int | None:
    """The index of the first cell that ``rx`` finds a word in (not one of ``exclude``), or None."""
    for i, c in enumerate(cells):
        if rx.search(c) and (exclude is None or i not in exclude):
            return i
    return None


def _funds_columns(
    cells: tuple[str, ...], initial: re.Pattern[str] | None, budget: re.Pattern[str]
) -> dict[str, int | None]:
    """Where a funds header's columns stand; 得分 is a cell none of the others took."""
    h = header_words()
    cols: dict[str, int | None] = {
        "initial": find_cell(cells, initial) if initial is not None else None,
        "budget": find_cell(cells, budget),
        "actual": find_cell(cells, h.actual),
        "max": find_cell(cells, h.max),
        "rate": find_cell(cells, h.rate),
    }
    cols["score"] = find_cell(cells, h.score, {c for c in cols.values() if c is not None})
    return cols


def read_header(cells: tuple[str, ...]) -> tuple[str, dict[str, int | None]] | None:
    """What a header row opens and where its columns stand: ``("funds", {initial, budget, actual,
    max, rate, score})`` for a funds block, ``("indicators", {l1, l2, l3, target, done, max, score,
    raw, reason})`` for indicator rows (with 权重 | 单项得分 | 折算得分, ``max`` is the 权重, ``raw``
    the 单项得分 and ``score`` the 折算得分), or None when the cells are no such header."""
    h = header_words()
    joined = "|".join(cells)
    if h.initial.search(joined) and h.actual.search(joined):
        return "funds", _funds_columns(cells, h.initial, h.budget)
    if h.budget_a.search(joined) and h.actual.search(joined) and h.rate.search(joined):
        # the provincial form's block without 年初预算: "预算执行情况(万元)(20分) | 预算数(A) |
        # 执行数(B) | 执行率(B/A) | 得分(20分*执行率)"; its 分值 stands in the header's "(20分)"
        return "funds", _funds_columns(cells, None, h.budget_a)
    l1, l2, l3 = find_cell(cells, h.l1), find_cell(cells, h.l2), find_cell(cells, h.l3)
    mx = find_cell(cells, h.max)
    weighted = find_cell(cells, h.weighted)
    raw = None
    if weighted is not None:
        # "权重 | 单项得分 | 折算得分": the weighted score counts, against the weight
        mx = next((i for i, c in enumerate(cells) if c.lstrip().startswith("权重")), mx)
        raw = find_cell(cells, h.score, {weighted} | ({mx} if mx is not None else set()))
        sc = weighted
    else:
        sc = find_cell(cells, h.score, {mx} if mx is not None else None)
    if sc is None:
        return None
    # a form that gives each row's 得分 but no 分值 column (the row maxima are not printed:
    # "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分"): its level and target
    # columns say it is an indicator table
    if mx is None and ((l3 is None and l2 is None) or find_cell(cells, h.target) is None):
        return None
    if l1 is None and l2 is None and l3 is None:
        l1 = find_cell(cells, h.name)
        if l1 is None:
            l1 = 0 if mx is not None and mx > 0 and sc > 0 else None
    return "indicators", {
        "l1": l1,
        "l2": l2,
        "l3": l3,
        "target": find_cell(cells, h.target),
        "done": find_cell(cells, h.done),
        "max": mx,
        "score": sc,
        "raw": raw,
        "reason": find_cell(cells, h.reason),
    }
