"""Figure rules and approximate figures (约/余/多/近/超过): an honest approximation agrees when the
true value lies within its bound (约 ±5 %; 余: at least the figure, below its next unit)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext, Figure, Source
from drafter.check.rules.figures import RULES
from drafter.read import document_from_text
from tests.conftest import SEED

CTX = CheckContext()


def _codes(old: str, new: str) -> list[tuple[str, int | None]]:
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    facts = extract_facts(document_from_text(text.replace(old, new, 1)))
    return [(f.code, f.line) for rule in RULES for f in rule.run(facts, CTX) if f.code != "FG005"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # honest: 649.23 + 2466.04 = 3115.27 lies in each range
        ("实际支出总额3115.27万", "实际支出总额3100余万", []),
        ("实际支出总额3115.27万", "实际支出总额3100多万", []),
        ("实际支出总额3115.27万", "实际支出总额约3100万", []),
        ("实际支出总额3115.27万", "实际支出总额3000万左右", []),
        ("实际支出总额3115.27万", "实际支出总额近3200万", []),
        ("在编人员共20人", "在编人员共20余人", []),
        ("固定资产利用率达到100%", "固定资产利用率约为100%", []),
        ("实际在用固定资产总额95.6万", "实际在用固定资产总额约95万", []),
        # wrong: the true value lies outside
        ("实际支出总额3115.27万", "实际支出总额3200余万", [("FG001", 25), ("FG004", 25)]),  # above 3115.48
        ("实际支出总额3115.27万", "实际支出总额约2900万", [("FG001", 25)]),
        ("实际支出总额3115.27万", "实际支出总额超过3300万", [("FG001", 25), ("FG004", 25)]),
        ("在编人员共20人", "在编人员共30余人", [("FG001", 14)]),
        ("固定资产利用率达到100%", "固定资产利用率约为90%", [("FG003", 48)]),
        ("实际在用固定资产总额95.6万", "实际在用固定资产总额约85万", [("FG003", 48)]),
    ],
)
def test_an_approximation_agrees_within_its_bound(old: str, new: str, expected) -> None:
    assert _codes(old, new) == expected


def _breakdown_codes(first: str) -> list[str]:
    text = f"2023年度支付甲工程进度款{first}，支付乙工程进度款1572.15万元，合计2890.35万元。"
    facts = extract_facts(document_from_text(text))
    return [f.code for rule in RULES for f in rule.run(facts, CTX) if f.code == "FG001"]


@pytest.mark.parametrize(
    ("first", "fires"),
    [
        ("1318.20万元", False),
        ("1300余万元", False),
        ("约1300万元", False),
        ("1400余万元", True),
        ("1310.00万元", True),
    ],
)
def test_listed_parts_may_be_approximate(first: str, fires: bool) -> None:
    assert bool(_breakdown_codes(first)) is fires


@pytest.mark.parametrize(
    ("value", "approx", "low", "high"),
    [
        ("3100", "more", "3100", "3200"),
        ("30", "more", "30", "40"),
        ("2.5", "more", "2.5", "2.6"),
        ("100", "near", "95", "100"),
        ("100", "over", "100", "105"),
    ],
)
def test_figure_bounds(value: str, approx: str, low: str, high: str) -> None:
    fig = Figure("spend.actual", "实际支出", D(value), "万元", Source(line=1), approx=approx)
    assert fig.bounds == (D(low), D(high))


def test_figure_bounds_of_an_exact_figure_are_its_rounding_and_follow_the_unit() -> None:
    assert Figure("spend.actual", "", D("3115.27"), "万元", Source(line=1)).bounds == (
        D("3115.265"),
        D("3115.275"),
    )
    low, high = Figure("spend.actual", "", D("0.31"), "亿元", Source(line=1), approx="more").bounds
    assert (low, high) == (D("3100"), D("3200"))
    low, high = Figure("spend.actual", "", D("3100"), "万元", Source(line=1), approx="about").bounds
    assert abs(low - D("2952.38")) < D("0.01") and abs(high - D("3263.16")) < D("0.01")


def test_the_llm_post_check_keeps_an_honest_approximation_and_undoes_a_wrong_one() -> None:
    """The whole-draft check after polishing: "预算执行率约为100%" (99.99%) is no new finding, so the
    rewrite stays; "约为90%" is one, so that section falls back to its offline text."""
    from drafter.data.load import load_data
    from drafter.draft.report import draft_report
    from drafter.llm.postcheck import post_check
    from tests.conftest import REPO

    report = draft_report(load_data(REPO / "examples" / "yangxi-2023" / "data.yaml"))
    (section,) = [s for s in report.sections if "预算执行率为99.99%" in s.text]
    for stated, undone in (("约为100%", False), ("约为90%", True)):
        texts = {section.key: section.text.replace("为99.99%", stated)}
        fallbacks, remaining = post_check(report, texts)
        assert (section.key in fallbacks) is undone, fallbacks
        assert remaining == []
