"""Reading PDF reports: text layer in reading order, paragraphs re-joined, tables kept, bad files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

from drafter.document import LineKind
from drafter.errors import DrafterError
from drafter.read import read_document
from drafter.read._pdf_layout import assemble
from drafter.read.outline import build_outline
from drafter.read.pdf import _garbled
from drafter.text.numbers import find_quantities

# Made by LibreOffice from a .docx holding sample lines 28-32, a 3x4 score table and lines 45-48.
FIXTURE = Path(__file__).parent / "fixtures" / "read" / "sample-part.pdf"


@pytest.fixture(scope="module")
def pdf_doc():
    return read_document(FIXTURE)


def test_pdf_paragraphs_are_whole_and_in_order(pdf_doc):
    texts = [line.text for line in pdf_doc.lines if line.kind is LineKind.TEXT]
    assert texts[:4] == ["二、绩效自评结论", texts[1], "三、绩效自评分析", "（一）预算编制情况。"]
    assert texts[1].startswith("2023年，我单位积极认真履职")
    assert texts[1].endswith("绩效自评得分为96分。")  # three wrapped lines joined, spaces removed
    assert "1.预算编制，指标总分8，自评8分" in texts
    asset = next(t for t in texts if t.startswith("本单位资产安排专人管理"))
    assert "固定资产利用率达到100%，自评2分。" in asset  # "利" and "用率" were on two lines


def test_pdf_table_rows_keep_their_cells(pdf_doc):
    rows = [line.cells for line in pdf_doc.lines if line.kind is LineKind.ROW]
    assert rows == [
        ("指标", "分值", "得分", "说明"),
        ("预算编制", "8", "8", "无"),
        ("目标设置", "12", "12", "无"),
    ]


def test_pdf_outline_and_numbers(pdf_doc):
    outline = build_outline(pdf_doc)
    assert [(h.level, h.title) for h in outline] == [
        (1, "绩效自评结论"),
        (1, "绩效自评分析"),
        (2, "预算编制情况"),
        (3, "预算编制"),
        (3, "项目管理"),
        (3, "资产管理"),
    ]
    asset = next(line for line in pdf_doc.lines if line.text.startswith("本单位资产安排"))
    assert [q.raw for q in find_quantities(asset.text)] == ["95.6万", "95.6万", "100%", "2分"]


def test_wrapped_lines_join_but_finished_sentences_and_headings_do_not():
    full = "本单位所有项目实施过程符合规范，申报批复程序符合相关办法符合规范，项目招投标"
    lines = [full, "调整、完成验收。", full + "。", "下一段。", full, "（二）预算执行情况。", "  - 3 -  "]
    got = assemble(lines)
    assert got[0] == full + "调整、完成验收。"
    assert got[1] == full + "。"
    assert got[2] == "下一段。"
    assert got[3] == full
    assert got[4] == "（二）预算执行情况。"


def _error(path: Path) -> str:
    with pytest.raises(DrafterError) as info:
        read_document(path)
    assert info.value.path == str(path)
    return info.value.message


def test_scanned_pdf_without_text_layer(tmp_path: Path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert _error(path).startswith("该 PDF 没有文字层（可能是扫描件）")


def test_encrypted_pdf(tmp_path: Path):
    buffer = io.BytesIO(FIXTURE.read_bytes())
    from pypdf import PdfReader

    writer = PdfWriter(clone_from=PdfReader(buffer))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "已加密" in _error(path)


def test_corrupt_pdf(tmp_path: Path):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"garbage " * 200)
    assert _error(path) == "PDF 文件已损坏，无法读取。请重新导出 PDF 或提供 Word 原文件。"


def test_truncated_pdf(tmp_path: Path):
    data = FIXTURE.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    assert "PDF 文件已损坏" in _error(path)


def test_not_a_pdf(tmp_path: Path):
    path = tmp_path / "fake.pdf"
    path.write_text("一、部门基本情况", encoding="utf-8")
    assert "不是 PDF 文件" in _error(path)


def test_garbled_text_layer_is_detected():
    assert _garbled(["\ue001\ue002\ue003 \ue004\ue005 预算"])
    assert not _garbled(["一、部门基本情况\n预算编制 8 8"])
