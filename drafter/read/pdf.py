"""Published reports as PDF: the text layer, line by line, in reading order (pypdf).

Lines are numbered across pages in order. Wrapped prose lines are joined back into one line per
paragraph (as in the .docx the PDF was made from), and the typesetting spaces between Chinese and
digits are removed (``自评得 5 分`` → ``自评得5分``); table rows keep their cells. Page numbers
(``- 3 -``, ``第 3 页 共 9 页``) and running headers/footers repeated on most pages are dropped.
A PDF without a text layer
(a scan) cannot be checked without OCR, and says so.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path

from drafter.document import Document, LineKind
from drafter.errors import DrafterError
from drafter.fileio import read_bytes
from drafter.limits import MAX_PAGES
from drafter.read._pdf_layout import PAGE_BREAK, assemble
from drafter.read.docx import MAX_PACKAGE_BYTES
from drafter.read.guards import check_count
from drafter.read.lines import make_line

__all__ = ["read_pdf_document"]

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})$"
)
# Fewer visible characters than this in the whole file: there is no usable text layer.
_MIN_TEXT_CHARS = 20


def read_pdf_document(path: str | Path) -> Document:
    shown = str(path)
    data = read_bytes(path, limit=MAX_PACKAGE_BYTES)
    if not data:
        raise DrafterError("文件为空，没有可检查的内容。", path=shown)
    if b"%PDF" not in data[:1024]:
        raise DrafterError("这不是 PDF 文件（文件头不是 %PDF），可能是改了扩展名的其他文件。", path=shown)
    pages = _page_texts(data, shown)
    visible = sum(len("".join(t.split())) for t in pages)
    if visible < _MIN_TEXT_CHARS:
        raise DrafterError(
            "该 PDF 没有文字层（可能是扫描件），无法读取文字。请提供 Word/WPS 原文件，"
            "或先用 OCR 软件识别为文字后再检查。",
            path=shown,
        )
    if _garbled(pages):
        raise DrafterError(
            "该 PDF 的文字层无法解码（字体缺少编码映射，提取出的是乱码），请提供 Word/WPS 原文件。",
            path=shown,
        )
    page_lines = [text.split("\n") for text in pages]
    furniture = _running_lines(page_lines)
    raws: list[str] = []
    for page in page_lines:
        if raws:
            raws.append(PAGE_BREAK)
        raws.extend(r for r in page if not _is_furniture(r, furniture))
    lines = []
    for item in assemble(raws):
        no = len(lines) + 1
        if isinstance(item, tuple):
            lines.append(make_line(no, " | ".join(item), cells=item))
        else:
            lines.append(make_line(no, item))
    while lines and lines[-1].kind is LineKind.BLANK:
        lines.pop()
    return Document(path=shown, lines=tuple(lines), fmt="pdf")


_UNDECODABLE = re.compile("[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0e-\x1f]")
# Share of undecodable characters above which the text layer is garbage (no ToUnicode map).
_GARBLED_SHARE = 0.3


def _garbled(pages: list[str]) -> bool:
    text = "".join("".join(t.split()) for t in pages)
    return bool(text) and len(_UNDECODABLE.findall(text)) > len(text) * _GARBLED_SHARE


def _is_furniture(raw: str, running: frozenset[str]) -> bool:
    text = raw.strip()
    return bool(text) and (text in running or _PAGE_NUMBER.match(text) is not None)


def _page_texts(data: bytes, shown: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # pypdf warns on every slightly malformed file; not the user's business
    try:
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except DependencyError:
                    opened = 0
                if not opened:
                    raise DrafterError(
                        "该 PDF 已加密（设有打开密码），无法读取。请提供未加密的文件。", path=shown
                    )
            check_count(len(reader.pages), MAX_PAGES, "页", shown)
            return [_extract(page) for page in reader.pages]
        except DrafterError:
            raise
        except FileNotDecryptedError:
            raise DrafterError(
                "该 PDF 已加密（设有打开密码），无法读取。请提供未加密的文件。", path=shown
            ) from None
        except PdfReadError:
            raise DrafterError(
                "PDF 文件已损坏，无法读取。请重新导出 PDF 或提供 Word 原文件。", path=shown
            ) from None
        except Exception:  # pypdf raises assorted errors on malformed input; all mean "cannot read"
            raise DrafterError(
                "PDF 文件格式异常，无法读取文字。请重新导出 PDF 或提供 Word 原文件。", path=shown
            ) from None
    finally:
        logger.setLevel(level)


def _extract(page: object) -> str:
    try:
        return page.extract_text(extraction_mode="layout") or ""  # type: ignore[attr-defined]
    except Exception:  # layout mode gives up on some fonts; plain mode still has the text
        return page.extract_text() or ""  # type: ignore[attr-defined]


def _running_lines(page_lines: list[list[str]]) -> frozenset[str]:
    """Texts that open or close most pages (running headers and footers)."""
    if len(page_lines) < 3:
        return frozenset()
    counts: Counter[str] = Counter()
    for raws in page_lines:
        texts = [t for t in (r.strip() for r in raws) if t]
        edge = set(texts[:1] + texts[-1:])
        counts.update(edge)
    threshold = len(page_lines) * 0.6
    return frozenset(text for text, n in counts.items() if n >= threshold and len(text) <= 60)
