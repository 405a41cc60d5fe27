"""Shared helpers of the extractors: prepared lines, clause spans, sources."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.check.facts import Source
from drafter.document import Document, Line, LineKind
from drafter.text.numbers import normalize

__all__ = [
    "TextLine",
    "clause_spans",
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
    _clauses: list[tuple[int, int]] | None = None
    _segments: list[tuple[int, int]] | None = None

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

    def clause_at(self, pos: int) -> tuple[int, int]:
        """The clause that holds ``pos`` (the whole line if none does)."""
        for a, b in self.clauses:
            if a <= pos < b:
                return a, b
        return 0, len(self.text)



def prepare(doc: Document) -> list[TextLine]:
    """The prose and table lines of ``doc`` (noise and blank lines dropped)."""
    out: list[TextLine] = []
    for line in doc.lines:
        if line.kind is LineKind.NOISE or line.kind is LineKind.BLANK or not line.text.strip():
            continue
        norm = normalize(line.text)
        if len(norm) != len(line.text):  # the contract says same length; stay safe if not
            norm = line.text
        out.append(TextLine(line, line.text, norm, line.no, line.kind is LineKind.ROW))
    return out


_CLAUSE = re.compile(r"[^\s\u3000，,；;。！!？?](?:[^，,；;。！!？?]*[^\s\u3000，,；;。！!？?])?")
_SEGMENT = re.compile(r"[^\s\u3000；;。！!？?](?:[^；;。！!？?]*[^\s\u3000；;。！!？?])?")


def clause_spans(text: str, start: int = 0, end: int | None = None, *, segments: bool = False) -> list[tuple[int, int]]:
    """Spans of the clauses of ``text[start:end]`` (split at ，；。！？), white space trimmed;
    with ``segments=True`` split only at ；。！？ (a topic carries over the clauses of a segment)."""
    rx = _SEGMENT if segments else _CLAUSE
    return [m.span() for m in rx.finditer(text, start, len(text) if end is None else end)]


def source_of(tl: TextLine, start: int = 0, end: int | None = None) -> Source:
    """A Source quoting ``tl.text[start:end]`` verbatim (the whole line by default)."""
    text = tl.text
    if end is None:
        end = len(text)
    while start < end and text[start] in _SPACE:
        start += 1
    quote = text[start:end].rstrip(_SPACE)
    return Source(tl.no, tl.no, tl.line.col(start), quote)


def enclosing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span of ``spans`` that contains ``pos``."""
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return None
