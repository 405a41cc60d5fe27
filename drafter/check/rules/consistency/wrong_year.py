"""CN001 wrong-year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts, YearMention
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity

# Words right after a year that tie it to the budget cycle being evaluated: the year's budget
# preparation documents, its budget, execution, final accounts and self-evaluation. A past year
# named with these in a self-evaluation is almost always last year's text left in.
_CURRENT_CYCLE = re.compile(
    r"^年?度?的?(?:[县市省区镇级本部门财政局厅委的印发下达制定出台]{0,12})"
    r"(?:预算编制|部门预算|预算批复|预算调整|年初预算|调整预算|预算执行|整体支出|绩效自评|绩效目标|决算)"
)
# Words that make a past year a deliberate reference: comparisons, spans, history.
_PAST_REFERENCE = re.compile(
    r"上年|去年|前年|往年|历年|以来|以前|之前|此前|起|至|到|截至|截止|同比|相比|比较|较|对比|与|比|曾|原|分别|连续|结转"
)


# Last year's evaluation results and the rectification of its problems are legitimately cited.
_LOOKING_BACK = re.compile(r"结果|整改|反馈|发现的?问题|审计|检查")


def _deliberate(mention: YearMention) -> bool:
    return bool(
        _PAST_REFERENCE.search(mention.before[-8:])
        or _PAST_REFERENCE.search(mention.context[:12])
        or _LOOKING_BACK.search(mention.context[:24])
    )


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """An earlier year where the report year is meant (2020年度…预算编制工作方案 in a 2023 report).

    What it finds:
        在本年度的报告里，把往年的年份写在了本年度预算周期的事项前面，例如2023年度报告写“预算编制符
        合2020年度县级财政部门印发的预算编制工作方案”。

        报告年度取标题中的年份（前三行内、后面跟“绩效”“自评”“报告”等字样的年份）；没有这样的标题时，取全
        文出现次数最多的年份。只检查比报告年度早、且早不超过30年的年份，而且年份后面紧接着（中间最多
        隔“县级财政部门印发的”之类的十几个字）是本年度预算周期的事项：预算编制、部门预算、预算批复、预算
        调整、年初预算、调整预算、预算执行、整体支出、绩效自评、绩效目标、决算。

        有意引用往年的不报告：年份前后有“上年、去年、以来、以前、截至、同比、相比、较、与、比、原、连
        续、结转”等字样（如“较2022年度预算执行率提高”“2021年以来”），或后面讲的是往年的评价“结果”“整
        改”“反馈”“审计”“检查”（如“落实2022年度绩效自评结果整改”）。

    Why it matters:
        这往往是照抄往年报告留下的痕迹。审核人员看到往年的年份，就无法判断这一段写的是不是本年度的情况，
        整段内容都要重新核实。

    Example:
        会报告（样本报告第34行，报告年度为2023年）：
        （2）预算编制规范性。预算编制符合2020年度县级财政部门印发的预算编制工作方案、通知和有关制度要求，……自评得4分。
        不报告：
        本年度预算执行率为98%，较2022年度预算执行率提高3个百分点。
        认真落实2022年度部门整体支出绩效自评结果整改要求。

    What to write instead:
        改为本年度：“预算编制符合2023年度县级财政部门印发的预算编制工作方案……”。确实需要引用往年文件的，
        写明是往年文件及引用原因。
    """
    year = ctx.year or facts.year
    if year is None:
        return
    for mention in facts.years:
        if mention.year >= year or mention.year < year - 30:
            continue
        if not _CURRENT_CYCLE.match(mention.context) or _deliberate(mention):
            continue
        yield finding(
            "CN001",
            Severity.WARNING,
            f"{year}年度报告中引用了{mention.year}年度的“{_what(mention.context)}”，应为本年度",
            mention.source,
            expected=f"{year}年度",
            found=f"{mention.year}年度",
            hint=f"核对并改为{year}年度的文件或数据；若确实引用往年文件，请写明原因。",
        )


def _what(context: str) -> str:
    """The thing the year qualifies, up to the end of its clause: "预算编制工作方案、通知和有关制度要求"."""
    clause = re.split(r"[，,。；;：:！？\n]", context, maxsplit=1)[0]
    clause = re.sub(r"^年?度?的?", "", clause)
    return clause if len(clause) <= 24 else clause[:23] + "…"


RULE = Rule(
    code="CN001",
    name="wrong-year",
    family="consistency",
    severity=Severity.WARNING,
    title="引用了往年的年份（应为本年度）",
    func=check,
)
