"""FG001 parts-sum."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from drafter.check.facts import Breakdown, CheckContext, Facts, Figure
from drafter.check.rule import Rule
from drafter.check.rules._emit import as_written, finding, num
from drafter.check.rules.figures._common import adds_up, nearest
from drafter.figures import registry
from drafter.findings import Finding, Severity


@cache
def _money_relations() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """(total, parts, what the total is called) of the registry's parts relations between money
    figures (not the staff categories, ``staff.*``): read from the registry's models once."""
    reg = registry()
    return tuple(
        (rel.total, rel.parts, rel.says or reg.name(rel.total))
        for rel in reg.relations.parts
        if all(not p.endswith("*") for p in rel.parts)
    )


def _named(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """The registry's parts relations: 基本支出 + 项目支出 = 实际支出, and the staff categories = 在编人数."""
    for total, parts, says in _money_relations():
        hit = _money_parts(facts, ctx, total, parts, says)
        if hit is not None:
            yield hit
    totals = facts.figures_for("staff.total")
    if not totals:
        return
    cats = _staff_categories(facts)
    for i, staff_total in enumerate(totals):
        # evaluation data states its categories in fields of their own: all of them break it down
        near = cats if facts.origin == "data" else _categories_of(staff_total, cats)
        if not near and i == 0:  # the categories stated apart
            near = list({f.key: f for f in reversed(cats)}.values())[::-1]
        hit = _staff(staff_total, near)
        if hit is not None:
            yield hit
            return  # one staff breakdown per report is enough to point at the table


def _staff_categories(facts: Facts) -> list[Figure]:
    """The figures of the staff categories (``staff.<category>``), in report order. Taken from the
    figures by key: when each category is stated once, the order the keys were first seen in is the
    report's order; otherwise every figure is looked at."""
    cats: list[Figure] = []
    for key, found in facts.figures_by_key().items():
        if key.startswith("staff.") and key != "staff.total":
            if len(found) > 1:
                return [f for f in facts.figures if f.key.startswith("staff.") and f.key != "staff.total"]
            cats.append(found[0])
    return cats


def _money_parts(
    facts: Facts, ctx: CheckContext, total_key: str, part_keys: tuple[str, ...], says: str
) -> Finding | None:
    """The first statement of the first part whose parts nearest to it (same line first) do not
    add up to the total nearest to it."""
    first, *rest = part_keys
    for head in facts.figures_for(first):
        line = head.source.line
        others = [nearest(facts, k, line) for k in rest]
        total = nearest(facts, total_key, line)
        if total is None or any(f is None for f in others):
            continue
        figs = [head, *(f for f in others if f is not None)]
        got = sum((f.amount for f in figs), Decimal(0))
        # XBRL: each figure may be off by half a unit of its last written place, in 万元 like its amount
        # (not tol.sum_ok on the amounts: 32153000元 is 3215.3万, whose last place is no longer the 元);
        # an approximate one (3100余万元) by its range
        if adds_up(figs, total, ctx.tolerances.money):
            continue
        names = "与".join(registry().name(k) for k in part_keys)
        return finding(
            RULE,
            Severity.ERROR,
            f"{names}之和 {num(got)} 万元，与{says} {num(total.amount)} 万元不符",
            head.source,
            expected=f"{num(total.amount)} 万元（{says}）{as_written(total)}",
            found=" + ".join(num(f.amount) for f in figs) + f" = {num(got)} 万元{as_written(*figs)}",
            hint="按决算数核对" + "、".join(registry().name(k) for k in part_keys) + f"和{says}。",
        )
    return None


def _categories_of(total: Figure, cats: list[Figure]) -> list[Figure]:
    """The staff categories that break ``total`` down: those stated after it on its line, else on
    the nearest following line with any (within three lines) and the lines right after that one
    that state more; one per category (the first)."""
    line = total.source.line or 0
    by_line: dict[int, list[Figure]] = {}
    for f in cats:
        ln = f.source.line or 0
        if ln > line or (ln == line and (f.source.col or 0) >= (total.source.col or 0)):
            by_line.setdefault(ln, []).append(f)
    first = next((ln for ln in range(line, line + 4) if ln in by_line), None)
    if first is None:
        return []
    mine: list[Figure] = []
    ln = first
    while ln in by_line and (ln == first or first != line):
        mine.extend(by_line[ln])
        ln += 1
    return list({f.key: f for f in reversed(mine)}.values())[::-1]


def _staff(staff_total: Figure, cats: list[Figure]) -> Finding | None:
    if not cats:
        return None
    parts = [f.value for f in cats]
    total = sum(parts, Decimal(0))
    if len(cats) == 1 and total <= staff_total.value:
        return None  # one category named: the others may simply go unmentioned
    if total == staff_total.value or _approx_counts_agree(cats, staff_total):
        return None
    return finding(
        RULE,
        Severity.ERROR,
        f"各类人员之和 {num(total)} 人与在编人员总数 {num(staff_total.value)} 人不符",
        staff_total.source,
        expected=f"{num(staff_total.value)} 人",
        found=" + ".join(f"{f.name} {num(f.value)}" for f in cats) + f" = {num(total)} 人",
        hint="核对人员编制构成，使各类人员之和等于总数，或写明未列出的类别。",
    )


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Parts that do not add up to their stated total: 基本支出 + 项目支出 ≠ 实际支出, staff categories ≠ 在编人数, any listed parts ≠ their 合计.

    What it finds:
        分项之和不等于报告写明的合计，包括三种：一是基本支出 + 项目支出 ≠ 实际支出总额（实际支出也可写作
        全年支出、本年支出、支出合计、决算数等）；二是各类编制人数（行政编制、事业编制、工勤编等，按“人”
        或“名”）之和 ≠ 在编人员总数（或核定编制数）；三是同一句中写明合计、又逐项列出的数：先写总数再用“其
        中、包括、分别为、即”引出分项（“共投入资金1987.08万元。其中中央资金投入776.84万元，……”），或先列
        分项再写“合计、共计、总计、共”（“……，合计2598.50万元”）。分项可以是金额（元、万元、亿元混写的一律换
        算成万元），也可以是与总数同一量词的数量（个、项、名、家、所……）。

        金额容许各数按其所写末位四舍五入的误差，误差同样换算成万元（3115.27万容许0.005万元；31152700元只
        容许0.5元；0.31亿元容许0.005亿元，即50万元）；人数和数量必须严格相等。写成约数的，按约数的范围：
        “约3100万元”“3100万元左右”指与实数相差不超过5%，“3100余万元”“3100多万元”指不少于3100万元、不到3200
        万元，“20余人”指20至29人，实数在范围内即算相符。括号里的明细不算分项；分项
        跨过“；”的，到“；”为止或到句末为止加得上都算相符；列到一半出现另一类数字（如分项后写“实际支出95万
        元”“共计下达61.8万元”）时，分项到此为止；句子没有写完（摘录被截断）的不检查。“共节约、结余、减少”
        等差额不是合计。只写了一类编制且人数不超过总数的，视为其余类别未列出，不报告。

    Why it matters:
        这些合计数都取自决算或资金文件。分项加不上，说明某个数字录错了或取自别的表，用它算出的各项比率也
        跟着错。

    Example:
        会报告（649.23 + 2466.40 = 3115.63，合计写3115.27）：
        实际支出总额3115.27万，其中基本支出总额649.23万，项目支出2466.40万。
        会报告（15 + 6 = 21，总数写20）：
        在编人员共20人。行政编15人，事业编6人。
        会报告（776.84 + 290.36 + 992.88 = 2060.08）：
        共投入资金1987.08万元。其中中央资金投入776.84万元，省级资金投入290.36万元，地方资金投入992.88万元。
        不报告（样本报告：649.23 + 2466.04 = 3115.27；15 + 5 = 20）；“核定编制38名，其中行政编制22名，事业编
        制16名”也不报告。

    What to write instead:
        各数从同一张决算表或同一份资金文件中取，使分项之和等于合计（649.23 + 2466.04 = 3115.27）；人员构成列
        全各类编制；分项未列全的，写明“其余××万元用于……”。
    """
    seen: set[int | None] = set()
    for hit in _named(facts, ctx):
        seen.add(hit.line)
        yield hit
    for bd in facts.breakdowns:
        if bd.total.source.line in seen:
            continue  # the same sum, already reported by its name
        hit = _breakdown(bd, ctx)
        if hit is not None:
            seen.add(hit.line)
            yield hit


def _approx_counts_agree(parts: tuple[Figure, ...] | list[Figure], total: Figure) -> bool:
    """Counts are exact, except those written approximately ("30余人"), which admit their range."""
    if not any(f.approx for f in (*parts, total)):
        return False
    low = sum((f.bounds[0] if f.approx else f.amount for f in parts), Decimal(0))
    high = sum((f.bounds[1] if f.approx else f.amount for f in parts), Decimal(0))
    total_low, total_high = total.bounds if total.approx else (total.amount, total.amount)
    return low <= total_high and total_low <= high


def _adds_up(parts: tuple[Figure, ...], total: Figure, ctx: CheckContext) -> bool:
    if total.wan is None:  # counts are exact
        return sum((p.amount for p in parts), Decimal(0)) == total.amount or _approx_counts_agree(
            parts, total
        )
    # XBRL, per addend: half a unit of each figure's last written place, in 万元 like its amount
    return adds_up(parts, total, ctx.tolerances.money)


def _breakdown(bd: Breakdown, ctx: CheckContext) -> Finding | None:
    total, parts = bd.total, bd.parts
    if not all(p.comparable(total) for p in parts):
        return None
    for n in (*bd.cuts, len(parts)):
        if n >= 2 and _adds_up(parts[:n], total, ctx):
            return None
    got = sum((p.amount for p in parts), Decimal(0))
    unit = total.amount_unit
    shown = " + ".join(num(p.amount) for p in parts)
    return finding(
        RULE,
        Severity.ERROR,
        f"所列分项之和 {num(got)} {unit}与所述合计 {num(total.amount)} {unit}不符",
        bd.source,
        expected=f"{num(total.amount)}{unit}（{total.label or '合计'}）{as_written(total)}",
        found=f"{shown} = {num(got)}{unit}{as_written(*parts)}",
        hint="核对各分项与合计，使分项之和等于合计；分项未列全的，写明其余部分。",
    )


RULE = Rule(
    code="FG001",
    name="parts-sum",
    family="figures",
    severity=Severity.ERROR,
    title="分项之和与合计不符",
    func=check,
)
