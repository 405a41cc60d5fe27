"""RB003 unknown-indicator."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.check.rules.rubric._match import unknown_nodes
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A scored indicator in the report that the indicator system (``--rubric``) does not have,
        under its name or any of its aliases — at a level the system lists completely (all
        maxima known and adding up). The project's own 三级指标 of a 项目支出自评表, or level-3
        indicators a rubric only partly knows, are not reported.

    Why it matters:
        Either the report follows another system (a different province, level or year) or an
        indicator was renamed; in both cases its score cannot be checked against the rules.

    Example:
        With gd-county-dept-2023: 5.信息化管理，指标总分5，自评5分

    What to write instead:
        The indicator names of the system in use, or ``--rubric`` pointing to the system the
        report really follows (add an alias there if the local name differs).
    """
    if ctx.rubric is None:
        return
    for node in unknown_nodes(facts, ctx.rubric):
        yield finding(
            "RB003",
            Severity.WARNING,
            f"指标“{node.name}”不在指标体系“{ctx.rubric.name}”中",
            node.source,
            expected="指标体系中的指标名称",
            found=node.name,
            hint="改用指标体系中的名称；若是本地的别称，请在指标体系文件中为该指标加上 aliases。",
        )


RULE = Rule(
    code="RB003",
    name="unknown-indicator",
    family="rubric",
    severity=Severity.WARNING,
    title="指标不在指标体系中",
    func=check,
)
