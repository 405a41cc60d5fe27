"""A total or a score whose label ends one line and whose number opens the next, as a PDF's text
layer breaks them ("自评得分" / "90 分", "综合得" / "分92.5分", "自评得分：" / "95分"): read as one
phrase, from PDFs and from .txt copied out of them; lines the report wrote apart stay apart."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from drafter.check.extract import extract_facts
from drafter.check.extract._common import prepare
from drafter.check.run import check_document
from drafter.read import read_document
from drafter.read.text import document_from_text
from tests._pdf import typeset_pdf

ITEMS = (
    "三、绩效自评分析\n"
    "1.预算编制，指标总分20，自评18分。绩效目标不够细化，扣2分。\n"
    "2.预算执行，指标总分40，自评38分。项目支出执行率未达100%，扣2分。\n"
    "3.预算使用效益，指标总分40，自评36分。部分项目未按期完成，扣4分。"
)


def _report(conclusion: str) -> str:
    return f"某县农业农村局2023年度部门整体支出绩效自评报告\n二、绩效自评结论\n{conclusion}\n{ITEMS}\n"


@pytest.mark.parametrize(
    "conclusion",
    [
        "经综合评价，本单位2023年度部门整体支出绩效自评得分\n92 分，评价等级为优。",
        "经综合评价，本单位2023年度部门整体支出绩效综合得\n分92分，评价等级为优。",
        "经综合评价，本单位2023年度部门整体支出绩效自评得分：\n92分，评价等级为优。",
        "经综合评价，本单位2023年度部门整体支出绩效自评得分为\n92分，评价等级为优。",
        "经综合评价，本单位2023年度部门整体支出绩效综合评\n分为92分，评价等级为优。",
        "经综合评价，本单位2023年度部门整体支出绩效最终得\n92分，评价等级为优。",
        "自评得分\n92分，评价等级为优。",  # a label alone, its number opening a sentence
    ],
)
def test_split_total_in_text_is_read_over_both_lines(conclusion: str) -> None:
    doc = document_from_text(_report(conclusion))
    facts = extract_facts(doc)
    assert facts.total is not None
    assert (facts.total.value, facts.total.source.line, facts.total.source.end_line) == (D(92), 3, 4)
    assert check_document(doc) == []
    # a changed number in the split total is caught, on the label's line
    wrong = check_document(document_from_text(_report(conclusion.replace("92", "95"))))
    assert [(f.code, f.line, f.end_line) for f in wrong] == [("SC002", 3, 4)]


def test_split_score_of_an_indicator_heading() -> None:
    text = (
        _report("经综合评价，自评得分92分。").replace("自评36分。", "自评得\n36分。")
        + "四、存在的问题\n无。\n"
    )
    facts = extract_facts(document_from_text(text))
    assert [(n.name, n.max, n.score) for n in facts.scores] == [
        ("预算编制", D(20), D(18)),
        ("预算执行", D(40), D(38)),
        ("预算使用效益", D(40), D(36)),
    ]
    # the lines after the joined pair keep their own numbers
    assert [tl.no for tl in prepare(document_from_text(text))][-3:] == [7, 9, 10]
    assert (facts.scores[2].source.line, facts.scores[2].source.end_line) == (7, 8)


@pytest.mark.parametrize(
    "text",
    [
        "本单位主要职责如下：\n1.负责全县农业农村发展规划",  # a list item after a colon
        "全年累计取得\n2023年度先进单位称号。",  # a year, not a score
        "本项目自评得分\n\n92分",  # a blank line between: two paragraphs
        "本项目自评得分\n92 | 100",  # a table row
        "本单位年末实有人员为\n45人。",  # a count after 为 is no score
        "自评分值\n100",  # a form's label cell and its value: the form cells' pair
        "三级指标\n分值\n得分\n10\n9",  # a form's cells one per line: the stacked forms' reader's
    ],
)
def test_lines_written_apart_stay_apart(text: str) -> None:
    doc = document_from_text(text)
    lines = prepare(doc)
    assert [tl.text for tl in lines] == [line.text for line in doc.lines if line.text]
    assert all(tl.end == 0 for tl in lines)


def test_quotes_of_the_first_line_alone_end_on_it() -> None:
    doc = document_from_text(
        _report("2023年，经综合评价，本单位部门整体支出绩效自评得分\n92分，评价等级为优。")
    )
    facts = extract_facts(doc)
    year = next(y for y in facts.years if y.source.line == 3)
    assert year.source.end_line == 3  # "2023年" stands on line 3 only
    assert facts.total is not None and facts.total.source.end_line == 4


@pytest.mark.parametrize("width", range(24, 40, 2))
def test_pdf_split_total_is_read_at_every_wrap(tmp_path: Path, width: int) -> None:
    conclusion = "经综合评价，本单位2023年度部门整体支出绩效自评得分：92分，评价等级为优。"
    blocks = ["二、绩效自评结论", conclusion, *ITEMS.split("\n")]
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(typeset_pdf(blocks, width_em=width))
    doc = read_document(pdf)
    facts = extract_facts(doc)
    assert facts.total is not None and facts.total.value == D(92), width
    assert check_document(doc) == []
    pdf.write_bytes(typeset_pdf([b.replace("92分", "95分") for b in blocks], width_em=width))
    assert [f.code for f in check_document(read_document(pdf))] == ["SC002"]
