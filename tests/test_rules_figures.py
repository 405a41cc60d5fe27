"""Figure rules FG001–FG005: docs and the sample (their fixtures: tests/test_registry.py)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext, Claim, Facts, Figure, Source, Tolerances, half_unit
from drafter.check.rules.figures import RULES, rate_mismatch
from drafter.read import document_from_text, read_document
from tests._rule_fixtures import family_tests
from tests.conftest import SEED

CTX = CheckContext()


test_rule_docs_and_codes = family_tests(RULES, "FG", "figures")


def test_sample_only_the_payments_fault() -> None:
    facts = extract_facts(read_document(SEED))
    found = [f for rule in RULES for f in rule.run(facts, CTX)]
    assert [(f.code, f.line) for f in found] == [("FG005", 27)]
    (f,) = found
    assert f.found == "1318.20 + 1572.15 = 2890.35 万元"
    assert "2466.04" in (f.expected or "")
    assert f.quote.startswith("2023年度按工程量支付阳西高新区食品产业园基础设施（一期）项目进度款1318.20万元")


def _sample_codes(old: str, new: str) -> list[tuple[str, int | None]]:
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    facts = extract_facts(document_from_text(text.replace(old, new, 1)))
    return [(f.code, f.line) for rule in RULES for f in rule.run(facts, CTX) if f.code != "FG005"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # 649.23 + 2466.05 = 3115.28 may be 3115.27 rounded (XBRL: half a cent per figure); two cents may not
        ("项目支出2466.04万", "项目支出2466.05万", []),
        ("项目支出2466.04万", "项目支出2466.06万", [("FG001", 25)]),
        ("事业编5人", "事业编6人", [("FG001", 14)]),
        ("实际在用固定资产总额95.6万", "实际在用固定资产总额95.4万", [("FG003", 48)]),
        ("实际支出总额3115.27万", "实际支出总额3215.27万", [("FG001", 25), ("FG004", 25)]),
        ("实际支出总额6.20万", "实际支出总额16.20万", [("FG004", 25)]),
        ("设4个正股级内设机构", "设5个正股级内设机构", [("FG002", 8)]),
    ],
)
def test_single_changed_number_is_caught(old: str, new: str, expected) -> None:
    assert _sample_codes(old, new) == expected


def _fig(key: str, value: str, line: int = 1) -> Figure:
    return Figure(key, key, D(value), "万元", Source(line=line))


@pytest.mark.parametrize(
    ("in_use", "total", "stated", "fires"),
    [
        ("95.6", "95.6", "100", False),
        ("95.4", "95.6", "100", True),  # 99.79%: "100%" claims all, it is not a rounded 99.5
        ("95.58", "95.6", "100", False),  # 99.979%: within the figures' own rounding
        ("200.00", "300.00", "66.67", False),
        ("200.00", "300.00", "66.6", True),
        ("200.00", "300.00", "67", False),  # a whole percent may be rounded by half a point
        ("2.0", "3.0", "66.6", False),  # figures to one decimal carry ±2.8 points into the rate
    ],
)
def test_rate_tolerance_follows_stated_precision(in_use: str, total: str, stated: str, fires: bool) -> None:
    claim = Claim("rate", f"利用率达到{stated}%", Source(line=1), subject="assets", value=D(stated))
    facts = Facts(figures=(_fig("assets.in_use", in_use), _fig("assets.total", total)), claims=(claim,))
    assert bool(rate_mismatch.RULE.run(facts, CTX)) is fires


def test_execution_rate_accepts_either_base() -> None:
    claim = Claim("rate", "预算执行率为763.28%", Source(line=1), subject="spend", value=D("763.28"))
    figs = (
        _fig("spend.actual", "3115.27"),
        _fig("budget.adjusted", "3115.48"),
        _fig("budget.initial", "408.14"),
    )
    assert rate_mismatch.RULE.run(Facts(figures=figs, claims=(claim,)), CTX) == []


def test_tolerances_are_named_and_explicit() -> None:
    tol = Tolerances()
    assert tol.sum_ok([D("649.23"), D("2466.04")], D("3115.27"))
    assert tol.sum_ok([D("649.23"), D("2466.04")], D("3115.28"))  # within 3 × 0.005
    assert not tol.sum_ok([D("649.23"), D("2466.04")], D("3115.29"))
    assert tol.scores_ok([D(4), D(4)], D(8)) and not tol.scores_ok([D(4), D(3)], D(8))
    assert tol.scores_ok([D("33.33"), D("33.33"), D("33.33")], D(100))  # each may be 33.333…
    assert not tol.scores_ok([D("33.33"), D("33.33"), D("33.32")], D(100))
    assert tol.scores_ok([D("33.33"), D("33.33"), D("33.34")], D(100))


# --- rounding allowances in 万元: figures written in 元 or 亿元 --------------------------------------


def _codes(*lines: str) -> list[tuple[str, int | None]]:
    facts = extract_facts(document_from_text("\n".join(("（三）部门整体支出情况。", *lines))))
    return [(f.code, f.line) for rule in RULES for f in rule.run(facts, CTX)]


def test_allowance_is_half_the_last_written_place_in_wanyuan() -> None:
    def allowance(value: str, unit: str) -> D:
        return Figure("amount", "x", D(value), unit, Source(line=1)).allowance

    assert allowance("3115.27", "万元") == D("0.005")
    assert allowance("32153000", "元") == D("0.00005")  # 0.5元, not the 0.05万 of 3215.3万
    assert allowance("0.32", "亿元") == D(50)  # 0.005亿元, not the 0.005万 of 3200.00万
    assert allowance("20", "人") == D("0.5")
    assert allowance("6492", "千元") == D("0.05")  # 0.5千元
    assert allowance("35", "百万元") == D(50)  # 0.5百万元
    assert allowance("3.1", "千万元") == D(50)  # 0.05千万元


def _half_unit_by_tuple(value: D) -> D:
    exp = value.as_tuple().exponent
    return D(0) if not isinstance(exp, int) else D(5).scaleb(exp - 1)


@example(D("1E+2"))
@example(D("0.00000001"))
@example(D("-0.0"))
@example(D("NaN"))
@example(D("-Infinity"))
@given(st.decimals(allow_nan=True, allow_infinity=True) | st.decimals(places=3))
def test_half_unit_is_half_the_last_written_place(value: D) -> None:
    """half_unit reads the exponent from the text: the very Decimal as_tuple gives, any exponent."""
    got, want = half_unit(value), _half_unit_by_tuple(value)
    assert (got, str(got)) == (want, str(want))


@pytest.mark.parametrize(
    ("value", "unit", "wan"),
    [
        ("6492.3", "千元", "649.23"),
        ("500", "千元", "50"),
        ("35", "百万元", "3500"),
        ("1.2", "千万元", "1200"),
        ("32153000", "元", "3215.3"),
    ],
)
def test_money_units_convert_to_wanyuan(value: str, unit: str, wan: str) -> None:
    fig = Figure("spend.basic", "基本支出", D(value), unit, Source(line=1))
    assert fig.wan == D(wan)
    assert fig.amount_unit == "万元"
    assert fig.comparable(_fig("spend.actual", "3115.27"))


_PROJECT = "本单位2023年度实际支出总额3115.27万，其中基本支出总额649.23万，项目支出{}。"
_PAID = "2023年度支付食品产业园基础设施（一期）项目进度款{}，支付绿色食品产业园基础设施项目（一期）进度款{}。"


@pytest.mark.parametrize(
    ("project", "first", "second", "expected"),
    [
        # 300元 over, each figure stated to the 元 (±0.5元): no rounding explains it
        ("24660400元", "13182000元", "11478700元", [("FG005", 3)]),
        ("2466.04万", "13182000元", "11478700元", [("FG005", 3)]),  # 2466.04万 is ±50元 only
        # 49元 over 2466.04万 (±50元): within the total's own rounding
        ("2466.04万", "13182000元", "11478449元", []),
        ("24660400元", "13182000元", "11478400元", []),
        # 0.24亿元 is stated to 0.01亿元 (±50万元): 2438.20万 may be paid out of it
        ("0.24亿元", "1318.20万元", "1120.00万元", []),
        ("0.24亿元", "1318.20万元", "1172.15万元", [("FG005", 3)]),  # 90.35万 over: beyond rounding
    ],
)
def test_payments_allowance_is_in_wanyuan(project: str, first: str, second: str, expected) -> None:
    found = [c for c in _codes(_PROJECT.format(project), _PAID.format(first, second)) if c[0] == "FG005"]
    assert found == expected


def test_payments_written_in_yuan_are_shown_as_written() -> None:
    facts = extract_facts(
        document_from_text(
            "\n".join((_PROJECT.format("24660400元"), _PAID.format("13182000元", "11478700元")))
        )
    )
    (f,) = [f for rule in RULES for f in rule.run(facts, CTX)]
    assert f.found == "1318.2 + 1147.87 = 2466.07 万元（原文 13182000元、11478700元）"
    assert f.expected == "不超过 2466.04 万元（项目支出，第1行）（原文 24660400元）"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # 956000元 ÷ 1000000元 = 95.6% exactly: the figures are stated to the 元, not to 0.5万
        ("实际在用固定资产总额956000元，所有固定资产总额1000000元，固定资产利用率为95.7%。", [("FG003", 2)]),
        ("实际在用固定资产总额956000元，所有固定资产总额1000000元，固定资产利用率为95.6%。", []),
        # 0.32亿元 is ±50万元: 3115.27 ÷ 3180.20 = 97.96% fits it, as does 3115.27 ÷ 3200 = 97.35%
        ("预算调整总额0.32亿元，实际支出总额3115.27万，预算执行率为97.96%。", []),
        ("预算调整总额0.32亿元，实际支出总额3115.27万，预算执行率为97.35%。", []),
        # but not 3115.27 ÷ 3000 (103.84%): 0.32亿元 cannot be read as 3000万
        ("预算调整总额0.32亿元，实际支出总额3115.27万，预算执行率为103.84%。", [("FG003", 2)]),
    ],
)
def test_rate_allowance_is_in_wanyuan(line: str, expected) -> None:
    assert [c for c in _codes(line) if c[0] == "FG003"] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # 100元 off, all stated to the 元 (±1.5元 together)
        ("实际支出总额31152700元，其中基本支出总额6492300元，项目支出24660500元。", [("FG001", 2)]),
        ("实际支出总额31152700元，其中基本支出总额6492300元，项目支出24660400元。", []),
        # 0.31亿元 is ±50万元: 649.23 + 2466.04 = 3115.27 rounds to it
        ("实际支出总额0.31亿元，其中基本支出总额649.23万，项目支出2466.04万。", []),
        ("实际支出总额0.30亿元，其中基本支出总额649.23万，项目支出2466.04万。", [("FG001", 2)]),
    ],
)
def test_parts_sum_allowance_is_in_wanyuan(line: str, expected) -> None:
    assert [c for c in _codes(line) if c[0] == "FG001"] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # 决算 tables in 千元: 6492.3千元 is 649.23万, and 649.23 + 2466.04 = 3115.27
        ("实际支出总额3115.27万，其中基本支出总额6492.3千元，项目支出2466.04万。", []),
        ("本单位基本支出6492.3千元。实际支出总额3115.27万，项目支出2466.04万。", []),
        ("基本支出总额6492.3千元，项目支出24660.4千元，实际支出总额31152.7千元。", []),
        # 1万 (10千元) off, each stated to 0.1千元 (±0.005万)
        ("实际支出总额3115.27万，其中基本支出总额6592.3千元，项目支出2466.04万。", [("FG001", 2)]),
        # 31百万元 (0.5百万元) and 3.1千万元 (0.05千万元) are ±50万元: 3115.27 rounds to both
        ("实际支出总额31百万元，其中基本支出总额649.23万，项目支出2466.04万。", []),
        ("实际支出总额30百万元，其中基本支出总额649.23万，项目支出2466.04万。", [("FG001", 2)]),
        ("实际支出总额3.1千万元，其中基本支出总额649.23万，项目支出2466.04万。", []),
        ("实际支出总额3.0千万元，其中基本支出总额649.23万，项目支出2466.04万。", [("FG001", 2)]),
    ],
)
def test_parts_sum_reads_qianyuan_and_baiwan(line: str, expected) -> None:
    assert [c for c in _codes(line) if c[0] == "FG001"] == expected


@pytest.mark.parametrize(
    ("basic", "expected"),
    [("其中基本支出总额6492.3千元。", []), ("其中基本支出总额6592.3千元。", [("FG001", 3)])],
)
def test_a_line_whose_only_figure_is_in_qianyuan_is_read(basic: str, expected) -> None:
    assert [
        c for c in _codes("实际支出总额3115.27万，项目支出2466.04万，", basic) if c[0] == "FG001"
    ] == expected


def test_parts_sum_in_qianyuan_shows_wanyuan_and_the_figure_as_written() -> None:
    facts = extract_facts(
        document_from_text("实际支出总额3115.27万，其中基本支出总额6592.3千元，项目支出2466.04万。")
    )
    (f,) = [f for rule in RULES for f in rule.run(facts, CTX) if f.code == "FG001"]
    assert f.found == "659.23 + 2466.04 = 3125.27 万元（原文 6592.3千元）"
    assert f.expected == "3115.27 万元（实际支出总额）"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("三公经费预算总额130000元，实际支出总额130003元。", [("FG004", 2)]),  # 3元 over, stated to the 元
        ("三公经费预算总额130000元，实际支出总额130000元。", []),
        ("预算调整总额3090.00万，实际支出总额0.31亿元。", []),  # 0.31亿元 is ±50万元
        ("预算调整总额3040.00万，实际支出总额0.31亿元。", [("FG004", 2)]),  # 60万 over: beyond it
    ],
)
def test_over_budget_allowance_is_in_wanyuan(line: str, expected) -> None:
    assert [c for c in _codes(line) if c[0] == "FG004"] == expected
