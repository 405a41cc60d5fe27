"""Listed entities (设4个内设机构：…), unit names used as paragraph heads, years, the department's
name as written."""

from __future__ import annotations

import re
from collections import Counter

from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract._figwords import LEXICON
from drafter.check.extract._scan import LineScan
from drafter.check.extract.lexicon import alternation
from drafter.check.facts import EntityList, NameMention, Source, YearMention
from drafter.read.outline import parse_heading
from drafter.text.headings import ENUMERATOR, marker_end
from drafter.text.lazyre import lazy_compile
from drafter.text.numbers import cn_to_int

__all__ = ["extract_entities", "extract_names", "extract_years"]

_LIST = lazy_compile(
    r"(?:下设|内设|设有|设置|设|共有|包括|包含|共)\s*(\d+|[一二两三四五六七八九十]+)\s*个([^：:，,。；;]{1,20}?)\s*[：:]\s*([^。；;]+)"
)
_ITEM_SEP = lazy_compile(r"[、，,；;]")
#: a count, its noun, then its list after a cue or in brackets: "13宗(东坑、湖仔洋、……)",
#: "共有3家合作社，分别为甲、乙、丙", "7个事业单位(农业服务中心、……及退役军人服务站)". Count words and
#: cues come from schemas/lexicon/figures.yaml (count_units, list_cues).
_COUNT_LIST = lazy_compile(
    r"(?<![0-9.])(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*"
    + alternation(w for g in LEXICON.count_units for w in g.words)
    + r"([\u4e00-\u9fff]{0,12}?)\s*(?:[,，]\s*)?(?:("
    + alternation(w for g in LEXICON.list_cues for w in g.words)
    + r")\s*[:：]?\s*|(?=\())"
)
#: a list, then its count and noun: "内设办公室、财务股、农业股3个股室" (lead words from
#: schemas/lexicon/figures.yaml list_leads); "…等3个" is not all, "…共3个" is
_LIST_COUNT = lazy_compile(
    "(?:"
    + alternation(w for g in LEXICON.list_leads for w in g.words)
    + r")\s*((?:[^、，,。；;：:\d\s]{2,20}、)+[^、，,。；;：:\d\s]{2,20}?)\s*(等|共)?\s*"
    + r"(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*"
    + alternation(w for g in LEXICON.count_units for w in g.words)
    + r"([\u4e00-\u9fff]{0,8}?)(?=[，,。；;）)\s]|$)"
)
#: a list that says it is not complete, or points elsewhere
_NOT_ALL = lazy_compile(r"等$|详见|见附|附件|如下|以下")
_PROSE_ITEM = lazy_compile(rf"^{ENUMERATOR}|已|正在|完成|负责")
#: "A、B和C": 和/及/以及 joins the last two items only where both halves are names of their own
_LAST_JOIN = lazy_compile(r"^(.+?)(?:以及|和|及)(.+)$")
_UNIT_NOUN = lazy_compile(r"机构|科室|股室|内设|处室|部门|单位|科|股|室|局|中心")
_UNIT_SUFFIX = "局室办科股处所队站部中心组"
#: a paragraph head after its marker: "（一）办公室：…"
_UNIT_HEAD = lazy_compile(r"\s*([\u4e00-\u9fff]{2,15}?)\s*[。：:]")
#: a year; one right after a digit is refused in code (a leading look-behind would make the regex
#: try every position of the line instead of scanning for 1 and 2 in C)
_YEAR = lazy_compile(r"((?:19|20)\d{2})\s*年")
#: a word of a report's title after its year ("2023年度部门整体支出绩效自评报告")
_TITLE_WORD = lazy_compile(r"自评|绩效|报告")
#: a cover's report year, alone on its line: "（2023年度）", "2023年度"
_COVER_YEAR = lazy_compile(r"[（(]?\s*(?:19|20)\d{2}\s*年度\s*[)）]?")
#: the cover of a form: its title, the year and the unit's name come within its first lines
_COVER_LINES = 12
#: what precedes a filing date: "填报日期：", "报送时间 "
_FILED = lazy_compile(r"(?:填报|填表|报送|打印|编制|制表|上报)(?:日期|时间)\s*[:：]?\s*$")
#: the generic ending of a department's name (…局, …管理委员会, …人民政府, …中心)
_ORG_END = r"(?:管理委员会|委员会|管理委员|管委会|委员|局|办公室|中心|政府|委|院|所|站|队|部|厅|会|馆|处)"
_NAME = r"[\u4e00-\u9fff（）()]{2,38}?" + _ORG_END
_YEAR_NO = r"(?:19|20)\d{2}\s*年度?"
#: export noise (bookmarks) and white space at the start of a line
_LEAD = r"^(?:[\s#*]|\[[^\]\n]*\])*"
#: the title: "某县农业农村局2023年度部门整体支出绩效自评报告"
_TITLE = lazy_compile(
    _LEAD + r"(?:关于)?(" + _NAME + r")\s*" + _YEAR_NO + r"[^，,。；;]{0,24}?(?:报告|自评表|评价表)"
)
#: a title on two lines: the name alone, then "2023年度部门整体支出绩效自评报告"
_TITLE_NAME = lazy_compile(_LEAD + r"(" + _NAME + r")\s*$")
_TITLE_REST = lazy_compile(_LEAD + _YEAR_NO + r"[^，,。；;]{0,24}?(?:报告|自评表|评价表)")
#: the opening of 部门基本情况: "某县农业农村局是县人民政府工作部门…"
_BASIC_SECTION = lazy_compile(r"基本情况|概况")
_OPENING = lazy_compile(_LEAD + r"(" + _NAME + r")\s*(?:是|为|系|成立于|作为|隶属|属于|位于|[（(，,])")
#: the department as the subject of its own budget: the year and a budget or expenditure noun
#: ("2023年度年初预算数"), and before it, back to a clean left boundary (sentence start,
#: punctuation, 我单位/本单位…), nothing but the name
_YEAR_BUDGET = lazy_compile(  # from 年 on (a literal start scans fast); the digits are checked before it
    r"年度?\s*(?:的)?\s*(?:年初预算|预算调整|调整(?:后)?预算|全年预算|部门预算(?:收入|支出|总额|数)"
    r"|预算(?:数|总额|收入|支出)|部门整体|整体支出|实际支出|支出总额|总支出|基本支出|项目支出|决算(?:数|支出|收入|总额)"
    r"|部门决算|财政拨款|收入总额|总收入)"
)
_BOUNDARIES = "。,，;；:："
_SUBJECT = lazy_compile(
    r"(?:[\s#*]|\[[^\]\n]*\])*((?:我单位|本单位|我局|本局|我部门|本部门|现将)*)(" + _NAME + r")\s*$"
)
#: bodies that oversee or instruct the department and are never it in a sentence about the
#: budget ("县财政局2023年度预算…"), unless the title names the department so
_OTHER_BODY = lazy_compile(r"财政|审计|县委|市委|省委|县政府|市政府|省政府|上级|主管部门|人大|政协|纪委")
#: words that make the text before a year a phrase rather than a name ("预算编制符合县财政局")
_NOT_NAME = lazy_compile(r"的|符合|根据|按照|依据|关于|对照|参照|我单位|本单位|我局|本局|现将")
_SHORT_NAME = lazy_compile(r"[（(]\s*以下简称\s*[“\"「]?([\u4e00-\u9fff]{2,15})[”\"」]?\s*[)）]")


def extract_entities(
    lines: list[TextLine], scan: LineScan | None = None
) -> tuple[list[EntityList], list[NameMention]]:
    """Stated counts with their lists, and unit names used as paragraph heads after a unit list.
    ``scan`` is the report's :class:`LineScan` when the caller has one (it is made otherwise)."""
    lists: list[EntityList] = []
    heads: list[NameMention] = []
    unit_list_seen = False
    counted = counted_lines(LineScan(lines) if scan is None else scan)
    for i, tl in enumerate(lines):
        if tl.is_row:
            continue
        norm = tl.norm
        # a list needs "个" and a colon (设4个…：A、B): test those before the regex
        m = _LIST.search(norm) if "个" in norm and ":" in norm else None
        if m:
            count = _count(m.group(1))
            noun = tl.text[m.start(2) : m.end(2)].strip()
            items = _items(tl.text[m.start(3) : m.end(3)])
            kind = "units" if _UNIT_NOUN.search(noun) else noun
            lists.append(EntityList(kind, items, source_of(tl, m.start(), m.end()), count=count, noun=noun))
            if kind == "units":
                unit_list_seen = True
            continue
        if i in counted:
            lists.extend(_count_lists(tl))
        if unit_list_seen:
            hm = _UNIT_HEAD.match(tl.text, marker_end(tl.text))
            if hm and (hm.group(1)[-1] in _UNIT_SUFFIX or hm.group(1).endswith("中心")):
                heads.append(NameMention(hm.group(1), "unit_head", source_of(tl, hm.start(1), hm.end(1))))
            elif parse_heading(tl.text) is not None:
                unit_list_seen = False  # the next section: its paragraph heads are not units
    return lists, heads


#: a count at all (a number and a count word): the lines worth the list pattern. :func:`counted_lines`
#: finds the lines this pattern finds a match in.
_COUNT_GATE = lazy_compile(
    r"[0-9一二两三四五六七八九十]\s*" + alternation(w for g in LEXICON.count_units for w in g.words)
)
_COUNT_WORDS = tuple(dict.fromkeys(w for g in LEXICON.count_units for w in g.words))
#: the numerals of :data:`_COUNT_GATE` (a ``str``: ``in`` needs no hash of the character)
_NUMERALS = "0123456789一二两三四五六七八九十"


#: after this many places of one count word found one by one, the rest of them are found by the
#: word's :data:`_AFTER_NUMERAL` pattern (a Python step per place costs what ``re`` pays to read
#: some seven hundred characters: 项 and 支 of 项目 and 支出 stand dozens of times in a report)
_FOUND_ONE_BY_ONE = 2
#: each count word where a numeral or a white space stands before it, as a pattern that starts
#: with the word (``re`` scans for its first character); the word holds no numeral or space, so
#: no place before a match is skipped that could end a count
_AFTER_NUMERAL = {
    w: lazy_compile(re.escape(w) + "(?<=[" + _NUMERALS + r"\s]" + re.escape(w) + ")")
    for w in _COUNT_WORDS
    if not any(c in _NUMERALS or c.isspace() for c in w)
}


def counted_lines(scan: LineScan) -> set[int]:
    """The indices of the lines where a numeral stands before a count word, white space between
    them: the lines :data:`_COUNT_GATE` finds a match in. The regex would try each character of
    every line against its first set (the costliest part of reading a report's lists); ``str.find``
    of each count word in the joined report, and a look at the character before it, cost a fraction
    of that. A word found more than a few times is found from there on by its pattern."""
    text, find, numerals = scan.text, scan.text.find, _NUMERALS
    out: set[int] = set()
    for word in _COUNT_WORDS:
        at = find(word)
        left = _FOUND_ONE_BY_ONE
        while at >= 0:
            if not left and word in _AFTER_NUMERAL:
                for m in _AFTER_NUMERAL[word].finditer(text, at):
                    at = m.start()
                    if text[at - 1] in numerals or _after_numeral(text, at, numerals):
                        out.add(scan.line_at(at))
                break
            left -= 1
            if at and (
                text[at - 1] in numerals or (text[at - 1].isspace() and _after_numeral(text, at, numerals))
            ):
                out.add(scan.line_at(at))
            at = find(word, at + 1)
    return out


def _after_numeral(text: str, at: int, numerals: str) -> bool:
    """Whether a numeral stands before ``text[at]`` on its line, white space between them."""
    j = at - 1
    while j >= 0 and (c := text[j]) != "\n" and c.isspace():
        j -= 1
    return j >= 0 and text[j] in numerals


def _count_lists(tl: TextLine) -> list[EntityList]:
    """Counts followed by their lists in brackets or after a cue (see :data:`_COUNT_LIST`). A list
    of figures ("包括23个数量指标、2个质量指标") is a breakdown, not names; one that ends in 等 or
    points to an annex is not complete; a list of one item is no list."""
    norm, out = tl.norm, []
    for m in _COUNT_LIST.finditer(norm):
        start = m.end()
        if m.group(3) is None:  # in brackets: up to the matching one (glosses nest: "城盘(pán)")
            end = _closing(norm, start)
            start += 1
        else:
            end = min((i for i in (norm.find(c, start) for c in "。；;") if i >= 0), default=-1)
        if end < 0:
            continue  # cut before the list ends
        body = tl.text[start:end]
        if any(ch.isdigit() for ch in body) or _NOT_ALL.search(body.strip(" 。.")):
            continue
        count = _count(m.group(1))
        items = _items(body, count)
        if count is None or len(items) < 2:
            continue
        noun = tl.text[m.start(2) : m.end(2)].strip()
        out.append(
            EntityList(noun, items, source_of(tl, m.start(), min(end + 1, len(norm))), count=count, noun=noun)
        )
    if "、" in norm:
        out.extend(_lists_then_counts(tl))
    return out


def _lists_then_counts(tl: TextLine) -> list[EntityList]:
    """Lists written before their count ("内设办公室、财务股、农业股3个股室", see
    :data:`_LIST_COUNT`); one that ends in 等 is not complete."""
    out = []
    for m in _LIST_COUNT.finditer(tl.norm):
        if m.group(2) == "等":
            continue
        count = _count(m.group(3))
        items = _items(tl.text[m.start(1) : m.end(1)], count)
        if count is None or len(items) < 2:
            continue
        noun = tl.text[m.start(4) : m.end(4)].strip()
        out.append(EntityList(noun, items, source_of(tl, m.start(1), m.end()), count=count, noun=noun))
    return out


def _closing(norm: str, open_at: int) -> int:
    """The index of the bracket that closes the one at ``open_at`` (-1 if the line ends first)."""
    depth = 0
    for i in range(open_at, len(norm)):
        if norm[i] == "(":
            depth += 1
        elif norm[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _items(text: str, count: int | None = None) -> tuple[str, ...]:
    """The names of a list, or () when what follows the colon is prose rather than names
    ("共有3个项目：一是…，二是…")."""
    items = [x for x in (s.strip(" \t\u3000") for s in _ITEM_SEP.split(text)) if x]
    if any(len(x) > 20 or _PROSE_ITEM.search(x) for x in items):
        return ()
    if items:
        joined = _LAST_JOIN.match(items[-1])
        if joined and (
            all(_looks_like_unit(p) for p in joined.groups())
            # "人大、政府和党委" under "3个行政部门": the count says 和 joins two names
            or (count == len(items) + 1 and all(len(p) >= 2 for p in joined.groups()))
        ):
            items[-1:] = [joined.group(1), joined.group(2)]
    return tuple(items)


def _looks_like_unit(name: str) -> bool:
    return len(name) >= 2 and (name[-1] in _UNIT_SUFFIX or name.endswith("中心"))


def _count(s: str) -> int | None:
    """A stated count in digits or Chinese numerals ("12", "十二"); None when it is no number."""
    if s.isdigit():
        return int(s)
    try:
        return cn_to_int(s)
    except (ValueError, KeyError):
        return None


def _cover_year(years: list[YearMention]) -> YearMention | None:
    """A cover's year on a line of its own under the title: "（2023年度）"."""
    for y in years[:3]:
        if (
            y.source.line is not None
            and y.source.line <= _COVER_LINES
            and _COVER_YEAR.fullmatch(y.source.quote)
        ):
            return y
    return None


def extract_years(lines: list[TextLine]) -> tuple[list[YearMention], int | None, Source | None]:
    """Every year mentioned, and the report year (the title's, else the most frequent)."""
    years: list[YearMention] = []
    for tl in lines:
        norm = tl.norm
        if "年" not in norm or ("20" not in norm and "19" not in norm):
            continue
        for start, end in _years_in(norm):
            a, b = tl.clause_at(start)
            years.append(
                YearMention(
                    int(norm[start : start + 4]),
                    tl.text[end : min(b, end + 30)],
                    source_of(tl, a, b),
                    before=tl.text[a:start][-40:],
                )
            )
    if not years:
        return years, None, None
    for y in years[:3]:  # a title such as "XX局2023年度部门整体支出绩效自评报告"
        if y.source.line is not None and y.source.line <= 3 and _TITLE_WORD.search(y.context):
            if not y.context.startswith("度"):
                # "…局2023年异地造林补助资金…自评报告" over "（2024年度）": the title's year names the funds
                cover = _cover_year(years)
                if cover is not None and cover.year != y.year:
                    return years, cover.year, cover.source
            return years, y.year, y.source
    cover = _cover_year(years)
    if cover is not None:
        return years, cover.year, cover.source
    # the date a form was filled in or sent ("填报日期 2024年2月26日") is the year after the one
    # evaluated: it does not count towards the report year
    dated = [y for y in years if not _FILED.search(y.before)] or years
    counts = Counter(y.year for y in dated)
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    src = next(y.source for y in dated if y.year == best)
    return years, best, src


def _years_in(norm: str) -> list[tuple[int, int]]:
    """The spans of the years in ``norm`` as :data:`_YEAR` finds them (not after a digit): found
    from each 年 back (str.find, a few instructions per character, where the pattern's first
    set was tried at every character). Each 年 ends at most one match, four digits and spaces
    before it, and such matches cannot overlap."""
    out: list[tuple[int, int]] = []
    at = norm.find("年")
    while at >= 0:
        j = at
        while j and norm[j - 1].isspace():  # \s* (str.isspace is re's \s)
            j -= 1
        start = j - 4
        if (
            start >= 0
            and norm.startswith(("19", "20"), start)
            and norm[start + 2].isdecimal()  # \d
            and norm[start + 3].isdecimal()
            and not (start and norm[start - 1].isdecimal())  # part of a longer number
        ):
            out.append((start, at + 1))
        at = norm.find("年", at + 1)
    return out


def extract_names(
    lines: list[TextLine], years: list[YearMention], scan: LineScan | None = None
) -> tuple[list[NameMention], str | None, str | None]:
    """The department's full name and short name ("（以下简称“高新区”）"), with every place they
    are written.

    The full name is read only where the report names itself: the title ("某县农业农村局2023年度
    部门整体支出绩效自评报告", also on two lines), the opening of 部门基本情况 ("某县农业农村局是…")
    and sentences whose subject is the department's budget ("阳西县…管理委员2023年度年初预算数…",
    after a sentence start, a punctuation mark or 我单位/本单位). Other bodies named before a
    year ("符合县财政局2023年度预算编制工作方案", "根据县委县政府2023年度工作部署") are not taken."""
    titles: list[NameMention] = []
    others: list[NameMention] = []
    year_lines = {y.source.line for y in years}
    prev: TextLine | None = None
    for tl in lines[:5]:  # the title, which may also read as a Markdown heading ("# 某县…报告")
        if tl.is_row:
            continue
        m = _TITLE.match(tl.norm) if tl.no in year_lines else None
        if m is not None:
            if _usable(m.group(1)):
                titles.append(_mention(tl, m.start(1), m.end(1)))
        elif prev is not None and _TITLE_REST.match(tl.norm):
            m = _TITLE_NAME.match(prev.norm)
            if m is not None and _usable(m.group(1)):
                titles.append(_mention(prev, m.start(1), m.end(1)))
        prev = tl
    title_lines = {n.source.line for n in titles}
    basic_open = False  # inside 部门基本情况, before its first prose line
    for tl in lines:
        if tl.is_row:
            continue
        if tl.head is not None:
            if not basic_open and _BASIC_SECTION.search(tl.head[3]):
                basic_open = True
        elif basic_open:
            basic_open = False
            m = _OPENING.match(tl.text)
            if m and _usable(m.group(1)):
                others.append(_mention(tl, m.start(1), m.end(1)))
        if tl.no not in year_lines or tl.no in title_lines:
            continue
        norm = tl.norm
        for m in _YEAR_BUDGET.finditer(norm):
            end = m.start()
            while end and norm[end - 1] in " \t\u3000":
                end -= 1
            end -= 4  # the year: four digits from 19 or 20, no digit before them
            digits = norm[end : end + 4]
            if (
                end < 0
                or not digits.isdigit()
                or digits[:2] not in ("19", "20")
                or (end and norm[end - 1].isdigit())
            ):
                continue
            start = max(norm.rfind(c, 0, end) for c in _BOUNDARIES) + 1
            sm = _SUBJECT.fullmatch(norm, start, end)
            if sm is not None and _usable(sm.group(2)):
                others.append(_mention(tl, sm.start(2), sm.end(2)))
    first = titles[0].name if titles else None
    if first is None or _OTHER_BODY.search(first) is None:
        # 县财政局 and the like are the department only in their own report (the title says so)
        others = [n for n in others if _OTHER_BODY.search(n.name) is None]
    found = sorted(titles + others, key=lambda n: n.source.line or 0)
    full = first or next((n.name for n in found), None)
    for i in sorted((scan or LineScan(lines)).lines_with(("简称",))):
        tl = lines[i]
        for m in _SHORT_NAME.finditer(tl.norm):
            found.append(
                NameMention(tl.text[m.start(1) : m.end(1)], "dept_short", source_of(tl, m.start(1), m.end(1)))
            )
    short = next((n.name for n in found if n.kind == "dept_short"), None)
    return found, full, short


def _usable(name: str) -> bool:
    """A name of four characters or more with no relating word in it."""
    return len(name) >= 4 and _NOT_NAME.search(name) is None


def _mention(tl: TextLine, start: int, end: int) -> NameMention:
    return NameMention(tl.text[start:end], "dept_full", source_of(tl, start, end))
