"""TB004 execution-score-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from drafter.check.facts import CheckContext, Facts, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num, pct
from drafter.check.rules.table._funds import split_funds
from drafter.findings import Finding, Severity

HUNDRED = Decimal(100)


def _proportional(ctx: CheckContext) -> bool:
    """Unless the rubric says otherwise, 预算执行率 is scored rate × points (财预〔2020〕10号)."""
    rubric = ctx.rubric
    if rubric is None or not hasattr(rubric, "walk"):
        return True
    for _, ind in rubric.walk():
        if ind.matches("预算执行率") and ind.scoring is not None:
            return ind.scoring.method == "proportional"
    return True


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        The 预算执行率 score of a 项目支出自评表 that is not 执行率 × 分值 (capped at the 分值):
        full marks kept at an execution rate below 100%, or a score that does not follow from the
        stated rate.

    Why it matters:
        The national form scores budget execution proportionally; it is the one score a reviewer
        can recompute in seconds, and the most common one left at full marks.

    Example:
        年度资金总额 | 120.00 | 108.00 | 分值 10 | 执行率 90% | 得分 10

    What to write instead:
        得分 = 90% × 10 = 9 分.
    """
    if not _proportional(ctx):
        return
    total, _ = split_funds(facts)
    rows = [total] if total is not None else list(facts.funds[:1])
    for row in rows:
        if row is None or row.max is None or row.score is None:
            continue
        if row.rate is not None:
            rate, rate_slack = row.rate, half_unit(row.rate)
        elif row.budget and row.actual is not None:
            rate, rate_slack = row.actual / row.budget * HUNDRED, Decimal(0)
        else:
            continue
        expected = min(rate / HUNDRED * row.max, row.max)
        slack = half_unit(row.score) + rate_slack / HUNDRED * row.max + ctx.tolerances.score
        if abs(expected - row.score) <= slack:
            continue
        shown = expected.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        yield finding(
            "TB004",
            Severity.ERROR,
            f"预算执行率得分为 {num(row.score)} 分，按执行率 {pct(rate)} × 分值 {num(row.max)} 应为 {num(shown, trim=True)} 分",
            row.source,
            expected=f"{pct(rate)} × {num(row.max)} = {num(shown, trim=True)}（不超过分值）",
            found=num(row.score),
            hint="预算执行率得分 = 执行率 × 分值，最高不超过分值；请按此改正得分和总分。",
        )


RULE = Rule(
    code="TB004",
    name="execution-score-mismatch",
    family="table",
    severity=Severity.ERROR,
    title="预算执行率得分不等于执行率×分值",
    func=check,
)
