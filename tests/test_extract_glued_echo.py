"""Glued forms whose header puts the 分值 before the values ("三级指标分值年度指标值全年实际值得分") and
whose rows write the target and the actual value alike ("硬化村道里程20≥3公里≥3公里20"): read where
the header order leaves one split; a row that splits more ways, or none, is named, never guessed."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.extract.glued import _echo_rows, _funds_splits
from drafter.check.extract.oneline import funds_kinds
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"
FORM = (HERE / "glued-max-first-form.txt").read_text(encoding="utf-8")


def _findings(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def test_rows_funds_and_total_of_a_max_first_form() -> None:
    facts = extract_facts(document_from_text(FORM, "r.txt"))
    assert [(r.name, r.budget, r.actual, r.max, r.rate, r.score) for r in facts.funds] == [
        ("年度资金总额", D(50), D(50), D(10), D("100.00"), D(10))
    ]
    assert [(r.name, r.score) for r in facts.indicators] == [
        ("硬化村道里程", D(20)),
        ("验收合格率", D(10)),
        ("按期完工率", D(10)),
        ("工程总投资", D(10)),  # "1050万元50万元10": 10 | 50万元 | 50万元 | 10
        ("群众出行条件", D(20)),  # words echoed: "明显改善明显改善"
        ("道路使用年限", D(10)),
        ("沿线群众满意度", D(10)),
    ]
    assert facts.total is not None and (facts.total.max, facts.total.value) == (D(100), D(100))
    assert facts.unsplit == ()
    assert _findings(FORM) == []


def test_a_changed_score_is_caught() -> None:
    wrong = FORM.replace("明显改善明显改善20", "明显改善明显改善18")
    assert _findings(wrong) == [("SC002", 2)]


def test_maxima_beyond_the_full_mark_read_the_total() -> None:
    """产出 rows worth 60 under a 总分 of 100: the rows read add to more than the full mark, which
    rows left out could only make larger."""
    wrong = FORM.replace("20≥3公里≥3公里20", "30≥3公里≥3公里30")
    facts = extract_facts(document_from_text(wrong, "r.txt"))
    assert facts.total is not None and (facts.total.max, facts.total.value) == (D(100), D(100))
    assert ("SC002", 2) in _findings(wrong)


def test_a_row_whose_values_differ_is_left_unread_and_named() -> None:
    text = FORM.replace("20≥3公里≥3公里20", "20≥3公里2.8公里18")
    facts = extract_facts(document_from_text(text, "r.txt"))
    assert "硬化村道里程" not in [r.name for r in facts.indicators]
    assert len(facts.indicators) == 6
    assert [s.quote for s in facts.unsplit] == ["硬化村道里程20"]
    assert facts.total is None  # part of the rows proves nothing about the total
    assert [code for code, _line in _findings(text)] == ["RD003"]


def test_echoed_rows_split_one_way_or_are_named() -> None:
    assert [c for _a, _e, c in _echo_rows("名称10≥90%≥90%9下一行", 0)] == [("10", "9")]
    assert [c for _a, _e, c in _echo_rows("名称20100%100%20下一行", 0)] == [("20", "20")]
    # 11 | 1 | 1 | 11 or 1 | 11 | 11 | 1: two readings, none taken
    assert [c for _a, _e, c in _echo_rows("名称111111下一行", 0)] == [None]
    # a 得分 above the 分值 fits no split
    assert [c for _a, _e, c in _echo_rows("名称5≥90%≥90%8下一行", 0)] == [None]


def test_funds_points_need_spending() -> None:
    """ "505010100.00%10" also splits as 5050 | 10 | 100.0 | 0% | 10 (10 ÷ 5050 rounds to 0%) and
    50501 | 0 | 10 | 0.00% | 10; a score of 10 for spending (next to) nothing fits no scoring rule."""
    kinds = funds_kinds("资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:")
    assert list(_funds_splits("505010100.00%10", kinds, None)) == [("50", "50", "10", "100.00%", "10")]
