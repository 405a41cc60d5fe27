"""The word gates the extractors test before their patterns: a line the gate skips never holds a
match, and LineScan's whole-report finds name exactly the lines that hold a word."""

from __future__ import annotations

import random
import re

import pytest

from drafter.check.extract import _claimwords as claimwords
from drafter.check.extract import figures
from drafter.check.extract._common import TextLine
from drafter.check.extract._scan import LineScan
from drafter.document import Line

#: pieces generated lines are made of: the gate words, their halves, punctuation and the
#: context the patterns look at (预算, 以内, 目标, 100%)
_PIECES = [
    *figures._CMP_GATES,
    *claimwords.COMPLETE_GATES,
    *claimwords.UNFINISHED_GATES,
    "小于等于", "大于或等于", "<=", ">=", "超过", "超出", "超预算", "突破年度预算", "控制在预算以内",
    "所有项目", "全部", "均已", "按时", "如期", "完成了年度各项目标任务", "完成率", "100%", "通过验收",
    "小", "大", "于", "等", "控制", "突", "超", "完", "成", "竣", "验", "未", "尚", "在", "延",
    "预算", "以内", "内", "目标", "，", "。", "；", " ", "\t", "|", "执行率", "95%", "12.5万元",
    "阳西高新区", "工作", "项目",
]  # fmt: skip


def _lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def _text_lines(texts: list[str]) -> list[TextLine]:
    return [TextLine(Line(i + 1, t, t), t, t, i + 1) for i, t in enumerate(texts)]


@pytest.mark.parametrize("seed", range(20))
def test_line_scan_names_the_lines_that_hold_a_word(seed: int) -> None:
    texts = _lines(seed, 60)
    scan = LineScan(_text_lines(texts))
    for words in (figures._CMP_GATES, claimwords.COMPLETE_GATES, claimwords.UNFINISHED_GATES, ("完成",)):
        expected = {i for i, t in enumerate(texts) if any(w in t for w in words)}
        assert scan.lines_with(words) == expected


def test_line_scan_of_no_lines() -> None:
    assert LineScan([]).lines_with(("完成",)) == set()


@pytest.mark.parametrize(
    ("pattern", "gates"),
    [
        (figures._CMP, figures._CMP_GATES),
        (claimwords.COMPLETE, claimwords.COMPLETE_GATES),
        (claimwords.UNFINISHED, claimwords.UNFINISHED_GATES),
    ],
)
def test_a_line_without_a_gate_word_holds_no_match(pattern: re.Pattern[str], gates: tuple[str, ...]) -> None:
    matched = 0
    for text in _lines(7, 20000):
        if pattern.search(text) is not None:
            matched += 1
            assert any(w in text for w in gates), text
    assert matched > 100  # the generated lines do reach the patterns
