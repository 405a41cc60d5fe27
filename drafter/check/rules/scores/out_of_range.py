"""SC003 score-out-of-range."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.rubric._match import matched_nodes  # the RB family's name matching
from drafter.check.rules.scores._common import label, score_source, total_max
from drafter.findings import Finding, Severity

if TYPE_CHECKING:  # loaded only for --rubric
    from drafter.rubric.model import Rubric


def _rubric_maxima(facts: Facts, rubric: Rubric | None) -> dict[int, Decimal]:
    """Maxima the rubric gives to nodes whose maximum the report does not state (经济性 …)."""
    if rubric is None:
        return {}
    return {
        id(node): ind.max_score
        for node, ind in matched_nodes(facts, rubric)
        if node.max is None and ind is not None and ind.max_score is not None
    }


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A self score above its maximum or below zero, or a total above the full mark.

    What it finds:
        得分超出了它应在的范围：某项指标的自评得分高于该项分值（“指标总分7，自评8分”）或小于0；正文中写
        明了满分的分项得分高于其满分（“满分5分，得6分”）；自评总分高于满分或小于0（满分取报告写明的满
        分，否则取 --rubric 指标体系的总分，都没有时按100分）。

        报告没有写分值的指标（如“在经济性方面，自评分为6分”），在用 --rubric 指定了指标体系时，按体系中
        该指标的分值检查。

    Why it matters:
        任何指标体系都不会给出高于指标分值的得分。得分超过分值，不是录入错误，就是分值抄自别的指标，还会
        把总分抬高。

    Example:
        会报告：
        4.资产管理，指标总分7，自评8分
        会报告（指标体系 gd-county-dept-2023 中经济性为5分）：
        1.经济性。在经济性方面，自评分为6分。
        不报告（样本报告）：
        4.资产管理，指标总分7，自评7分

    What to write instead:
        每项得分都在0到该项分值之间（“自评7分”），并核对分值是否与所用指标体系一致。
    """
    rubric_max = _rubric_maxima(facts, ctx.rubric)
    for node in facts.nodes():
        if node.score is None:
            continue
        if node.max is None and id(node) in rubric_max and node.score > rubric_max[id(node)]:
            cap = rubric_max[id(node)]
            yield finding(
                RULE, Severity.ERROR,
                f"{label(node)}自评 {num(node.score)} 分，超过评价指标体系中该项的分值 {num(cap)} 分",
                score_source(node), expected=f"不超过 {num(cap)} 分（评价指标体系）", found=f"{num(node.score)} 分",
                hint="更正该项得分，或在报告中写明该项分值并核对所用的评价指标体系。",
            )  # fmt: skip
        if node.score < 0:
            yield finding(
                RULE, Severity.ERROR, f"{label(node)}自评 {num(node.score)} 分，得分不能为负",
                score_source(node), expected="0 分及以上", found=f"{num(node.score)} 分",
                hint="更正该项得分，扣分最多扣至 0 分。",
            )  # fmt: skip
        elif node.max is not None and node.score > node.max:
            yield finding(
                RULE, Severity.ERROR,
                f"{label(node)}自评 {num(node.score)} 分，超过该项分值 {num(node.max)} 分",
                score_source(node), expected=f"不超过 {num(node.max)} 分", found=f"{num(node.score)} 分",
                hint="更正得分或分值，使得分不超过该指标的分值。",
            )  # fmt: skip
        for m in node.mentions:
            if m.max is not None and m.value > m.max:
                yield finding(
                    RULE, Severity.ERROR, f"正文中的得分 {num(m.value)} 分超过其所述分值 {num(m.max)} 分",
                    m.source, expected=f"不超过 {num(m.max)} 分", found=f"{num(m.value)} 分",
                    hint="更正该处得分或分值。",
                )  # fmt: skip
    total = facts.total
    if total is not None:
        cap = total_max(total.max, ctx.rubric)
        if total.value > cap or total.value < 0:
            yield finding(
                RULE, Severity.ERROR, f"自评总分 {num(total.value)} 分超出 0–{num(cap)} 分的范围",
                total.source, expected=f"0–{num(cap)} 分", found=f"{num(total.value)} 分",
                hint="核对总分及各指标得分。",
            )  # fmt: skip


RULE = Rule(
    code="SC003",
    name="score-out-of-range",
    family="scores",
    severity=Severity.ERROR,
    title="得分超过分值或小于零",
    func=check,
)
