"""DA004 rubric-of-other-kind (found when the data's rubric is loaded)."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """The data's report kind (``meta.kind``) differs from the kind its rubric was made for.

    What it finds:
        评价数据的报告类型（meta.kind：部门整体 或 项目支出）与 meta.rubric 所选评价指标体系适用的类型
        不同，例如部门整体支出自评选用了项目支出的指标体系。

    Why it matters:
        部门整体支出与项目支出的指标体系、报告结构都不同。选错了体系，各指标的名称和分值都对不上，起草的
        报告结构也不对。

    Example:
        会报告：
        meta:
          kind: 项目支出
          rubric: gd-county-dept-2023
        不报告：
        meta:
          kind: 部门整体
          rubric: gd-county-dept-2023

    What to write instead:
        核对 meta.kind 和 meta.rubric，选用与报告类型相符的指标体系（项目支出如 national-project-2020）。
    """
    return iter(())  # found by check_data when it loads the rubric, never from Facts


RULE = Rule(
    code="DA004",
    name="rubric-of-other-kind",
    family="datafile",
    severity=Severity.WARNING,
    title="数据的报告类型与指标体系不符",
    func=check,
    needs=(),
)
