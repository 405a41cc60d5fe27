"""公文 styling of drafted .docx reports: page, styles, fonts, page numbers, score table; renders; checks clean."""

from __future__ import annotations

import importlib.util
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from lxml import etree

from drafter.check.run import CheckOptions, check_paths
from drafter.data.load import load_data
from drafter.draft.gongwen import (
    FONT_FALLBACKS,
    add_score_table,
    heading_level,
    new_document,
    score_rows_from_indicators,
)
from drafter.draft.report import draft_report
from drafter.draft.write import write_report

ROOT = Path(__file__).resolve().parents[1]
YANGXI = ROOT / "examples" / "yangxi-2023" / "data.yaml"
PINGCHUAN = ROOT / "examples" / "pingchuan-agri-2023" / "data.yaml"


@pytest.fixture(scope="module")
def yangxi_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gw") / "报告.docx"
    return write_report(draft_report(load_data(YANGXI)), out)


def _east_asia(style) -> str:  # type: ignore[no-untyped-def]
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_page_setup_is_a4_with_gongwen_margins(yangxi_docx: Path) -> None:
    section = docx.Document(str(yangxi_docx)).sections[0]

    def mm(length) -> float:  # type: ignore[no-untyped-def]
        return round(Length(length).mm, 1)  # .docx stores twips: 210 mm comes back as 210.004 mm

    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37.0, 35.0)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28.0, 26.0)
    # 版心 156 × 225 mm
    assert mm(section.page_width - section.left_margin - section.right_margin) == 156.0
    assert mm(section.page_height - section.top_margin - section.bottom_margin) == 225.0


def test_styles_fonts_sizes_and_spacing(yangxi_docx: Path) -> None:
    document = docx.Document(str(yangxi_docx))
    styles = document.styles
    expected = {
        "Title": ("方正小标宋简体", Pt(22)),
        "Heading 1": ("黑体", Pt(16)),
        "Heading 2": ("楷体_GB2312", Pt(16)),
        "Normal": ("仿宋_GB2312", Pt(16)),
    }
    for name, (font, size) in expected.items():
        assert _east_asia(styles[name]) == font, name
        assert styles[name].font.size == size, name
        assert styles[name].font.color.rgb is None, name  # black, not the template's blue
    normal = styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY and normal.line_spacing == Pt(28)
    assert normal.first_line_indent == Pt(32)
    for level in (1, 2, 3):
        ppr = styles[f"Heading {level}"].element.pPr
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)  # navigation pane / TOC
    used = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert used[0][0] == "Title"
    assert ("Heading 1", "二、绩效自评结论") in used
    assert ("Heading 2", "（三）部门整体支出情况") in used
    assert ("Heading 3", "2.资金管理，指标总分20，自评16分") in used


def test_font_table_declares_fallbacks(yangxi_docx: Path) -> None:
    with zipfile.ZipFile(yangxi_docx) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
    alt = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in table.iter(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert alt["方正小标宋简体"] == "宋体" and alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体"
    assert FONT_FALLBACKS["仿宋_GB2312"] == "仿宋"


def test_page_numbers_in_odd_and_even_footers(yangxi_docx: Path) -> None:
    document = docx.Document(str(yangxi_docx))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = etree.tostring(footer._element, encoding=str)
        assert " PAGE " in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


def test_score_table_is_a_real_word_table(yangxi_docx: Path) -> None:
    document = docx.Document(str(yangxi_docx))
    assert len(document.tables) == 1
    table = document.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["一级指标", "二级指标", "分值", "自评得分", "扣分原因"]
    assert rows[1][:4] == ["预算编制", "预算编制", "8", "8"]
    assert rows[4][:4] == ["预算执行", "资金管理", "20", "16"] and rows[4][4].startswith("政府采购实际数")
    # issue 12: 合计 spans the two name columns (python-docx shows a merged cell in each column)
    assert rows[-1][:4] == ["合计", "合计", "100", "96"]
    assert len(table.rows[-1]._tr.tc_lst) == len(table.rows[0]._tr.tc_lst) - 1
    # level-1 names are merged down their rows
    xml = etree.tostring(table._tbl, encoding=str)
    assert xml.count('w:vMerge w:val="restart"') == 3
    # the caption keeps with the header row and the header with the first row; rows never split
    assert all(
        p.paragraph_format.keep_with_next for row in table.rows[:2] for c in row.cells for p in c.paragraphs
    )
    assert xml.count("<w:cantSplit") == len(table.rows)
    # and the table sits right before section 三
    body = list(document.element.body.iterchildren())
    index = body.index(table._tbl)
    following = docx.text.paragraph.Paragraph(body[index + 1], document._body)
    assert following.text == "三、绩效自评分析"


def test_score_rows_from_indicators_and_heading_levels() -> None:
    data = load_data(YANGXI)
    rows = score_rows_from_indicators(data.indicators)
    assert [(r.level1, r.level2, r.max_score, r.self_score) for r in rows][:2] == [
        ("预算编制", "预算编制", "8", "8"),
        ("预算编制", "目标设置情况", "12", "12"),
    ]
    document = new_document()
    table = add_score_table(document, rows)
    assert table.rows[-1].cells[3].text == "96"
    assert [heading_level(t) for t in ("一、概况", "（二）目标", "3.资产管理", "（1）合理性", "2023年")] == [
        1,
        2,
        3,
        4,
        None,
    ]


def test_drafted_docx_checks_clean(tmp_path: Path) -> None:
    """data → docx → check: a report drafted from consistent data has no findings, table included."""
    out = write_report(draft_report(load_data(PINGCHUAN)), tmp_path / "平川.docx")
    (result,) = check_paths([out], options=CheckOptions())
    assert result.error is None
    assert list(result.findings) == []
    (with_data,) = check_paths([out], options=CheckOptions(data=str(PINGCHUAN)))
    assert list(with_data.findings) == []


def test_styled_docx_finds_what_the_text_finds(tmp_path: Path, yangxi_docx: Path) -> None:
    """The 公文 layout and the score table add no findings and hide none (yangxi's data keeps its faults)."""
    txt = write_report(draft_report(load_data(YANGXI)), tmp_path / "报告.txt")
    (as_docx,) = check_paths([yangxi_docx], options=CheckOptions())
    (as_text,) = check_paths([txt], options=CheckOptions())
    assert sorted(f.code for f in as_docx.findings) == sorted(f.code for f in as_text.findings)
    assert {"FG005", "CN001", "SC006", "CL002"} <= {f.code for f in as_docx.findings}


def _render_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "render_docx_page", ROOT / "benchmarks" / "render_docx_page.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.skipif(
    not ((shutil.which("libreoffice") or shutil.which("soffice")) and shutil.which("pdftoppm")),
    reason="needs libreoffice and pdftoppm (apt-get install libreoffice-writer poppler-utils fonts-noto-cjk)",
)
def test_renders_to_a4_pages(tmp_path: Path) -> None:
    figures = _render_script().render(YANGXI, 1, tmp_path / "page.png", dpi=40)
    assert figures["page_mm"] == (210.0, 297.0)
    assert 5 <= figures["pages"] <= 20
    text = str(figures["first_page_text"]).replace("\n", "")
    assert "阳西县高新技术产业开发区管理委员会" in text and "一、部门基本情况" in text and "— 1 —" in text
    png = Path(str(figures["png"]))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_project_report_table_carries_level3_reasons_and_checks_clean(tmp_path: Path) -> None:
    from test_office_xlsx import _project_data

    out = write_report(draft_report(_project_data()), tmp_path / "项目.docx")
    rows = [[c.text for c in row.cells] for row in docx.Document(str(out)).tables[0].rows]
    assert rows[1][:4] == ["预算执行率", "", "10", "9.5"]
    assert rows[2][4] == "新建高标准农田面积：部分地块因征地延迟，次年春耕前完成"
    assert rows[-1][:4] == ["合计", "合计", "100", "97.5"]
    (result,) = check_paths([out], options=CheckOptions())
    # the project data has no 主要职责/内设机构/问题 sections: the draft leaves 【待补充…】 there, which
    # is unfinished text (CN004, issue 9); nothing else is found
    assert [f.code for f in result.findings] == ["CN004"]
