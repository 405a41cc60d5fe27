"""FG003 rate-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from drafter.check.facts import CheckContext, Claim, Facts, Figure, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import as_written, finding, num, pct
from drafter.check.rules.figures._common import nearest
from drafter.figures import registry
from drafter.findings import Finding, Severity
from drafter.text.approx import bounds as approx_bounds

HUNDRED = Decimal(100)

Formula = tuple[tuple[str, ...], tuple[str, ...], str]


@cache
def formulas() -> dict[str, Formula]:
    """Rate subject → (numerator keys, denominator keys, formula in words), from the registry's
    rates. The first numerator key the report states is used: 预算执行率 is 实际支出 ÷ 预算, and
    only a report that states no spending at all is read as 拨付 ÷ 下达 (a transfer payment's
    execution). 预算执行率 is divided by the adjusted budget in most systems and by the initial
    budget in some (DOMAIN.md §3): a stated rate that matches any of the denominators is accepted."""
    return {r.key: (r.numerator, r.denominator, r.formula) for r in registry().rates if r.numerator}


@cache
def _at_most_all() -> frozenset[str]:
    """Rates that cannot exceed 100%: money cannot arrive or be paid out beyond what was allocated."""
    return frozenset(r.key for r in registry().rates if r.at_most_all)


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
    formula = formulas().get(claim.subject or "")
    if formula is None or claim.value is None:
        return None
    num_keys, den_keys, words = formula
    line = claim.source.line
    top = next((f for f in (nearest(facts, k, line) for k in num_keys) if f is not None), None)
    if top is None:
        return None
    before = _money_before(facts, claim)
    if top.source.line != line and before:
        return None  # "中央资金完成636.75万元，预算执行率81.97%": the rate of the sentence's own amount
    # an amount of no known kind before the rate, larger than what was spent, may be its base
    # ("共投入资金1987.08万元……全年执行资金1847.85万元，执行率92.9%"): then only a base stated
    # on the same line is used
    own_base = any(f.key == "amount" and f.comparable(top) and f.amount > top.amount for f in before)
    tried: list[tuple[Decimal, Figure]] = []
    for den_key in den_keys:
        bottom = nearest(facts, den_key, line)
        if bottom is None or bottom.amount == 0 or not bottom.comparable(top):
            continue
        if own_base and bottom.source.line not in (line, top.source.line):
            continue
        computed = top.amount / bottom.amount * HUNDRED
        slack = rate_tolerance(claim.value, top, bottom, extra)
        if claim.subject in _at_most_all() and computed > HUNDRED + slack:
            continue  # more paid (or arrived) than allocated: these two figures are not a pair
        if abs(computed - claim.value) <= slack or _approx_agrees(claim, claim.value, top, bottom, extra):
            return None
        if _short_of_all(claim.value, computed, slack):
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


def _short_of_all(stated: Decimal, computed: Decimal, slack: Decimal) -> bool:
    """A rate just short of 100% written one unit below it ("执行率99%" for 2595.6208 ÷ 2596 =
    99.985%): rounding would give 100%, which claims that everything was spent, so the writer keeps
    the last place below it. Accepted only when 100% is the next value at the stated precision."""
    unit = 2 * half_unit(stated)
    return stated + unit == HUNDRED and stated - slack <= computed < HUNDRED


def _approx_agrees(claim: Claim, stated: Decimal, num_fig: Figure, den_fig: Figure, extra: Decimal) -> bool:
    """An approximate rate ("执行率约为100%") or a rate of approximate figures ("约3100万元"): the
    range the stated rate admits meets the range of the ratios the figures admit."""
    if not (claim.approx or num_fig.approx or den_fig.approx):
        return False
    num_low, num_high = num_fig.bounds
    den_low, den_high = den_fig.bounds
    if den_low <= 0:
        return False
    own = Decimal(0) if stated == HUNDRED else half_unit(stated)
    low, high = approx_bounds(stated, claim.approx) if claim.approx else (stated - own, stated + own)
    return low - extra <= num_high / den_low * HUNDRED and num_low / den_high * HUNDRED <= high + extra


def _money_before(facts: Facts, claim: Claim) -> list[Figure]:
    """The money figures stated on the claim's line before it (in an earlier clause or its own)."""
    src = claim.source
    return [
        f
        for f in facts.figures
        if f.source.line == src.line and f.wan is not None and (f.source.col or 0) <= (src.col or 0)
    ]


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A rate stated in words that differs from the rate computed from the report's own figures.

    What it finds:
        文中写明的比率（如“固定资产利用率达到100%”“预算执行率为99.99%”）与用报告自己的数字算出的比率不一
        致。能核算的比率有：

        固定资产利用率 = 实际在用固定资产 ÷ 所有固定资产；三公经费控制率（执行率）= 三公经费实际支出 ÷
        预算；日常公用经费控制率（执行率）= 实际支出 ÷ 预算；政府采购执行率 = 实际数 ÷ 计划数；预算执行
        率（支出完成率）= 实际支出 ÷ 调整预算，有的体系以年初预算为分母，与任一分母相符即可。完成率、满
        意度、结转结余率等报告中没有分子分母的比率不检查。实际支出可写作全年支出、本年支出、支出合计、决算
        数、执行数等；报告完全没写支出、只写了拨付数的（转移支付），以拨付数为分子，下达（安排）资金也可作分
        母。资金到位率 = 到位资金 ÷ 下达资金；支付率（拨付率）= 已支付资金 ÷ 安排（下达）资金，这两种比率
        不会超过100%，算出超过100%的，说明两个数不是一对，不检查。

        写成目标或门槛的比率不是实际值，不检查：“四是预算执行率达到95%以上”“力争……达到98%”“执行率≥90%”
        “不低于95%”。句中自己写了一个金额再写比率的（“中央资金完成636.75万元，预算执行率81.97%”），比率说的
        是这个金额，除非分子就写在同一行，否则不拿别处的数字来算。

        分子、分母各取离该句最近（同一行优先）的数字，金额换算成万元后相除。容许的误差：比率按其小数位四
        舍五入的误差（“99.99%”容许0.005个百分点；“100%”表示全部，不按取整处理），加上分子、分母按其所写
        末位四舍五入的误差带入比率的部分，这一误差也换算成万元（写到元的956000元只容许相差0.5元，
        写到0.01亿元的0.32亿元容许相差50万元）。差一点不到100%的比率写成比100%低一个末位的数也不报告
        （2595.6208 ÷ 2596 = 99.985%，写“执行率99%”或“99.9%”：四舍五入得100%会说成全部花完，作者有意少写）。
        写成约数的比率或数字按约数的范围核对：“执行率约为100%”
        指与实际比率相差不超过5%，分子写成“3100余万元”的，按3100至3200万元之间算。

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
