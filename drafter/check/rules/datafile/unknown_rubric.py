"""DA002 unknown-rubric (found when the data's rubric is loaded)."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """The rubric the data names (``meta.rubric``) is neither a bundled rubric nor a readable rubric file.

    What it finds:
        评价数据 meta.rubric 填写的评价指标体系既不是程序自带的指标体系编号（drafter rubrics 列出），
        也不是可以读取的指标体系文件路径。

    Why it matters:
        起草报告时各指标的分值、评分规则和报告结构都取自指标体系；找不到指标体系，就无法核对分值，
        也无法起草。

    Example:
        会报告：
        meta:
          rubric: gd-county-2023
        不报告：
        meta:
          rubric: gd-county-dept-2023

    What to write instead:
        填写 drafter rubrics 列出的编号之一（如 gd-county-dept-2023），或本地指标体系文件的路径。
    """
    return iter(())  # found by check_data when it loads the rubric, never from Facts


RULE = Rule(
    code="DA002",
    name="unknown-rubric",
    family="datafile",
    severity=Severity.ERROR,
    title="数据所用的评价指标体系不存在",
    func=check,
    needs=(),
)
