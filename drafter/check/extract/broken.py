"""Bar-separated tables whose rows are broken across lines where a cell held a line break: what
copying some web pages' 评分表 gives ("序号 | 一级 指标 |" / "二级 指标 |" / "三级 指标 |" / "指标分值 | 指标解释 |
指标说明及评分标准 | 自评得分 |", then "1 | 规划 (15分) |" / "基础信息 (3分) | 基础信息 完整性 | 3 | … |" / "3 |").

Each line ends with a bar, so the table is a stream of cells. :func:`broken_rows` joins the lines of the
header (short cells of header words, spaces inside the words dropped: "一级 指标") until they name the
level, 分值 and 得分 columns, then cuts the cells that follow into rows of the header's width. A page
pads a row whose leading names were merged into the rows above with empty cells at its end ("3 | 年度工作
计划明确性 | 3 | … | 3 | ||"): those cells are taken back to the place of the merged names (after a
序号 column). A row is kept only when its 分值 and 得分 cells are numbers or empty and its own name is words;
a row cut by the end of the table (its last line not closed by a bar) is dropped. The rows are written
back as row lines, numbered as the line of their first cell, for
:func:`drafter.check.extract.tables.extract_tables`.
"""

from __future__ import annotations

from drafter.check.extract._common import TextLine
from drafter.check.extract.headers import header_words, read_header
from drafter.check.extract.stacked import row_line
from drafter.text.lazyre import lazy_compile
from drafter.text.numbers import parse_decimal

__all__ = ["broken_rows", "is_candidate"]

#: a header cell is short
_HEADER_CELL = 16
#: a name cell holds words
_NAME = lazy_compile(r"[\u4e00-\u9fff]{2}")
_EMPTY = frozenset(("", "/", "—", "-", "／", "——"))
#: at most this many header lines are joined
_HEADER_LINES = 6


def is_candidate(lines: list[TextLine]) -> bool:
    """Whether some row line closed by a bar is followed by a lone cell closed by one: a row broken
    across lines (the cheap gate; none in most reports)."""
    prev = False
    for tl in lines:
        if tl.is_row:
            prev = tl.text.endswith("|")
        elif prev:
            if tl.text.endswith("|"):
                return True
            prev = False
    return False


def _cells(tl: TextLine) -> list[str]:
    """The cells of a line closed by a bar (the last, empty one after the bar dropped)."""
    return [c.strip() for c in tl.text.split("|")[:-1]]


def _header_line(cells: list[str]) -> bool:
    """Cells that may be (part of) a header: all short and filled ("序号", "指标解释" among them), one
    at least a header word ("一级 指标", "自评得分")."""
    words = [c.replace(" ", "").replace("\u3000", "") for c in cells]
    if not words or not all(0 < len(w) <= _HEADER_CELL for w in words):
        return False
    return any(header_words().any.search(w) is not None for w in words)


def broken_rows(lines: list[TextLine]) -> list[TextLine]:
    """Row lines rebuilt from the broken bar-separated score tables of ``lines``."""
    out: list[TextLine] = []
    i, n = 0, len(lines)
    while i < n:
        tl = lines[i]
        if not (tl.is_row and tl.text.endswith("|")):
            i += 1
            continue
        cells = _cells(tl)
        if not _header_line(cells):
            i += 1
            continue
        header = [c.replace(" ", "").replace("\u3000", "") for c in cells]
        end = i + 1
        found = read_header(tuple(header))
        while end < n and end - i < _HEADER_LINES and lines[end].text.endswith("|") and not _complete(found):
            more = _cells(lines[end])
            if not _header_line(more):
                break
            header += [c.replace(" ", "").replace("\u3000", "") for c in more]
            found = read_header(tuple(header))
            end += 1
        if end == i + 1 or found is None or not _complete(found):
            i += 1
            continue
        rows, i = _rows(lines, end, len(header), found[1])
        if len(rows) >= 2:
            out.append(row_line(tl, tuple(header)))
            out.extend(rows)
    return out


def _complete(found: tuple[str, dict[str, int | None]] | None) -> bool:
    if found is None or found[0] != "indicators":
        return False
    cols = found[1]
    return cols.get("max") is not None and cols.get("score") is not None and cols.get("l1") is not None


def _rows(
    lines: list[TextLine], at: int, width: int, cols: dict[str, int | None]
) -> tuple[list[TextLine], int]:
    """Rows of ``width`` cells from line ``at`` on, while its lines are closed by bars."""
    out: list[TextLine] = []
    n = len(lines)
    while at < n and lines[at].text.endswith("|"):
        first = at
        cells: list[str] = []
        while at < n and lines[at].text.endswith("|") and len(cells) < width:
            cells += _cells(lines[at])
            at += 1
        if len(cells) != width:
            break  # cut by the end of the table, or cells that do not make rows of the header
        row = _fit(cells, cols)
        if row is None:
            break
        out.append(row_line(lines[first], row))
    return out, at


def _fit(cells: list[str], cols: dict[str, int | None]) -> tuple[str, ...] | None:
    """``cells`` as the header's columns: the empty cells padding the row's end moved to the place of
    its merged names (from the first level column on); None when no such reading fits."""
    first = min(k for k in (cols.get("l1"), cols.get("l2"), cols.get("l3")) if k is not None)
    pad = 0
    while pad < len(cells) and cells[len(cells) - 1 - pad] == "":
        pad += 1
    for lost in range(pad, -1, -1):
        kept = cells[: len(cells) - lost]
        row = kept[:first] + [""] * lost + kept[first:]
        if _fits(row, cols):
            return tuple(row)
    return None


def _fits(row: list[str], cols: dict[str, int | None]) -> bool:
    levels = [k for k in (cols.get("l1"), cols.get("l2"), cols.get("l3")) if k is not None]
    last = max(levels)
    if not row[last] or any(row[k] and _NAME.search(row[k]) is None for k in levels):
        return False
    values = [row[k] for k in (cols.get("max"), cols.get("score")) if k is not None]
    if all(v in _EMPTY for v in values):
        return False
    return all(v in _EMPTY or ("%" not in v and parse_decimal(v) is not None) for v in values)
