"""LM001 contradiction (model second reader)."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        With ``drafter check --llm``: a statement that another passage of the same report
        contradicts in meaning, where no figure rule can see it — the model quotes both passages
        verbatim and drafter keeps the finding only if every quote is found in the report. Without
        --llm this rule finds nothing.

    Why it matters:
        A reviewer at the finance bureau reads the report as a whole; two passages that cannot both
        be true make every other statement doubtful and are sent back for revision.

    Example:
        一、部门基本情况 says 工程已全部完工并投入使用, while 二、…工作任务 says 项目尚在施工、
        完成进度65%.

    What to write instead:
        Make the passages agree with the facts: 阳辉路工程完成进度65%，预计2024年6月完工; keep the
        same wording of the same fact throughout the report.
    """
    return iter(())  # found by the second reader (drafter.llm.review), never from Facts


RULE = Rule(
    code="LM001",
    name="contradiction",
    family="model",
    severity=Severity.WARNING,
    title="前后矛盾（模型审读）",
    func=check,
)
