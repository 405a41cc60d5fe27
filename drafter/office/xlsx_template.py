"""Excel 自评表 out: the template workbook of ``drafter init --xlsx`` (empty or filled from data).

The workbook is laid out the way finance staff know it and the way :mod:`drafter.data.xlsx_import`
reads it back: a 基本信息 sheet, the score table (部门整体) or the national 项目支出绩效自评表
(funds block, 年度总体目标, indicator rows), a 支出情况 sheet for 部门整体, and 填写说明.
Indicator rows come from the rubric (names and maxima where the rubric knows them); cells have
data validation (numbers ≥ 0, 得分 ≤ 分值, lists for 级次/类型/体系) with Chinese prompts.
No formulas: a workbook saved by a script has no cached formula values, and readers that do not
recalculate (including ours) would see empty cells.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.data.model import EvaluationData
from drafter.data.xlsx_import import expenditure_labels
from drafter.errors import DrafterError
from drafter.fileio import check_output_path, write_atomic

__all__ = ["KINDS", "write_template"]

KINDS = ("部门整体", "项目支出")
DEFAULT_RUBRIC = {"部门整体": "gd-county-dept-2023", "项目支出": "national-project-2020"}

_DEPT_HEADER = ("一级指标", "二级指标", "三级指标", "分值", "自评得分", "评分依据", "扣分原因")
_PROJECT_HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
_FUND_HEADER = ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分")
_FUND_ROWS = ("年度资金总额", "其中：本年财政拨款", "上年结转资金", "其他资金")
# Blank level-3 rows offered under each level-2 indicator of a 项目支出 table.
_BLANK_LEVEL3_ROWS = 2

_EXPENDITURE_NOTES = {
    ("initial_budget",): "部门年初预算总额",
    ("adjusted_budget",): "全年预算（调整后）总额",
    ("actual",): "决算实际支出总额",
    ("basic",): "基本支出 + 项目支出 应等于 实际支出数",
    ("fixed_assets", "in_use"): "实际在用的固定资产",
    ("fixed_assets", "total"): "所有固定资产",
}


_INSTRUCTIONS = (
    "填写说明",
    "1. 本工作簿可直接用 drafter import 导入：drafter import 本文件.xlsx -o data.yaml",
    "2. “基本信息”表：部门全称、评价年度、预算级次、指标体系必填；项目支出自评还需填写项目名称。",
    "3. 金额一律以“万元”为单位，只填数字（可保留两位小数），不要带“万元”字样。",
    "4. 分值、得分只填数字；上级指标的得分可留空，导入时由下级得分相加。",
    "5. 自评得分低于分值的指标，请在“扣分原因”（项目支出表为“偏差原因分析及改进措施”）中写明原因。",
    "6. 年度指标值可写“≥90%”“≤100万元”“2023年12月底前”等，原样保留。",
    "7. 表中的指标来自所选指标体系；不适用的三级指标行可删除，空白行导入时忽略。",
    "8. 合计（总分）行可填写表中合计得分，导入时会与各指标得分之和核对。",
)


def _fmt(value: Decimal | None) -> Any:
    if value is None:
        return None
    number = value.normalize()
    return int(number) if number == number.to_integral_value() else float(number)


def _styles():  # type: ignore[no-untyped-def]
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "head_font": Font(name="黑体", bold=True, size=11),
        "head_fill": PatternFill("solid", fgColor="D9E1F2"),
        "title_font": Font(name="方正小标宋简体", size=16),
        "body_font": Font(name="仿宋", size=11),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
    }


def _box(ws, rows: range, cols: range, st) -> None:  # type: ignore[no-untyped-def]
    for r in rows:
        for c in cols:
            cell = ws.cell(r, c)
            cell.border = st["border"]
            if cell.font is None or not cell.font.bold:
                cell.font = st["body_font"]
            cell.alignment = (
                st["left"] if isinstance(cell.value, str) and len(cell.value) > 12 else st["center"]
            )


def _header(ws, row: int, labels: tuple[str, ...], st, start_col: int = 1) -> None:  # type: ignore[no-untyped-def]
    for i, label in enumerate(labels):
        cell = ws.cell(row, start_col + i, label)
        cell.font = st["head_font"]
        cell.fill = st["head_fill"]
        cell.alignment = st["center"]
        cell.border = st["border"]


def _decimal_rule(ws, ref: str, *, maximum: Decimal | None = None, what: str = "数字"):  # type: ignore[no-untyped-def]
    from openpyxl.worksheet.datavalidation import DataValidation

    if maximum is not None:
        dv = DataValidation(
            type="decimal", operator="between", formula1="0", formula2=str(maximum), allow_blank=True
        )
        dv.error = f"{what}应在 0 到 {maximum} 之间。"
    else:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        dv.error = f"{what}应为不小于 0 的数字。"
    dv.errorTitle = "输入有误"
    dv.promptTitle = what
    dv.prompt = dv.error
    dv.showErrorMessage = True
    dv.showInputMessage = True
    ws.add_data_validation(dv)
    dv.add(ref)
    return dv


def _list_rule(ws, ref: str, options: list[str], title: str) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
    dv.errorTitle, dv.error = "输入有误", f"请从列表中选择{title}。"
    dv.promptTitle, dv.prompt = title, f"请从列表中选择{title}。"
    dv.showErrorMessage = dv.showInputMessage = True
    ws.add_data_validation(dv)
    dv.add(ref)


# -- indicator rows ---------------------------------------------------------------------------------


def _rubric_nodes(rubric) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    def convert(node) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        return {
            "name": node.name,
            "max_score": node.max_score,
            "children": [convert(c) for c in node.children],
        }

    return [convert(n) for n in rubric.indicators]


def _data_nodes(indicators) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    def convert(node) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        return {
            "name": node.name,
            "max_score": node.max_score,
            "self_score": node.self_score,
            "basis": node.basis,
            "deduction_reason": node.deduction_reason,
            "target": node.target,
            "actual": node.actual,
            "children": [convert(c) for c in node.children],
        }

    return [convert(n) for n in indicators]


def _rows(
    nodes: list[dict[str, Any]], path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """One row per node, depth first: (names of its path, the node)."""
    for node in nodes:
        here = (*path, node["name"])
        yield here, node
        yield from _rows(node.get("children", []), here)


def _with_blank_level3(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each level-2 indicator without children blank level-3 rows to fill in."""
    for top in nodes:
        for second in top.get("children", []):
            if not second.get("children"):
                second["children"] = [{"name": "", "max_score": None} for _ in range(_BLANK_LEVEL3_ROWS)]
    return nodes


def _merge_runs(ws, col: int, first_row: int, keys: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Merge vertically the consecutive rows of ``col`` that hold the same (non-empty) name."""
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            if keys[start] and i - start > 1:
                ws.merge_cells(
                    start_row=first_row + start, start_column=col, end_row=first_row + i - 1, end_column=col
                )
            start = i


def _indicator_table(ws, top_row: int, header: tuple[str, ...], nodes, st, *, project: bool) -> int:  # type: ignore[no-untyped-def]
    """Write the indicator header and rows from ``top_row``; return the next free row."""
    _header(ws, top_row, header, st)
    col = {name: i + 1 for i, name in enumerate(header)}
    max_col = col["分值"]
    self_col = col["得分"] if project else col["自评得分"]
    reason_col = col["偏差原因分析及改进措施"] if project else col["扣分原因"]
    r = top_row + 1
    first = r
    level_keys: list[list[str]] = [[], []]
    for path, node in _rows(nodes):
        names = [*path, "", ""][:3]
        for level in range(3):
            ws.cell(r, level + 1, names[level] or None)
        level_keys[0].append(names[0])
        level_keys[1].append(names[0] + "\x00" + names[1] if names[1] else "")
        ws.cell(r, max_col, _fmt(node.get("max_score")))
        ws.cell(r, self_col, _fmt(node.get("self_score")))
        ws.cell(r, reason_col, node.get("deduction_reason") or None)
        if project:
            ws.cell(r, col["年度指标值"], node.get("target") or None)
            ws.cell(r, col["实际完成值"], node.get("actual") or None)
        else:
            ws.cell(r, col["评分依据"], node.get("basis") or None)
        maximum = node.get("max_score")
        _decimal_rule(ws, f"{ws.cell(r, self_col).coordinate}", maximum=maximum, what="得分")
        r += 1
    _decimal_rule(
        ws,
        f"{ws.cell(first, max_col).coordinate}:{ws.cell(max(r - 1, first), max_col).coordinate}",
        what="分值",
    )
    _box(ws, range(first, r), range(1, len(header) + 1), st)
    # Merge level-1 and level-2 names down their rows (only where names are written).
    _merge_runs(ws, 1, first, level_keys[0])
    _merge_runs(ws, 2, first, level_keys[1])
    return r


def _total_row(
    ws, r: int, label: str, header: tuple[str, ...], total_max, total_self, st, *, project: bool
) -> None:  # type: ignore[no-untyped-def]
    col = {name: i + 1 for i, name in enumerate(header)}
    ws.cell(r, 1, label)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=col["分值"] - 1)
    ws.cell(r, col["分值"], _fmt(total_max))
    ws.cell(r, col["得分"] if project else col["自评得分"], _fmt(total_self))
    _box(ws, range(r, r + 1), range(1, len(header) + 1), st)
    ws.cell(r, 1).font = st["head_font"]


# -- sheets ----------------------------------------------------------------------------------------------


def _info_sheet(wb, kind: str, data, rubric_id: str, st) -> None:  # type: ignore[no-untyped-def]
    from drafter.rubric import available_rubrics

    ws = wb.active
    ws.title = "基本信息"
    meta = data.meta if data is not None else None
    rows = [
        (
            "部门全称",
            meta.department if meta else None,
            "部门（单位）全称，例如：阳西县高新技术产业开发区管理委员会",
        ),
        ("部门简称", meta.short_name if meta else None, "正文中使用的简称，可不填"),
        ("评价年度", meta.fiscal_year if meta else None, "四位数年份，例如 2023"),
        ("预算级次", meta.level if meta else None, "省、市或县"),
        ("报告类型", kind, "部门整体 或 项目支出"),
        ("指标体系", rubric_id, "所用评价指标体系的编号"),
    ]
    if kind == "项目支出":
        rows.append(("项目名称", meta.project if meta else None, "项目支出自评的项目全称"))
    if meta is not None and meta.title:
        rows.append(("报告标题", meta.title, ""))
    _header(ws, 1, ("项目", "内容", "说明"), st)
    for i, (label, value, note) in enumerate(rows, start=2):
        ws.cell(i, 1, label).font = st["head_font"]
        ws.cell(i, 2, value)
        ws.cell(i, 3, note)
    _box(ws, range(2, len(rows) + 2), range(1, 4), st)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 48
    ws.column_dimensions["C"].width = 50
    from openpyxl.worksheet.datavalidation import DataValidation

    year = DataValidation(
        type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True
    )
    year.errorTitle, year.error = "输入有误", "评价年度应为四位数年份，例如 2023。"
    year.showErrorMessage = True
    ws.add_data_validation(year)
    year.add("B4")
    _list_rule(ws, "B5", ["省", "市", "县"], "预算级次")
    _list_rule(ws, "B6", list(KINDS), "报告类型")
    _list_rule(ws, "B7", available_rubrics(), "指标体系")


def _expenditure_sheet(wb, data, st) -> None:  # type: ignore[no-untyped-def]
    ws = wb.create_sheet("支出情况")
    _header(ws, 1, ("项目", "金额（万元）", "说明"), st)
    exp = data.expenditure if data is not None else None
    rows = [(labels[0], key, _EXPENDITURE_NOTES.get(key, "")) for key, labels in expenditure_labels().items()]
    for i, (label, key, note) in enumerate(rows, start=2):
        value = None
        if exp is not None:
            value = getattr(exp, key[0])
            if value is not None and len(key) > 1:
                value = getattr(value, key[1])
        ws.cell(i, 1, label).font = st["head_font"]
        ws.cell(i, 2, _fmt(value)).number_format = "0.00"
        ws.cell(i, 3, note or None)
    last = len(rows) + 1
    _box(ws, range(2, last + 1), range(1, 4), st)
    _decimal_rule(ws, f"B2:B{last}", what="金额（万元）")
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 40


def _dept_sheet(wb, data, rubric, st) -> None:  # type: ignore[no-untyped-def]
    ws = wb.create_sheet("自评表", 1)
    title = "部门整体支出绩效自评表"
    if data is not None:
        title = f"{data.meta.department}{data.meta.fiscal_year}年度部门整体支出绩效自评表"
    ws.cell(1, 1, title).font = st["title_font"]
    ws.cell(1, 1).alignment = st["center"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(_DEPT_HEADER))
    ws.row_dimensions[1].height = 32
    nodes = _data_nodes(data.indicators) if data is not None else _rubric_nodes(rubric)
    r = _indicator_table(ws, 3, _DEPT_HEADER, nodes, st, project=False)
    total_max = data.total_max() if data is not None else rubric.total
    total_self = data.total_self() if data is not None else None
    _total_row(ws, r, "合计", _DEPT_HEADER, total_max, total_self, st, project=False)
    for letter, width in zip("ABCDEFG", (14, 16, 22, 8, 10, 50, 30), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"


def _project_sheet(wb, data, rubric, st) -> None:  # type: ignore[no-untyped-def]
    ws = wb.create_sheet("项目支出绩效自评表", 1)
    width = len(_PROJECT_HEADER)
    meta = data.meta if data is not None else None
    ws.cell(1, 1, "项目支出绩效自评表").font = st["title_font"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, 1, f"（{meta.fiscal_year if meta else '    '}年度）")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for r in (1, 2):
        ws.cell(r, 1).alignment = st["center"]
    ws.cell(3, 1, "项目名称").font = st["head_font"]
    ws.cell(3, 2, meta.project if meta else None)
    ws.merge_cells(start_row=3, start_column=2, end_row=3, end_column=width)
    ws.cell(4, 1, "主管部门").font = st["head_font"]
    ws.merge_cells(start_row=4, start_column=2, end_row=4, end_column=4)
    ws.cell(4, 5, "实施单位").font = st["head_font"]
    ws.cell(4, 6, meta.department if meta else None)
    ws.merge_cells(start_row=4, start_column=6, end_row=4, end_column=width)
    _box(ws, range(3, 5), range(1, width + 1), st)

    # Funds block: rows 5-9; the label cell "项目资金（万元）" spans the block.
    ws.cell(5, 1, "项目资金（万元）")
    _header(ws, 5, _FUND_HEADER, st, start_col=3)
    ws.merge_cells(start_row=5, start_column=1, end_row=9, end_column=1)
    exp = data.expenditure if data is not None else None
    rate_node = None
    nodes: list[dict[str, Any]]
    if data is not None:
        nodes = _data_nodes(data.indicators)
        if nodes and nodes[0]["name"] == "预算执行率":
            rate_node = nodes.pop(0)
    else:
        nodes = _with_blank_level3(_rubric_nodes(rubric))
        if nodes and nodes[0]["name"] == "预算执行率":
            rate_node = nodes.pop(0)
    sources = {s.name.removeprefix("其中："): s for s in (exp.sources if exp else [])}
    for i, label in enumerate(_FUND_ROWS):
        r = 6 + i
        ws.cell(r, 2, label)
        if i == 0:
            values = (exp.initial_budget, exp.adjusted_budget, exp.actual) if exp else (None, None, None)
            ws.cell(r, 6, _fmt(rate_node.get("max_score")) if rate_node else None)
            ws.cell(r, 7, (rate_node.get("actual") if rate_node and data is not None else None) or None)
            ws.cell(r, 8, _fmt(rate_node.get("self_score")) if rate_node else None)
        else:
            src = sources.get(label.removeprefix("其中："))
            values = (src.initial_budget, src.annual_budget, src.executed) if src else (None, None, None)
        for j, value in enumerate(values):
            ws.cell(r, 3 + j, _fmt(value)).number_format = "0.00"
    _box(ws, range(6, 10), range(2, width + 1), st)
    _decimal_rule(ws, "C6:E9", what="金额（万元）")
    if rate_node is not None and rate_node.get("max_score") is not None:
        _decimal_rule(ws, "H6", maximum=rate_node["max_score"], what="得分")
    # Sources other than the three printed rows (rare) are added below them.
    extra = [s for name, s in sources.items() if name not in {x.removeprefix("其中：") for x in _FUND_ROWS}]
    if extra:
        raise DrafterError(
            "项目支出自评表的资金来源只有“本年财政拨款”“上年结转资金”“其他资金”三行，"
            f"数据中的“{extra[0].name}”无法写入；请改为其中之一。"
        )

    # 年度总体目标: rows 10-11.
    ws.cell(10, 1, "年度总体目标")
    ws.merge_cells(start_row=10, start_column=1, end_row=11, end_column=1)
    ws.cell(10, 2, "预期目标")
    ws.merge_cells(start_row=10, start_column=2, end_row=10, end_column=5)
    ws.cell(10, 6, "实际完成情况")
    ws.merge_cells(start_row=10, start_column=6, end_row=10, end_column=width)
    ws.cell(11, 2, "；".join(data.targets) if data is not None and data.targets else None)
    ws.merge_cells(start_row=11, start_column=2, end_row=11, end_column=5)
    ws.cell(11, 6, data.conclusion if data is not None and data.conclusion else None)
    ws.merge_cells(start_row=11, start_column=6, end_row=11, end_column=width)
    _box(ws, range(10, 12), range(1, width + 1), st)
    ws.row_dimensions[11].height = 60

    r = _indicator_table(ws, 12, _PROJECT_HEADER, nodes, st, project=True)
    total_max = data.total_max() if data is not None else rubric.total
    total_self = data.total_self() if data is not None else None
    _total_row(ws, r, "总分", _PROJECT_HEADER, total_max, total_self, st, project=True)
    for letter, w in zip("ABCDEFGH", (14, 14, 22, 14, 14, 8, 8, 36), strict=True):
        ws.column_dimensions[letter].width = w
    ws.freeze_panes = "A13"


def _instructions(wb, st) -> None:  # type: ignore[no-untyped-def]
    ws = wb.create_sheet("填写说明")
    for i, line in enumerate(_INSTRUCTIONS, start=1):
        cell = ws.cell(i, 1, line)
        cell.font = st["head_font"] if i == 1 else st["body_font"]
    ws.column_dimensions["A"].width = 100


def write_template(
    path: str | Path, kind: str = "部门整体", *, data: EvaluationData | None = None, rubric: str | None = None
) -> Path:
    """Write a 自评表 workbook for ``kind`` (部门整体 | 项目支出), empty or filled from ``data``.

    The empty template's indicator rows come from ``rubric`` (default: the bundled rubric of
    that kind). The file is written atomically; an existing file is replaced.
    """
    from openpyxl import Workbook

    from drafter.rubric import load_rubric

    if data is not None:
        kind = data.meta.kind
        rubric = rubric or data.meta.rubric
    if kind not in KINDS:
        raise DrafterError(f"报告类型应为“部门整体”或“项目支出”，而不是“{kind}”。")
    target = check_output_path(path)
    if target.suffix.lower() != ".xlsx":
        raise DrafterError("模板应保存为 .xlsx 文件，请把文件名改为 *.xlsx。", path=str(target))
    rubric_obj = load_rubric(rubric or DEFAULT_RUBRIC[kind])
    st = _styles()
    wb = Workbook()
    _info_sheet(wb, kind, data, rubric_obj.id, st)
    if kind == "部门整体":
        _dept_sheet(wb, data, rubric_obj, st)
        _expenditure_sheet(wb, data, st)
    else:
        _project_sheet(wb, data, rubric_obj, st)
    _instructions(wb, st)
    wb.active = 1  # open on the table
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(target, buffer.getvalue())
    return target
