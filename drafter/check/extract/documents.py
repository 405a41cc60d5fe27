"""Funds allocated by a numbered document ("呼财农指【2023】41号文件……下达资金5万元").

A transfer-payment report cites each allocating document more than once (in 绩效目标分解下达情况 and
again in 资金到位情况); the amount it allocates must be the same each time. For every document
number, the first amount after it in its sentence (before another document is cited), labelled
下达 / 安排 / 拨付 / 分配, is kept with the number; CN006 compares them.
"""

from __future__ import annotations

import re

from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract._figwords import LEXICON
from drafter.check.extract._scan import LineScan
from drafter.check.facts import Breakdown, DocumentAmount, Figure
from drafter.text.lazyre import lazy_compile

__all__ = ["extract_document_amounts", "source_amounts", "sources_across_sections"]

#: a document number: issuer's abbreviation, year in brackets, number ("呼财农指【2023】41号",
#: "财农〔2021〕28号", "云财教[2020]396号"); the text is normalised, so （） are ASCII
_DOC = lazy_compile(r"([\u4e00-\u9fff]{2,8})\s*[【〔\[(]\s*((?:19|20)\d{2})\s*[】〕\])]\s*(\d{1,4})\s*[号號]")
_ALLOCATES = lazy_compile(r"下达|安排|拨付|分配|下拨")
_NOT_WHOLE = lazy_compile(r"其中|累计|合计|共计")


def extract_document_amounts(lines: list[TextLine], scan: LineScan | None = None) -> list[DocumentAmount]:
    """The amounts allocated by the documents ``lines`` cite (only the lines that hold 号 are read,
    found by one scan of the report: ``scan`` when the caller has one)."""
    out: list[DocumentAmount] = []
    for i in sorted((scan or LineScan(lines)).lines_with(("号", "號"))):
        tl = lines[i]
        norm = tl.norm
        refs = list(_DOC.finditer(norm))
        if not refs:
            continue
        amounts = [q for q in tl.quantities if q.kind == "amount"]
        for i, ref in enumerate(refs):
            stop = refs[i + 1].start() if i + 1 < len(refs) else len(norm)
            end = norm.find("。", ref.end())
            if 0 <= end < stop:
                stop = end
            q = next((q for q in amounts if ref.end() <= q.start < stop), None)
            if q is None:
                continue
            label = norm[ref.end() : q.start]
            if not _ALLOCATES.search(label) or _NOT_WHOLE.search(label):
                continue
            issuer = ref.group(1)
            key = f"{issuer[-2:]}{ref.group(2)}-{int(ref.group(3))}"
            doc = tl.text[ref.start() : ref.end()]
            fig = Figure(
                "funds.allocated", label.strip(" ,，"), q.value, q.unit, source_of(tl, ref.end(), q.end)
            )
            out.append(DocumentAmount(key, doc.strip(), fig))
    return out


#: a funding source at the head of a label: "其中中央财政资金", "2021年度中央下达资金"
_SOURCE = lazy_compile(
    r"^(?:其中|另|和|及|[,，、:：\s])*(?:(?:19|20)\d{2}年度?)?\s*("
    + "|".join(re.escape(w) for g in LEXICON.sources for w in sorted(g.words, key=len, reverse=True))
    + ")"
)


#: what was done with a source's money, rather than how much it gave
_SPENT = lazy_compile(r"支出|执行|完成|拨付|支付|结余|结转|到位|使用|节约")


def source_amounts(breakdowns: list[Breakdown]) -> list[DocumentAmount]:
    """A part of a list and the amount that ended the list, when both name one funding source:
    "其中中央财政资金30.9万元，县财政配套资金30.9万元，2021年度中央下达资金61.8万元" gives 中央 twice."""
    out: list[DocumentAmount] = []
    for bd in breakdowns:
        if bd.after is None:
            continue
        m = _SOURCE.match(bd.after.label)
        if m is None or _SPENT.search(bd.after.label):
            continue  # "中央资金已支出55万元" is what was spent of it, not its amount again
        mine = [p for p in bd.parts if (pm := _SOURCE.match(p.label)) and pm.group(1) == m.group(1)]
        if len(mine) != 1:
            continue
        key = f"{m.group(1)}@{bd.source.line}:{bd.source.col}"
        out.append(DocumentAmount(key, f"{m.group(1)}资金", mine[0], "source"))
        out.append(DocumentAmount(key, f"{m.group(1)}资金", bd.after, "source"))
    return out


_SOURCE_WORDS = sorted((w for g in LEXICON.sources for w in g.words), key=len, reverse=True)
#: a funding source's own amount, named at the head of the words before it: "地方资金投入992.88万元",
#: "20xx年地方投入残疾人事业发展补助资金877.99万元" (years masked as 20xx included)
_SOURCE_HEAD = lazy_compile(
    r"^(?:其中|另|和|及|[,，、:：\s])*(?:(?:19|20)[\dxX]{2}年度?)?\s*("
    + "|".join(re.escape(w) for w in _SOURCE_WORDS)
    + r")(?:财政|级)?(?:资金|投入|下达|安排|补助|配套|匹配)"
)
#: … said to be put in or allocated: both statements must say so in their own words, so that a
#: source named in passing ("地方资金98.6万元" after "自治区下达98.6万元") is not compared
_PUT_IN = lazy_compile(r"投入|下达|安排|匹配|配套")
_LABEL_YEAR = lazy_compile(r"(?:19|20)\d{2}")


def sources_across_sections(lines: list[TextLine], breakdowns: list[Breakdown]) -> list[DocumentAmount]:
    """One funding source's input stated in two places with two amounts: a part of a list of sources
    ("共投入资金1987.08万元。其中……地方资金投入992.88万元") and a sentence elsewhere in the report
    ("20xx年地方投入……资金877.99万元"). Both must say the money was put in or allocated, and the source
    must have no third amount in the report (two projects or two years give several); an amount found on
    the other statement's line (the same money under another name) is not a second amount."""
    parts: dict[str, list[Figure]] = {}
    for bd in breakdowns:
        for p in bd.parts:
            m = _SOURCE_HEAD.match(p.label)
            if m is not None and p.wan is not None and _PUT_IN.search(p.label) and not _SPENT.search(p.label):
                parts.setdefault(m.group(1), []).append(p)
    if not parts:  # most reports: no list of sources at all
        return []
    #: lines with a list naming the source among its parts: that list has its own amount for it
    listed = {
        (m.group(1), p.source.line) for bd in breakdowns for p in bd.parts if (m := _SOURCE.match(p.label))
    }
    stated: dict[str, list[Figure]] = {src: [] for src in parts}
    for tl in lines:
        if tl.is_row or not any(src in tl.norm for src in parts):
            continue
        prev, clause = 0, None
        for q in tl.quantities:
            cl = next(((a, b) for a, b in tl.clauses if a <= q.start < b), None)
            if cl is None:
                continue
            if cl != clause:
                clause, prev = cl, cl[0]
            label, prev = tl.norm[prev : q.start], q.end
            if q.kind != "amount":
                continue
            m = _SOURCE_HEAD.match(label)
            if m is None or m.group(1) not in stated or not _PUT_IN.search(label) or _SPENT.search(label):
                continue
            fig = Figure(
                "funds.allocated", label.strip(" ,，、:："), q.value, q.unit, source_of(tl, q.start, q.end)
            )
            if fig.wan is not None:
                stated[m.group(1)].append(fig)
    out: list[DocumentAmount] = []
    for src, figs in stated.items():
        amounts = {f.amount for f in figs}
        if len(amounts) != 2:
            continue  # one amount throughout, or several (projects, years): nothing to compare
        part = next((p for p in parts[src] if p.amount in amounts), None)
        other = next((f for f in figs if f.amount != (part.amount if part else None)), None)
        if part is None or other is None or other.source.line == part.source.line:
            continue
        if (src, other.source.line) in listed:
            continue  # another list of sources: its parts are compared within it
        if not _apart(lines, part, other):
            continue
        first, second = sorted((part, other), key=lambda f: f.source.line or 0)
        key = f"{src}@sources"
        out += [
            DocumentAmount(key, f"{src}资金", first, "source"),
            DocumentAmount(key, f"{src}资金", second, "source"),
        ]
    return out


def _apart(lines: list[TextLine], a: Figure, b: Figure) -> bool:
    """Neither amount stands on the other's line (under another name: the same money relabelled), and
    the last year named before each is the same (or not named): "2022年地方投入200万元" is last year's."""
    by_no = {tl.no: tl for tl in lines if tl.no in (a.source.line, b.source.line)}
    years = []
    for fig, other in ((a, b), (b, a)):
        tl, mine = by_no.get(other.source.line or 0), by_no.get(fig.source.line or 0)
        if tl is None or mine is None:
            return False
        if any(q.kind == "amount" and q.value == fig.value and q.unit == fig.unit for q in tl.quantities):
            return False
        named = _LABEL_YEAR.findall(mine.norm, 0, fig.source.col or 0)
        years.append(named[-1] if named else None)
    return None in years or years[0] == years[1]
