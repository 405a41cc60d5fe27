"""RD003 glued-rows-unread."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.check.rules.read._found import has_item_scores
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Score rows whose digits were glued together past telling apart, beside rows that were read (info).

    What it finds:
        自评表经识别软件（OCR）或网页预览后，单元格之间的分隔丢失，数字粘连在一起（如“补贴渔船数6620”可以是
        6、6、20，也可以是 6、62、0 或 66、2、0）。能唯一拆分的行照常读取和检查（如“渔船补贴发放率
        100%100%10”），拆分方式不止一种的行不猜测、不读取；只要有这样的行，就报告一次，指出第一处。
        一行也没有读出时，由 RD001 说明。

        这是一条提示（info）：未读的行不参加加总，总分无法与各项得分核对，检查结果“干净”并不说明
        得分没有问题。

    Why it matters:
        只读出一部分评分行时，各项得分之和必然与总分不符，工具因此不比较总分；审核人员需要知道哪些行
        没有读到，才能对照原表自行核对。

    Example:
        会报告：
        …二级指标三级指标年初目标值(A)实际完成值(B)得分数量指标补贴渔船数6620质量指标渔船补贴发放率100%100%10…
        不报告：每一行的数字都能唯一拆分（以“%”、单位或空格分隔，如“养护里程126公里128公里20”）。

    What to write instead:
        换用原始文件（Word、Excel 或带文字层的 PDF）检查；转录表格时在各栏数字之间保留空格或分隔符。
        用 drafter check 报告 --explain 可查看读到和未读到的评分行。
    """
    if not facts.unsplit or not has_item_scores(facts):
        return
    first = facts.unsplit[0]
    yield finding(
        "RD003",
        Severity.INFO,
        f"评分表中有{len(facts.unsplit)}行数字粘连、拆分方式不止一种，这些行未读，总分未与各项得分核对",
        first,
        expected="各栏数字之间有分隔的评分行",
        found=f"“{first.quote}”",
        hint="换用原始文件（Word、Excel 或带文字层的 PDF）检查，或在各栏数字之间保留空格或分隔符。",
    )


RULE = Rule(
    code="RD003",
    name="glued-rows-unread",
    family="read",
    severity=Severity.INFO,
    title="评分行数字粘连，部分行未读",
    func=check,
)
