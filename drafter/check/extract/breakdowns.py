"""Stated totals with their listed parts, in any wording (FG001 sums them).

Two shapes, in one sentence (up to "。" or "；", parentheses skipped):

- the total, then a cue and the parts: "共投入资金1987.08万元。其中中央资金投入776.84万元，省级资金投入
  290.36万元，地方资金投入992.88万元。" / "下设33个三级绩效指标，包括23个数量指标、2个质量指标……";
- the parts, then the total: "支付甲工程款1000.00万元、乙工程款1598.50万元，合计2598.50万元。"

Parts are amounts of money (any unit: 元, 万元, 亿元 are compared in 万元) or counts in the total's
own unit (名, 个, 项 …). The cue words come from ``schemas/lexicon/figures.yaml`` (``parts``,
``totals``). A list whose sentence is cut before its end (an excerpt, a page break) is not read:
its parts may go on.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from drafter.check.extract import _figwords as words
from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract._scan import LineScan
from drafter.check.extract.lexicon import gates
from drafter.check.facts import Breakdown, Figure
from drafter.text.approx import approx_kind
from drafter.text.numbers import Quantity

__all__ = ["extract_breakdowns"]

_KINDS = frozenset(("amount", "count"))
#: where a sentence (a list's reach) ends
_STOP = re.compile(r"[。；;!?！？]")
#: the total's clause when the total comes after its parts: the cue first ("合计2598.50万元",
#: "两项共计支付…", "共投入"), at most a few words between it and the number
_TOTAL_PREFIXES = ("以上", "上述", *(c + "项" for c in "两二三四五六七八九十"), "各项")
_TOTAL_FIRST = re.compile(
    "^(?:" + "|".join(_TOTAL_PREFIXES) + ")?" + words.TOTAL_CUE.pattern + r"[\u4e00-\u9fff]{0,4}$"
)
#: the characters such a clause can start with (tested before the pattern runs)
_TOTAL_FIRST_CHARS = frozenset(
    w[0] for w in (*_TOTAL_PREFIXES, *(w for g in words.LEXICON.totals for w in g.words))
)
#: a text up to the last separator of its clauses (those of :func:`_clause_label`)
_UP_TO_LAST_SEP = re.compile(r"(?s:.*)[,，、:：]")
#: … a total's label, but not a difference or a remainder ("共节约5万元", "合计结余3万元")
_NOT_A_SUM = re.compile(r"节约|节余|结余|剩余|余额|减少|增加|增长|下降|超|差额|未")
#: words that begin a figure of another kind in a list of parts: a part labelled so ends the list
#: unless the total's own label has the same word ("下达资金100万元，其中中央60万元，省级40万元，
#: 实际支出95万元": 95 is spending, not a third source)
_OTHER_KIND = re.compile(r"支出|执行|拨付|支付|到位|结余|结转|预算|下达|完成|节约|未")
#: … the same for a list of counts, where money words are names ("国库集中支付中心5人", "预算股3人"):
#: "核定编制38名，其中行政编制22名、事业编制16名，实有人员35名": 35 is the staff in post, not a third part
_OTHER_COUNT = re.compile(r"实有|实际|在岗|到岗|完成|未")
#: a bracketed remark inside a part's label (ASCII brackets: the text is normalised)
_IN_BRACKETS = re.compile(r"\([^()]*\)")
_MAX_GAP = 14  # characters of words allowed between a total and its "其中"
#: a line with none of these holds no cue word (共 covers 共计, 总共, 一共)
_CUE_GATE = gates(w for g in (*words.LEXICON.parts, *words.LEXICON.totals) for w in g.words)
#: a number with a unit a breakdown can hold (money or a count word): the lines worth reading
_WORTH = re.compile(r"[0-9]\s*(?:万|元|亿|千元|百万|个|名|人|项|家|所|宗|处|座|户|条|类)")


_BRACKET = re.compile(r"[(【\[)】\]]")


def _depths(norm: str) -> list[int]:
    """Parenthesis depth at each position (ASCII brackets: the text is normalised); filled by
    slices between the brackets, so a long line costs little more than its brackets."""
    out = [0] * (len(norm) + 1)
    d = 0
    last = 0
    for m in _BRACKET.finditer(norm):
        at = m.start()
        if d:
            out[last : at + 1] = [d] * (at + 1 - last)
        if m.group(0) in "(【[":
            d += 1
        elif d:
            d -= 1
        last = at + 1
    if d:
        out[last:] = [d] * (len(out) - last)
    return out


def _same_kind(total: Quantity, part: Quantity) -> bool:
    if total.kind == "amount":
        return part.kind == "amount"
    return part.kind == "count" and part.unit == total.unit


def _figure(tl: TextLine, q: Quantity, label: str, key: str) -> Figure:
    return Figure(
        key,
        label.strip(" ,，、:："),
        q.value,
        q.unit,
        source_of(tl, q.start, q.end),
        approx=approx_kind(tl.norm, q),
    )


def extract_breakdowns(lines: list[TextLine], scan: LineScan | None = None) -> list[Breakdown]:
    out: list[Breakdown] = []
    # the lines with a cue word, found by a few finds over the whole report (a regex alternation
    # of the words searched on every line cost some seventy instructions per character)
    cued = (scan or LineScan(lines)).lines_with(_CUE_GATE)
    for i in sorted(cued):
        tl = lines[i]
        if tl.is_row:
            continue
        norm = tl.norm
        if _WORTH.search(norm) is None:
            continue
        qs = [q for q in tl.quantities if q.kind in _KINDS]
        if len(qs) < 3:
            continue
        cue = words.PARTS_CUE.search(norm)
        total_cue = words.TOTAL_CUE.search(norm)
        if cue is None and total_cue is None:
            continue
        depth = _depths(norm)
        stops = [m.start() for m in _STOP.finditer(norm) if depth[m.start()] == 0]
        if cue is not None:
            ends = [i for i in stops if norm[i] not in ";；"]
            out.extend(_total_then_parts(tl, qs, depth, ends, stops, cue.start()))
        if total_cue is not None:
            out.extend(_parts_then_total(tl, qs, depth, stops, total_cue.start()))
    return out


def _sentence(stops: list[int], pos: int) -> tuple[int, int | None]:
    """The start of the sentence holding ``pos`` and its end (None when the line ends without one):
    after the last of ``stops`` (in order) before ``pos``, up to the first at or after it."""
    k = bisect_left(stops, pos)
    return (stops[k - 1] + 1 if k else 0), (stops[k] if k < len(stops) else None)


def _total_label(text: str, lo: int, at: int) -> str | None:
    """The label of a total written after its parts ("合计", "两项共计支付") that ends ``text[lo:at]``,
    or None: ``_clause_label(text[lo:at])`` when ``_TOTAL_FIRST`` matches it. The clause is found by
    one match (up to the last separator) and its first character tested before it is cut out and
    the pattern runs: most numbers after a total word are labelled "预算总额…", whose clause starts
    with no total word."""
    m = _UP_TO_LAST_SEP.match(text, lo, at)
    start = m.end() if m is not None else lo
    first = text[start] if start < at else ""
    if first not in _TOTAL_FIRST_CHARS and not first.isspace():
        return None
    label = text[start:at].strip()
    return label if _TOTAL_FIRST.match(label) else None


def _total_then_parts(
    tl: TextLine, qs: list[Quantity], depth: list[int], ends: list[int], stops: list[int], first: int
) -> list[Breakdown]:
    """A list may run on past "；" to its sentence's "。" ("……青苗补偿费16.11万元；耒水河……监理费
    12.66万元……"): the parts up to each "；" are recorded as a cut where the list may also end."""
    norm = tl.norm
    found: list[Breakdown] = []
    for m in words.PARTS_CUE.finditer(norm, first):  # from the first cue, found by the caller
        if depth[m.start()]:
            continue
        before = [q for q in qs if q.end <= m.start() and depth[q.start] == 0]
        if not before:
            continue
        total = before[-1]
        gap = norm[total.end : m.start()]
        if any(c.isdigit() for c in gap) or len(gap.strip(" ,，、:：。")) > _MAX_GAP:
            continue
        if gap.count("。") + gap.count(";") + gap.count("；") > 1:
            continue
        _start, end = _sentence(ends, m.end())
        if end is None:
            continue  # the sentence is cut: its list may go on
        t_start, _ = _sentence(stops, total.start)
        total_label = _clause_label(norm[t_start : total.start])
        parts: list[Figure] = []
        cuts: list[int] = []
        after: Figure | None = None
        semis = iter([i for i in stops if m.end() <= i < end and norm[i] in ";；"] + [len(norm)])
        semi = next(semis)
        prev = m.end()
        for q in qs:
            if q.start < m.end() or depth[q.start]:
                continue
            if q.start >= end:
                break
            while q.start > semi:
                cuts.append(len(parts))
                semi = next(semis)
            label = norm[prev : q.start]
            prev = q.end
            # a part's bracketed remark is no nested list and names no other kind:
            # "其他资金(包括结转结余资金、利息收入)551万元"
            bare = _IN_BRACKETS.sub("", label) if "(" in label else label
            if words.PARTS_CUE.search(bare) or _total_label(bare, 0, len(bare)) is not None:
                break  # a nested list, or the total restated ("共计下达61.8万元")
            other = _OTHER_KIND if total.kind == "amount" else _OTHER_COUNT
            if any(w not in total_label for w in other.findall(bare)):
                if _same_kind(total, q):  # what ends the list may restate a part ("中央下达资金…")
                    after = _figure(tl, q, _clause_label(tl.text[q.start - len(label) : q.start]), "after")
                break
            if not _same_kind(total, q):
                continue
            if _unsummed(bare):
                parts = []  # a part taken away, or one whose number is not written: no sum to check
                break
            parts.append(_figure(tl, q, tl.text[q.start - len(label) : q.start], "part"))
        if len(parts) >= 2:
            total_fig = _figure(tl, total, _clause_label(tl.text[t_start : total.start]), "total")
            found.append(Breakdown(total_fig, tuple(parts), source_of(tl, t_start, end), tuple(cuts), after))
    return found


def _unsummed(label: str) -> bool:
    """Whether a part labelled so keeps its list from being a sum: a reduction ("资金调减2.66万元") or
    an amount before it whose number is not written ("抚育 点击查看>> 万元,补偿资金2.66万元"). The
    pattern runs only on a label that holds "减" or "回" (every reduction word holds one)."""
    if "万元" in label or "亿元" in label:
        return True
    return ("减" in label or "回" in label) and words.REDUCTION.search(label) is not None


def _clause_label(text: str) -> str:
    """The words of the last clause of ``text`` (after its last comma)."""
    for sep in (",", "，", "、", ":", "："):
        text = text.rsplit(sep, 1)[-1]
    return text.strip()


def _parts_then_total(
    tl: TextLine, qs: list[Quantity], depth: list[int], stops: list[int], first: int
) -> list[Breakdown]:
    norm = tl.norm
    found: list[Breakdown] = []
    # only a number a few characters after a total word can be such a total (the ends in order,
    # from the first cue, found by the caller)
    near = [m.end() for m in words.TOTAL_CUE.finditer(norm, first)]
    for i, total in enumerate(qs):
        at = total.start
        k = bisect_right(near, at)  # the last end at or before the number: within six characters
        if not k or near[k - 1] < at - 6 or depth[at]:
            continue
        start, end = _sentence(stops, at)
        prev_end = qs[i - 1].end if i else start
        label = _total_label(norm, max(start, prev_end), at)
        if label is None or _NOT_A_SUM.search(label):
            continue
        cue_at = start
        for m in words.PARTS_CUE.finditer(norm, start, total.start):
            if depth[m.start()] == 0:
                cue_at = m.end()  # "……，其中A 60万元、B 40万元，合计100万元": the parts follow the cue
        parts = [q for q in qs[:i] if q.start >= cue_at and depth[q.start] == 0 and _same_kind(total, q)]
        if len(parts) < 2:
            continue
        figs = []
        prev = cue_at
        for q in parts:
            said = norm[prev : q.start]
            if _unsummed(said):
                break
            figs.append(_figure(tl, q, tl.text[prev : q.start], "part"))
            prev = q.end
        if len(figs) < len(parts):
            continue  # a part taken away, or one whose number is not written
        total_fig = _figure(tl, total, label, "total")
        if max(f.amount for f in figs) > total_fig.amount:
            continue  # a part larger than the "total": no sum ("共减少5万元" after the figures)
        found.append(
            Breakdown(total_fig, tuple(figs), source_of(tl, start, end if end is not None else None))
        )
    return found
