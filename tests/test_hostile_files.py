"""Hostile reports: .docx, .xlsx, .pdf and text files made to break a reader.

Each file is generated here (tests/_hostile_files.py) and checked with the real ``drafter check``
in a forked child: exit code, one message line (an unreadable file is named once in the summary),
no traceback, CPU time and peak memory within the bounds, and the input unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import _hostile_files as hf
import pytest
from _hostile import assert_clean, digest, run_forked

REPO = Path(__file__).resolve().parent.parent
SAMPLE = (REPO / "examples" / "yangxi-2023" / "report.txt").read_text(encoding="utf-8")

Maker = Callable[[Path], Path]


def _text(name: str, content: str | bytes) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make


def _sparse(name: str, size: int) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as handle:
            handle.truncate(size)
        return path

    return make


def _docx(body: str | None = None, *, prolog: str = "", extra: dict[str, bytes | str] | None = None) -> Maker:
    return lambda folder: hf.docx(folder / "报告.docx", body, prolog=prolog, extra=extra)


def _truncated_docx(folder: Path) -> Path:
    path = hf.docx(folder / "报告.docx", "".join(hf.paragraph(SAMPLE[:200]) for _ in range(50)))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _bomb_docx(folder: Path) -> Path:
    return hf.write_zip(
        folder / "报告.docx",
        {
            "[Content_Types].xml": hf._DOCX_TYPES,
            "_rels/.rels": hf._DOCX_RELS,
            "word/document.xml": hf.zip_bomb_part(20 * 1024 * 1024),
        },
        level=9,
    )


def _lying_docx(folder: Path) -> Path:
    path = hf.docx(folder / "报告.docx")
    hf.lie_about_size(path, "word/document.xml", 3_000_000_000)
    return path


def _many_members_docx(folder: Path) -> Path:
    return hf.docx(folder / "报告.docx", extra={f"word/media/x{i}.xml": "" for i in range(6000)})


def _nested_tables(depth: int) -> str:
    inner = hf.paragraph("得分95分")
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
    return inner + hf.paragraph("经自评，总分96分。")


def _wide_table(rows: int, cols: int) -> str:
    row = "<w:tr>" + "".join(f"<w:tc>{hf.paragraph('9')}</w:tc>" for _ in range(cols)) + "</w:tr>"
    return "<w:tbl>" + row * rows + "</w:tbl>"


def _xlsx(rows: str | None = None, *, prolog: str = "", sheet: bytes | None = None) -> Maker:
    return lambda folder: hf.xlsx(folder / "自评表.xlsx", rows, prolog=prolog, sheet=sheet)


def _formula_xlsx(folder: Path) -> Path:
    rows = (
        hf.inline_row(1, ["指标", "分值", "得分"])
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>合计</t></is></c><c r="B2"><f>SUM(B3:B9)</f></c>'
        '<c r="C2"><f>1/0</f></c></row>'
    )
    return hf.xlsx(folder / "自评表.xlsx", rows)


def _pdf(pages: list[str] | int) -> Maker:
    return lambda folder: hf.pdf(folder / "报告.pdf", pages)


def _corrupt_pdf(folder: Path) -> Path:
    path = hf.pdf(folder / "报告.pdf", ["Budget 3115.48"] * 3)
    data = bytearray(path.read_bytes())
    data[200:400] = b"\x00garbage" * 25
    path.write_bytes(bytes(data[: len(data) - 60]))
    return path


# name → (make the file, exit codes allowed, a word the output must contain)
CASES: dict[str, tuple[Maker, tuple[int, ...], str]] = {
    # .docx
    "docx-not-a-zip": (_text("报告.docx", "这不是压缩包" * 100), (2,), "损坏"),
    "docx-empty": (_text("报告.docx", b""), (2,), "空"),
    "docx-truncated": (_truncated_docx, (2,), "损坏"),
    "docx-zip-bomb": (_bomb_docx, (2,), "压缩"),
    "docx-lying-sizes": (_lying_docx, (2,), "上限"),
    "docx-6000-members": (_many_members_docx, (2,), "6003 个部件"),
    "docx-billion-laughs": (_docx(hf.paragraph("&lol9;"), prolog=hf.BILLION_LAUGHS), (2,), "DTD"),
    "docx-external-entity": (_docx(hf.paragraph("&xxe;"), prolog=hf.XXE), (2,), "DTD"),
    "docx-dtd-in-content-types": (
        _docx(extra={"[Content_Types].xml": hf.XXE + hf._DOCX_TYPES}),
        (2,),
        "DTD",
    ),
    "docx-100k-paragraphs": (
        _docx("".join(hf.paragraph(f"第{i}项，预算执行率{i % 97}.{i % 89}%。") for i in range(100_000))),
        (2,),
        "上限",
    ),
    "docx-100k-table-rows": (
        _docx(
            "<w:tbl>"
            + "".join(f"<w:tr><w:tc>{hf.paragraph(str(i))}</w:tc></w:tr>" for i in range(100_000))
            + "</w:tbl>"
        ),
        (2,),
        "上限",
    ),
    "docx-nested-tables-40": (_docx(_nested_tables(40)), (0, 1), ""),
    "docx-nested-tables-300": (_docx(_nested_tables(300)), (2,), ""),
    "docx-wide-table": (_docx(_wide_table(200, 60)), (0, 1, 2), ""),
    "docx-encrypted": (lambda f: hf.ole(f / "报告.docx", encrypted=True), (2,), "加密"),
    "docx-legacy-doc": (lambda f: hf.ole(f / "报告.docx", encrypted=False), (2,), ".doc"),
    "docx-no-document-part": (
        lambda f: hf.write_zip(f / "报告.docx", {"a.txt": "x"}),
        (2,),
        "Word",
    ),
    "docx-garbage-xml": (
        lambda f: hf.write_zip(
            f / "报告.docx",
            {
                "[Content_Types].xml": hf._DOCX_TYPES,
                "_rels/.rels": hf._DOCX_RELS,
                "word/document.xml": "<<<>>>",
            },
        ),
        (2,),
        "损坏",
    ),
    "docx-one-huge-paragraph": (_docx(hf.paragraph("9" * 2_000_000)), (0, 1, 2), ""),
    "docx-bidi-and-controls": (
        _docx(hf.paragraph("预算\u202e执行率\u200f99.99%\u2066。") + hf.paragraph("总分96分。")),
        (0, 1),
        "",
    ),
    # .xlsx
    "xlsx-not-a-zip": (_text("自评表.xlsx", "a,b,c\n1,2,3\n"), (2,), "损坏"),
    "xlsx-truncated": (lambda f: _truncate(hf.xlsx(f / "自评表.xlsx")), (2,), ""),
    "xlsx-encrypted": (lambda f: hf.ole(f / "自评表.xlsx", encrypted=True), (2,), "加密"),
    "xlsx-legacy-xls": (lambda f: hf.ole(f / "自评表.xlsx", encrypted=False), (2,), ".xls"),
    "xlsx-million-rows": (_xlsx(sheet=hf.million_row_sheet()), (2,), "上限"),
    "xlsx-billion-laughs": (
        _xlsx(hf.inline_row(1, ["&lol9;"]), prolog=hf.BILLION_LAUGHS),
        (2,),
        "DTD",
    ),
    "xlsx-external-entity": (_xlsx(hf.inline_row(1, ["&xxe;"]), prolog=hf.XXE), (2,), "DTD"),
    "xlsx-formulas-without-values": (_formula_xlsx, (0, 1, 2), ""),
    "xlsx-zip-bomb": (
        lambda f: hf.xlsx(f / "自评表.xlsx", sheet=hf.zip_bomb_part(20 * 1024 * 1024)),
        (2,),
        "压缩",
    ),
    "xlsx-huge-numbers": (
        _xlsx(
            hf.inline_row(1, ["指标", "分值", "得分"])
            + hf.inline_row(2, ["预算执行率", "9" * 5000, "1e999999"])
        ),
        (0, 1, 2),
        "",
    ),
    # .pdf
    "pdf-not-a-pdf": (_text("报告.pdf", "plain text " * 100), (2,), "PDF"),
    "pdf-empty": (_text("报告.pdf", b""), (2,), "空"),
    "pdf-corrupt": (_corrupt_pdf, (2,), "PDF"),
    "pdf-header-only": (_text("报告.pdf", b"%PDF-1.7\n" + b"\x00" * 5000), (2,), "PDF"),
    "pdf-encrypted": (lambda f: hf.encrypted_pdf(f / "报告.pdf"), (2,), "加密"),
    "pdf-1000-pages": (_pdf(1000), (2,), "上限"),
    "pdf-no-text": (_pdf(3), (2,), "文字层"),
    # text
    "text-50mb-single-line": (_sparse("报告.txt", 50 * 1024 * 1024), (2,), "过大"),
    "text-million-digits": (_text("报告.txt", "9" * 1_000_000 + "\n"), (0, 1), ""),
    "text-million-digits-wan": (_text("报告.txt", "9" * 1_000_000 + "万元\n" + SAMPLE), (0, 1), ""),
    "text-million-punctuation": (_text("报告.txt", "。，、；" * 250_000), (0, 1), ""),
    "text-million-chinese-numerals": (_text("报告.txt", "一" * 1_000_000), (0, 1), ""),
    "text-million-dashes": (_text("报告.txt", "- " * 500_000), (0, 1), ""),
    "text-numbers-separated": (_text("报告.txt", "1,1." * 250_000), (0, 1), ""),
    "text-20-digit-amount": (
        _text("报告.txt", SAMPLE + "\n实际支出99999999999999999999万元，预算99999999999999999999.99万元。\n"),
        (0, 1),
        "",
    ),
    "text-exponent-amount": (
        _text("报告.txt", SAMPLE + "\n支出1e999999999万元，完成率1e-99999%。\n"),
        (0, 1),
        "",
    ),
    "text-control-characters": (_text("报告.txt", "\x01\x02\x07\x1b" * 1000), (2,), "文本"),
    "text-bidi-overrides": (
        _text("报告.txt", SAMPLE.replace("。", "\u202e。\u202c\u2066", 50) + "\u200f" * 1000),
        (0, 1),
        "",
    ),
    "text-invalid-utf8": (_text("报告.txt", b"\xff\xfe\xfd" * 10000), (2,), ""),
    "text-utf16": (_text("报告.txt", SAMPLE.encode("utf-16")), (0, 1), ""),
    "text-gbk": (_text("报告.txt", SAMPLE.encode("gb18030")), (0, 1), ""),
    "text-only-newlines": (_text("报告.txt", "\n" * 2_000_000), (2,), "空"),
    "text-many-short-lines": (_text("报告.txt", "得分9分\n" * 200_000), (2,), "上限"),
    "text-lines-at-the-limit": (
        _text("报告.txt", "".join(f"第{i}项得分9分。\n" for i in range(19_000))),
        (0, 1),
        "",
    ),
    "text-deep-headings": (
        _text("报告.txt", "".join(f"{'（' * 50}{i}{'）' * 50}\n" for i in range(5000))),
        (0, 1),
        "",
    ),
    "text-wrong-suffix": (_text("报告.xyz", SAMPLE), (2,), ""),
}


def _truncate(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_report(tmp_path: Path, name: str) -> None:
    make, codes, word = CASES[name]
    path = make(tmp_path)
    before = digest([path])
    outcome = run_forked(["check", str(path)])
    # check names an unreadable file in its summary on stdout; no other line explains anything
    assert_clean(outcome, code=codes, contains=word, one_line=False)
    if outcome.code == 2:
        unreadable = [line for line in outcome.stdout.splitlines() if "无法读取" in line or "错误：" in line]
        assert len(unreadable) + len(outcome.message_lines()) >= 1
    assert digest([path]) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
