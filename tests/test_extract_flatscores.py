"""A 部门整体 score table flattened into one line with single spaces (a web page's or a PDF's text),
merged higher-level cells written once: read whole into the score tree, or not at all."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text, read_document

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"
TEXT = (HERE / "flat-score-table.txt").read_text(encoding="utf-8")
TABLE = next(line for line in TEXT.splitlines() if line.startswith("一级指标"))


def _codes(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def _leaves(text: str) -> list[tuple[str, str, D | None, D | None]]:
    facts = extract_facts(document_from_text(text, "r.txt"))
    return [(n.path, n.name, n.max, n.score) for n in facts.nodes() if not n.children]


def test_flattened_table_is_a_full_tree_with_merged_cells_carried_down() -> None:
    facts = extract_facts(read_document(HERE / "flat-score-table.txt"))
    assert [n.name for n in facts.scores] == ["投入", "过程", "产出", "效果"]
    leaves = [(n.path, n.max, n.score) for n in facts.nodes() if not n.children]
    assert leaves[:3] == [
        ("投入/目标设定/绩效目标合理性", D(5), D(5)),
        ("投入/目标设定/绩效指标明确性", D(5), D(5)),
        ("投入/预算配置/在职人员控制率", D(5), D(5)),
    ]
    assert len(leaves) == 11
    assert sum(m for _p, m, _s in leaves if m) == D(100)
    assert sum(s for _p, _m, s in leaves if s) == D(96)
    assert all(n.source.line == 14 for n in facts.nodes())
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D(96), D(100))


def test_flattened_table_checks_clean_and_catches_changes() -> None:
    assert _codes(TEXT) == []
    assert ("SC002", 14) in _codes(TEXT.replace("合计 100 96", "合计 100 97"))
    assert ("SC004", 14) in _codes(
        TEXT.replace("经济效益 20 18", "经济效益 15 14").replace("100 96", "100 95")
    )
    assert ("SC003", 14) in _codes(
        TEXT.replace("预算执行率 10 10", "预算执行率 10 12").replace("100 96", "100 98")
    )


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        (
            "一级指标 二级指标 分值 得分",
            "决策 目标设定 10 10 过程 预算执行 30 28 资产管理 10 10 产出 履职 50 47 合计 100 95",
        ),
        (
            "二级指标 三级指标 得分 分值",
            "目标设定 绩效目标 10 10 预算执行 执行率 28 30 资产 10 10 履职 完成率 47 50 总分 95 100",
        ),
    ],
)
def test_other_header_layouts(header: str, rows: str) -> None:
    line = f"{header} {rows} " + "说明" * 40
    text = f"二、评分情况\n{line}\n"
    leaves = _leaves(text)
    assert [(m, s) for _p, _n, m, s in leaves] == [
        (D(10), D(10)),
        (D(30), D(28)),
        (D(10), D(10)),
        (D(50), D(47)),
    ]
    assert leaves[2][0].endswith("/资产管理") or leaves[2][0].endswith("/资产")
    assert {code for code, _line in _codes(text)} == {"TB005"}  # only the reasons are missing


@pytest.mark.parametrize(
    "broken",
    [
        TABLE.replace("在职人员控制率 5 5", "在职人员控制率 5 5 5"),  # three numbers in a row
        TABLE.replace("分值 自评得分", "分值 自评得分 扣分原因"),  # a text column
        TABLE.replace(
            "投入 目标设定 绩效目标合理性 5 5", "投入 目标设定 绩效 目标合理性 5 5"
        ),  # a wrapped name
        TABLE.replace(" 合计 100 96", " 附表说明"),  # words left over, no total
    ],
)
def test_a_table_that_does_not_fit_is_not_read_at_all(broken: str) -> None:
    assert _leaves(TEXT.replace(TABLE, broken)) == []
