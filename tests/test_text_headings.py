"""Heading markers (drafter.text.headings): one recogniser for every module that reads a heading number."""

from __future__ import annotations

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
