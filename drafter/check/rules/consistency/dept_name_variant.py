"""CN003 dept-name-variant."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        The department's full name written in more than one way in the same report
        (阳西县高新技术产业开发区管理委员会 and 阳西县高新区管理委员会). The short name (阳西高新区)
        is a legitimate abbreviation and is not compared with the full name.

    Why it matters:
        A self-evaluation is an official document of one budget unit; its name must match the
        budget and final-accounts documents. A second spelling is often text copied from another
        unit's report.

    Example:
        阳西县高新技术产业开发区管理委员会2023年度…… / …… 阳西县高新区管委会部门整体支出……

    What to write instead:
        The full name exactly as in the budget documents, every time; the short name only where
        the report has introduced it.
    """
    full = [n for n in facts.names if n.kind == "dept_full"]
    if len(full) < 2:
        return
    counts = Counter(n.name for n in full)
    if len(counts) < 2:
        return
    canonical = facts.dept_full if facts.dept_full in counts else counts.most_common(1)[0][0]
    reported: set[tuple[str, int | None]] = set()
    for n in full:
        if n.name == canonical or (n.name, n.source.line) in reported:
            continue
        # One name inside the other is words caught around the same name ("现将阳西县…委员会"),
        # not a second spelling: leave it (precision before recall).
        if n.name in canonical or canonical in n.name:
            continue
        reported.add((n.name, n.source.line))
        yield finding(
            "CN003",
            Severity.WARNING,
            f"部门名称写作“{n.name}”，与报告其他处的“{canonical}”不一致",
            n.source,
            expected=canonical,
            found=n.name,
            hint="统一使用预算、决算文件中的部门全称。",
        )


RULE = Rule(
    code="CN003",
    name="dept-name-variant",
    family="consistency",
    severity=Severity.WARNING,
    title="部门名称前后写法不一致",
    func=check,
)
