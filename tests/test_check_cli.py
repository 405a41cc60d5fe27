"""``drafter check`` and ``drafter rules``: the output contract, exit codes, suppression, import cost."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.check.run import CheckOptions, check_document, check_paths
from drafter.check.suppress import parse_codes
from drafter.errors import DrafterError
from drafter.read import document_from_text
from tests._cli import run
from tests.conftest import SEED

SEED_CODES = ["CN002", "FG005", "CN001", "SC006", "CL002", "SC006", "CL002"]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "报告.txt"
    shutil.copy(SEED, target)
    return target


def test_json_contract(sample: Path) -> None:
    code, out, _ = run("check", str(sample), "--format", "json")
    assert code == 1  # FG005 is an error; default --fail-on error
    doc = json.loads(out)
    assert doc["version"] == 1
    (report,) = doc["reports"]
    assert report["path"] == str(sample)
    assert [f["code"] for f in report["findings"]] == SEED_CODES
    first = report["findings"][0]
    assert set(first) >= {
        "code",
        "severity",
        "message",
        "line",
        "end_line",
        "quote",
        "expected",
        "found",
        "hint",
    }
    assert (first["line"], first["severity"], first["expected"]) == (12, "warning", "国土规划环保局")
    assert report["summary"] == {"error": 1, "warning": 6, "info": 0}


def test_text_output_grouped_with_quote_expected_hint(sample: Path) -> None:
    code, out, _ = run("check", str(sample))
    assert code == 1
    lines = out.splitlines()
    assert (
        lines[0]
        == f"{sample} 第12行  CN002  警告  单位名称“国土规划局”不在所列内设机构中，疑为“国土规划环保局”"
    )
    assert lines[1] == "    > 国土规划局"
    assert lines[2] == "    应为：国土规划环保局    实际：国土规划局"
    assert lines[3].startswith("    建议：")
    assert lines[-1] == "共检查 1 个文件：错误 1 个，警告 6 个，提示 0 个。"
    assert "\x1b[" not in out  # no colour when stdout is not a terminal


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on(sample: Path, fail_on: str, expected: int) -> None:
    assert run("check", str(sample), "--fail-on", fail_on)[0] == expected


def test_fail_on_warning_only_warnings(sample: Path) -> None:
    assert run("check", str(sample), "--select", "CN,CL")[0] == 0
    assert run("check", str(sample), "--select", "CN,CL", "--fail-on", "warning")[0] == 1


def test_select_and_ignore(sample: Path) -> None:
    _, out, _ = run("check", str(sample), "-f", "json", "--select", "SC,CN001")
    assert [f["code"] for f in json.loads(out)["reports"][0]["findings"]] == ["CN001", "SC006", "SC006"]
    _, out, _ = run("check", str(sample), "-f", "json", "--ignore", "sc006, cl")
    assert [f["code"] for f in json.loads(out)["reports"][0]["findings"]] == ["CN002", "FG005", "CN001"]


def test_unknown_code_is_an_argument_error(sample: Path) -> None:
    code, out, _ = run("check", str(sample), "--select", "XX999")
    assert code == 2 and out == ""
    with pytest.raises(DrafterError, match="XX999"):
        check_paths([sample], options=CheckOptions(ignore=("XX999",)))
    with pytest.raises(DrafterError, match="无法识别的规则代码"):
        parse_codes("SC0001")


def test_unreadable_path_exit_2_others_still_checked(sample: Path, tmp_path: Path) -> None:
    missing = tmp_path / "不存在.txt"
    code, out, err = run("check", str(missing), str(sample), "-f", "json")
    assert code == 2
    reports = json.loads(out)["reports"]
    # issue 11: an unreadable report's entry also carries its verdict (fields are only ever added)
    assert {k: reports[0][k] for k in ("path", "error", "verdict")} == {
        "path": str(missing),
        "error": "文件不存在，请检查路径是否正确。",
        "verdict": "未能审核",
    }
    assert len(reports[1]["findings"]) == 7
    assert "不存在.txt" in err


def test_folder_recursive_with_summary_table(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "a" / "one.txt")
    shutil.copy(SEED, tmp_path / "a" / "b" / "two.md")
    (tmp_path / "a" / "~$lock.docx").write_bytes(b"junk")  # Word's lock file is not a report
    (tmp_path / "a" / "notes.csv").write_text("x", encoding="utf-8")
    code, out, _ = run("check", str(tmp_path))
    assert code == 1
    assert "文件" in out and "自评总分" in out and "分项合计" in out
    # issue 11: the table gained 单位, 年度, 类型, 已忽略 and 结论; issue 12: findings say 第N行
    table = [
        ln
        for ln in out.splitlines()
        if ln.strip() and ln.split()[0].endswith(("one.txt", "two.md")) and "行" not in ln.split()[1]
    ]
    assert [ln.split()[2:] for ln in table] == [
        ["2023", "部门整体", "1", "6", "0", "0", "96", "96", "退回修改"]
    ] * 2
    assert out.splitlines()[-1] == "共检查 2 个文件：错误 2 个，警告 12 个，提示 0 个。"


def test_output_file_written_and_never_over_input(sample: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "result.json"
    code, out, _ = run("check", str(sample), "-f", "json", "-o", str(out_file))
    assert code == 1 and out == ""
    assert json.loads(out_file.read_text(encoding="utf-8"))["version"] == 1
    before = sample.read_bytes()
    code, _, _ = run("check", str(sample), "-o", str(sample))
    assert code == 2 and sample.read_bytes() == before


def test_existing_output_file_is_kept_unless_forced(sample: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "result.txt"
    out_file.write_text("审核人手写的意见\n", encoding="utf-8")
    code, _, err = run("check", str(sample), "-o", str(out_file))
    assert code == 2 and "已存在" in err and "Traceback" not in err
    assert out_file.read_text(encoding="utf-8") == "审核人手写的意见\n"
    code, _, _ = run("check", str(sample), "-o", str(out_file), "--force")
    assert code == 1 and "共检查 1 个文件" in out_file.read_text(encoding="utf-8")


# -- suppression ---------------------------------------------------------------------------------


def test_inline_note_on_the_line_suppresses_that_code_only() -> None:
    text = SEED.read_text(encoding="utf-8").split("\n")
    text[47] += "【drafter: ignore SC006】"
    text[11] += "（drafter：忽略 CN002、CN001）"
    found = check_document(document_from_text("\n".join(text), "x.txt"))
    assert [(f.code, f.line) for f in found] == [
        ("FG005", 27), ("CN001", 34), ("SC006", 46), ("CL002", 46), ("CL002", 53)
    ]  # fmt: skip


def test_note_on_its_own_line_covers_the_next_line() -> None:
    text = SEED.read_text(encoding="utf-8").split("\n")
    text.insert(52, "<!-- drafter: ignore CL -->")  # before 效率性's line (now 54)
    found = check_document(document_from_text("\n".join(text), "x.md"))
    assert ("CL002", 54) not in {(f.code, f.line) for f in found}
    assert ("CL002", 46) in {(f.code, f.line) for f in found}


def test_note_text_is_not_read_as_a_figure() -> None:
    doc = document_from_text("（一）预算编制。指标总分8，自评8分 drafter: ignore SC003\n", "x.txt")
    from drafter.check.suppress import strip_inline

    stripped, inline = strip_inline(doc)
    assert stripped.lines[0].text == "（一）预算编制。指标总分8，自评8分"
    assert inline.by_line == {1: ("SC003",)}


@pytest.mark.parametrize("note", ["DRAFTER: ignore SC003", "Drafter：忽略 SC003", "dRaFtEr: noqa SC003"])
def test_note_is_read_in_any_case(note: str) -> None:
    from drafter.check.suppress import strip_inline

    stripped, inline = strip_inline(document_from_text(f"（一）预算编制。自评8分 {note}\n", "x.txt"))
    assert stripped.lines[0].text == "（一）预算编制。自评8分"
    assert inline.by_line == {1: ("SC003",)}


def test_the_note_gate_never_misses_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    """_mentions_drafter tests the text's ASCII characters, lowered: on texts mixing the word's
    letters in any case with Chinese, other scripts and characters whose lower case is odd
    (İ, the Kelvin sign), it says yes whenever the whole lowered text holds "drafter" (a yes for
    letters that other characters stood between only costs the per-line look, which finds
    nothing), and strip_inline reads the same notes as without the gate."""
    import random

    from drafter.check import suppress

    rnd = random.Random(3)
    pieces = ["d", "r", "a", "f", "t", "e", "D", "R", "A", "F", "T", "E", "drafter", "DRAFTER", "draf"]
    pieces += ["国", "务", "理", "是", " ", "：", "İ", "\u212a", "ß", "ǅ", "Ａ", "\u0130r", ": ignore SC003"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(20000)]
    for text in texts:
        if "drafter" in text.lower():
            assert suppress._mentions_drafter(text), text
    gated = [suppress.strip_inline(document_from_text(t + "\n", "x.txt")) for t in texts[:3000]]
    monkeypatch.setattr(suppress, "_mentions_drafter", lambda text: True)
    ungated = [suppress.strip_inline(document_from_text(t + "\n", "x.txt")) for t in texts[:3000]]
    assert gated == ungated
    assert any(inline.by_line for _, inline in gated)


def test_config_file_beside_the_report(sample: Path) -> None:
    (sample.parent / "drafter.yaml").write_text(
        'check:\n  ignore: [CN]\n  per-file-ignores:\n    "报告*.txt": [SC006]\n', encoding="utf-8"
    )
    _, out, _ = run("check", str(sample), "-f", "json")
    assert [f["code"] for f in json.loads(out)["reports"][0]["findings"]] == ["FG005", "CL002", "CL002"]


def test_explicit_config_and_a_broken_one(sample: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("check:\n  select: [FG]\n", encoding="utf-8")
    _, out, _ = run("check", str(sample), "-f", "json", "--config", str(cfg))
    assert [f["code"] for f in json.loads(out)["reports"][0]["findings"]] == ["FG005"]
    cfg.write_text("check:\n  ignor: [FG]\n", encoding="utf-8")
    code, out, err = run("check", str(sample), "--config", str(cfg))
    assert code == 2 and "ignor" in err and "Traceback" not in err


# -- rules ---------------------------------------------------------------------------------------


def test_rules_lists_every_rule_with_docs() -> None:
    from drafter.check.registry import RULES

    # Issue 12: `drafter rules` is a compact table, one row per rule; the long text is per code.
    code, out, _ = run("rules")
    assert code == 0
    rows = [ln for ln in out.splitlines() if ln[:2].isalpha() and ln[:5].isalnum()]
    assert [ln.split()[0] for ln in rows] == [rule.code for rule in RULES]
    for rule, row in zip(RULES, rows, strict=True):
        assert rule.title in row and rule.name in row and ("错误" in row or "警告" in row or "提示" in row)
    assert "检查什么：" not in out and len(out.splitlines()) < len(RULES) + 6
    assert "drafter rules SC003" in out
    for rule in RULES:
        long = run("rules", rule.code)[1]
        assert long.count("检查什么：") == 1
        assert not [ln for ln in long.splitlines() if ln.startswith("      ")]  # docstring indentation gone


def test_rules_one_code_and_formats() -> None:
    code, out, _ = run("rules", "cl002")
    assert code == 0 and out.startswith("CL002  completion-contradicted  警告")
    assert "应当怎样写" in out
    doc = json.loads(run("rules", "--format", "json")[1])
    assert {r["code"] for r in doc["rules"]} >= {"CL001", "TB004", "RD001", "SC006"}
    md = run("rules", "SC006", "--format", "markdown")[1]
    assert "## SC006" in md and "### 示例" in md
    assert run("rules", "ZZ001")[0] == 2


# -- process-level -------------------------------------------------------------------------------


def test_whole_process_never_imports_llm_libraries(sample: Path) -> None:
    code = (
        "import sys\n"
        "from drafter.cli import main\n"
        "try:\n"
        f"    main(['check', {str(sample)!r}, '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'openai', 'langchain', 'langchain_core', 'langchain_openai', 'docx', 'rich'})\n"
        "print(heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip() == "[]", proc.stderr
    assert json.loads(proc.stdout)["version"] == 1


def test_parallel_batch_gives_the_same_results(tmp_path: Path) -> None:
    for i in range(6):
        shutil.copy(SEED, tmp_path / f"r{i}.txt")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    serial = check_paths([tmp_path], jobs=1)
    parallel = check_paths([tmp_path], jobs=2)
    assert [(r.path, r.findings, r.error) for r in serial] == [
        (r.path, r.findings, r.error) for r in parallel
    ]
    assert sum(1 for r in parallel if r.error) == 1


def test_inline_note_in_a_docx_paragraph(tmp_path: Path) -> None:
    from tests.fixtures.rules.make_docx import txt_to_docx

    text = SEED.read_text(encoding="utf-8").split("\n")
    text[11] += " 【drafter: ignore CN002】"
    src = tmp_path / "r.txt"
    src.write_text("\n".join(text), encoding="utf-8")
    txt_to_docx(src, tmp_path / "r.docx")
    result = check_paths([tmp_path / "r.docx"])[0]
    assert result.error is None
    assert [f.code for f in result.findings] == SEED_CODES[1:]


def test_render_names_the_field_of_a_data_finding() -> None:
    from drafter.check.run import ReportResult
    from drafter.findings import Finding, Severity
    from drafter.render import render_json, render_text

    f = Finding(
        code="DT001", severity=Severity.ERROR, message="数字不符", path="expenditure.actual", hint="改正。"
    )
    out = render_text([ReportResult(path="data.yaml", findings=(f,))])
    # issue 12: no internal field path in text output; the JSON keeps it (a contract)
    assert out.splitlines()[0] == "data.yaml（支出情况·实际支出数）  DT001  错误  数字不符"
    doc = json.loads(render_json([ReportResult(path="data.yaml", findings=(f,))]))
    assert doc["reports"][0]["summary"] == {"error": 1, "warning": 0, "info": 0}
    assert doc["reports"][0]["findings"][0]["path"] == "expenditure.actual"
