"""The prose's reason for a deduction of a score table without a 偏差原因 column.

A 部门整体 report often gives its score table as 指标 | 分值 | 得分 alone and says why points were
lost in its text: under 四、存在的问题及原因 ("绩效目标设置不够细化", "预算执行进度偏慢") or in a
sentence with a shortfall word beside the indicator's name. Such a row is not one whose deduction
nobody explains (TB005): the first sentence that names the indicator (or its stem: 绩效目标 of
绩效目标合理性, 预算执行 of 预算执行率) in the problems section, or with a shortfall word of
``schemas/lexicon/shortfalls.yaml`` elsewhere, is kept as the row's ``text_reason``.

Only rows with a deduction and no 偏差原因 column are looked up: most reports have none, and pay
nothing.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from drafter.check.extract._common import ZONE_RESTATE, TextLine, source_of
from drafter.check.extract.lexicon import alternation, load_lexicon
from drafter.check.extract.scores import ShortfallLexicon
from drafter.check.facts import IndicatorRow, Source

__all__ = ["explain_rows"]

#: words that end an indicator's name and say how it is measured, not what it is about: the stem
#: before them is what a sentence about the indicator names ("预算执行率" → "预算执行")
_MEASURE_SUFFIXES = (
    "合理性",
    "规范性",
    "科学性",
    "完整性",
    "明确性",
    "及时性",
    "准确性",
    "合规性",
    "有效性",
    "完成率",
    "执行率",
    "达标率",
    "合格率",
    "到位率",
    "覆盖率",
    "知晓率",
    "满意度",
    "情况",
    "指标",
    "率",
    "性",
    "度",
)
#: a stem shorter than this names too much ("预算" of 预算执行率)
_MIN_STEM = 4
#: a whole name shorter than this is no name to look for ("成本", "质量")
_MIN_NAME = 3
_SENTENCE_END = re.compile(r"[。；;！!？?]")


@cache
def _cue() -> re.Pattern[str]:
    lexicon = load_lexicon("shortfalls", ShortfallLexicon)
    return re.compile(alternation(w for group in lexicon.reasons for w in group.words))


def _stems(name: str) -> tuple[str, ...]:
    """The name, and its stem without its measuring suffix ("预算执行率" → "预算执行": 执行率 would
    leave too short a stem)."""
    name = name.strip()
    found = [name] if len(name) >= _MIN_NAME else []
    for suffix in _MEASURE_SUFFIXES:  # the longest suffix that leaves a stem long enough
        if name.endswith(suffix) and len(name) - len(suffix) >= _MIN_STEM:
            found.append(name[: -len(suffix)])
            break
    return tuple(found)


def explain_rows(lines: list[TextLine], rows: tuple[IndicatorRow, ...]) -> tuple[IndicatorRow, ...]:
    """``rows`` with ``text_reason`` set where the table has no 偏差原因 column, the row lost
    points and the prose says why (see the module docstring)."""
    todo = [
        i
        for i, r in enumerate(rows)
        if not r.reason_column and r.max is not None and r.score is not None and r.score < r.max
    ]
    if not todo:
        return rows
    table_lines = {r.source.line for r in rows}
    prose = [tl for tl in lines if not tl.is_row and tl.no not in table_lines]
    cue = _cue()
    out = list(rows)
    for i in todo:
        for stem in _stems(out[i].name):
            src = _first_reason(prose, stem, cue)
            if src is not None:
                out[i] = dataclasses.replace(out[i], text_reason=src)
                break
    return tuple(out)


def _first_reason(prose: list[TextLine], stem: str, cue: re.Pattern[str]) -> Source | None:
    for tl in prose:
        at = tl.text.find(stem)
        while at >= 0:
            a, b = _sentence(tl.text, at)
            if tl.zone == ZONE_RESTATE or cue.search(tl.text, a, b):
                return source_of(tl, a, b)
            at = tl.text.find(stem, b)
    return None


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The span of the sentence of ``text`` that holds position ``at``."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, at):
        start = m.end()
    m = _SENTENCE_END.search(text, at)
    return start, (m.end() if m else len(text))
