"""DT001 figure-differs-from-data."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts, Figure, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.data._pair import data_facts, name_key
from drafter.findings import Finding, Severity

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


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A figure in the report (budget, spending, 三公经费, payments, staff numbers, fixed assets,
        progress …) that differs from the same figure in the evaluation data given with ``--data``.

    Why it matters:
        The data file is what the numbers were taken from (the 决算); a report that says something
        else was edited by hand or drafted from an old file, and cannot be traced to the accounts.

    Example:
        data: expenditure.actual: 3115.27 — report: 实际支出总额3115.72万

    What to write instead:
        The figure exactly as in the data (实际支出总额3115.27万元), or correct the data if the
        report is right.
    """
    data = data_facts(ctx)
    if data is None:
        return
    for fig in facts.figures:
        if fig.key in _SKIP:
            continue
        other = _counterpart(fig, data)
        if other is None or (fig.wan is None) != (other.wan is None):
            continue
        if fig.wan is None and fig.unit != other.unit:
            continue
        # The report may round the data's figure to its own precision, no more.
        if abs(fig.amount - other.amount) <= half_unit(fig.value) + ctx.tolerances.money:
            continue
        unit = "万元" if fig.wan is not None else fig.unit
        where = f"（{other.source.path}）" if other.source.path else ""
        yield finding(
            "DT001",
            Severity.ERROR,
            f"{fig.label}为 {num(fig.amount)}{unit}，与评价数据中的 {num(other.amount)}{unit} 不符",
            fig.source,
            expected=f"{num(other.amount)}{unit}{where}",
            found=f"{num(fig.amount)}{unit}",
            hint="按评价数据（决算）改正报告中的数字；若数据有误，先改正数据文件。",
        )


RULE = Rule(
    code="DT001",
    name="figure-differs-from-data",
    family="data",
    severity=Severity.ERROR,
    title="报告中的数字与评价数据不符",
    func=check,
)
