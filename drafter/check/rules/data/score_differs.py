"""DT002 score-differs-from-data."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts, ScoreNode
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.data._pair import data_facts
from drafter.findings import Finding, Severity
from drafter.text.names import name_key


def _where(node: ScoreNode, label: str, line: int | None) -> str:
    """“资金管理”下“结转结余率”的自评得分（数据文件第75行）: the data's field said as a reader says it."""
    names = [part for part in (node.path or node.name).split("/") if part]
    head = f"“{names[-2]}”下“{names[-1]}”" if len(names) > 1 else f"“{node.name}”"
    return f"评价数据中{head}的{label}" + (f"，数据文件第{line}行" if line else "")


def _path_key(node: ScoreNode) -> str:
    return "/".join(name_key(part) for part in (node.path or node.name).split("/"))


def _index(data: Facts) -> tuple[dict[str, ScoreNode], dict[str, ScoreNode | None]]:
    """Data nodes by loose path, and by loose name (a name used twice maps to None: ambiguous)."""
    by_path: dict[str, ScoreNode] = {}
    by_name: dict[str, ScoreNode | None] = {}
    for node in data.nodes():
        by_path.setdefault(_path_key(node), node)
        key = name_key(node.name)
        by_name[key] = None if key in by_name else node
    return by_path, by_name


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A self score, maximum or total in the report that differs from the evaluation data (``--data``).

    What it finds:
        报告中某项指标的自评得分或分值，或报告的自评总分，与 --data 给出的评价数据不一致。

        指标按名称对应：先按从一级到本级的完整路径对应，再按指标名称对应（忽略空格、标点和末尾的“情况”，
        如“目标设置情况”与“目标设置”视为同一指标）；评价数据中同名的指标出现两次以上时，只按路径对应。得
        分和分值要求完全相等。总分指报告写明的自评总分（如“自评得分为96分”），与评价数据中构成总分的各项
        指标（通常是各二级指标）的得分之和比较。

    Why it matters:
        评价数据记录的是自评确定的得分。报告写的得分与数据不同，说明报告是事后改动过的，或依据的是较早的
        版本；得分对不上的报告不能报送。

    Example:
        会报告：
        评价数据：资金管理 self_score: 18
        报告：2.资金管理，指标总分20，自评20分
        不报告：
        报告：2.资金管理，指标总分20，自评18分

    What to write instead:
        照评价数据写得分（“自评18分”），并同时核对总分。如果报告的得分才是对的，先改正评价数据文件。
    """
    data = data_facts(ctx)
    if data is None:
        return
    by_path, by_name = _index(data)
    for node in facts.nodes():
        other = by_path.get(_path_key(node)) or by_name.get(name_key(node.name))
        if other is None:
            continue
        for attr, label, src in (("score", "自评得分", node.score_source), ("max", "分值", node.max_source)):
            mine, theirs = getattr(node, attr), getattr(other, attr)
            if mine is None or theirs is None or mine == theirs:
                continue
            path = (other.score_source if attr == "score" else other.max_source) or other.source
            yield finding(
                "DT002",
                Severity.ERROR,
                f"“{node.name}”的{label}为 {num(mine)} 分，与评价数据中的 {num(theirs)} 分不符",
                src or node.source,
                expected=f"{num(theirs)} 分（{_where(other, label, path.line)}）",
                found=f"{num(mine)} 分",
                hint="按评价数据改正报告中的得分；若数据有误，先改正数据文件。",
            )
    theirs_total = data.total.value if data.total is not None else _sum(data)
    if facts.total is not None and theirs_total is not None and facts.total.value != theirs_total:
        yield finding(
            "DT002",
            Severity.ERROR,
            f"自评总分为 {num(facts.total.value)} 分，与评价数据中的 {num(theirs_total)} 分不符",
            facts.total.source,
            expected=f"{num(theirs_total)} 分",
            found=f"{num(facts.total.value)} 分",
            hint="按评价数据改正总分；若数据有误，先改正数据文件。",
        )


def _sum(data: Facts):  # type: ignore[no-untyped-def]
    top = data.scored_top()
    if not top or any(n.score is None for n in top):
        return None
    return sum(n.score for n in top)  # type: ignore[misc]


RULE = Rule(
    code="DT002",
    name="score-differs-from-data",
    family="data",
    severity=Severity.ERROR,
    title="报告中的得分与评价数据不符",
    func=check,
    needs=("facts", "data"),
)
