"""Sub-items listed on their heading's line, each "得Y分（满分X分）", are the heading's children."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text

TEXT = (Path(__file__).resolve().parent / "fixtures" / "extract" / "line-items-project.txt").read_text(
    encoding="utf-8"
)


def _codes(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def test_items_on_the_heading_line_are_children() -> None:
    facts = extract_facts(document_from_text(TEXT, "r.txt"))
    tree = [(n.level, n.name, n.max, n.effective_score) for n in facts.nodes()]
    assert tree == [
        (1, "产出指标", D(50), D(45)),
        (2, "计划维修校舍面积12000平方米", D(20), D(20)),
        (2, "维修项目验收合格率100%", D(15), D(15)),
        (2, "完成及时性", D(15), D(10)),
        (1, "效益指标", D(30), D(30)),
        (2, "改善师生教学环境", D(15), D(15)),
        (2, "消除校舍安全隐患", D(15), D(15)),
        (1, "满意度指标", D(10), D(10)),
        (1, "预算执行率", D(10), D(10)),
    ]
    assert facts.total is not None and facts.total.value == D(95)


def test_the_report_checks_clean() -> None:
    assert _codes(TEXT) == []


def test_a_changed_total_is_caught() -> None:
    assert ("SC002", 14) in _codes(TEXT.replace("自评总分为95分", "自评总分为96分"))


def test_an_item_above_its_own_maximum_is_caught() -> None:
    assert ("SC003", 8) in _codes(TEXT.replace("得15分（满分15分）；完成", "得16分（满分15分）；完成"))


def test_item_maxima_that_miss_the_heading_are_caught() -> None:
    bad = TEXT.replace("得10分（满分15分）", "得10分（满分16分）")
    assert ("SC004", 8) in _codes(bad)


def test_a_deduction_without_its_reason_is_caught() -> None:
    bad = TEXT.replace("因雨季影响两所学校工程延期一个月，", "")
    assert ("SC005", 8) in _codes(bad)


def test_one_score_with_the_heading_maximum_stays_the_heading_score() -> None:
    # a single score on the heading line is the heading's own, as before
    text = "一、评价情况\n1.产出指标（50分）：各项任务按计划完成，得50分（满分50分）。\n"
    facts = extract_facts(document_from_text(text, "r.txt"))
    assert [(n.name, n.max, n.score) for n in facts.nodes()] == [("产出指标", D(50), D(50))]


SUMMARY = (
    "2023年度某镇人民政府部门整体支出绩效自评报告\n"
    "一、评价结论\n"
    "评价结果分为四个等级:得分90分(含)以上为优秀,80分(含)-90分为良好,60分(含)-80分为合格,60分以下为不合格.\n"
    "本次自评,预算编制(20分)得18分,预算执行(30分)得27分,预算管理(20分)得19分,履职效益(30分)得25分,"
    "自评总分89分,等级为良好.\n"
    "二、存在的问题\n"
    "预算执行进度偏慢,部分项目绩效目标不够明确.\n"
)


def test_items_listed_in_the_conclusion_make_the_tree() -> None:
    facts = extract_facts(document_from_text(SUMMARY, "r.txt"))
    assert [(n.name, n.max, n.score) for n in facts.nodes()] == [
        ("预算编制", D(20), D(18)),
        ("预算执行", D(30), D(27)),
        ("预算管理", D(20), D(19)),
        ("履职效益", D(30), D(25)),
    ]
    # the band "得分90分(含)以上为优秀" is no total; the total is not out of the last item's 30
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D(89), None)
    assert _codes(SUMMARY) == []


def test_a_grade_above_the_stated_band_is_caught_in_half_width_text() -> None:
    assert ("SC007", 4) in _codes(SUMMARY.replace("等级为良好.", "等级为优秀."))


def test_a_listed_item_that_breaks_the_total_is_caught() -> None:
    assert ("SC002", 4) in _codes(SUMMARY.replace("履职效益(30分)得25分", "履职效益(30分)得26分"))
    assert ("SC003", 4) in _codes(SUMMARY.replace("预算管理(20分)得19分", "预算管理(20分)得21分"))


BARE = (
    "2024年度某区卫生健康局部门整体支出绩效自评报告\n"
    "四、自评结论\n"
    "我局自评得分93.5分，其中投入类指标20分、得18分，过程类指标30分，自评28.5分，"
    "产出类指标30分、得29分，效益类指标20分、得18分，评价等级为“优”。\n"
    "五、存在的问题\n"
    "部分项目预算执行进度偏慢。\n"
)


def test_items_with_a_bare_maximum_before_their_score_make_the_tree() -> None:
    facts = extract_facts(document_from_text(BARE, "r.txt"))
    assert [(n.name, n.max, n.score) for n in facts.nodes()] == [
        ("投入类", D(20), D(18)),  # "指标" trimmed, as every label
        ("过程类", D(30), D("28.5")),
        ("产出类", D(30), D(29)),
        ("效益类", D(20), D(18)),
    ]
    assert facts.total is not None and facts.total.value == D("93.5")
    assert _codes(BARE) == []
    assert ("SC002", 3) in _codes(BARE.replace("产出类指标30分、得29分", "产出类指标30分、得28分"))
    assert ("SC003", 3) in _codes(BARE.replace("投入类指标20分、得18分", "投入类指标20分、得21分"))


def test_a_bare_number_before_a_score_is_no_maximum_without_a_name() -> None:
    # "2023年得92分，2024年得95分": years, not maxima; a total keeps no bare maximum
    text = "一、评价结论\n本单位2023年自评得92分，2024年自评得95分，总分100分、自评得分95分。\n"
    facts = extract_facts(document_from_text(text, "r.txt"))
    assert all(n.max is None for n in facts.nodes())
