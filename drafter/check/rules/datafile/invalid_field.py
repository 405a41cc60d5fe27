"""DA001 invalid-field (found by the data loader)."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A field of the evaluation data with a value of the wrong type or range, or a missing or unknown key.

    What it finds:
        评价数据文件（YAML）中不合格式要求的字段：该填数字的填了文字（“3115.27万元”“二〇二三”），金额、
        人数或得分为负数，完成进度超出0到100，只能取几个值之一的字段填了别的（预算级次只能是 省、市、县），
        缺少必填项（部门名称、评价年度、预算级次、指标体系），或者写了模板中没有的键（多半是拼错，
        如 self_scor）。读取数据文件时即检查，每一处都报告，并指出所在的行。

    Why it matters:
        格式不对的数据无法起草：程序不猜测“约3000万”是多少，也不会把拼错的键当作没填而悄悄略过。

    Example:
        会报告：
        meta:
          fiscal_year: 二〇二三
        不报告：
        meta:
          fiscal_year: 2023

    What to write instead:
        按模板（drafter init 生成）填写：金额只写数字（以万元计，如 3115.27），年度写 2023，不带单位
        或文字；键名照模板拼写。
    """
    return iter(())  # found by the loader (drafter.data.load), never from Facts


RULE = Rule(
    code="DA001",
    name="invalid-field",
    family="datafile",
    severity=Severity.ERROR,
    title="数据字段格式不对、缺少或多余",
    func=check,
    needs=(),
)
