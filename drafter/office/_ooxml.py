"""Opening Office files safely, and walking a .docx body in the checker's line order.

The CLI contract numbers a .docx as the checker does: every body paragraph and every table row is
one line, in document order. :func:`body_lines` follows the same order so that a finding's line
points at the same paragraph or row here.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from drafter.errors import DrafterError
from drafter.fileio import read_bytes

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

__all__ = ["DocLine", "body_lines", "check_office_bytes", "open_docx"]


def check_office_bytes(data: bytes, path: str, *, kind: str) -> None:
    """Raise a clear :class:`DrafterError` for encrypted, legacy, broken or oversized Office files
    (see :mod:`drafter.read.guards`); a workbook's sheets are also counted before openpyxl reads them."""
    from drafter.read.guards import check_package, check_sheets

    check_package(data, path, kind)
    if kind == "xlsx":
        check_sheets(data, path)


def open_docx(path: str | Path) -> tuple[DocxDocument, bytes]:
    """Open a .docx for reading (the file on disk is never written); return it and its bytes."""
    import docx

    data = read_bytes(path)
    check_office_bytes(data, str(path), kind="docx")
    try:
        return docx.Document(io.BytesIO(data)), data
    except Exception as exc:  # python-docx raises many types for broken parts
        raise DrafterError(
            f"文件已损坏，无法作为 Word 文档打开（{type(exc).__name__}）。", path=str(path)
        ) from exc


@dataclass
class DocLine:
    """One line of a .docx in checker order: a body paragraph, or a table row (its cells' paragraphs)."""

    no: int
    is_row: bool
    cells: list[list[Paragraph]]  # a paragraph line is one cell holding one paragraph

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for cell in self.cells for p in cell]

    @property
    def text(self) -> str:
        if not self.is_row:
            return self.cells[0][0].text
        return " | ".join("\n".join(p.text for p in cell).strip() for cell in self.cells)


def body_lines(document: DocxDocument) -> list[DocLine]:
    """All body paragraphs and table rows of ``document`` in document order, numbered from 1."""
    lines: list[DocLine] = []
    for kind, payload in _walk(document.element.body, document):
        no = len(lines) + 1
        if kind == "p":
            lines.append(DocLine(no, False, [[payload]]))
        else:
            lines.append(DocLine(no, True, payload))
    return lines


def _walk(container, document) -> Iterator[tuple[str, object]]:  # type: ignore[no-untyped-def]
    for child in container.iterchildren():
        tag = child.tag
        if tag == qn("w:p"):  # the same walk as drafter.read.docx, so line numbers agree
            yield "p", Paragraph(child, document._body)
        elif tag == qn("w:tbl"):
            for tr in child.iterchildren(qn("w:tr")):
                cells = []
                for tc in tr.iterchildren(qn("w:tc")):
                    cell = _Cell(tc, document._body)
                    cells.append(list(cell.paragraphs))
                yield "row", cells
        elif tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _walk(child, document)  # content controls and custom XML wrap body blocks
