"""Reading reports: every supported format becomes a :class:`~drafter.document.Document`.

``read_document(path)`` picks the reader by suffix; ``document_from_text(text)`` wraps text already
in memory. Both classify lines (TEXT, ROW, NOISE, BLANK) and clean export artefacts while keeping
positions; ``drafter.read.outline`` builds the heading outline.
"""

from __future__ import annotations

import os
from pathlib import Path

from drafter.document import Document
from drafter.errors import DrafterError
from drafter.read.text import document_from_text

__all__ = ["SUPPORTED_SUFFIXES", "document_from_text", "read_document"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".xlsx")

_OTHER_FORMATS = {
    ".doc": "旧版 Word 格式（.doc）",
    ".wps": "WPS 文字格式（.wps）",
    ".rtf": "RTF 格式",
    ".odt": "OpenDocument 格式（.odt）",
    ".xls": "旧版 Excel 格式（.xls）",
    ".et": "WPS 表格格式（.et）",
}
_SAVE_AS = {".xls": ".xlsx", ".et": ".xlsx"}


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read a report (.txt .md .docx .pdf, or an .xlsx 自评表) into numbered, classified lines.

    Raises :class:`DrafterError` (one Chinese sentence, naming the file) for anything a user can
    cause: missing file, unsupported suffix, empty, binary, corrupt or password-protected files,
    scanned PDFs without text, files too large to be a report.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".txt", ".md", ".markdown", ".text"):
        from drafter.read.text import read_text_document

        return read_text_document(p, fmt="md" if suffix in (".md", ".markdown") else "txt")
    if suffix == ".docx":
        from drafter.read.docx import read_docx_document

        return read_docx_document(p)
    if suffix == ".pdf":
        from drafter.read.pdf import read_pdf_document

        return read_pdf_document(p)
    if suffix in (".xlsx", ".xlsm"):
        # An Excel 自评表: its rows become table lines, so the checker checks the table itself.
        from drafter.read.xlsx import workbook_document

        return workbook_document(p)
    if not p.exists():
        raise DrafterError("文件不存在，请检查路径是否正确。", path=str(p))
    supported = "、".join(SUPPORTED_SUFFIXES)
    if suffix in _OTHER_FORMATS:
        raise DrafterError(
            f"不支持{_OTHER_FORMATS[suffix]}，请在 Office/WPS 中另存为 {_SAVE_AS.get(suffix, '.docx')} 后重试"
            f"（支持的格式：{supported}）。",
            path=str(p),
        )
    shown_suffix = suffix or "（无扩展名）"
    raise DrafterError(f"不支持的文件类型 {shown_suffix}；支持的格式：{supported}。", path=str(p))
