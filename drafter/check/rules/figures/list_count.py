"""FG002 list-count."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A stated count that differs from the number of items listed after it
        (设4个内设机构：A、B、C).

    Why it matters:
        Usually a unit was added or merged and the count (or the list) was not updated; the
        duties paragraphs and staffing that follow then describe the wrong set of units.

    Example:
        设4个正股级内设机构：党政办公室、经济发展局、政务服务局。

    What to write instead:
        Make the count and the list agree: 设3个正股级内设机构：党政办公室、经济发展局、政务服务局。
    """
    for ent in facts.entities:
        if ent.count is None or not ent.items or ent.count == len(ent.items):
            continue
        yield finding(
            RULE,
            Severity.WARNING,
            f"称设{ent.count}个{ent.noun}，但列出了 {len(ent.items)} 个",
            ent.source,
            expected=f"{ent.count} 个",
            found=f"{len(ent.items)} 个：" + "、".join(ent.items),
            hint="使所述数量与列出的名称一致。",
        )


RULE = Rule(
    code="FG002",
    name="list-count",
    family="figures",
    severity=Severity.WARNING,
    title="所述数量与列出的项目数不符",
    func=check,
)
