"""A report as read from disk: numbered lines, the common input of every check.

Every reader (.txt/.md, .docx, later .pdf) produces a :class:`Document`. Line numbers follow the
CLI contract: for text files the line as read; for .docx every body paragraph and every table row
counts as one line, in document order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from drafter.frozen import fast_init

__all__ = ["Document", "Line", "LineKind"]


class LineKind(str, Enum):
    TEXT = "text"  # a paragraph of prose or a heading
    ROW = "row"  # a table row (docx row, or a flattened row of several cells)
    NOISE = "noise"  # page furniture: navigation, accessibility menus, publication metadata
    BLANK = "blank"


@dataclass(slots=True, unsafe_hash=True)
class Line:
    """One line of a report.

    ``raw`` is exactly what was read. ``text`` is ``raw`` with export artefacts removed
    (``[bookmark: _Toc…]``, surrounding white space) but every other character kept, so it is
    what findings quote. ``offsets[i]`` is the 0-based column in ``raw`` of ``text[i]`` (so a
    finding can point back into the original line).

    Immutable by contract, not ``frozen``: a report builds one per line, and a frozen dataclass's
    ``__init__`` costs twice as much (see :mod:`drafter.check.facts`; ``tests/test_records.py``).
    """

    no: int
    raw: str
    text: str
    kind: LineKind = LineKind.TEXT
    cells: tuple[str, ...] = ()
    offsets: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def col(self, index: int) -> int:
        """1-based column in ``raw`` of position ``index`` of ``text``."""
        if not self.offsets:
            return index + 1
        if index >= len(self.offsets):
            return (self.offsets[-1] + 2) if self.offsets else 1
        return self.offsets[index] + 1


@fast_init
@dataclass(frozen=True, slots=True)
class Document:
    """A report's lines plus where they came from."""

    path: str
    lines: tuple[Line, ...]
    fmt: str = "txt"  # txt | md | docx | pdf | xlsx
    #: for a workbook: per line, the cell reference of each of its cells ("Sheet1!G22"), so findings
    #: can name the cell and the row as Excel numbers it; empty for every other format
    cell_refs: tuple[tuple[str, ...], ...] = ()

    def line(self, no: int) -> Line:
        return self.lines[no - 1]
