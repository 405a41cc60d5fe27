"""The office commands run for real: drafter import (and the options the office adds elsewhere)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.data.load import load_data
from drafter.office.xlsx import write_template

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
