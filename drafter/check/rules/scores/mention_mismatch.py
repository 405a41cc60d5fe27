"""SC006 score-mention-mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts, ScoreMention, ScoreNode, name_key
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.scores._common import label, score_source
from drafter.findings import Finding, Severity
from drafter.text.names import bare_name

#: the last measurable item named before a score ("固定资产利用率达到100%，自评2分")
_ITEM_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,10}(?:率|度|性|情况))[^。；;]*$")
_ITEM_ENDS = ("率", "度", "性", "情况")


def _restates(m: ScoreMention, node: ScoreNode) -> bool:
    if m.value != node.score:
        return False
    if m.label is None:
        return True
    core = bare_name(node.name)
    return core in m.label or m.label in node.name


def _item_before(m: ScoreMention) -> str | None:
    quote = m.source.quote
    cut = quote.find(m.phrase) if m.phrase else -1
    before = quote[:cut] if cut > 0 else ""
    # sre tries the pattern at every position it is given, ten characters deep: give it only the
    # positions a match can start at. The item and what follows it hold no 。；; (so it starts
    # after the last one), and its word ends at most ten characters before its first 率/度/性/情况.
    start = max(before.rfind("。"), before.rfind("；"), before.rfind(";")) + 1
    first = -1
    for end in _ITEM_ENDS:
        at = before.find(end, start)
        if at >= 0 and (first < 0 or at < first):
            first = at
    if first < 0:
        return None
    hit = _ITEM_BEFORE.search(before, max(start, first - 10))
    return hit.group(1) if hit else None


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Scores stated in an indicator's body (or restated later) that cannot be reconciled with its heading score.

    What it finds:
        一是指标正文中另写的得分与标题得分对不上：既不是重复标题的得分，相加也不等于标题得分。例如项目管
        理标题“自评8分”，正文既写“自评得5分”又写“自评得分8分”；资产管理标题“自评7分”，正文末尾写“自
        评2分”。报告会说明检查时采用了哪种理解：按标题得分计入总分，正文中的得分视为没有标明所属子项的子
        项得分（并指出紧前提到的可能子项，如“固定资产利用率”）或笔误；正文得分大于标题得分的，不可能是子
        项得分，直接按矛盾报告。

        二是在“四、存在的问题……”或结论中重述某项指标的得分或分值（如“‘资金管理’指标（分值20分）自
        评16分，扣4分”），与绩效自评分析中该指标的得分或分值不一致。

        为避免误报：正文得分相加等于标题得分的（4 + 4 = 8），或各自标明了子项、合计小于标题得分的部分分
        解，不报告；有下级指标得分的指标不在此检查（由 SC001 核对）；重述处的指标名称对不上或对上多个指
        标的，不检查。本条为警告。

    Why it matters:
        读者分不清哪个数才是得分。通常是正文里的子项得分丢了名称，或者是从别的指标、往年报告中留下的文
        字。无论哪种情况，正文都与计入总分的得分相矛盾。

    Example:
        会报告（样本报告第45、46行）：
        3.项目管理，指标总分8，自评8分
        ……项目招投标、调整、完成验收履行相关的手续，自评得5分；……开展有效的监管，自评得分8分。
        会报告（样本报告第47、48行）：
        4.资产管理，指标总分7，自评7分
        ……固定资产利用率达到100%，自评2分。
        不报告：
        3.项目管理，指标总分8，自评8分
        项目实施规范性自评得4分；资金监控自评得4分。

    What to write instead:
        给正文中的每个得分标明所属子项，并使其合计等于标题得分（“项目实施规范性4分 + 资金监控4分 =
        8分”）；多余的得分表述删去。
    """
    for node in facts.nodes():
        if node.score is None or not node.mentions or any(c.score is not None for c in node.children):
            continue
        others = [m for m in node.mentions if not _restates(m, node)]
        if not others:
            continue
        restated = len(others) < len(node.mentions)
        parts = [m.value for m in others]
        total = sum(parts, Decimal(0))
        if ctx.tolerances.scores_ok(parts, node.score):
            continue  # sub-scores that add up to the heading (4 + 4 = 8)
        unlabelled = [m for m in others if m.label is None]
        if not unlabelled and total < node.score and all(m.value <= node.score for m in others):
            continue  # a partial breakdown by named items: not a contradiction
        yield _finding(node, others, restated, total)
    if facts.restated:
        yield from _restatements(facts, ctx)


def _restatements(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Restated scores against the one node of the tree they name (none or several: no check)."""
    by_name: dict[str, list[ScoreNode]] = {}
    for node in facts.nodes():
        by_name.setdefault(name_key(node.name), []).append(node)
    for m in facts.restated:
        nodes = by_name.get(name_key(m.label)) if m.label else None
        if not nodes or len(nodes) != 1 or nodes[0].score is None:
            continue
        node = nodes[0]
        assert node.score is not None
        score_ok = ctx.tolerances.scores_ok([m.value], node.score)
        max_ok = m.max is None or node.max is None or m.max == node.max
        if score_ok and max_ok:
            continue
        where = score_source(node)
        said = f"分值 {num(m.max)} 分、自评 {num(m.value)} 分" if not max_ok else f"自评 {num(m.value)} 分"
        head = (
            f"分值 {num(node.max)} 分、自评 {num(node.score)} 分"
            if not max_ok
            else f"自评 {num(node.score)} 分"
        )
        yield finding(
            RULE,
            Severity.WARNING,
            f"第{m.source.line}行重述{label(node)}{said}，与该指标在第{where.line}行的{head}不符："
            f"按第{where.line}行的 {num(node.score)} 分计入总分，重述处视为笔误",
            m.source,
            expected=head,
            found=f"第{m.source.line}行“{m.phrase}”（{said}）",
            hint="核对该指标的得分，使问题部分或结论中的表述与绩效自评分析中的得分一致。",
        )


def _finding(node: ScoreNode, others: list[ScoreMention], restated: bool, total: Decimal) -> Finding:
    assert node.score is not None
    head = num(node.score)
    first = others[0]
    stray = "、".join(f"{num(m.value)} 分" for m in others)
    if any(m.value > node.score for m in others):
        reading = f"按标题得分 {head} 分计；正文中的 {stray}大于该项得分，不可能是其下子项得分，与标题矛盾"
    elif restated:
        reading = f"按标题得分 {head} 分计（正文另有与之相同的得分表述）；正文中的 {stray}视为未标明的子项得分或笔误"
    else:
        item = _item_before(first)
        guess = f"（如紧前所述“{item}”）" if item else ""
        rest = node.score - total
        reading = (
            f"按标题得分 {head} 分计；正文中的 {stray}视为未标明的子项{guess}得分，"
            f"若如此，其余子项应合计 {num(rest)} 分而报告未说明；否则与标题的 {head} 分矛盾"
        )
    found = "；".join(f"第{m.source.line}行“{m.phrase or num(m.value)}”" for m in others)
    return finding(
        RULE,
        Severity.WARNING,
        f"{label(node)}标题自评 {head} 分，正文另有得分 {stray}，无法对应：{reading}",
        first.source,
        expected=f"正文得分与标题 {head} 分一致，或为标明子项、合计为 {head} 分的子项得分",
        found=found,
        hint="为正文中的每个得分标明所属子项并使其合计等于标题得分，或删去多余的得分表述。",
    )


RULE = Rule(
    code="SC006",
    name="score-mention-mismatch",
    family="scores",
    severity=Severity.WARNING,
    title="正文中的得分与标题得分无法对应",
    func=check,
)
