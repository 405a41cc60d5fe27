"""Tables: the 项目支出 自评表 (funds block, indicator rows, total) and a 部门整体 score table,
as flattened text rows and as .docx tables."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from drafter.check.extract import extract_facts
from drafter.read import read_document
from tests._extract_fixtures import HERE, read_as
from tests._extract_fixtures import fixture_facts as _facts
from tests.conftest import REPO


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_project_table_funds_block(fmt: str, tmp_path: Path) -> None:
    facts = _facts("project-table.txt", fmt, tmp_path)
    rows = [
        (r.name, r.initial, r.budget, r.actual, r.max, r.rate, r.score, r.source.line) for r in facts.funds
    ]
    assert rows == [
        ("年度资金总额", D("100.00"), D("120.00"), D("108.00"), D(10), D("90.00"), D(9), 4),
        ("本年财政拨款", D("100.00"), D("110.00"), D("100.00"), None, None, None, 5),
        ("上年结转资金", D("0.00"), D("10.00"), D("8.00"), None, None, None, 6),
        ("其他资金", D("0.00"), D("0.00"), D("0.00"), None, None, None, 7),
    ]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_project_table_indicators_and_tree(fmt: str, tmp_path: Path) -> None:
    facts = _facts("project-table.txt", fmt, tmp_path)
    rows = [
        (i.level1, i.level2, i.level3, i.target, i.actual, i.max, i.score, i.source.line)
        for i in facts.indicators
    ]
    assert rows[0] == ("产出指标", "数量指标", "养护道路里程", "≥50公里", "45公里", D(20), D(18), 9)
    assert rows[1][2:] == ("养护合格率", "≥95%", "96%", D(15), D(15), 10)
    assert [r[0] for r in rows] == ["产出指标"] * 3 + ["效益指标", "满意度指标"]
    assert facts.indicators[0].reason == "部分路段雨季停工，下年度提前安排"
    assert facts.indicators[1].reason == ""
    assert facts.total is not None and (facts.total.value, facts.total.max, facts.total.source.line) == (
        D(97),
        D(100),
        14,
    )
    top = facts.scored_top()
    assert [n.name for n in top][:2] == ["预算执行率", "养护道路里程"]
    assert sum(n.score for n in top if n.score is not None) == D(97)
    assert sum(n.max for n in top if n.max is not None) == D(100)
    assert [r.name for r in facts.scores] == ["预算执行率", "产出指标", "效益指标", "满意度指标"]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_dept_score_table(fmt: str, tmp_path: Path) -> None:
    facts = _facts("dept-score-table.txt", fmt, tmp_path)
    tree = [(n.level, n.name, n.max, n.score) for n in facts.nodes()]
    assert tree == [
        (1, "预算编制", None, None),
        (2, "预算编制", D(8), D(8)),
        (2, "目标设置", D(12), D(12)),
        (1, "预算执行", None, None),
        (2, "资金管理", D(20), D(16)),
        (2, "资产管理", D(7), D(7)),
    ]
    node = next(n for n in facts.nodes() if n.name == "资金管理")
    assert node.reason == "政府采购实际数大于计划数"
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D(43), D(47))


def test_webpage_table_with_noise_and_mixed_separators() -> None:
    facts = extract_facts(read_document(REPO / "tests" / "fixtures" / "read" / "webpage-project-report.txt"))
    assert [(r.name, r.budget, r.actual, r.rate, r.score) for r in facts.funds] == [
        ("年度资金总额", D("120.00"), D("118.50"), D("98.75"), D("9.88"))
    ]
    assert [i.level3 for i in facts.indicators] == ["养护道路里程", "群众出行条件", "群众满意度"]
    assert facts.year == 2023
    rate = next(c for c in facts.claims_of("rate"))
    assert (rate.subject, rate.value) == ("spend", D("98.75"))


def test_score_phrasings() -> None:
    facts = extract_facts(read_document(HERE / "phrasings.txt"))
    tree = [(n.level, n.name, n.max, n.score) for n in facts.nodes()]
    assert tree == [
        (1, "预算编制", D(20), None),
        (2, "预算编制", D(8), D(8)),
        (2, "目标设置", D(12), None),
        (3, "绩效目标合理性", D(6), D(6)),
        (3, "绩效目标完整性", None, D(2)),
        (3, "绩效指标明确性", None, D(4)),
        (1, "预算执行", None, None),
        (2, "资金管理", D(20), D("17.5")),
        (2, "资产管理", D(7), D(7)),
        (2, "制度管理", D(5), D(5)),
        (2, "项目管理", D(8), D(8)),
        (1, "预算使用效益", None, None),
        (2, "经济性", D(5), D(5)),
        (2, "效率性", D(10), D(10)),
        (2, "效果性", None, D(20)),
        (2, "公平性", None, D(5)),
    ]
    goal = next(n for n in facts.nodes() if n.name == "目标设置")
    # named sub-scores under a heading without its own score become its children
    assert goal.mentions == ()
    assert [(c.level, c.name, c.max, c.score, c.source.line) for c in goal.children] == [
        (3, "绩效目标合理性", D(6), D(6), 9),
        (3, "绩效目标完整性", None, D(2), 9),
        (3, "绩效指标明确性", None, D(4), 9),
    ]
    assert sum(n.score for n in facts.scored_top() if n.score is not None) == D("97.5")
    funds = next(n for n in facts.nodes() if n.name == "资金管理")
    assert funds.reason == "结转结余率偏高，扣2.5分。"
    assert facts.total is not None and (facts.total.value, facts.total.max, facts.total.source.line) == (
        D("97.5"),
        D(100),
        3,
    )
    assert [g.grade for g in facts.grades] == ["优"]
    assert facts.year == 2023


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_two_line_header(fmt: str, tmp_path: Path) -> None:
    facts = _facts("two-line-header.txt", fmt, tmp_path)
    assert [(i.level1, i.level2, i.level3, i.score) for i in facts.indicators][:2] == [
        ("产出指标", "数量指标", "养护道路里程", D(25)),
        ("产出指标", "质量指标", "养护合格率", D(25)),
    ]
    assert sum(n.score for n in facts.scored_top() if n.score is not None) == D(90)


def test_rowspan_cell_lost_when_flattened() -> None:
    facts = extract_facts(read_document(HERE / "rowspan-lost.txt"))
    assert [(i.level1, i.level2, i.level3, i.max, i.score, i.reason) for i in facts.indicators] == [
        ("产出指标", "数量指标", "养护道路里程", D(25), D(25), "无"),
        ("产出指标", "质量指标", "养护合格率", D(25), D(24), "个别路段返工"),
        ("效益指标", "社会效益指标", "群众出行条件", D(30), D(30), ""),
    ]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_national_form_total_includes_the_funds_block_score(fmt: str, tmp_path: Path) -> None:
    """The national 项目支出 自评表's 总分 counts 预算执行率 (分值 10) besides the indicator rows,
    also where an exported workbook writes the unit into the cell ("9.5分", "15分")."""
    from drafter.check.run import CheckOptions, check_document

    facts = _facts("project-table-units.txt", fmt, tmp_path)
    funds = facts.funds[0]
    assert (funds.name, funds.max, funds.rate, funds.score) == ("年度资金总额", D(10), D(95), D("9.5"))
    top = facts.scored_top()
    assert top[0].name == "预算执行率" and (top[0].max, top[0].score) == (D(10), D("9.5"))
    assert sum(n.score for n in top if n.score is not None) == D(98)
    assert sum(n.max for n in top if n.max is not None) == D(100)
    assert facts.total is not None and facts.total.value == D(98)

    def codes(src: Path) -> list[str]:
        doc = read_as(src, fmt, tmp_path)
        return [f.code for f in check_document(doc, options=CheckOptions(discover_config=False))]

    assert codes(HERE / "project-table-units.txt") == []
    wrong = tmp_path / "wrong-total.txt"
    text = (HERE / "project-table-units.txt").read_text(encoding="utf-8")
    wrong.write_text(text.replace("| 100 | 98 |", "| 100 | 97 |"), encoding="utf-8")
    assert codes(wrong) == ["SC002"]
