"""Score tables with a weighted score column: 权重 | 单项得分 | 折算得分, the 折算得分 counting against
the weight (TB007 recomputes it from the 单项得分 and the weight)."""

from __future__ import annotations

from decimal import Decimal

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text

TABLE = (
    "一级指标 | 二级指标 | 权重(%) | 单项得分 | 折算得分\n"
    "决策 | 项目立项 | 20 | 100 | 20\n"
    "过程 | 资金管理 | 30 | 90 | 27\n"
    "产出 | 产出数量 | 50 | 100 | 50\n"
    "合计 | | 100 | | 97\n"
)


def _leaves(text: str) -> list[tuple[str, Decimal | None, Decimal | None]]:
    facts = extract_facts(document_from_text(text, "r.txt"))
    return [(n.path, n.max, n.score) for root in facts.scores for n in root.walk() if not n.children]


def _errors(text: str) -> list[str]:
    doc = document_from_text(text, "r.txt")
    found = check_document(doc, options=CheckOptions(discover_config=False))
    return [f.code for f in found if f.severity.value == "error"]


def test_a_weighted_column_is_the_score_against_the_weight() -> None:
    assert _leaves(TABLE) == [
        ("决策/项目立项", Decimal(20), Decimal(20)),
        ("过程/资金管理", Decimal(30), Decimal(27)),
        ("产出/产出数量", Decimal(50), Decimal(50)),
    ]
    assert _errors(TABLE) == []


def test_a_changed_single_score_is_caught_by_the_weighted_one() -> None:
    assert "TB007" in _errors(TABLE.replace("| 30 | 90 | 27", "| 30 | 80 | 27"))
