"""check_data: the checker's rules and the data file's own codes on evaluation data; errors refuse
drafting, warnings do not. The messages are the rules' own (the same as on a drafted report)."""

from __future__ import annotations

from pathlib import Path

import yaml

from drafter.check.on_data import check_data as validate_data
from drafter.check.on_data import has_errors
from drafter.data.load import load_data, load_data_text
from drafter.findings import Severity

REPO = Path(__file__).resolve().parent.parent
YANGXI = REPO / "examples" / "yangxi-2023" / "data.yaml"
PINGCHUAN = REPO / "examples" / "pingchuan-agri-2023" / "data.yaml"


def _pingchuan_with(edit) -> str:
    raw = yaml.safe_load(PINGCHUAN.read_text(encoding="utf-8"))
    edit(raw)
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)


def _codes(findings) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in findings]


def test_yangxi_reports_its_payments_fault_as_a_warning() -> None:
    findings = validate_data(load_data(YANGXI), prose=False)
    assert _codes(findings) == [("FG005", "warning")]  # an error in check: the draft states it as given
    (f,) = findings
    assert f.message == "所列支付款项合计 2890.35 万元，超过项目支出 2466.04 万元"
    assert f.path == "expenditure.payments[0].amount"
    text = YANGXI.read_text(encoding="utf-8").splitlines()
    assert "1318.20" in text[f.line - 1]


def test_the_invented_example_is_clean() -> None:
    assert validate_data(load_data(PINGCHUAN)) == []


def test_self_score_above_max_is_an_error_with_its_line() -> None:
    def edit(raw):
        raw["indicators"][1]["children"][0]["self_score"] = 6  # 制度管理 max 5

    text = _pingchuan_with(edit)
    findings = validate_data(load_data_text(text, path="p.yaml"))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert _codes(errors) == [("SC003", "error")]
    f = errors[0]
    assert f.message == "“制度管理”自评 6 分，超过该项分值 5 分"
    assert f.path == "indicators[1].children[0].self_score"
    assert text.splitlines()[f.line - 1].strip() == "self_score: 6"
    assert has_errors(findings)


def test_parent_score_contradicting_children_is_an_error() -> None:
    def edit(raw):
        raw["indicators"][1]["children"][1]["self_score"] = 17  # children add to 18

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    sc001 = [f for f in findings if f.code == "SC001"]
    assert len(sc001) == 1 and sc001[0].severity is Severity.ERROR
    assert sc001[0].message == "“资金管理”下级指标得分之和 18 分与该项自评 17 分不符"


def test_children_maxima_contradicting_parent_is_an_error() -> None:
    def edit(raw):
        raw["indicators"][1]["children"][1]["children"][0]["max_score"] = 4  # 19 ≠ 20

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    assert ("SC004", "error") in _codes(findings)


def test_parts_not_adding_to_actual_is_an_error_as_in_check() -> None:
    """Issue 12: the same severity and 应为/实际 as check's FG001 on the drafted report."""

    def edit(raw):
        raw["expenditure"]["basic"] = "1186.40"

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    assert _codes(findings) == [("FG001", "error")]
    assert findings[0].message == "基本支出与项目支出之和 3215.34 万元，与实际支出总额 3215.36 万元不符"
    assert (findings[0].expected, findings[0].found) == (
        "3215.36 万元（实际支出总额）",
        "1186.40 + 2028.94 = 3215.34 万元",
    )
    assert has_errors(findings)


def test_staff_categories_not_adding_up() -> None:
    def edit(raw):
        raw["profile"]["staffing"]["total"] = 45

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    assert _codes(findings) == [("FG001", "error")]
    assert findings[0].message == "各类人员之和 46 人与在编人员总数 45 人不符"
    assert (findings[0].expected, findings[0].found) == ("45 人", "行政编 21 + 事业编 22 + 工勤编 3 = 46 人")


def test_deduction_without_reason_is_a_warning() -> None:
    def edit(raw):
        del raw["indicators"][2]["children"][1]["deduction_reason"]

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    assert _codes(findings) == [("SC005", "warning")]
    assert findings[0].message == "“效率性”扣 2 分，但未说明扣分原因"


def test_indicator_unknown_to_rubric_and_max_differing() -> None:
    def edit(raw):
        raw["indicators"][2]["children"][3]["name"] = "公正性"
        raw["indicators"][1]["children"][0]["max_score"] = 6
        raw["indicators"][1]["children"][0]["self_score"] = 6
        raw["indicators"][1]["children"][3]["max_score"] = 6
        raw["indicators"][1]["children"][3]["self_score"] = 6

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    codes = _codes(findings)
    assert ("RB003", "warning") in codes
    assert codes.count(("RB001", "warning")) == 2
    rb001 = next(f for f in findings if f.code == "RB001")
    assert rb001.message == "“制度管理”的分值为 6 分，与指标体系规定的 5 分不符"
    # data names its indicator system in meta.rubric, not with --rubric
    assert (
        rb001.hint
        == "按所用指标体系的分值填写；若本地指标体系不同，请在评价数据的 meta.rubric 中填写正确的指标体系。"
    )
    assert not has_errors(findings)


def test_unknown_rubric_is_an_error_finding() -> None:
    def edit(raw):
        raw["meta"]["rubric"] = "no-such-rubric"

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    assert _codes(findings) == [("DA002", "error")]
    assert findings[0].message.startswith("未知的评价指标体系“no-such-rubric”。可用的有：gd-county-dept-2023")


def test_missing_self_score_warns() -> None:
    def edit(raw):
        del raw["indicators"][1]["children"][2]["self_score"]

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    assert ("DA003", "warning") in _codes(findings)


def test_rubric_of_the_other_kind_warns() -> None:
    def edit(raw):
        raw["meta"]["kind"] = "项目支出"

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    assert _codes(findings) == [("DA004", "warning")]
    assert findings[0].message == (
        "报告类型为“项目支出”，所选评价指标体系“广东省县级部门整体支出绩效自评指标体系（2023年度）”却用于“部门整体”"
    )


def test_field_names_in_chinese() -> None:
    from drafter.data.fields import field_name

    assert field_name("meta.department") == "基本信息·部门（单位）全称"
    assert field_name("indicators[1].children[0].self_score") == "绩效指标第2项·下级指标第1项·自评得分"
    assert field_name("expenditure.basic") == "支出情况·基本支出"
    assert field_name("profile.staffing.total") == "部门概况·人员编制构成·总人数"
    assert field_name("expenditure.payments[0].amount") == "支出情况·有名称的支出第1项·金额"


def test_lineless_data_findings_name_their_field_in_chinese() -> None:
    """Issue 12: data read without YAML lines (a workbook's) shows no internal field path."""
    from drafter.check.run import CheckedReport
    from drafter.data.model import EvaluationData
    from drafter.render import render_text

    def edit(raw):
        raw["indicators"][1]["children"][0]["self_score"] = 6  # 制度管理 max 5

    data = EvaluationData.model_validate(yaml.safe_load(_pingchuan_with(edit)))
    findings = validate_data(data)
    assert [(f.code, f.line) for f in findings] == [("SC003", None)]
    out = render_text([CheckedReport(path="自评表.xlsx", findings=tuple(findings))])
    assert out.startswith("自评表.xlsx（绩效指标第2项·下级指标第1项·自评得分）  SC003  错误")
    assert "indicators[" not in out and "self_score" not in out
