"""Shared helpers of the extractors: prepared lines, clause spans, sources."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.check.extract.lexicon import ScoreLexicon, alternation, load_lexicon
from drafter.check.facts import Source
from drafter.document import Document, Line, LineKind
from drafter.read.outline import parse_heading
from drafter.text.headings import CN_NUMERALS, FIRST_CHARS
from drafter.text.lazyre import lazy_compile
from drafter.text.numbers import Quantity, find_quantities, normalize

__all__ = [
    "ZONE_RESTATE",
    "ZONE_TOTAL",
    "TextLine",
    "clause_spans",
    "heading_name",
    "prepare",
    "source_of",
]

_SPACE = " \t\u3000"


@dataclass(slots=True)
class TextLine:
    """A line worth reading: ``text`` is ``Line.text`` (what findings quote), ``norm`` its
    normalised twin of the same length (ASCII digits and punctuation), on which regexes run.
    Clause spans are computed once, on first use (internal to one extraction run)."""

    line: Line
    text: str
    norm: str
    no: int = 0
    is_row: bool = False
    #: ``(level, marker, rest, name)`` when the line is an outline heading (a marker with text
    #: after it); ``name`` as :func:`heading_name` gives it
    head: tuple[int, str, str, str] | None = None
    #: the kind of top-level section the line stands in: :data:`ZONE_TOTAL` (the 结论, whose
    #: scores are the total), :data:`ZONE_RESTATE` (存在的问题… / 其他需要说明…, whose scores and
    #: figures restate those of the analysis) or "" (anywhere else)
    zone: str = ""
    #: ``norm`` is :func:`normalize`'s output (not a fallback to ``text``): find_quantities may
    #: skip its own normalisation scan
    normalized: bool = False
    #: the last line this one runs to when two lines were read as one (a score phrase split by a
    #: PDF's line break: :mod:`.splitscores`); 0 for a line of its own
    end: int = 0
    _clauses: list[tuple[int, int]] | None = None
    _segments: list[tuple[int, int]] | None = None
    _quantities: list[Quantity] | None = None

    @property
    def quantities(self) -> list[Quantity]:
        """The numbers of the line (:func:`find_quantities` on ``norm``), found once and shared by
        the extractors that need them."""
        if self._quantities is None:
            self._quantities = find_quantities(self.norm, normalized=self.normalized)
        return self._quantities

    @property
    def clauses(self) -> list[tuple[int, int]]:
        if self._clauses is None:
            self._clauses = clause_spans(self.norm)
        return self._clauses

    @property
    def segments(self) -> list[tuple[int, int]]:
        """Spans up to "；" or "。" (a topic carries over the clauses of one segment)."""
        if self._segments is None:
            self._segments = clause_spans(self.norm, segments=True)
        return self._segments

    def segment_at(self, pos: int) -> tuple[int, int]:
        for a, b in self.segments:
            if a <= pos < b:
                return a, b
        return 0, len(self.text)

    def sentence_at(self, pos: int) -> int:
        """The index of the sentence (ended by 。！？) that holds ``pos``: 0 for the first."""
        norm = self.norm
        # normalize keeps 。 and maps ！？ to ! ?; str.count scans in C (slice semantics for pos)
        return norm.count("。", 0, pos) + norm.count("!", 0, pos) + norm.count("?", 0, pos)

    def clause_at(self, pos: int) -> tuple[int, int]:
        """The clause that holds ``pos`` (the whole line if none does)."""
        for a, b in self.clauses:
            if a <= pos < b:
                return a, b
        return 0, len(self.text)


ZONE_TOTAL = "total"
ZONE_RESTATE = "restate"

#: a section whose scores are the report's total (二、绩效自评结论)
_TOTAL_SECTION = re.compile(r"结论|评价结果|自评结果|总体评价|总分")
#: every word of _TOTAL_SECTION holds one of these: a name with neither is searched no further
_TOTAL_CHARS = ("结", "总")
#: a top-level section that restates the analysis: 四、存在的问题、原因分析及改进措施 / 五、其他需要说明的情况
_RESTATE_SECTION = re.compile(r"问题|原因|改进|整改|建议|需要说明|其他说明|下一步|打算|结果应用")
#: a heading line that states a score of its own is an indicator, whatever its name
_OWN_SCORE = re.compile(r"\d\s*分")
#: characters a heading can start with once decoration (#, **, indentation) is stripped
_HEAD_FIRST = FIRST_CHARS | frozenset("#")
_LEAD_CHARS = " \t\u3000*_-"


_NAME_PUNCT = "，,。.：:；;（(、"
_NUMBER_AFTER = r"\s*(?:为|是)?\s*\d"


def _name_end_pattern() -> str:
    """Where a heading's name ends: punctuation, a max-score word of the score lexicon with its
    number ("指标总分8", "满分10分", "权重9"), a self-score or a number of points (the pattern as
    written; :data:`_NAME_END` finds the same places faster)."""
    max_word = alternation(load_lexicon("scores", ScoreLexicon).words("max"))
    return (
        rf"[{_NAME_PUNCT}]|{max_word}{_NUMBER_AFTER}|自评(?:得|分|\s*\d)|得分{_NUMBER_AFTER}"
        r"|\d+(?:\.\d+)?\s*分"
    )


def _name_end_firsts() -> str:
    """The characters a name end can start with, as the inside of a regex character class."""
    words = load_lexicon("scores", ScoreLexicon).words("max")
    return _NAME_PUNCT + re.escape("".join(sorted({w[0] for w in words} | {"自", "得"}))) + r"\d"


def _name_end_scan_pattern() -> str:
    """:func:`_name_end_pattern` written to start with one character class: the first character
    of every alternative, each alternative then checking its own first character by a lookbehind.
    A search for an alternation whose branches start differently tries every branch at every
    position; a pattern that starts with a class is scanned for in C, one lookup a character."""
    words = sorted(set(load_lexicon("scores", ScoreLexicon).words("max")), key=lambda w: (-len(w), w))
    branches = [
        f"(?<=[{_NAME_PUNCT}])",
        *(rf"(?<={re.escape(w[0])}){re.escape(w[1:])}{_NUMBER_AFTER}" for w in words),
        r"(?<=自)评(?:得|分|\s*\d)",
        rf"(?<=得)分{_NUMBER_AFTER}",
        r"(?<=\d)\d*(?:\.\d+)?\s*分",
    ]
    return rf"[{_name_end_firsts()}](?:{'|'.join(branches)})"


def _head_start_pattern() -> str:
    """A heading marker at the start of a line, the spaces after it and the run of characters no
    name end starts with: :func:`parse_marker`'s three forms in one pattern, one group per form
    (1: 一、, 2: （一）, 3: （1）, 4: 1., each with the spaces after it; _MARKER_LEVEL gives its
    level), without the marker's number (prepare never reads it). Where the run stops a name end
    may start (it does when the character is punctuation)."""
    spaces = r"[ \u3000\t]*"
    return (
        rf"(?:([{CN_NUMERALS}]{{1,3}}\s*[、.．]{spaces})|([（(]\s*[{CN_NUMERALS}]{{1,3}}\s*[）)]{spaces})"
        rf"|([（(]\s*[0-9０-９]{{1,2}}\s*[）)]{spaces})|([0-9０-９]{{1,2}}\s*(?:[、．]|\.(?![0-9０-９])){spaces}))"
        rf"[^{_name_end_firsts()}]*"
    )


#: compiled on first use: the score lexicon is read then
_NAME_END = lazy_compile(_name_end_scan_pattern)
_HEAD_START = lazy_compile(_head_start_pattern)
_MARKER_LEVEL = (0, 1, 2, 4, 3)
_NAME_PUNCT_CHARS = frozenset(_NAME_PUNCT)


def heading_name(rest: str) -> str:
    """The name of a heading from the text after its marker: up to the first punctuation or
    score phrase ("预算编制，指标总分8，自评8分" → "预算编制")."""
    rest = rest.strip(_SPACE)
    m = _NAME_END.search(rest)
    name = rest[: m.start()] if m else rest
    return name.strip(_SPACE)[:40]


def _head(text: str) -> tuple[int, str, str, str] | None:
    """``(level, marker, rest, name)`` when ``text`` is an outline heading (see TextLine.head).

    :func:`heading_name` written out: this runs for every line that starts with a marker."""
    first = text[0]
    if first in FIRST_CHARS:  # a marker right at the start: parse_heading would find no decoration
        m = _HEAD_START.match(text)
        if m is None:
            return None
        group = m.lastindex
        start, run = m.end(group), m.end()  # type: ignore[arg-type]
        # the marker ends in 、.．） (no white space); the spaces after it end its group
        marker = text[:start] if text[start - 1] not in _SPACE else text[:start].rstrip(_SPACE)
        if text[-1] not in _TAIL_CHARS:  # nothing to trim at the end (most headings)
            rest = core = text[start:]
        else:
            rest = text[start:].rstrip("*_ ")
            core = rest.rstrip(_SPACE) if rest[-1:] in _SPACE else rest
        # core starts with no white space of _SPACE (the marker's group took it)
        if not core or core.isspace():
            return None
        run -= start
        if run >= len(core):  # no character a name end starts with
            name = core
        elif core[run] in _NAME_PUNCT_CHARS:  # the name ends at the first such character
            name = core[:run].rstrip(_SPACE)
        else:
            end = _NAME_END.search(core, run)
            name = core[: end.start()].rstrip(_SPACE) if end else core
        return _MARKER_LEVEL[group], marker, rest, name[:40] if len(name) > 40 else name  # type: ignore[index]
    if first not in _HEAD_FIRST and first not in _LEAD_CHARS:
        return None  # most lines start with a Chinese character that is no marker
    if first not in _HEAD_FIRST:
        first = text.lstrip(_LEAD_CHARS)[:1]
        if not first or first not in _HEAD_FIRST:
            return None
    parsed = parse_heading(text)
    if parsed is None:
        return None
    level, marker, _number, start = parsed
    rest = text[start:].rstrip("*_ ")
    # the text after a marker starts with no white space of _SPACE (parse_heading's decoration
    # pattern skips it): only its end may need trimming
    core = rest.rstrip(_SPACE) if rest[-1:] in _SPACE else rest
    if not core.strip():
        return None
    if core[0] in _SPACE:
        core = core.lstrip(_SPACE)
    m = _NAME_END.search(core)
    name = core[: m.start()].rstrip(_SPACE) if m else core
    return level, marker, rest, name[:40] if len(name) > 40 else name


#: what the end of a heading may need trimmed: "*_ " (Markdown emphasis) and then _SPACE
_TAIL_CHARS = frozenset("*_ \t\u3000")


def prepare(doc: Document) -> list[TextLine]:
    """The prose and table lines of ``doc`` (noise and blank lines dropped), each with its
    heading parse and the zone of its top-level section (one pass, shared by every extractor)."""
    out: list[TextLine] = []
    stack: list[tuple[int, str]] = []  # (level, zone) of the open headings
    zone = ""
    noise, blank, row = LineKind.NOISE, LineKind.BLANK, LineKind.ROW
    lines = doc.lines
    texts = [line.text for line in lines]
    # one normalisation of the whole text (it maps character to character, so the lines split
    # back exactly): a single scan instead of one per line; noise and blank lines are skipped below
    norms = normalize("\n".join(texts)).split("\n")
    if len(norms) != len(texts):  # a line holding "\n" itself: one by one
        norms = [normalize(t) for t in texts]
    append = out.append
    new, text_line = object.__new__, TextLine
    tails: list[int] = []  # lines that may end in a score word whose number opens the next line
    for line, text, norm in zip(lines, texts, norms, strict=True):
        kind = line.kind
        if kind is noise or kind is blank or not text.strip():
            continue
        if norm[-1] in _SPLIT_TAILS:
            tails.append(len(out))
        normalized = True
        if len(norm) != len(text):  # the contract says same length; stay safe if not
            norm, normalized = text, False
        is_row = kind is row
        head = None if is_row else _head(text)
        if head is not None:
            level = head[0]
            while stack and stack[-1][0] >= level:
                stack.pop()
            zone = stack[-1][1] if stack else ""
            if not zone:
                name = head[3]
                if ("结" in name or "总" in name) and _TOTAL_SECTION.search(name):  # _TOTAL_CHARS
                    zone = ZONE_TOTAL
                elif (
                    (not stack or level == 1)
                    and _RESTATE_SECTION.search(name)
                    and not _OWN_SCORE.search(norm)
                ):
                    zone = ZONE_RESTATE
            stack.append((level, zone))
        # TextLine(line, text, norm, line.no, is_row, head, zone, normalized), its slots set here:
        # a class call goes through type.__call__ and __init__'s argument binding, a third more
        # than the object itself (tests/test_prepare_fastpaths.py checks every field is set)
        tl = new(text_line)
        tl.line = line
        tl.text = text
        tl.norm = norm
        tl.no = line.no
        tl.is_row = is_row
        tl.head = head
        tl.zone = zone
        tl.normalized = normalized
        tl.end = 0
        tl._clauses = tl._segments = tl._quantities = None
        append(tl)
    if tails:  # "自评得分" / "90分": a score phrase a PDF's line break split (rare)
        n = len(out)
        at = [i for i in tails if i + 1 < n and out[i + 1].norm[0] in _SPLIT_HEADS]
        if at:
            from drafter.check.extract.splitscores import rejoin

            return rejoin(out, at)
    return out


#: the last character of a line that may end in a score word ("自评得分", "得分为", "综合得"), and
#: the first of a line that may go on with its number ("90分", "分92.5分"): see .splitscores
_SPLIT_TAILS = frozenset("分为是:得总评")
_SPLIT_HEADS = frozenset("0123456789分")


#: where clauses and segments end (one character each)
#: clause ends; a half-width comma between a digit and three more is a thousands separator
#: ("12,480,600.00元"), as number reading takes it, not the end of a clause. Written as one class
#: and a condition after it: a pattern that starts with a class is scanned for in C, where the
#: alternation "[…]|(?<!\d),|,(?!…)" was tried at every character
_CLAUSE_END = re.compile(r"[，；;。！!？?,](?:(?<!,)|(?<!\d,)|(?!\d{3}(?!\d)))")
_SEGMENT_END = re.compile(r"[；;。！!？?]")


#: a half-width comma that is a thousands separator: its literal start lets sre skip ahead to each
#: comma (a line without one is then read by str methods, not by _CLAUSE_END)
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3}(?!\d))")


def clause_spans(
    text: str, start: int = 0, end: int | None = None, *, segments: bool = False
) -> list[tuple[int, int]]:
    """Spans of the clauses of ``text[start:end]`` (split at ，；。！？), white space trimmed;
    with ``segments=True`` split only at ；。！？ (a topic carries over the clauses of a segment).

    Every extractor asks for the clauses of most lines, so no regex scans the text (the end
    pattern costs some 150 instructions a character): each end character is replaced by one of
    them and the text split at that one (str methods, about 90 a character for all of them); the
    pattern splits only a text with a thousands separator, which is no end. A text with no white
    space (most) needs no trimming: the spans are the pieces' lengths."""
    if end is None:
        end = len(text)
    part = text if start == 0 and end == len(text) else text[start:end]
    if segments:
        pieces = (
            part.replace("；", "。")
            .replace(";", "。")
            .replace("！", "。")
            .replace("!", "。")
            .replace("？", "。")
            .replace("?", "。")
            .split("。")
        )
    elif "," in part and _THOUSANDS.search(part) is not None:
        pieces = _CLAUSE_END.split(part)
    else:
        pieces = (
            part.replace("，", ",")
            .replace("；", ",")
            .replace(";", ",")
            .replace("。", ",")
            .replace("！", ",")
            .replace("!", ",")
            .replace("？", ",")
            .replace("?", ",")
            .split(",")
        )
    if " " not in part and part.isprintable():
        # no white space to trim (every white space character but " " is unprintable): empty
        # pieces (two ends in a row, an end at the end) dropped, the rest taken whole
        out: list[tuple[int, int]] = []
        append = out.append
        pos = start
        for piece in pieces:
            n = len(piece)
            if n:
                append((pos, pos + n))
            pos += n + 1
        return out
    return _spans(pieces, start)


def _spans(pieces: list[str], start: int) -> list[tuple[int, int]]:
    """The spans of ``pieces`` (a text split at one-character ends), white space trimmed, empty
    ones dropped."""
    out: list[tuple[int, int]] = []
    append = out.append
    pos = start
    for piece in pieces:
        n = len(piece)
        core = piece.strip()  # the white space of str.isspace, as regex \s has it
        if core is piece:  # nothing to trim (str.strip gives the string itself)
            if n:
                append((pos, pos + n))
        elif core:
            a = pos + n - len(piece.lstrip())
            append((a, a + len(core)))
        pos += n + 1
    return out


def source_of(tl: TextLine, start: int = 0, end: int | None = None) -> Source:
    """A Source quoting ``tl.text[start:end]`` verbatim (the whole line by default)."""
    text = tl.text
    if end is None:
        end = len(text)
    while start < end and text[start] in _SPACE:
        start += 1
    quote = text[start:end]
    if quote and quote[-1] in _SPACE:
        quote = quote.rstrip(_SPACE)
    line = tl.line
    # a quote that runs into the second of two lines read as one ends on that line
    last = tl.end if tl.end and end > len(line.offsets or line.raw) else tl.no
    return Source(tl.no, last, line.col(start) if line.offsets else start + 1, quote)


def enclosing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span of ``spans`` that contains ``pos``."""
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return None
