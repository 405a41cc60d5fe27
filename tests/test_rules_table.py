"""项目支出自评表 rules (TB001–TB004) on hand-built Facts."""

from __future__ import annotations

from decimal import Decimal as D

from drafter.check.facts import CheckContext, Facts, FundsRow, IndicatorRow, Source
from drafter.check.rules.table import (
    execution_rate_mismatch,
    execution_score_mismatch,
    funds_total_mismatch,
    missing_deviation_reason,
)

CTX = CheckContext()


def src(line: int) -> Source:
    return Source(line=line, col=1, quote=f"第{line}行")


def total(
    budget: str | None,
    actual: str | None,
    rate: str | None,
    score: str | None = None,
    mx: str = "10",
    line: int = 3,
) -> FundsRow:
    return FundsRow(
        name="年度资金总额",
        source=src(line),
        budget=D(budget) if budget else None,
        actual=D(actual) if actual else None,
        rate=D(rate) if rate else None,
        max=D(mx),
        score=D(score) if score else None,
    )


def sub(name: str, budget: str | None, actual: str | None, line: int) -> FundsRow:
    return FundsRow(
        name=name,
        source=src(line),
        budget=D(budget) if budget else None,
        actual=D(actual) if actual else None,
    )


class TestRate:
    def test_wrong_rate_fires(self) -> None:
        (f,) = execution_rate_mismatch.RULE.run(Facts(funds=(total("120.00", "108.00", "95"),)), CTX)
        assert (f.code, f.line) == ("TB001", 3)
        assert f.message == "年度资金总额的执行率写为 95%，按全年执行数÷全年预算数应为 90%"

    def test_rounded_rate_is_silent(self) -> None:
        assert execution_rate_mismatch.RULE.run(Facts(funds=(total("300.00", "200.00", "66.67"),)), CTX) == []
        assert execution_rate_mismatch.RULE.run(Facts(funds=(total("300.00", "200.00", "66.7"),)), CTX) == []
        assert execution_rate_mismatch.RULE.run(Facts(funds=(total("300.00", "200.00", "67"),)), CTX) == []

    def test_zero_budget_is_silent(self) -> None:
        assert execution_rate_mismatch.RULE.run(Facts(funds=(total("0", "0", "100"),)), CTX) == []


class TestFundsTotal:
    def test_total_not_sum_fires_per_column(self) -> None:
        funds = (
            total("120.00", "110.00", None),
            sub("其中：本年财政拨款", "100.00", "100.00", 4),
            sub("上年结转资金", "10.00", "10.00", 5),
            sub("其他资金", None, None, 6),
        )
        (f,) = funds_total_mismatch.RULE.run(Facts(funds=funds), CTX)
        assert (f.code, f.line) == ("TB002", 3)
        assert f.message == "年度资金总额的全年预算数为 120.00，但其下各项合计 110.00"

    def test_total_equal_sum_is_silent(self) -> None:
        funds = (
            total("110.00", "110.00", None),
            sub("本年财政拨款", "100.00", "100.00", 4),
            sub("上年结转资金", "10.00", "10.00", 5),
        )
        assert funds_total_mismatch.RULE.run(Facts(funds=funds), CTX) == []


def row(target: str, actual: str, reason: str = "", level2: str = "数量指标") -> IndicatorRow:
    return IndicatorRow(
        source=src(10),
        level1="产出指标",
        level2=level2,
        level3="培训人次",
        target=target,
        actual=actual,
        reason=reason,
    )


class TestDeviation:
    def test_shortfall_without_reason_fires(self) -> None:
        (f,) = missing_deviation_reason.RULE.run(Facts(indicators=(row("≥500人次", "420人次"),)), CTX)
        assert (f.code, f.line, f.found) == ("TB003", 10, "（空）")
        assert f.message == "“培训人次”实际完成值 420人次 未达到年度指标值 ≥500人次，但未填写偏差原因"

    def test_no_and_slash_count_as_empty(self) -> None:
        assert (
            len(
                missing_deviation_reason.RULE.run(
                    Facts(indicators=(row("≥90%", "85%", "无"), row("100%", "80%", "/"))), CTX
                )
            )
            == 2
        )

    def test_reason_given_target_met_or_uncomparable_is_silent(self) -> None:
        rows = (
            row("≥500人次", "420人次", "受疫情影响延期"),
            row("≥500人次", "520人次"),
            row("≤30天", "25天"),
            row("合格", "合格"),
            row("≥90%", "95人次"),
            row("100万元", "90万元", level2="成本指标"),  # cost: lower is better
        )
        assert missing_deviation_reason.RULE.run(Facts(indicators=rows), CTX) == []

    def test_lower_is_better_overrun_fires(self) -> None:
        assert [
            f.code for f in missing_deviation_reason.RULE.run(Facts(indicators=(row("≤30天", "45天"),)), CTX)
        ] == ["TB003"]

    def test_negated_bounds_read_the_right_way(self) -> None:
        at_least = ("不低于90%", "不少于90%", "不小于90%", "≥90%", "90%以上", "至少90%", "不得低于90%")
        at_most = (
            "不高于90%",
            "不超过90%",
            "不大于90%",
            "≤90%",
            "90%以内",
            "90%以下",
            "低于90%",
            "未超过90%",
        )
        for target in at_least:
            assert missing_deviation_reason.target_direction(target) == missing_deviation_reason.AT_LEAST, (
                target
            )
            met, short = row(target, "96%", "无"), row(target, "80%", "无")
            assert [
                f.code for f in missing_deviation_reason.RULE.run(Facts(indicators=(met, short)), CTX)
            ] == ["TB003"], target
            assert missing_deviation_reason.shortfall(short) is True
        for target in at_most:
            assert missing_deviation_reason.target_direction(target) == missing_deviation_reason.AT_MOST, (
                target
            )
            assert missing_deviation_reason.shortfall(row(target, "80%", "无")) is False, target
            assert missing_deviation_reason.shortfall(row(target, "96%", "无")) is True, target
        assert missing_deviation_reason.target_direction("100%") is None


class TestExecutionScore:
    def test_full_marks_below_full_execution_fires(self) -> None:
        (f,) = execution_score_mismatch.RULE.run(Facts(funds=(total("120.00", "108.00", "90", "10"),)), CTX)
        assert (f.code, f.found) == ("TB004", "10")
        assert f.message == "预算执行率得分为 10 分，按执行率 90% × 分值 10 应为 9 分"

    def test_proportional_score_and_cap_are_silent(self) -> None:
        assert (
            execution_score_mismatch.RULE.run(Facts(funds=(total("120.00", "108.00", "90", "9"),)), CTX) == []
        )
        assert (
            execution_score_mismatch.RULE.run(Facts(funds=(total("100.00", "98.56", "98.56", "9.86"),)), CTX)
            == []
        )
        assert (
            execution_score_mismatch.RULE.run(Facts(funds=(total("100.00", "105.00", "105", "10"),)), CTX)
            == []
        )

    def test_a_whole_percent_rate_does_not_widen_the_score_when_b_over_a_is_known(self) -> None:
        # 304 ÷ 320 = 95.0% exactly: 9.5, whatever 95% might have been rounded from
        (f,) = execution_score_mismatch.RULE.run(Facts(funds=(total("320.00", "304.00", "95", "9.6"),)), CTX)
        assert f.message == "预算执行率得分为 9.6 分，按执行率 95% × 分值 10 应为 9.5 分"
        # a score from the stated (rounded) rate, or from B ÷ A, passes
        for stated, given in (("95", "9.5"), ("95", "9.54")):
            funds = (total("300.00", "286.20", stated, given),)  # 95.4%
            assert execution_score_mismatch.RULE.run(Facts(funds=funds), CTX) == []
        # a stated rate alone keeps its rounding allowance
        assert execution_score_mismatch.RULE.run(Facts(funds=(total(None, None, "95", "9.54"),)), CTX) == []

    def test_rate_computed_when_not_stated(self) -> None:
        (f,) = execution_score_mismatch.RULE.run(Facts(funds=(total("200.00", "150.00", None, "10"),)), CTX)
        assert f.expected == "75% × 10 = 7.5（不超过分值）"
