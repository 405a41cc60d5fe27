"""Score wordings of other provinces read into the same score tree, and the rules run on them."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text, read_document

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"
TEXT = (HERE / "wordings-other-province.txt").read_text(encoding="utf-8")


def _codes(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def test_other_wordings_make_a_full_tree() -> None:
    facts = extract_facts(read_document(HERE / "wordings-other-province.txt"))
    tree = [(n.level, n.name, n.max, n.score) for n in facts.nodes()]
    assert tree == [
        (1, "预算编制", D(20), D(18)),
        (2, "预算编制合理性", D(9), D(9)),
        (2, "目标设置", D(11), D(9)),
        (1, "预算执行", D(50), D(46)),
        (2, "资金管理", D(20), D(18)),
        (2, "资产管理", D(10), D(10)),
        (2, "项目管理", D(20), D(18)),
        (1, "预算使用效益", D(30), D(29)),
        (2, "经济性", D(10), D(10)),
        (2, "效率性", D(10), D(9)),
        (2, "效果性", D(10), D(10)),
    ]
    assert facts.total is not None and facts.total.value == D(93)
    assert facts.grade_bands[1] == ("良", D(75))
    assert [g.grade for g in facts.grades] == ["优"]


def test_other_wordings_check_clean() -> None:
    assert _codes(TEXT) == []


def test_score_above_its_stated_maximum() -> None:
    bad = TEXT.replace("2.资产管理，指标分值10分，自评分10分。", "2.资产管理，指标分值10分，实得12分。")
    assert ("SC003", 10) in _codes(bad)


def test_parent_stated_in_brackets_against_its_children() -> None:
    bad = TEXT.replace("（满分50分，实得46分）", "（满分50分，实得45分）")
    codes = _codes(bad)
    assert ("SC001", 8) in codes and ("SC002", 3) in codes


def test_stated_bands_decide_the_grade() -> None:
    bad = (
        TEXT.replace("综合评分为93分", "综合评分为88分")
        .replace("实得29分", "实得24分")
        .replace("3.效果性，满分10分，自评得分10分。", "3.效果性，满分10分，自评得分5分。因故扣分。")
    )
    codes = _codes(bad)
    assert ("SC007", 3) in codes
    # 78 would be 中 by the default bands but 良 by the ones this report states
    good = bad.replace("评价等级为“优”", "评价等级为“良”")
    assert ("SC007", 3) not in _codes(good)


PREAMBLE = """某区2024年度衔接推进乡村振兴补助资金绩效自评报告
区财政局：
根据有关通知要求，我局对照转移支付绩效自评表，对资金分配、使用和绩效目标完成情况进行了自我评价，自评得分93分。现将有关情况报告如下：
一、绩效目标分解下达情况
下达补助资金1200万元，全部拨付到位。
二、绩效情况分析
（一）产出指标（50分），自评得48分。
（二）效益指标（30分），自评得28分。
（三）满意度指标（10分），自评得9分。
（四）预算执行率（10分），自评得10分。
"""


def test_an_unlabelled_score_before_the_first_heading_is_the_total() -> None:
    facts = extract_facts(document_from_text(PREAMBLE, "r.txt"))
    assert facts.total is not None and facts.total.value == D(93)
    assert facts.total.source.line == 3
    # 48 + 28 + 9 + 10 = 95, not the 93 stated in the preamble
    assert ("SC002", 3) in _codes(PREAMBLE)
    assert "SC002" not in [c for c, _ in _codes(PREAMBLE.replace("自评得分93分", "自评得分95分"))]


def test_a_total_with_its_unit_in_the_label_is_read_whatever_follows() -> None:
    # a form flattened by a document preview: the label "自评总分(分)" and its number glued to the next cell
    flat = "部门整体绩效自评表主管部门某区财政局自评总分(分)93.5部门联系人张某联系电话"
    facts = extract_facts(document_from_text(flat, "r.txt"))
    assert facts.total is not None and facts.total.value == D("93.5")
    spaced = "项目名称 乡村道路养护 自评得分（分）：88 评价等级 良"
    facts = extract_facts(document_from_text(spaced, "r.txt"))
    assert facts.total is not None and facts.total.value == D(88)
    # without the unit in the label, a number glued to words is no score
    assert extract_facts(document_from_text("自评总分93.5部门联系人张某", "r.txt")).total is None


_COVER = """部门整体支出绩效评价自评报告
（2023年度）
部门(单位)全称：某市人民检察院
填报日期：2024年2月26日
一、部门基本情况
"""


def test_a_cover_year_on_its_own_line_is_the_report_year():
    """A cover with the year under the title ("（2023年度）") and a filing date of the next year:
    the report evaluates 2023, once each."""
    facts = extract_facts(document_from_text(_COVER, "r.txt"))
    assert facts.year == 2023 and facts.year_source is not None and facts.year_source.line == 2


def test_a_filing_date_does_not_count_towards_the_report_year():
    text = "某县档案馆整体支出绩效自评报告\n一、基本情况\n本馆2023年度预算执行良好。\n填表日期：2024年1月5日\n报送时间 2024年1月8日\n"
    facts = extract_facts(document_from_text(text, "r.txt"))
    assert facts.year == 2023
    # without the filing dates the years would tie, and the later one would win
    assert {y.year for y in facts.years} == {2023, 2024}


def test_a_form_total_label_with_a_colon_is_read_before_the_next_cell() -> None:
    # a PDF text layer gives a form's header as one line of cells: "自评总分: 69" with the next cell after it
    header = (
        "项目绩效目标自评表 填报日期:2020 年 2 月 18 日 自评总分: 69 单位领导审签: 项目名称 办公网络维护费"
    )
    facts = extract_facts(document_from_text(header, "r.txt"))
    assert facts.total is not None and facts.total.value == D(69)
    cells = "主管部门 县交通运输局 项目自评分：95.5 项目负责人 王某"
    facts = extract_facts(document_from_text(cells, "r.txt"))
    assert facts.total is not None and facts.total.value == D("95.5")
    # an item's score in its clause ("…明确性自评得分: 4") is no form cell, and no total
    item = "（1）绩效目标明确性自评得分: 4 目标明确，内容细化"
    assert extract_facts(document_from_text(item, "r.txt")).total is None
    # a number followed by another number (a row of values) is no total
    assert extract_facts(document_from_text("自评总分: 100 95 10", "r.txt")).total is None


def test_a_cover_year_outranks_a_title_year_that_names_the_funds():
    """ "2023年异地造林补助资金…自评报告" over "（2024年度）": the title's year is the year the funds were
    granted (no 年度 after it), the cover's the year evaluated."""
    text = "某县林业和草原局2023年异地造林补助资金项目支出绩效自评报告\n（2024年度）\n主管部门：某县林业和草原局\n"
    facts = extract_facts(document_from_text(text, "r.txt"))
    assert facts.year == 2024 and facts.year_source is not None and facts.year_source.line == 2
    # a title naming its year as 年度 keeps it
    titled = text.replace("2023年异地", "2024年度异地").replace("（2024年度）", "（2024年度）")
    assert extract_facts(document_from_text(titled, "r.txt")).year == 2024
    both = "某县林业和草原局2023年度项目支出绩效自评报告\n（2024年度）\n"
    assert extract_facts(document_from_text(both, "r.txt")).year == 2023


_ENUMERATED = (
    "一、基本情况\n项目预算资金300万元。\n二、绩效评价情况\n"
    "一是决策指标，分值10分，得分10分；二是产出指标，分值90分，得分85分，因验收延期扣5分。\n"
    "三、评价结论\n综合评分95分。\n"
)


def test_enumerated_items_with_their_name_in_the_clause_before() -> None:
    """ "一是决策指标，分值10分，得分10分；二是…": each item's name stands alone in the clause before
    its score, so each is a node (before, the first became the section's own score and the second a
    stray mention: three false errors)."""
    facts = extract_facts(document_from_text(_ENUMERATED, "r.txt"))
    assert [(n.level, n.name, n.max, n.score) for n in facts.nodes()] == [
        (1, "绩效评价情况", None, None),
        (2, "决策指标", D(10), D(10)),
        (2, "产出指标", D(90), D(85)),
    ]
    assert _codes(_ENUMERATED) == []
    assert ("SC002", 6) in _codes(_ENUMERATED.replace("得分85分", "得分80分"))


def test_a_plain_clause_before_a_score_is_no_name() -> None:
    """Only an enumerated name ("一是…", "其二…") alone in its clause names the score after it: a
    sentence's clause ("资金到位及时，得分18分") does not."""
    text = "二、绩效评价情况\n（一）过程指标（20分）\n资金到位及时，得分18分，因执行率偏低扣2分。\n"
    node = extract_facts(document_from_text(text, "r.txt")).scores[0]
    assert (node.name, node.max, node.score, node.children) == ("过程指标", D(20), D(18), ())


def test_heading_name_ends_before_its_score_word() -> None:
    text = (
        "二、绩效评价情况\n（一）决策指标得分10分（满分10分）。\n"
        "（二）产出指标得分85分（满分90分），因验收延期扣5分。\n三、评价结论\n综合评分95分。\n"
    )
    facts = extract_facts(document_from_text(text, "r.txt"))
    assert [(n.name, n.max, n.score) for n in facts.scores] == [
        ("决策指标", D(10), D(10)),
        ("产出指标", D(90), D(85)),
    ]
