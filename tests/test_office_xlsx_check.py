"""A 自评表 workbook checked as a report: its rows become table lines for the checker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
from test_office_xlsx import _messy_national_form

from drafter.check.run import CheckOptions, check_document
from drafter.data.load import load_data
from drafter.document import LineKind
from drafter.office.xlsx_template import write_template
from drafter.read import read_document
from drafter.read.xlsx import workbook_document

ROOT = Path(__file__).resolve().parents[1]


def _codes(path: Path) -> list[str]:
    return [f.code for f in check_document(read_document(path), options=CheckOptions())]


def test_rows_are_table_lines_with_merges_and_blanks_resolved(tmp_path: Path) -> None:
    book = tmp_path / "p.xlsx"
    _messy_national_form(book)
    doc = workbook_document(book)
    text = [line.raw for line in doc.lines]
    assert text[0] == "【工作表：Sheet1】"
    # a vertical merge names each row; a horizontal one is one cell; blank "same as above" cells are filled
    assert "项目资金（万元） | 年度资金总额 | 300 | 320.00 | 304.00 | 10 | 95% | 9.5分" in text
    assert "产出指标 | 数量指标 | 修复坑槽 | ≥300处 | 320处 | １５ | 15" in text
    assert "总分 |  |  |  |  | 100 | 98" in text
    assert doc.fmt == "xlsx" and doc.path == str(book)
    row = next(line for line in doc.lines if "修复坑槽" in line.text)
    assert row.kind is LineKind.ROW and "修复坑槽" in row.cells


def test_execution_rate_that_contradicts_its_figures_is_found(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    _messy_national_form(good)
    wb = openpyxl.load_workbook(good)
    wb.active["G7"] = 0.90  # 304 ÷ 320 is 95%, not 90%
    wb.save(bad)
    assert "TB001" not in _codes(good)
    assert "TB001" in _codes(bad)


def test_department_workbooks_check_like_their_reports(tmp_path: Path) -> None:
    clean = write_template(
        tmp_path / "平川.xlsx", data=load_data(ROOT / "examples/pingchuan-agri-2023/data.yaml")
    )
    assert _codes(clean) == []
    yangxi = write_template(tmp_path / "阳西.xlsx", data=load_data(ROOT / "examples/yangxi-2023/data.yaml"))
    assert _codes(yangxi) == ["CN001"]  # the 2020 方案 cited in 预算编制规范性's 评分依据


def test_check_command_takes_a_workbook(tmp_path: Path) -> None:
    book = write_template(tmp_path / "阳西.xlsx", data=load_data(ROOT / "examples/yangxi-2023/data.yaml"))
    proc = subprocess.run(
        [sys.executable, "-m", "drafter", "check", str(book)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0  # CN001 is a warning
    assert "CN001" in proc.stdout and "2020年度" in proc.stdout


def test_findings_name_the_cell_and_number_rows_as_excel_does(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    _messy_national_form(good)
    wb = openpyxl.load_workbook(good)
    wb.active["G7"] = 0.90
    wb.save(bad)
    found = [f for f in check_document(read_document(bad), options=CheckOptions()) if f.code == "TB001"]
    assert [(f.line, f.path) for f in found] == [(7, "Sheet1!G7")]
    proc = subprocess.run(
        [sys.executable, "-m", "drafter", "check", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert f"{bad} 单元格 Sheet1!G7  TB001" in proc.stdout


def test_rows_keep_excel_numbers_when_the_sheet_starts_lower_and_further_right(tmp_path: Path) -> None:
    book = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["C4"], ws["D4"], ws["E4"] = "指标名称", "分值", "自评得分"
    ws["C5"], ws["D5"], ws["E5"] = "预算编制", 20, 18
    ws["C6"], ws["D6"], ws["E6"] = "预算执行", 30, 32
    ws["C7"], ws["D7"], ws["E7"] = "合计", 50, 50
    wb.save(book)
    doc = read_document(book)
    row = next(line for line in doc.lines if "预算执行" in line.text)
    assert row.cells == ("", "", "预算执行", "30", "32")
    assert doc.cell_refs[row.no - 1][2:] == ("自评表!C6", "自评表!D6", "自评表!E6")
    over = [f for f in check_document(doc, options=CheckOptions()) if f.code == "SC003"]
    assert over and over[0].line == 6 and over[0].path.startswith("自评表!")


def test_html_review_of_a_workbook_marks_the_row_of_the_cell(tmp_path: Path) -> None:
    from drafter.check.run import check_path
    from drafter.office.html import _plan

    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    _messy_national_form(good)
    wb = openpyxl.load_workbook(good)
    wb.active["G7"] = 0.90
    wb.save(bad)
    doc = read_document(bad)
    plans, unplaced = _plan(doc, check_path(bad).findings)
    (row,) = (no for no, plan in plans.items() if any(n.finding.code == "TB001" for n in plan.notes))
    assert "90%" in doc.line(row).cells  # Excel row 7 is the document's line 8 (the sheet line first)
    assert row == 8 and not unplaced
