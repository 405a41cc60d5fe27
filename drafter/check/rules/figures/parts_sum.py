"""FG001 parts-sum."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import as_written, finding, num
from drafter.check.rules.figures._common import nearest
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Parts that do not add up to their stated total: 基本支出 + 项目支出 ≠ 实际支出, staff categories ≠ 在编人数.

    What it finds:
        分项之和不等于报告写明的合计，包括两种：一是基本支出 + 项目支出 ≠ 实际支出总额；二是各类编制人数
        （行政编、事业编、工勤编等）之和 ≠ 在编人员总数。

        金额：每个基本支出数与离它最近（同一行优先）的项目支出数、实际支出数配对，换算成万元后核对，容许
        各数按其所写末位四舍五入的误差，误差同样换算成万元（3115.27万容许0.005万元；31152700元只容许0.5元，
        即0.00005万元；6492.3千元容许0.05千元；0.31亿元容许0.005亿元，即50万元）；只报告第一处不符。
        人数：在编总数取最先写出的那个，每类编制取最先写出的人数，必须严格相等；退休、编外、聘用、借调等
        人员不计入；只写了一类编制且人数不超过总数的，视为其余类别未列出，不报告。

    Why it matters:
        这些合计数都取自决算。分项加不上，说明某个数字录错了或取自别的表，用它算出的各项比率也跟着错。

    Example:
        会报告（649.23 + 2466.40 = 3115.63，合计写3115.27）：
        实际支出总额3115.27万，其中基本支出总额649.23万，项目支出2466.40万。
        会报告（15 + 6 = 21，总数写20）：
        在编人员共20人。行政编15人，事业编6人。
        不报告（样本报告：649.23 + 2466.04 = 3115.27；15 + 5 = 20）。

    What to write instead:
        三个数都从同一张决算表中取，使分项之和等于合计（649.23 + 2466.04 = 3115.27）；人员构成列全各类编
        制，或写明未列出的类别。
    """
    tol = ctx.tolerances
    for basic in facts.figures_for("spend.basic"):
        line = basic.source.line
        project = nearest(facts, "spend.project", line)
        actual = nearest(facts, "spend.actual", line)
        if project is None or actual is None:
            continue
        parts = [basic.amount, project.amount]
        # XBRL: each figure may be off by half a unit of its last written place, in 万元 like its amount
        # (not tol.sum_ok on the amounts: 32153000元 is 3215.3万, whose last place is no longer the 元).
        slack = basic.allowance + project.allowance + actual.allowance + tol.money
        if abs(sum(parts, Decimal(0)) - actual.amount) <= slack:
            continue
        yield finding(
            RULE,
            Severity.ERROR,
            f"基本支出与项目支出之和 {num(sum(parts))} 万元，与实际支出总额 {num(actual.amount)} 万元不符",
            basic.source,
            expected=f"{num(actual.amount)} 万元（实际支出总额）{as_written(actual)}",
            found=f"{num(basic.amount)} + {num(project.amount)} = {num(sum(parts))} 万元{as_written(basic, project)}",
            hint="按决算数核对基本支出、项目支出和实际支出总额。",
        )
        break
    staff_total = facts.figure("staff.total")
    if staff_total is None:
        return
    cats = [f for f in facts.figures if f.key.startswith("staff.") and f.key != "staff.total"]
    cats = list({f.key: f for f in reversed(cats)}.values())[::-1]  # one per category, first kept
    if not cats:
        return
    parts = [f.value for f in cats]
    total = sum(parts, Decimal(0))
    if len(cats) == 1 and total <= staff_total.value:
        return  # one category named: the others may simply go unmentioned
    if total == staff_total.value:
        return
    yield finding(
        RULE,
        Severity.ERROR,
        f"各类人员之和 {num(total)} 人与在编人员总数 {num(staff_total.value)} 人不符",
        staff_total.source,
        expected=f"{num(staff_total.value)} 人",
        found=" + ".join(f"{f.name} {num(f.value)}" for f in cats) + f" = {num(total)} 人",
        hint="核对人员编制构成，使各类人员之和等于总数，或写明未列出的类别。",
    )


RULE = Rule(
    code="FG001",
    name="parts-sum",
    family="figures",
    severity=Severity.ERROR,
    title="分项之和与合计不符",
    func=check,
)
