"""The Sichuan 部门预算项目支出绩效自评表 (权重 / 得分 columns, a block title before each header) as web
pages give it: cells one per line, each closed by a bar, empty cells kept ("权重 |" / "得分 |" … "30 |" /
"|"), read by position, so a form whose 得分 cells were left empty is a tree of maxima whose sum is
checked and RD004 says the 得分 column is empty; and as pipe rows whose header row alone holds the
block's title ("绩效指标(80分) | 一级指标 | …" over "产出指标 | 数量指标 | …")."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"
FORM = (HERE / "barred-empty-scores.txt").read_text(encoding="utf-8")
ROWS = (HERE / "sichuan-form-rows.txt").read_text(encoding="utf-8")


def _codes(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def _facts(text: str):
    return extract_facts(document_from_text(text, "r.txt"))


def _filled(text: str, cells: list[tuple[str, str, str]]) -> str:
    """The form with the empty 得分 cell after a row's 权重 cell filled: (the row's name, its
    权重, the 得分)."""
    for name, weight, score in cells:
        at = text.index(f"\n{weight} |\n|\n", text.index(name))
        text = text[:at] + f"\n{weight} |\n{score} |\n" + text[at + len(f"\n{weight} |\n|\n") :]
    return text


def test_a_form_with_its_scores_left_empty_is_a_tree_of_maxima() -> None:
    facts = _facts(FORM)
    leaves = [(n.path, n.max, n.score) for root in facts.scores for n in root.walk() if not n.children]
    assert leaves == [
        ("预算执行率", D(20), None),
        ("产出指标/数量指标/资助学生人数", D(30), None),
        # its 一级 cell merged into the row above: one cell fewer
        ("产出指标/时效指标/资金发放及时率", D(20), None),
        ("效益指标/社会效益指标/因贫辍学人数", D(20), None),
        ("满意度指标/服务对象满意度指标/受助学生满意度", D(10), None),
    ]
    rows = [(r.target, r.actual, r.max, r.score, r.source.line) for r in facts.indicators]
    assert rows[0] == ("≥1500人次", "", D(30), None, 49)
    assert [(r.name, r.budget, r.actual, r.rate, r.max, r.score) for r in facts.funds] == [
        ("年度资金总额", D("118.50"), D("112.58"), D("95.00"), D(20), None)
    ]
    # the 合计 row gives the 分值 of 100 and no 得分: it is no total score of 100
    assert facts.total is None
    # the 得分 column is said to be empty, not that no score was found; the maxima add up to 100
    assert [c for c, _ in _codes(FORM) if c.startswith(("RD", "SC"))] == ["RD004"]


def test_the_maxima_of_a_form_with_empty_scores_are_checked() -> None:
    wrong = FORM.replace("人次 |\n|\n30 |", "人次 |\n|\n40 |", 1)
    assert ("SC004", 16) in _codes(wrong)


def test_a_filled_form_with_bars_is_read_and_its_scores_checked() -> None:
    filled = _filled(
        FORM,
        [
            ("总额", "20", "19"),
            ("资助学生人数", "30", "30"),
            ("资金发放及时率", "20", "20"),
            ("因贫辍学人数", "20", "20"),
            ("受助学生满意度", "10", "9"),
        ],
    )
    facts = _facts(filled)
    assert [n.effective_score for n in facts.scores] == [D(19), D(50), D(20), D(9)]
    assert [c for c, _ in _codes(filled) if c.startswith("RD")] == []
    # with its 合计 filled, the total is read and checked against the scores
    whole = filled.replace("合计 |\n100 |\n|\n", "合计 |\n100 |\n98 |\n")
    facts = _facts(whole)
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D(98), D(100))
    assert [c for c, _ in _codes(whole) if c.startswith("SC")] == []
    assert ("SC002", 88) in _codes(whole.replace("100 |\n98 |", "100 |\n97 |"))


def test_pipe_rows_under_a_header_that_alone_holds_the_block_title() -> None:
    facts = _facts(ROWS)
    leaves = [(n.path, n.max, n.score) for root in facts.scores for n in root.walk() if not n.children]
    assert leaves == [
        ("预算执行率", D(20), D(19)),
        ("产出指标/数量指标/资助学生人数", D(50), D(50)),
        ("效益指标/社会效益指标/因贫辍学人数", D(20), D(20)),
        ("满意度指标/服务对象满意度指标/受助学生满意度", D(10), D(10)),
    ]
    # the funds block's 调整后预算数 is its budget, its 总额 row the block's total
    total = facts.funds[0]
    assert (total.name, total.initial, total.budget, total.actual, total.rate) == (
        "年度资金总额",
        D("120.00"),
        D("118.50"),
        D("112.58"),
        D("95.00"),
    )
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D(99), D(100))
    assert _codes(ROWS) == []
    assert ("SC002", 10) in _codes(ROWS.replace("1620 | 50 | 50", "1620 | 50 | 48"))
    assert ("TB001", 4) in _codes(ROWS.replace("112.58 | 95.00% | 20", "112.58 | 96.00% | 20"))
