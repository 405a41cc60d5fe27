"""RB004 rubric-year-differs."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """The report's year is not the year of the rubric it is checked against.

    What it finds:
        所用指标体系（--rubric 指定，或评价数据 meta.rubric 指定）写明了适用年度，而报告标题或正文
        写明的评价年度与之不同，例如用 2023 年度的指标体系检查 2024 年度的报告。指标体系没有写年度、
        或报告中找不到评价年度时不检查。

    Why it matters:
        指标体系每年可能调整分值、增删三级指标或改变评分规则。用往年的体系核对，RB001–RB003 报告的
        分值不符、指标不在体系中，可能只是体系换了，而不是报告写错了；审核人应先确认用的是哪一年的体系。

    Example:
        会提示（用 gd-county-dept-2023 检查）：
        某县卫生健康局2024年度部门整体支出绩效自评报告
        不提示：
        某县卫生健康局2023年度部门整体支出绩效自评报告

    What to write instead:
        用 --rubric 指定与报告同一年度的指标体系（运行 drafter check -h 查看随附的编号，或给出本地指标
        体系文件的路径）；当年沿用上年体系的，可忽略此提示。
    """
    rubric = ctx.rubric
    year = ctx.year or facts.year
    if rubric is None or rubric.year is None or year is None or year == rubric.year:
        return
    yield finding(
        "RB004",
        Severity.INFO,
        f"报告为{year}年度，所用指标体系 {rubric.id} 是{rubric.year}年度的",
        facts.year_source,
        expected=f"{year}年度的指标体系",
        found=f"{rubric.year}年度（{rubric.id}）",
        hint="用 --rubric 指定与报告同一年度的指标体系；当年沿用上年体系的，可忽略此提示。",
    )


RULE = Rule(
    code="RB004",
    name="rubric-year-differs",
    family="rubric",
    severity=Severity.INFO,
    title="指标体系的年度与报告年度不同",
    func=check,
    needs=("facts", "rubric"),
)
