"""自评表 workbooks as finance staff keep them: a title row naming the unit and year (or a
"单位名称：" cell), a two-row merged header, merged 一级指标 cells, a spacer row, a 合计 row, one
sheet and no 基本信息 sheet — checked (cells named as Excel names them) and imported."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from drafter.check.run import CheckOptions, check_document
from drafter.data.xlsx_import import department_in_title, read_workbook
from drafter.read import read_document
from tests._cli import run

ROWS = [
    ("预算编制", "预算编制", "预算编制合理性", 4, 4, ""),
    ("预算编制", "预算编制", "预算编制规范性", 4, 4, ""),
    ("预算编制", "目标设置", "绩效目标合理性", 12, 12, ""),
    ("预算执行", "资金管理", "预算执行率", 20, 16, "执行率低于95%"),
    ("预算执行", "项目管理", "项目管理规范性", 8, 8, ""),
    ("预算执行", "资产管理", "固定资产利用率", 7, 7, ""),
    ("预算使用效益", "经济性", "成本控制", 5, 5, ""),
    ("预算使用效益", "效率性", "完成及时性", 10, 10, ""),
    ("预算使用效益", "效果性", "社会效益", 25, 25, ""),
    ("预算使用效益", "公平性", "满意度", 5, 5, ""),
]


def kept_workbook(
    path: Path,
    *,
    title: str = "阳山县农业农村局2023年度部门整体支出绩效自评表",
    unit_line: str | None = None,
    total: int = 96,
    scores: dict[int, int] | None = None,
) -> int:
    """Write the workbook; return the Excel row of its 合计."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["A1"] = title
    ws.merge_cells("A1:F1")
    r = 2
    if unit_line:
        ws["A2"] = unit_line
        ws.merge_cells("A2:F2")
        r = 3
    ws.cell(r, 1, "评价指标")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
    for c, label in ((4, "分值"), (5, "自评得分"), (6, "扣分原因")):
        ws.cell(r, c, label)
        ws.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)
    for c, label in enumerate(("一级指标", "二级指标", "三级指标"), start=1):
        ws.cell(r + 1, c, label)
    row = r + 2
    first_of: dict[str, int] = {}
    for i, values in enumerate(ROWS):
        if i == 3:
            row += 1  # a spacer row between two groups
        values = list(values)
        if scores and i in scores:
            values[4] = scores[i]
        for c, v in enumerate(values, start=1):
            if c > 1 or values[0] not in first_of:
                ws.cell(row, c, v)
        first_of.setdefault(values[0], row)
        last_of_group = i + 1 == len(ROWS) or ROWS[i + 1][0] != values[0]
        if last_of_group and row > first_of[values[0]]:
            ws.merge_cells(start_row=first_of[values[0]], start_column=1, end_row=row, end_column=1)
        row += 1
    ws.cell(row, 1, "合计")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    ws.cell(row, 4, 100)
    ws.cell(row, 5, total)
    wb.save(path)
    return row


def test_a_kept_workbook_checks_clean(tmp_path: Path) -> None:
    book = tmp_path / "自评表.xlsx"
    kept_workbook(book)
    assert check_document(read_document(book), options=CheckOptions()) == []


def test_a_wrong_total_is_found_on_its_cell(tmp_path: Path) -> None:
    book = tmp_path / "自评表.xlsx"
    total_row = kept_workbook(book, total=98)
    found = [f for f in check_document(read_document(book), options=CheckOptions()) if f.code == "SC002"]
    assert [(f.line, f.path) for f in found] == [(total_row, f"自评表!E{total_row}")]


def test_a_changed_score_is_found(tmp_path: Path) -> None:
    book = tmp_path / "自评表.xlsx"
    kept_workbook(book, scores={7: 9})  # 效率性 9 of 10 while the 合计 still says 96
    codes = {f.code for f in check_document(read_document(book), options=CheckOptions())}
    assert "SC002" in codes and "RD001" not in codes


def test_import_takes_unit_year_and_level_from_the_title(tmp_path: Path) -> None:
    book = tmp_path / "自评表.xlsx"
    kept_workbook(book)
    result = read_workbook(book)
    meta = result.data.meta
    assert (meta.department, meta.fiscal_year, meta.level) == ("阳山县农业农村局", 2023, "县")
    assert any("预算级次按部门名称推断为“县”" in n for n in result.notes)
    assert any("部门名称取自表格标题" in n for n in result.notes)
    assert result.data.total_self() == 96
    code, out, err = run("import", str(book), "--level", "市")
    assert code == 0 and "level: 市" in out and "推断" not in err


def test_import_takes_the_unit_from_a_label_cell(tmp_path: Path) -> None:
    book = tmp_path / "自评表.xlsx"
    kept_workbook(
        book,
        title="部门整体支出绩效自评表（2023年度）",
        unit_line="单位名称：清远市清城区教育局　　　金额单位：万元",
    )
    meta = read_workbook(book).data.meta
    assert (meta.department, meta.fiscal_year, meta.level) == ("清远市清城区教育局", 2023, "县")


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("阳山县农业农村局2023年度部门整体支出绩效自评表", "阳山县农业农村局"),
        ("2023年度广州市教育局部门整体支出绩效自评表", "广州市教育局"),
        ("2024年 某某县人民医院 整体支出绩效评价表", "某某县人民医院"),
        ("2023年度道路改造项目支出绩效自评表", None),
        ("附件2", None),
    ],
)
def test_department_in_title(title: str, unit: str | None) -> None:
    assert department_in_title(title) == unit
