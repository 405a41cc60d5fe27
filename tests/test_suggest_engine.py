"""suggest on evaluation data and on hand-made findings: sources, matching, de-duplication."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.data.load import load_data, load_data_text
from drafter.findings import Finding, Severity
from drafter.suggest import render_json, render_section, render_text, section_four, suggest, suggest_data

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yangxi-2023" / "data.yaml"


@pytest.fixture(scope="module")
def yangxi():
    return load_data(EXAMPLE)


def _sources_exist(result) -> None:
    ids = {d.id for d in result.deductions} | {f.id for f in result.findings}
    for s in result.suggestions:
        assert s.sources, s.id
        assert set(s.sources) <= ids, (s.id, s.sources)


def test_procurement_deduction_yields_procurement_measures(yangxi):
    result = suggest_data(yangxi, findings=[])
    assert [(d.indicator, str(d.lost)) for d in result.deductions] == [("资金管理", "4")]
    (s,) = result.suggestions
    assert s.entry == "gd.procurement"
    assert s.sources == ("D1",)
    assert "政府采购实际数大于政府采购计划数" in s.problem
    assert "扣4分" in s.problem and "分值20分" in s.problem
    text = " ".join(m.text for m in s.measures)
    for phrase in ("采购计划", "预算调剂", "计划余额", "采购预算"):
        assert phrase in text
    # the unit whose duties mention 财务 and 政府采购 leads; the one for 招标投标/项目 helps
    assert {m.owner for m in s.measures} == {"党政办公室"}
    assert "经济发展局" in {p for m in s.measures for p in m.partners}
    # next budget cycle of a 2023 report: 2024 execution, 2025 budget
    deadlines = {m.milestone: m.deadline for m in s.measures}
    assert deadlines["预算编制"] == "编制2025年部门预算时"
    assert deadlines["执行监控"].startswith("2024年")
    assert deadlines["年中"].startswith("2024年年中")
    assert deadlines["决算"] == "2024年度部门决算编报时"
    _sources_exist(result)


def test_data_findings_add_reconciliation_and_nothing_for_full_marks(yangxi):
    result = suggest(EXAMPLE)
    _sources_exist(result)
    entries = [s.entry for s in result.suggestions]
    assert "gd.procurement" in entries
    assert "rule.fg005" in entries  # 1318.20 + 1572.15 > 2466.04
    fg005 = next(s for s in result.suggestions if s.entry == "rule.fg005")
    assert "2890.35万元" in fg005.problem and "2466.04万元" in fg005.problem and "424.31万元" in fg005.problem
    assert any("对账" in m.text for m in fg005.measures)
    # no indicator with full marks is the subject of a suggestion
    deducted = {d.id for d in result.deductions}
    assert deducted == {"D1"}
    for s in result.suggestions:
        assert s.entry in {"gd.procurement"} or not set(s.sources) & deducted


def test_info_findings_are_not_suggested_for(yangxi):
    info = Finding(code="FG001", severity=Severity.INFO, message="仅供参考", line=3)
    result = suggest_data(yangxi, findings=[info])
    assert result.findings == ()
    assert [s.entry for s in result.suggestions] == ["gd.procurement"]


def _cl002(line: int, quote: str) -> Finding:
    return Finding(
        code="CL002", severity=Severity.WARNING, message="完成表述与未完成的工作矛盾", line=line, quote=quote
    )


def test_findings_about_the_same_problem_are_merged(yangxi):
    findings = [
        _cl002(46, "完成验收履行相关的手续"),
        _cl002(53, "所有部门的预算项目都按时完成"),
        _cl002(53, "完成率100%"),
        Finding(
            code="SC006", severity=Severity.WARNING, message="正文得分与标题不符", line=46, quote="自评得5分"
        ),
        Finding(
            code="SC006", severity=Severity.WARNING, message="正文得分与标题不符", line=48, quote="自评2分"
        ),
        Finding(code="CN001", severity=Severity.WARNING, message="年份", line=34, quote="2020年度"),
        Finding(code="CN001", severity=Severity.WARNING, message="年份", line=34, quote="2020年度"),
    ]
    result = suggest_data(yangxi, findings=findings)
    _sources_exist(result)
    by_entry: dict[str, list] = {}
    for s in result.suggestions:
        by_entry.setdefault(s.entry, []).append(s)
    (cl002,) = by_entry["rule.cl002"]
    assert cl002.sources == ("F1", "F2", "F3")  # one problem, every source cited
    assert "第46、53行" in cl002.problem
    assert "阳辉路（完成进度65%，暂未验收）" in cl002.problem  # the data's own unfinished works
    assert len(by_entry["rule.sc006"]) == 2  # two indicators, two problems
    (cn001,) = by_entry["rule.cn001"]
    assert cn001.sources == ("F6", "F7")


def test_unknown_code_is_noted_not_invented(yangxi):
    odd = Finding(code="ZZ999", severity=Severity.ERROR, message="未知问题", line=1)
    result = suggest_data(yangxi, findings=[odd])
    assert "ZZ999" not in {s.entry for s in result.suggestions}
    assert any("ZZ999" in n for n in result.notes)


def test_no_problem_beside_deductions_is_flagged(yangxi):
    data = yangxi.model_copy(update={"problems": ["无"]})
    result = suggest_data(data, findings=[])
    assert any("存在问题：无" in n and "CL003" in n and "资金管理" in n for n in result.notes)
    clean = yangxi.model_copy(update={"problems": ["政府采购超计划"]})
    assert not any("CL003" in n for n in suggest_data(clean, findings=[]).notes)


def test_full_marks_and_no_findings_suggest_nothing(yangxi):
    indicators = [i.model_copy(deep=True) for i in yangxi.indicators]
    funds = indicators[1].children[1]
    indicators[1].children[1] = funds.model_copy(
        update={"self_score": funds.max_score, "deduction_reason": None}
    )
    data = yangxi.model_copy(update={"indicators": indicators})
    result = suggest_data(data, findings=[])
    assert result.deductions == () and result.suggestions == ()
    assert "无需提出改进措施" in result.notes[-1]
    assert (
        section_four(
            data.model_copy(update={"expenditure": data.expenditure.model_copy(update={"payments": []})})
        )
        is None
    )


OTHER = """\
meta: {department: 某县农业农村局, short_name: 县农业农村局, fiscal_year: 2022, level: 县, rubric: gd-county-dept-2023}
profile:
  units:
    - {name: 计划财务股, duties: 负责机关财务、预算编制和政府采购工作}
    - {name: 农田建设股, duties: 负责高标准农田建设项目的实施和验收}
expenditure:
  procurement: {plan: 120.00, actual: 150.50}
indicators:
  - name: 预算执行
    max_score: 40
    children:
      - {name: 资金管理, max_score: 20, self_score: 17, deduction_reason: 政府采购实际数超过采购计划数}
"""


def test_two_departments_do_not_get_the_same_text(yangxi):
    other = load_data_text(OTHER, path="other.yaml")
    a = suggest_data(yangxi, findings=[]).suggestions[0]
    b = suggest_data(other, findings=[]).suggestions[0]
    assert a.entry == b.entry == "gd.procurement"
    assert a.problem != b.problem
    assert "2022年政府采购实际数150.50万元" in b.problem and "超出计划30.50万元" in b.problem
    assert {m.owner for m in b.measures} == {"计划财务股"}
    assert any(m.deadline == "编制2024年部门预算时" for m in b.measures)
    assert [m.text for m in a.measures] != [m.text for m in b.measures]


def test_level3_deduction_is_reported_instead_of_its_parent():
    text = OTHER.replace(
        "      - {name: 资金管理, max_score: 20, self_score: 17, deduction_reason: 政府采购实际数超过采购计划数}\n",
        "      - name: 资金管理\n        max_score: 20\n        children:\n"
        "          - {name: 结转结余率, max_score: 4, self_score: 2, deduction_reason: 结转资金较多}\n"
        "          - {name: 财务合规性, max_score: 16, self_score: 16}\n",
    )
    result = suggest_data(load_data_text(text, path="x.yaml"), findings=[])
    assert [d.path for d in result.deductions] == ["预算执行/资金管理/结转结余率"]
    assert result.suggestions[0].entry == "gd.carryover"


def test_renderers(yangxi):
    result = suggest(EXAMPLE)
    text = render_text(result)
    assert "S1 政府采购超计划执行" in text and "依据 D1 扣分 预算执行/资金管理" in text
    import json

    data = json.loads(render_json(result))
    assert data["version"] == 1 and data["input_kind"] == "data"
    assert data["deductions"][0]["lost"] == "4"
    section = render_section(result)
    lines = section.splitlines()
    assert lines[0] == "四、存在的问题、原因分析及改进措施"
    assert lines[1].startswith("存在问题：一是") and "；二是" in lines[1]
    assert lines[2].startswith("原因分析：一是")
    assert lines[3].startswith("改进措施：一是")
    assert "本报告报送" not in section  # corrections of the report itself are not section-四 measures


def test_section_four_hook_returns_paragraphs(yangxi):
    paragraphs = section_four(yangxi)
    assert paragraphs is not None and len(paragraphs) == 3
    assert paragraphs[0].startswith("存在问题：")
    assert "政府采购" in paragraphs[0]


def test_owner_resolution_prefers_the_unit_named_for_the_duty():
    from drafter.suggest.context import PROJECT_OWNERS, UnitInfo, resolve_owner

    units = (
        UnitInfo("办公室", "负责机关日常运转，承担文电、会务、财务、资产、档案、信息公开和安全保密等工作。"),
        UnitInfo(
            "计划财务股", "负责编制部门预算和决算，管理农业项目资金，组织开展预算绩效管理和政府采购工作。"
        ),
        UnitInfo("农田建设管理股", "负责高标准农田建设项目的规划、组织实施、竣工验收和建后管护工作。"),
    )
    assert resolve_owner(units, ["财务", "预算"]) == "计划财务股"
    assert resolve_owner(units, list(PROJECT_OWNERS)) == "农田建设管理股"
    assert resolve_owner(units, ["信息公开", "政务公开", "信息", "财务"]) == "办公室"
    assert resolve_owner(units, ["财务"], exclude="计划财务股") == "办公室"
    assert resolve_owner(units, ["招标投标"]) is None
