"""Word output of a drafted report: real heading styles (Heading 1–3), body paragraphs.

One entry point, :func:`build_docx`, which the OFFICE engineer's 公文 styling can wrap or extend
(:func:`docx_bytes` is what the CLI writes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.draft.report import DraftedReport, iter_blocks

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

__all__ = ["build_docx", "docx_bytes"]


def build_docx(report: DraftedReport) -> DocxDocument:
    """A python-docx document: title (style Title), headings (Heading 1–3), body (Normal)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    normal = document.styles["Normal"]
    # East-asian text needs its own font slot, or Word falls back to a Latin font's metrics.
    normal.font.name = "仿宋"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    for level, text in iter_blocks(report):
        if level == 0:
            document.add_heading(text, level=0)
        elif level > 0:
            document.add_heading(text, level=min(level, 9))
        else:
            document.add_paragraph(text)
    return document


def docx_bytes(report: DraftedReport) -> bytes:
    """What ``drafter draft -o report.docx`` writes: 公文 styling (GB/T 9704) and the score table."""
    from drafter.office.gongwen import report_docx_bytes

    return report_docx_bytes(report)
