"""Excel 自评表 in: read a workbook into :class:`~drafter.data.model.EvaluationData`.

Two table families are recognised on any sheet, by their headers:

- the 部门整体 score table: 一级/二级/三级指标 (or one 指标名称 column), 分值, 自评得分,
  评分依据, 扣分原因;
- the national 项目支出绩效自评表: the funds block (年初预算数, 全年预算数, 全年执行数, 分值,
  执行率, 得分; rows 年度资金总额 / 其中：本年财政拨款 / 上年结转资金 / 其他资金), 年度总体目标,
  then indicator rows (年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施).

What real workbooks do is tolerated: merged cells (a merged 一级指标 counts for each of its rows),
blank spacer rows, headers spread over two lines, numbers stored as text ("８分", "1,318.20"),
rates formatted as percentages, targets such as "≥90%". Facts outside the tables (部门名称,
年度, 支出情况) are read from label/value rows such as the template's 基本信息 and 支出情况 sheets
or "单位名称：…" lines above a table. Problems name the file, the sheet, the row and the column.

The funds block maps onto the data model as ``expenditure`` (年度资金总额 → initial/adjusted
budget and actual; each source → ``expenditure.sources``) and a level-1 indicator 预算执行率
carrying the block's 分值 and 得分, as the national rubric does.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError
from drafter.office._grid import Grid, cell_decimal, clean, read_grid

__all__ = ["WorkbookImport", "import_workbook", "read_workbook", "write_template"]

# A total row that states the sum (合计 / 总分) rather than an indicator.
_TOTAL_ROW = re.compile(r"^(合\s*计|总\s*分|总\s*计|综合得分|自评总分|得分合计)")
_FOOTER_ROW = re.compile(
    r"^(填表人|填报人|审核人|复核人|负责人|单位负责人|财务负责人|联系电话|联系人|填报日期|填表日期|注[:：]|说明[:：]|备注[:：])"
)
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*[、.．]?(?=\D)|[①-⑳])\s*"
)
_EMBEDDED_MAX = re.compile(r"\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
_YEAR = re.compile(r"(20\d\d)\s*年")


@dataclass
class WorkbookImport:
    """The data read from a workbook, plus notes for the user (assumptions made, totals stated)."""

    data: Any  # EvaluationData
    notes: list[str] = field(default_factory=list)
    stated_total: Decimal | None = None
    sheets: list[str] = field(default_factory=list)


# -- header recognition ---------------------------------------------------------------------------


def _role(label: str) -> str | None:
    text = label.replace(" ", "")
    if not text:
        return None
    if any(k in text for k in ("偏差原因", "扣分原因", "扣分理由", "扣分说明", "扣分情况")):
        return "reason"
    if any(k in text for k in ("评分依据", "自评说明", "评分说明", "得分依据", "自评依据", "得分说明")):
        return "basis"
    if "一级指标" in text:
        return "l1"
    if "二级指标" in text:
        return "l2"
    if "三级指标" in text:
        return "l3"
    if any(k in text for k in ("年度指标值", "目标值", "预期指标值", "计划指标值")) or text == "指标值":
        return "target"
    if any(k in text for k in ("实际完成值", "完成值", "实际值", "实际完成情况")):
        return "actual"
    if "得分" in text or "自评分" in text:
        return "self"
    if any(k in text for k in ("分值", "权重", "满分", "标准分")):
        return "max"
    if "指标名称" in text or text in ("指标", "评价指标", "考核指标", "绩效指标"):
        return "name"
    return None


_FUND_ROLES = (
    ("initial", ("年初预算",)),
    ("annual", ("全年预算", "调整预算")),
    ("executed", ("全年执行", "执行数", "实际支出")),
    ("rate", ("执行率",)),
    ("score", ("得分",)),
    ("max", ("分值", "权重")),
)


def _fund_role(label: str) -> str | None:
    text = label.replace(" ", "")
    for role, keys in _FUND_ROLES:
        if any(k in text for k in keys):
            return role
    return None


def _labels(grid: Grid, r: int) -> tuple[list[str], int]:
    """Column labels of a header at row ``r``, merged with row ``r+1`` when it continues the header."""
    first = [clean(grid.cell(r, c)) for c in range(grid.width)]
    if r + 1 < len(grid.rows):
        second = [clean(grid.cell(r + 1, c)) for c in range(grid.width)]
        new = [s for f, s in zip(first, second, strict=True) if s and s != f]
        numeric = any(re.fullmatch(r"[-+]?[\d.,%]+(分)?", s) for s in second if s)
        first_is_header = any(_role(f) or _fund_role(f) for f in first if f) and not any(
            "：" in f or ":" in f for f in first
        )
        if first_is_header and new and not numeric and all(_role(s) or _fund_role(s) for s in new):
            return [
                f if s in ("", f) else (s if not f else f + s) for f, s in zip(first, second, strict=True)
            ], 2
    return first, 1


@dataclass
class _ScoreHeader:
    row: int
    height: int
    names: list[tuple[int, str]]  # (column, level role) in column order
    cols: dict[str, int]
    max_cols: list[int]


def _score_header(grid: Grid, r: int) -> _ScoreHeader | None:
    labels, height = _labels(grid, r)
    roles = [_role(lab) for lab in labels]
    names = [(c, role) for c, role in enumerate(roles) if role in ("l1", "l2", "l3", "name")]
    # A merged heading cell repeats its role; keep the first column of each role.
    seen: set[str] = set()
    names = [(c, role) for c, role in names if not (role in seen or seen.add(role))]  # type: ignore[func-returns-value]
    if not names or "self" not in roles:
        return None
    cols: dict[str, int] = {}
    max_cols: list[int] = []
    for c, role in enumerate(roles):
        if role == "max":
            max_cols.append(c)
        elif role and role not in cols:
            cols[role] = c
    return _ScoreHeader(r, height, names, cols, max_cols)


def _funds_header(grid: Grid, r: int) -> dict[str, int] | None:
    labels, _ = _labels(grid, r)
    cols: dict[str, int] = {}
    for c, label in enumerate(labels):
        role = _fund_role(label)
        if role and role not in cols:
            cols[role] = c
    amounts = {"initial", "annual", "executed"} & cols.keys()
    numeric = any(re.fullmatch(r"[-+]?[\d.,%]+", v) for v in labels if v)
    if len(amounts) >= 2 and not numeric:
        return cols
    return None


# -- parsing helpers -------------------------------------------------------------------------------


def _name(text: str) -> tuple[str, Decimal | None]:
    """An indicator name without its numbering, and a max written into it ("预算编制（20分）")."""
    text = clean(text)
    embedded = None
    m = _EMBEDDED_MAX.search(text)
    if m:
        embedded = Decimal(m.group(1))
        text = text[: m.start()]
    text = _NUMBERING.sub("", text, count=1).strip(" ：:。")
    return text, embedded


def _num(grid: Grid, r: int, c: int | None, what: str) -> Decimal | None:
    if c is None:
        return None
    return cell_decimal(grid.cell(r, c), what=what, where=grid.where(r, c))


def _text(grid: Grid, r: int, c: int | None) -> str:
    return clean(grid.cell(r, c)) if c is not None else ""


class _Node:
    def __init__(self, name: str) -> None:
        self.name = name
        self.values: dict[str, Any] = {}
        self.children: dict[str, _Node] = {}

    def child(self, name: str) -> _Node:
        if name not in self.children:
            self.children[name] = _Node(name)
        return self.children[name]

    def set(self, key: str, value: Any, where: str, notes: list[str]) -> None:
        if value in (None, ""):
            return
        old = self.values.get(key)
        if old is None:
            self.values[key] = value
        elif old != value and key in ("max_score", "self_score"):
            notes.append(
                f"{where}：“{self.name}”的{'分值' if key == 'max_score' else '得分'}出现两个不同的值（{old} 与 {value}），已取前者。"
            )
        elif old != value and key in ("basis", "deduction_reason") and value not in str(old):
            self.values[key] = f"{old}{value}"

    def is_empty(self) -> bool:
        return not any(v not in (None, "") for v in self.values.values()) and all(
            c.is_empty() for c in self.children.values()
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        out.update({k: v for k, v in self.values.items() if v not in (None, "")})
        if self.children:
            kept = [c.to_dict() for c in self.children.values() if not c.is_empty()]
            if kept:
                out["children"] = kept
        return out


def _read_scores(
    grid: Grid, header: _ScoreHeader, notes: list[str]
) -> tuple[list[_Node], Decimal | None, int]:
    """Indicator rows under ``header`` (until the sheet ends or another table starts)."""
    roots: dict[str, _Node] = {}
    stated_total: Decimal | None = None
    previous: list[str] = []
    marker_levels: dict[str, int] = {}
    r = header.row + header.height
    while r < len(grid.rows):
        row = [clean(v) for v in grid.rows[r]]
        if not any(row):
            r += 1
            continue
        first = next(v for v in row if v)
        if _FOOTER_ROW.match(first.replace(" ", "")) or _spans_table(grid, r, header):
            break  # 填表人/联系电话/注 lines, or a note merged across the whole table
        if _TOTAL_ROW.match(first.replace(" ", "")):
            stated_total = _num(grid, r, header.cols.get("self"), "合计得分")
            r += 1
            continue
        if r != header.row and (_score_header(grid, r) is not None or _funds_header(grid, r) is not None):
            if all(_role(v) or not v for v in row):  # a header repeated after a page break
                r += _labels(grid, r)[1]
                continue
            break
        path = _row_path(grid, r, header, previous, marker_levels)
        if not path:
            r += 1
            continue
        previous = [n for n, _ in path]
        node = roots.setdefault(path[0][0], _Node(path[0][0]))
        chain = [node]
        for name, _ in path[1:]:
            node = node.child(name)
            chain.append(node)
        where = grid.where(r)
        leaf = chain[-1]
        embedded = path[-1][1]
        values = {
            "self_score": _num(grid, r, header.cols.get("self"), "自评得分"),
            "basis": _text(grid, r, header.cols.get("basis")),
            "deduction_reason": _text(grid, r, header.cols.get("reason")),
            "target": _text(grid, r, header.cols.get("target")),
            "actual": _text(grid, r, header.cols.get("actual")),
        }
        maxima = _row_maxima(grid, r, header, len(chain))
        for level, node_ in enumerate(chain):
            if maxima.get(level) is not None:
                node_.set("max_score", maxima[level], where, notes)
            elif node_ is leaf and embedded is not None:
                node_.set("max_score", embedded, where, notes)
            if path[level][1] is not None and node_ is not leaf:
                node_.set("max_score", path[level][1], where, notes)
        for key, value in values.items():
            leaf.set(key, value, where, notes)
        r += 1
    return list(roots.values()), stated_total, r


def _spans_table(grid: Grid, r: int, header: _ScoreHeader) -> bool:
    """A row that is one cell merged across every column of the table (a note, not an indicator)."""
    cols = [c for c, _ in header.names] + header.max_cols + list(header.cols.values())
    first, last = min(cols), max(cols)
    return first != last and grid.same_merge(r, first, last)


def _row_maxima(grid: Grid, r: int, header: _ScoreHeader, depth: int) -> dict[int, Decimal | None]:
    """Max scores of a row by level: one 分值 column is the row's deepest node; several follow their name column."""
    if not header.max_cols:
        return {}
    if len(header.max_cols) == 1:
        return {depth - 1: _num(grid, r, header.max_cols[0], "分值")}
    out: dict[int, Decimal | None] = {}
    name_cols = [c for c, _ in header.names]
    for c in header.max_cols:
        left = [i for i, nc in enumerate(name_cols) if nc < c]
        level = left[-1] if left else 0
        if level < depth:
            out[level] = _num(grid, r, c, "分值")
    return out


def _row_path(
    grid: Grid, r: int, header: _ScoreHeader, previous: list[str], marker_levels: dict[str, int]
) -> list[tuple[str, Decimal | None]]:
    """The indicator path a row describes, carrying blank upper levels down from the row above."""
    if len(header.names) == 1 and header.names[0][1] == "name":
        raw = clean(grid.cell(r, header.names[0][0]))
        if not raw:
            return []
        m = _NUMBERING.match(raw)
        kind = re.sub(r"[一二三四五六七八九十]+", "一", re.sub(r"\d+", "1", m.group(0).strip())) if m else ""
        level = marker_levels.setdefault(kind, len(marker_levels)) if kind else 0
        name, embedded = _name(raw)
        upper = [(n, None) for n in previous[:level]]
        return [*upper, (name, embedded)]
    names: list[tuple[str, Decimal | None]] = []
    first_col = header.names[0][0]
    for i, (c, _) in enumerate(header.names):
        raw = clean(grid.cell(r, c))
        if i > 0 and raw and grid.same_merge(r, c, first_col):
            raw = ""  # one cell merged across the level columns names one node, not two
        if (
            i > 0
            and raw
            and raw == clean(grid.cell(r, header.names[i - 1][0]))
            and grid.same_merge(r, c, header.names[i - 1][0])
        ):
            raw = ""
        names.append(_name(raw) if raw else ("", None))
    # Carry blank upper levels from the row above (forms that leave "same as above" cells empty).
    deepest = max((i for i, (n, _) in enumerate(names) if n), default=-1)
    if deepest < 0:
        return []
    for i in range(deepest):
        if not names[i][0]:
            if i < len(previous) and (i == 0 or names[i - 1][0] == previous[i - 1]):
                names[i] = (previous[i], None)
            else:
                break
    path = []
    for n, e in names[: deepest + 1]:
        if not n:
            return [(n2, e2) for n2, e2 in names[: deepest + 1] if n2]
        path.append((n, e))
    return path


# -- label/value facts --------------------------------------------------------------------------------

_META_KEYS = {
    "department": (
        "部门全称",
        "部门名称",
        "单位名称",
        "部门（单位）名称",
        "部门(单位)名称",
        "预算单位",
        "实施单位",
        "填报单位",
    ),
    "supervisor": ("主管部门",),
    "short_name": ("部门简称", "单位简称"),
    "fiscal_year": ("评价年度", "预算年度", "年度", "所属年度"),
    "level": ("预算级次", "级次"),
    "kind": ("报告类型",),
    "rubric": ("指标体系", "指标体系编号"),
    "project": ("项目名称",),
    "title": ("报告标题",),
}
# Field path → labels a workbook uses for it; the first is the template's (xlsx_template).
EXPENDITURE_LABELS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("initial_budget",): ("年初预算数", "年初预算"),
    ("adjusted_budget",): ("调整预算数", "全年预算数", "调整后预算数"),
    ("actual",): ("实际支出数", "全年执行数", "实际支出"),
    ("basic",): ("其中：基本支出", "基本支出"),
    ("project",): ("其中：项目支出", "项目支出"),
    ("carryover",): ("结转结余总额", "结转结余"),
    ("three_public", "budget"): ("三公经费预算数",),
    ("three_public", "actual"): ("三公经费实际支出数", "三公经费实际数"),
    ("daily_public", "budget"): ("日常公用经费预算数",),
    ("daily_public", "actual"): ("日常公用经费实际支出数", "日常公用经费实际数", "日常公用经费决算数"),
    ("procurement", "plan"): ("政府采购计划数", "政府采购预算数"),
    ("procurement", "actual"): ("政府采购实际数",),
    ("fixed_assets", "in_use"): ("在用固定资产总额", "实际在用固定资产总额"),
    ("fixed_assets", "total"): ("固定资产总额", "所有固定资产总额"),
}


def _key(label: str) -> str:
    text = re.sub(r"[（(][^）)]*[)）]", "", label)
    return re.sub(r"[\s：:*]", "", text).removeprefix("其中")


_META_LOOKUP = {_key(alias): key for key, aliases in _META_KEYS.items() for alias in aliases}
_EXP_LOOKUP = {_key(alias): key for key, aliases in EXPENDITURE_LABELS.items() for alias in aliases}


def _label_values(grid: Grid, rows: range) -> list[tuple[int, int, str, str]]:
    """(row, value column, label, value) pairs: "标签：值" in one cell, or a label then a value cell."""
    pairs = []
    for r in rows:
        row = [clean(v) for v in grid.rows[r]]
        c = 0
        while c < len(row):
            cell = row[c]
            if not cell:
                c += 1
                continue
            m = re.match(r"^([^：:]{2,12})[：:]\s*(.+)$", cell)
            if m and m.group(1).strip() != "其中":
                pairs.append((r, c, m.group(1), m.group(2)))
                c += 1
                continue
            if _key(cell) in _META_LOOKUP or _key(cell) in _EXP_LOOKUP:
                nxt = c + 1
                while nxt < len(row) and grid.same_merge(r, nxt, c):
                    nxt += 1
                if nxt < len(row) and row[nxt]:
                    pairs.append((r, nxt, cell, row[nxt]))
                c = nxt + 1
                continue
            c += 1
    return pairs


# -- the workbook ----------------------------------------------------------------------------------------


def _open(path: Path):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from drafter.fileio import read_bytes
    from drafter.office._ooxml import check_office_bytes

    data = read_bytes(path)
    check_office_bytes(data, str(path), kind="xlsx")
    try:
        return load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many types for broken parts
        raise DrafterError(
            f"文件已损坏，无法作为 Excel 工作簿打开（{type(exc).__name__}）；请用 Excel/WPS 打开后另存为 .xlsx 再试。",
            path=str(path),
        ) from exc


def read_workbook(
    path: str | Path, *, overrides: dict[str, Any] | None = None, sheet: str | None = None
) -> WorkbookImport:
    """Read a 自评表 workbook; ``overrides`` sets meta fields (department, fiscal_year, level, rubric…).

    A workbook with tables on several sheets (one project per sheet, say) needs ``sheet``: the
    sheet whose table to import; label/value facts are still read from every sheet.
    """
    source = Path(path)
    if source.suffix.lower() not in (".xlsx", ".xlsm"):
        raise DrafterError(
            "只能导入 .xlsx 工作簿；.xls 或 .et 文件请先在 Excel/WPS 中另存为 .xlsx。", path=str(source)
        )
    try:
        return _read(source, overrides or {}, sheet)
    except DrafterError as exc:
        if exc.path is None:
            raise DrafterError(exc.message, path=str(source)) from exc
        raise


def import_workbook(
    path: str | Path, *, overrides: dict[str, Any] | None = None, sheet: str | None = None
) -> Any:
    """The evaluation data a 自评表 workbook holds (``EvaluationData``); see :func:`read_workbook`."""
    return read_workbook(path, overrides=overrides, sheet=sheet).data


def _read(source: Path, overrides: dict[str, Any], sheet: str | None = None) -> WorkbookImport:
    wb = _open(source)
    if sheet is not None and sheet not in wb.sheetnames:
        names = "、".join(f"“{n}”" for n in wb.sheetnames)
        raise DrafterError(f"没有名为“{sheet}”的工作表；工作簿中的工作表有：{names}。")
    table_sheets: list[str] = []
    notes: list[str] = []
    meta: dict[str, Any] = {}
    expenditure: dict[str, Any] = {}
    indicators: list[_Node] = []
    funds: dict[str, Any] | None = None
    targets: list[str] = []
    achieved: list[str] = []
    stated_total: Decimal | None = None
    used: list[str] = []
    years: list[int] = []
    candidates: list[str] = []

    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue  # hidden sheets hold old versions or lookup lists, not the table to import
        grid = read_grid(ws)
        if not grid.rows:
            continue
        table_start = None
        consumed: set[int] = set()
        r = 0
        while r < len(grid.rows) and (sheet is None or ws.title == sheet):
            fh = _funds_header(grid, r)
            if fh is not None:
                table_start = r if table_start is None else table_start
                funds, end = _read_funds(grid, r, fh, notes)
                consumed.update(range(r, end))
                r = end
                continue
            sh = _score_header(grid, r)
            if sh is not None:
                table_start = r if table_start is None else table_start
                nodes, total, end = _read_scores(grid, sh, notes)
                indicators.extend(nodes)
                stated_total = total if total is not None else stated_total
                consumed.update(range(r, end))
                r = end
                continue
            goal = _read_goal(grid, r)
            if goal is not None:
                goal_targets, goal_actual, end = goal
                targets.extend(goal_targets)
                achieved.extend(goal_actual)
                consumed.update(range(r, end))
                r = end
                continue
            r += 1
        if table_start is not None:
            used.append(ws.title)
            table_sheets.append(ws.title)
        free_rows = range(len(grid.rows))
        pairs = [p for p in _label_values(grid, free_rows) if p[0] not in consumed]
        known = [p for p in pairs if _key(p[2]) in _META_LOOKUP or _key(p[2]) in _EXP_LOOKUP]
        if known and table_start is None:
            used.append(ws.title)
        for r_, c_, label, value in pairs:
            key = _key(label)
            if key in _META_LOOKUP:
                meta.setdefault(_META_LOOKUP[key], value)
            elif key in _EXP_LOOKUP:
                number = cell_decimal(value, what=label, where=grid.where(r_, c_))
                if number is not None:
                    expenditure.setdefault(_EXP_LOOKUP[key], number)
        if table_start is None and not known and any(any(row) for row in grid.rows):
            candidates.append(ws.title)
        for row in grid.rows[: (table_start if table_start is not None else 4) + 1]:
            for cell in row:
                m = _YEAR.search(cell)
                if m:
                    years.append(int(m.group(1)))

    if len(table_sheets) > 1:
        names = "、".join(f"“{n}”" for n in table_sheets)
        raise DrafterError(
            f"工作表{names}中各有一张自评表，一次只能导入一张；请用 --sheet 指定要导入的工作表。"
        )
    if not indicators and funds is None:
        sheets = "、".join(f"“{name}”" for name in (candidates or wb.sheetnames))
        raise DrafterError(
            f"在工作表{sheets}中找不到自评表的表头：部门整体自评表应有“一级指标/二级指标（或指标名称）”“分值”“自评得分”列，"
            "项目支出自评表应有“年初预算数”“全年预算数”“全年执行数”列。请检查表头文字，"
            "或用 drafter init --xlsx 生成模板后按模板填写。"
        )
    return _assemble(
        meta, expenditure, indicators, funds, targets, achieved, stated_total, years, overrides, notes, used
    )


def _read_funds(grid: Grid, r: int, cols: dict[str, int], notes: list[str]) -> tuple[dict[str, Any], int]:
    labels, height = _labels(grid, r)
    first_value = min(cols.values())
    out: dict[str, Any] = {"sources": []}
    i = r + height
    while i < len(grid.rows):
        row = [clean(v) for v in grid.rows[i]]
        if not any(row):
            i += 1
            continue
        label_cells = [v for v in row[:first_value] if v and "项目资金" not in v and "资金（万元）" not in v]
        label = label_cells[-1] if label_cells else ""
        if not label or any("总体目标" in v for v in row) or _score_header(grid, i) is not None:
            break
        name = label.replace("其中：", "").replace("其中:", "").strip()
        numbers = {
            role: _num(grid, i, c, labels[c] or role)
            for role, c in cols.items()
            if role in ("initial", "annual", "executed")
        }
        if any(k in name for k in ("资金总额", "合计", "总额")):
            out["total"] = numbers
            out["max"] = _num(grid, i, cols.get("max"), "分值")
            out["score"] = _num(grid, i, cols.get("score"), "得分")
            rate = _text(grid, i, cols.get("rate"))
            if rate:
                out["rate"] = rate
        elif any(v is not None for v in numbers.values()):
            out["sources"].append({"name": name, **numbers})
        i += 1
    return out, i


def _read_goal(grid: Grid, r: int) -> tuple[list[str], list[str], int] | None:
    """The 年度总体目标 block: 预期目标 and 实际完成情况 columns, texts in the rows below."""
    row = [clean(v) for v in grid.rows[r]]
    if not any("年度总体目标" in v or v == "总体目标" for v in row):
        return None
    target_col = next((c for c, v in enumerate(row) if "预期目标" in v), None)
    actual_col = next((c for c, v in enumerate(row) if "实际完成情况" in v), None)
    if target_col is None:
        return None
    targets: list[str] = []
    actual: list[str] = []
    i = r + 1
    while i < len(grid.rows):
        cells = [clean(v) for v in grid.rows[i]]
        if not any(cells):
            i += 1
            continue
        if _score_header(grid, i) is not None or not any("总体目标" in v for v in cells):
            break
        t = _text(grid, i, target_col)
        a = _text(grid, i, actual_col)
        if t and t not in targets:
            targets.append(t)
        if a and a not in actual:
            actual.append(a)
        i += 1
    return targets, actual, i


def _infer_level(name: str) -> str | None:
    if "县" in name:
        return "县"
    if "省" in name and "市" not in name:
        return "省"
    if "市" in name and "区" not in name:
        return "市"
    return None


def _assemble(
    meta: dict[str, Any],
    expenditure: dict[Any, Any],
    nodes: list[_Node],
    funds: dict[str, Any] | None,
    targets: list[str],
    achieved: list[str],
    stated_total: Decimal | None,
    years: list[int],
    overrides: dict[str, Any],
    notes: list[str],
    used: list[str],
) -> WorkbookImport:
    from drafter.data.model import EvaluationData

    kind = overrides.get("kind") or meta.get("kind") or ("项目支出" if funds is not None else "部门整体")
    department = overrides.get("department") or meta.get("department") or meta.get("supervisor")
    year = overrides.get("fiscal_year") or meta.get("fiscal_year")
    if year is None and years:
        year = years[0]
        notes.append(f"评价年度取自表格标题：{year}。")
    if isinstance(year, str):
        m = re.search(r"\d{4}", year)
        year = int(m.group(0)) if m else year
    level = overrides.get("level") or meta.get("level")
    if level is None and department:
        level = _infer_level(department)
        if level:
            notes.append(f"预算级次按部门名称推断为“{level}”；如不对，请在基本信息中填写或用 --level 指定。")
    rubric = overrides.get("rubric") or meta.get("rubric")
    if rubric is None:
        from drafter.rubric import available_rubrics, load_rubric

        fits = [rid for rid in available_rubrics() if load_rubric(rid).kind == kind]
        if len(fits) == 1:
            rubric = fits[0]
            notes.append(f"指标体系按报告类型取“{rubric}”；如不对，请用 --rubric 指定。")
    missing = [
        label
        for label, value in (
            ("部门全称", department),
            ("评价年度", year),
            ("预算级次", level),
            ("指标体系", rubric),
        )
        if not value
    ]
    if missing:
        raise DrafterError(
            f"工作簿中缺少{'、'.join(missing)}：请在“基本信息”工作表中填写（drafter init --xlsx 生成的模板有此表），"
            "或在命令中用 --department/--year/--level/--rubric 指定。"
        )

    exp: dict[str, Any] = {}
    for key, value in expenditure.items():
        if len(key) == 1:
            exp[key[0]] = value
        else:
            exp.setdefault(key[0], {})[key[1]] = value
    # Template rows left blank (no score, no max, no text) are not indicators.
    indicators = [n.to_dict() for n in nodes if not n.is_empty()]
    if funds is not None:
        total = funds.get("total") or {}
        for field_, role in (
            ("initial_budget", "initial"),
            ("adjusted_budget", "annual"),
            ("actual", "executed"),
        ):
            if total.get(role) is not None:
                exp.setdefault(field_, total[role])
        sources = [
            {
                "name": s["name"],
                "initial_budget": s.get("initial"),
                "annual_budget": s.get("annual"),
                "executed": s.get("executed"),
            }
            for s in funds["sources"]
        ]
        if sources:
            exp["sources"] = sources
        if funds.get("max") is not None or funds.get("score") is not None:
            rate = {"name": "预算执行率"}
            if funds.get("max") is not None:
                rate["max_score"] = funds["max"]
            if funds.get("score") is not None:
                rate["self_score"] = funds["score"]
            if funds.get("rate"):
                rate["actual"] = funds["rate"]
            indicators.insert(0, rate)
    meta_out: dict[str, Any] = {
        "department": department,
        "fiscal_year": year,
        "level": level,
        "kind": kind,
        "rubric": rubric,
    }
    for key in ("short_name", "project", "title"):
        value = overrides.get(key) or meta.get(key)
        if value:
            meta_out[key] = value
    payload: dict[str, Any] = {"meta": meta_out, "expenditure": exp, "indicators": indicators}
    if targets:
        payload["targets"] = targets
    if achieved:
        payload["conclusion"] = "；".join(achieved)
    data = _validated(EvaluationData, payload)
    if stated_total is not None:
        computed = data.total_self()
        if computed is not None and computed != stated_total:
            notes.append(f"表中合计得分为 {stated_total}，各指标得分相加为 {computed}，请核对。")
    return WorkbookImport(data=data, notes=notes, stated_total=stated_total, sheets=used)


def _validated(model: Any, payload: dict[str, Any]) -> Any:
    """Validate with the data loader's Chinese messages (field path, what is wrong, how to fix)."""
    from pydantic import ValidationError

    from drafter.data.load import DataSource, _findings_from

    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        first = _findings_from(exc, DataSource(path=""))[0]
        where = f"{first.path}：" if first.path else ""
        raise DrafterError(f"表中数据不符合要求：{where}{first.message}{first.hint or ''}") from None


def write_template(
    path: str | Path, kind: str = "部门整体", *, data: Any = None, rubric: str | None = None
) -> Path:
    """Write an empty (or, with ``data``, a filled) 自评表 workbook; see :mod:`drafter.office.xlsx_template`."""
    from drafter.office.xlsx_template import write_template as _write

    return _write(path, kind, data=data, rubric=rubric)
