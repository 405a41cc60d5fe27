"""CN001 wrong-year."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts, YearMention
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity
from drafter.text.lazyre import lazy_compile

# Words right after a year that tie it to the budget cycle being evaluated: the year's budget
# preparation documents, its budget, execution, final accounts and self-evaluation. A past year
# named with these in a self-evaluation is almost always last year's text left in.
_CURRENT_CYCLE = lazy_compile(
    r"^年?度?的?(?:[县市省区镇级本部门财政局厅委的印发下达制定出台]{0,12})"
    r"(?:预算编制|部门预算|预算批复|预算调整|年初预算|调整预算|预算执行|整体支出|绩效自评|绩效目标|决算)"
)
# Words that make a past year a deliberate reference: comparisons, spans, history. Whole words
# only: a single 原/与/比/起/至/到 near a year is as likely part of 原则, 参与, 比例, 提起 or 落实到.
_YEAR_RX = r"(?:19|20)\d{2}"
#: Anywhere in the words just before the year or just after it.
_REFERENCE_WORDS = lazy_compile(
    r"上年|去年|前年|往年|历年|以往|以来|以前|之前|此前|截至|截止|同比|相比|比较|对比|相较|曾|分别|连续|结转"
    r"|原来|原定|原有|原先|原计划"
)
_JOIN = r"(?:至|到|—|-|～|~|和|与|及|、)"
#: Right before the year: 较2022年度…, 比2022年…, 自/从2021年… (not 遵从/服从 or 来自/各自),
#: 2021年至2023年, 2021年度和2022年度.
_REFERENCE_BEFORE = lazy_compile(
    rf"(?:较|比|较之|(?<![来各亲独擅])自|(?<![服遵听顺依])从|直至|直到|{_YEAR_RX}\s*年度?\s*{_JOIN})\s*$"
)
#: Right after the year: 2021年起… (not 起草), 2021年开始, 2021年至2023年, 2021年度和2022年度.
_REFERENCE_AFTER = lazy_compile(rf"^度?\s*(?:起(?!草)|开始|{_JOIN}\s*{_YEAR_RX})")
#: 与/同/和 2022年度…相比 (or 比较 / 对比 / 持平): the comparison closes after the year.
_WITH_BEFORE = lazy_compile(r"(?:与|同|和|跟)\s*$")
_WITH_AFTER = lazy_compile(r"相比|比较|对比|相较|持平")


# Last year's evaluation results and the rectification of its problems are legitimately cited.
_LOOKING_BACK = lazy_compile(r"结果|整改|反馈|发现的?问题|审计|检查")
#: the evaluation of a year, named in the document that orders it ("关于开展2020年度水利发展资金绩效
#: 评价工作的通知"): in a later year's self-evaluation, last year's notice reused as its basis
_EVALUATION_OF = lazy_compile(r"^度?[^，,。；;》”\n]{0,16}?(?:绩效评价|绩效自评)")
#: … unless it is last year's evaluation itself that is cited (its report, its findings)
_PAST_EVALUATION = lazy_compile(r"报告|结论|得分|评分")
#: a year that opens its clause and is followed by a comma: "2023年，县统计局……" tells what the
#: unit did that year; in a later report, last year's account left in
_YEAR_CLAUSE = lazy_compile(r"^\s*(?:在|于)?\s*(?:19|20)\d{2}\s*年度?\s*$")


def _deliberate(mention: YearMention) -> bool:
    before, after = mention.before[-8:], mention.context
    return bool(
        _REFERENCE_WORDS.search(before)
        or _REFERENCE_WORDS.search(after[:12])
        or _REFERENCE_BEFORE.search(before)
        or _REFERENCE_AFTER.match(after)
        or (_WITH_BEFORE.search(before) and _WITH_AFTER.search(after))
        or _LOOKING_BACK.search(after[:24])
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

        此外还报告两种：一是往年某年度绩效评价（自评）工作的文件被当作本年度自评的依据（2021年度报告写“依
        据《关于开展2020年度水利发展资金绩效评价工作的通知》”）；引用往年评价的报告、结论、得分，或其结果
        整改的，不报告。二是以往年年份开头、后接逗号的句子（2024年度报告写“2023年，县统计局……”），这是上
        一年的工作情况留在了报告里（同一段里也写了本年度的，是前后对比，不报告）。年份后面跟着月份的日期（“2023年12月下达2024年资金”）、“2023年末”的年
        末数，都不算。

        有意引用往年的不报告，按整词判断：年份前后有“上年、去年、往年、以往、以来、以前、截至、同比、相比、
        比较、对比、曾、分别、连续、结转、原来、原定、原有”等词（如“2021年以来”）；年份紧前是“较、比、自、
        从”（如“较2022年度预算执行率提高”）；与另一个年份构成起止或并列（“2021年至2023年”“2021年度
        和2022年度”），或写成“自2021年起”；“与（同、和）2022年度……相比”；或后面讲的是往年的
        评价“结果”“整改”“反馈”“审计”“检查”（如“落实2022年度绩效自评结果整改”）。单独一个“原、与、比、起、至、到”不算
        引用：“符合2021年度预算编制原则”（原则）、“参与2021年度部门预算编制”（参与）、“落实到2022年度预算
        执行”都会报告。

    Why it matters:
        这往往是照抄往年报告留下的痕迹。审核人员看到往年的年份，就无法判断这一段写的是不是本年度的情况，
        整段内容都要重新核实。

    Example:
        会报告（样本报告第34行，报告年度为2023年）：
        （2）预算编制规范性。预算编制符合2020年度县级财政部门印发的预算编制工作方案、通知和有关制度要求，……自评得4分。
        会报告（“原则”的“原”不是“原来”）：
        预算编制符合2021年度预算编制原则和有关制度要求。
        不报告：
        本年度预算执行率为98%，较2022年度预算执行率提高3个百分点。
        2021年至2023年预算执行率均超过95%。
        认真落实2022年度部门整体支出绩效自评结果整改要求。

        会报告（2024年度报告）：
        2023年，县统计局完成了农业普查数据汇总工作。

    What to write instead:
        改为本年度：“预算编制符合2023年度县级财政部门印发的预算编制工作方案……”。确实需要引用往年文件的，
        写明是往年文件及引用原因。
    """
    year = ctx.year or facts.year
    if year is None:
        return
    this_year_lines = {m.source.line for m in facts.years if m.year == year}
    for mention in facts.years:
        if mention.year >= year or mention.year < year - 30 or _deliberate(mention):
            continue
        context = mention.context
        if _CURRENT_CYCLE.match(context) or (
            (m := _EVALUATION_OF.match(context))
            and not _PAST_EVALUATION.search(context, m.end(), m.end() + 6)
        ):
            message = f"{year}年度报告中引用了{mention.year}年度的“{_what(context)}”，应为本年度"
        elif _YEAR_CLAUSE.match(mention.source.quote) and mention.source.line not in this_year_lines:
            # the clause is the year alone ("2023年，…"), in a paragraph that does not also speak of
            # the report year ("2023年，执行率为95%，2024年提高到98%" compares the two)
            message = f"{year}年度报告中以“{mention.source.quote.strip()}，”开头叙述当年情况，应为本年度"
        else:
            continue
        yield finding(
            "CN001",
            Severity.WARNING,
            message,
            mention.source,
            expected=f"{year}年度",
            found=f"{mention.year}年度",
            hint=f"核对并改为{year}年度的文件或数据；若确实引用往年文件，请写明原因。",
        )


def _what(context: str) -> str:
    """The thing the year qualifies, up to the end of its clause: "预算编制工作方案、通知和有关制度要求"."""
    end = _CLAUSE_END.search(context)
    clause = context if end is None else context[: end.start()]
    clause = _YEAR_WORDS.sub("", clause, count=1)
    if len(clause) <= WHAT_MAX:
        return clause
    # cut where a title or a list item ends ("…工作方案、通知和有关制度要求" → "…工作方案、通知…"),
    # never inside a word of the title
    ends = [m.end() for m in _TITLE_END.finditer(clause, 0, WHAT_MAX) if m.end() >= 6]
    cut = ends[-1] if ends else WHAT_MAX - 1
    return clause[:cut].rstrip("、和及与") + "…"


#: where the clause of a year's context ends; the year's own words left before what it qualifies
_CLAUSE_END = lazy_compile(r"[，,。；;：:！？》”\n]")
_YEAR_WORDS = lazy_compile(r"^年?度?的?")

#: A quoted thing longer than this is cut at a title or list boundary.
WHAT_MAX = 24
_TITLE_END = lazy_compile(
    r"(?:方案|通知|办法|意见|规定|制度|要求|文件|细则|规划|计划|预算|决算|报告)(?=[、和及与等]|$)|[、]"
)


RULE = Rule(
    code="CN001",
    name="wrong-year",
    family="consistency",
    severity=Severity.WARNING,
    title="引用了往年的年份（应为本年度）",
    func=check,
)
