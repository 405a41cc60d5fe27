"""RB003 unknown-indicator."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.check.rules.rubric._match import unknown_nodes
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A scored indicator that the rubric (``--rubric``) does not have, at a level the rubric lists completely.

    What it finds:
        报告中写了分值或得分的指标，在所用指标体系（--rubric 指定，或评价数据 meta.rubric 指定）中找不
        到，名称和别名都对不上（名称的对应方法见 RB001）。

        为避免误报，只在指标体系把这一层指标列全了的地方检查：该层每个指标都有分值、且分值之和等于上级指
        标的分值（第一层等于总分）。指标体系只列了一部分的层级不检查，例如项目支出自评表中项目自设的三级
        指标，或公开资料中找不到分值的三级指标。一个指标对不上时，只在它本身报告一次，其下级指标不再逐个
        报告。

    Why it matters:
        要么报告依据的是另一套指标体系（其他省份、层级或年度），要么指标被改了名。无论哪种情况，这项指标
        的分值和得分都无法按规则核对。

    Example:
        会报告（指标体系 gd-county-dept-2023 的预算执行下只有制度管理、资金管理、项目管理、资产管理四项）：
        （二）预算执行情况。
        2.信息化管理，指标总分3，自评3分
        不报告：
        2.项目管理，指标总分8，自评8分

    What to write instead:
        使用所用指标体系中的指标名称；如果报告依据的是另一套体系，用 --rubric 指定那一套。本地对同一指标
        另有叫法的，在指标体系文件中为该指标加上 aliases（别名）。
    """
    if ctx.rubric is None:
        return
    for node in unknown_nodes(facts, ctx.rubric):
        yield finding(
            "RB003",
            Severity.WARNING,
            f"指标“{node.name}”不在指标体系“{ctx.rubric.name}”中",
            node.source,
            expected="指标体系中的指标名称",
            found=node.name,
            hint="改用指标体系中的名称；若是本地的别称，请在指标体系文件中为该指标加上 aliases。",
        )


RULE = Rule(
    code="RB003",
    name="unknown-indicator",
    family="rubric",
    severity=Severity.WARNING,
    title="指标不在指标体系中",
    func=check,
    needs=("facts", "rubric"),
)
