"""Grades in the wordings of other provinces: 一等…四等 and A…D档, tallies of items by grade ("21个项目
评为一等"), a grade paired with the score stated with it, and a form's label and value cells
("自评分值 |" / "100 |")."""

from __future__ import annotations

from decimal import Decimal

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text


def _facts(text: str):
    return extract_facts(document_from_text(text, "r.txt"))


def _codes(text: str) -> list[tuple[str, str]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.message) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def test_items_counted_by_grade_are_tallies_not_the_reports_grade() -> None:
    facts = _facts(
        "所有项目均开展了绩效自评，其中非敏感涉密项目绩效自评结果为：21个项目评为一等，涉及资金656.93万元，"
        "占项目总数比例100%；0个项目评为二等，涉及资金0万元；3家单位被评为良好。\n"
    )
    assert facts.grades == ()
    assert [(t.word, t.grade, t.count, t.noun) for t in facts.grade_tallies] == [
        ("一等", "优", 21, "个项目"),
        ("二等", "良", 0, "个项目"),
        ("良好", "良", 3, "家单位"),
    ]


def test_a_tally_broken_over_two_lines_by_a_pdf_text_layer_is_still_a_tally() -> None:
    facts = _facts("占项目支出总额比例0%；0个项\n目评为三等，涉及资金0万元。\n")
    assert facts.grades == ()
    assert [(t.word, t.count) for t in facts.grade_tallies] == [("三等", 0)]
    assert facts.grade_tallies[0].source.line == 2


def test_a_report_with_only_tallies_says_what_it_read() -> None:
    found = _codes("我部门2024年度项目21个。21个项目评为一等，0个项目评为二等。\n")
    assert (
        "RD002",
        "读到21个项目评为一等、0个项目评为二等，但未找到自评总分和各指标得分，等级无法核对",
    ) in found
    assert not any(code == "RD001" for code, _ in found)


def test_a_grade_is_paired_with_the_score_stated_right_before_it() -> None:
    facts = _facts(
        "评价分值:88.64分评价等级:良\n经自评，自评得分为86分，评价等级为“优”。\n满分100分，等级为优。\n"
    )
    assert [(g.grade, g.score) for g in facts.grades] == [
        ("良", Decimal("88.64")),
        ("优", Decimal(86)),
        ("优", None),
    ]


def test_a_third_party_grade_with_its_own_score_is_not_judged_by_the_self_total() -> None:
    text = (
        "某项目绩效评价报告\n评价分值:88.64分评价等级:良 |\n自评方式 |\n单位自评 |\n"
        "自评分值 |\n100 |\n自评等级 |\n优 |\n"
    )
    facts = _facts(text)
    assert facts.total is not None and facts.total.value == Decimal(100)
    assert facts.total.source.line == 5 and facts.total.source.end_line == 6
    assert [(g.grade, g.score) for g in facts.grades] == [("良", Decimal("88.64")), ("优", Decimal(100))]
    assert not any(code == "SC007" for code, _ in _codes(text))


def test_a_form_grade_that_its_score_does_not_earn_is_caught() -> None:
    found = _codes("项目名称 | 乡村公路养护 | 自评得分 | 85 | 自评等级 | 优\n")
    assert ("SC007", "所述等级“优”与自评总分 85 分不符，应为“良”") in found
    # a grade paired with a score that is not the self total is judged by its own score
    found = _codes("评价分值:78分评价等级:良\n自评分值 |\n92 |\n自评等级 |\n优 |\n")
    assert ("SC007", "所述等级“良”与同处所写的得分 78 分不符，应为“中”") in found


def test_a_form_label_over_a_column_of_numbers_is_no_total() -> None:
    # a one-cell-per-line score table: 自评得分 heads a column, it states no total
    facts = _facts("分值\n自评得分\n10\n9\n")
    assert facts.total is None


def test_grade_bands_in_the_words_of_other_provinces() -> None:
    text = "90分（含）以上为一等，80-89分为二等，60-79分为三等，60分以下为四等。\n经自评，综合评分为86分，评为一等。\n"
    facts = _facts(text)
    assert facts.grade_bands[0] == ("优", Decimal(90))
    assert any(code == "SC007" for code, _ in _codes(text))
