"""A 合计 row that sums amounts is no score total: the funds block's 合计 of a 项目支出 form, and the
合计 of a 部门's table of amounts standing after its score table (pipe rows, tab rows, .docx)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from drafter.check.extract import extract_facts
from drafter.check.run import check_document
from drafter.read import read_document
from drafter.read.text import document_from_text
from tests._extract_fixtures import HERE
from tests._extract_fixtures import fixture_facts as _facts


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("funds-total-row.txt", "txt"), ("funds-total-row.txt", "docx"), ("funds-total-row-tabs.txt", "txt")],
)
def test_funds_total_row_is_not_the_score_total(name: str, fmt: str, tmp_path: Path) -> None:
    facts = _facts(name, fmt, tmp_path)
    # the total is the 总分 row (its 分值 100 and 得分 99.5), not the funds block's 合计 of amounts
    assert facts.total is not None
    assert (facts.total.value, facts.total.max, facts.total.source.line) == (D("99.5"), D(100), 12)
    assert len(facts.funds) == 3 and facts.funds[0].name == "年度资金总额"  # and no 合计 row among them
    assert check_document(read_document(HERE / name)) == []


def test_funds_total_row_without_a_score_total_row(tmp_path: Path) -> None:
    text = (HERE / "funds-total-row.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("总分"))
    facts = extract_facts(document_from_text(text))
    assert facts.total is None and facts.table_total is None
    assert [n.score for n in facts.scores] == [D("9.5"), None, None, None]


def test_a_wrong_total_row_after_a_funds_total_is_still_caught() -> None:
    text = (
        (HERE / "funds-total-row.txt")
        .read_text(encoding="utf-8")
        .replace("总分 | 100 | 99.5", "总分 | 100 | 98")
    )
    findings = check_document(document_from_text(text))
    assert [(f.code, f.line) for f in findings] == [("SC002", 12)]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_amounts_table_beside_a_score_table(fmt: str, tmp_path: Path) -> None:
    facts = _facts("dept-amounts-after-scores.txt", fmt, tmp_path)
    assert facts.total is not None and (facts.total.value, facts.total.source.line) == (D(94), 9)
    assert facts.table_total is None
    # the amounts table after the score table adds no indicators to it
    assert [(n.name, n.max, n.score) for n in facts.scores] == [
        ("预算编制", D(20), D(18)),
        ("预算执行", D(40), D(38)),
        ("预算使用效益", D(40), D(38)),
    ]
    assert len(facts.indicators) == 3


def test_amounts_table_keeps_the_score_checks() -> None:
    text = (HERE / "dept-amounts-after-scores.txt").read_text(encoding="utf-8")
    assert check_document(document_from_text(text)) == []
    wrong = check_document(document_from_text(text.replace("自评得分为94分", "自评得分为96分")))
    assert [(f.code, f.line) for f in wrong] == [("SC002", 9)]
