"""The office commands run for real: drafter import (and the options the office adds elsewhere)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.data.load import load_data
from drafter.office.xlsx_template import write_template

ROOT = Path(__file__).resolve().parents[1]
YANGXI = ROOT / "examples" / "yangxi-2023" / "data.yaml"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args], capture_output=True, text=True, cwd=cwd or ROOT, check=False
    )


@pytest.fixture
def yangxi_book(tmp_path: Path) -> Path:
    data = load_data(YANGXI)
    return write_template(tmp_path / "自评表.xlsx", data=data)


def test_import_writes_yaml_that_validate_accepts(tmp_path: Path, yangxi_book: Path) -> None:
    out = tmp_path / "data.yaml"
    before = hashlib.sha256(yangxi_book.read_bytes()).hexdigest()
    proc = run("import", str(yangxi_book), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "已写入" in proc.stderr
    assert hashlib.sha256(yangxi_book.read_bytes()).hexdigest() == before
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 由 drafter import 从 自评表.xlsx 导入")
    assert "self_score: 16" in text and "deduction_reason: 政府采购实际数大于政府采购计划数" in text
    check = run("validate", str(out))
    assert check.returncode == 0, check.stdout + check.stderr


def test_import_to_stdout(yangxi_book: Path) -> None:
    proc = run("import", str(yangxi_book))
    assert proc.returncode == 0
    assert "department: 阳西县高新技术产业开发区管理委员会" in proc.stdout


def test_import_refuses_to_overwrite(tmp_path: Path, yangxi_book: Path) -> None:
    proc = run("import", str(yangxi_book), "-o", str(yangxi_book))
    assert proc.returncode == 2 and "不能与输入文件相同" in proc.stderr
    existing = tmp_path / "data.yaml"
    existing.write_text("mine\n", encoding="utf-8")
    proc = run("import", str(yangxi_book), "-o", str(existing))
    assert proc.returncode == 2 and "文件已存在" in proc.stderr
    assert existing.read_text(encoding="utf-8") == "mine\n"
    proc = run("import", str(yangxi_book), "-o", str(existing), "--force")
    assert proc.returncode == 0 and "meta:" in existing.read_text(encoding="utf-8")


def test_import_bad_workbook_exits_2_with_one_line(tmp_path: Path) -> None:
    book = tmp_path / "加密.xlsx"
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    proc = run("import", str(book), "-o", str(tmp_path / "d.yaml"))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "加密.xlsx" in proc.stderr and "密码" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "d.yaml").exists()


def test_import_template_needs_meta_then_options_supply_it(tmp_path: Path) -> None:
    book = write_template(tmp_path / "t.xlsx", "部门整体")
    proc = run("import", str(book))
    assert proc.returncode == 2 and "缺少部门全称" in proc.stderr
    proc = run("import", str(book), "--department", "清河县财政局", "--year", "2023", "--level", "县")
    assert proc.returncode == 0, proc.stderr
    assert "department: 清河县财政局" in proc.stdout and "fiscal_year: 2023" in proc.stdout


SAMPLE = ROOT / "examples" / "yangxi-2023" / "report.txt"


def test_check_annotate_and_html(tmp_path: Path) -> None:
    src = tmp_path / "report.txt"
    src.write_bytes(SAMPLE.read_bytes())
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    reviewed, page = tmp_path / "reviewed.docx", tmp_path / "review.html"
    proc = run("check", str(src), "--annotate", str(reviewed), "--format", "html", "-o", str(page))
    assert proc.returncode == 1  # the sample has an error-level finding (FG005)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert f"已写入审阅版 {reviewed}" in proc.stderr
    from _office_helpers import comments

    notes = comments(reviewed)
    codes = sorted(c["text"].split()[0].strip("[") for c in notes.values())
    json_proc = run("check", str(src), "--format", "json")
    expected = sorted(f["code"] for f in json.loads(json_proc.stdout)["reports"][0]["findings"])
    assert codes == expected and "FG005" in codes and "CN002" in codes
    assert all(c["author"] == "drafter" and c["anchor"] for c in notes.values())
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<mark ") >= len(expected) - 1
    assert re.search(r'<mark class="warning"[^>]*data-codes="CN002"[^>]*>国土规划局</mark>', html)


def test_check_annotate_many_reports_into_a_folder(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_bytes(SAMPLE.read_bytes())
    (reports / "b.md").write_text("# 标题\n\n正文没有得分。\n", encoding="utf-8")
    outdir = tmp_path / "审阅版"
    # A missing folder is created (issue 12: the README's `--annotate 审阅版/` must work) ...
    proc = run("check", str(reports), "--annotate", f"{outdir}/", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in outdir.iterdir()) == ["a.审阅.docx", "b.审阅.docx"]
    # ... an existing copy is never overwritten without --force (it may carry a reviewer's notes).
    before = (outdir / "a.审阅.docx").read_bytes()
    proc = run("check", str(reports), "--annotate", str(outdir), "--fail-on", "never")
    assert proc.returncode == 2 and "文件已存在" in proc.stderr and "--force" in proc.stderr
    assert proc.stderr.count("\n") == 1 and (outdir / "a.审阅.docx").read_bytes() == before
    proc = run("check", str(reports), "--annotate", str(outdir), "--fail-on", "never", "--force")
    assert proc.returncode == 0, proc.stderr
    # A file name for several reports is refused.
    proc = run("check", str(reports), "--annotate", str(tmp_path / "x.docx"), "--fail-on", "never")
    assert proc.returncode == 2 and "文件夹" in proc.stderr


def test_check_annotate_one_report_into_a_new_folder(tmp_path: Path) -> None:
    src = tmp_path / "report.txt"
    src.write_bytes(SAMPLE.read_bytes())
    proc = run("check", str(src), "--annotate", str(tmp_path / "审阅版") + "/", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "审阅版" / "report.审阅.docx").exists()


PINGCHUAN = ROOT / "examples" / "pingchuan-agri-2023" / "data.yaml"


def test_init_xlsx_writes_the_template(tmp_path: Path) -> None:
    proc = run("init", str(tmp_path), "--xlsx")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "自评表.xlsx").exists() and "drafter import" in proc.stderr
    proc = run("init", str(tmp_path), "--xlsx", "--kind", "项目支出", "--name", "项目.xlsx")
    assert proc.returncode == 0
    import openpyxl

    assert "项目支出绩效自评表" in openpyxl.load_workbook(tmp_path / "项目.xlsx").sheetnames
    proc = run("init", str(tmp_path), "--xlsx")
    assert proc.returncode == 2 and "已存在" in proc.stderr


def test_data_option_accepts_a_workbook(tmp_path: Path) -> None:
    """--data 自评表.xlsx: validate, and check a drafted report against the workbook."""
    import openpyxl

    book = write_template(tmp_path / "平川.xlsx", data=load_data(PINGCHUAN))
    assert run("validate", str(book)).returncode == 0
    report = tmp_path / "平川.docx"
    # drafted from the full data (the workbook holds the tables, not the narrative), checked against the workbook
    assert run("draft", str(PINGCHUAN), "-o", str(report)).returncode == 0
    proc = run("check", str(report), "--data", str(book))
    assert proc.returncode == 0, proc.stdout
    # a score changed in the workbook is caught in the report
    wb = openpyxl.load_workbook(book)
    ws = wb["自评表"]
    for row in ws.iter_rows(min_row=4):
        if (
            row[4].value is not None
            and row[3].value is not None
            and row[4].value == row[3].value
            and row[2].value
        ):
            row[4].value = row[4].value - 1
            changed = row[2].value
            break
    wb.save(book)
    proc = run("check", str(report), "--data", str(book), "--format", "json")
    codes = [f["code"] for f in json.loads(proc.stdout)["reports"][0]["findings"]]
    assert "DT002" in codes, (changed, proc.stdout)


def test_check_annotate_on_a_corrupt_docx_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    out = tmp_path / "reviewed.docx"
    proc = run("check", str(bad), "--annotate", str(out))
    assert proc.returncode == 2 and "坏.docx" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()
