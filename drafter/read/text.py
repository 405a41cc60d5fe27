"""Plain-text and Markdown reports (UTF-8, UTF-8 with BOM, UTF-16, GB18030/GBK)."""

from __future__ import annotations

from pathlib import Path

from drafter.document import Document
from drafter.errors import DrafterError
from drafter.fileio import MAX_INPUT_BYTES, decode_text, read_bytes
from drafter.limits import MAX_PARAGRAPHS
from drafter.read.guards import check_count
from drafter.read.lines import make_lines
from drafter.text.charsets import CharSet

__all__ = ["document_from_text", "read_text_document"]

# Signatures of formats users save with the wrong suffix, so the message can say what it is.
_MAGIC = (
    (
        b"PK\x03\x04",
        "这是一个压缩包或 Office 文档（.docx/.xlsx），不是文本文件；若是 Word 文档，请把扩展名改为 .docx。",
    ),
    (b"%PDF", "这是一个 PDF 文件，不是文本文件；请把扩展名改为 .pdf。"),
    (
        b"\xd0\xcf\x11\xe0",
        "这是旧版 Office 文件（.doc/.xls）或加密文档，不是文本文件；请在 Word/WPS 中另存为 .docx。",
    ),
)
# Control characters other than tab/newline/CR/form feed: text editors never write them (and NUL,
# which CharSet.count adds with nul=True). Counted in one C-level pass, not by a regex class.
_CONTROL = CharSet([*map(chr, range(1, 9)), "\x0b", *map(chr, range(0x0E, 0x20)), "\x7f"])


def document_from_text(text: str, path: str = "<text>", *, fmt: str = "txt") -> Document:
    """A :class:`Document` from text already in memory (a draft, a test case).

    Line endings ``\\r\\n``/``\\r`` count as ``\\n``; trailing blank lines are dropped.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return Document(path=path, lines=make_lines(text.split("\n")), fmt=fmt)


def read_text_document(path: str | Path, *, fmt: str = "txt", limit: int = MAX_INPUT_BYTES) -> Document:
    """Read a .txt/.md report whatever its Chinese encoding; unreadable content is a DrafterError."""
    data = read_bytes(path, limit=limit)
    shown = str(path)
    if not data.strip():
        raise DrafterError("文件为空，没有可检查的内容。", path=shown)
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise DrafterError(message, path=shown)
    text = decode_text(data, path=shown)
    check_count(text.count("\n") + 1, MAX_PARAGRAPHS, "行", shown)  # before splitting into lines
    sample = text[:8192]
    if _CONTROL.count(sample, nul=True) > max(2, len(sample) // 200) or "\ufffd" in sample[:2048]:
        raise DrafterError("这不是文本文件（含有二进制内容或无法识别的编码）。", path=shown)
    doc = document_from_text(text, shown, fmt=fmt)
    if not doc.lines:
        raise DrafterError("文件为空，没有可检查的内容。", path=shown)
    return doc
