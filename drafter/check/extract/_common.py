"""Shared helpers of the extractors: prepared lines, clause spans, sources."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.check.facts import Source
from drafter.document import Document, Line, LineKind
from drafter.text.numbers import normalize

__all__ = [
    "CLAUSE_SEP",
    "SEGMENT_SEP",
    "TextLine",
    "clause_spans",
    "prepare",
    "source_of",
]

CLAUSE_SEP = re.compile(r"[，,；;。！!？?]")
SEGMENT_SEP = re.compile(r"[；;。！!？?]")
_SPACE = " \t\u3000"


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line worth reading: ``text`` is ``Line.text`` (what findings quote), ``norm`` its
    normalised twin of the same length (ASCII digits and punctuation), on which regexes run."""

    line: Line
    text: str
    norm: str

    @property
    def no(self) -> int:
        return self.line.no

    @property
    def is_row(self) -> bool:
        return self.line.kind is LineKind.ROW


def prepare(doc: Document) -> list[TextLine]:
    """The prose and table lines of ``doc`` (noise and blank lines dropped)."""
    out: list[TextLine] = []
    for line in doc.lines:
        if line.kind is LineKind.NOISE or line.kind is LineKind.BLANK or not line.text.strip():
            continue
        norm = normalize(line.text)
        if len(norm) != len(line.text):  # the contract says same length; stay safe if not
            norm = line.text
        out.append(TextLine(line, line.text, norm))
    return out


def clause_spans(text: str, start: int = 0, end: int | None = None, sep: re.Pattern[str] = CLAUSE_SEP) -> list[tuple[int, int]]:
    """Spans of the clauses of ``text[start:end]`` split at ``sep``, white space trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in sep.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for a, b in spans:
        while a < b and text[a] in _SPACE:
            a += 1
        while b > a and text[b - 1] in _SPACE:
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def source_of(tl: TextLine, start: int = 0, end: int | None = None) -> Source:
    """A Source quoting ``tl.text[start:end]`` verbatim (the whole line by default)."""
    end = len(tl.text) if end is None else end
    quote = tl.text[start:end].strip(_SPACE)
    return Source(line=tl.no, end_line=tl.no, col=tl.line.col(start), quote=quote)


def enclosing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span of ``spans`` that contains ``pos``."""
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return None
