"""SC007 grade-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.scores._common import DEFAULT_GRADES
from drafter.findings import Finding, Severity


def _bands(rubric: object, stated: tuple[tuple[str, Decimal], ...] = ()) -> tuple[tuple[str, Decimal], ...]:
    grades = getattr(rubric, "grades", None)
    if grades:
        return tuple(sorted(((g.name, g.min_score) for g in grades), key=lambda g: g[1], reverse=True))
    return stated or DEFAULT_GRADES


def grade_for(total: Decimal, rubric: object = None, stated: tuple[tuple[str, Decimal], ...] = ()) -> str:
    """The grade a total earns: the rubric's bands, else those the report states, else 优 ≥ 90,
    良 ≥ 80, 中 ≥ 60, 差."""
    bands = _bands(rubric, stated)
    for name, low in bands:
        if total >= low:
            return name
    return bands[-1][0]


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A stated grade (优/良/中/差) that the total self score does not earn.

    What it finds:
        报告写明的评价等级（如“评价等级为‘优’”，也识别“优秀、良好、合格、不合格”“一等至四等”“A至D档”
        及“自评等级、评级、等次、评价结果、自评为、评为”等说法）与总分应得的等级不符。等级区间取 --rubric 指标体系规定的；没有时
        取报告自己写明的区间（如“90分（含）以上为优，80-89分为良，60-79分为中，60分以下为差”）；都没有
        时按优 ≥ 90分、良80～89分、中60～79分、差 < 60分。“优秀”按优、“良好”按良、“合格”按中、“不合格”按差对待，一等至四等、A至D档依次按优、良、中、差对待。

        总分取报告写明的自评总分；没有写明时，取各项指标得分之和。等级紧跟在一个得分之后写的（如“评价分
        值:88.64分评价等级:良”，或自评表中“自评分值 | 100 | 自评等级 | 优”），按那个得分核对。报告没有写
        等级时不检查；“21个项目评为一等”是按等级统计的项目数，不是报告自己的等级，不检查。

    Why it matters:
        汇总和排名都用等级。等级高于得分，夸大了评价结果；等级低于得分，往往是往年报告的文字没有改。

    Example:
        会报告：
        本单位2023年度部门整体支出绩效自评得分为86分，评价等级为“优”。
        不报告：
        本单位2023年度部门整体支出绩效自评得分为96分，评价等级为“优”。

    What to write instead:
        写总分所在区间的等级：“自评得分为86分，评价等级为‘良’。”
    """
    if not facts.grades:
        return
    total: Decimal | None = None
    basis = ""
    if facts.total is not None:
        total, basis = facts.total.value, f"自评总分 {num(facts.total.value)} 分"
    else:
        top = facts.scored_top()
        if top:
            total = sum((n.score for n in top if n.score is not None), Decimal(0))
            basis = f"各指标得分合计 {num(total)} 分"
    for g in facts.grades:
        if g.score is not None and g.score != total:
            score, why = g.score, f"同处所写的得分 {num(g.score)} 分"
        else:
            score, why = total, basis
        if score is None:
            continue
        expected = grade_for(score, ctx.rubric, facts.grade_bands)
        if g.grade == expected:
            continue
        yield finding(
            RULE,
            Severity.ERROR,
            f"所述等级“{g.grade}”与{why}不符，应为“{expected}”",
            g.source,
            expected=f"“{expected}”（{why}）",
            found=f"“{g.grade}”",
            hint="按总分所在的等级区间写明等级，或核对总分。",
        )


RULE = Rule(
    code="SC007",
    name="grade-mismatch",
    family="scores",
    severity=Severity.ERROR,
    title="所述等级与总分不符",
    func=check,
)
