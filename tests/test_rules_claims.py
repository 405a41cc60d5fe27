"""Claims rules (CL001–CL003) on hand-built Facts, so each rule is tested apart from extraction."""

from __future__ import annotations

from decimal import Decimal as D

from drafter.check.facts import CheckContext, Claim, Facts, Figure, ScoreNode, Source
from drafter.check.rules.claims import (
    comparison_contradicted,
    completion_contradicted,
    no_problem_despite_deduction,
)


def src(line: int, quote: str = "") -> Source:
    return Source(line=line, col=1, quote=quote or f"第{line}行")


def fig(key: str, value: str, line: int, label: str = "", unit: str = "万元") -> Figure:
    return Figure(key=key, label=label or key, value=D(value), unit=unit, source=src(line))


def compare(line: int, left: str, op: str, right: str) -> Claim:
    return Claim(kind="compare", text="实际支出数小于预算", source=src(line), left=left, op=op, right=right)


CTX = CheckContext()


def run(rule, facts: Facts):  # type: ignore[no-untyped-def]
    return rule.RULE.run(facts, CTX)


class TestComparison:
    def test_claim_that_holds_is_silent(self) -> None:
        facts = Facts(
            figures=(
                fig("sangong.budget", "13.00", 25, "三公经费预算"),
                fig("sangong.actual", "6.20", 25, "三公经费实际"),
            ),
            claims=(compare(51, "sangong.actual", "<", "sangong.budget"),),
        )
        assert run(comparison_contradicted, facts) == []

    def test_less_or_equal_holds_at_equality_within_rounding(self) -> None:
        facts = Facts(
            figures=(fig("public.budget", "27.00", 25), fig("public.actual", "27.00", 25)),
            claims=(compare(51, "public.actual", "<=", "public.budget"),),
        )
        assert run(comparison_contradicted, facts) == []

    def test_contradicted_claim_fires_with_both_figures(self) -> None:
        facts = Facts(
            figures=(
                fig("sangong.budget", "13.00", 25, "三公经费预算"),
                fig("sangong.actual", "14.20", 25, "三公经费实际"),
            ),
            claims=(compare(51, "sangong.actual", "<", "sangong.budget"),),
        )
        (f,) = run(comparison_contradicted, facts)
        assert (f.code, f.line, f.severity.value) == ("CL001", 51, "error")
        assert f.message == "文中称三公经费实际支出小于三公经费预算，但所列数字为 14.20万元 大于 13.00万元"
        assert "第25行" in (f.found or "")

    def test_strict_less_fails_at_equality(self) -> None:
        facts = Facts(
            figures=(fig("sangong.budget", "13.00", 25), fig("sangong.actual", "13.00", 25)),
            claims=(compare(51, "sangong.actual", "<", "sangong.budget"),),
        )
        assert [f.code for f in run(comparison_contradicted, facts)] == ["CL001"]

    def test_missing_figure_or_other_units_is_silent(self) -> None:
        facts = Facts(
            figures=(fig("sangong.budget", "13.00", 25), fig("sangong.actual", "14", 25, unit="%")),
            claims=(
                compare(51, "sangong.actual", "<", "sangong.budget"),
                compare(52, "public.actual", "<", "public.budget"),
            ),
        )
        assert run(comparison_contradicted, facts) == []

    def test_yuan_and_wanyuan_compare_as_money(self) -> None:
        facts = Facts(
            figures=(fig("sangong.budget", "13.00", 25), fig("sangong.actual", "142000", 25, unit="元")),
            claims=(compare(51, "sangong.actual", "<", "sangong.budget"),),
        )
        assert [f.code for f in run(comparison_contradicted, facts)] == ["CL001"]

    def test_rounding_allowance_is_in_wanyuan_like_the_amounts(self) -> None:
        # 270500元 is 27.05万元, stated to the 元: 0.05万元 over 27.00万 is no rounding.
        over = Facts(
            figures=(fig("public.budget", "27.00", 25), fig("public.actual", "270500", 25, unit="元")),
            claims=(compare(51, "public.actual", "<=", "public.budget"),),
        )
        assert [f.code for f in run(comparison_contradicted, over)] == ["CL001"]
        # 0.32亿元 is stated to 0.01亿元 (±50万元): 3215.36万 is not shown to exceed it.
        coarse = Facts(
            figures=(fig("budget.adjusted", "0.32", 25, unit="亿元"), fig("spend.actual", "3215.36", 25)),
            claims=(compare(51, "spend.actual", "<=", "budget.adjusted"),),
        )
        assert run(comparison_contradicted, coarse) == []


def claim(kind: str, text: str, line: int) -> Claim:
    return Claim(kind=kind, text=text, source=src(line))


class TestCompletion:
    def test_sweeping_claim_beside_unfinished_work_fires_once_per_line(self) -> None:
        facts = Facts(
            claims=(
                claim("unfinished", "已完成总施工形象进度的65%", 17),
                claim("unfinished", "暂未验收", 18),
                claim("unfinished", "暂未验收", 18),
                claim("complete", "所有部门的预算项目都按时完成", 53),
                claim("complete", "完成率100%", 53),
                claim("complete", "完成验收", 46),
            ),
            scores=(ScoreNode(name="预算编制", level=2, source=src(31)),),
        )
        found = run(completion_contradicted, facts)
        assert [(f.code, f.line) for f in found] == [("CL002", 53), ("CL002", 46)]
        assert "所有部门的预算项目都按时完成、完成率100%" in found[0].message
        assert "第17行" in (found[0].found or "") and "第18行" in (found[0].found or "")

    def test_no_unfinished_work_is_silent(self) -> None:
        facts = Facts(claims=(claim("complete", "所有项目按时完成", 53),))
        assert run(completion_contradicted, facts) == []

    def test_claim_about_one_work_is_not_sweeping(self) -> None:
        facts = Facts(claims=(claim("unfinished", "暂未验收", 18), claim("complete", "已完成成果编制", 19)))
        assert run(completion_contradicted, facts) == []

    def test_claim_qualified_on_its_own_line_is_silent(self) -> None:
        facts = Facts(claims=(claim("unfinished", "暂未验收", 30), claim("complete", "全部完工", 30)))
        assert run(completion_contradicted, facts) == []

    def test_unfinished_work_in_another_sentence_of_the_line_fires(self) -> None:
        # "本年度各项工作已全部完工。监测站暂未验收。" and the shortfall first: "监测站暂未验收。其他…"
        # is caught by the exception words at extraction; here the order within the line is free
        for first, second in ((0, 1), (1, 0)):
            facts = Facts(
                claims=(
                    Claim("complete", "全部完工", src(30, "各项工程已全部完工"), sentence=first),
                    Claim("unfinished", "暂未验收", src(30), sentence=second),
                )
            )
            assert [(f.code, f.line) for f in run(completion_contradicted, facts)] == [("CL002", 30)]


def quoted(kind: str, text: str, line: int, quote: str) -> Claim:
    return Claim(kind=kind, text=text, source=Source(line=line, col=1, quote=quote))


class TestNamedWork:
    def test_claim_about_one_named_work_ignores_other_works(self) -> None:
        facts = Facts(
            claims=(
                quoted("complete", "已验收", 20, "2023年度高标准农田建设项目已验收"),
                quoted("unfinished", "滞后", 48, "冷链物流中心项目进度滞后"),
            )
        )
        assert run(completion_contradicted, facts) == []

    def test_claim_about_one_named_work_meets_that_works_shortfall(self) -> None:
        facts = Facts(
            claims=(
                quoted("complete", "已验收", 20, "2023年度高标准农田建设项目已验收"),
                quoted("unfinished", "尚未验收", 48, "高标准农田建设项目二期尚未验收"),
            )
        )
        assert [(f.code, f.line) for f in run(completion_contradicted, facts)] == [("CL002", 20)]

    def test_general_acceptance_claim_in_the_analysis_meets_any_shortfall(self) -> None:
        facts = Facts(
            claims=(
                quoted("complete", "完成验收", 46, "项目招投标、调整、完成验收履行相关的手续"),
                quoted("unfinished", "暂未验收", 18, "暂未验收"),
            ),
            scores=(ScoreNode(name="项目管理", level=2, source=src(45)),),
        )
        assert [(f.code, f.line) for f in run(completion_contradicted, facts)] == [("CL002", 46)]

    def test_general_acceptance_claim_in_the_work_description_is_silent(self) -> None:
        facts = Facts(
            claims=(
                quoted("complete", "通过验收", 4, "2023年度完工并通过验收"),
                quoted("unfinished", "完成总工程量的80%", 5, "县城环路改造工程完成总工程量的80%"),
            ),
            scores=(ScoreNode(name="预算编制", level=2, source=src(14)),),
        )
        assert run(completion_contradicted, facts) == []


def node(name: str, mx: str, score: str, line: int) -> ScoreNode:
    return ScoreNode(name=name, level=2, source=src(line), max=D(mx), score=D(score))


class TestNoProblem:
    def test_no_problem_beside_deduction_fires(self) -> None:
        facts = Facts(
            scores=(node("资金管理", "20", "16", 42),), claims=(claim("no_problem", "存在问题：无", 59),)
        )
        (f,) = run(no_problem_despite_deduction, facts)
        assert (f.code, f.line) == ("CL003", 59)
        assert f.found == "资金管理 16/20分"

    def test_full_marks_is_silent(self) -> None:
        facts = Facts(
            scores=(node("资金管理", "20", "20", 42),), claims=(claim("no_problem", "存在问题：无", 59),)
        )
        assert run(no_problem_despite_deduction, facts) == []

    def test_problems_named_is_silent(self) -> None:
        assert run(no_problem_despite_deduction, Facts(scores=(node("资金管理", "20", "16", 42),))) == []
