"""Score statements in prose and the score tree they hang on.

Headings (from :func:`drafter.read.outline.build_outline`, plus marked lines that state a score)
give the tree: in the Guangdong outline 三、绩效自评分析 → （一）预算编制情况 (一级) →
"1.预算编制，指标总分8，自评8分" (二级) → "（1）预算编制合理性…自评得4分" (三级). A heading's own
line states its max and score; scores stated in its body are *mentions* (sub-scores or
restatements) — except that a heading with no score of its own ("1.经济性。") takes the first
body mention that can be its own ("在经济性方面，自评分为5分").
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from drafter.check.extract._common import ZONE_RESTATE, ZONE_TOTAL, TextLine, source_of
from drafter.check.extract.lexicon import (
    LexiconModel,
    ScoreLexicon,
    WordGroup,
    alternation,
    gates,
    load_lexicon,
)
from drafter.check.facts import ScoreMention, ScoreNode, Source, StatedTotal, name_key
from drafter.read.outline import parse_heading
from drafter.text.headings import CN_NUMERALS, ENUMERATOR
from drafter.text.lazyre import lazy_compile
from drafter.text.names import bare_name

__all__ = ["LEXICON", "Statement", "build_score_tree", "find_statements", "split_marker"]

#: the score wordings (schemas/lexicon/scores.yaml), read once; grades.py takes its grade words
LEXICON = load_lexicon("scores", ScoreLexicon)
_LEX = LEXICON


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


def _each(words: tuple[str, ...], rest: str) -> str:
    """``(?:w1|w2|…)rest`` written as ``w1rest|w2rest|…`` (the same matches, tried in the same
    order): a pattern whose branches all start with a literal lets ``re`` skip in C to the
    places where one of those characters stands; an alternation of two groups makes it try the
    whole pattern at every character of the line. The group of ``rest`` repeats in every branch:
    the one that took part is ``m.lastindex``."""
    return "|".join(re.escape(w) + rest for w in words)


_NUM = r"(\d+(?:\.\d+)?)"
_NUM_FIRST = r"(\d\d*(?:\.\d+)?)"
_IS = r"\s*(?:为|是|:|：)?\s*"
#: the wordings themselves are data: schemas/lexicon/scores.yaml
_MAX_WORD = f"(?:{_alt(_LEX.words('max'))})"
_SCORE_WORD = f"(?:{_alt(_LEX.words('score'))})"
#: a line with none of these holds no score word (得 covers 自评得分, 实得 …)
_SCORE_GATES = gates(_LEX.words("score"))
#: a line with none of these holds no maximum's word (总分 covers 指标总分 and 总分值 …)
_MAX_GATES = gates(_LEX.words("max"))
#: "指标总分8，自评8分" / "满分10分，得9分" / "分值5分，得分4分" / "权重20，自评得分16分" /
#: "（满分40分，实得37分）"
_MAX_SCORE = lazy_compile(
    rf"{_MAX_WORD}{_IS}{_NUM}\s*分?\s*[，,、;；]?\s*(?:其中)?\s*{_SCORE_WORD}{_IS}{_NUM}\s*分"
)
#: "项目管理10分（自评9分）" / "预算编制（20分）（自评18分）": the maximum, then the score in brackets
#: (its number written \d\d*, the same as \d+: a pattern that starts with a class is scanned for
#: in C, one that starts with a repeat is tried at every character)
_PAREN_SCORE = lazy_compile(rf"{_NUM_FIRST}\s*分\s*[)）]?\s*[（(]\s*{_SCORE_WORD}{_IS}{_NUM}\s*分\s*[)）]")
#: "得20分（满分20分）" / "得分15分（分值15分）": the score, then its own maximum in brackets
_SCORE_PAREN_MAX = lazy_compile(
    rf"{_SCORE_WORD}{_IS}{_NUM}\s*分\s*[（(]\s*{_MAX_WORD}{_IS}{_NUM}\s*分?\s*[)）]"
)
#: "扣2分，得18分": the score, and the points lost (their sum is the maximum)
_DEDUCT_SCORE = lazy_compile(
    rf"扣(?:除|减)?\s*{_NUM}\s*分\s*[，,、]?\s*(?:最终|实际)?{_SCORE_WORD}{_IS}{_NUM}\s*分"
)
#: "自评得4分" / "自评得分8分" / "自评分为5分" / "综合评分为97分" / "得9分"; after some words the
#: number may stand alone ("自评得分：8", "自评得分98")
_SCORE = lazy_compile(
    _each(_LEX.words("score"), rf"{_IS}{_NUM}\s*分(?!值|数|率)")
    + "|"
    + _each(_LEX.unit_optional(), rf"{_IS}{_NUM}(?=\s*(?:[，,。；;)）]|$))")
)
#: what follows the score of a grade band: "得分90分（含）以上为优" / "得分60分以下的为差"
_BAND_AFTER = lazy_compile(r"\s*(?:[（(]\s*含\s*[)）])?\s*(?:以上|及以上|以下|至|-|－|—|~|～)")
#: the characters _BAND_AFTER can start with besides white space (a score followed by none of
#: them is no band's, without a regex call)
_BAND_FIRST = "（(以及至-－—~～"
#: a heading's maximum in brackets: "1.预算编制（8分）" / "（一）预算编制（满分20分）"
#: or a weight in percent of the 100 points: "1.预算编制（权重20%）"
_PAREN_MAX = lazy_compile(rf"[（(]\s*(?:{_MAX_WORD}?\s*{_NUM}\s*分|{_MAX_WORD}{_IS}{_NUM}\s*%)\s*[)）]")
#: a heading's maximum in words, with no score beside it: "（1）预算编制合理性，权重9分。"
#: a full mark in words ("得满分", "不扣分"; schemas/lexicon/scores.yaml full_marks): every word holds 分
_FULL_MARKS = lazy_compile(lambda: alternation(_LEX.words("full_marks")))
#: what, in the few characters before a full-mark word, makes it no full mark ("未得满分", "不能得满分")
_FULL_MARKS_NOT = frozenset("不未没无非")
_WORD_MAX = lazy_compile(rf"{_MAX_WORD}{_IS}{_NUM}\s*(?:分|(?=[，,。；;)）]|$))")
#: words that make a score the report's total
_TOTAL_WORDS = lazy_compile(_alt(_LEX.words("total")))


def _gate_chars(words: tuple[str, ...], common: str) -> tuple[str, ...]:
    """One character of each of ``words`` (its first not in ``common``, the characters every
    score phrase holds): a text that holds none of them holds none of ``words``."""
    return tuple(sorted({next((c for c in w if c not in common), w[0]) for w in words}))


#: a clause without one of these holds no total word (总 for 自评总分, 整 for 整体绩效 …)
_TOTAL_CHARS = _gate_chars(_LEX.words("total"), "自得评分计")
#: a form's total cell label with its unit in brackets, the number right after it whatever follows
#: ("自评总分(分)97.6部门联系人", "自评得分（分）：96"): the label's unit makes the number a score
_UNIT_LABEL_TOTAL = lazy_compile(rf"(?:{_alt(_LEX.words('form_total'))})\s*[（(]\s*分\s*[)）]{_IS}{_NUM}")
#: a form's total cell written "label: number" with the next cell's words after a space, as a PDF
#: text layer gives a form's header ("填报日期:2020 年 2 月 18 日 自评总分: 69 单位领导审签:"); the label
#: opens a cell (checked in find_statements: the line's start, a space or a bar before it)
_COLON_LABEL_TOTAL = lazy_compile(
    _each(_LEX.words("form_total"), rf"\s*:\s*{_NUM}(?=\s+[^\d\s.%分,，。；;:)）])")
)
#: restatements: a quoted indicator name, a bracketed maximum, enumeration words
_QUOTED = lazy_compile(r"[“\"]([^”\"“]{2,30})[”\"]")
_RESTATED_MAX = lazy_compile(rf"[（(]\s*{_MAX_WORD}\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]")
_PAREN_ANY = lazy_compile(r"[（(][^）)]*[)）]")
_ENUM = lazy_compile(rf"^{ENUMERATOR}[，,:：、]?|[，,:：、]$")
_ASPECT = lazy_compile(r"在?(.{1,12}?)方面$")
_LABEL_TRIM = lazy_compile(r"^(?:本部分|本项指标|本项|该项|本单位|本部门|此项|其中)|(?:方面|项目?|指标)$")
#: an enumerated item's name alone in its clause ("一是决策指标", "其二产出指标")
_ENUM_NAME = lazy_compile(rf"{ENUMERATOR}[:：、]?\s*([^\d\s:：、（()）“”\"]{{2,16}})$")
#: the characters ENUMERATOR can start with (a numeral, 其, 第)
_ENUM_FIRST = CN_NUMERALS + "其第"
_SENTENCE = lazy_compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_SENTENCE_ENDS = "。；;！!？?\n"


#: a Statement's label not read yet (see :attr:`Statement.label`)
_UNREAD: object = object()


class Statement:
    """One score phrase found in a line.

    Its ``label`` (the words before the phrase that name what it scores: :func:`_label`) is read
    on first use: the score of a heading's own line ("1.预算编制，指标总分8，自评8分"), most of a
    report's phrases, never asks for it."""

    __slots__ = ("_lab", "_tl", "end", "is_total", "lost", "max", "start", "value")

    def __init__(
        self,
        value: Decimal,
        max: Decimal | None,
        start: int,
        end: int,
        label: str | object | None,
        is_total: bool,
        lost: Decimal | None = None,
        tl: TextLine | None = None,
    ) -> None:
        self.value = value
        self.max = max
        self.start = start
        self.end = end
        #: _UNREAD until :attr:`label` reads it from ``tl``
        self._lab = label
        self.is_total = is_total
        #: points lost, where the phrase says so ("扣2分，得18分")
        self.lost = lost
        self._tl = tl

    @property
    def label(self) -> str | None:
        """The sub-item the phrase names (:func:`_label` in the clause that holds the phrase),
        read once on first use."""
        lab = self._lab
        if lab is _UNREAD:
            tl = self._tl
            assert tl is not None  # only _statement leaves a label unread, and it gives the line
            spans = tl.clauses
            start = self.start
            index = -1
            i = 0
            for a, b in spans:  # the clause that holds the phrase (no enumerate tuples)
                if a <= start < b:
                    index = i
                    break
                i += 1  # noqa: SIM113
            lab = self._lab = _label(tl.text, start, spans, index)
        return lab  # type: ignore[return-value]

    @label.setter
    def label(self, value: str | None) -> None:
        self._lab = value

    def _key(self) -> tuple[object, ...]:
        return (self.value, self.max, self.start, self.end, self.label, self.is_total, self.lost)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Statement) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        value, mx, start, end, label, is_total, lost = self._key()
        return (
            f"Statement(value={value!r}, max={mx!r}, start={start!r}, end={end!r}, label={label!r}, "
            f"is_total={is_total!r}, lost={lost!r})"
        )


def split_marker(text: str) -> tuple[int, str, str]:
    """``(level, marker, rest)`` of a line by its heading marker (the outline's own parser, so
    Markdown ``#`` and ``**`` decoration count too); level 0 when there is none."""
    parsed = parse_heading(text)
    if parsed is None:
        return 0, "", text
    level, marker, _number, start = parsed
    return level, marker, text[start:].rstrip("*_ ")


def _label(text: str, start: int, spans: list[tuple[int, int]], i: int) -> str | None:
    """The sub-item a score phrase names: words before it in its clause (``spans[i]``), or
    "在X方面" in the clause before."""
    if i < 0:
        return None
    before = text[spans[i][0] : start].strip(" \t\u3000")
    if not before:
        if i > 0:
            pa, pb = spans[i - 1]
            prev = text[pa:pb]
            m = _ASPECT.search(prev) if prev.endswith("方面") else None
            if m:
                return m.group(1).strip() or None
            if prev and prev[0] in _ENUM_FIRST and text[pb : pb + 1] in ("，", ","):
                # "一是决策指标，分值10分，得分10分；二是产出指标，…": the item named before
                m = _ENUM_NAME.match(prev)
                if m:
                    return m.group(1)
        return None
    before = _LABEL_TRIM.sub("", before).strip()
    m = _ASPECT.search(before) if before.endswith("方面") else None  # the regex only where it can match
    if m:
        before = m.group(1)
    return before[-20:] or None


def _has_score(norm: str) -> bool:
    """Whether ``norm`` holds 得分, 自评分, a unit label "(分)" or a number before 分 (``\\d\\s*分``),
    by substring search rather than a regex scan of the whole line."""
    if "得分" in norm or "自评分" in norm or "(分)" in norm or "分:" in norm:
        return True
    i = norm.find("分")
    while i > 0:
        c = norm[i - 1]
        if c.isdecimal():
            return True
        if c.isspace():  # "8 分": back over the white space
            j = i - 2
            while j > 0 and norm[j].isspace():
                j -= 1
            if j >= 0 and norm[j].isdecimal():
                return True
        i = norm.find("分", i + 1)
    return False


def find_statements(tl: TextLine) -> list[Statement]:
    """Score phrases of one line, in order."""
    norm = tl.norm
    # every score phrase has 分 and one of the score words (得 / 自评 / 评分): cheap gates (the
    # words tested in place: a call of holds_any costs as much as its tests)
    if "分" not in norm:
        return []
    for word in _SCORE_GATES:
        if word in norm:
            break
    else:
        return []
    if not _has_score(norm):
        return []
    found: list[Statement] = []
    taken: list[tuple[int, int]] = []
    # each pattern runs only where the words it needs stand (a scan of a line of prose costs
    # ten times what these substring tests do): a maximum's word (满分, 分值, 权重 …) for the
    # patterns that state a maximum, a bracket after a 分 for those that bracket a score or a
    # maximum after the score's 分
    has_max = False
    for word in _MAX_GATES:
        if word in norm:
            has_max = True
            break
    if has_max:
        # one search per phrase, the next from the end of the last (what finditer does: no
        # scanner object, and no second scan of a line that holds one phrase), and only while a
        # 分 stands after it
        m = _MAX_SCORE.search(norm)
        while m is not None:
            start, end = m.span()
            found.append(_statement(tl, norm, start, end, Decimal(m.group(2)), Decimal(m.group(1))))
            taken.append((start, end))
            m = _MAX_SCORE.search(norm, end) if norm.find("分", end) >= 0 else None  # every phrase ends in 分
    if "扣" in norm:
        for m in _DEDUCT_SCORE.finditer(norm):
            if taken and _overlaps(m.start(), m.end(), taken):
                continue
            st = _statement(tl, norm, m.start(), m.end(), Decimal(m.group(2)), None)
            st.lost = Decimal(m.group(1))
            found.append(st)
            taken.append((m.start(), m.end()))
    first_fen = norm.find("分")
    if norm.find("(", first_fen) >= 0 or norm.find("（", first_fen) >= 0:
        first = _SCORE_PAREN_MAX.search(norm) if has_max else None
        for m in () if first is None else _SCORE_PAREN_MAX.finditer(norm, first.start()):
            if taken and _overlaps(m.start(), m.end(), taken):
                continue
            found.append(_statement(tl, norm, m.start(), m.end(), Decimal(m.group(1)), Decimal(m.group(2))))
            taken.append((m.start(), m.end()))
        first = _PAREN_SCORE.search(norm)
        for m in () if first is None else _PAREN_SCORE.finditer(norm, first.start()):
            if taken and _overlaps(m.start(), m.end(), taken):
                continue
            found.append(_statement(tl, norm, m.start(), m.end(), Decimal(m.group(2)), Decimal(m.group(1))))
            taken.append((m.start(), m.end()))
    if "(分)" in norm:
        for m in _UNIT_LABEL_TOTAL.finditer(norm):
            if taken and _overlaps(m.start(), m.end(), taken):
                continue
            st = _statement(tl, norm, m.start(), m.end(), Decimal(m.group(1)), None)
            st.is_total = True
            found.append(st)
            taken.append((m.start(), m.end()))
    if "分:" in norm or "值:" in norm:
        for m in _COLON_LABEL_TOTAL.finditer(norm):
            if m.start() and norm[m.start() - 1] not in " \t|":
                continue  # "明确性自评得分: 4 …": an item's score in its clause, not a form's cell
            if taken and _overlaps(m.start(), m.end(), taken):
                continue
            st = _statement(tl, norm, m.start(), m.end(), Decimal(m.group(m.lastindex or 0)), None)
            st.is_total = True
            found.append(st)
            taken.append((m.start(), m.end()))
    # one search per phrase, the next from the end of the last (as finditer reads), and only
    # while a 分 stands after it: every phrase holds 分, as its unit or in its word (the
    # unit-optional words all hold it; the line's last phrase, most often its only one, costs
    # no second scan)
    m = _SCORE.search(norm)
    while m is not None:
        start, end = m.span()
        if not (taken and _overlaps(start, end, taken)):
            after = norm[end : end + 1]
            if not (
                (not after or after in _BAND_FIRST or after.isspace()) and _BAND_AFTER.match(norm, end)
            ):  # "得分90分（含）以上为优秀": a grade band, not a score
                found.append(_statement(tl, norm, start, end, Decimal(m.group(m.lastindex or 0)), None))
        m = _SCORE.search(norm, end) if norm.find("分", end) >= 0 else None
    for st in found:
        if (
            st.max is None
            and norm.find("分", 0, st.start) >= 0
            and (norm.find("(", 0, st.start) >= 0 or norm.find("（", 0, st.start) >= 0)
        ):
            # "资金管理（20分）：…，得18分": a bracketed maximum earlier in the segment (for a
            # total, in its clause: "预算执行（30分）得27分，自评总分89分" is not out of 30)
            a, _b = tl.clause_at(st.start) if st.is_total else tl.segment_at(st.start)
            pm = _last(_PAREN_MAX, norm, a, st.start)
            if pm is not None:
                st.max = Decimal(pm.group(1) or pm.group(2))
    # (a normalised line holds "," where the text has "，": normalize maps every full-width comma)
    if (
        ",得" in norm
        or "、得" in norm
        or "、自评" in norm
        or (not tl.normalized and ("，得" in norm or "，自评" in norm))
    ):
        for st in found:
            if st.max is None and not st.is_total:
                _bare_max(tl, st)
    if len(found) > 1:
        found.sort(key=lambda s: s.start)
    return found


#: "投入类指标20分、得19分" / "过程类30分，自评29分": a named item's maximum written bare, then its
#: score after a comma (the name right before the number; an item's points, not a total's)
_BARE_MAX = lazy_compile(r"[\u4e00-\u9fff]\s*(\d+(?:\.\d+)?)\s*分\s*[、，,]\s*$")


def _bare_max(tl: TextLine, st: Statement) -> None:
    m = _BARE_MAX.search(tl.norm, max(0, st.start - 24), st.start)
    if m is None:
        return
    a, _b = tl.clause_at(m.start(1))
    name = _LABEL_TRIM.sub("", tl.text[a : m.start(1)].strip(" \t\u3000、，,")).strip()
    if len(name) < 2 or _TOTAL_WORDS.search(name):
        return
    st.max = Decimal(m.group(1))
    st.label = name


def _last(rx: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    last = None
    for m in rx.finditer(text, start, end):
        last = m
    return last


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:  # noqa: SIM110
        if start < b and end > a:
            return True
    return False


def _statement(
    tl: TextLine, norm: str, start: int, end: int, value: Decimal, mx: Decimal | None
) -> Statement:
    # a total word before the phrase or opening it, in its clause ("综合评分为97分", "绩效评价
    # 得分为92.5分"); a phrase that holds 指标总分 / 总分值 is no total whatever stands before
    # it, and a clause with none of the characters every total word holds one of holds no
    # total word (the clause, most often the phrase alone, rarely holds one: no regex call)
    is_total = False
    phrase = norm[start:end]
    if "指标总分" not in phrase and "总分值" not in phrase:
        clause_start = 0
        for a, b in tl.clauses:  # the clause that holds the phrase
            if a <= start < b:
                clause_start = a
                break
        clause = norm[clause_start:end]
        for c in _TOTAL_CHARS:
            if c in clause:
                hit = _TOTAL_WORDS.search(norm, clause_start, end)
                is_total = hit is not None and hit.start() <= start
                break
    return Statement(value, mx, start, end, _UNREAD, is_total, None, tl)


class _Heading:
    """A heading while the tree is built (a plain slotted class: tens of these per report)."""

    __slots__ = (
        "body",
        "body_stmts",
        "children",
        "marker",
        "name",
        "name_end",
        "own",
        "paren_max",
        "rank",
        "tl",
    )

    def __init__(self, tl: TextLine, rank: int, marker: str, name: str) -> None:
        self.tl = tl
        self.rank = rank
        self.marker = marker
        self.name = name
        self.paren_max: Decimal | None = None
        #: where the heading's name (and its bracketed maximum) ends in the line
        self.name_end = 0
        self.own: list[Statement] = []
        self.body: list[TextLine] = []
        self.body_stmts: list[tuple[TextLine, Statement]] = []
        self.children: list[_Heading] = []


_NONE: tuple[Statement, ...] = ()


def _full_mark(norm: str, mx: Decimal, start: int) -> Statement | None:
    """A full mark stated in words in ``norm`` from ``start`` ("得满分", "不扣分"), as a statement
    scoring ``mx``; None when there is none or a negation stands right before it ("未得满分")."""
    for m in _FULL_MARKS.finditer(norm, start):
        if not _FULL_MARKS_NOT.intersection(norm[max(start, m.start() - 3) : m.start()]):
            return Statement(mx, mx, m.start(), m.end(), None, False)
    return None


def _same(label: str | None, name: str) -> bool:
    if not label:
        return False
    core = bare_name(name)
    return bool(core) and (core in label or label in name)


def build_score_tree(
    lines: list[TextLine],
) -> tuple[tuple[ScoreNode, ...], StatedTotal | None, tuple[ScoreMention, ...]]:
    """Score tree roots, the stated total, and the restatements of indicator scores.

    Headings are the lines the outline counts as headings (a marker with text after it, parsed
    by :func:`drafter.read.outline.parse_heading`); they nest by level as in the outline.
    Scores stated in a section that restates the analysis (四、存在的问题… / 五、其他需要说明…,
    see :data:`~drafter.check.extract._common.ZONE_RESTATE`), and those of the 结论 that name an
    indicator of the tree ("资金管理指标自评16分"), are restatements: they make no node and do
    not count towards the total, but can be compared with the node they name."""
    stack: list[_Heading] = []
    roots: list[_Heading] = []
    restated: list[tuple[TextLine, Statement]] = []
    totals: list[tuple[bool, TextLine, Statement]] = []  # (stated in the 结论 section, line, phrase)
    current: _Heading | None = None
    # statements under a sub-heading of the 结论 section ("五、绩效自评结果" over "（一）决策指标
    # （权重10分，得分10分）"): totals, unless the report scores no indicator anywhere else
    in_results: list[tuple[_Heading, bool, TextLine, Statement]] = []
    openers: set[int] = set()  # the headings that open a 结论 section
    for tl in lines:
        if tl.is_row:
            continue
        norm = tl.norm
        stmts: list[Statement] | tuple[Statement, ...] = find_statements(tl) if "分" in norm else _NONE
        zone = tl.zone
        head = tl.head
        if head is not None:
            rank, marker, rest, name = head
            h = _Heading(tl, rank, marker, name)
            if "分" in rest:
                at = len(tl.text) - len(rest)
                # the bracketed maximum only where a bracket stands ("1.预算编制，指标总分8，自评8分" has none)
                pm = (
                    _PAREN_MAX.search(norm, at)
                    if norm.find("(", at) >= 0 or norm.find("（", at) >= 0
                    else None
                )
                if pm is not None and pm.start() - at <= len(h.name) + 2:
                    h.paren_max = Decimal(pm.group(1) or pm.group(2))
                    h.name_end = pm.end()
                elif not stmts:
                    # "2.效率性，权重10分": a maximum in words, its score in the body
                    wm = _WORD_MAX.search(tl.norm, at)
                    if wm is not None and wm.start() - at <= len(h.name) + 2:
                        h.paren_max = Decimal(wm.group(1))
                if not stmts and h.paren_max is not None:
                    # "（一）预算编制（10分）：…，得满分。": the score is the maximum
                    full = _full_mark(tl.norm, h.paren_max, at)
                    if full is not None:
                        h.own.append(full)
            while stack and stack[-1].rank >= rank:
                stack.pop()
            if zone == ZONE_TOTAL and (not stack or stack[-1].tl.zone != ZONE_TOTAL):
                openers.add(id(h))
            (stack[-1].children if stack else roots).append(h)
            stack.append(h)
            current = h
            target = h.own
        elif current is None:
            for s in stmts:
                # before the first heading, a score that names no indicator is the report's
                # ("…进行了自我评价，自评得分100分。现将具体绩效评价情况报告如下")
                if s.is_total or (s.label is None and s.max is None):
                    totals.append((False, tl, s))
            continue
        else:
            current.body.append(tl)
            target = None
            if not stmts and current.paren_max is not None and not current.own and not current.body_stmts:
                # "（二）资产管理（5分）" / "资产管理制度健全，给予满分。"
                full = _full_mark(norm, current.paren_max, 0) if "分" in norm else None
                if full is not None:
                    current.body_stmts.append((tl, full))
        for s in stmts:
            if zone == ZONE_TOTAL:
                totals.append((True, tl, s))
                if not s.is_total and id(current) not in openers:
                    in_results.append((current, target is not None, tl, s))
            elif s.is_total:
                totals.append((False, tl, s))
            elif zone == ZONE_RESTATE:
                restated.append((tl, s))
            elif target is not None:
                target.append(s)
            else:
                current.body_stmts.append((tl, s))  # type: ignore[union-attr]

    kept = [h for h in roots if _scored(h)]
    if not kept and len(in_results) >= 2:
        for h, on_heading, tl, s in in_results:
            if on_heading:
                h.own.append(s)
            else:
                h.body_stmts.append((tl, s))
        taken = {id(e[3]) for e in in_results}
        totals = [e for e in totals if id(e[2]) not in taken]
        kept = [h for h in roots if _scored(h)]
    while len(kept) == 1 and not kept[0].own and not kept[0].body_stmts:
        kept = [c for c in kept[0].children if _scored(c)]
    nodes = tuple(n for n in (_freeze(h, 1, "") for h in kept) if n is not None)
    if not nodes and len(totals) > 2:
        # "预算编制（20分）得18分，预算执行（30分）得27分，…，自评总分89分": with no heading
        # that holds a score, the items a line lists with their maxima are the indicators
        nodes, totals = _listed_items(totals)
    if any(in_conclusion and not s.is_total and s.label for in_conclusion, _tl, s in totals):
        # the 结论 may restate an indicator's score beside the total ("资金管理自评16分")
        names = {name_key(n.name) for root in nodes for n in root.walk()}
        kept_totals = []
        for entry in totals:
            in_conclusion, tl, s = entry
            if in_conclusion and not s.is_total and s.label and name_key(_restated_name(tl, s)) in names:
                restated.append((tl, s))
            else:
                kept_totals.append(entry)
        totals = kept_totals
    # the 结论 section's total wins over a total mentioned elsewhere (e.g. last year's score)
    first = next(
        (e for e in totals if e[0] and e[2].is_total),
        next((e for e in totals if e[0]), totals[0] if totals else None),
    )
    total = StatedTotal(first[2].value, _src(first[1], first[2]), first[2].max) if first else None
    return nodes, total, tuple(_restatement(tl, s) for tl, s in restated)


_Total = tuple[bool, TextLine, Statement]


def _listed_items(totals: list[_Total]) -> tuple[tuple[ScoreNode, ...], list[_Total]]:
    """Root nodes from the first line that lists two or more named items, each with its maximum
    ("预算编制（20分）得18分"), beside the line's total; the other entries stay totals."""
    for _in_conclusion, tl, _s in totals:
        items = [s for c, t, s in totals if t is tl and not s.is_total and s.label and s.max is not None]
        if len(items) < 2:
            continue
        names = [_PAREN_ANY.sub("", s.label or "").strip(" ，,、：:") for s in items]
        if not all(names) or len(set(names)) < len(names):
            continue
        nodes = tuple(_stated_node(tl, s, name, 1, name) for name, s in zip(names, items, strict=True))
        taken = {id(s) for s in items}
        return nodes, [e for e in totals if id(e[2]) not in taken]
    return (), totals


def _restated_name(tl: TextLine, s: Statement) -> str:
    """The indicator a restating score phrase names: the last quoted name before it in its
    segment ("一是“部门预算资金支出完成率”指标（分值5分）自评4分"), else its label without a
    bracketed maximum and enumeration words."""
    a, _b = tl.segment_at(s.start)
    before = tl.text[a : s.start]
    quoted = _QUOTED.findall(before)
    if quoted:
        return quoted[-1].strip()
    label = _PAREN_ANY.sub("", s.label or "")
    return _ENUM.sub("", label).strip(' \t\u3000“”"')


def _restatement(tl: TextLine, s: Statement) -> ScoreMention:
    mx = s.max
    if mx is None:
        a, _b = tl.segment_at(s.start)
        found = _RESTATED_MAX.findall(tl.norm, a, s.start)
        if found:
            mx = Decimal(found[-1])
    return ScoreMention(
        value=s.value,
        source=_src(tl, s),
        max=mx,
        label=_restated_name(tl, s) or None,
        phrase=tl.text[s.start : s.end],
    )


def _scored(h: _Heading) -> bool:
    """Whether a heading or one of its sub-headings states a score."""
    if h.own or h.body_stmts:
        return True
    for c in h.children:  # noqa: SIM110 - a loop: no generator per heading
        if _scored(c):
            return True
    return False


def _src(tl: TextLine, s: Statement) -> Source:
    """The segment (up to "；" or "。") that states the score: it names what the score is for."""
    a, b = tl.segment_at(s.start)
    return source_of(tl, a, max(b, s.end))


def _freeze(h: _Heading, level: int, parent: str) -> ScoreNode | None:
    path = f"{parent}/{h.name}" if parent else h.name
    children: tuple[ScoreNode, ...] = ()
    if h.children:  # most headings are leaves: no generators for them
        children = tuple([n for c in h.children if (n := _freeze(c, level + 1, path)) is not None])
    own = h.own  # never changed in place below: the names are rebound
    if not children and len(own) > 1 and h.paren_max is not None and _items_on_heading_line(h):
        # "1.产出指标（50分）：…，得20分（满分20分）；…，得15分（满分15分）": the heading line
        # lists its sub-items, each with its own maximum; they are its children
        children = tuple(_line_item(h, s, level + 1, path) for s in own)
        own = []
    # a list of its own: the node's own score may be taken out of it below
    mentions_raw = [(h.tl, s) for s in own[1:]] + h.body_stmts if len(own) > 1 else h.body_stmts[:]
    if (
        not children
        and own
        and (len(own) > 2 or (len(h.body_stmts) > 1 and h.body_stmts[0][1].max is not None))
    ):
        # "（三）产出指标（权重50分，得分47分）。其中：数量指标（分值15分），自评15分；质量指标
        # （分值15分），自评14分；…": after the heading's own score, named items whose maxima add
        # up to the heading's are its sub-items (on its line or in the sentence below it)
        listed = _listed_sub_items(h, own[0])
        if listed:
            children = tuple(_sub_item(h, i, mtl, s, level + 1, path) for i, (mtl, s) in enumerate(listed, 1))
            taken = {id(s) for _mtl, s in listed}
            own = [s for s in own if id(s) not in taken]
            mentions_raw = [e for e in mentions_raw if id(e[1]) not in taken]
    header = own[0] if own else None
    score = mx = None
    score_src = max_src = None
    tl = h.tl
    # the node's source, the maximum's when the heading states it, often the score's: made once
    line_src = source_of(tl) if header is not None or h.paren_max is not None else None
    if header is not None:
        score, mx = header.value, header.max
        # the segment that states the score, often the whole heading line: its Source then
        a, b = tl.segment_at(header.start)
        end = max(b, header.end)
        score_src = line_src if a == 0 and end == len(tl.text) and line_src else source_of(tl, a, end)
        max_src = score_src if mx is not None else None
    elif mentions_raw:
        # "1.经济性。" + "在经济性方面，自评分为5分": the first mention that can be its own; a
        # heading with children takes only a full "本部分指标总分20，自评20分" statement
        for i, (mtl, s) in enumerate(mentions_raw):
            if children and s.max is None:
                continue
            if s.label is None or _same(s.label, h.name):
                score, mx = s.value, s.max
                score_src = _src(mtl, s)
                max_src = score_src if mx is not None else None
                del mentions_raw[i]
                break
    if mx is None and h.paren_max is not None:
        mx, max_src = h.paren_max, line_src or source_of(tl)
    if score is None and not children and not mentions_raw:
        return None
    if score is None and not children and all(st.label for _, st in mentions_raw):
        # "绩效目标合理性满分6分，得6分；绩效目标完整性得2分…" under a heading with no score of
        # its own: named sub-items, i.e. children
        children = tuple(
            _stated_node(mtl, st, st.label or "", level + 1, f"{path}/{st.label}") for mtl, st in mentions_raw
        )
        mentions_raw = []
    # ScoreMention(value, source, max, label, phrase) and ScoreNode below take their fields by
    # position: a keyword call costs a third more, and a node is built per indicator
    mentions = (
        tuple(
            [
                ScoreMention(s.value, _src(mtl, s), s.max, s.label, mtl.text[s.start : s.end])
                for mtl, s in mentions_raw
            ]
        )
        if mentions_raw
        else ()
    )
    basis = "\n".join([tl.text, *[b.text for b in h.body]]) if h.body else tl.text
    reason = ""
    if mx is not None and score is not None and score < mx:
        # the reason may sit in a sub-item: "（2）…执行率低于95%的目标，扣1分"
        reason = _reason(basis) or next(
            (r for r in (_reason(c.basis) for c in _descendants(children)) if r), ""
        )
    # name, level, source, max, score, score_source, max_source, basis, reason, mentions,
    # children, marker, path
    return ScoreNode(
        h.name,
        level,
        line_src or source_of(tl),
        mx,
        score,
        score_src,
        max_src,
        basis,
        reason,
        mentions,
        children,
        h.marker,
        path,
    )


def _items_on_heading_line(h: _Heading) -> bool:
    """Whether the scores on a heading line are its sub-items: two or more, each in its own
    segment with a maximum of its own below the heading's bracketed maximum."""
    own = h.own
    if len(own) < 2 or h.paren_max is None:
        return False
    segments = set()
    for s in own:
        if s.max is None or s.max >= h.paren_max or s.is_total:
            return False
        segments.add(h.tl.segment_at(s.start))
    return len(segments) == len(own)


def _listed_sub_items(h: _Heading, header: Statement) -> list[tuple[TextLine, Statement]]:
    """The sub-items a heading lists after its own score: two or more phrases on its line, or
    else in one line of its body, each in its own segment with a maximum of its own, none a
    total, whose maxima add up to the heading's maximum exactly (the sum is what makes a list
    of sub-items, not a restatement of other indicators' scores)."""
    whole = header.max if header.max is not None else h.paren_max
    if whole is None:
        return []
    tl = h.tl
    head_segment = tl.segment_at(header.start)
    on_line = [(tl, s) for s in h.own[1:] if tl.segment_at(s.start) != head_segment]
    candidates = [on_line] if len(on_line) >= 2 else []
    if not candidates and h.body_stmts:
        first_line = h.body_stmts[0][0]
        candidates.append([e for e in h.body_stmts if e[0] is first_line])
    for items in candidates:
        if len(items) < 2 or len(items) != len({(id(t), t.segment_at(s.start)) for t, s in items}):
            continue
        if all(s.max is not None and not s.is_total and s.max < whole for _t, s in items) and (
            sum(s.max for _t, s in items if s.max is not None) == whole
        ):
            return items
    return []


def _sub_item(h: _Heading, i: int, tl: TextLine, s: Statement, level: int, path: str) -> ScoreNode:
    """A listed sub-item ("其中：数量指标（分值15分），自评15分"): named by the words that open
    its segment, without 其中 and a bracket."""
    a, b = tl.segment_at(s.start)
    text = tl.text[a : max(b, s.end)]
    head = _SUB_ITEM_LEAD.sub("", text[: s.start - a])
    name = _SUB_ITEM_NAME_END.split(head, maxsplit=1)[0].strip(' \t\u3000“”"')[:20]
    name = name or f"{h.name}第{i}项"
    score_below = s.max is not None and s.value < s.max
    return _stated_node(
        tl, s, name, level, f"{path}/{name}", basis=text, reason=_reason(text) if score_below else ""
    )


#: what opens a listed sub-item's segment before its name ("其中：", "一是", "1.")
_SUB_ITEM_LEAD = lazy_compile(rf"^[\s，,、；;。]*(?:其中\s*[:：，,]?\s*)?(?:{ENUMERATOR}[，,:：、]?)?\s*")
#: where its name ends: a bracket, a comma, a colon or a score word
_SUB_ITEM_NAME_END = lazy_compile(r"[（(，,：:]|分值|权重|满分|得分|自评")


def _line_item(h: _Heading, s: Statement, level: int, path: str) -> ScoreNode:
    """A sub-item stated on its heading's line: named by the first clause of its segment."""
    tl = h.tl
    a, b = tl.segment_at(s.start)
    text = tl.text[max(a, h.name_end) : max(b, s.end)]
    head = text[: s.start - max(a, h.name_end)].strip(" \t\u3000：:，,、；;")
    name = head.split("，")[0].split(",")[0].strip()[:20] or f"{h.name}第{h.own.index(s) + 1}项"
    score_below = s.max is not None and s.value < s.max
    reason = _reason(text) if score_below else ""
    return _stated_node(tl, s, name, level, f"{path}/{name}", basis=text, reason=reason)


def _stated_node(
    tl: TextLine, s: Statement, name: str, level: int, path: str, basis: str = "", reason: str = ""
) -> ScoreNode:
    """A leaf indicator made of one score phrase: the phrase's segment is its source, its score's
    and (when the phrase states one) its maximum's."""
    src = _src(tl, s)
    # by position, as in _freeze: name, level, source, max, score, score_source, max_source,
    # basis, reason, mentions, children, marker, path
    return ScoreNode(
        name,
        level,
        src,
        s.max,
        s.value,
        src,
        src if s.max is not None else None,
        basis,
        reason,
        (),
        (),
        "",
        path,
    )


def _descendants(nodes: tuple[ScoreNode, ...]) -> list[ScoreNode]:
    return [d for n in nodes for d in n.walk()]


class ShortfallLexicon(LexiconModel):
    """``schemas/lexicon/shortfalls.yaml``: the words that say why points were lost (and, for the
    polishing model, the shortfalls a rewrite must keep: :mod:`drafter.llm.drafting`)."""

    reasons: tuple[WordGroup, ...]
    kept: tuple[WordGroup, ...] = ()


@cache
def _reason_cue() -> re.Pattern[str]:
    """Any shortfall word (扣, 不足, 未完成, 低于, 滞后 …): a sentence with one explains a deduction."""
    lexicon = load_lexicon("shortfalls", ShortfallLexicon)
    return re.compile(alternation(w for group in lexicon.reasons for w in group.words))


def _reason(text: str) -> str:
    """The first sentence that explains a deduction ("…不得分。", "…扣2分"), the score phrase of
    a heading ("指标总分20，自评16分") not counting as one."""
    reason_cue = _reason_cue()
    cue = reason_cue.search(text)
    if cue is None:
        return ""  # no sentence can hold a cue (the common case: full marks)
    # start at the sentence of the first cue: the sentences before it hold none
    start = max(text.rfind(d, 0, cue.start()) for d in _SENTENCE_ENDS) + 1
    for m in _SENTENCE.finditer(text, start):
        sentence = m.group(0)
        if reason_cue.search(_MAX_SCORE.sub("", sentence)):
            return sentence.strip()
    return ""
