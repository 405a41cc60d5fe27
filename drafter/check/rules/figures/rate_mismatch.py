"""FG003 rate-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Claim, Facts, Figure, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num, pct
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
    unit of the rate's last place (none for 100%, which claims all), plus the figures' half-units carried through the division."""
    a, b = num_fig.amount, den_fig.amount
    carried = HUNDRED * (half_unit(num_fig.value) / b + a * half_unit(den_fig.value) / (b * b))
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
        expected=f"{pct(computed)}（{num(top.amount)} ÷ {num(bottom.amount)}）",
        found=f"{num(claim.value)}%",
        hint="按文中的分子、分母重新计算比率，或核对所引数据。",
    )


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A rate stated in words (固定资产利用率达到100%, 预算执行率为99.99%, 三公经费控制率…) that
        differs from the rate computed from the report's own figures, beyond the rounding of the
        figures and of the rate.

    Why it matters:
        The score of a quantitative indicator follows from its rate; a rate that its own figures
        contradict either hides a shortfall or was copied from another year.

    Example:
        实际在用固定资产总额90.6万，所有固定资产总额95.6万，固定资产利用率达到100%。

    What to write instead:
        State the computed rate (90.6 ÷ 95.6 = 94.77%) and score the indicator by it.
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
