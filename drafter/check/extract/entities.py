"""Listed entities (设4个内设机构：…), unit names used as paragraph heads, years, the department's
name as written, and stated grades."""

from __future__ import annotations

import re
from collections import Counter

from drafter.check.extract._common import TextLine, source_of
from drafter.check.facts import EntityList, GradeStatement, NameMention, Source, YearMention
from drafter.read.outline import parse_heading
from drafter.text.numbers import cn_to_int

__all__ = ["extract_entities", "extract_grades", "extract_names", "extract_years"]

_LIST = re.compile(
    r"(?:下设|内设|设有|设置|设|共有|包括|包含|共)\s*(\d+|[一二两三四五六七八九十]+)\s*个([^：:，,。；;]{1,20}?)\s*[：:]\s*([^。；;]+)"
)
_ITEM_SEP = re.compile(r"[、，,；;]")
_PROSE_ITEM = re.compile(r"^[一二三四五六七八九十]是|^其[一二三四五六七八九十]|已|正在|完成|负责")
#: "A、B和C": 和/及/以及 joins the last two items only where both halves are names of their own
_LAST_JOIN = re.compile(r"^(.+?)(?:以及|和|及)(.+)$")
_UNIT_NOUN = re.compile(r"机构|科室|股室|内设|处室|部门|单位|科|股|室|局|中心")
_UNIT_SUFFIX = "局室办科股处所队站部中心组"
_UNIT_HEAD = re.compile(r"^\s*(?:[（(]?[0-9一二三四五六七八九十]+[)）.．、]\s*)?([\u4e00-\u9fff]{2,15}?)\s*[。：:]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_DEPT_BEFORE_YEAR = re.compile(
    r"([\u4e00-\u9fff（）()]{4,40}?(?:委员会|管理委员|委员|管委会|局|办公室|中心|政府|委|院|所|站|队|部|厅|会|馆|处))\s*$"
)
_SHORT_NAME = re.compile(r"[（(]\s*以下简称\s*[“\"「]?([\u4e00-\u9fff]{2,15})[”\"」]?\s*[)）]")
_GRADE = re.compile(r"(?:评价等级|自评等级|绩效等级|等级|评级|等次|评价结果)\s*(?:为|是|:|：|评定为|定为)?\s*[“\"「]?(优秀|良好|合格|不合格|优|良|中|差)[”\"」]?")
_GRADE_CANON = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "合格": "中", "中": "中", "不合格": "差", "差": "差"}


def extract_entities(lines: list[TextLine]) -> tuple[list[EntityList], list[NameMention]]:
    """Stated counts with their lists, and unit names used as paragraph heads after a unit list."""
    lists: list[EntityList] = []
    heads: list[NameMention] = []
    unit_list_seen = False
    for tl in lines:
        if tl.is_row:
            continue
        norm = tl.norm
        # a list needs "个" and a colon (设4个…：A、B): test those before the regex
        m = _LIST.search(norm) if "个" in norm and ":" in norm else None
        if m:
            count_raw = m.group(1)
            count = int(count_raw) if count_raw.isdigit() else _cn(count_raw)
            noun = tl.text[m.start(2) : m.end(2)].strip()
            items = _items(tl.text[m.start(3) : m.end(3)])
            kind = "units" if _UNIT_NOUN.search(noun) else noun
            lists.append(EntityList(kind, items, source_of(tl, m.start(), m.end()), count=count, noun=noun))
            if kind == "units":
                unit_list_seen = True
            continue
        if unit_list_seen:
            hm = _UNIT_HEAD.match(tl.text)
            if hm and (hm.group(1)[-1] in _UNIT_SUFFIX or hm.group(1).endswith("中心")):
                heads.append(NameMention(hm.group(1), "unit_head", source_of(tl, hm.start(1), hm.end(1))))
            elif parse_heading(tl.text) is not None:
                unit_list_seen = False  # the next section: its paragraph heads are not units
    return lists, heads


def _items(text: str) -> tuple[str, ...]:
    """The names of a list, or () when what follows the colon is prose rather than names
    ("共有3个项目：一是…，二是…")."""
    items = [x for x in (s.strip(" \t\u3000") for s in _ITEM_SEP.split(text)) if x]
    if any(len(x) > 20 or _PROSE_ITEM.search(x) for x in items):
        return ()
    if items:
        joined = _LAST_JOIN.match(items[-1])
        if joined and all(_looks_like_unit(p) for p in joined.groups()):
            items[-1:] = [joined.group(1), joined.group(2)]
    return tuple(items)


def _looks_like_unit(name: str) -> bool:
    return len(name) >= 2 and (name[-1] in _UNIT_SUFFIX or name.endswith("中心"))


def _cn(s: str) -> int | None:
    try:
        return cn_to_int(s)
    except (ValueError, KeyError):
        return None


def extract_years(lines: list[TextLine]) -> tuple[list[YearMention], int | None, Source | None]:
    """Every year mentioned, and the report year (the title's, else the most frequent)."""
    years: list[YearMention] = []
    for tl in lines:
        norm = tl.norm
        if "年" not in norm or ("20" not in norm and "19" not in norm):
            continue
        for m in _YEAR.finditer(norm):
            a, b = tl.clause_at(m.start())
            years.append(
                YearMention(
                    int(m.group(1)),
                    tl.text[m.end() : min(b, m.end() + 30)],
                    source_of(tl, a, b),
                    before=tl.text[a : m.start()][-40:],
                )
            )
    if not years:
        return years, None, None
    for y in years[:3]:  # a title such as "XX局2023年度部门整体支出绩效自评报告"
        if y.source.line is not None and y.source.line <= 3 and re.search(r"自评|绩效|报告", y.context):
            return years, y.year, y.source
    counts = Counter(y.year for y in years)
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    src = next(y.source for y in years if y.year == best)
    return years, best, src


def extract_names(
    lines: list[TextLine], years: list[YearMention]
) -> tuple[list[NameMention], str | None, str | None]:
    """The department's full name (right before a year: "阳西县…管理委员2023年度…") and short
    name ("（以下简称“高新区”）"), with every place they are written."""
    found: list[NameMention] = []
    by_line = {tl.no: tl for tl in lines}
    for y in years:
        tl = by_line.get(y.source.line or 0)
        if tl is None or not y.before:
            continue
        m = _DEPT_BEFORE_YEAR.search(y.before)
        if m is None:
            continue
        name = re.sub(r"^(?:我单位|本单位|我局|本部门|根据|关于)", "", m.group(1))
        if len(name) >= 4:
            start = tl.text.find(name)
            found.append(NameMention(name, "dept_full", source_of(tl, start, start + len(name))))
    for tl in lines:
        if "简称" not in tl.norm:
            continue
        for m in _SHORT_NAME.finditer(tl.norm):
            found.append(NameMention(tl.text[m.start(1) : m.end(1)], "dept_short", source_of(tl, m.start(1), m.end(1))))
    full = next((n.name for n in found if n.kind == "dept_full"), None)
    short = next((n.name for n in found if n.kind == "dept_short"), None)
    return found, full, short


def extract_grades(lines: list[TextLine]) -> list[GradeStatement]:
    out: list[GradeStatement] = []
    for tl in lines:
        norm = tl.norm
        if not ("等级" in norm or "评级" in norm or "等次" in norm or "评价结果" in norm):
            continue
        for m in _GRADE.finditer(norm):
            a, b = tl.clause_at(m.start())
            out.append(GradeStatement(_GRADE_CANON[m.group(1)], source_of(tl, a, max(b, m.end()))))
    return out
