"""The money unit a table states for its amounts, and amounts converted from it to 万元.

A 自评表 gives its amounts in the unit a line above it declares ("金额单位：元", "单位：万元",
"（单位:千元）") or a header cell names ("项目资金（万元）", "全年预算数（元）"); without either they
are 万元. The report reader (:mod:`drafter.check.extract.tables`) and the workbook importer
(:mod:`drafter.data.xlsx_import`) read the unit with these same patterns and convert with
:func:`in_wan`, so a sheet in 元 means the same to both.
"""

from __future__ import annotations

from decimal import Decimal

from drafter.text.lazyre import lazy_compile
from drafter.text.numbers import WAN_PER_UNIT

__all__ = ["MONEY_UNITS", "declared_unit", "header_unit", "in_wan", "written_unit"]

#: the money units a table's amounts may be declared in, longest first (千元 before 元)
MONEY_UNITS = "千万元|百万元|千元|万元|亿元|元"
#: a unit declared for the amounts of the table below: "金额单位：元", "单位：万元", "（单位:千元）"
_UNIT_LINE = lazy_compile(r"单位\s*[:：]\s*(?:人民币\s*)?(" + MONEY_UNITS + r")(?![\u4e00-\u9fff/／])")
#: … or in a header cell: "项目资金（万元）", "全年预算数（元）", "预算执行情况(万元)(20分)"
_UNIT_CELL_MARK = lazy_compile(r"[（(]\s*(?:金额\s*)?(?:单位\s*[:：]\s*)?(" + MONEY_UNITS + r")\s*[)）]")
#: … or after an amount: "387664.62元"
_UNIT_AFTER = lazy_compile("(?:" + MONEY_UNITS + ")$")


def declared_unit(line: str) -> str | None:
    """The money unit a line declares for the table below it ("金额单位：元" → 元), if any."""
    if "单位" not in line:
        return None
    m = _UNIT_LINE.search(line)
    return m.group(1) if m else None


def header_unit(cells: tuple[str, ...] | list[str]) -> str | None:
    """The money unit a table's header cells name ("全年预算数（元）" → 元), if any."""
    for cell in cells:
        if "元" in cell and (m := _UNIT_CELL_MARK.search(cell)) is not None:
            return m.group(1)
    return None


def written_unit(cell: str) -> str | None:
    """The money unit written after an amount in a cell ("387664.62元" → 元), if any."""
    if not cell.endswith("元"):
        return None
    m = _UNIT_AFTER.search(cell)
    return m.group(0) if m else None


def in_wan(amount: Decimal, unit: str) -> Decimal:
    """An amount stated in ``unit`` (one of :data:`~drafter.text.numbers.WAN_PER_UNIT`) in 万元.

    Units below 万元 are divided (元 by 10000) rather than multiplied by 0.0001, so the quotient
    keeps only the places it needs."""
    if unit == "万元":
        return amount
    factor = WAN_PER_UNIT[unit]
    return amount / int(1 / factor) if factor < 1 else amount * factor
