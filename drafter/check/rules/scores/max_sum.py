"""SC004 max-sum."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.scores._common import label, total_max
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        Maxima (分值) of sub-indicators that do not add up to their parent's maximum, or top-level
        maxima that do not add up to the full mark (100, or the stated/rubric total) — checked
        only where every maximum is stated, and the full mark only for a whole report (one that
        states its total, a 自评表, or with a rubric).

    Why it matters:
        The weights of an indicator system always add up; a difference means a weight was copied
        wrongly, and every score measured against it is suspect.

    Example:
        1.预算编制，指标总分8 — （1）合理性（满分4分） （2）规范性（满分5分）

    What to write instead:
        Use the maxima of the indicator system (rubric) so that they add up (4 + 4 = 8).
    """
    for node in facts.nodes():
        if node.max is None or not node.children:
            continue
        maxima = [c.max for c in node.children]
        if any(m is None for m in maxima):
            continue
        parts = [m for m in maxima if m is not None]
        if ctx.tolerances.scores_ok(parts, node.max):
            continue
        yield finding(
            RULE,
            Severity.ERROR,
            f"{label(node)}下级指标分值之和 {num(sum(parts))} 分与该项分值 {num(node.max)} 分不符",
            node.max_source or node.source,
            expected=f"{num(node.max)} 分",
            found=" + ".join(f"{c.name} {num(c.max)}" for c in node.children) + f" = {num(sum(parts))} 分",
            hint="按评价指标体系核对各指标分值。",
        )
    # the full mark applies to the whole tree: only when the report states its total, is a
    # 自评表, or a rubric is given — not to a fragment of a report
    if facts.total is None and not facts.indicators and ctx.rubric is None:
        return
    top = facts.scored_top()
    maxima = [n.max for n in top]
    if not top or any(m is None for m in maxima):
        return
    parts = [m for m in maxima if m is not None]
    cap = total_max(facts.total.max if facts.total else None, ctx.rubric)
    if ctx.tolerances.scores_ok(parts, cap):
        return
    src = facts.total.source if facts.total is not None else (top[0].max_source or top[0].source)
    yield finding(
        RULE,
        Severity.ERROR,
        f"各指标分值之和 {num(sum(parts))} 分，不等于满分 {num(cap)} 分",
        src,
        expected=f"{num(cap)} 分",
        found=" + ".join(num(p) for p in parts) + f" = {num(sum(parts))} 分",
        hint="按评价指标体系核对各指标分值，使其合计为满分。",
    )


RULE = Rule(
    code="SC004",
    name="max-sum",
    family="scores",
    severity=Severity.ERROR,
    title="指标分值之和与上级分值或满分不符",
    func=check,
)
