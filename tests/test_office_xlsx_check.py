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
from drafter.office.xlsx import write_template
from drafter.office.xlsx_document import workbook_document, workbook_text
from drafter.read import read_document

ROOT = Path(__file__).resolve().parents[1]


def _codes(path: Path) -> list[str]:
    return [f.code for f in check_document(read_document(path), options=CheckOptions())]


def test_rows_are_table_lines_with_merges_and_blanks_resolved(tmp_path: Path) -> None:
    book = tmp_path / "p.xlsx"
    _messy_national_form(book)
    text = workbook_text(book).split("\n")
    assert text[0] == "【工作表：Sheet1】"
    # a vertical merge names each row; a horizontal one is one cell; blank "same as above" cells are filled
    assert "项目资金（万元） | 年度资金总额 | 300 | 320.00 | 304.00 | 10 | 95% | 9.5分" in text
    assert "产出指标 | 数量指标 | 修复坑槽 | ≥300处 | 320处 | １５ | 15" in text
    assert "总分 |  |  |  |  | 100 | 98" in text
    doc = workbook_document(book)
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
