"""A 自评表 workbook as a :class:`~drafter.document.Document`, so the checker can check the table itself.

Each sheet becomes its rows flattened the way reports copied from web pages are (cells joined by
" | "), read through :func:`drafter.read.document_from_text` so that row detection and cell
splitting are exactly the checker's. A merged cell keeps its value in its first column of each
row (a 一级指标 merged down its rows names each row; a 总分 label merged across columns is one
cell, not five). Each sheet starts with a line naming it.
"""

from __future__ import annotations

from pathlib import Path

from drafter.document import Document
from drafter.errors import DrafterError
from drafter.office._grid import Grid, read_grid
from drafter.office._xlsx_tables import _score_header

__all__ = ["workbook_document", "workbook_text"]

SHEET_LINE = "【工作表：{name}】"


def _row_cells(grid: Grid, r: int) -> list[str]:
    cells = []
    for c, value in enumerate(grid.rows[r]):
        origin = grid.merged_origin.get((r, c))
        if origin is not None and origin[1] != c:
            value = ""  # the continuation of a merge across columns
        cells.append(value.replace("|", "｜"))
    while cells and not cells[-1]:
        cells.pop()
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


def workbook_text(path: str | Path) -> str:
    """The workbook's visible sheets as text: a sheet line, then one line per row (cells by " | ")."""
    from drafter.office.xlsx import _open

    source = Path(path)
    try:
        wb = _open(source)
    except DrafterError:
        raise
    lines: list[str] = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        grid = read_grid(ws)
        if not grid.rows:
            continue
        lines.append(SHEET_LINE.format(name=ws.title))
        name_cols: list[int] = []
        above: list[str] = []
        for r in range(len(grid.rows)):
            cells = _row_cells(grid, r)
            header = _score_header(grid, r)
            if header is not None:
                name_cols = [c for c, _ in header.names]
                above = []
            elif name_cols and any(cells):
                cells = _same_as_above(cells, name_cols, above)
                above = cells
            filled = [c for c in cells if c]
            lines.append(" | ".join(cells) if len(filled) > 1 else (filled[0] if filled else ""))
    return "\n".join(lines) + "\n"


def workbook_document(path: str | Path) -> Document:
    """The workbook as numbered lines (table rows as ROW lines), ready for ``check_document``."""
    from drafter.read import document_from_text

    return document_from_text(workbook_text(path), path=str(path), fmt="xlsx")
