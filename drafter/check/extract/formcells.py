"""Form cells: a label and its value in the cell after it — the summary block of a 自评表 or of an
evaluation report ("自评分值 | 100 | 自评等级 | 优"), kept as a row's cells or flattened one cell
per line by a web page ("自评分值 |" / "100 |" / "自评等级 |" / "优 |").

The labels are data (``schemas/lexicon/scores.yaml``: ``form_total`` for the self total, the
grade cues for the grade); a label only counts as a whole cell, so "自评得分" in a sentence or a
header row with other columns is not one. A grade read here carries the total read just before
it in the same block (``GradeStatement.score``), as the form pairs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import pairwise

from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract.scores import LEXICON
from drafter.check.facts import GradeStatement, Source, StatedTotal
from drafter.text.numbers import parse_decimal

__all__ = ["FormCells", "extract_form_cells"]

_STRIP = " \t\u3000|｜:："
#: a label cell is short: the longest label, with room for decoration
_LABEL_MAX = 10
#: a grade read this many lines after a total is paired with it (the same summary block)
_PAIR_LINES = 6


@dataclass(frozen=True, slots=True)
class FormCells:
    total: StatedTotal | None = None
    grades: tuple[GradeStatement, ...] = ()


@cache
def _labels() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    totals = frozenset(e.word for e in LEXICON.form_total)
    cues = frozenset(e.word for e in LEXICON.grade_cue)
    return totals, cues, LEXICON.grade_map()


def _key(text: str) -> str:
    return text.strip(_STRIP)


def _value(text: str) -> Decimal | None:
    key = _key(text)
    if key.endswith("分"):
        key = key[:-1].rstrip()
    value = parse_decimal(key) if key else None
    return value if value is not None and value >= 0 else None


def extract_form_cells(lines: list[TextLine]) -> FormCells:
    """The self total and the grades a form states as label and value cells (none in most reports:
    a line is looked at only when it is as short as a label, or a row with a label cell)."""
    totals, cues, canon = _labels()
    total: StatedTotal | None = None
    total_at = -_PAIR_LINES - 1
    grades: list[GradeStatement] = []
    n = len(lines)
    for i, tl in enumerate(lines):
        text = tl.text
        if tl.is_row:
            cells = tl.line.cells
            if not any(_key(c) in totals or _key(c) in cues for c in cells):
                continue
            pairs = [(_key(a), b, tl, tl) for a, b in pairwise(cells)]
        elif len(text) <= _LABEL_MAX + 4 and i + 1 < n and _one_cell(lines[i + 1]):
            key = _key(text)
            if key not in totals and key not in cues:
                continue
            pairs = [(key, lines[i + 1].text, tl, lines[i + 1])]
        else:
            continue
        for label, cell, at, value_at in pairs:
            if label in totals and total is None:
                value = _value(cell)
                if value is not None and _alone(lines, i, value_at):
                    total = StatedTotal(value, _span(at, value_at))
                    total_at = i
            elif label in cues:
                grade = canon.get(_key(cell))
                if grade is not None:
                    paired = total.value if total is not None and i - total_at <= _PAIR_LINES else None
                    grades.append(GradeStatement(grade, _span(at, value_at), score=paired))
    return FormCells(total, tuple(grades))


def _one_cell(tl: TextLine) -> bool:
    """A line that holds one cell: prose, or a row whose other cells are empty ("优 | |||")."""
    return not tl.is_row or sum(1 for c in tl.line.cells if c.strip()) == 1


def _alone(lines: list[TextLine], i: int, value_at: TextLine) -> bool:
    """A value cell on its own line is a form's value when the cell after it is no number too (a
    column of numbers under a header cell is a table, read elsewhere)."""
    if value_at is lines[i]:
        return True
    after = lines[i + 2].text if i + 2 < len(lines) else ""
    return _value(after) is None


def _span(at: TextLine, value_at: TextLine) -> Source:
    src = source_of(at)
    if value_at is at:
        return src
    # the label's line, quoted verbatim, through the line of its value
    return Source(src.line, value_at.no, src.col, src.quote)
