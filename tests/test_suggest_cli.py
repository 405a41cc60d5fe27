"""``drafter suggest`` as a user runs it: formats, output file, and bad input (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"
REPORT = REPO / "examples" / "yangxi-2023" / "report.txt"


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter", "suggest", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_text_on_data():
    proc = run(str(DATA))
    assert proc.returncode == 0, proc.stderr
    assert "政府采购超计划执行" in proc.stdout
    assert "责任：党政办公室" in proc.stdout


def test_json_on_report():
    proc = run(str(REPORT), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["input_kind"] == "report"
    assert {s["entry"] for s in data["suggestions"]} >= {"gd.procurement", "rule.cl002", "rule.fg005"}


def test_section_to_file(tmp_path):
    out = tmp_path / "四.txt"
    proc = run(str(DATA), "-f", "section", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("四、存在的问题、原因分析及改进措施\n存在问题：")


def test_suggest_never_imports_the_llm_stack():
    code = (
        "import sys\nfrom drafter.cli import main\n"
        "try:\n    main(['suggest', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('openai', 'langchain', 'langchain_core', 'langchain_openai')]\n"
        "print('IMPORTED', bad)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(REPORT)], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert "IMPORTED []" in proc.stdout, proc.stdout[-500:] + proc.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "none.yaml", "文件不存在"),
        (lambda d: _write(d / "bad.yaml", "meta: [\n"), "YAML 格式错误"),
        (lambda d: _write(d / "bad.docx", "not a zip"), "docx"),
        (lambda d: _write(d / "x.csv", "a,b"), "不支持的文件类型"),
        (lambda d: d, "文件夹"),
        (
            lambda d: _write(
                d / "types.yaml", "meta: {department: x, fiscal_year: 二零二三, level: 县, rubric: r}\n"
            ),
            "fiscal_year",
        ),
    ],
    ids=["missing", "bad-yaml", "bad-docx", "suffix", "folder", "wrong-type"],
)
def test_bad_input_is_one_chinese_line_and_exit_2(tmp_path, make, message):
    target = make(tmp_path)
    proc = run(str(target))
    assert proc.returncode == 2
    assert proc.stderr.startswith("错误：") and message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_output_may_not_overwrite_the_input(tmp_path):
    copy = tmp_path / "data.yaml"
    copy.write_bytes(DATA.read_bytes())
    proc = run(str(copy), "-o", str(copy))
    assert proc.returncode == 2 and "输出文件不能与输入文件相同" in proc.stderr
    assert copy.read_bytes() == DATA.read_bytes()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_custom_kb_folder_and_a_broken_one(tmp_path):
    from drafter.resources import resource_dir

    good = tmp_path / "kb"
    good.mkdir()
    for f in (resource_dir("prompts") / "measures").glob("*.yaml"):
        text = f.read_text(encoding="utf-8")
        if f.name == "gd-county-dept.yaml":
            text = text.replace(
                "建立{{ next_year }}年政府采购计划执行台账", "本局自定：建立{{ next_year }}年采购台账"
            )
        (good / f.name).write_text(text, encoding="utf-8")
    proc = run(str(DATA), "--kb", str(good))
    assert proc.returncode == 0, proc.stderr
    assert "本局自定：建立2024年采购台账" in proc.stdout
    (good / "rules.yaml").write_text("version: 1\nentries:\n  - id: Bad Id\n", encoding="utf-8")
    proc = run(str(DATA), "--kb", str(good))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "rules.yaml" in proc.stderr and "措施知识库文件字段" in proc.stderr
