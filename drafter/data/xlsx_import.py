"""Excel 自评表 in: import a workbook as :class:`~drafter.data.model.EvaluationData`.

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

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter.data.load import DataSource, _findings_from
from drafter.data.model import EvaluationData
from drafter.errors import DrafterError
from drafter.figures import registry
from drafter.fileio import read_text
from drafter.read.xlsx_grid import Grid, cell_decimal, clean, open_workbook, read_grid
from drafter.read.xlsx_tables import (
    IndicatorNode,
    funds_header,
    read_funds,
    read_goal,
    read_scores,
    score_header,
)
from drafter.resources import bundled_rubrics
from drafter.safeyaml import safe_load
from drafter.text.money import declared_unit, header_unit, in_wan

__all__ = ["WorkbookImport", "department_in_title", "expenditure_labels", "import_workbook", "read_workbook"]

# A year in a table title: "2023年度…自评表".
_YEAR = re.compile(r"(20\d\d)\s*年")


@dataclass
class WorkbookImport:
    """The data read from a workbook, plus notes for the user (assumptions made, totals stated)."""

    data: EvaluationData
    notes: list[str] = field(default_factory=list)
    stated_total: Decimal | None = None
    sheets: list[str] = field(default_factory=list)


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


@cache
def expenditure_labels() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Field path under ``expenditure`` → the labels a workbook uses for it, from the figure
    registry's table labels; the first is the template's (xlsx_template)."""
    return {f.data_loc[1:]: f.table for f in registry().data_figures("expenditure.") if f.table}


def _key(label: str) -> str:
    text = re.sub(r"[（(][^）)]*[)）]", "", label)
    return re.sub(r"[\s：:*]", "", text).removeprefix("其中")


_META_LOOKUP = {_key(alias): key for key, aliases in _META_KEYS.items() for alias in aliases}
_EXP_LOOKUP = {_key(alias): key for key, aliases in expenditure_labels().items() for alias in aliases}


_LABELLED = re.compile(r"([^：:\s]{2,12})[：:]\s*(.+?)(?=\s+[^：:\s]{2,12}[：:]|\s*$)")


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
                # "单位名称：某局　　　　金额单位：万元": each label with its own value
                for label, value in _LABELLED.findall(cell):
                    pairs.append((r, c, label, value.strip()))
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
) -> EvaluationData:
    """The evaluation data a 自评表 workbook holds; see :func:`read_workbook`."""
    return read_workbook(path, overrides=overrides, sheet=sheet).data


def _read(source: Path, overrides: dict[str, Any], sheet: str | None = None) -> WorkbookImport:
    wb = open_workbook(source)
    if sheet is not None and sheet not in wb.sheetnames:
        names = "、".join(f"“{n}”" for n in wb.sheetnames)
        raise DrafterError(f"没有名为“{sheet}”的工作表；工作簿中的工作表有：{names}。")
    table_sheets: list[str] = []
    notes: list[str] = []
    meta: dict[str, Any] = {}
    expenditure: dict[str, Any] = {}
    indicators: list[IndicatorNode] = []
    funds: dict[str, Any] | None = None
    targets: list[str] = []
    achieved: list[str] = []
    stated_total: Decimal | None = None
    used: list[str] = []
    years: list[int] = []
    titles: list[str] = []  # cells above the table naming a year: the table's title
    candidates: list[str] = []

    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue  # hidden sheets hold old versions or lookup lists, not the table to import
        grid = read_grid(ws)
        if not grid.rows:
            continue
        table_start = None
        consumed: set[int] = set()
        declared = _declared_units(grid)
        r = 0
        while r < len(grid.rows) and (sheet is None or ws.title == sheet):
            fh = funds_header(grid, r)
            if fh is not None:
                table_start = r if table_start is None else table_start
                funds, end = read_funds(grid, r, fh, notes)
                unit = header_unit(grid.rows[r]) or _declared_before(declared, r) or "万元"
                funds = _funds_in_wan(funds, unit, notes)
                consumed.update(range(r, end))
                r = end
                continue
            sh = score_header(grid, r)
            if sh is not None:
                table_start = r if table_start is None else table_start
                nodes, total, end = read_scores(grid, sh, notes)
                indicators.extend(nodes)
                stated_total = total if total is not None else stated_total
                consumed.update(range(r, end))
                r = end
                continue
            goal = read_goal(grid, r)
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
                    unit = header_unit((label,)) or _declared_before(declared, r_) or "万元"
                    if unit != "万元" and _EXP_LOOKUP[key] not in expenditure:
                        notes.append(f"{grid.where(r_, c_)}：{label}的金额单位为{unit}，已换算为万元。")
                    expenditure.setdefault(_EXP_LOOKUP[key], in_wan(number, unit))
        if table_start is None and not known and any(any(row) for row in grid.rows):
            candidates.append(ws.title)
        for row in grid.rows[: (table_start if table_start is not None else 4) + 1]:
            for cell in row:
                m = _YEAR.search(cell)
                if m:
                    years.append(int(m.group(1)))
                    titles.append(clean(cell))

    if "department" not in meta:
        named = next((d for d in map(department_in_title, titles) if d), None)
        if named is not None and not overrides.get("department"):
            meta["department"] = named
            notes.append(f"部门名称取自表格标题：{named}；如不对，请用 --department 指定。")
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


def _declared_units(grid: Grid) -> list[tuple[int, str]]:
    """(row, unit) of each "金额单位：元" declaration on a sheet, top to bottom."""
    out = []
    for r, row in enumerate(grid.rows):
        for cell in row:
            unit = declared_unit(cell)
            if unit is not None:
                out.append((r, unit))
                break
    return out


def _declared_before(declared: list[tuple[int, str]], row: int) -> str | None:
    """The unit the nearest declaration at or above ``row`` states: it holds for what is below it."""
    found = None
    for at, unit in declared:
        if at > row:
            break
        found = unit
    return found


def _funds_in_wan(funds: dict[str, Any], unit: str, notes: list[str]) -> dict[str, Any]:
    """The funds block's amounts (年初预算数, 全年预算数, 全年执行数) converted from ``unit`` to 万元."""
    if unit == "万元":
        return funds

    def converted(amounts: dict[str, Any]) -> dict[str, Any]:
        return {
            k: in_wan(v, unit) if k in ("initial", "annual", "executed") and v is not None else v
            for k, v in amounts.items()
        }

    out = dict(funds)
    if "total" in out:
        out["total"] = converted(out["total"])
    out["sources"] = [converted(source) for source in out["sources"]]
    notes.append(f"资金表的金额单位为{unit}，已换算为万元。")
    return out


# What a unit's name ends with: 局, 委员会, 办公室, 中心, 医院, 学校, 人民政府, 街道办事处 …
_UNIT_END = r"(?:局|委员会|委|办公室|办|院|所|中心|站|队|部|会|厅|馆|学校|校|政府|处|室|社|团|园|场|台|协会|联合会|管委会)"
# "阳山县农业农村局2023年度部门整体支出绩效自评表" and "2023年度阳山县农业农村局部门整体支出绩效自评表"
_NAME_BEFORE_YEAR = re.compile(rf"^(?P<dept>[^\d\s：:（(]{{2,40}}?{_UNIT_END})\s*20\d\d\s*年")
_NAME_AFTER_YEAR = re.compile(
    rf"^20\d\d\s*年度?\s*(?P<dept>[^\d\s：:（(]{{2,40}}?{_UNIT_END})\s*"
    r"(?:部门整体支出|整体支出|部门整体|项目支出|部门|单位|绩效|预算|自评)"
)


def department_in_title(title: str) -> str | None:
    """The unit a table's title names ("阳山县农业农村局2023年度…自评表" → 阳山县农业农村局), if any."""
    for rx in (_NAME_BEFORE_YEAR, _NAME_AFTER_YEAR):
        m = rx.match(title.replace(" ", ""))
        if m and ("自评" in title or "评价" in title or "绩效" in title):
            return m.group("dept")
    return None


# The lowest division a unit's name mentions decides its level: a 县, 旗 or 市辖区 (but not an
# 自治区) is county level, a 市, 州 or 盟 city level, a 省 or 自治区 province level.
_COUNTY = re.compile(r"县|旗|(?<!自治)区")
_CITY = re.compile(r"市|州|盟")
_PROVINCE = re.compile(r"省|自治区")


def _rubric_kind(path: Path) -> object:
    """The report kind a bundled rubric file is for (its ``kind:``), read without drafter.rubric,
    which sits a layer above the data (its formulas name the data's fields)."""
    raw = safe_load(read_text(path), path=str(path), what="指标体系文件")
    return raw.get("kind") if isinstance(raw, dict) else None


def _infer_level(name: str) -> str | None:
    if _COUNTY.search(name):
        return "县"
    if _CITY.search(name):
        return "市"
    if _PROVINCE.search(name):
        return "省"
    return None


def _assemble(
    meta: dict[str, Any],
    expenditure: dict[Any, Any],
    nodes: list[IndicatorNode],
    funds: dict[str, Any] | None,
    targets: list[str],
    achieved: list[str],
    stated_total: Decimal | None,
    years: list[int],
    overrides: dict[str, Any],
    notes: list[str],
    used: list[str],
) -> WorkbookImport:
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
        fits = [rid for rid, path in bundled_rubrics().items() if _rubric_kind(path) == kind]
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
    data = _validated(payload)
    if stated_total is not None:
        computed = data.total_self()
        if computed is not None and computed != stated_total:
            notes.append(f"表中合计得分为 {stated_total}，各指标得分相加为 {computed}，请核对。")
    return WorkbookImport(data=data, notes=notes, stated_total=stated_total, sheets=used)


def _validated(payload: dict[str, Any]) -> EvaluationData:
    """Validate with the data loader's Chinese messages (field path, what is wrong, how to fix)."""
    try:
        return EvaluationData.model_validate(payload)
    except ValidationError as exc:
        first = _findings_from(exc, DataSource(path=""))[0]
        where = f"{first.path}：" if first.path else ""
        raise DrafterError(f"表中数据不符合要求：{where}{first.message}{first.hint or ''}") from None
