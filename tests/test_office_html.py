"""render_html: one self-contained page, findings highlighted in place, opened in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from _office_helpers import Checked

from drafter.document import Document, Line, LineKind
from drafter.findings import Finding, Severity
from drafter.office.html import render_html
from drafter.read import read_document

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "yangxi-2023" / "report.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _doc(*texts: str) -> Document:
    return Document(
        path="r.txt",
        lines=tuple(Line(i, t, t, LineKind.TEXT if t else LineKind.BLANK) for i, t in enumerate(texts, 1)),
    )


def _sample_findings() -> list[Finding]:
    return [
        Finding(
            code="CN002",
            severity=Severity.WARNING,
            message="内设机构名称与所列机构不一致",
            line=12,
            quote="国土规划局",
            expected="国土规划环保局",
            found="国土规划局",
            hint="统一使用机构全称。",
        ),
        Finding(
            code="SC006",
            severity=Severity.ERROR,
            message="项目管理的得分说法前后不一",
            line=46,
            quote="自评得5分",
        ),
        Finding(code="RD001", severity=Severity.INFO, message="全文提示"),
    ]


def test_page_is_self_contained_and_escaped() -> None:
    doc = _doc('<script>alert("x")</script> 预算 & 支出', "")
    finding = Finding(
        code="FG001", severity=Severity.ERROR, message='合计 <b>不符</b> "x"', line=1, quote="预算 & 支出"
    )
    page = render_html([Checked("r.txt", [finding])], documents={"r.txt": doc})
    assert "<script>" not in page and "<b>不符</b>" not in page
    assert "&lt;script&gt;" in page and "合计 &lt;b&gt;不符&lt;/b&gt;" in page
    assert re.search(r"<mark class=\"error\"[^>]*>预算 &amp; 支出</mark>", page)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "<link" not in page and "@import" not in page


def test_overlapping_findings_split_marks() -> None:
    doc = _doc("资金管理自评16分")
    findings = [
        Finding(
            code="SC005", severity=Severity.WARNING, message="扣分无原因", line=1, quote="资金管理自评16分"
        ),
        Finding(code="SC003", severity=Severity.ERROR, message="超过分值", line=1, quote="16分"),
    ]
    page = render_html([Checked("r.txt", findings)], documents={"r.txt": doc})
    marks = re.findall(r'<mark class="(\w+)"[^>]*data-codes="([^"]+)"[^>]*>([^<]*)</mark>', page)
    assert marks == [("warning", "SC005", "资金管理自评"), ("error", "SC005 SC003", "16分")]


def test_unlocated_quote_flags_the_line_and_unreadable_file_is_listed() -> None:
    doc = _doc("第一行", "第二行")
    f = Finding(
        code="CL002", severity=Severity.WARNING, message="完成情况矛盾", line=1, end_line=2, quote="不在文中"
    )
    page = render_html(
        [Checked("r.txt", [f]), Checked("bad.docx", [], "文件已损坏")], documents={"r.txt": doc}
    )
    assert 'class="ln flagged" id="r1-L1"' in page and 'class="ln flagged" id="r1-L2"' in page
    assert "原文：“不在文中”" in page
    assert "无法读取：文件已损坏" in page


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_chromium_shows_highlighted_findings(tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    sample = Checked(str(SAMPLE), _sample_findings(), stated_total=Decimal(96), computed_total=Decimal(96))
    page.write_text(
        render_html([sample, Checked("bad.docx", [], "坏文件")]),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    dom = proc.stdout
    assert proc.returncode == 0, proc.stderr[-2000:]
    marks = re.findall(r"<mark [^>]*data-codes=\"([^\"]+)\"[^>]*>([^<]*)</mark>", dom)
    assert marks == [("CN002", "国土规划局"), ("SC006", "自评得5分")]
    assert re.search(r'id="r1-L12".*?<mark class="warning"', dom, re.S)
    # the finding's message is shown right after its line, and the summary table lists both files
    assert re.search(
        r'id="r1-L12".*?</div><aside class="finding warning"[^>]*>.*?内设机构名称与所列机构不一致', dom, re.S
    )
    summary = re.search(r'<table class="summary">(.*?)</table>', dom, re.S).group(1)
    # issue 11: unit, year, kind and 已忽略 columns; the verdict (退回修改 / 未能审核) replaces 有错误
    assert re.search(
        r"report\.txt</a></td><td></td><td class=\"num\"></td><td></td><td class=\"num\">1</td>"
        r"<td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td>"
        r"<td class=\"num\">96</td><td class=\"num\">96</td><td><span class=\"verdict back\">退回修改</span>",
        summary,
    )
    assert re.search(r"bad\.docx</a>.*?未能审核.*?无法读取", summary)
    assert dom.count('class="ln') == len(read_document(SAMPLE).lines)
