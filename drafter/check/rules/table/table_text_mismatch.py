"""TB006 table-text-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts, IndicatorRow, ScoreNode, name_key
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A row of a score table (评分表、绩效自评得分情况表) whose 分值 or 得分 differ from the text's.

    What it finds:
        报告正文写明了各指标得分，又附有评分表（Word 表格、PDF 中的表格或文本中的表格行）时，表中每一行的
        分值、得分是否与正文中同名指标的分值、得分一致。

        正文中同名的指标有多个、无法确定对应哪一个的，该行不核对；表中合计行与各指标得分之和、与正文总分
        的核对由 SC002 进行，本规则不重复报告。

    Why it matters:
        评分表往往单独填写或由上一年的表改来，改了正文忘了改表（或反之）很常见。审核时看表的人和看正文
        的人会得出不同的总分，报告也失去可信度。

    Example:
        会报告（正文“资金管理，指标总分20，自评18分”，表中写 17）：
        一级指标 | 二级指标 | 分值 | 自评得分 | 扣分原因
        预算执行 | 资金管理 | 20 | 17 | 执行率低于目标
        不报告：表中各行都与正文一致。

    What to write instead:
        以核实后的得分为准，同时改正正文和评分表，使表中各行、合计与正文逐项一致。
    """
    rows = [r for r in facts.indicators if r.score is not None or r.max is not None]
    if not rows:
        return
    table_lines = {r.source.line for r in facts.indicators}
    prose = [
        n
        for n in facts.nodes()
        if n.score is not None and (n.score_source or n.source).line not in table_lines
    ]
    if prose:
        yield from _rows(facts, rows, table_lines)


def _rows(facts: Facts, rows: list[IndicatorRow], table_lines: set[int | None]) -> Iterator[Finding]:
    by_name: dict[str, list[tuple[ScoreNode, ScoreNode | None]]] = {}
    for root in facts.scores:
        _index(root, None, by_name, table_lines)
    for row in rows:
        names = [n for n in (row.level1, row.level2, row.level3) if n]
        if not names:
            continue
        candidates = by_name.get(name_key(names[-1]), [])
        if len(candidates) > 1 and len(names) > 1:
            parent = name_key(names[-2])
            candidates = [(n, p) for n, p in candidates if p is not None and name_key(p.name) == parent]
        if len(candidates) != 1:
            continue
        node = candidates[0][0]
        said: list[str] = []
        table: list[str] = []
        if row.max is not None and node.max is not None and row.max != node.max:
            said.append(f"分值 {num(node.max)} 分")
            table.append(f"分值 {num(row.max)} 分")
        if row.score is not None and node.score is not None and row.score != node.score:
            said.append(f"自评 {num(node.score)} 分")
            table.append(f"得分 {num(row.score)} 分")
        if not said:
            continue
        where = (node.score_source or node.source).line
        yield finding(
            RULE,
            Severity.ERROR,
            f"评分表中“{row.name}”{'、'.join(table)}，与正文（第{where}行）所写{'、'.join(said)}不一致",
            row.source,
            expected="、".join(said),
            found="、".join(table),
            hint="核实该指标的分值和得分，同时改正评分表和正文，使二者一致。",
        )


def _index(
    node: ScoreNode,
    parent: ScoreNode | None,
    by_name: dict[str, list[tuple[ScoreNode, ScoreNode | None]]],
    table_lines: set[int | None],
) -> None:
    if (node.score_source or node.source).line not in table_lines:
        by_name.setdefault(name_key(node.name), []).append((node, parent))
    for child in node.children:
        _index(child, node, by_name, table_lines)


RULE = Rule(
    code="TB006",
    name="table-text-mismatch",
    family="table",
    severity=Severity.ERROR,
    title="评分表的分值或得分与正文不一致",
    func=check,
)
