"""LM003 full-marks-despite-shortfall (model second reader)."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        With ``drafter check --llm``: an indicator given full marks whose own supporting text
        describes a shortfall in words (未完成, 暂未验收, 存在滞后) that no figure rule reads;
        the model quotes the score and the shortfall verbatim and drafter keeps the finding only
        if every quote is found in the report. Without --llm this rule finds nothing.

    Why it matters:
        Full marks beside a described shortfall is the first thing a reviewer challenges: either
        the score is inflated or the text is wrong, and the whole self-evaluation loses credibility.

    Example:
        项目管理（指标总分8分，自评8分）：部分项目已完工暂未验收，资料归档滞后。

    What to write instead:
        Deduct for the shortfall and give the reason (自评6分，因2个项目暂未验收扣2分), or, if the
        work is in fact complete, correct the text.
    """
    return iter(())  # found by the second reader (drafter.llm.review), never from Facts


RULE = Rule(
    code="LM003",
    name="full-marks-despite-shortfall",
    family="model",
    severity=Severity.WARNING,
    title="有不足仍给满分（模型审读）",
    func=check,
)
