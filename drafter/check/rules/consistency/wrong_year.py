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
    """
    What it finds:
        A year earlier than the report year where the report year is meant: the budget
        preparation documents, the budget, its execution or final accounts of the year evaluated
        (预算编制符合2020年度……预算编制工作方案 in a 2023 report).

    Why it matters:
        It is the tell-tale of last year's (or an older) report copied forward. A reviewer cannot
        tell whether the rest of the paragraph describes this year at all.

    Example:
        2023年度绩效自评报告中：预算编制符合2020年度县级财政部门印发的预算编制工作方案。

    What to write instead:
        预算编制符合2023年度县级财政部门印发的预算编制工作方案…… Past years stay fine where they
        are meant: 与上年相比、较2022年增长、2021年以来.
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
