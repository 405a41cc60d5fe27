"""RD004 scores-left-empty."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.read._found import has_item_scores
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A score table whose 分值 (权重) cells are filled and whose 得分 cells are all empty (warning).

    What it finds:
        自评表（评分表）读到了，各项指标的分值（或权重）也填了，但“得分”一栏一格也没有填写，报告其他地方
        也没有任何指标的得分。消息写明填有分值的指标有几项、分值合计多少；分值之和照常与满分核对
        （SC004）。报告这一条时不再报告 RD001（“未找到任何自评得分”）：得分不是没读到，而是没有填。

    Why it matters:
        得分栏空白的自评表没有自评结果：总分、扣分和扣分原因都无从核对。常见原因是填报时只填了模板中的
        分值和资金，忘了填得分就发布或报送了。检查结果没有其他发现，并不说明自评已经完成。

    Example:
        会报告（两项指标填了权重，得分栏空白）：
        一级指标 | 二级指标 | 三级指标 | 权重 | 得分 | 偏差原因
        产出指标 | 数量指标 | 补贴发放户数 | 60 |  | 无
        效益指标 | 社会效益指标 | 政策知晓率 | 40 |  | 无
        不报告：同一张表的得分栏填有“60”“40”。

    What to write instead:
        逐项填写自评得分（不超过该项分值）和合计行的总分；扣了分的，在偏差原因栏写明原因。
    """
    if has_item_scores(facts):
        return
    rows = [r for r in facts.indicators if r.max is not None]
    if not rows:
        return
    maxima = [f.max for f in facts.funds if f.max is not None] + [r.max for r in rows if r.max is not None]
    shown = " + ".join(num(m) for m in maxima) + f" = {num(sum(maxima))} 分"
    yield finding(
        RULE,
        Severity.WARNING,
        f"评分表的“得分”栏全部空白：{len(maxima)} 项指标填有分值（合计 {num(sum(maxima))} 分），没有一项填写得分",
        rows[0].source,
        expected="各项指标的自评得分",
        found=f"分值 {shown}；得分：空白",
        hint="逐项填写自评得分（不超过该项分值）和合计行的总分；扣了分的，写明偏差原因。",
    )


RULE = Rule(
    code="RD004",
    name="scores-left-empty",
    family="read",
    severity=Severity.WARNING,
    title="评分表的得分栏全部空白",
    func=check,
)
