"""annotate_docx: a reviewed copy with one Word comment per finding, the input left untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import docx
import pytest
from _office_helpers import comments

from drafter.errors import DrafterError
from drafter.findings import Finding, Severity
from drafter.office.annotate import annotate_docx, comment_text
from drafter.read import read_document

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "yangxi-2023" / "report.txt"


def _f(code: str, line: int | None, quote: str, **kw) -> Finding:
    return Finding(
        code=code,
        severity=kw.pop("severity", Severity.WARNING),
        message=kw.pop("message", f"{code} 问题"),
        line=line,
        quote=quote,
        **kw,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sample_text_report_gets_comments_on_quotes(tmp_path: Path) -> None:
    src = tmp_path / "report.txt"
    shutil.copy(SAMPLE, src)
    before = _sha(src)
    findings = [
        _f("CN002", 12, "国土规划局", expected="国土规划环保局", found="国土规划局", hint="统一机构名称。"),
        _f("SC006", 46, "自评得5分", severity=Severity.ERROR, message="项目管理的得分说法不一致"),
        _f("CN001", 34, "2020年度"),
        _f("RD001", None, "", severity=Severity.INFO, message="全文提示"),
    ]
    out = tmp_path / "reviewed.docx"
    result = annotate_docx(src, findings, out)

    assert _sha(src) == before
    assert result.comments == 4 and result.exact == 3
    found = comments(out)
    assert len(found) == 4
    assert all(c["author"] == "drafter" for c in found.values())
    by_code = {c["text"].split()[0].strip("["): c for c in found.values()}
    assert by_code["CN002"]["anchor"] == "国土规划局"
    assert "应为：国土规划环保局；实际：国土规划局" in by_code["CN002"]["text"]
    assert "建议：统一机构名称。" in by_code["CN002"]["text"]
    assert by_code["SC006"]["anchor"] == "自评得5分"
    assert by_code["SC006"]["text"].startswith("[SC006 错误] 项目管理的得分说法不一致")
    assert by_code["CN001"]["anchor"] == "2020年度"
    assert by_code["RD001"]["anchor"]  # a finding without a line is anchored on the first line with text

    # one paragraph per line: line numbers of the copy match the text file's
    lines = read_document(SAMPLE).lines
    paragraphs = docx.Document(str(out)).paragraphs
    assert len(paragraphs) == len(lines)
    assert [p.text for p in paragraphs] == [line.text for line in lines]
    # and the copy reads back with the same numbering, so the findings' lines still point right
    assert [line.text for line in read_document(out).lines] == [line.text for line in lines]
    assert "国土规划局" in paragraphs[11].text


def test_docx_quote_across_runs_keeps_formatting(tmp_path: Path) -> None:
    src = tmp_path / "r.docx"
    d = docx.Document()
    d.add_paragraph("标题")
    p = d.add_paragraph()
    p.add_run("预算编制符合20")
    bold = p.add_run("20年度方案")
    bold.bold = True
    p.add_run("的要求。")
    table = d.add_table(rows=2, cols=3)
    for i, text in enumerate(("指标", "分值", "得分")):
        table.cell(0, i).text = text
    for i, text in enumerate(("项目管理", "8", "9")):
        table.cell(1, i).text = text
    d.add_paragraph("结尾")
    d.save(str(src))
    before = _sha(src)

    out = tmp_path / "out.docx"
    result = annotate_docx(
        src,
        [
            _f("CN001", 2, "2020年度"),
            _f("SC003", 4, "9", message="自评得分超过分值"),
            _f("XX001", 5, "不存在的话"),
        ],
        out,
    )
    assert _sha(src) == before
    assert result.comments == 3 and result.exact == 2
    anchors = sorted(c["anchor"] for c in comments(out).values())
    assert anchors == ["2020年度", "9", "结尾"]
    runs = docx.Document(str(out)).paragraphs[1].runs
    texts = [(r.text, bool(r.bold)) for r in runs if r.text]
    assert texts == [
        ("预算编制符合", False),
        ("20", False),
        ("20年度", True),
        ("方案", True),
        ("的要求。", False),
    ]


def test_quote_on_a_neighbouring_line_is_still_found(tmp_path: Path) -> None:
    src = tmp_path / "r.txt"
    src.write_text("第一行\n第二行有目标文字\n第三行\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    annotate_docx(src, [_f("CN001", 1, "目标文字")], out)
    assert [c["anchor"] for c in comments(out).values()] == ["目标文字"]


def test_comment_text_without_optional_parts() -> None:
    assert comment_text(_f("FG001", 3, "x", message="合计不符")) == "[FG001 警告] 合计不符"


def test_refuses_to_overwrite_input(tmp_path: Path) -> None:
    src = tmp_path / "r.docx"
    docx.Document().save(str(src))
    before = _sha(src)
    with pytest.raises(DrafterError, match="不能与输入文件相同"):
        annotate_docx(src, [], src)
    assert _sha(src) == before


def test_output_must_be_docx(tmp_path: Path) -> None:
    src = tmp_path / "r.txt"
    src.write_text("一行\n", encoding="utf-8")
    with pytest.raises(DrafterError, match=r"\.docx"):
        annotate_docx(src, [], tmp_path / "out.pdf")


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "密码"),
        (b"PK\x03\x04 this is not really a zip", "损坏"),
        (b"plain text pretending", "损坏"),
    ],
)
def test_bad_docx_input(tmp_path: Path, payload: bytes, message: str) -> None:
    src = tmp_path / "报告.docx"
    src.write_bytes(payload)
    out = tmp_path / "out.docx"
    with pytest.raises(DrafterError, match=message) as info:
        annotate_docx(src, [], out)
    assert "报告.docx" in str(info.value)
    assert not out.exists()


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    import zipfile

    src = tmp_path / "x.docx"
    with zipfile.ZipFile(src, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(DrafterError, match="损坏"):
        annotate_docx(src, [], tmp_path / "out.docx")


def test_line_numbers_agree_with_the_reader(tmp_path: Path) -> None:
    """Paragraphs, table rows and content controls are numbered as drafter.read numbers them."""
    from docx.oxml import OxmlElement

    from drafter.office._ooxml import body_lines, open_docx

    d = docx.Document()
    d.add_paragraph("一、标题")
    table = d.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "得分"
    table.cell(2, 0).text, table.cell(2, 1).text = "合计", "96"
    # a content control (as WPS writes around a TOC) holding one paragraph
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    inner = d.add_paragraph("目录里的一行")._p
    content.append(inner)
    sdt.append(content)
    d.element.body.insert(len(d.element.body) - 1, sdt)
    d.add_paragraph("结尾，自评得5分")
    src = tmp_path / "r.docx"
    d.save(str(src))

    ours = [ln.text for ln in body_lines(open_docx(src)[0])]
    theirs = [ln.text for ln in read_document(src).lines]
    assert len(ours) == len(theirs) == 6
    assert ours[5] == theirs[5] == "结尾，自评得5分"
    out = tmp_path / "out.docx"
    annotate_docx(
        src, [_f("SC006", 6, "自评得5分"), _f("CN001", 5, "目录里的一行"), _f("SC002", 4, "96")], out
    )
    assert sorted(c["anchor"] for c in comments(out).values()) == ["96", "目录里的一行", "自评得5分"]
