"""The drafter's section-四 hook: suggestions fill it when the data has none; 无 beside deductions warns."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from drafter.data.load import load_data
from drafter.draft.report import draft_report
from drafter.suggest import no_problem_warning, section_four

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"


def _without_problems(tmp_path: Path, problems: str = "") -> Path:
    text = DATA.read_text(encoding="utf-8")
    head, _, rest = text.partition("\nproblems:")
    tail = rest[rest.index("\nother_notes:") :] if "\nother_notes:" in rest else "\n"
    out = tmp_path / "data.yaml"
    out.write_text(head + (f"\nproblems: {problems}\n" if problems else "\n") + tail, encoding="utf-8")
    return out


def test_section_four_fills_the_drafted_report(tmp_path):
    data = load_data(_without_problems(tmp_path))
    assert not data.problems and not data.measures
    report = draft_report(data, section_four=section_four)
    text = report.section("problems").text
    assert "【待补充" not in text
    assert "存在问题：一是“资金管理”指标（分值20分）自评16分，扣4分" in text
    assert "改进措施：一是" in text and "编制2025年部门预算时" in text


def test_the_data_own_problems_are_kept(tmp_path):
    data = load_data(DATA)
    report = draft_report(data, section_four=section_four)
    assert "部分股室对绩效管理工作理解不全面" in report.section("problems").text


def test_no_problem_beside_deduction_warns(tmp_path):
    path = _without_problems(tmp_path, "[无]")
    data = load_data(path)
    assert "“资金管理”扣4分" in (no_problem_warning(data) or "")
    proc = subprocess.run(
        [sys.executable, "-m", "drafter", "draft", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "警告：数据中“存在问题：无”，但有扣分指标（“资金管理”扣4分）" in proc.stderr
    assert no_problem_warning(load_data(DATA)) is None


def test_cli_draft_uses_the_hook(tmp_path):
    path = _without_problems(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "drafter", "draft", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "存在问题：一是“资金管理”指标" in proc.stdout
