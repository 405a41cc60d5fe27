"""Bad input never stops a batch and never shows a traceback: one clear Chinese line per file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from drafter.check.run import check_paths
from tests._cli import run
from tests.conftest import SEED


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with (tmp_path / "huge.txt").open("wb") as fh:  # 50 MB, sparse: cheap to make
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "gbk.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("gbk"))
    (tmp_path / "noscores.txt").write_text(
        "一、部门基本情况\n本单位负责园区基础设施建设。\n", encoding="utf-8"
    )
    shutil.copy(SEED, tmp_path / "good.md")
    return tmp_path


EXPECTED_ERRORS = {
    "empty.txt": "文件为空",
    "binary.txt": "二进制",
    "corrupt.docx": "损坏",
    "huge.txt": "文件过大",
}


def test_batch_reports_each_bad_file_and_checks_the_others(folder: Path) -> None:
    code, out, err = run("check", str(folder), "--format", "json")
    assert code == 2
    assert "Traceback" not in out + err
    reports = {Path(r["path"]).name: r for r in json.loads(out)["reports"]}
    assert set(reports) == {*EXPECTED_ERRORS, "gbk.txt", "noscores.txt", "good.md"}
    for name, words in EXPECTED_ERRORS.items():
        assert words in reports[name]["error"], reports[name]
        assert "findings" not in reports[name]
        assert f"{name}：" in err
    assert len(reports["gbk.txt"]["findings"]) == 7  # GBK is decoded, then checked like UTF-8
    assert len(reports["good.md"]["findings"]) == 7
    (info,) = reports["noscores.txt"]["findings"]
    assert (info["code"], info["severity"]) == ("RD001", "info")
    assert (
        info["message"]
        == "未在报告中找到任何自评得分，也未读到金额、比率或完成情况等可核对的内容，得分相关的检查未能进行"
    )


def test_text_output_names_every_unreadable_file(folder: Path) -> None:
    code, out, err = run("check", str(folder))
    assert code == 2 and "Traceback" not in out + err
    for name in EXPECTED_ERRORS:
        assert any(line.endswith(name) or f"{name}  无法读取" in line for line in out.splitlines()), name
    assert out.splitlines()[-1].endswith("；4 个文件无法读取。")


def test_unknown_suffix_named_directly(tmp_path: Path) -> None:
    odd = tmp_path / "report.xyz"
    odd.write_text("一、部门基本情况", encoding="utf-8")
    code, out, _ = run("check", str(odd), "-f", "json")
    assert code == 2
    (report,) = json.loads(out)["reports"]
    assert "不支持的文件类型" in report["error"]


def test_report_without_scores_is_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "noscores.txt").write_text("本单位负责园区基础设施建设。\n", encoding="utf-8")
    assert run("check", str(tmp_path / "noscores.txt"))[0] == 0
    assert run("check", str(tmp_path / "noscores.txt"), "--fail-on", "warning")[0] == 0


def test_empty_folder_and_missing_path(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path))
    assert code == 2 and err.startswith("错误：") and "没有可检查的报告" in err
    results = check_paths([tmp_path / "nope.txt"])
    assert results[0].error == "文件不存在，请检查路径是否正确。"


def test_bad_rubric_and_data_are_argument_errors(tmp_path: Path) -> None:
    code, out, err = run("check", str(SEED), "--rubric", "no-such-rubric")
    assert code == 2 and out == "" and "未知的评价指标体系" in err
    code, out, err = run("check", str(SEED), "--data", str(tmp_path / "missing.yaml"))
    assert code == 2 and out == "" and "Traceback" not in err
