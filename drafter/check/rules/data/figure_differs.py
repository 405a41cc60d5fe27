"""DT001 figure-differs-from-data."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts, Figure
from drafter.check.rule import Rule
from drafter.check.rules._emit import as_written, finding, num
from drafter.check.rules.data._pair import data_facts
from drafter.findings import Finding, Severity
from drafter.text.names import name_key

#: Figures told apart by their name (two payments, two works, two staff categories).
_NAMED = ("payment", "progress", "staff.")
#: Stated rates are compared with their own figures (FG003), not with data.
_SKIP = ("rate",)


#: A name contained in another names the same thing only when it is most of it: "…项目进度款" in
#: "按工程量支付…项目进度款" is the same payment; "阳辉路" in "阳辉路完成给排水工程" is a part of the work.
CONTAINED_SHARE = 0.6


def _same_thing(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return bool(short) and short in long_ and len(short) >= CONTAINED_SHARE * len(long_)


def _counterpart(fig: Figure, data: Facts) -> Figure | None:
    candidates = data.figures_for(fig.key)
    if not candidates:
        return None
    if fig.key.startswith(_NAMED) and fig.key != "staff.total":
        key = name_key(fig.name or fig.label)
        hits = [c for c in candidates if key and (name_key(c.name or c.label) == key)]
        if not hits:
            hits = [c for c in candidates if _same_thing(key, name_key(c.name or c.label))]
        return hits[0] if len(hits) == 1 else None
    return candidates[0] if len(candidates) == 1 else None


def _where(fig: Figure) -> str:
    """（评价数据中的“支出情况·实际支出数”，数据文件第60行）: the data's field as a reader names it."""
    if not fig.source.path:
        return ""
    from drafter.data.fields import field_name

    line = f"，数据文件第{fig.source.line}行" if fig.source.line else ""
    return f"（评价数据中的“{field_name(fig.source.path)}”{line}）"


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A figure in the report that differs from the same figure in the evaluation data (``--data``).

    What it finds:
        报告中的数字与 --data 给出的评价数据（YAML 文件）中的同一数字不一致。比对的数字包括：年初预算、
        调整预算、实际支出、基本支出、项目支出，三公经费和日常公用经费的预算与实际数，政府采购计划数与实
        际数，在用固定资产和固定资产总额，在编人数及各类编制人数，各笔支付款项，各项工程的完成进度。报告
        中写明的比率（执行率、利用率等）不在此比对，由 FG003 按报告自己的数字核对。

        对应方法：各笔款项、各项工程进度、各类编制按名称对应（忽略空格、标点和末尾的“情况”；名称互相包含
        时，较短的须占较长的六成以上才算同一项），只有唯一对应时才比对；其他数字只在评价数据中恰有一个同
        类数字时才比对。金额一律换算成万元再比；非金额的数字单位须相同。报告按自己写到的那一位对数据四舍
        五入不算不一致：允许相差所写末位的半个单位，这个误差也按所写单位换算成万元。数据3215.36万元，报告
        写3215.4万元（±0.05万元）或0.32亿元（写到0.01亿元，±50万元）都不报告；写32153000元（写到元，±0.5元），
        与数据差600元，报告。

    Why it matters:
        评价数据是报告数字的来源（取自决算）。报告写的数与数据不同，说明报告经过手工改动或依据的是旧数
        据，数字无法追溯到决算，审核时要逐一核对。

    Example:
        会报告：
        评价数据：expenditure: {actual: 3215.36}
        报告：实际支出总额3215.63万元
        会报告（换算为3215.30万元，差600元）：
        报告：实际支出总额32153000元
        不报告：
        报告：实际支出总额3215.36万元（或3215.4万元、0.32亿元）

    What to write instead:
        照评价数据写：“实际支出总额3215.36万元”。如果报告的数字才是对的，先改正评价数据文件，再重新生成
        或核对报告。
    """
    data = data_facts(ctx)
    if data is None:
        return
    for fig in facts.figures:
        if fig.key in _SKIP:
            continue
        other = _counterpart(fig, data)
        if other is None or not fig.comparable(other):
            continue
        # The report may round the data's figure to its own precision (in 万元), no more.
        if abs(fig.amount - other.amount) <= fig.allowance + ctx.tolerances.money:
            continue
        unit = fig.amount_unit
        where = _where(other)
        yield finding(
            "DT001",
            Severity.ERROR,
            f"{fig.label}为 {num(fig.amount)}{unit}，与评价数据中的 {num(other.amount)}{unit} 不符",
            fig.source,
            expected=f"{num(other.amount)}{unit}{where}",
            found=f"{num(fig.amount)}{unit}{as_written(fig)}",
            hint="按评价数据（决算）改正报告中的数字；若数据有误，先改正数据文件。",
        )


RULE = Rule(
    code="DT001",
    name="figure-differs-from-data",
    family="data",
    severity=Severity.ERROR,
    title="报告中的数字与评价数据不符",
    func=check,
    needs=("facts", "data"),
)
