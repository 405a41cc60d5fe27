"""SC004 max-sum."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts, ScoreNode, Source
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.scores._common import label, total_max
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Maxima of sub-indicators that do not add up to their parent's maximum, or top-level maxima that miss the full mark.

    What it finds:
        各下级指标的分值之和不等于上级指标的分值；或构成总分的各项指标分值之和不等于满分（报告写明的满
        分，否则 --rubric 指标体系的总分，都没有时按100分）。

        只在每个下级指标都写明了分值时检查（有一个没写就不检查）；下级指标自己没写分值、但其各下级都写了
        的（评分表中常见的二级指标行），取其各下级分值之和。与满分的核对只针对完整的报告：报告写明
        了自评总分、是项目支出自评表，或用 --rubric 指定了指标体系；只截取了一部分的材料不做这项核对。
        正文在句子中间断开的（只截取了一部分的材料、缺页），最后一组指标的下级可能未截全，其下级分值之和
        小于该项分值时不报告；这样的材料未写明总分的，各项分值之和小于满分时也不报告。
        自评表各行只有得分、没有分值一栏的（分值写在“产出指标（50分）”这样的分组名称里），按各分组的分
        值与表中写明的满分核对（预算执行20 + 产出50 + 效益20 + 满意度10 = 100）。得分栏全部空白的自评表
        （RD004），按各项分值与满分核对。

    Why it matters:
        指标体系的分值总是逐级相加的。对不上，说明某个分值抄错了，以它为基准给出的得分和扣分也都值得怀
        疑。

    Example:
        会报告（4 + 5 = 9，上级为8分）：
        1.预算编制，指标总分8，自评8分
        （1）预算编制合理性（满分4分）。……自评得4分。
        （2）预算编制规范性（满分5分）。……自评得4分。
        不报告（样本报告：各二级指标分值8 + 12 + 5 + 20 + 8 + 7 + 5 + 10 + 20 + 5 = 100）。

    What to write instead:
        按所用指标体系填写各项分值，使其逐级相加一致（此例为4 + 4 = 8）。
    """
    open_ = _last_spine(facts.scores, facts.cut) if facts.cut is not None else ()
    for node in facts.nodes():
        if node.max is None or not node.children:
            continue
        maxima = [c.effective_max for c in node.children]  # a child group: its children's sum
        if any(m is None for m in maxima):
            continue
        parts = [m for m in maxima if m is not None]
        if ctx.tolerances.scores_ok(parts, node.max):
            continue
        if sum(parts) < node.max and any(node is n for n in open_):
            continue  # the text stops inside this group: its other indicators are cut off
        yield finding(
            RULE,
            Severity.ERROR,
            f"{label(node)}下级指标分值之和 {num(sum(parts))} 分与该项分值 {num(node.max)} 分不符",
            node.max_source or node.source,
            expected=f"{num(node.max)} 分",
            found=" + ".join(f"{c.name} {num(c.effective_max)}" for c in node.children)
            + f" = {num(sum(parts))} 分",
            hint="按评价指标体系核对各指标分值。",
        )
    # the full mark applies to the whole tree: only when the report states its total, is a
    # 自评表, or a rubric is given — not to a fragment of a report
    if facts.total is None and not facts.indicators and ctx.rubric is None:
        return
    top = facts.scored_top()
    maxima = [n.max for n in top]
    stated = [t for t in (facts.total, facts.table_total) if t is not None and t.max is not None]
    if not top and facts.indicators:
        # a form whose 得分 cells are all empty (RD004): its maxima still make up the full mark
        top = facts.scores
        maxima = [n.effective_max for n in top]
    elif top and any(m is None for m in maxima) and facts.indicators and stated:
        # a form that prints each row's 得分 but no 分值: the maxima stand on the groups
        # ("产出指标（50分）"), the top-most node with one on every path; checked against a full
        # mark the form states (a form cut before its 总分 may hold only some groups)
        top = _maxed_top(facts)
        maxima = [n.max for n in top]
    elif _unscored(facts.scores):
        return  # an indicator with no score read has its maximum outside ``top``
    if not top or any(m is None for m in maxima):
        return
    parts = [m for m in maxima if m is not None]
    if open_ and facts.total is None and facts.table_total is None:
        cap = total_max(None, ctx.rubric)
        if sum(parts) < cap:
            return  # a text that stops mid-sentence holds only its first indicators
    if not stated:  # the full mark from the rubric, else 100
        cap = total_max(None, ctx.rubric)
        if ctx.tolerances.scores_ok(parts, cap):
            return
        src = facts.total.source if facts.total is not None else (top[0].max_source or top[0].source)
        yield _full_mark(cap, parts, _shown(parts), src)
        return
    for total in stated:  # each stated full mark: the text's and the table's 合计 row
        assert total.max is not None
        if not ctx.tolerances.scores_ok(parts, total.max):
            yield _full_mark(total.max, parts, _shown(parts), total.source)


def _shown(parts: list[Decimal]) -> str:
    """The maxima as a sum, for a finding: "8 + 12 + 5 = 25 分"."""
    return " + ".join(num(p) for p in parts) + f" = {num(sum(parts))} 分"


def _last_spine(roots: tuple[ScoreNode, ...], cut: int) -> tuple[ScoreNode, ...]:
    """The last root, its last child, and so on: the groups still open where a text stops at line
    ``cut`` — none when the whole tree stands on that line (a form flattened into the one line the
    text ends with is whole up to its last words)."""
    if not roots or (roots[0].source.line or 0) >= cut:
        return ()
    out: list[ScoreNode] = []
    nodes = roots
    while nodes:
        out.append(nodes[-1])
        nodes = nodes[-1].children
    return tuple(out)


def _maxed_top(facts: Facts) -> tuple[ScoreNode, ...]:
    """The top-most node with a maximum on every path (a leaf without one ends the path)."""
    out: list[ScoreNode] = []
    stack = list(reversed(facts.scores))
    while stack:
        node = stack.pop()
        if node.max is not None or not node.children:
            out.append(node)
        else:
            stack.extend(reversed(node.children))
    return tuple(out)


def _unscored(nodes: tuple[ScoreNode, ...]) -> bool:
    """Whether some path of the tree has no score on it (an indicator left unscored)."""
    return any(n.score is None and (not n.children or _unscored(n.children)) for n in nodes)


def _full_mark(cap: Decimal, parts: list[Decimal], shown: str, src: Source) -> Finding:
    return finding(
        RULE,
        Severity.ERROR,
        f"各指标分值之和 {num(sum(parts))} 分，不等于满分 {num(cap)} 分",
        src,
        expected=f"{num(cap)} 分",
        found=shown,
        hint="按评价指标体系核对各指标分值，使其合计为满分。",
    )


RULE = Rule(
    code="SC004",
    name="max-sum",
    family="scores",
    severity=Severity.ERROR,
    title="指标分值之和与上级分值或满分不符",
    func=check,
)
