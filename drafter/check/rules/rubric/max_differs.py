"""RB001 max-differs-from-rubric."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.rubric._match import matched_nodes
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """An indicator whose maximum in the report differs from the indicator system's (``--rubric``).

    What it finds:
        报告中某项指标的分值（“指标总分”“分值”）与所用指标体系规定的分值不一致。指标体系用 --rubric 指定
        （如 gd-county-dept-2023、national-project-2020，或自己的 YAML 文件）；不指定时，若 --data 给出
        的评价数据在 meta.rubric 中写明了指标体系，就用它；都没有时本规则不运行。

        报告的指标按名称与指标体系对应：去掉“1.”“（1）”等序号、“一是”之类的引导语、引号和末尾括号中的说
        明（如“（分值5分）”），有无“指标”二字均可，也认指标体系中登记的别名。下级指标先在对应的上级指标
        下查找，找不到再在整个体系中查找（只有唯一一个同名指标时才算对上）。对不上的指标由 RB003 处理；
        指标体系没有规定分值的指标（如资金管理下各三级指标）不检查。

    Why it matters:
        在指标之间挪动分值，会改变每一处扣分的分量，也使本单位的得分无法与按同一体系评价的其他单位相比。
        财政部门复核时按体系分值计分，分值不符的报告要返工。

    Example:
        会报告（指标体系 gd-county-dept-2023 中项目管理为8分）：
        2.项目管理，指标总分10，自评10分
        不报告：
        2.项目管理，指标总分8，自评8分

    What to write instead:
        按指标体系填写分值：“2.项目管理，指标总分8，自评……分”。如果报告依据的是另一套指标体系（其他省
        份、层级或年度），用 --rubric 指定那一套。
    """
    if ctx.rubric is None:
        return
    for node, ind in matched_nodes(facts, ctx.rubric):
        if ind is None or ind.max_score is None or node.max is None or node.max == ind.max_score:
            continue
        yield finding(
            "RB001",
            Severity.ERROR,
            f"“{node.name}”的分值为 {num(node.max)} 分，与指标体系规定的 {num(ind.max_score)} 分不符",
            node.max_source or node.source,
            expected=f"{num(ind.max_score)}（{ctx.rubric.name} {ind.code} {ind.name}）",
            found=num(node.max),
            hint=_HINT_DATA if facts.origin == "data" else _HINT_REPORT,
        )


#: where the indicator system is named: --rubric for a report, meta.rubric for evaluation data
_HINT_REPORT = "按所用指标体系的分值填写；若本地指标体系不同，请用 --rubric 指定正确的指标体系文件。"
_HINT_DATA = "按所用指标体系的分值填写；若本地指标体系不同，请在评价数据的 meta.rubric 中填写正确的指标体系。"


RULE = Rule(
    code="RB001",
    name="max-differs-from-rubric",
    family="rubric",
    severity=Severity.ERROR,
    title="指标分值与指标体系不符",
    func=check,
    needs=("facts", "rubric"),
)
