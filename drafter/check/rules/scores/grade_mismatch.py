"""SC007 grade-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.scores._common import DEFAULT_GRADES
from drafter.findings import Finding, Severity


def _bands(rubric: object) -> tuple[tuple[str, Decimal], ...]:
    grades = getattr(rubric, "grades", None)
    if grades:
        return tuple(sorted(((g.name, g.min_score) for g in grades), key=lambda g: g[1], reverse=True))
    return DEFAULT_GRADES


def grade_for(total: Decimal, rubric: object = None) -> str:
    """The grade a total earns (the rubric's bands, else 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差)."""
    for name, low in _bands(rubric):
        if total >= low:
            return name
    return _bands(rubric)[-1][0]


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A stated grade (等级为“优”) that the total self score does not earn under the rubric's
        bands, or by default 优 ≥ 90, 良 80–89, 中 60–79, 差 < 60.

    Why it matters:
        The grade is what summaries and rankings use; a grade above the score overstates the
        result, a grade below it is usually left from last year's text.

    Example:
        自评得分为86分，评价等级为“优”。

    What to write instead:
        State the grade the total earns: 自评得分为86分，评价等级为“良”。
    """
    if not facts.grades:
        return
    if facts.total is not None:
        total, basis = facts.total.value, f"自评总分 {num(facts.total.value)} 分"
    else:
        top = facts.scored_top()
        if not top:
            return
        total = sum((n.score for n in top if n.score is not None), Decimal(0))
        basis = f"各指标得分合计 {num(total)} 分"
    expected = grade_for(total, ctx.rubric)
    for g in facts.grades:
        if g.grade == expected:
            continue
        yield finding(
            RULE,
            Severity.ERROR,
            f"所述等级“{g.grade}”与{basis}不符，应为“{expected}”",
            g.source,
            expected=f"“{expected}”（{basis}）",
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
