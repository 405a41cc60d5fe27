"""LM002 unsupported-claim (model second reader)."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A conclusion the report supports with no fact, figure or source, found by the model second reader (--llm).

    What it finds:
        只在运行 drafter check --llm 时由大模型审读得出，不加 --llm 时本规则不产生任何结果。找出报告中没
        有任何事实、数字或来源支撑的结论性说法，如“效果显著”“群众满意度高”“发挥了重要作用”。

        模型必须逐字引用原文；程序到报告中核对引文（忽略空白和全角半角差别，且不少于6个字），找不到就舍
        弃，引文所在的行已有规则检查结果的也不重复报告。本条是提示（info）级，标明来自模型审读，不改动规
        则检查的结果。

    Why it matters:
        自评的效益、满意度等指标要凭证据给分。没有数字、调查或具体成果的结论，审核人员无法核实，往往会扣
        分。

    Example:
        可能报告（样本报告第55行，效果性给了满分20分，却没有一个数字）：
        在效果性方面，自评分为20分。部门履行职责时增加了税收和GDP；产业园提供了大量的工作岗位，解决了一大批人就业问题……
        一般不报告：结论后面写有具体的数字、调查结果或成果，如“新增就业岗位1200个”“满意度为95.2%”。

    What to write instead:
        写出依据，例如：“园区全年实现税收××万元，同比增长××%；新增就业岗位××个。”“经问卷调查（发
        放200份，回收186份），服务对象满意度为95.2%。”确实没有依据的，把结论写得实事求是一些。
    """
    return iter(())  # found by the second reader (drafter.llm.review), never from Facts


RULE = Rule(
    code="LM002",
    name="unsupported-claim",
    family="model",
    severity=Severity.INFO,
    title="结论缺少依据（模型审读）",
    func=check,
    needs=(),
)
