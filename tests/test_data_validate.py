"""Cross-field validation of evaluation data: errors refuse drafting, warnings do not."""

from __future__ import annotations

from pathlib import Path

import yaml

from drafter.data.load import load_data, load_data_text
from drafter.data.validate import has_errors, validate_data
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
    findings = validate_data(load_data(YANGXI))
    assert _codes(findings) == [("FG005", "warning")]
    (f,) = findings
    assert f.message == "列明的项目支出款项 1318.20 + 1572.15 = 2890.35 万元，超过项目支出总额 2466.04 万元。"
    assert f.path == "expenditure.payments[0]"
    text = YANGXI.read_text(encoding="utf-8").splitlines()
    assert "1318.20" in text[f.line - 1 + 1] or "进度款" in text[f.line - 1]


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
    assert f.message == "指标“制度管理”自评得分 6 分，超过其分值 5 分。"
    assert f.path == "indicators[1].children[0].self_score"
    assert text.splitlines()[f.line - 1].strip() == "self_score: 6"
    assert has_errors(findings)


def test_parent_score_contradicting_children_is_an_error() -> None:
    def edit(raw):
        raw["indicators"][1]["children"][1]["self_score"] = 17  # children add to 18

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    sc001 = [f for f in findings if f.code == "SC001"]
    assert len(sc001) == 1 and sc001[0].severity is Severity.ERROR
    assert sc001[0].message == "指标“资金管理”自评 17 分，下级指标自评得分之和却为 18 分。"


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
    assert findings[0].message == (
        "基本支出 1186.40 万元 + 项目支出 2028.94 万元 = 3215.34 万元，与实际支出 3215.36 万元不符。"
    )
    assert (findings[0].expected, findings[0].found) == (
        "3215.36 万元（实际支出）",
        "1186.40 + 2028.94 = 3215.34 万元",
    )
    assert has_errors(findings)


def test_staff_categories_not_adding_up() -> None:
    def edit(raw):
        raw["profile"]["staffing"]["total"] = 45

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    assert _codes(findings) == [("FG001", "error")]
    assert findings[0].message == "行政编21人、事业编22人、工勤编3人，合计 46 人，与在编人员总数 45 人不符。"
    assert (findings[0].expected, findings[0].found) == ("45 人", "行政编 21 + 事业编 22 + 工勤编 3 = 46 人")


def test_deduction_without_reason_is_a_warning() -> None:
    def edit(raw):
        del raw["indicators"][2]["children"][1]["deduction_reason"]

    findings = validate_data(load_data_text(_pingchuan_with(edit)))
    assert _codes(findings) == [("SC005", "warning")]
    assert findings[0].message == "指标“效率性”自评 8 分，比分值 10 分少 2 分，未写扣分原因。"


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
    assert rb001.message == "指标“制度管理”分值为 6 分，评价指标体系规定为 5 分。"
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
        "报告类型为“项目支出”，所选评价指标体系“广东省县级部门整体支出绩效自评指标体系（2023年度）”却用于“部门整体”。"
    )
