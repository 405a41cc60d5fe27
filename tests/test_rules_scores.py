"""Score rules SC001–SC007: docs and the sample (their fixtures: tests/test_registry.py)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext, Facts, ScoreMention, ScoreNode, Source, StatedTotal
from drafter.check.rules.scores import RULES, grade_mismatch, mention_mismatch
from drafter.read import document_from_text, read_document
from tests._rule_fixtures import family_tests
from tests.conftest import SEED

CTX = CheckContext()


test_rule_docs_and_codes = family_tests(RULES, "SC", "scores")


def _sample_findings():
    facts = extract_facts(read_document(SEED))
    return [f for rule in RULES for f in rule.run(facts, CTX)]


def test_sample_only_the_two_sc006_faults() -> None:
    found = _sample_findings()
    assert [(f.code, f.line) for f in found] == [("SC006", 46), ("SC006", 48)]
    project, assets = found
    assert "按标题得分 8 分计" in project.message and "5 分视为未标明的子项得分或笔误" in project.message
    assert "按标题得分 7 分计" in assets.message and "固定资产利用率" in assets.message
    assert assets.quote.endswith("自评2分")
    assert project.quote.endswith("自评得5分")


def _sample_with(old: str, new: str) -> Facts:
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    return extract_facts(document_from_text(text.replace(old, new, 1)))


def _codes(facts: Facts) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for rule in RULES for f in rule.run(facts, CTX) if f.code != "SC006"]


def test_changed_total_is_caught() -> None:
    assert _codes(_sample_with("自评得分为96分", "自评得分为97分")) == [("SC002", 29)]


def test_changed_child_is_caught() -> None:
    assert _codes(_sample_with("本项自评得4分", "本项自评得3分")) == [("SC001", 35)]


def test_score_above_max_is_caught() -> None:
    facts = _sample_with("指标总分5，自评5分", "指标总分5，自评6分")
    assert ("SC003", 40) in _codes(facts)
    assert ("SC002", 29) in _codes(facts)


def test_unexplained_deduction_is_caught() -> None:
    facts = _sample_with("政府采购实际数大于政府采购计划数，政府采购执行情况不得分。", "严格按规定管理资金。")
    assert _codes(facts) == [("SC005", 42)]


def _node(name: str, score: str, mentions: list[tuple[str, str | None]], mx: str = "8") -> ScoreNode:
    src = Source(line=1, quote=name)
    return ScoreNode(
        name=name,
        level=2,
        source=src,
        max=D(mx),
        score=D(score),
        mentions=tuple(
            ScoreMention(
                value=D(v), label=lab, source=Source(line=2, quote=f"自评{v}分"), phrase=f"自评{v}分"
            )
            for v, lab in mentions
        ),
    )


@pytest.mark.parametrize(
    ("mentions", "fires"),
    [
        ([("4", None), ("4", None)], False),  # unlabelled sub-scores adding up
        ([("8", None)], False),  # restatement
        ([("8", "项目管理")], False),
        ([("3", "项目实施"), ("2", "资金监控")], False),  # partial labelled breakdown
        ([("5", None), ("8", None)], True),
        ([("9", None)], True),  # above the heading: a contradiction
        ([("2", None)], True),
        ([("6", "项目实施"), ("5", "资金监控")], True),  # labelled but exceeding
    ],
)
def test_sc006_readings(mentions, fires: bool) -> None:
    facts = Facts(scores=(_node("项目管理", "8", mentions),))
    found = mention_mismatch.RULE.run(facts, CTX)
    assert bool(found) is fires
    if fires and any(v == "9" for v, _ in mentions):
        assert "不可能是其下子项得分" in found[0].message


@pytest.mark.parametrize(
    ("total", "grade", "fires"),
    [
        ("90", "优", False),
        ("89.5", "优", True),
        ("89.5", "良", False),
        ("60", "中", False),
        ("59", "中", True),
        ("10", "差", False),
    ],
)
def test_grade_bands(total: str, grade: str, fires: bool) -> None:
    from drafter.check.facts import GradeStatement

    facts = Facts(
        total=StatedTotal(D(total), Source(line=1)), grades=(GradeStatement(grade, Source(line=1)),)
    )
    assert bool(grade_mismatch.RULE.run(facts, CTX)) is fires


def test_score_above_the_rubrics_max_when_the_report_states_none() -> None:
    from drafter.check.rules.scores import out_of_range
    from drafter.rubric import load_rubric

    ctx = CheckContext(rubric=load_rubric("gd-county-dept-2023"))
    assert out_of_range.RULE.run(extract_facts(read_document(SEED)), ctx) == []
    facts = _sample_with("在经济性方面，自评分为5分", "在经济性方面，自评分为6分")
    (f,) = out_of_range.RULE.run(facts, ctx)
    assert (f.code, f.line) == ("SC003", 51) and "评价指标体系" in f.message
    assert out_of_range.RULE.run(facts, CTX) == []  # without a rubric the maximum is unknown


def test_the_item_before_a_score_is_looked_for_after_the_last_stop_only() -> None:
    """SC006's _item_before searches the text after the last 。；; before the score: on random
    quotes it finds what the pattern finds searching the whole text before the score."""
    import random

    rnd = random.Random(4)
    pieces = [
        "固定资产",
        "利用",
        "率",
        "满意",
        "度",
        "规范",
        "性",
        "执行",
        "情况",
        "达到100%",
        "，",
        "。",
        "；",
        ";",
        "a",
        " ",
    ]
    for _ in range(5000):
        before = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        mention = ScoreMention(D(2), Source(1, quote=before + "自评2分"), phrase="自评2分")
        whole = mention_mismatch._ITEM_BEFORE.search(before)
        assert mention_mismatch._item_before(mention) == (whole.group(1) if whole else None), before


def test_numbers_are_written_as_format_f_writes_them() -> None:
    """num() takes str()'s text of a Decimal unless it has an exponent: for Decimals of every
    size and precision (and what is no Decimal) it writes what formatting with "f" writes."""
    import random

    from drafter.check.rules._emit import num

    def slow(value: object) -> str:
        text = format(value.quantize(D(1)) if "E+" in str(value) else value, "f")  # type: ignore[attr-defined]
        return text

    rnd = random.Random(8)
    values: list[object] = [D(t) for t in ("0", "-0", "0.00", "1E+2", "1E-7", "0E-3", "NaN", "Infinity")]
    values += [D(rnd.randint(-(10**9), 10**9)).scaleb(rnd.randint(-12, 6)) for _ in range(20000)]
    values += [0, 7]
    for value in values:
        assert num(value) == slow(value), value  # type: ignore[arg-type]
        text = slow(value)
        trimmed = text.rstrip("0").rstrip(".") if "." in text else text
        assert num(value, trim=True) == trimmed, value  # type: ignore[arg-type]
