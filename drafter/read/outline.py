"""The heading outline of a report, from its heading markers.

Chinese official documents number headings by level: ``一、`` (1), ``（一）`` (2), ``1.`` / ``1、`` /
``1．`` (3), ``（1）`` (4), in full-width or half-width forms; Markdown ``#`` headings count too
(``## （一）…`` takes the level of its marker, a bare ``## 标题`` the number of ``#``).

A heading line is often also a sentence: ``（1）预算编制合理性。…自评得4分。`` is a level-4 heading
*and* the body that scores it. :class:`Heading` keeps both: ``title`` (after the marker, up to the
first ``。，：；``) and ``body`` (the rest of the line), and ``text`` (the whole line).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from drafter.document import Document, LineKind
from drafter.text.headings import FIRST_CHARS, parse_marker
from drafter.text.lazyre import lazy_compile

__all__ = ["Heading", "build_outline", "children", "parse_heading", "section_of"]

# Decoration that may stand before a marker: Markdown #, bold **, list dashes, indentation.
_LEAD = lazy_compile(r"[\s\u3000]*(?P<hashes>#{1,6})?[\s\u3000]*(?:\*\*|__)?[\s\u3000]*")
_TITLE_END = lazy_compile(r"[。，,：:；;]")
_FIRST_CHARS = FIRST_CHARS | frozenset("#*_")


@dataclass(frozen=True, slots=True)
class Heading:
    """One heading: its level (1 = 一、, 2 = （一）, 3 = 1., 4 = （1）), the marker as written,
    the marker's number, the title, the line it stands on and the last line of its section.

    ``title_start`` is the index of the title in ``text`` (the line's ``Line.text``), so a finding
    can point at it. ``parents`` are the enclosing headings, outermost first.
    """

    level: int
    marker: str
    number: int
    title: str
    line: int
    text: str
    body: str = ""
    title_start: int = 0
    end_line: int = 0
    parents: tuple[Heading, ...] = field(default=(), repr=False, compare=False)

    @property
    def path(self) -> tuple[Heading, ...]:
        """Enclosing headings and this one, outermost first."""
        return (*self.parents, self)


def parse_heading(text: str) -> tuple[int, str, int, int] | None:
    """``(level, marker, number, title_start)`` when ``text`` starts with a heading marker."""
    if not text or (text[0] not in _FIRST_CHARS and not text[0].isspace()):
        return None  # fast path: most lines start with a Chinese character that is no marker
    lead = _LEAD.match(text)
    pos = lead.end() if lead else 0
    hashes = lead.group("hashes") if lead else None
    parsed = parse_marker(text, pos)
    if parsed is None:
        if hashes and pos < len(text):
            return len(hashes), hashes, 0, pos
        return None
    return parsed


def build_outline(doc: Document) -> list[Heading]:
    """The headings of ``doc`` in order, each with its parents and the last line of its section.

    Only prose lines (TEXT) can be headings: table rows, noise and blank lines never are.
    """
    found: list[tuple[int, str, int, int, int, str]] = []
    for line in doc.lines:
        if line.kind is not LineKind.TEXT:
            continue
        text = line.text
        parsed = parse_heading(text)
        if parsed is None:
            continue
        level, marker, number, start = parsed
        if start >= len(text) and level > 0 and not marker.startswith("#"):
            continue  # a bare "1." with nothing after it is not a heading
        found.append((level, marker, number, start, line.no, text))
    last_line = doc.lines[-1].no if doc.lines else 0
    headings: list[Heading] = []
    stack: list[Heading] = []
    for level, marker, number, start, no, text in found:
        while stack and stack[-1].level >= level:
            stack.pop()
        rest = text[start:].rstrip("*_ ")
        cut = _TITLE_END.search(rest)
        title = (rest[: cut.start()] if cut else rest).strip()
        body = rest[cut.end() :].strip() if cut else ""
        heading = Heading(level, marker, number, title, no, text, body, start, 0, tuple(stack))
        headings.append(heading)
        stack.append(heading)
    # the section of a heading runs until the next heading of the same or a higher level
    ends: list[int] = []
    for i, h in enumerate(headings):
        end = last_line
        for nxt in headings[i + 1 :]:
            if nxt.level <= h.level:
                end = nxt.line - 1
                break
        ends.append(end)
    by_identity: dict[int, Heading] = {}
    result: list[Heading] = []
    for h, end in zip(headings, ends, strict=True):
        parents = tuple(by_identity[id(p)] for p in h.parents)
        fixed = Heading(
            h.level, h.marker, h.number, h.title, h.line, h.text, h.body, h.title_start, end, parents
        )
        by_identity[id(h)] = fixed
        result.append(fixed)
    return result


def section_of(outline: list[Heading], line_no: int) -> tuple[Heading, ...]:
    """The heading path in effect at ``line_no`` (outermost first; ``()`` before the first heading)."""
    lines = [h.line for h in outline]
    i = bisect.bisect_right(lines, line_no) - 1
    if i < 0:
        return ()
    return outline[i].path


def children(outline: list[Heading], heading: Heading) -> list[Heading]:
    """The headings directly under ``heading``."""
    return [h for h in outline if h.parents and h.parents[-1] == heading]
