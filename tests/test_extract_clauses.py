"""Clause and segment spans (``clause_spans``) are those of their definition as a regex: a run
of characters between delimiters (，,；;。！!？? for clauses — a "," between a digit and three
more is a thousands separator — and ；;。！!？? for segments), with white space trimmed. The fast implementation splits instead; this checks it against the definition."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.check.extract._common import clause_spans

#: a clause delimiter: "," too, unless it separates thousands ("12,480,600.00")
DELIM = r"(?:[，；;。！!？?]|(?<!\d),|,(?!\d{3}(?!\d)))"
CLAUSE = re.compile(rf"(?:(?!{DELIM})[^\s\u3000])(?:(?:(?!{DELIM}).)*(?!{DELIM})[^\s\u3000])?", re.S)
SEGMENT = re.compile(r"[^\s\u3000；;。！!？?](?:[^；;。！!？?]*[^\s\u3000；;。！!？?])?")

#: delimiters, white space of every kind regex \s knows, and ordinary characters
ALPHABET = "，,,,；;。！!？?分得555a \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u2028\u3000"


def _defined(text: str, start: int, end: int | None, segments: bool) -> list[tuple[int, int]]:
    rx = SEGMENT if segments else CLAUSE
    part = text[start : len(text) if end is None else end]  # a slice: its own first character
    return [(a + start, b + start) for a, b in (m.span() for m in rx.finditer(part))]


def test_examples() -> None:
    text = "  预算执行率97.44%，较上年提高 2个百分点；完成全部任务。 "
    assert clause_spans(text) == [(2, 13), (14, 25), (26, 32)]
    assert clause_spans(text, segments=True) == [(2, 25), (26, 32)]
    assert clause_spans(text, 14, 20) == [(14, 19)]  # "较上年提高 ": the space trimmed
    assert clause_spans("，，  。") == []
    assert clause_spans("") == []
    money = "其中基本支出12,480,600.00元,项目支出21,736,200.00元,分别为30,20,10个"
    assert [money[a:b] for a, b in clause_spans(money)] == [
        "其中基本支出12,480,600.00元",
        "项目支出21,736,200.00元",
        "分别为30",
        "20",
        "10个",
    ]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30), st.data())
def test_same_as_the_regex_definition(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.one_of(st.none(), st.integers(start, len(text))))
    for segments in (False, True):
        assert clause_spans(text, start, end, segments=segments) == _defined(text, start, end, segments)


#: pieces of report-like lines: prose, figures with and without thousands separators, every end
_PIECES = [
    "预算执行率", "97.44%", "1,318.20万元", "12,480,600.00元", "120,350", "30,20,10个", "1,2345", "12,34",
    "，", ",", "；", ";", "。", "！", "!", "？", "?", " ", "\u3000", "\t", "\u2003", "\u200b", "完成", "项目",
    "5", "555", "",
]  # fmt: skip


def test_same_as_the_regex_definition_on_report_like_lines() -> None:
    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 25)))
        start = rng.randint(0, len(text))
        end = rng.choice([None, rng.randint(start, len(text))])
        for segments in (False, True):
            assert clause_spans(text, start, end, segments=segments) == _defined(text, start, end, segments)
