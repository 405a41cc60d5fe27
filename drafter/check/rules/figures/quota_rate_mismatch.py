"""FG006 quota-rate-mismatch."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts, Quota, QuotaRate, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num, pct
from drafter.findings import Finding, Severity

HUNDRED = Decimal(100)
#: characters that say nothing of what was counted: the words around every task and done count
#: ("实际完成任务数", "我市年度计划"); what is left of a label names the thing ("危房改造")
_GENERIC = frozenset("实际完成任务计划目标年度全的了为是已共超额出过我市县区镇乡本该其中数量个")


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A stated rate of over- or under-fulfilment that the report's own task and done counts contradict.

    What it finds:
        报告写明了任务（计划）数和实际完成数，又写了超额或完成的比例（“超任务43%”“超额完成20%”“超计划12个
        百分点”“完成任务的112%”“任务完成率95%”“完成率100%”），而按这两个数算出的比例与所写的不符。

        超额比例 =（完成数 − 任务数）÷ 任务数；完成比例 = 完成数 ÷ 任务数。写“超……%”的，与两种算法中任一
        种相符即不报告（有的单位把完成数占任务数的比例也写成“超额完成……%”）；写“超……个百分点”的，是完成比
        例超出100%的点数（只在同一行也写有百分数时读，如“完成计划的112%，超计划12个百分点”）。任务数指数字前写有“任务”“计划”“目标数”的，完成数指数字前写有“实际”“完成”“建成”
        “竣工”的（“完成改造任务150户”两可，不读）。

        只在能确定是哪两个数时核对：同一句里写了单位相同的任务数和完成数的，用这两个数；同一句里没有的，
        全文只有一种单位（户、人次、公里、万元……）同时有任务数和完成数、且全文的任务数都是同一个数、完成数
        也都是同一个数，并且比例前面的文字与任务数或完成数前面的文字说的是同一件事（如都有“改造”）时，才
        用这两个数。只写“完成率”的，只与同一句里的任务数和完成数核对；“预算完成率”“资金完成率”等说的是资
        金，不读。写成目标的比例（“完成率达到95%以上”）和否定的说法（“未超计划”）不核对。

        容许的误差：所写比例末位的一个单位（允许截去而非四舍五入，“43.6%”写作“43%”不报告），加上带小数的
        数字按末位四舍五入的误差带入比例的部分；整数的户数、人数等按准确数计算。

    Why it matters:
        超额完成或完成比例常常是数量指标得分的依据，也是报告中最醒目的成绩。比例与报告自己的任务数和完成
        数对不上（例如把任务数除以完成数），读者无法判断任务究竟完成得如何，审核时会被要求更正。

    Example:
        会报告（150 ÷ 120 = 125%，超任务25%，而不是80%）：
        全县下达农村改厕任务数为120户，实际完成改厕150户。
        全县改厕工作成效明显，实际改厕数超任务80%。
        不报告（1000 ÷ 800 = 125%，超计划25%）：
        年初计划培训新型职业农民800人次，全年实际培训1000人次，超计划25%。

    What to write instead:
        用任务数和实际完成数重新计算：“任务数120户，实际完成150户，超任务25%（完成任务的125%）”。
    """
    if not facts.quota_rates:
        return
    for rate in facts.quota_rates:
        pair = _pair(facts.quotas, rate)
        if pair is None:
            continue
        hit = _check_one(rate, *pair, ctx.tolerances.rate_points)
        if hit is not None:
            yield hit


def _check_one(rate: QuotaRate, task: Quota, done: Quota, extra: Decimal) -> Finding | None:
    t, d = task.amount[0], done.amount[0]
    if t <= 0:
        return None
    share = d / t * HUNDRED
    over = share - HUNDRED
    if rate.kind == "share":
        computed = (share,)
    elif rate.unit == "百分点":
        computed = (over,)
    else:
        computed = (over, share)
    slack = 2 * half_unit(rate.value) + _carried(task, done) + extra
    if any(abs(c - rate.value) <= slack for c in computed):
        return None
    said = "超额" if rate.kind == "over" else "完成"
    first = computed[0]
    unit = "%" if rate.unit == "%" else "个百分点"
    shown = (
        f"{num(first.quantize(Decimal('0.01')), trim=True)}个百分点" if rate.unit == "百分点" else pct(first)
    )
    tv, dv = num(task.value), num(done.value)
    how = f"({dv} − {tv}) ÷ {tv}" if rate.kind == "over" else f"{dv} ÷ {tv}"
    return finding(
        RULE,
        Severity.ERROR,
        f"所述{said}比例 {num(rate.value)}{unit} 与文中任务数 {tv}{task.unit}、完成数 {dv}{done.unit} 算出的 "
        f"{shown} 不符",
        rate.source,
        expected=f"{shown}（{how}；完成数为任务数的{pct(share)}）",
        found=f"{num(rate.value)}{unit}",
        hint="按报告中的任务数和实际完成数重新计算超额（完成）比例，或核对所引数字。",
    )


def _carried(task: Quota, done: Quota) -> Decimal:
    """The rounding of counts written with decimals (12.5公里, 400.5万元), carried into the percent;
    whole counts of households or people are exact."""
    t, d = task.amount[0], done.amount[0]
    dt = _half(task)
    dd = _half(done)
    return HUNDRED * (dd / t + d * dt / (t * t))


def _half(q: Quota) -> Decimal:
    if q.amount[1] != "万元" and q.value == q.value.to_integral_value():
        return Decimal(0)
    return half_unit(q.value) * (q.amount[0] / q.value if q.value else Decimal(1))


def _pair(quotas: Sequence[Quota], rate: QuotaRate) -> tuple[Quota, Quota] | None:
    """The task and done counts ``rate`` is stated against, when that is certain (see the rule)."""
    line = rate.source.line
    same = [q for q in quotas if q.source.line == line and q.sentence == rate.sentence]
    pair = _unique_pair(same)
    if pair is not None or rate.general:
        return pair
    units = {q.amount[1] for q in same}
    pair = _unique_pair(quotas, units)
    if pair is None:
        return None
    said = _content(rate.subject)
    if not said or not (said & (_content(pair[0].label) | _content(pair[1].label))):
        return None
    return pair


def _unique_pair(quotas: Sequence[Quota], units: set[str] | None = None) -> tuple[Quota, Quota] | None:
    """The one task and one done count of the one unit that has both (each stated with one value
    however often it is repeated); None when there is no such unit or more than one."""
    tasks: dict[str, list[Quota]] = {}
    dones: dict[str, list[Quota]] = {}
    for q in quotas:
        unit = q.amount[1]
        if units and unit not in units:
            continue
        (tasks if q.kind == "task" else dones).setdefault(unit, []).append(q)
    both = [u for u in tasks if u in dones]
    if len(both) != 1:
        return None
    t, d = tasks[both[0]], dones[both[0]]
    if len({q.amount[0] for q in t}) != 1 or len({q.amount[0] for q in d}) != 1:
        return None
    return t[0], d[0]


def _content(text: str) -> set[str]:
    """The two-character words of ``text`` that name a thing: runs of Chinese characters with the
    generic ones (实际, 完成, 任务 …) taken out, cut into pairs."""
    out: set[str] = set()
    run = ""
    for ch in text + " ":
        if "\u4e00" <= ch <= "\u9fff" and ch not in _GENERIC:
            run += ch
            continue
        out.update(run[i : i + 2] for i in range(len(run) - 1))
        run = ""
    return out


RULE = Rule(
    code="FG006",
    name="quota-rate-mismatch",
    family="figures",
    severity=Severity.ERROR,
    title="超额或完成比例与任务数、完成数不符",
    func=check,
)
