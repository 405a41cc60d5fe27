"""自评表 tables whose cells are separated by single spaces, a row to a line (a PDF's or a web
page's table copied as text): rows read from their right end, rows whose numbers wrapped to the
next line joined, the total read only from a whole table."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"
NATIONAL = (HERE / "spaced-national-form.txt").read_text(encoding="utf-8")
PROVINCIAL = (HERE / "spaced-provincial-form.txt").read_text(encoding="utf-8")
#: a two-line header: the title on the heading line, 自评得分 divided into 权重 | 单项得分 | 折算得分
WEIGHTED = (HERE / "spaced-weighted-form.txt").read_text(encoding="utf-8")


def _codes(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def _facts(text: str):
    return extract_facts(document_from_text(text, "r.txt"))


def test_national_form_with_single_spaces_is_a_full_tree() -> None:
    facts = _facts(NATIONAL)
    assert [
        (r.name, r.initial, r.budget, r.actual, r.max, r.rate, r.score, r.source.line) for r in facts.funds
    ] == [
        ("年度资金总额", D("500.00"), D("520.00"), D("494.00"), D(10), D(95), D("9.5"), 8),
        ("当年财政拨款", D("500.00"), D("500.00"), D("476.00"), None, None, None, 9),
        ("上年结转资金", D("0.00"), D("20.00"), D("18.00"), None, None, None, 10),
        ("其他资金", D("0.00"), D("0.00"), D("0.00"), None, None, None, 11),
    ]
    rows = [
        (r.level1, r.level2, r.level3, r.target, r.actual, r.max, r.score, r.reason, r.source.line)
        for r in facts.indicators
    ]
    assert rows == [
        # its numbers wrapped to the next line: joined, numbered as its first line
        ("产出指标", "数量指标", "新建集中供水工程", "≥8处", "8处", D(20), D(20), "", 15),
        # a value in words of its own ("≥ 35 公里") is one cell; the wrapped 偏差原因 is passed over
        ("产出指标", "数量指标", "改造供水管网", "≥35公里", "31公里", D(15), D(13), "部分管段", 17),
        ("产出指标", "质量指标", "水质达标率", "≥95%", "97%", D(15), D(15), "", 19),
        ("产出指标", "时效指标", "工程完工及时率", "100%", "100%", D(10), D(10), "", 20),
        ("效益指标", "社会效益指标", "受益人口", "≥2.4万人", "2.5万人", D(20), D(20), "", 21),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", D(10), D(10), "", 22),
    ]
    assert facts.total is not None and (facts.total.value, facts.total.max, facts.total.source.line) == (
        D("97.5"),
        D(100),
        23,
    )
    assert _codes(NATIONAL) == []


def test_a_changed_number_of_the_single_spaced_form_is_caught() -> None:
    assert _codes(NATIONAL.replace("31 公里 15 13", "31 公里 15 14")) == [("SC002", 23)]
    assert _codes(NATIONAL.replace("总分 100 97.5", "总分 100 96.5")) == [("SC002", 23)]
    assert _codes(NATIONAL.replace("500.00 476.00", "500.00 477.00")) == [("TB002", 8)]
    assert ("SC004", 8) in _codes(NATIONAL.replace("93% 10 10", "93% 12 10"))


def test_a_passed_over_line_leaves_the_total_to_the_maxima() -> None:
    """A line of words under the header may be a row whose cells did not read: with one passed
    over, the total is read only when the maxima add up to its full mark."""
    # "因征地延后" is passed over, and 10 + 20 + 15 + 15 + 10 + 20 + 10 = 100: the total is read
    assert _facts(NATIONAL).total is not None
    lost = NATIONAL.replace("质量指标 水质达标率 ≥95% 97% 15 15", "质量指标 水质达标率 ≥95% 97%")
    facts = _facts(lost)
    assert facts.total is None and len(facts.indicators) == 5
    assert [c for c, _ in _codes(lost) if c in ("SC002",)] == []


def test_provincial_form_with_single_spaces_states_its_full_mark_in_its_parts() -> None:
    facts = _facts(PROVINCIAL)
    tops = {n.name: (n.max, n.effective_score) for n in facts.scores}
    assert tops == {
        "预算执行率": (D(20), D(19)),
        "产出指标": (D(50), D(50)),
        "效益指标": (D(20), D(20)),
        "满意度指标": (D(10), D(10)),
    }
    # "总分 99": the full mark from "预算执行情况(20分)" and "年度绩效目标(80分)"
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D(99), D(100))
    assert _codes(PROVINCIAL) == []
    assert _codes(PROVINCIAL.replace("产出指标(50分)", "产出指标(60分)")) == [("SC004", 16)]
    assert _codes(PROVINCIAL.replace("860人次 15", "860人次 14")) == [("SC002", 16)]
    assert _codes(PROVINCIAL.replace("120.00 114.00", "120.00 115.00")) == [("TB001", 6)]


def test_prose_with_single_spaces_is_no_table() -> None:
    prose = (
        "一、项目基本情况\n"
        "本项目 得分 情况 如下\n"
        "经 自评 本项目 得分 较高 全年 完成 8 项 工作 20 20\n"
        "二、绩效目标完成情况\n"
    )
    assert _facts(prose).indicators == ()


def test_a_second_header_line_divides_the_score_into_weight_single_and_weighted_scores() -> None:
    facts = _facts(WEIGHTED)
    rows = [
        (r.level1, r.level2, r.level3, r.target, r.actual, r.max, r.raw, r.score, r.source.line)
        for r in facts.indicators
    ]
    assert rows == [
        # the explanation under the header's 指标分值 word and the 完成情况 cell are no values
        ("产出指标", "数量指标", "接种剂次", ">=5000人次", "5200人次", D(30), D(100), D(30), 7),
        ("产出指标", "质量指标", "接种差错率", "<=1%(百分比)", "0.5%", D(20), D(100), D(20), 8),
        ("效益指标", "社会效益指标", "适龄儿童接种率", ">=95%(百分比)", "97%", D(30), D(100), D(30), 9),
        ("满意度指标", "服务对象满意度指标", "家长满意度", ">=90%(百分比)", "96%", D(20), D(100), D(20), 10),
    ]
    # the 折算得分 counts against the 权重, as in the row reader
    leaves = [(n.path, n.max, n.score) for root in facts.scores for n in root.walk() if not n.children]
    assert leaves[0] == ("产出指标/数量指标/接种剂次", D(30), D(30))
    assert _codes(WEIGHTED) == []


def test_a_changed_number_of_the_weighted_form_is_caught() -> None:
    changed = WEIGHTED.replace("96% 完成 20 100 20", "96% 完成 20 100 18")
    assert ("TB007", 10) in _codes(changed)
    assert _codes(WEIGHTED.replace("0.5% 完成 20 100 20", "0.5% 完成 25 100 25")) == [("SC004", 7)]


def test_a_last_line_of_names_alone_is_an_indicator_whose_numbers_are_not_known() -> None:
    """The form's last row with its cells empty (or cut): the weights read add up to less than 100,
    but the form is not whole, so their sum is not held against the full mark."""
    cut = WEIGHTED.replace("0.5% 完成 20 100 20", "0.5% 完成 10 100 10") + "预算执行率 预算执行率\n"
    facts = _facts(cut)
    assert [(n.name, n.max, n.score, n.source.line) for n in facts.scores][-1] == (
        "预算执行率",
        None,
        None,
        11,
    )
    assert _codes(cut) == []
    # a wrapped clause after the last row is no indicator
    assert _facts(WEIGHTED + "部分家长未按时带儿童接种，已电话提醒\n").scores[-1].name == "满意度指标"


#: the national form as a web page gives it: empty template rows ("指标2:", "……", "指标1:/ / /") kept,
#: the 一级 names lost (their maxima alone, "(50分)"), 二级 names wrapped, value cells and 执行率 left empty
TEMPLATE_ROWS = (HERE / "spaced-template-rows.txt").read_text(encoding="utf-8")


def test_a_form_with_its_empty_template_rows_is_read_whole() -> None:
    facts = _facts(TEMPLATE_ROWS)
    assert [(r.name, r.budget, r.actual, r.max, r.rate, r.score) for r in facts.funds][:1] == [
        ("年度资金总额", D(300), D(300), D(10), None, D(10))
    ]
    rows = [(r.level3, r.target, r.actual, r.max, r.score) for r in facts.indicators]
    assert rows == [
        ("指标1:养护农村道路里程", "120公里", "120公里", D(20), D(20)),
        # too few words for names and values: the value cells were left empty
        ("指标1:养护质量合格", "", "", D(15), D(15)),
        ("指标1:按期完成养护任务", "", "", D(15), D(15)),
        ("指标1:群众出行条件改善", "", "", D(15), D(13)),
        ("指标1:道路长期安全通行", "", "", D(15), D(15)),
        ("指标1:沿线群众满意度", "90%", "95%", D(10), D(10)),
    ]
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D(98), D(100))
    assert facts.indicators[3].reason == "部分路段雨季延误"
    assert _codes(TEMPLATE_ROWS) == []


def test_a_changed_score_in_a_form_with_template_rows_is_caught() -> None:
    total_line = TEMPLATE_ROWS.split("\n").index("总分 100 98") + 1
    bad = TEMPLATE_ROWS.replace("改善 15 13", "改善 15 11")
    assert ("SC002", total_line) in _codes(bad)
    assert ("SC002", total_line) in _codes(TEMPLATE_ROWS.replace("总分 100 98", "总分 100 96"))
    # a changed 分值: the maxima no longer make the full mark
    assert "SC004" in [c for c, _ in _codes(TEMPLATE_ROWS.replace("合格 15 15", "合格 20 15"))]
