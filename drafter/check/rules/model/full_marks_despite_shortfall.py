"""LM003 full-marks-despite-shortfall (model second reader)."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Full marks for an indicator whose own supporting text describes a shortfall, found by the model second reader (--llm).

    What it finds:
        只在运行 drafter check --llm 时由大模型审读得出，不加 --llm 时本规则不产生任何结果。找出给了满
        分、但评分依据的文字本身就写着不足的指标，如“暂未验收”“尚未完成”“存在滞后”“个别……未达到”，而这些
        文字没有被任何数字规则读出。

        模型必须逐字引用得分和写明不足的原文；程序到报告中核对每一段引文（忽略空白和全角半角差别，且不少
        于6个字），有一段找不到就舍弃，引文所在的行已有规则检查结果的也不重复报告。本条是警告级，标明来
        自模型审读，不改动规则检查的结果。

    Why it matters:
        依据里写着不足、得分却是满分，是审核人员最先质疑的地方：要么分数虚高，要么文字不实，整份自评的可
        信度都会下降。

    Example:
        可能报告：
        3.项目管理，指标总分8，自评8分
        部分项目已完工但暂未验收，项目资料归档滞后，自评得分8分。
        一般不报告：不足已按规则扣分并写明原因，如“自评6分，因2个项目暂未验收扣2分”。

    What to write instead:
        按不足扣分并写明原因（“自评6分，因2个项目暂未验收扣2分”）；如果工作实际已经完成，改正文字。
    """
    return iter(())  # found by the second reader (drafter.llm.review), never from Facts


RULE = Rule(
    code="LM003",
    name="full-marks-despite-shortfall",
    family="model",
    severity=Severity.WARNING,
    title="有不足仍给满分（模型审读）",
    func=check,
    needs=(),
)
