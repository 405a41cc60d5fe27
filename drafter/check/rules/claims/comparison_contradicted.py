"""CL001 comparison-contradicted."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Claim, Facts, Figure, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import figure_name, finding, num
from drafter.findings import Finding, Severity

_OPS = {
    "<": ("小于", lambda a, b, t: a < b - t),
    "<=": ("小于等于", lambda a, b, t: a <= b + t),
    ">": ("大于", lambda a, b, t: a > b + t),
    ">=": ("大于等于", lambda a, b, t: a >= b - t),
    "=": ("等于", lambda a, b, t: abs(a - b) <= t),
}


def _nearest(facts: Facts, key: str, line: int | None) -> Figure | None:
    """The figure of ``key`` stated closest before the claim (else the first one after it)."""
    figures = facts.figures_for(key)
    if not figures:
        return None
    if line is None:
        return figures[0]
    # the first of those on the latest line up to the claim's (as max() of them by line gives it)
    best: Figure | None = None
    best_line = 0
    for f in figures:
        at = f.source.line
        if at is not None and at <= line and (best is None or at > best_line):
            best, best_line = f, at
    return figures[0] if best is None else best


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A comparison stated in words (实际小于预算) that the report's own figures contradict.

    What it finds:
        文字里写明的大小关系，与报告自己列出的数字相反。识别的说法有“小于、低于、少于、小于等于、大于、
        高于、多于、超过、超出、大于等于、等于”等；前面带“未、没有、没、不、未能”的按否定后的关系理解：
        “未超出、没有超过、不超过、不大于、不高于”即小于等于，“不低于、不少于、未低于、不小于”即大于等于，
        “不等于”不检查。比较的双方按字面归类：三公经费、日常公用经费、政府采购各自的“预算（计划）数”与
        “实际（决算）数”；句中没有这些话题时，按部门整体的实际支出与预算比较：写明“年初预算”的与年初预算
        数比较，写“调整预算、全年预算”或只写“预算”的，与调整后的预算数（预算调整总额）比较。

        一个分句以比较词开头的（“三公经费预算12.00万元，实际支出10.85万元，超过预算”），比较的是同一句前面
        说到的那项支出与其预算。比率与写明的百分数比较的（“预算执行率为97.44%，低于95%的目标”），取同一行前
        面写明的比率，与该百分数比较，各按其小数位容许四舍五入的误差。

        每一方取该句所在行或之前最近写出的同类数字（之前没有的，取其后第一个）。金额一律换算成万元再比，
        并容许各数按其所写末位四舍五入的误差，误差同样换算成万元（13.00万允许相差0.005万元，270500元
        允许相差0.5元即0.00005万元，0.32亿元允许相差0.005亿元即50万元）。句中看不出比的是哪两项、报告里找
        不到对应数字，或两个数不能相比（如一个是金额、一个是人数）时，不报告。

    Why it matters:
        审核人员先读文字，再核数字。文字说“小于预算”，数字却是超支，整篇报告的可信度就会受到质疑；以这句
        话为依据给出的经济性等指标得分也站不住。

    Example:
        会报告（前一句的数字与后一句的说法相反）：
        三公经费预算总额13.00万，实际支出总额14.20万。
        在经济性方面，自评分为5分。三公经费的实际支出数小于预算安排的三公经费。
        不报告（样本报告原文：6.20万小于13.00万，26.83万小于等于27.00万，文字与数字一致）：
        三公经费预算总额13.00万，实际支出总额6.20万；日常公用经费预算总额27.00万，实际支出总额26.83万。
        三公经费的实际支出数小于预算安排的三公经费，日常公用经费的决算数小于等于日常公用经费调整预算数。
        不报告（“未超出”即不大于；“年初预算”与年初预算数408.14万比较，不与调整预算比较）：
        三公经费实际支出未超出预算。年初预算数总额408.14万，预算调整总额3115.48万，实际支出总额3115.27万，
        实际支出总额超过年初预算数。

        会报告（10.85万元小于12.00万元，并未超过；“应为”写出数字给出的关系）：
        三公经费预算12.00万元，实际支出10.85万元，超过预算。
        会报告（97.44%高于95%）：
        预算执行率为97.44%，低于95%的目标。

    What to write instead:
        按数字如实写出两者的关系和差额，说明原因，并据此评分，例如：“三公经费实际支出14.20万元，超出预
        算1.20万元，主要原因是……，经济性指标相应扣分。”如果是数字写错了，改正数字。
    """
    for claim in facts.claims_of("compare"):
        yield from _check_claim(facts, ctx, claim)


def _stated_rate(facts: Facts, claim: Claim) -> Figure | None:
    """The rate stated on the claim's line before it ("预算执行率为97.44%，低于95%的目标")."""
    src = claim.source
    before = [
        f
        for f in facts.figures_for("rate")
        if f.source.line == src.line and (f.source.col or 0) <= (src.col or 0)
    ]
    return before[-1] if before else None


def _check_rate(facts: Facts, claim: Claim) -> Iterator[Finding]:
    rate = _stated_rate(facts, claim)
    if rate is None or claim.value is None or claim.op not in _OPS:
        return
    words, holds = _OPS[claim.op]
    a, b = rate.value, claim.value
    if holds(a, b, half_unit(a) + half_unit(b)):
        return
    name = rate.name or "所述比率"
    rel = _relation(a, b)
    yield finding(
        "CL001",
        Severity.ERROR,
        f"文中称{name}{words}{num(b)}%，但所述{name}为 {num(a)}%",
        claim.source,
        expected=f"{name} {num(a)}% {rel} {num(b)}%",
        found=f"称{words} {num(b)}%",
        hint="按所述比率如实表述与目标的关系；未达到目标的，说明原因并相应扣分。",
    )


def _relation(a: Decimal, b: Decimal) -> str:
    return "大于" if a > b else ("小于" if a < b else "等于")


def _check_claim(facts: Facts, ctx: CheckContext, claim: Claim) -> Iterator[Finding]:
    if claim.subject == "rate":
        yield from _check_rate(facts, claim)
        return
    if not (claim.left and claim.right and claim.op in _OPS):
        return
    left = _nearest(facts, claim.left, claim.source.line)
    right = _nearest(facts, claim.right, claim.source.line)
    if left is None or right is None or not left.comparable(right):
        return
    words, holds = _OPS[claim.op]
    a, b = left.amount, right.amount
    tol = left.allowance + right.allowance + ctx.tolerances.money
    if holds(a, b, tol):
        return
    unit = left.amount_unit
    rel = _relation(a, b)
    ln, rn = figure_name(left.key, left.label), figure_name(right.key, right.label)
    yield finding(
        "CL001",
        Severity.ERROR,
        f"文中称{ln}{words}{rn}，但所列数字为 {num(a)}{unit} {rel} {num(b)}{unit}",
        claim.source,
        # the true relation, as the figures give it (not the report's words again)
        expected=f"{ln}{rel}{rn}（{num(a)}{unit} {rel} {num(b)}{unit}）",
        found=f"{ln} {num(a)}{unit}（第{left.source.line}行），{rn} {num(b)}{unit}（第{right.source.line}行）",
        hint="按数字如实表述两者的关系并说明原因，或核对所列金额是否有误。",
    )


RULE = Rule(
    code="CL001",
    name="comparison-contradicted",
    family="claims",
    severity=Severity.ERROR,
    title="文字表述的大小关系与数字相反",
    func=check,
)
