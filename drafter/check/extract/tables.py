"""Tables: score tables and the 项目支出 自评表 (funds block and indicator rows).

A table is a run of row lines (docx table rows, or text lines the reader split into cells).
A header row decides what follows: 年初预算数 / 全年预算数 / 全年执行数 → funds block;
分值 (or 权重/满分) and 得分 (or 自评得分) → indicator rows, whose 一级/二级/三级 names (carried
down where merged cells left them empty) give a score tree. Cells are aligned to the header
by position; a row with fewer cells than its header (trailing empty cells or merged leading
cells lost when flattened) is padded on the side that puts numbers under 分值/得分.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from drafter.check.extract._common import TextLine, source_of
from drafter.check.facts import FundsRow, IndicatorRow, ScoreNode, Source, StatedTotal
from drafter.text.numbers import parse_decimal

__all__ = ["TableFacts", "extract_tables"]

_FUNDS_NAME = re.compile(r"年度资金总额|资金总额|本年财政拨款|财政拨款|上年结转|结转资金|其他资金")
_TOTAL_ROW = re.compile(r"^\s*(?:总分|合计|总计|综合得分|自评总分|总得分)\s*$")
_H_INITIAL = re.compile(r"年初预算")
_H_BUDGET = re.compile(r"全年预算|调整预算|预算数\s*[（(]?\s*A|全年预算数")
_H_ACTUAL = re.compile(r"全年执行|执行数|实际支出|决算数")
_H_MAX = re.compile(r"^\s*(?:分值|权重|满分|标准分|指标分值)")
_H_RATE = re.compile(r"执行率")
_H_SCORE = re.compile(r"得分|自评分")
_H_L1 = re.compile(r"一级指标")
_H_L2 = re.compile(r"二级指标")
_H_L3 = re.compile(r"三级指标")
_H_NAME = re.compile(r"^\s*(?:指标|指标名称|评价指标|评价内容|考核内容|项目)\s*$")
_H_TARGET = re.compile(r"年度指标值|指标值|目标值|预期目标")
_H_DONE = re.compile(r"实际完成值|完成值|实际完成|完成情况")
#: a maximum written in a name cell: "产出指标（60分）", "投入(20分)"
_NAME_MAX = re.compile(r"[（(]\s*(?:分值|满分|权重)?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
_H_REASON = re.compile(r"偏差原因|扣分原因|扣分理由|评分依据|原因分析|说明|备注")


@dataclass(frozen=True, slots=True)
class TableFacts:
    scores: tuple[ScoreNode, ...] = ()
    total: StatedTotal | None = None
    funds: tuple[FundsRow, ...] = ()
    indicators: tuple[IndicatorRow, ...] = ()


def _find(cells: tuple[str, ...], rx: re.Pattern[str], exclude: set[int] | None = None) -> int | None:
    for i, c in enumerate(cells):
        if rx.search(c) and (exclude is None or i not in exclude):
            return i
    return None


def _cells(tl: TextLine) -> tuple[str, ...]:
    cells = tl.line.cells
    return tuple(c.strip() for c in cells) if cells else ()


@dataclass(slots=True)
class _Group:
    name: str
    source: Source
    max: Decimal | None = None
    score: Decimal | None = None
    reason: str = ""
    children: dict[str, _Group] = field(default_factory=dict)


def extract_tables(lines: list[TextLine]) -> TableFacts:
    funds: list[FundsRow] = []
    indicators: list[IndicatorRow] = []
    total: StatedTotal | None = None
    roots: dict[str, _Group] = {}
    mode = ""
    cols: dict[str, int | None] = {}
    width = 0
    carry = ["", "", ""]
    for tl in lines:
        if not tl.is_row:
            continue
        cells = _cells(tl)
        if not cells:
            continue
        header = _header(cells)
        if header is not None:
            mode, cols = header
            width = len(cells)
            carry = ["", "", ""]
            continue
        if not mode:
            continue
        if mode == "indicators" and _level_header(cells, cols):
            continue  # the second line of a two-line header: 一级指标 | 二级指标 | 三级指标
        row = _align(
            cells,
            width,
            (cols.get("budget"), cols.get("actual"))
            if mode == "funds"
            else (cols.get("max"), cols.get("score")),
        )
        if _TOTAL_ROW.match(cells[0]) or (len(cells) > 1 and _TOTAL_ROW.match(cells[1])):
            nums = [d for d in (_parse(c) for c in cells) if d is not None]
            if nums:
                mx, sc = (nums[-2], nums[-1]) if len(nums) >= 2 else (None, nums[-1])
                total = total or StatedTotal(sc, source_of(tl), mx)
            continue
        if mode == "funds":
            name_i = _find(cells, _FUNDS_NAME)
            if name_i is None:
                continue
            funds.append(
                FundsRow(
                    name=_FUNDS_NAME.search(cells[name_i]).group(0),  # type: ignore[union-attr]
                    source=source_of(tl),
                    initial=_num(row, cols.get("initial")),
                    budget=_num(row, cols.get("budget")),
                    actual=_num(row, cols.get("actual")),
                    max=_num(row, cols.get("max")),
                    rate=_num(row, cols.get("rate")),
                    score=_num(row, cols.get("score")),
                )
            )
            if funds[-1].name in ("年度资金总额", "资金总额") and funds[-1].max is not None:
                fr = funds[-1]
                # the block's score follows from its rate: a rate below 100% is its own reason
                why = f"执行率{fr.rate}%" if fr.rate is not None and fr.rate < 100 else ""
                roots.setdefault("预算执行率", _Group("预算执行率", fr.source, fr.max, fr.score, why))
        else:
            names = [_cell(row, cols.get(k)) for k in ("l1", "l2", "l3")]
            group_max: dict[str, Decimal] = {}
            for i, n in enumerate(names):
                if n and "分" in n:
                    m = _NAME_MAX.search(n)
                    if m is not None and m.start() > 0:
                        names[i] = n[: m.start()].strip()
                        group_max[names[i]] = Decimal(m.group(1))
            for i in range(3):  # carry merged (empty) cells down, and reset deeper ones on change
                if names[i]:
                    if names[i] != carry[i]:
                        carry[i + 1 :] = [""] * (2 - i)
                    carry[i] = names[i]
                elif cols.get(("l1", "l2", "l3")[i]) is not None and any(names[i + 1 :]):
                    names[i] = carry[i]
            mx, sc = _num(row, cols.get("max")), _num(row, cols.get("score"))
            if not any(names) or (mx is None and sc is None):
                continue
            reason = _cell(row, cols.get("reason"))
            indicators.append(
                IndicatorRow(
                    source=source_of(tl),
                    level1=names[0],
                    level2=names[1],
                    level3=names[2],
                    target=_cell(row, cols.get("target")),
                    actual=_cell(row, cols.get("done")),
                    max=mx,
                    score=sc,
                    reason=reason,
                )
            )
            if names[2] and names[2] == names[1]:  # 三级 merged into 二级 across the row
                names[2] = ""
            # (a 一级 named like its 二级, 预算编制/预算编制, is two levels: keep both)
            path = [n for n in names if n]
            level = roots
            group: _Group | None = None
            for n in path:
                group = level.setdefault(n, _Group(n, source_of(tl)))
                if group.max is None and n in group_max:
                    group.max = group_max[n]  # "投入（20分）": the group's maximum in its name cell
                level = group.children
            if group is not None:
                group.max, group.score, group.reason, group.source = mx, sc, reason, source_of(tl)
    scores = tuple(_freeze(g, 1, "") for g in roots.values())
    return TableFacts(scores, total, tuple(funds), tuple(indicators))


def _header(cells: tuple[str, ...]) -> tuple[str, dict[str, int | None]] | None:
    joined = "|".join(cells)
    if _H_INITIAL.search(joined) and _H_ACTUAL.search(joined):
        cols: dict[str, int | None] = {
            "initial": _find(cells, _H_INITIAL),
            "budget": _find(cells, _H_BUDGET),
            "actual": _find(cells, _H_ACTUAL),
            "max": _find(cells, _H_MAX),
            "rate": _find(cells, _H_RATE),
        }
        cols["score"] = _find(cells, _H_SCORE, {c for c in cols.values() if c is not None})
        return "funds", cols
    mx = _find(cells, _H_MAX)
    if mx is None:
        return None
    sc = _find(cells, _H_SCORE, {mx})
    if sc is None:
        return None
    l1, l2, l3 = _find(cells, _H_L1), _find(cells, _H_L2), _find(cells, _H_L3)
    if l1 is None and l2 is None and l3 is None:
        l1 = _find(cells, _H_NAME)
        if l1 is None:
            l1 = 0 if mx > 0 and sc > 0 else None
    return "indicators", {
        "l1": l1,
        "l2": l2,
        "l3": l3,
        "target": _find(cells, _H_TARGET),
        "done": _find(cells, _H_DONE),
        "max": mx,
        "score": sc,
        "reason": _find(cells, _H_REASON),
    }


def _level_header(cells: tuple[str, ...], cols: dict[str, int | None]) -> bool:
    """A row that names the level columns (and holds no number) completes the header above it."""
    levels = {"l1": _find(cells, _H_L1), "l2": _find(cells, _H_L2), "l3": _find(cells, _H_L3)}
    if all(v is None for v in levels.values()) or any(parse_decimal(c) is not None for c in cells):
        return False
    cols.update({k: v for k, v in levels.items() if v is not None})
    return True


def _align(cells: tuple[str, ...], width: int, numeric: tuple[int | None, ...]) -> tuple[str, ...]:
    """Cells padded to the header's width. A flattened row loses trailing empty cells and merged
    leading ones (a rowspan name shown only in its first row): try every split of the missing
    cells between the two ends, fewest on the left first, and keep the first that puts plain
    numbers (not percentages) under the numeric columns."""
    missing = width - len(cells)
    if missing <= 0 or width == 0:
        return cells
    for left in range(missing + 1):
        row = ("",) * left + cells + ("",) * (missing - left)
        if all(_plain_number(_cell(row, i)) for i in numeric if i is not None):
            return row
    return cells + ("",) * missing


def _plain_number(cell: str) -> bool:
    return "%" not in cell and "％" not in cell and _parse(cell) is not None


#: a unit written into a 分值/得分 or amount cell ("9.5分", "10 分", "320.00万元")
_CELL_UNIT = re.compile(r"\s*(?:分|万元|万|元)\s*$")


def _parse(cell: str) -> Decimal | None:
    """The number of a cell, also when its unit is written in it (exported workbooks write
    "9.5分" in the funds block's 得分 and "15分" in a 分值 cell)."""
    value = parse_decimal(cell)
    if value is None and cell and cell[-1] in "分元万 ":
        value = parse_decimal(_CELL_UNIT.sub("", cell))
    return value


def _cell(row: tuple[str, ...], i: int | None) -> str:
    if i is None or i >= len(row):
        return ""
    return row[i]


def _num(row: tuple[str, ...], i: int | None) -> Decimal | None:
    return _parse(_cell(row, i)) if i is not None else None


def _freeze(g: _Group, level: int, parent: str) -> ScoreNode:
    path = f"{parent}/{g.name}" if parent else g.name
    children = tuple(_freeze(c, level + 1, path) for c in g.children.values())
    scored = g.score is not None
    return ScoreNode(
        name=g.name,
        level=level,
        source=g.source,
        max=g.max,
        score=g.score,
        score_source=g.source if scored else None,
        max_source=g.source if g.max is not None else None,
        basis=g.reason,
        reason=g.reason if scored and g.max is not None and g.score < g.max else "",  # type: ignore[operator]
        children=children,
        path=path,
    )
