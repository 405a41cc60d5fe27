"""RD002 total-without-item-scores."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.read._found import grades_read, has_item_scores
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A report whose total self score or grade was read, but no score of any indicator (info).

    What it finds:
        报告写明了自评总分（如“项目自评分：100分”“综合评分为97分”）或只写了评价等级（如“整体绩效自评为
        优秀”“21个项目评为一等”），但正文和表格中一个指标的得分也没有读到：没有“指标总分8，自评8分”一类
        的表述，也没有含“分值”“得分”列的评分表。消息写明读到的总分或等级。

        这是一条提示（info）：总分或等级无法与各指标得分核对，加总、分值、扣分原因等检查都没有进行，检查
        结果“干净”并不说明得分没有问题。

    Why it matters:
        审核人员看到“未发现问题”，容易以为总分已经核对过。常见原因是：报告只摘录了结论部分；各指标得分
        写在图片、扫描件或单独的附件里；或者报告用了检查工具尚不认识的写法。

    Example:
        会报告：
        项目自评分：100分
        四、绩效指标分析
        （一）决策分析
        不报告：同一报告中还写有“1.预算编制，指标总分8，自评8分”，或附有含“分值”“得分”列的评分表。

    What to write instead:
        在报告中逐项写明各指标的分值和得分（“1.预算编制，指标总分8，自评8分”），或附上评分表；得分在
        附件中的，一并检查附件（Word、PDF 或 Excel 自评表）。用 drafter check 报告 --explain 可查看读到了
        哪些内容。
    """
    if has_item_scores(facts):
        return
    total = facts.total
    if total is not None:
        yield finding(
            "RD002",
            Severity.INFO,
            f"读到总分{num(total.value)}分，但未找到各指标得分，总分无法核对",
            total.source,
            hint="在报告中逐项写明各指标的分值和得分，或附上评分表一并检查。",
        )
        return
    grades = grades_read(facts)
    if not grades:
        return
    yield finding(
        "RD002",
        Severity.INFO,
        f"读到{grades}，但未找到自评总分和各指标得分，等级无法核对",
        facts.grades[0].source if facts.grades else facts.grade_tallies[0].source,
        expected="自评总分和各指标的分值、得分",
        found=grades,
        hint="写明自评总分和各指标的分值、得分，或附上评分表一并检查。",
    )


RULE = Rule(
    code="RD002",
    name="total-without-item-scores",
    family="read",
    severity=Severity.INFO,
    title="只读到总分或等级，未找到各指标得分",
    func=check,
)
