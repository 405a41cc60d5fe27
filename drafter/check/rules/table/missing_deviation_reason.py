"""TB003 missing-deviation-reason."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from drafter.check.facts import CheckContext, Facts, IndicatorRow
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity

_FULL = str.maketrans("０１２３４５６７８９．％，＞＜＝", "0123456789.%,><=")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(%|[^\d\s.,;；，。]{0,3})")
_HIGHER = re.compile(r"≥|>=|>|不低于|不少于|以上|大于|至少|达到")
_LOWER = re.compile(r"≤|<=|<|不高于|不超过|不多于|以内|以下|小于|低于|控制在")
_EMPTY_REASON = {"", "无", "暂无", "/", "／", "-", "—", "——", "无偏差", "null"}


def _value(text: str) -> tuple[Decimal, str] | None:
    m = _NUMBER.search(text.translate(_FULL).replace(",", ""))
    if not m:
        return None
    try:
        return Decimal(m.group(1)), m.group(2).strip()
    except InvalidOperation:
        return None


def _direction(row: IndicatorRow) -> str:
    target = row.target.translate(_FULL)
    if _LOWER.search(target):
        return "lower"
    if _HIGHER.search(target):
        return "higher"
    return "lower" if "成本" in (row.level2 + row.level3) else "higher"


def shortfall(row: IndicatorRow) -> bool | None:
    """Whether the actual value falls short of the target (None when they cannot be compared)."""
    target, actual = _value(row.target), _value(row.actual)
    if target is None or actual is None:
        return None
    if target[1] and actual[1] and target[1] != actual[1]:
        return None
    if _direction(row) == "lower":
        return actual[0] > target[0]
    return actual[0] < target[0]


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        An indicator row of a 项目支出自评表 whose 实际完成值 falls short of its 年度指标值
        (below a ≥ target, above a ≤ target) while 偏差原因分析及改进措施 is empty or "无".

    Why it matters:
        The national form requires the cause of every deviation and the measure taken; an empty
        cell beside a shortfall is returned by the finance bureau, and the shortfall's deduction
        cannot be judged.

    Example:
        产出指标 | 数量指标 | 培训人次 | ≥500人次 | 420人次 | 10 | 8.4 | （空）

    What to write instead:
        偏差原因：受……影响，培训延期至次年一季度，完成420人次；改进措施：……
    """
    for row in facts.indicators:
        if shortfall(row) is not True:
            continue
        if row.reason.strip().strip("。.") not in _EMPTY_REASON:
            continue
        yield finding(
            "TB003",
            Severity.WARNING,
            f"“{row.name}”实际完成值 {row.actual} 未达到年度指标值 {row.target}，但未填写偏差原因",
            row.source,
            expected="偏差原因分析及改进措施",
            found=row.reason.strip() or "（空）",
            hint="写明未达标的原因和改进措施；若得分未扣减，请一并核对得分。",
        )


RULE = Rule(
    code="TB003",
    name="missing-deviation-reason",
    family="table",
    severity=Severity.WARNING,
    title="实际值未达目标却未写偏差原因",
    func=check,
)
