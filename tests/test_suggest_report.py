"""suggest on the sample report: it is checked first; the six faults and the one deduction get
measures, full-mark indicators without findings get none."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.suggest import render_section, suggest

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yangxi-2023" / "report.txt"


@pytest.fixture(scope="module")
def result():
    return suggest(SAMPLE)


def test_every_suggestion_cites_an_existing_source(result):
    ids = {d.id for d in result.deductions} | {f.id for f in result.findings}
    assert result.suggestions
    for s in result.suggestions:
        assert s.sources and set(s.sources) <= ids
    cited = {i for s in result.suggestions for i in s.sources}
    assert cited == ids  # and every source is answered


def test_the_one_deduction_gets_procurement_measures(result):
    assert [(d.indicator, str(d.max_score), str(d.self_score)) for d in result.deductions] == [
        ("资金管理", "20", "16")
    ]
    proc = next(s for s in result.suggestions if "D1" in s.sources)
    assert proc.entry == "gd.procurement"
    assert "政府采购实际数大于政府采购计划数" in proc.problem
    assert any("调整（追加）政府采购计划" in m.text for m in proc.measures)


def test_unfinished_works_get_progress_and_acceptance_measures(result):
    (cl002,) = [s for s in result.suggestions if s.entry == "rule.cl002"]
    assert len(cl002.sources) >= 2  # the 效率性 and 项目管理 claims, merged
    assert "阳辉路（总施工形象进度65%）" in cl002.problem
    assert "酱油文化展馆工程（暂未验收）" in cl002.problem
    measures = " ".join(m.text for m in cl002.measures)
    assert "进度跟踪台账" in measures and "竣工验收" in measures
    assert {m.owner for m in cl002.measures if m.milestone != "报送前"} == {"经济发展局"}


def test_payments_get_reconciliation_measures(result):
    (fg005,) = [s for s in result.suggestions if s.entry == "rule.fg005"]
    assert "2890.35万元" in fg005.problem and "2466.04万元" in fg005.problem
    assert any("对账" in m.text for m in fg005.measures)


def test_nothing_for_full_marks_without_findings(result):
    codes = {f.code for f in result.findings}
    assert codes <= {"CN001", "CN002", "FG005", "SC006", "CL002"}
    subjects = " ".join(s.problem for s in result.suggestions)
    for name in ("经济性", "效果性", "公平性", "制度管理", "目标设置"):
        assert f"“{name}”" not in subjects


def test_section_four_of_the_sample(result):
    section = render_section(result)
    first = section.splitlines()[1]
    assert first.startswith("存在问题：一是")
    assert "政府采购" in first and "对账" in first and "竣工验收" in first
    # report-text faults (wrong year, unit name, score mentions) are corrected, not reported in 四
    assert "2020" not in section and "国土规划局" not in section and "自评得5分" not in section


def test_project_table_uses_the_national_entries_and_its_own_figures():
    table = SAMPLE.parent.parent.parent / "tests" / "fixtures" / "extract" / "project-table.txt"
    result = suggest(table)
    assert [(d.indicator, str(d.lost)) for d in result.deductions] == [
        ("预算执行率", "1"),
        ("养护道路里程", "2"),
    ]
    exec_rate, quantity = result.suggestions
    assert exec_rate.entry == "np.exec-rate"
    assert "全年预算数120.00万元，全年执行数108.00万元，执行率90%" in exec_rate.problem
    assert quantity.entry == "np.quantity"  # the nearest parent (数量指标), not 产出指标
    assert "年度指标值≥50公里，实际完成值45公里" in quantity.problem
    # no 内设机构 in a table: the roles stand in for unit names
    assert {m.owner for m in exec_rate.measures} <= {"财务股室", "项目主管股室"}


def test_docx_of_the_sample_gives_the_same_suggestions(tmp_path, result):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in SAMPLE.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "报告.docx"
    document.save(str(path))
    from_docx = suggest(path)
    assert [(s.entry, s.sources, s.problem) for s in from_docx.suggestions] == [
        (s.entry, s.sources, s.problem) for s in result.suggestions
    ]
