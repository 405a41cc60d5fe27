"""RD001 no-scores-found."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts, Source
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.check.rules.read._found import found_instead, has_item_scores
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A report in which no self score at all could be found (info).

    What it finds:
        整份报告中一个自评得分也没有读到：没有自评总分（如“绩效自评得分为96分”），没有任何指标的得分
        （如“指标总分8，自评8分”“自评得4分”），自评表中也没有得分栏的数字，也没有评价等级。只要读到其中
        任何一个得分或等级，就不报告（只读到总分或等级的，由 RD002 说明读到了什么；评分表填了分值、
        得分栏全部空白的，由 RD004 说明）。

        “实际”一栏写明读到了什么（金额、比率、计数、完成情况表述等），什么也没读到时提示中照直说明；
        用 drafter check 报告 --explain 可逐条查看读到的内容。评分表的数字被识别软件（OCR）或网页预览
        粘连在一起、拆分方式不止一种时（如“补贴渔船数6620”可以是 6、6、20，也可以是 66、2、0），不猜测
        拆分，消息照直说明，并指出第一处这样的行。

        这是一条提示（info），不是错误：它说明与得分有关的检查（加总、分值、扣分原因、等级等）没能进行，
        此时没有其他发现，并不代表得分没有问题。

    Why it matters:
        没有得分，得分类检查就无从进行，检查结果“干净”很容易被误读为审核通过。常见原因是：检查的不是自评
        报告本身（如报送函、通知），或者得分写在图片、扫描件或附件表格里。

    Example:
        会报告（一份报送函）：
        关于报送2023年度部门整体支出绩效自评报告的函
        县财政局：
        根据工作安排，现将我局2023年度部门整体支出绩效自评报告报送给你们，请审阅。
        不报告：只要报告中写有“绩效自评得分为96分”或任一项“指标总分8，自评8分”。

    What to write instead:
        在正文写明自评总分（“绩效自评得分为96分”）和各项指标的分值、得分（“1.预算编制，指标总分8，自
        评8分”）；得分在附件评分表中的，一并检查附件（Word、PDF 或 Excel 自评表）。
    """
    if facts.total is not None or facts.grades or facts.grade_tallies or has_item_scores(facts):
        return
    if any(r.max is not None for r in facts.indicators):
        return  # a score table with its 分值 filled and its 得分 cells empty: RD004 says so
    # what was read goes in ``found``, not the message: the message stays the same while the text
    # around it changes (a rewritten paragraph must not look like a new finding)
    found = found_instead(facts)
    if facts.unsplit:
        # score rows were there, their cells glued together past telling apart: say so, on the
        # first of them, rather than that the report holds no scores
        first = facts.unsplit[0]
        seen = f"读到{len(facts.unsplit)}行数字粘连的评分行（如“{first.quote}”），无法确定各栏数字"
        yield finding(
            "RD001",
            Severity.INFO,
            "评分表中的数字粘连在一起，拆分方式不止一种，未能读出自评得分，得分相关的检查未能进行",
            first,
            expected="各指标的分值和自评得分",
            found=seen + ("；" + found if found else ""),
            hint="换用原始文件（Word、Excel 或带文字层的 PDF）检查，或在各栏数字之间保留空格或分隔符。",
        )
        return
    what = "" if found else "，也未读到金额、比率或完成情况等可核对的内容"
    yield finding(
        "RD001",
        Severity.INFO,
        f"未在报告中找到任何自评得分{what}，得分相关的检查未能进行",
        Source(line=None),
        expected="各指标的分值和自评得分",
        found=found or "未读到可核对的内容",
        hint="确认这是自评报告；在正文写明总分和各指标得分（如“指标总分8，自评8分”），或检查含评分表的文件。",
    )


RULE = Rule(
    code="RD001",
    name="no-scores-found",
    family="read",
    severity=Severity.INFO,
    title="未找到任何自评得分",
    func=check,
)
