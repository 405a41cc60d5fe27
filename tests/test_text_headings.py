"""Heading markers (drafter.text.headings): one recogniser for every module that reads a heading number."""

from __future__ import annotations

import random
import re

import pytest

from drafter.text.headings import (
    is_marker,
    item_marker,
    marker_end,
    marker_level,
    parse_marker,
    strip_item_marker,
    strip_marker,
)
from drafter.text.numbers import cn_to_int


@pytest.mark.parametrize(
    ("text", "level", "number"),
    [
        ("一、部门基本情况", 1, 1),
        ("十一、其他", 1, 11),
        ("二.绩效目标", 1, 2),
        ("（三）预算执行", 2, 3),
        ("(四)资金管理", 2, 4),
        ("1.预算编制", 3, 1),
        ("12、项目管理", 3, 12),
        ("３．产出", 3, 3),
        ("（2）预算执行率", 4, 2),
        ("(１０)其他", 4, 10),
    ],
)
def test_every_form_has_its_level_and_number(text: str, level: int, number: int) -> None:
    parsed = parse_marker(text)
    assert parsed is not None and parsed[:1] == (level,) and parsed[2] == number
    assert marker_level("  " + text) == level


@pytest.mark.parametrize("text", ["1.5万元已拨付", "部门基本情况", "2023年度", "一是加强管理", "①预算"])
def test_prose_and_amounts_are_no_heading(text: str) -> None:
    assert parse_marker(text) is None
    assert marker_level(text) is None
    assert strip_marker(text) == text
    assert marker_end(text) == 0


def test_strip_and_bare_marker() -> None:
    assert strip_marker("（一） 预算编制") == "预算编制"
    assert marker_end("  1.预算") == 4
    assert is_marker("一、") and is_marker(" （1） ")
    assert not is_marker("一、概况") and not is_marker("2023.")


@pytest.mark.parametrize(
    ("cell", "marker", "rest"),
    [("1.1 预算编制", "1.1", "预算编制"), ("①资金到位率", "①", "资金到位率"), ("2 项目管理", "2", "项目管理"),
     ("（二）过程", "（二）", "过程"), ("产出指标", None, "产出指标")],
)  # fmt: skip
def test_table_item_numbers(cell: str, marker: str | None, rest: str) -> None:
    assert item_marker(cell) == marker
    assert strip_item_marker(cell) == rest


# --- parse_marker reads as the one alternation of the four forms it replaced ----------------

_CN = "一二三四五六七八九十"
_OLD_MARKER = re.compile(
    rf"(?P<l1>(?P<n1>[{_CN}]{{1,3}})\s*[、.．])"
    rf"|(?P<l2>[（(]\s*(?P<n2>[{_CN}]{{1,3}})\s*[）)])"
    r"|(?P<l4>[（(]\s*(?P<n4>[0-9０-９]{1,2})\s*[）)])"
    r"|(?P<l3>(?P<n3>[0-9０-９]{1,2})\s*(?:[、．]|\.(?![0-9０-９])))"
)
_FIRST = frozenset(_CN + "（(0123456789０１２３４５６７８９")


def _parse_marker_slow(text: str, pos: int = 0) -> tuple[int, str, int, int] | None:
    if pos >= len(text) or text[pos] not in _FIRST:
        return None
    m = _OLD_MARKER.match(text, pos)
    if m is None:
        return None
    kind = m.lastgroup or "l1"
    digits = m.group("n" + kind[1])
    number = cn_to_int(digits) if kind in ("l1", "l2") else int(digits.translate(_FULL_DIGITS))
    end = m.end()
    while end < len(text) and text[end] in " \u3000\t":
        end += 1
    return {"l1": 1, "l2": 2, "l3": 3, "l4": 4}[kind], m.group(0).strip(), number, end


_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_PIECES = [
    *_CN,
    "两",
    "（",
    "(",
    "）",
    ")",
    "、",
    ".",
    "．",
    "1",
    "2",
    "0",
    "９",
    "１",
    " ",
    "\u3000",
    "\t",
    "预",
    "a",
    "年",
]


def test_parse_marker_matches_the_single_pattern() -> None:
    rng = random.Random(7)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 9))) for _ in range(20000)]
    texts += ["一、概况", "（十二）其他", "(３)  效益", "12.5万元", "3.预算", "十一一、x", "一一十、"]
    for text in texts:
        for pos in (0, 1):
            try:
                expected = _parse_marker_slow(text, pos)
            except ValueError:
                with pytest.raises(ValueError):
                    parse_marker(text, pos)
                continue
            assert parse_marker(text, pos) == expected, (text, pos)
