"""The outline: heading markers by level, titles and bodies, parents, sections."""

from __future__ import annotations

import pytest

from drafter.read import document_from_text, read_document
from drafter.read.outline import build_outline, children, parse_heading, section_of
from tests.conftest import SEED


@pytest.fixture(scope="module")
def outline():
    return build_outline(read_document(SEED))


def test_sample_level_one_headings(outline):
    top = [(h.marker, h.number, h.title, h.line) for h in outline if h.level == 1]
    assert top == [
        ("一、", 1, "部门基本情况", 1),
        ("二、", 2, "绩效自评结论", 28),
        ("三、", 3, "绩效自评分析", 30),
        ("四、", 4, "存在的问题、原因分析及改进措施", 58),
        ("五、", 5, "其他需要说明的情况", 61),
    ]


def test_sample_sub_headings_with_levels(outline):
    by_line = {h.line: (h.level, h.marker, h.title) for h in outline}
    assert by_line[2] == (2, "（一）", "部门整体概况")  # bookmarks before the marker
    assert by_line[3] == (3, "1.", "主要职责")  # "1. [bookmark…]主要职责"
    assert by_line[13] == (3, "3.", "人员编制构成")
    assert by_line[24] == (2, "（三）", "部门整体支出情况")
    assert by_line[32] == (3, "1.", "预算编制")
    assert by_line[33] == (4, "（1）", "预算编制合理性")
    assert by_line[40] == (3, "1.", "制度管理")
    assert by_line[52] == (3, "2.", "效率性")  # "2. [bookmark: _Toc19171]效率性。"
    assert by_line[56] == (3, "4.", "公平性")
    assert len(outline) == 30
    assert not any(h.line in (4, 14, 25, 29, 46, 48, 53, 62) for h in outline)  # prose stays prose


def test_heading_that_is_also_a_sentence_keeps_its_body(outline):
    h = next(h for h in outline if h.line == 33)
    assert h.title == "预算编制合理性"
    assert h.body.endswith("自评得4分。")
    assert h.text.startswith("（1）预算编制合理性。")
    assert h.text[h.title_start :].startswith("预算编制合理性")
    scored = next(h for h in outline if h.line == 45)
    assert (scored.title, scored.body) == ("项目管理", "指标总分8，自评8分")


def test_parents_sections_and_children(outline):
    path = section_of(outline, 46)  # the body under 3.项目管理
    assert [h.title for h in path] == ["绩效自评分析", "预算执行情况", "项目管理"]
    assert section_of(outline, 45)[-1].title == "项目管理"
    execution = path[1]
    assert (execution.line, execution.end_line) == (39, 48)
    assert [h.title for h in children(outline, execution)] == ["制度管理", "资金管理", "项目管理", "资产管理"]
    assert outline[-1].end_line == 62
    assert section_of(document_outline("前言\n一、概况"), 1) == ()


def document_outline(text: str):
    return build_outline(document_from_text(text))


@pytest.mark.parametrize(
    ("text", "level", "marker", "number"),
    [
        ("一、部门基本情况", 1, "一、", 1),
        ("十二、附则", 1, "十二、", 12),
        ("(二)年度工作", 2, "(二)", 2),
        ("（ 三 ）支出", 2, "（ 三 ）", 3),
        ("1．预算编制", 3, "1．", 1),
        ("2、目标设置", 3, "2、", 2),
        ("１０.其他", 3, "１０.", 10),
        ("(1)合理性", 4, "(1)", 1),
        ("（１２）明确性", 4, "（１２）", 12),
        ("## （一）概况", 2, "（一）", 1),
        ("**一、概况**", 1, "一、", 1),
        ("### 附表", 3, "###", 0),
    ],
)
def test_markers(text: str, level: int, marker: str, number: int):
    parsed = parse_heading(text)
    assert parsed is not None
    assert parsed[:3] == (level, marker, number)


@pytest.mark.parametrize(
    "text",
    [
        "一是领导要提升重视",
        "2023年，我单位",
        "1.5万元用于",
        "（一期）工程",
        "无。",
        "第一部分",
        "12.17亩用地",
    ],
)
def test_not_headings(text: str):
    assert parse_heading(text) is None


def test_markdown_and_full_width_outline():
    text = "# 自评报告\n## 一、概况\n（１）人员。共20人。\n| 1. | 表格行不是标题 |\n"
    got = [(h.level, h.title) for h in document_outline(text)]
    assert got == [(1, "自评报告"), (1, "概况"), (4, "人员")]
    assert document_outline("**一、概况**")[0].title == "概况"
