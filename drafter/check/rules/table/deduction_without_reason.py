"""TB005 table-deduction-without-reason."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts, name_key
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.table.missing_deviation_reason import EMPTY_REASONS, shortfall
from drafter.findings import Finding, Severity

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """An indicator row of a score table scored below its 分值 while its 偏差原因 is empty.

    What it finds:
        自评表或评分表的某一指标行，得分低于分值（扣了分），但“偏差原因分析及改进措施”（或“扣分原
        因”）一栏空着，或只写了“无”“/”“—”之类。实际完成值已经达到年度指标值却仍扣分的（如指标值
        “≧100%”、实际完成值“100%”、分值10分、得分7分），在说明中特别指出：这种扣分尤其需要理由。

        实际完成值没有达到指标值的行由 TB003 报告，本条不重复报告；扣分落在其下级指标行的、正文中已就该
        指标写明扣分原因的、
        没有指标值而实际完成值是低于100%的比率（按比例计分，如预算执行率95%）的，不报告；正文中的
        指标扣分由 SC005 检查。表中根本没有偏差原因（扣分原因）一栏的，先在正文中查找：“存在的问题”
        一节提到该指标（或其主干，如“预算执行率”的“预算执行”），或别处提到它的句子写有不足、滞后、
        未完成之类的词，即算正文已说明，不报告；都没有，说明中才写明表和正文都没有交代扣分原因。
        本条为警告。

    Why it matters:
        扣分而不写原因，审核人员无从判断扣分是否合理：达标却扣分，可能是得分填错；未写原因的扣分也
        无法在“存在的问题”中提出对应的改进措施。财预〔2020〕10号要求每一处偏差写明原因。

    Example:
        会报告（指标已达到，却扣3分，偏差原因为空）：
        一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
        产出指标 | 时效指标 | 资金到位及时率 | ≥100% | 100% | 10 | 7 |
        不报告：
        产出指标 | 时效指标 | 资金到位及时率 | ≥100% | 100% | 10 | 10 |

    What to write instead:
        达标的指标给满分；确有扣分的，写明扣分原因和改进措施，例如：“资金分两批拨付，第二批晚于规定
        时限15天，扣3分；改进措施：提前做好资金拨付计划。”
    """
    explained: set[str] | None = None  # made when a row first needs it
    for row in facts.indicators:
        if row.max is None or row.score is None or row.score >= row.max:
            continue
        if (
            row.reason.strip().strip("。.") not in EMPTY_REASONS
            or row.text_reason is not None  # the prose says why (四、存在的问题: "预算执行进度偏慢")
        ):
            continue
        if explained is None:
            explained = _explained(facts)
        if name_key(row.name) in explained:
            continue
        short = shortfall(row)
        if short is True:
            continue  # TB003: a shortfall without a reason
        if short is None and _rate_below_full(row.actual):
            continue  # "95%" with no target: a proportional score explains itself
        lost = row.max - row.score
        # a table without a 偏差原因 column has no empty cell to point at: neither it nor the text
        # says why the points were lost
        why = "未写偏差原因" if row.reason_column else "表中没有偏差原因一栏，正文也未说明扣分原因"
        if short is False:
            message = (
                f"“{row.name}”实际完成值 {row.actual} 已达到年度指标值 {row.target}，"
                f"却扣 {num(lost)} 分且{why}"
            )
        elif row.reason_column:
            message = f"“{row.name}”扣 {num(lost)} 分，但偏差原因为空"
        else:
            message = f"“{row.name}”扣 {num(lost)} 分，但{why}"
        yield finding(
            RULE,
            Severity.WARNING,
            message,
            row.source,
            expected="扣分原因（或按达标给满分）",
            found=f"分值 {num(row.max)} 分，得分 {num(row.score)} 分，"
            + (f"偏差原因：{row.reason.strip() or '（空）'}" if row.reason_column else "无偏差原因一栏"),
            hint="写明扣分的原因和改进措施；指标已达到的，核对得分是否应为满分。",
        )


def _explained(facts: Facts) -> set[str]:
    """The names (as keys) whose deduction the text explains: under the indicator's name (the
    score tree's reason), or a group whose deduction sits in its sub-rows, which answer for it."""
    return {
        name_key(n.name)
        for n in facts.nodes()
        if n.reason.strip().strip("。.") not in EMPTY_REASONS
        or any(c.deduction is not None and c.deduction > 0 for c in n.children)
    }


def _rate_below_full(actual: str) -> bool:
    m = _PERCENT.search(actual)
    return m is not None and Decimal(m.group(1)) < 100


RULE = Rule(
    code="TB005",
    name="table-deduction-without-reason",
    family="table",
    severity=Severity.WARNING,
    title="表中扣分却未写偏差原因",
    func=check,
)
