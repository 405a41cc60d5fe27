"""TB004 execution-score-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts, FundsRow, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num, pct
from drafter.check.rules.table._funds import split_funds
from drafter.findings import Finding, Severity
from drafter.numfmt import score

HUNDRED = Decimal(100)
#: the rounding a score written as a whole number may have, in a form written to two places: that
#: of one place (9.96 → 10 passes, 9.5 → 10 does not)
_ONE_PLACE = Decimal("0.05")


def _two_places(row: FundsRow) -> bool:
    """Whether the row writes its rate ("95.00%"), or both its amounts ("120.00", "108.00"), to two
    places or more."""
    if row.rate is not None:
        return _places(row.rate) >= 2
    return (
        row.budget is not None
        and row.actual is not None
        and min(_places(row.budget), _places(row.actual)) >= 2
    )


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0


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
    """The 预算执行率 score of a 项目支出自评表 that is not 执行率 × 分值 (capped at the 分值).

    What it finds:
        项目支出绩效自评表中预算执行率的得分，不等于“执行率 × 分值”（最高为分值）。得分给高了（如执行率
        不到100%仍给满分）或给低了，都会报告。

        只核对资金部分的合计行（“年度资金总额”；认不出合计行时取资金部分第一行）。执行率按“全年执行数（B）
        ÷ 全年预算数（A）”计算，也按表中填写的执行率计算，得分与其中任一相符即可；只填了执行率时，再容许
        执行率本身的四舍五入误差乘以分值。容许得分按其小数位四舍五入的误差；但写成整数的得分若是满分，或表中
        执行率（未填执行率时两项金额）写到两位小数，得分不算取整到个位，只容许一位小数的误差：95% × 10
        = 9.5，写10分（满分）会报告；99.60% × 10 = 9.96，写10分不报告；86% × 10 = 8.6，执行率写到个位
        的表写9分不报告。分值或得分空着的不检查；用 --rubric 指定的指标体系规定预算执行率
        不按比例计分的，本规则不运行。

    Why it matters:
        全国通用的项目支出自评表按比例给预算执行率计分。这是审核人员几秒钟就能复算的一项，也是最常见
        的“执行率不足仍给满分”之处。

    Example:
        会报告（90% × 10 = 9分，表中给10分）：
        资金 | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分
        年度资金总额 | 100.00 | 120.00 | 108.00 | 10 | 90% | 10
        不报告：同一行得分写9。

    What to write instead:
        得分 = 90% × 10 = 9分，并相应改正总分；执行率不足100%的原因写入偏差原因分析。
    """
    if not _proportional(ctx):
        return
    total, _ = split_funds(facts)
    rows = [total] if total is not None else list(facts.funds[:1])
    for row in rows:
        if row is None or row.max is None or row.score is None:
            continue
        # the rate as B ÷ A and as the row states it; a score from either passes. A stated rate alone
        # may have been rounded before it was multiplied, so it allows for its own last place.
        rates: list[tuple[Decimal, Decimal]] = []
        if row.budget and row.actual is not None:
            rates.append((row.actual / row.budget * HUNDRED, Decimal(0)))
        if row.rate is not None:
            rates.append((row.rate, Decimal(0) if rates else half_unit(row.rate)))
        if not rates:
            continue
        near = half_unit(row.score)
        if near > _ONE_PLACE and (row.score == row.max or _two_places(row)):
            # a whole-number score is no rounding of the form's own: not when it is full marks (95%
            # of 10 rounded up to 10 is full marks for a shortfall), nor in a form that writes its
            # rate, or both amounts, to two places (95.00% × 10 is 9.5 or 9.50 there)
            near = _ONE_PLACE
        near += ctx.tolerances.score
        if any(
            abs(min(r / HUNDRED * row.max, row.max) - row.score) <= near + slack / HUNDRED * row.max
            for r, slack in rates
        ):
            continue
        rate = rates[0][0]  # B ÷ A when both are known
        expected = min(rate / HUNDRED * row.max, row.max)
        shown = score(expected)  # as a report writes a score: two places at most, half-up
        yield finding(
            "TB004",
            Severity.ERROR,
            f"预算执行率得分为 {num(row.score)} 分，按执行率 {pct(rate)} × 分值 {num(row.max)} 应为 {shown} 分",
            row.source,
            expected=f"{pct(rate)} × {num(row.max)} = {shown}（不超过分值）",
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
