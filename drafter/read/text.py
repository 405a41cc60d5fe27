"""Plain-text and Markdown reports (UTF-8, UTF-8 with BOM, UTF-16, GB18030/GBK)."""

from __future__ import annotations

from pathlib import Path

from drafter.document import Document
from drafter.errors import DrafterError
from drafter.fileio import MAX_INPUT_BYTES, decode_text, read_bytes
from drafter.limits import MAX_PARAGRAPHS
from drafter.read.guards import check_count
from drafter.read.lines import lines_of_text

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
# Control characters other than tab/newline/CR/form feed: text editors never write them. All are
# ASCII, so they are counted among the text's Latin-1 characters (see _control_count).
_CONTROL = bytes([*range(0, 9), 0x0B, *range(0x0E, 0x20), 0x7F])


def _control_count(narrow: bytes) -> int:
    """How many control characters (:data:`_CONTROL`, NUL among them) a text holds, given its
    Latin-1 characters ``narrow`` (``text.encode("latin-1", "ignore")``: one C-level pass that a
    Chinese text leaves short, where a scan of the text for the characters cost three times as much)."""
    return len(narrow) - len(narrow.translate(None, _CONTROL))


def document_from_text(text: str, path: str = "<text>", *, fmt: str = "txt") -> Document:
    """A :class:`Document` from text already in memory (a draft, a test case).

    Line endings ``\\r\\n``/``\\r`` count as ``\\n``; trailing blank lines are dropped.
    """
    return _document(text, path, fmt, None)


def _document(text: str, path: str, fmt: str, narrow: bytes | None) -> Document:
    """:func:`document_from_text`, given ``text.encode("latin-1", "ignore")`` if the caller has it."""
    if narrow is None:
        narrow = text.encode("latin-1", "ignore")
    if b"\r" in narrow:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        narrow = narrow.replace(b"\r", b"\n")  # the same characters (a superset of two in a row)
    if text.startswith("\ufeff"):
        text = text[1:]
    return Document(path=path, lines=lines_of_text(text, narrow), fmt=fmt)


def read_text_document(path: str | Path, *, fmt: str = "txt", limit: int = MAX_INPUT_BYTES) -> Document:
    """Read a .txt/.md report whatever its Chinese encoding; unreadable content is a DrafterError."""
    data = read_bytes(path, limit=limit)
    shown = str(path)
    if not data or data.isspace():  # what data.strip() would strip, without a copy
        raise DrafterError("文件为空，没有可检查的内容。", path=shown)
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise DrafterError(message, path=shown)
    text = decode_text(data, path=shown)
    narrow = text.encode("latin-1", "ignore")  # the Latin-1 characters, in order (see lines.not_plain)
    check_count(narrow.count(b"\n") + 1, MAX_PARAGRAPHS, "行", shown)  # before splitting into lines
    sample = text[:8192]
    controls = _control_count(narrow if len(text) <= 8192 else sample.encode("latin-1", "ignore"))
    if controls > max(2, len(sample) // 200) or "\ufffd" in sample[:2048]:
        raise DrafterError("这不是文本文件（含有二进制内容或无法识别的编码）。", path=shown)
    doc = _document(text, shown, fmt, narrow)
    if not doc.lines:
        raise DrafterError("文件为空，没有可检查的内容。", path=shown)
    return doc
