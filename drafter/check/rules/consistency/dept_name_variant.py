"""CN003 dept-name-variant."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """The department's full name written in more than one way in the same report.

    What it finds:
        同一份报告中，本部门的全称有不同写法，例如标题写“某县农业农村局2023年度部门整体支出绩效自评报
        告”，结论部分写“某县农业局2023年度部门整体支出绩效自评得分为95分”。

        部门全称从紧挨在年份前面的名称中识别（如“阳西县高新技术产业开发区管理委员会2023年度……”，以局、委
        员会、管委会、办公室、中心、政府等结尾），以最先出现的写法（通常是标题）为准，其余写法与它不同的
        逐一报告。不在年份前面的名称不检查。

        为避免误报：用“（以下简称“高新区”）”引出的简称不与全称比较；一种写法包含另一种的（如“现将某县农
        业农村局”与“某县农业农村局”）视为同一名称，不报告。注意：其他机关的名称写在年份前面时（如“符合县
        财政局2023年度预算编制工作方案”），目前也会被当作本部门名称而报告；核实无误的，可在该行
        写“drafter: ignore CN003”。

    Why it matters:
        自评报告是一个预算单位的正式文件，单位名称必须与预算、决算文件一致。出现第二种写法，往往是从别的
        单位或往年的报告中复制过来的文字。

    Example:
        会报告（第5行与标题不一致）：
        某县农业农村局2023年度部门整体支出绩效自评报告
        ……
        某县农业局2023年度部门整体支出绩效自评得分为95分。
        不报告（用简称引出后使用简称）：
        阳西县高新技术产业开发区管理委员会（以下简称“阳西高新区”）……阳西高新区2023年度……

    What to write instead:
        每一处都使用预算、决算文件中的部门全称；简称先用“（以下简称“××”）”引出，再在后文使用。
    """
    full = [n for n in facts.names if n.kind == "dept_full"]
    if len(full) < 2:
        return
    counts = Counter(n.name for n in full)
    if len(counts) < 2:
        return
    canonical = facts.dept_full if facts.dept_full in counts else counts.most_common(1)[0][0]
    reported: set[tuple[str, int | None]] = set()
    for n in full:
        if n.name == canonical or (n.name, n.source.line) in reported:
            continue
        # One name inside the other is words caught around the same name ("现将阳西县…委员会"),
        # not a second spelling: leave it (precision before recall).
        if n.name in canonical or canonical in n.name:
            continue
        reported.add((n.name, n.source.line))
        yield finding(
            "CN003",
            Severity.WARNING,
            f"部门名称写作“{n.name}”，与报告其他处的“{canonical}”不一致",
            n.source,
            expected=canonical,
            found=n.name,
            hint="统一使用预算、决算文件中的部门全称。",
        )


RULE = Rule(
    code="CN003",
    name="dept-name-variant",
    family="consistency",
    severity=Severity.WARNING,
    title="部门名称前后写法不一致",
    func=check,
)
