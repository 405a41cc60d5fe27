"""RD001 no-scores-found."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts, Source
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A report in which no self score at all could be found: no 自评得分, no 指标总分…自评…分,
        no score table.

    Why it matters:
        Without scores, the score checks (sums, maxima, deductions) cannot run, and a clean result
        would look like an approval. Often the file is not a self-evaluation (a cover letter, a
        notice), or the scores are in a picture or an attachment.

    Example:
        A file holding only 一、部门基本情况 and the duties of the units.

    What to write instead:
        State the total (绩效自评得分为96分) and each indicator's score (指标总分8，自评8分), or check
        the file that holds the score table.
    """
    has_scores = (
        facts.total is not None
        or any(n.score is not None for n in facts.nodes())
        or any(r.score is not None for r in facts.indicators)
        or any(r.score is not None for r in facts.funds)
    )
    if has_scores:
        return
    yield finding(
        "RD001",
        Severity.INFO,
        "未在报告中找到任何自评得分，得分相关的检查未能进行",
        Source(line=None),
        hint="确认这是自评报告；在正文写明总分和各指标得分（如“指标总分8，自评8分”），或检查含评分表的文件。",
    )


RULE = Rule(
    code="RD001",
    name="no-scores-found",
    family="read",
    severity=Severity.INFO,
    title="未找到任何自评得分",
    func=check,
)
