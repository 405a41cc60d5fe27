"""CN004 placeholder-left."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts, Placeholder
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity

#: placeholders this many lines apart or closer are reported together
_NEAR = 20


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Template text left in the report: 【待补充】 prompts, "**"/"XX" where a number belongs, "20xx年".

    What it finds:
        报告里还留着模板的占位符，没有写完：方括号或圆括号里的提示语（“【待补充：绩效目标完成情况】”
        “（请填写）”），或单独成句的“待补充、待填写、请填写”等；写数字的位置上是“**”“XX”“××”（“≥**平方米”
        “XX万元”“培训××人”）；比较符后面没有数值（“≥米”）；年份写成“20xx年”“202X年度”；表格里仍是模板
        填写说明的一格（以“结合、对照、针对、说明”等开头、以“（200字以内）”这类字数限制结尾：“结合自评情况，
        说明项目自评总分……（200字以内）”）。以序号开头、句中带字数限制的表注（“1.预算执行率=……需说明原因
        （100字以内）”）不算。

        “**”只在紧跟单位时算占位符：Markdown 的加粗（“**二、绩效自评结论**”）和网站遮盖地名的“**河县”都不
        报告；正文里的“有待补充完善”是叙述，也不报告。提示语和占位符的写法列在 schemas/lexicon/unfinished.yaml。
        相隔不超过20行的占位符（如一张表的各行）合并为一条发现，列出全部写法和所在行的范围。本条为警告。

    Why it matters:
        占位符说明这一处没有填：指标的目标值、完成数或年度是空的，据此打的分无从核对。报告照样提交，审核
        人员会把整份报告退回补正。

    Example:
        会报告：
        公猪舍(≥**平方米)
        年度绩效目标：【待补充：绩效目标完成情况】。
        20xx年地方投入残疾人事业发展补助资金877.99万元。
        评价结论 | 结合自评情况，说明项目自评总分，说明项目实施取得的成效或成果。（200字以内）
        不报告：
        **二、绩效自评结论**
        下达**河县2023年资金791万元。
        相关制度有待补充完善。

    What to write instead:
        把占位符换成实际内容：“公猪舍(≥22.8平方米)”“2023年地方投入……”；确实没有的，写明“无”及原因，
        并删去模板的提示语。
    """
    for group in _clusters(facts.placeholders):
        first, last = group[0], group[-1]
        shown = "、".join(dict.fromkeys(f"“{p.text}”" for p in group))
        lines = sorted({p.source.line for p in group if p.source.line is not None})
        where = f"（共{len(group)}处，第{lines[0]}–{lines[-1]}行）" if len(lines) > 1 else ""
        yield finding(
            RULE,
            Severity.WARNING,
            f"留有未填写的占位符 {shown}{where}",
            first.source,
            expected="实际的内容或数字",
            found=shown,
            hint="把占位符换成实际内容；确实没有的写明“无”及原因，并删去模板的提示语。",
            end_line=last.source.line if len(lines) > 1 else None,
        )


def _clusters(items: tuple[Placeholder, ...]) -> list[list[Placeholder]]:
    """Placeholders in runs of nearby lines (a form's rows, one paragraph's years): one finding each."""
    groups: list[list[Placeholder]] = []
    for ph in items:
        line = ph.source.line
        prev = groups[-1][-1].source.line if groups else None
        if groups and line is not None and prev is not None and line - prev <= _NEAR:
            groups[-1].append(ph)
        else:
            groups.append([ph])
    return groups


RULE = Rule(
    code="CN004",
    name="placeholder-left",
    family="consistency",
    severity=Severity.WARNING,
    title="留有模板占位符，内容未填写",
    func=check,
)
