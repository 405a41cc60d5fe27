"""A 自评表 workbook as a :class:`~drafter.document.Document`, so the checker can check the table itself.

Each sheet becomes a line naming it, then one line per row: a row of two or more filled cells is
a table row with its cells, the shape a .docx table row has (so the checker's table reader takes
both alike); a row with one filled cell is text. A merged cell keeps its value in its first column
of each row (a 一级指标 merged down its rows names each row; a 总分 label merged across columns is
one cell, not five). Every line knows the cells it came from, so findings name the cell
("Sheet1!G22") and the row as Excel numbers it (:func:`locate_findings`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from drafter.document import Document, Line, LineKind
from drafter.findings import Finding
from drafter.read.lines import make_line
from drafter.read.xlsx_grid import Grid, col_letter, open_workbook, read_grid
from drafter.read.xlsx_tables import score_header

__all__ = ["SHEET_LINE", "line_of_cell", "locate_findings", "workbook_document"]

SHEET_LINE = "【工作表：{name}】"


def _row_cells(grid: Grid, r: int) -> list[str]:
    cells = []
    for c, value in enumerate(grid.rows[r]):
        origin = grid.merged_origin.get((r, c))
        if origin is not None and origin[1] != c:
            value = ""  # the continuation of a merge across columns
        cells.append(value.replace("|", "｜"))
    return cells


def _same_as_above(cells: list[str], name_cols: list[int], above: list[str]) -> list[str]:
    """Fill blank 一级/二级 cells of an indicator row from the row above ("同上" left blank)."""
    cells = cells + [""] * (max(name_cols) + 1 - len(cells))
    named = [c for c in name_cols if cells[c]]
    if not named or not above:
        return cells
    deepest = max(named)
    for c in name_cols:
        if c >= deepest:
            break
        if not cells[c] and c < len(above):
            cells[c] = above[c]
    return cells


def _sheet_ref(name: str) -> str:
    """A sheet name as Excel writes it in a reference: quoted when it holds spaces or symbols."""
    if all(ch.isalnum() or ch == "_" for ch in name):
        return name
    return "'" + name.replace("'", "''") + "'"


def workbook_document(path: str | Path) -> Document:
    """The workbook's visible sheets as numbered lines, ready for ``check_document``: a line naming
    each sheet, then one line per row. A row of two or more filled cells is a ROW line with its
    cells (merges resolved, blank "same as above" names filled), as a .docx table's rows are; a row
    with one filled cell (a title, a note) is text: its only cell. ``cell_refs`` tells where each
    line's cells stand ("Sheet1!G22")."""
    wb = open_workbook(Path(path))
    lines: list[Line] = []
    refs: list[tuple[str, ...]] = []

    def add(text: str, cells: list[str] | None, cell_refs: tuple[str, ...]) -> None:
        no = len(lines) + 1
        lines.append(make_line(no, text) if cells is None else make_line(no, text, cells=cells))
        refs.append(cell_refs)

    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        grid = read_grid(ws)
        if not grid.rows:
            continue
        add(SHEET_LINE.format(name=ws.title), None, ())
        sheet = _sheet_ref(ws.title)
        name_cols: list[int] = []
        above: list[str] = []
        for r in range(len(grid.rows)):
            cells = _row_cells(grid, r)
            header = score_header(grid, r)
            if header is not None:
                name_cols = [c for c, _ in header.names]
                above = []
            elif name_cols and any(cells):
                cells = _same_as_above(cells, name_cols, above)
                above = cells
            while cells and not cells[-1]:
                cells.pop()
            filled = [c for c, v in enumerate(cells) if v]
            if len(filled) > 1:
                add(
                    " | ".join(cells),
                    cells,
                    tuple(f"{sheet}!{col_letter(c)}{r + 1}" for c in range(len(cells))),
                )
            elif filled:
                c = filled[0]
                add(cells[c], None, (f"{sheet}!{col_letter(c)}{r + 1}",))
            else:
                add("", None, (f"{sheet}!A{r + 1}",))
    while lines and lines[-1].kind is LineKind.BLANK:
        lines.pop()
        refs.pop()
    return Document(path=str(path), lines=tuple(lines), fmt="xlsx", cell_refs=tuple(refs))


_LEADING_NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)")  # "98 分；各项：…" → 98
_UNITS = re.compile(r"\s*(?:分|%|％|万元|元|万)$")


def _cell_at(line: Line, refs: tuple[str, ...], col: int | None, found: str | None) -> str:
    """The reference of the cell a finding points at: the cell its 1-based column of the line's
    raw text falls in, else the cell holding what it found ("90%" → the 执行率 cell), else the
    row's first filled cell."""
    if not line.cells:
        return refs[0]
    lead = _LEADING_NUMBER.match(found or "")
    for want in (_UNITS.sub("", found.strip()) if found else "", lead.group(1) if lead else ""):
        for i, cell in enumerate(line.cells):
            if want and i < len(refs) and _UNITS.sub("", cell.strip()) == want:
                return refs[i]
    if col is None or col <= 1:
        first = next((i for i, cell in enumerate(line.cells) if cell), 0)
        return refs[min(first, len(refs) - 1)]
    pos = 0
    for i, cell in enumerate(line.cells):
        pos += len(cell) + len(" | ")
        if col <= pos and i < len(refs):
            return refs[i]
    return refs[-1]


def _row_of(ref: str) -> int:
    return int(ref[len(ref.rstrip("0123456789")) :])


def line_of_cell(doc: Document, ref: str) -> int | None:
    """The document line holding the cell ``ref`` ("Sheet1!G7"), the inverse of :func:`locate_findings`."""
    for no, refs in enumerate(doc.cell_refs, start=1):
        if ref in refs:
            return no
    return None


def locate_findings(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    """Findings on a workbook's lines, renumbered as Excel numbers its rows and naming the cell
    (``path="Sheet1!G22"``); a finding on a sheet's name line or on no line is kept as it is."""
    out: list[Finding] = []
    for f in findings:
        if f.line is None or not 1 <= f.line <= len(doc.cell_refs) or not doc.cell_refs[f.line - 1]:
            out.append(f)
            continue
        refs = doc.cell_refs[f.line - 1]
        ref = _cell_at(doc.line(f.line), refs, f.col, f.found)
        end = f.end_line
        if end is not None and 1 <= end <= len(doc.cell_refs) and doc.cell_refs[end - 1]:
            end_ref = doc.cell_refs[end - 1][0]
            same_sheet = end_ref.rsplit("!", 1)[0] == ref.rsplit("!", 1)[0]
            end = _row_of(end_ref) if same_sheet else None
        elif end is not None:
            end = None
        out.append(f.model_copy(update={"line": _row_of(ref), "end_line": end, "col": None, "path": ref}))
    return out
