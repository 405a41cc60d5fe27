"""RB001 max-differs-from-rubric."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.rubric._match import matched_nodes
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        An indicator whose maximum (指标总分 / 分值) in the report differs from the indicator
        system given with ``--rubric`` (or named by the report's data).

    Why it matters:
        Points moved between indicators change what a deduction costs and make the report
        incomparable with the other units evaluated under the same system.

    Example:
        With gd-county-dept-2023 (项目管理 8 分): 3.项目管理，指标总分10，自评10分

    What to write instead:
        The rubric's maximum: 3.项目管理，指标总分8，自评…分 — or the right ``--rubric`` if the
        report follows another system.
    """
    if ctx.rubric is None:
        return
    for node, ind in matched_nodes(facts, ctx.rubric):
        if ind is None or ind.max_score is None or node.max is None or node.max == ind.max_score:
            continue
        yield finding(
            "RB001",
            Severity.ERROR,
            f"“{node.name}”的分值为 {num(node.max)} 分，与指标体系规定的 {num(ind.max_score)} 分不符",
            node.max_source or node.source,
            expected=f"{num(ind.max_score)}（{ctx.rubric.name} {ind.code} {ind.name}）",
            found=num(node.max),
            hint="按所用指标体系的分值填写；若本地指标体系不同，请用 --rubric 指定正确的指标体系文件。",
        )


RULE = Rule(
    code="RB001",
    name="max-differs-from-rubric",
    family="rubric",
    severity=Severity.ERROR,
    title="指标分值与指标体系不符",
    func=check,
)
