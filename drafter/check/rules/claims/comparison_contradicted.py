"""CL001 comparison-contradicted."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Claim, Facts, Figure, rounding_tolerance
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
    before = [f for f in figures if f.source.line is not None and f.source.line <= line]
    if before:
        return max(before, key=lambda f: f.source.line or 0)
    return figures[0]


def _comparable(a: Figure, b: Figure) -> bool:
    return (a.wan is not None) == (b.wan is not None) and (a.wan is not None or a.unit == b.unit)


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A comparison stated in words — 实际支出数小于预算、决算数小于等于调整预算数、未超过预算 —
        that the report's own figures contradict.

    Why it matters:
        Reviewers read the sentence and then the figures; when the figures say the opposite
        (三公经费实际 14.00 万元 against a budget of 13.00 万元, described as 小于预算) the whole
        report loses credibility, and a score justified by the sentence is unfounded.

    Example:
        三公经费预算总额13.00万，实际支出总额14.20万。…三公经费的实际支出数小于预算安排的三公经费。

    What to write instead:
        Describe the comparison the figures show (三公经费实际支出14.20万元，超出预算1.20万元),
        explain why, and score the indicator accordingly.
    """
    for claim in facts.claims_of("compare"):
        yield from _check_claim(facts, ctx, claim)


def _check_claim(facts: Facts, ctx: CheckContext, claim: Claim) -> Iterator[Finding]:
    if not (claim.left and claim.right and claim.op in _OPS):
        return
    left = _nearest(facts, claim.left, claim.source.line)
    right = _nearest(facts, claim.right, claim.source.line)
    if left is None or right is None or not _comparable(left, right):
        return
    words, holds = _OPS[claim.op]
    a, b = left.amount, right.amount
    tol = rounding_tolerance((left.value, right.value)) + ctx.tolerances.money
    if holds(a, b, tol):
        return
    unit = "万元" if left.wan is not None else left.unit
    rel = "大于" if a > b else ("小于" if a < b else "等于")
    ln, rn = figure_name(left.key, left.label), figure_name(right.key, right.label)
    yield finding(
        "CL001",
        Severity.ERROR,
        f"文中称{ln}{words}{rn}，但所列数字为 {num(a)}{unit} {rel} {num(b)}{unit}",
        claim.source,
        expected=f"{ln}{words}{rn}",
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
