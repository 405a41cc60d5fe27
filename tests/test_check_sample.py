"""The real sample report (DOMAIN.md §5): its six faults are reported, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.run import CheckOptions, check_document, check_path
from drafter.read import document_from_text, read_document

SEED = Path(__file__).resolve().parent.parent / "examples" / "yangxi-2023" / "report.txt"

# (code, line) of every finding the checker must give on the sample — no more, no fewer.
EXPECTED = {
    ("CN002", 12),  # 1. 国土规划局 is not among the listed units (国土规划环保局)
    ("FG005", 27),  # 4. progress payments 1318.20 + 1572.15 exceed 项目支出 2466.04
    ("CN001", 34),  # 2. the 2020 预算编制工作方案 in a 2023 report
    ("SC006", 46),  # 3. 项目管理 8: body states 自评得5分 and 自评得分8分
    ("CL002", 46),  # 5. 项目管理 claims 完成验收 while two works are 暂未验收
    ("SC006", 48),  # 6. 资产管理 7 ends with 自评2分
    ("CL002", 53),  # 5. 效率性 claims 所有项目按时完成, 完成率100%, beside 65% and 暂未验收
}


@pytest.fixture(scope="module")
def findings():  # type: ignore[no-untyped-def]
    return check_document(read_document(SEED), options=CheckOptions())


def test_exactly_the_six_faults(findings) -> None:  # type: ignore[no-untyped-def]
    assert {(f.code, f.line) for f in findings} == EXPECTED
    assert len(findings) == len(EXPECTED)


def test_sixth_fault_says_which_reading_was_taken(findings) -> None:  # type: ignore[no-untyped-def]
    (asset,) = [f for f in findings if f.code == "SC006" and f.line == 48]
    assert "按标题得分 7 分计" in asset.message
    assert "固定资产利用率" in asset.message


def test_findings_quote_the_report_verbatim(findings) -> None:  # type: ignore[no-untyped-def]
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for f in findings:
        assert f.quote and f.quote in lines[f.line - 1], f
        assert "\n" not in f.message and f.hint


@pytest.mark.parametrize(
    "code",
    ["SC001", "SC002", "SC003", "SC004", "SC005", "FG001", "FG003", "FG004", "CL001", "CL003", "CN003"],
)
def test_correct_relations_are_not_flagged(findings, code: str) -> None:  # type: ignore[no-untyped-def]
    """基本+项目=实际, 20=15+5, ten level-2 scores sum to 96, 三公 6.20<13.00, 日常公用 26.83≤27.00,
    95.6÷95.6=100%, 资金管理 16/20 with its reason: none of these may be reported."""
    assert [f for f in findings if f.code == code] == []


def test_sample_checks_clean_against_its_rubric() -> None:
    result = check_path(SEED, options=CheckOptions(rubric="gd-county-dept-2023", select=("RB",)))
    assert result.error is None and result.findings == ()


def test_sample_totals_for_the_batch_table() -> None:
    result = check_path(SEED)
    assert (result.stated_total, result.computed_total) == (96, 96)


def test_breaking_a_holding_claim_is_caught() -> None:
    """三公 6.20 < 13.00 holds; make it 14.20 and the same sentence becomes CL001."""
    text = SEED.read_text(encoding="utf-8").replace("实际支出总额6.20万", "实际支出总额14.20万")
    found = check_document(document_from_text(text, "changed.txt"), options=CheckOptions(select=("CL001",)))
    assert [(f.code, f.line) for f in found] == [("CL001", 51)]


def test_fixing_the_faults_silences_them() -> None:
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("国土规划局。组织", "国土规划环保局。组织").replace("符合2020年度", "符合2023年度")
    found = check_document(document_from_text(text, "fixed.txt"), options=CheckOptions(select=("CN",)))
    assert found == []


def test_the_sample_as_docx_gives_the_same_findings(tmp_path: Path) -> None:
    """One paragraph per line of the text: the .docx has the same line numbers (CLI contract)."""
    from tests.fixtures.rules.make_docx import txt_to_docx

    txt_to_docx(SEED, tmp_path / "report.docx")
    result = check_path(tmp_path / "report.docx")
    assert result.error is None
    assert {(f.code, f.line) for f in result.findings} == EXPECTED
