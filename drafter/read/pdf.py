"""Published reports as PDF: the text layer, line by line, in reading order (pypdf).

Lines are numbered across pages in order. Page numbers (``- 3 -``, ``第 3 页 共 9 页``) and running
headers/footers repeated on most pages are page furniture (NOISE). A PDF without a text layer
(a scan) cannot be checked without OCR, and says so.
"""

from __future__ import annotations

import dataclasses
import io
import logging
from collections import Counter
from pathlib import Path

from drafter.document import Document, Line, LineKind
from drafter.errors import DrafterError
from drafter.fileio import read_bytes
from drafter.read.docx import MAX_PACKAGE_BYTES
from drafter.read.lines import make_line

__all__ = ["read_pdf_document"]

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
    page_lines = [text.split("\n") for text in pages]
    furniture = _running_lines(page_lines)
    lines: list[Line] = []
    for raws in page_lines:
        for raw in raws:
            line = make_line(len(lines) + 1, raw)
            if line.kind is not LineKind.BLANK and line.text in furniture:
                line = dataclasses.replace(line, kind=LineKind.NOISE, cells=())
            lines.append(line)
    while lines and lines[-1].kind is LineKind.BLANK:
        lines.pop()
    return Document(path=shown, lines=tuple(lines), fmt="pdf")


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
            return [page.extract_text() or "" for page in reader.pages]
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
