"""``drafter check --explain``: what was read, with its line, in text and in JSON; RD001/RD002 say
what was found when the scores were not."""

from __future__ import annotations

import json
from pathlib import Path

from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text
from tests._cli import run

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "yangxi-2023" / "report.txt"


def test_text_explain_lists_total_tree_figures_counts_and_claims() -> None:
    code, out, _ = run("check", str(SAMPLE), "--explain")
    assert code == 1
    findings, explained = out.split(f"{SAMPLE}：读到的内容\n")
    assert findings.count("  SC") + findings.count("  FG") + findings.count("  C") >= 7
    assert "  自评总分：96分（第29行）" in explained
    assert "得分树（各指标得分合计 96 分）" in explained
    assert "      资金管理：分值20，得分16（第42行）" in explained
    assert "    项目支出：2466.04万元（第25行）" in explained
    assert (
        "正股级内设机构：写明4个，列出4项：党政办公室、经济发展局、政务服务局、国土规划环保局（第8行）"
        in explained
    )
    assert "    已完成：“所有部门的预算项目都按时完成”（第53行）" in explained
    assert "  报告年度：2023年" in explained


def test_text_explain_names_a_count_without_a_noun_as_a_list(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("全年共改造老旧小区3个，分别为：东湖小区、西苑小区、南山新村。\n", encoding="utf-8")
    _, out, _ = run("check", str(report), "--explain")
    assert "    列举：写明3个，列出3项：东湖小区、西苑小区、南山新村（第1行）" in out


def test_json_explain_adds_an_object_and_keeps_the_contract() -> None:
    _, plain, _ = run("check", str(SAMPLE), "--format", "json")
    _, explained, _ = run("check", str(SAMPLE), "--format", "json", "--explain")
    before, after = json.loads(plain)["reports"][0], json.loads(explained)["reports"][0]
    read = after.pop("explain")
    assert after == before  # every field of the contract as it was
    assert read["total"]["value"] == "96" and read["total"]["line"] == 29
    assert read["computed_total"] == "96"
    names = [n["name"] for n in read["scores"]]
    assert names == ["预算编制情况", "预算执行情况", "预算使用效益"]
    funds = next(c for n in read["scores"] for c in n.get("children", []) if c["name"] == "资金管理")
    assert (funds["max"], funds["score"], funds["line"]) == ("20", "16", 42)
    assert {"key": "spend.project", "value": "2466.04", "unit": "万元", "line": 25}.items() <= next(
        f for f in read["figures"] if f["key"] == "spend.project"
    ).items()
    assert read["counts"][0]["count"] == 4 and len(read["counts"][0]["items"]) == 4
    assert any(c["kind"] == "complete" and c["line"] == 53 for c in read["claims"])


def test_explain_of_a_report_with_nothing_read_says_so(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(
        "关于报送绩效自评报告的函\n县财政局：\n现将我局自评报告报送给你们，请审阅。\n", encoding="utf-8"
    )
    code, out, _ = run("check", str(path), "--explain")
    assert code == 0
    assert "RD001" in out and "未发现问题" not in out
    assert "自评总分：未读到" in out and "得分树：未读到任何指标得分" in out
    assert "数字：未读到金额、人数或比率" in out


def test_explain_names_workbook_cells(tmp_path: Path) -> None:
    import openpyxl

    book = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws.append(["指标名称", "分值", "自评得分"])
    ws.append(["预算编制", 20, 18])
    ws.append(["合计", 20, 18])
    wb.save(book)
    _, out, _ = run("check", str(book), "--format", "json", "--explain")
    read = json.loads(out)["reports"][0]["explain"]
    assert read["scores"][0]["cell"] == "自评表!A2" and read["scores"][0]["line"] == 2
    assert read["total"]["line"] == 3


def _messages(text: str) -> dict[str, str]:
    return {f.code: f.message for f in check_document(document_from_text(text), options=CheckOptions())}


def test_rd001_says_what_was_read_instead() -> None:
    text = "一、部门基本情况\n本单位年初预算数为120.50万元，实际支出为118.20万元。\n"
    (rd,) = [f for f in check_document(document_from_text(text), options=CheckOptions()) if f.code == "RD001"]
    assert rd.message == "未在报告中找到任何自评得分，得分相关的检查未能进行"
    assert rd.found == "读到2个金额、人数或比率"


def test_rd002_total_without_item_scores() -> None:
    found = _messages("三、绩效自评结论\n项目自评分：97分\n四、绩效指标分析\n（一）决策\n立项规范。\n")
    assert "RD001" not in found
    assert found["RD002"] == "读到总分97分，但未找到各指标得分，总分无法核对"
