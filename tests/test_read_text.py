"""Reading .txt/.md reports: numbering, cleanup, classification (noise, rows), encodings, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafter.document import LineKind
from drafter.errors import DrafterError
from drafter.read import document_from_text, read_document
from drafter.read.lines import clean_line, is_noise, make_line, make_lines, split_cells
from tests.conftest import SEED

FIXTURES = Path(__file__).parent / "fixtures" / "read"
SAMPLE_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample():
    return read_document(SEED)


def test_sample_has_the_files_line_numbers(sample):
    file_lines = SAMPLE_TEXT.split("\n")
    assert len(sample.lines) == 62  # the file ends with "无。\n\n": trailing blank lines are not lines
    assert [line.no for line in sample.lines] == list(range(1, 63))
    for line in sample.lines:
        assert line.raw == file_lines[line.no - 1]
    assert sample.line(62).text == "无。"
    assert sample.fmt == "txt"


def test_sample_bookmarks_removed_and_offsets_point_into_raw(sample):
    assert all("bookmark" not in line.text for line in sample.lines)
    first = sample.line(1)
    assert first.text == "一、部门基本情况"
    assert first.raw[first.col(0) - 1 :].startswith("一、部门基本情况")
    line52 = sample.line(52)  # "2. [bookmark: _Toc19171]效率性。"
    assert line52.text == "2. 效率性。"
    i = line52.text.index("效")
    assert line52.raw[line52.col(i) - 1] == "效"
    line55 = sample.line(55)  # indented by four spaces
    assert line55.text.startswith("在效果性方面")
    assert line55.col(0) == 5


def test_sample_line_4_is_prose_despite_its_run_of_spaces(sample):
    line4 = sample.line(4)
    assert "拟定        阳西高新区" in line4.text
    assert line4.kind is LineKind.TEXT
    assert line4.cells == ()


def test_sample_has_no_rows_and_no_noise(sample):
    kinds = {line.kind for line in sample.lines}
    assert kinds == {LineKind.TEXT}


def test_clean_line_removes_artefacts_and_keeps_the_rest():
    raw = "\u200b [bookmark: _Toc1]（一）[]{#_Toc2 .anchor}概况\u00a0说明 "
    text, offsets = clean_line(raw)
    assert text == "（一）概况 说明"
    assert [raw[o] for o in offsets] == ["（", "一", "）", "概", "况", "\u00a0", "说", "明"]
    assert clean_line("不变") == ("不变", ())


def test_webpage_noise_and_flattened_table_rows():
    doc = read_document(FIXTURES / "webpage-project-report.txt")
    kinds = {line.no: line.kind for line in doc.lines}
    noise = [no for no, kind in kinds.items() if kind is LineKind.NOISE]
    # menus, breadcrumbs, font-size bar, publication metadata, markdown separator, print/share, footer
    assert noise == [1, 2, 3, 4, 6, 16, 21, 22, 23, 24]
    assert kinds[5] is LineKind.TEXT  # the report's title is not noise
    rows = {line.no: line.cells for line in doc.lines if line.kind is LineKind.ROW}
    assert sorted(rows) == [10, 11, 12, 13, 14, 15, 17, 18]
    assert rows[12] == ("年度资金总额", "120.00", "120.00", "118.50", "10", "98.75%", "9.88")  # tabs
    assert rows[14][:5] == ("产出指标", "数量指标", "养护道路里程", "≥50公里", "52公里")  # spaces
    assert rows[15] == (
        "效益指标",
        "社会效益指标",
        "群众出行条件",
        "明显改善",
        "明显改善",
        "30",
        "30",
        "无",
    )  # pipes
    assert rows[18] == ("预算执行率", "98.75%")
    assert kinds[20] is LineKind.TEXT  # spaces inside a sentence


@pytest.mark.parametrize(
    "text",
    [
        "无障碍 | 长者模式 | 关闭",
        "首页 > 政务公开 > 财政预决算",
        "发布时间：2024-05-20 来源：阳西县财政局 浏览次数：",
        "【字体：大 中 小】",
        "打印本页 关闭窗口",
        "分享到：微信 微博 QQ空间",
        "扫一扫在手机打开当前页",
        "【打印】 【关闭】",
        "- 3 -",
        "第 2 页 共 9 页",
        "版权所有：阳西县人民政府 粤ICP备05012345号",
        "网站首页 | 政务公开 | 政务服务 | 互动交流 | 走进阳西",
        "首页 政务公开 财政预决算",
    ],
)
def test_noise_lines(text: str):
    assert is_noise(text)


def test_white_space_is_what_regex_s_matches():
    """is_noise skips the token split when a character is neither in a noise token nor a separator;
    the separators include regex \\s, whose characters the module lists."""
    import re
    import sys

    from drafter.read.lines import _WHITE_SPACE

    every = {c for c in map(chr, range(sys.maxunicode + 1)) if re.match(r"\s", c)}
    assert set(_WHITE_SPACE) == every == {c for c in every if c.isspace()}


_NOISE_PIECES = (
    "首页",
    "打印",
    "关闭窗口",
    "分享到",
    "QQ空间",
    "【打印】",
    "大",
    "中",
    "小",
    "English",
    "登录",
)
_SEPARATORS = (
    " ",
    "\t",
    "\u3000",
    "\u2003",
    "\u00a0",
    "\u2028",
    "\x1c",
    "|",
    "｜",
    "/",
    "·",
    "、",
    "：",
    "【",
    "】",
)


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(_NOISE_PIECES), min_size=1, max_size=6),
    st.lists(st.sampled_from(_SEPARATORS), min_size=6, max_size=6),
)
def test_lines_of_noise_tokens_are_noise_whatever_separates_them(words: list[str], seps: list[str]):
    """Any white space (and the other separators) between noise tokens: still page furniture."""
    text = "".join(w + s for w, s in zip(["登录", *words], seps, strict=False))
    assert is_noise(text)
    assert is_noise(text.strip())


@pytest.mark.parametrize(
    "text",
    [
        "无。",
        "大、中、小型企业均有覆盖",
        "资金来源：财政拨款",
        "政府采购实际数大于政府采购计划数，政府采购执行情况不得分。",
        "一、部门基本情况",
        "关闭不达标企业3家，打印机等设备已更新。",
        "党政办公室 | 经济发展局 | 政务服务局",
        "预算编制 | 8 | 8",
    ],
)
def test_report_lines_are_not_noise(text: str):
    assert not is_noise(text)


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("一级指标\t二级指标\t分值", ("一级指标", "二级指标", "分值")),
        ("预算编制  8  8", ("预算编制", "8", "8")),
        ("| a | b |", ("a", "b")),
        ("执行率\u3000\u300098%", ("执行率", "98%")),
        ("贯彻执行方针政策，拟定        阳西高新区发展规划、建设计划。", None),
        ("一、  部门基本情况", None),
        ("单位（盖章）：        填报日期：", None),
        ("1.\t主要职责", None),
        ("2023年  部门整体支出绩效自评报告", None),
        ("合计  100", ("合计", "100")),
    ],
)
def test_split_cells(text: str, cells):
    assert split_cells(text) == cells


def test_markdown_table_rows_and_headings():
    doc = document_from_text("# 一、概况\n\n| 指标 | 分值 |\n|---|---|\n| 预算编制 | 8 |\n", "r.md", fmt="md")
    assert [line.kind for line in doc.lines] == [
        LineKind.TEXT,
        LineKind.BLANK,
        LineKind.ROW,
        LineKind.NOISE,
        LineKind.ROW,
    ]
    assert doc.line(5).cells == ("预算编制", "8")


def test_document_from_text_handles_crlf_and_bom():
    doc = document_from_text("\ufeff一、概况\r\n无。\r\n\r\n")
    assert [line.text for line in doc.lines] == ["一、概况", "无。"]
    assert doc.path == "<text>"


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_encodings_read_the_same(tmp_path: Path, encoding: str, sample):
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(SAMPLE_TEXT.encode(encoding))
    doc = read_document(path)
    assert [line.text for line in doc.lines] == [line.text for line in sample.lines]


def test_crlf_file_keeps_numbering(tmp_path: Path, sample):
    path = tmp_path / "crlf.txt"
    path.write_bytes(SAMPLE_TEXT.replace("\n", "\r\n").encode("gbk"))
    doc = read_document(path)
    assert len(doc.lines) == 62
    assert doc.line(25).text == sample.line(25).text


# --- bad input ------------------------------------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(DrafterError) as info:
        read_document(path)
    assert info.value.path == str(path)
    return info.value.message


def test_empty_file(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "文件为空" in _error(path)
    path.write_text("  \n\n \t\n", encoding="utf-8")
    assert "文件为空" in _error(path)


def test_binary_file(tmp_path: Path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert "不是文本文件" in _error(path)


def test_binary_without_nul_bytes(tmp_path: Path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(b % 31 + 1 for b in range(5000)))
    assert "不是文本文件" in _error(path)


def test_other_formats_renamed_to_txt(tmp_path: Path):
    path = tmp_path / "really-a-docx.txt"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert ".docx" in _error(path)
    path = tmp_path / "really-a-pdf.txt"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00" * 100)
    assert ".pdf" in _error(path)


def test_unknown_suffix_names_the_supported_ones(tmp_path: Path):
    path = tmp_path / "report.xyz"
    path.write_text("一、概况", encoding="utf-8")
    message = _error(path)
    assert message == "不支持的文件类型 .xyz；支持的格式：.txt、.md、.docx、.pdf、.xlsx。"


def test_legacy_doc_suffix_says_save_as_docx(tmp_path: Path):
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert "另存为 .docx" in _error(path)
    sheet = tmp_path / "自评表.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert "另存为 .xlsx" in _error(sheet)


def test_missing_file(tmp_path: Path):
    assert "文件不存在" in _error(tmp_path / "nope.txt")
    assert "文件不存在" in _error(tmp_path / "nope.xyz")


def test_folder_is_not_a_file(tmp_path: Path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "文件夹" in _error(folder)


@pytest.mark.parametrize("name", ["huge.txt", "huge.md", "huge.docx", "huge.pdf"])
def test_a_50_mb_file_is_refused_with_a_clear_message(tmp_path: Path, name: str):
    path = tmp_path / name
    with path.open("wb") as handle:  # sparse: the size check comes before any read
        handle.truncate(50 * 1024 * 1024)
    message = _error(path)
    assert message.startswith("文件过大（50.0 MB，上限 ")
    assert "不像是一份自评报告" in message


@given(
    st.lists(
        st.sampled_from(
            ["一、", "概况", " ", "\u00a0", "\u200b", "[bookmark: _Toc12]", "[]{#_Toc3 .anchor}", "8分", "\t"]
        ),
        max_size=12,
    )
)
def test_offsets_point_at_the_same_characters(parts: list[str]):
    raw = "".join(parts)
    text, offsets = clean_line(raw)
    if offsets == ():
        assert text in (raw, "")  # identity, or nothing left
    else:
        assert len(offsets) == len(text)
        for i, ch in enumerate(text):
            assert raw[offsets[i]] == ch or (ch == " " and raw[offsets[i]] == "\u00a0")
    assert "bookmark" not in text and "\u200b" not in text


_LINE_PIECES = (
    *("一、", "预算执行率95%", "。", "，", " ", "  ", "\u3000", "\u00a0", "\u200b", "\t", "|", "｜"),
    *("[bookmark: _Toc12]", "[", "{#_Toc3}", '<a name="x"></a>', "首页", "第 3 页", "8分"),
)


@settings(max_examples=300)
@example(["一、\u00a0概况。", "预算[bookmark: _Toc1]执行。", "自评\u200b8分。", "预算执行率95%。", ""])
@given(st.lists(st.lists(st.sampled_from(_LINE_PIECES), max_size=6).map("".join), max_size=6))
def test_make_lines_reads_each_line_as_make_line_does(raws: list[str]):
    """The quick path for plain sentences gives the very Line the full cleanup would."""
    lines = make_lines(raws)
    full = [make_line(no, raw) for no, raw in enumerate(raws, start=1)]
    while full and full[-1].kind is LineKind.BLANK:
        full.pop()
    assert [(ln.no, ln.raw, ln.text, ln.kind, ln.cells, ln.offsets) for ln in lines] == [
        (ln.no, ln.raw, ln.text, ln.kind, ln.cells, ln.offsets) for ln in full
    ]
