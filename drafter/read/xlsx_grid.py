"""A worksheet as a grid of display strings, with merged cells filled in.

Real 自评表 workbooks merge the 一级指标 cell down its rows, spread headers over two lines, keep
numbers as text ("８分", "1,318.20") and format rates as percentages. Reading every sheet into
the same plain grid first keeps the table logic simple.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError
from drafter.fileio import read_bytes
from drafter.read.guards import check_package, check_sheets

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["Grid", "cell_decimal", "clean", "col_letter", "open_workbook", "read_grid"]

_SPACES = re.compile(r"\s+")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")
_FIXED_PLACES = re.compile(r"0\.(0+)")
_EMPTY_MARKS = {"", "-", "—", "--", "——", "/", "／", "无", "空", "不适用", "n/a", "N/A"}


def clean(text: str) -> str:
    """One line of text: inner line breaks and runs of spaces collapsed."""
    return _SPACES.sub(" ", text.replace("\u3000", " ")).strip()


def col_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _display(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        number = Decimal(str(value))
        if "%" in (number_format or ""):
            number *= 100
            text = format(number.normalize(), "f")
            return f"{text}%"
        if isinstance(value, float):
            number = number.quantize(Decimal("0.000001")).normalize()
        places = _FIXED_PLACES.search(number_format or "")
        if places and number == number.quantize(Decimal(1).scaleb(-len(places.group(1)))):
            # a cell shown as "13.00" keeps the precision it is shown with
            number = number.quantize(Decimal(1).scaleb(-len(places.group(1))))
        return format(number, "f")
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    return clean(str(value))


@dataclass
class Grid:
    """Display strings by (row, column), 0-based, with merged ranges' value in each of their cells."""

    sheet: str
    rows: list[list[str]]
    # (row, col) of a cell covered by a merged range -> (row, col) of the range's top-left cell
    merged_origin: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    def same_merge(self, r: int, c1: int, c2: int) -> bool:
        """Whether two cells of row ``r`` belong to one merged range."""
        o1 = self.merged_origin.get((r, c1))
        return o1 is not None and o1 == self.merged_origin.get((r, c2))

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int) -> str:
        row = self.rows[r]
        return row[c] if c < len(row) else ""

    def where(self, r: int, c: int | None = None) -> str:
        """A cell's address for messages: 工作表“X”第 5 行 C 列."""
        col = f" {col_letter(c)} 列" if c is not None else ""
        return f"工作表“{self.sheet}”第 {r + 1} 行{col}"


def open_workbook(path: Path) -> Workbook:
    """Open a workbook for reading (cached values, not formulas); refuse hostile or broken files
    with one clear :class:`DrafterError` naming the file. openpyxl is imported here, when needed."""
    from openpyxl import load_workbook

    data = read_bytes(path)
    check_package(data, str(path), "xlsx")
    check_sheets(data, str(path))
    try:
        return load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many types for broken parts
        raise DrafterError(
            f"文件已损坏，无法作为 Excel 工作簿打开（{type(exc).__name__}）；请用 Excel/WPS 打开后另存为 .xlsx 再试。",
            path=str(path),
        ) from exc


def read_grid(ws: Worksheet) -> Grid:
    """Read an openpyxl worksheet into a :class:`Grid`."""
    rows: list[list[str]] = []
    for row in ws.iter_rows(min_row=1, min_col=1):  # index 0 is row 1 / column A, as Excel counts
        rows.append([_display(cell.value, getattr(cell, "number_format", "") or "") for cell in row])
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in ws.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(rows) else ""
        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            row = rows[r]
            while len(row) < merged.max_col:
                row.append("")
            for c in range(merged.min_col - 1, merged.max_col):
                row[c] = top
                origin[(r, c)] = (merged.min_row - 1, merged.min_col - 1)
    # Trailing empty cells and rows carry no information.
    for row in rows:
        while row and not row[-1]:
            row.pop()
    while rows and not any(rows[-1]):
        rows.pop()
    return Grid(ws.title, rows, origin)


_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_UNIT_SUFFIX = re.compile(r"(万元|万|元|分|%)$")


def cell_decimal(text: str, *, what: str, where: str) -> Decimal | None:
    """A number typed in a cell (``8``, ``８分``, ``1,318.20``, ``95%``); ``None`` for empty marks."""
    raw = clean(text).translate(_FULL_WIDTH).replace(",", "").replace(" ", "")
    if raw in _EMPTY_MARKS:
        return None
    stripped = _UNIT_SUFFIX.sub("", raw)
    if stripped.endswith("万"):
        stripped = stripped[:-1]
    if raw.endswith("元") and not raw.endswith("万元"):
        raise DrafterError(f"{where}：{what}“{text}”以元为单位，请换算为万元后填写（不带单位）。")
    if not _NUMBER.match(stripped):
        raise DrafterError(f"{where}：{what}“{text}”不是数字，请只填写数字（例如 8 或 8.5）。")
    if stripped.startswith("-") and stripped.strip("-0.") != "":
        raise DrafterError(f"{where}：{what}“{text}”是负数；金额和分数都不能小于 0。")
    try:
        return Decimal(stripped)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above rules this out
        raise DrafterError(f"{where}：{what}“{text}”不是数字。") from exc
