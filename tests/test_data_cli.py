"""``drafter draft`` / ``validate`` / ``init`` as a user runs them: exit codes, messages, files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

REPO = Path(__file__).resolve().parent.parent
YANGXI = REPO / "examples" / "yangxi-2023" / "data.yaml"
PINGCHUAN = REPO / "examples" / "pingchuan-agri-2023" / "data.yaml"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "drafter", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=60,
    )


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _assert_user_error(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.rstrip("\n").splitlines()[-1]
    assert last.startswith("错误：")  # one line, the message, last
    assert text in result.stderr


def test_draft_to_stdout_is_markdown() -> None:
    result = run("draft", PINGCHUAN)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# 平川县农业农村局2023年度部门整体支出绩效自评报告\n")
    assert result.stderr == ""  # clean data: no warnings


def test_draft_docx_and_warnings_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    result = run("draft", YANGXI, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "FG005  警告" in result.stderr and f"已写入 {out}" in result.stderr
    assert result.stdout == ""
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["一、部门基本情况", "二、绩效自评结论"]


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_draft_text_formats(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"r{suffix}"
    assert run("draft", PINGCHUAN, "-o", out).returncode == 0
    assert "三、绩效自评分析" in out.read_text(encoding="utf-8")


def test_draft_bad_inputs_exit_2_without_traceback(tmp_path: Path) -> None:
    _assert_user_error(run("draft", tmp_path / "无.yaml"), "文件不存在")
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta:\n  department: 某局\n   level: 县\n", encoding="utf-8")
    _assert_user_error(run("draft", broken), "YAML 格式错误")
    typed = tmp_path / "typed.yaml"
    typed.write_text(
        PINGCHUAN.read_text(encoding="utf-8").replace("actual: 3215.36", "actual: 三千"), encoding="utf-8"
    )
    result = run("draft", typed)
    _assert_user_error(result, "expenditure.actual：“actual”（实际支出数）应为数字，实际是“三千”。")
    line = _line_of(typed, "actual: 三千")
    assert f"第{line}行" in result.stderr
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(
        PINGCHUAN.read_text(encoding="utf-8").replace("gd-county-dept-2023", "gd-2099"), encoding="utf-8"
    )
    _assert_user_error(run("draft", rubric), "未知的评价指标体系“gd-2099”")


def test_draft_refuses_data_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        PINGCHUAN.read_text(encoding="utf-8").replace(
            "max_score: 5\n        self_score: 5", "max_score: 5\n        self_score: 6", 1
        ),
        encoding="utf-8",
    )
    out = tmp_path / "r.md"
    result = run("draft", bad, "-o", out)
    _assert_user_error(result, "数据中有 1 处错误（见上），未起草报告")
    assert "SC003  错误  “制度管理”自评 6 分，超过该项分值 5 分" in result.stderr
    assert not out.exists()


def test_draft_output_path_problems(tmp_path: Path) -> None:
    _assert_user_error(run("draft", PINGCHUAN, "-o", tmp_path), "输出路径是一个文件夹")
    copy = tmp_path / "data.yaml"
    copy.write_bytes(PINGCHUAN.read_bytes())
    before = copy.read_bytes()
    _assert_user_error(run("draft", copy, "-o", copy), "输出文件不能与输入文件相同")
    assert copy.read_bytes() == before
    _assert_user_error(run("draft", PINGCHUAN, "-o", tmp_path / "r.pdf"), "不支持的输出格式“.pdf”")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    _assert_user_error(run("draft", PINGCHUAN, "-o", tmp_path / "afile" / "r.md"), "不是文件夹")


def test_existing_output_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    out.write_text("旧内容", encoding="utf-8")
    assert run("draft", PINGCHUAN, "-o", out, "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# 平川县")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]  # no temporary file left


def test_validate_exit_codes(tmp_path: Path) -> None:
    clean = run("validate", PINGCHUAN)
    assert clean.returncode == 0 and "未发现问题" in clean.stdout
    warned = run("validate", YANGXI)
    assert warned.returncode == 0
    assert (
        f"{YANGXI} 第{_line_of(YANGXI, 'payments:') + 2}行  FG005  警告  所列支付款项合计 2890.35 万元，超过项目支出 2466.04 万元"
        in warned.stdout
    )
    typed = tmp_path / "typed.yaml"
    typed.write_text(
        PINGCHUAN.read_text(encoding="utf-8").replace("total: 46", "total: -46"), encoding="utf-8"
    )
    errors = run("validate", typed)
    assert errors.returncode == 1
    assert (
        f"{typed} 第{_line_of(typed, 'total: -46')}行  DA001  错误  “total”（总人数）不能为负数，实际是 -46。"
        in errors.stdout
    )
    missing = run("validate", tmp_path / "无.yaml")
    _assert_user_error(missing, "文件不存在")
    as_json = run("validate", YANGXI, "--format", "json")
    assert (
        as_json.returncode == 0
        and '"code": "FG005"' in as_json.stdout
        and '"path": "expenditure.payments[0].amount"' in as_json.stdout
    )


def test_init_writes_a_valid_commented_starter_and_never_overwrites(tmp_path: Path) -> None:
    result = run("init", tmp_path)
    assert result.returncode == 0, result.stderr
    starter = tmp_path / "data.yaml"
    text = starter.read_text(encoding="utf-8")
    assert text.startswith("# 绩效自评数据模板") and "# 部门（单位）全称" in text
    # A pip user has no schemas/ folder: the starter names the bundled rubrics instead.
    assert "schemas/rubrics" not in text and "national-project-2020" in text
    validated = run("validate", starter)
    assert validated.returncode == 0 and "错误 0 个，警告 0 个" in validated.stdout
    assert run("draft", starter).returncode == 0
    starter.write_text("我的数据", encoding="utf-8")
    _assert_user_error(run("init", tmp_path), "文件已存在")
    assert starter.read_text(encoding="utf-8") == "我的数据"
    assert run("init", tmp_path, "--name", "other.yaml").returncode == 0
    # The README's first line: `drafter init 我的单位/` creates the folder.
    created = run("init", f"{tmp_path / '我的单位'}/")
    assert created.returncode == 0, created.stderr
    assert (tmp_path / "我的单位" / "data.yaml").exists()
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    _assert_user_error(run("init", tmp_path / "afile"), "不是文件夹")


def test_draft_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "新文件夹" / "自评报告.md"
    assert run("draft", PINGCHUAN, "-o", out).returncode == 0  # the folder is created
    out.write_text("手工修改过的报告", encoding="utf-8")
    refused = run("draft", PINGCHUAN, "-o", out)
    _assert_user_error(refused, "文件已存在")
    assert "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "手工修改过的报告"
    forced = run("draft", PINGCHUAN, "-o", out, "--force")
    assert forced.returncode == 0 and out.read_text(encoding="utf-8").startswith("#")


def test_help_texts_are_chinese() -> None:
    result = run("--help")
    for command in ("draft", "validate", "init"):
        assert command in result.stdout
    assert "起草完整的部门整体支出绩效自评报告" in run("draft", "--help").stdout


def test_validate_broken_yaml_is_unreadable_and_unknown_rubric_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta:\n  department: 某局\n   level: 县\n", encoding="utf-8")
    _assert_user_error(run("validate", broken), "第3行第9列：YAML 格式错误")
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(
        PINGCHUAN.read_text(encoding="utf-8").replace("gd-county-dept-2023", "gd-2099"), encoding="utf-8"
    )
    result = run("validate", rubric)
    assert result.returncode == 1
    assert (
        f"{rubric} 第{_line_of(rubric, 'rubric: gd-2099')}行  DA002  错误  未知的评价指标体系“gd-2099”"
        in result.stdout
    )
