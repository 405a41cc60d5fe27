"""TB003 missing-deviation-reason."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from drafter.check.facts import CheckContext, Facts, IndicatorRow
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity
from drafter.text.lazyre import lazy_compile

_FULL = str.maketrans("０１２３４５６７８９．％，＞＜＝", "0123456789.%,><=")
_NUMBER = lazy_compile(r"(\d+(?:\.\d+)?)\s*(%|[^\d\s.,;；，。]{0,3})")
#: Words that bound a target, read with the negation before them: 低于 alone is an upper
#: limit (投诉率低于5%), 不低于 a lower one. Symbols first, then the words after the number
#: (以上 / 以下 / 以内), then the comparatives, then words like 至少 / 控制在.
_SYMBOL = lazy_compile(r"[≥≧]|>=|[≤≦]|<=|[><]")
_AFTER = lazy_compile(r"以上|以下|以内")
_COMPARE = lazy_compile(r"(不得|不应|不能|不|未|没有)?(低于|少于|小于|高于|多于|大于|超过|超出)")
_BOUND = lazy_compile(r"至少|最少|起码|达到|至多|最多|控制在")
AT_LEAST, AT_MOST = "higher", "lower"
_SYMBOL_DIRECTION = {"≥": AT_LEAST, "≧": AT_LEAST, ">=": AT_LEAST, ">": AT_LEAST}
_AFTER_DIRECTION = {"以上": AT_LEAST, "以下": AT_MOST, "以内": AT_MOST}
#: The direction of a comparative said plainly; a negation turns it round (不超过 = at most).
_COMPARE_DIRECTION = {
    "低于": AT_MOST,
    "少于": AT_MOST,
    "小于": AT_MOST,
    "高于": AT_LEAST,
    "多于": AT_LEAST,
    "大于": AT_LEAST,
    "超过": AT_LEAST,
    "超出": AT_LEAST,
}
_BOUND_DIRECTION = {"至多": AT_MOST, "最多": AT_MOST, "控制在": AT_MOST}
_FLIP = {AT_LEAST: AT_MOST, AT_MOST: AT_LEAST}
EMPTY_REASONS = frozenset({"", "无", "暂无", "/", "／", "-", "—", "——", "无偏差", "null"})


def _value(text: str) -> tuple[Decimal, str] | None:
    m = _NUMBER.search(text.translate(_FULL).replace(",", ""))
    if not m:
        return None
    try:
        return Decimal(m.group(1)), m.group(2).strip()
    except InvalidOperation:
        return None


def target_direction(target: str) -> str | None:
    """Whether a target is a lower bound (``"higher"``: the actual value should reach it) or an
    upper bound (``"lower"``), from its words; None where it says neither.

    ≥ 90% / 不低于90% / 不少于 / 不小于 / 90%以上 / 至少 / 达到 → at least;
    ≤ 5% / 不高于 / 不超过 / 不大于 / 以内 / 以下 / 低于5% / 控制在 → at most.
    """
    text = target.translate(_FULL)
    m = _SYMBOL.search(text)
    if m:
        return _SYMBOL_DIRECTION.get(m.group(), AT_MOST)
    m = _AFTER.search(text)
    if m:
        return _AFTER_DIRECTION[m.group()]
    m = _COMPARE.search(text)
    if m:
        direction = _COMPARE_DIRECTION[m.group(2)]
        return _FLIP[direction] if m.group(1) else direction
    m = _BOUND.search(text)
    if m:
        return _BOUND_DIRECTION.get(m.group(), AT_LEAST)
    return None


def _direction(row: IndicatorRow) -> str:
    found = target_direction(row.target)
    if found is not None:
        return found
    return AT_MOST if "成本" in (row.level2 + row.level3) else AT_LEAST


def shortfall(row: IndicatorRow) -> bool | None:
    """Whether the actual value falls short of the target (None when they cannot be compared)."""
    target, actual = _value(row.target), _value(row.actual)
    if target is None or actual is None:
        return None
    if target[1] and actual[1] and target[1] != actual[1]:
        return None
    if _direction(row) == AT_MOST:
        return actual[0] > target[0]
    return actual[0] < target[0]


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """An indicator row of a 项目支出自评表 that falls short of its target with no 偏差原因.

    What it finds:
        项目支出绩效自评表的绩效指标行，实际完成值没有达到年度指标值，而“偏差原因分析及改进措施”一栏空
        着，或只写了“无”“暂无”“无偏差”“/”“—”之类。

        是否达标的判断：取年度指标值和实际完成值中的第一个数比较，两者都带单位时单位须相同（“≥500人
        次”与“420人次”可比；单位不同，或有一方没有数字，如“良好”“按期完成”，不检查）。指标值是下限的
        （“≥、不低于、不少于、不小于、以上、至少、达到、高于、超过”），实际值低于指标值为未达标；是上限的
        （“≤、不高于、不超过、不大于、以内、以下、至多、控制在、低于、少于”），实际值高于指标值为未达标。否
        定词“不”“未”“不得”等把比较词的方向倒过来：“不低于90%”是下限，“低于5%”是上限。依次看符号、数字
        后的“以上/以下/以内”、比较词、其他词。都没写的，成本指标按越低越好、其他指标按越高越好判断。

    Why it matters:
        财预〔2020〕10号的自评表要求每一处偏差都写明原因和改进措施。未达标却不写原因，财政部门会退回补
        充，也无从判断这一项的扣分是否合理。

    Example:
        会报告：
        一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
        产出指标 | 数量指标 | 培训人次 | ≥500人次 | 420人次 | 20 | 16.8 | 无
        会报告（“不低于”是下限，80%没有达到）：
        效益指标 | 满意度指标 | 受训人员满意度 | 不低于90% | 80% | 10 | 8 | 无
        不报告（≤30天的指标实际用25天，“不低于90%”的指标实际96%，都已达标）：
        产出指标 | 时效指标 | 培训完成时间 | ≤30天 | 25天 | 10 | 10 |
        效益指标 | 满意度指标 | 受训人员满意度 | 不低于90% | 96% | 10 | 10 | 无

    What to write instead:
        写明偏差原因和改进措施，例如：“受汛期影响，第四期培训延至次年一季度，全年完成420人次；改进措施：
        提前制定培训计划，汛期前完成集中培训。”并核对这一项的得分是否已相应扣减。
    """
    for row in facts.indicators:
        if shortfall(row) is not True:
            continue
        if row.reason.strip().strip("。.") not in EMPTY_REASONS:
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
