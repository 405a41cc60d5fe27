"""Reading .docx reports: paragraphs and table rows in document order, merged cells, bad packages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from drafter.document import LineKind
from drafter.errors import DrafterError
from drafter.read import read_document
from tests.conftest import SEED

SAMPLE_TEXT = SEED.read_text(encoding="utf-8")


def _make_docx(path: Path) -> Path:
    """Paragraphs, then a score table with a merged header cell, then paragraphs."""
    d = docx.Document()
    d.add_paragraph("一、部门基本情况")
    d.add_paragraph("在编人员共20人。")
    table = d.add_table(rows=4, cols=4)
    header = table.rows[0].cells
    header[0].merge(header[1])  # 指标 spans two grid columns
    header[0].text = "指标"
    header[2].text = "分值"
    header[3].text = "得分"
    for r, values in enumerate([("预算编制", "合理性", "4", "4"), ("预算编制", "规范性", "4", "4")], start=1):
        for cell, value in zip(table.rows[r].cells, values, strict=True):
            cell.text = value
    # the last row stays empty: a spacer row is a blank line, not a row
    d.add_paragraph("二、绩效自评结论")
    p = d.add_paragraph("自评得分为")
    p.add_run("96").bold = True
    p.add_run("分。")
    d.save(path)
    return path


def test_paragraphs_and_table_rows_in_document_order(tmp_path: Path):
    doc = read_document(_make_docx(tmp_path / "r.docx"))
    assert doc.fmt == "docx"
    got = [(line.no, line.kind, line.text) for line in doc.lines]
    assert got == [
        (1, LineKind.TEXT, "一、部门基本情况"),
        (2, LineKind.TEXT, "在编人员共20人。"),
        (3, LineKind.ROW, "指标 |  | 分值 | 得分"),
        (4, LineKind.ROW, "预算编制 | 合理性 | 4 | 4"),
        (5, LineKind.ROW, "预算编制 | 规范性 | 4 | 4"),
        (6, LineKind.BLANK, ""),
        (7, LineKind.TEXT, "二、绩效自评结论"),
        (8, LineKind.TEXT, "自评得分为96分。"),
    ]
    # the merged cell once, not twice, and a cell per grid column: 分值 stands over the 分值 column
    assert doc.line(3).cells == ("指标", "", "分值", "得分")
    assert doc.line(4).cells == ("预算编制", "合理性", "4", "4")


def test_vertically_merged_cell_repeats_its_text_in_each_row(tmp_path: Path):
    d = docx.Document()
    table = d.add_table(rows=3, cols=3)
    merged = table.cell(0, 0).merge(table.cell(2, 0))
    merged.text = "产出指标"
    for r, (name, score) in enumerate([("数量", "20"), ("质量", "20"), ("时效", "10")]):
        table.cell(r, 1).text = name
        table.cell(r, 2).text = score
    path = tmp_path / "v.docx"
    d.save(path)
    doc = read_document(path)
    assert [line.cells for line in doc.lines] == [
        ("产出指标", "数量", "20"),
        ("产出指标", "质量", "20"),
        ("产出指标", "时效", "10"),
    ]


def test_docx_of_the_sample_has_the_same_line_numbers_as_the_txt(tmp_path: Path):
    d = docx.Document()
    for raw in SAMPLE_TEXT.split("\n"):
        d.add_paragraph(raw)
    path = tmp_path / "sample.docx"
    d.save(path)
    from_docx = read_document(path)
    from_txt = read_document(SEED)
    assert len(from_docx.lines) == len(from_txt.lines) == 62
    assert [(x.no, x.kind, x.text) for x in from_docx.lines] == [
        (x.no, x.kind, x.text) for x in from_txt.lines
    ]


def test_tabs_breaks_and_hyperlink_text(tmp_path: Path):
    d = docx.Document()
    p = d.add_paragraph("1.")
    p.add_run("\t主要职责")
    q = d.add_paragraph("第一行")
    q.add_run().add_break(WD_BREAK.LINE)
    q.add_run("第二行")
    path = tmp_path / "t.docx"
    d.save(path)
    doc = read_document(path)
    assert doc.line(1).text == "1.\t主要职责"
    assert doc.line(1).kind is LineKind.TEXT  # a tab after a heading marker is not a table
    assert doc.line(2).text == "第一行 第二行"  # one paragraph stays one line


def _error(path: Path) -> str:
    with pytest.raises(DrafterError) as info:
        read_document(path)
    assert info.value.path == str(path)
    return info.value.message


def test_corrupt_docx(tmp_path: Path):
    path = tmp_path / "corrupt.docx"
    path.write_bytes(b"this is not a zip file at all")
    assert "文件已损坏或不是 .docx" in _error(path)


def test_truncated_docx(tmp_path: Path):
    good = _make_docx(tmp_path / "good.docx").read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(good[: len(good) // 2])
    assert "损坏" in _error(path)


def test_zip_that_is_not_a_word_document(tmp_path: Path):
    path = tmp_path / "book.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "不是 Word 文档" in _error(path)


def test_password_protected_docx(tmp_path: Path):
    # Word saves an encrypted .docx as an OLE compound file, not a zip
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert "加密" in _error(path)


def test_empty_and_textless_docx(tmp_path: Path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert "文件为空" in _error(path)
    blank = tmp_path / "blank.docx"
    docx.Document().save(blank)
    assert "没有文字" in _error(blank)


def test_malformed_xml_in_docx(tmp_path: Path):
    good = _make_docx(tmp_path / "good.docx")
    bad = tmp_path / "badxml.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    assert "XML 无法解析" in _error(bad)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbered_docx(path: Path) -> Path:
    """Headings numbered by Word (一、/（一）/1.), the first level through the Heading 1 style."""
    from docx.oxml import parse_xml

    d = docx.Document()
    numbering = d.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">{lvl_xml}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    heading1 = d.styles["Heading 1"].element
    ppr = heading1.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))

    def numbered(text: str, ilvl: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>')
        )

    d.add_paragraph("部门基本情况", style="Heading 1")
    numbered("部门整体概况。", 1)
    numbered("主要职责", 2)
    numbered("内设机构构成", 2)
    numbered("年度总体工作和重点工作任务。", 1)
    d.add_paragraph("绩效自评分析", style="Heading 1")
    numbered("预算编制情况。", 1)
    numbered("预算编制，指标总分8，自评8分", 2)
    d.add_paragraph("正文段落不编号。")
    d.save(path)
    return path


def test_word_automatic_numbering_is_rendered_for_the_outline(tmp_path: Path):
    from drafter.read.outline import build_outline

    doc = read_document(_numbered_docx(tmp_path / "numbered.docx"))
    assert [line.text for line in doc.lines] == [
        "一、 部门基本情况",
        "（一） 部门整体概况。",
        "1. 主要职责",
        "2. 内设机构构成",
        "（二） 年度总体工作和重点工作任务。",
        "二、 绩效自评分析",
        "（一） 预算编制情况。",
        "1. 预算编制，指标总分8，自评8分",
        "正文段落不编号。",
    ]
    outline = build_outline(doc)
    assert [(h.level, h.number, h.title) for h in outline] == [
        (1, 1, "部门基本情况"),
        (2, 1, "部门整体概况"),
        (3, 1, "主要职责"),
        (3, 2, "内设机构构成"),
        (2, 2, "年度总体工作和重点工作任务"),
        (1, 2, "绩效自评分析"),
        (2, 1, "预算编制情况"),
        (3, 1, "预算编制"),
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCountingThousand", "十二"),
        (21, "chineseCounting", "二十一"),
        (3, "decimal", "3"),
        (2, "decimalEnclosedCircle", "②"),
        (4, "decimalFullWidth", "４"),
        (2, "ideographTraditional", "乙"),
        (28, "upperLetter", "BB"),
        (9, "lowerRoman", "ix"),
        (1, "bullet", ""),
    ],
)
def test_number_formats(n: int, fmt: str, shown: str):
    from drafter.read._numbering import format_number

    assert format_number(n, fmt) == shown
