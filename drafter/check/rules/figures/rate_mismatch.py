"""FG003 rate-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Claim, Facts, Figure, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import as_written, finding, num, pct
from drafter.check.rules.figures._common import nearest
from drafter.findings import Finding, Severity

HUNDRED = Decimal(100)

#: rate subject → (numerator key, denominator keys tried in order). 预算执行率 is divided by the
#: adjusted budget in most systems and by the initial budget in some (DOMAIN.md §3): a stated
#: rate that matches either base is accepted.
FORMULAS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "assets": ("assets.in_use", ("assets.total",), "实际在用固定资产 ÷ 所有固定资产"),
    "sangong": ("sangong.actual", ("sangong.budget",), "三公经费实际支出 ÷ 预算"),
    "public": ("public.actual", ("public.budget",), "日常公用经费实际支出 ÷ 预算"),
    "procurement": ("procurement.actual", ("procurement.plan",), "政府采购实际数 ÷ 计划数"),
    "spend": ("spend.actual", ("budget.adjusted", "budget.initial"), "实际支出 ÷ 预算数"),
}


def rate_tolerance(stated: Decimal, num_fig: Figure, den_fig: Figure, extra: Decimal) -> Decimal:
    """How far a stated rate may be from numerator ÷ denominator × 100 by rounding alone: half a
    unit of the rate's last place (none for 100%, which claims all), plus the figures' half-units
    carried through the division. The half-units are taken in 万元 like the amounts divided
    (:attr:`Figure.allowance`): 956000元 is exact to 0.5元, 0.01亿元 only to 50万元."""
    a, b = num_fig.amount, den_fig.amount
    carried = HUNDRED * (num_fig.allowance / b + a * den_fig.allowance / (b * b))
    own = Decimal(0) if stated == HUNDRED else half_unit(stated)  # "100%" claims all: not rounded
    return own + carried + extra


def _check_one(facts: Facts, claim: Claim, extra: Decimal) -> Finding | None:
    formula = FORMULAS.get(claim.subject or "")
    if formula is None or claim.value is None:
        return None
    num_key, den_keys, words = formula
    line = claim.source.line
    top = nearest(facts, num_key, line)
    if top is None:
        return None
    tried: list[tuple[Decimal, Figure]] = []
    for den_key in den_keys:
        bottom = nearest(facts, den_key, line)
        if bottom is None or bottom.amount == 0:
            continue
        computed = top.amount / bottom.amount * HUNDRED
        slack = rate_tolerance(claim.value, top, bottom, extra)
        at_least = "以上" in claim.text or "不低于" in claim.text
        if abs(computed - claim.value) <= slack or (at_least and computed >= claim.value - slack):
            return None
        tried.append((computed, bottom))
    if not tried:
        return None
    computed, bottom = tried[0]
    return finding(
        RULE,
        Severity.ERROR,
        f"所述比率 {num(claim.value)}% 与文中数据计算的 {pct(computed)} 不符（{words}）",
        claim.source,
        expected=f"{pct(computed)}（{num(top.amount)} ÷ {num(bottom.amount)}）{as_written(top, bottom)}",
        found=f"{num(claim.value)}%",
        hint="按文中的分子、分母重新计算比率，或核对所引数据。",
    )


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A rate stated in words that differs from the rate computed from the report's own figures.

    What it finds:
        文中写明的比率（如“固定资产利用率达到100%”“预算执行率为99.99%”）与用报告自己的数字算出的比率不一
        致。能核算的比率有：

        固定资产利用率 = 实际在用固定资产 ÷ 所有固定资产；三公经费控制率（执行率）= 三公经费实际支出 ÷
        预算；日常公用经费控制率（执行率）= 实际支出 ÷ 预算；政府采购执行率 = 实际数 ÷ 计划数；预算执行
        率（支出完成率）= 实际支出 ÷ 调整预算，有的体系以年初预算为分母，与任一分母相符即可。完成率、满
        意度、结转结余率等报告中没有分子分母的比率不检查。

        分子、分母各取离该句最近（同一行优先）的数字，金额换算成万元后相除。容许的误差：比率按其小数位四
        舍五入的误差（“99.99%”容许0.005个百分点；“100%”表示全部，不按取整处理），加上分子、分母按其所写
        末位四舍五入的误差带入比率的部分，这一误差也换算成万元（写到元的956000元只容许相差0.5元，
        写到0.01亿元的0.32亿元容许相差50万元）。写“××%以上”“不低于××%”的，只在算出的比率低于所写数值时报告。

    Why it matters:
        定量指标的得分按比率给出。比率与自己的数字矛盾，要么掩盖了不足，要么是从往年报告抄来的。

    Example:
        会报告（90.6 ÷ 95.6 = 94.77%）：
        实际在用固定资产总额90.6万，所有固定资产总额95.6万，固定资产利用率达到100%。
        不报告（样本报告：95.6 ÷ 95.6 = 100%）：
        本单位实际在用固定资产总额95.6万，所有固定资产总额95.6万，固定资产利用率达到100%。

    What to write instead:
        写按数字算出的比率（“固定资产利用率为94.77%”），并按此评分。
    """
    for claim in facts.claims_of("rate"):
        hit = _check_one(facts, claim, ctx.tolerances.rate_points)
        if hit is not None:
            yield hit


RULE = Rule(
    code="FG003",
    name="rate-mismatch",
    family="figures",
    severity=Severity.ERROR,
    title="所述比率与文中数据计算结果不符",
    func=check,
)
