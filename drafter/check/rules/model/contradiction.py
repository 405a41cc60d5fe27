"""LM001 contradiction (model second reader)."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Two passages of one report that cannot both be true, found by the model second reader (--llm).

    What it finds:
        只在运行 drafter check --llm 时由大模型审读得出，不加 --llm 时本规则不产生任何结果。模型逐章
        （按“一、”“二、”等一级标题分段）审读，同时对照报告全文，找出同一报告中意思互相矛盾、而数字规则又
        发现不了的两处说法。

        模型必须逐字引用原文（每处问题引用1至3段）；程序再到报告中核对每一段引文（忽略空白和全角半角差
        别，且不少于6个字），有一段找不到，这条就舍弃。引文所在的行已经有规则检查结果的，也不再重复报
        告。模型的结果都是提示性的（本条为警告级），标明来自模型审读，只能增加问题，不会改动或删除规则检
        查的结果。

    Why it matters:
        财政部门审核人员是把报告作为一个整体来读的。两处说法不能同时成立，其余内容的可信度也会受到怀疑，
        报告会被退回修改。

    Example:
        可能报告（两处说的是同一项规划）：
        一、部门基本情况：临港产业园控制性详细规划（包含产业规划、专项交通道路规划）已完成成果编制。
        四、存在的问题：临港产业园控制性详细规划尚在编制，未能按计划报批。
        不报告：已由 CL002 等规则报告的矛盾（如“所有项目按时完成”与“进度65%”），模型不再重复。

    What to write instead:
        核实事实后统一说法，例如：“临港产业园控制性详细规划已完成初稿，正在征求意见，预计2024年6月报
        批。”同一事实在全文中使用同一种表述。
    """
    return iter(())  # found by the second reader (drafter.llm.review), never from Facts


RULE = Rule(
    code="LM001",
    name="contradiction",
    family="model",
    severity=Severity.WARNING,
    title="前后矛盾（模型审读）",
    func=check,
    needs=(),
)
