"""CN005 numbering-repeated."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A list number used twice in a row: "1.…2.…3.…4.…4.…" (a list item copied or one deleted).

    What it finds:
        条目编号重复：同一组编号从1依次往下排，紧接着又出现了同一个编号，如“4.成本指标……”之后又是“4.社会
        效益指标”，或一段里的“1.……。2.……。3.……。4.……。4.……。5.……”。

        两种情况都检查：一是同一上级标题下、同一级同一写法（“1.”“1、”“（1）”各算一种）的标题；二是同一段
        里句号或分号之后的编号（网页和 PDF 常把一张清单压成一段）。只有前面是从1开始连续的编号、又紧接
        着重复的才报告：重新从1编号的另一张清单、只有一项的清单、夹在词语中间的数字（网页预览插入的
        “演练2、督促”）都不报告。本条为警告。

    Why it matters:
        编号重复多半是复制条目后忘了改号，或删改时漏了一项：指标、工作内容对不上号，引用“第4项”时也说
        不清是哪一项。审核人员会据此怀疑清单不全。

    Example:
        会报告（第二个“4.”）：
        4.成本指标。国家规定标准发放，指标为100%，实际完成值为100%。
        4.社会效益指标。体现党和政府的关心温暖。
        不报告：
        4.成本指标。……
        5.社会效益指标。……

    What to write instead:
        按顺序重新编号（“5.社会效益指标”）；如果确实漏了一项，补上。
    """
    for rep in facts.repeated_numbers:
        # a list written on one line repeats its number within that line
        where = f"第{rep.first_line}行" if rep.first_line != rep.source.line else "本行前面"
        yield finding(
            RULE,
            Severity.WARNING,
            f"编号 {rep.number} 重复（{where}已用过）",
            rep.source,
            expected=f"编号 {rep.number + 1}",
            found=f"编号 {rep.number}",
            hint="按顺序重新编号；若漏了一项，补上。",
        )


RULE = Rule(
    code="CN005",
    name="numbering-repeated",
    family="consistency",
    severity=Severity.WARNING,
    title="条目编号重复",
    func=check,
)
