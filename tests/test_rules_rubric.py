"""Rubric rules (RB001–RB003) on hand-built Facts with the bundled rubrics."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.check.facts import CheckContext, Facts, Figure, ScoreNode, Source, YearMention
from drafter.check.rules.rubric import max_differs, score_contradicts_rule, unknown_indicator
from drafter.rubric import load_rubric


@pytest.fixture(scope="module")
def county() -> CheckContext:
    return CheckContext(rubric=load_rubric("gd-county-dept-2023"))


@pytest.fixture(scope="module")
def national() -> CheckContext:
    return CheckContext(rubric=load_rubric("national-project-2020"))


def src(line: int) -> Source:
    return Source(line=line, col=1, quote=f"第{line}行")


def n(
    name: str,
    mx: str | None,
    score: str | None,
    line: int,
    level: int = 2,
    children: tuple[ScoreNode, ...] = (),
) -> ScoreNode:
    return ScoreNode(
        name=name,
        level=level,
        source=src(line),
        max=D(mx) if mx else None,
        score=D(score) if score else None,
        score_source=src(line) if score else None,
        max_source=src(line) if mx else None,
        children=children,
    )


def fig(key: str, value: str, line: int, label: str) -> Figure:
    return Figure(key=key, label=label, value=D(value), unit="万元", source=src(line))


def sample_tree() -> tuple[ScoreNode, ...]:
    return (
        n(
            "预算编制情况",
            None,
            None,
            31,
            1,
            (n("预算编制", "8", "8", 32), n("目标设置情况", "12", "12", 35)),
        ),
        n(
            "预算执行情况",
            None,
            None,
            39,
            1,
            (n("制度管理", "5", "5", 40), n("资金管理", "20", "16", 42), n("项目管理", "8", "8", 45)),
        ),
        n("预算使用效益", None, None, 49, 1, (n("经济性", None, "5", 50), n("效率性", None, "10", 52))),
    )


def test_sample_tree_matches_the_county_rubric(county: CheckContext) -> None:
    facts = Facts(scores=sample_tree())
    for rule in (max_differs, score_contradicts_rule, unknown_indicator):
        assert rule.RULE.run(facts, county) == []


def test_without_rubric_nothing_runs() -> None:
    facts = Facts(scores=(n("项目管理", "10", "10", 45), n("信息化管理", "5", "5", 46)))
    for rule in (max_differs, score_contradicts_rule, unknown_indicator):
        assert rule.RULE.run(facts, CheckContext()) == []


def test_max_differs(county: CheckContext) -> None:
    (f,) = max_differs.RULE.run(Facts(scores=(n("项目管理", "10", "10", 45),)), county)
    assert (f.code, f.line, f.found) == ("RB001", 45, "10")
    assert f.message == "“项目管理”的分值为 10 分，与指标体系规定的 8 分不符"


def test_unknown_indicator(county: CheckContext) -> None:
    (f,) = unknown_indicator.RULE.run(Facts(scores=(n("信息化管理", "5", "5", 46),)), county)
    assert (f.code, f.line, f.found) == ("RB003", 46, "信息化管理")


def test_execution_rate_full_marks_contradicts_proportional_rule(national: CheckContext) -> None:
    facts = Facts(
        scores=(n("预算执行率", "10", "10", 8, level=1),),
        figures=(
            fig("budget.adjusted", "120.00", 3, "全年预算数"),
            fig("spend.actual", "108.00", 3, "全年执行数"),
        ),
    )
    (f,) = score_contradicts_rule.RULE.run(facts, national)
    assert (f.code, f.line) == ("RB002", 8)
    assert (
        f.message == "“预算执行率”自评 10 分，但全年执行数（B）÷ 全年预算数（A） = 90%，按评分规则最多 9 分"
    )


def test_score_that_follows_the_rule_is_silent(national: CheckContext) -> None:
    facts = Facts(
        scores=(n("预算执行率", "10", "9", 8, level=1),),
        figures=(
            fig("budget.adjusted", "120.00", 3, "全年预算数"),
            fig("spend.actual", "108.00", 3, "全年执行数"),
        ),
    )
    assert score_contradicts_rule.RULE.run(facts, national) == []
    near_full = Facts(
        scores=(n("预算执行率", "10", "10", 8, level=1),),
        figures=(
            fig("budget.adjusted", "3115.48", 3, "调整预算"),
            fig("spend.actual", "3115.27", 3, "实际支出"),
        ),
    )
    assert score_contradicts_rule.RULE.run(near_full, national) == []


def test_linear_deduction_for_sangong_over_budget(county: CheckContext) -> None:
    facts = Facts(
        scores=(n("三公经费控制", "2", "2", 51, level=3),),
        figures=(
            fig("sangong.budget", "10.00", 25, "三公经费预算"),
            fig("sangong.actual", "12.00", 25, "三公经费实际"),
        ),
    )
    # 120% is 20 points over 100%: 0.5 per point takes the 2 points to the floor of 0.
    (f,) = score_contradicts_rule.RULE.run(facts, county)
    assert f.expected is not None and f.expected.startswith("0 分")


def test_names_as_section_four_phrases_them_still_match(county: CheckContext, national: CheckContext) -> None:
    facts = Facts(
        scores=(
            n("部门预算资金支出完成率”指标（分值5分）", "5", "4", 70, level=3),
            n("二是“结转结余率”指标（分值3分）", "3", "2", 70, level=3),
            n("四是“效果性”指标（分值20分）", "20", "19", 70),
        )
    )
    assert unknown_indicator.RULE.run(facts, county) == []
    assert unknown_indicator.RULE.run(Facts(scores=(n("数量指标", None, "20", 5),)), national) == []


def test_project_defined_and_partly_known_levels_are_not_unknown(
    county: CheckContext, national: CheckContext
) -> None:
    project = Facts(
        scores=(
            n(
                "产出指标",
                "50",
                "48",
                12,
                1,
                (n("数量指标", None, None, 13, 2, (n("新建供水管网", "20", "18", 13, 3),)),),
            ),
        )
    )
    assert unknown_indicator.RULE.run(project, national) == []
    county_tree = Facts(scores=(n("资金管理", "20", "18", 42, 2, (n("资金使用效益", "3", "3", 43, 3),)),))
    assert unknown_indicator.RULE.run(county_tree, county) == []
    # 预算执行 lists all its level-2 indicators (5 + 20 + 8 + 7 = 40): a fifth one is unknown.
    listed = Facts(scores=(n("预算执行情况", None, None, 39, 1, (n("信息化管理", "3", "3", 47),)),))
    assert [f.line for f in unknown_indicator.RULE.run(listed, county)] == [47]


def rate_node(score: str, line: int) -> ScoreNode:
    return n("部门预算资金支出完成率", "5", score, line, level=3)


def test_rate_uses_the_figures_nearest_the_indicator(county: CheckContext) -> None:
    # 第3行 is another section's figure; the indicator's own body (line 41) states 500.00 of 500.00.
    facts = Facts(
        scores=(rate_node("5", 42),),
        figures=(
            fig("spend.actual", "300.00", 3, "实际支出"),
            fig("budget.adjusted", "500.00", 3, "调整预算"),
            fig("spend.actual", "500.00", 41, "实际支出"),
        ),
    )
    assert score_contradicts_rule.RULE.run(facts, county) == []
    swapped = Facts(
        scores=(rate_node("5", 42),),
        figures=(
            fig("spend.actual", "500.00", 3, "实际支出"),
            fig("budget.adjusted", "500.00", 3, "调整预算"),
            fig("spend.actual", "480.00", 41, "实际支出"),
        ),
    )
    (f,) = score_contradicts_rule.RULE.run(swapped, county)
    assert f.message.endswith("= 96%，按评分规则最多 4.8 分")


def test_figures_of_another_year_are_not_the_report_years(county: CheckContext) -> None:
    # 2022年度实际支出总额300.00万。本单位2023年度预算调整总额500.00万，实际支出总额500.00万。
    labelled = Facts(
        year=2023,
        scores=(rate_node("5", 3),),
        figures=(
            fig("spend.actual", "300.00", 2, "2022年度实际支出总额"),
            fig("budget.adjusted", "500.00", 2, "本单位2023年度预算调整总额"),
            fig("spend.actual", "500.00", 2, "实际支出总额"),
        ),
    )
    assert score_contradicts_rule.RULE.run(labelled, county) == []
    # The 300.00 is 2022's too, the 480.00 is 2023's: a year heads the figures after it on its line.
    line = "2022年度预算调整总额400.00万，实际支出总额300.00万。本单位2023年度预算调整总额500.00万，实际支出总额480.00万。"
    y2023 = line.index("本单位2023") + 1

    def at(key: str, value: str, label: str, text: str) -> Figure:
        col = line.index(text) + 1
        return Figure(key=key, label=label, value=D(value), unit="万元", source=Source(2, 2, col, text))

    inherited = Facts(
        year=2023,
        scores=(rate_node("5", 3),),
        years=(
            YearMention(2022, "度预算调整总额400.00万", Source(2, 2, 1, "2022年度预算调整总额400.00万")),
            YearMention(
                2023,
                "度预算调整总额500.00万",
                Source(2, 2, y2023, "本单位2023年度预算调整总额500.00万"),
                "本单位",
            ),
        ),
        figures=(
            at("budget.adjusted", "400.00", "2022年度预算调整总额", "2022年度预算调整总额400.00万"),
            at("spend.actual", "300.00", "实际支出总额", "实际支出总额300.00万"),
            at(
                "budget.adjusted",
                "500.00",
                "本单位2023年度预算调整总额",
                "本单位2023年度预算调整总额500.00万",
            ),
            at("spend.actual", "480.00", "实际支出总额", "实际支出总额480.00万"),
        ),
    )
    (f,) = score_contradicts_rule.RULE.run(inherited, county)
    assert f.message.endswith("= 96%，按评分规则最多 4.8 分")
