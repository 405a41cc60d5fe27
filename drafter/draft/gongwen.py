"""公文 styling (GB/T 9704-2012) for drafted reports written as .docx.

What a finance bureau expects of a submitted report: A4 with the standard margins (天头 37 mm,
订口 28 mm, 版心 156 × 225 mm), title in 小标宋 二号 centred, level-1 headings 黑体 三号, level-2
楷体 三号, body 仿宋_GB2312 三号 with a two-character first-line indent and fixed ~28 pt lines,
page numbers "— 1 —" in 四号 宋体 (odd pages right, even pages left).

Headings use Word's built-in Heading 1-4 styles (with outline levels), so the navigation pane and
an inserted TOC work in Word and WPS. East-asian font names are written to ``w:eastAsia``; the
font table records a fallback (``w:altName``) for each 公文 font that many machines lack, e.g.
方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋.

Usage by a docx writer::

    document = new_document()            # or style_document(existing)
    add_title(document, "…自评报告")
    add_heading(document, "一、部门基本情况", level=1)
    add_body(document, "……")
    add_score_table(document, score_rows_from_indicators(data.indicators))

or, for a drafted report, ``report_docx_bytes(report)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from drafter.draft.report import DraftedReport, iter_blocks
from drafter.draft.score_table import (
    SCORE_TABLE_CAPTION,
    SCORE_TABLE_HEADER,
    ScoreRow,
    score_rows_from_report,
)
from drafter.text.headings import marker_level

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from drafter.data.model import Indicator

__all__ = [
    "DEFAULT_FONTS",
    "FONT_FALLBACKS",
    "PORTABLE_FONTS",
    "GongwenFonts",
    "ScoreRow",
    "add_body",
    "add_heading",
    "add_score_table",
    "add_title",
    "apply_page_setup",
    "body_font_defaults",
    "build_report_docx",
    "format_score",
    "heading_level",
    "new_document",
    "report_docx_bytes",
    "score_rows_from_indicators",
    "score_rows_from_report",
    "style_document",
]

# GB/T 9704 sizes: 二号 22 pt, 三号 16 pt, 四号 14 pt.
TITLE_SIZE = Pt(22)
TEXT_SIZE = Pt(16)
PAGE_NUMBER_SIZE = Pt(14)
TABLE_SIZE = Pt(12)  # 小四: score tables in submitted reports
LINE_PITCH = Pt(28)  # 22 lines in the 225 mm 版心
FIRST_LINE_INDENT = Pt(32)  # two 三号 characters

# A4, 天头 37 mm, 订口 28 mm; 版心 156 × 225 mm gives the right and bottom margins.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
# The page number's dash line sits about 7 mm below the 版心.
FOOTER_DISTANCE = Mm(22)


@dataclass(frozen=True)
class GongwenFonts:
    """East-asian font names per role; ``latin`` is used for Latin letters and digits in body text."""

    title: str = "方正小标宋简体"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    body: str = "仿宋_GB2312"
    page_number: str = "宋体"
    latin: str = "Times New Roman"


DEFAULT_FONTS = GongwenFonts()
# Fonts shipped with every Chinese Windows/WPS install: for readers without the 公文 fonts.
PORTABLE_FONTS = GongwenFonts(title="宋体", heading2="楷体", body="仿宋")
FONT_FALLBACKS: dict[str, str] = {
    "方正小标宋简体": "宋体",
    "方正小标宋_GBK": "宋体",
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "黑体": "SimHei",
    "宋体": "SimSun",
    "仿宋": "FangSong",
    "楷体": "KaiTi",
}


def heading_level(text: str) -> int | None:
    """The outline level a 公文 heading marker implies (1-4), or ``None`` for body text."""
    return marker_level(text)


def format_score(value: Decimal | None) -> str:
    """A score as a report writes it: ``8``, ``7.5``; empty when unknown."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


# -- fonts and styles ---------------------------------------------------------------------------


def _set_fonts(rpr_owner, east_asia: str, latin: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Set ``w:rFonts`` on a style's or run's rPr (python-docx sets only the Latin names)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    latin = latin or east_asia
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attr), None)


def _set_outline_level(style, level: int | None) -> None:  # type: ignore[no-untyped-def]
    ppr = style.element.get_or_add_pPr()
    existing = ppr.find(qn("w:outlineLvl"))
    if existing is not None:
        ppr.remove(existing)
    if level is not None:
        ppr.append(OxmlElement("w:outlineLvl", {qn("w:val"): str(level)}))


def _paragraph_format(style, *, indent: bool = True, align=None) -> None:  # type: ignore[no-untyped-def]
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = FIRST_LINE_INDENT if indent else Pt(0)
    if align is not None:
        fmt.alignment = align
    # Word's "snap to grid" would round 28 pt up to two grid lines with some templates.
    ppr = style.element.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        ppr.append(OxmlElement("w:snapToGrid", {qn("w:val"): "0"}))


def _style_font(style, east_asia: str, size, *, latin: str | None = None, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    font = style.font
    font.size = size
    font.bold = bold
    font.italic = False
    font.color.rgb = None
    font.name = latin or east_asia
    _set_fonts(style.element, east_asia, latin)
    color = style.element.rPr.find(qn("w:color"))
    if color is not None:
        style.element.rPr.remove(color)


def body_font_defaults(document: DocxDocument, fonts: GongwenFonts = DEFAULT_FONTS) -> None:
    """Normal style: 仿宋 三号, fixed 28 pt lines, two-character indent, justified."""
    normal = document.styles["Normal"]
    _style_font(normal, fonts.body, TEXT_SIZE, latin=fonts.latin)
    _paragraph_format(normal, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    # Text in document defaults too, so table cells and comments inherit the east-asian font.
    rpr_default = document.styles.element.find(qn("w:docDefaults"))
    if rpr_default is not None:
        rpr = rpr_default.find(qn("w:rPrDefault"))
        if rpr is not None and rpr.find(qn("w:rPr")) is not None:
            fonts_el = rpr.find(qn("w:rPr")).find(qn("w:rFonts"))
            if fonts_el is not None:
                for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    fonts_el.attrib.pop(qn(attr), None)
                fonts_el.set(qn("w:eastAsia"), fonts.body)
                fonts_el.set(qn("w:ascii"), fonts.latin)
                fonts_el.set(qn("w:hAnsi"), fonts.latin)


def _heading_styles(document: DocxDocument, fonts: GongwenFonts) -> None:
    spec = {
        1: (fonts.heading1, fonts.heading1, False),
        2: (fonts.heading2, fonts.heading2, False),
        3: (fonts.body, fonts.latin, True),
        4: (fonts.body, fonts.latin, False),
    }
    for level, (east_asia, latin, bold) in spec.items():
        style = document.styles[f"Heading {level}"]
        _style_font(style, east_asia, TEXT_SIZE, latin=latin, bold=bold)
        _paragraph_format(style)
        style.paragraph_format.keep_with_next = True
        _set_outline_level(style, level - 1)
    # Word's own Title style (so Word, WPS and readers know the title), restyled for 公文.
    title = document.styles["Title"]
    title_ppr = title.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:contextualSpacing"):
        el = title_ppr.find(qn(tag))
        if el is not None:
            title_ppr.remove(el)
    _style_font(title, fonts.title, TITLE_SIZE)
    rpr = title.element.get_or_add_rPr()
    for tag in ("w:spacing", "w:kern"):
        el = rpr.find(qn(tag))
        if el is not None:
            rpr.remove(el)
    _paragraph_format(title, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    # A 二号 title needs more than 28 pt per line; a blank line's worth of space follows it.
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = LINE_PITCH


def _font_table_fallbacks(document: DocxDocument, fonts: GongwenFonts) -> None:
    """Declare 公文 fonts with an ``altName`` so Word/WPS substitute a sensible installed font."""
    part = next(
        (p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None
    )
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    present = {el.get(qn("w:name")) for el in root.iterfind(qn("w:font"))}
    for name in {fonts.title, fonts.heading1, fonts.heading2, fonts.body, fonts.page_number}:
        if name in present:
            continue
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        alt = FONT_FALLBACKS.get(name)
        if alt:
            etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})  # GB2312
        etree.SubElement(font, qn("w:family"), {qn("w:val"): "modern" if "仿" in name else "auto"})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- page setup and page numbers ---------------------------------------------------------------


def apply_page_setup(document: DocxDocument) -> None:
    """A4 portrait with 公文 margins on every section."""
    for section in document.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.header_distance = Mm(15)
        section.footer_distance = FOOTER_DISTANCE


def _page_number_paragraph(paragraph: Paragraph, fonts: GongwenFonts, *, odd: bool) -> None:
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # Odd pages right, even pages left, one character in from the 版心 edge.
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        fmt.right_indent = PAGE_NUMBER_SIZE
    else:
        fmt.left_indent = PAGE_NUMBER_SIZE

    def run(text: str = ""):  # type: ignore[no-untyped-def]
        r = paragraph.add_run(text)
        r.font.size = PAGE_NUMBER_SIZE
        _set_fonts(r._r, fonts.page_number)
        return r

    run("— ")
    begin = run()
    begin._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    instr = run()
    instr_el = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instr_el.text = " PAGE "
    instr._r.append(instr_el)
    sep = run()
    sep._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    run("1")
    end = run()
    end._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))
    run(" —")


def add_page_numbers(document: DocxDocument, fonts: GongwenFonts = DEFAULT_FONTS) -> None:
    """Footers with a PAGE field as "— 1 —": right on odd pages, left on even pages."""
    document.settings.odd_and_even_pages_header_footer = True
    for section in document.sections:
        for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            for r in list(paragraph.runs):
                r._r.getparent().remove(r._r)
            _page_number_paragraph(paragraph, fonts, odd=odd)


def style_document(document: DocxDocument, fonts: GongwenFonts = DEFAULT_FONTS) -> DocxDocument:
    """Apply 公文 page setup, styles, font fallbacks and page numbers to ``document``."""
    apply_page_setup(document)
    body_font_defaults(document, fonts)
    _heading_styles(document, fonts)
    _font_table_fallbacks(document, fonts)
    add_page_numbers(document, fonts)
    return document


def new_document(fonts: GongwenFonts = DEFAULT_FONTS) -> DocxDocument:
    """An empty .docx with 公文 styling."""
    import docx

    document = docx.Document()
    body = document.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    return style_document(document, fonts)


# -- content --------------------------------------------------------------------------------------


def _styled(document: DocxDocument, text: str, style: str | None) -> Paragraph:
    """Add a paragraph with ``style`` set by id (python-docx's by-name lookup rescans every style)."""
    paragraph = document.add_paragraph(text)
    if style is not None:
        paragraph._p.style = document.styles[style].style_id
    return paragraph


def add_title(document: DocxDocument, text: str) -> Paragraph:
    return _styled(document, text, "Title")


def add_heading(document: DocxDocument, text: str, level: int | None = None) -> Paragraph:
    """A heading paragraph; the level comes from its marker (一、/（一）/1./（1）) when not given."""
    level = level or heading_level(text) or 1
    return _styled(document, text, f"Heading {min(max(level, 1), 4)}")


def add_body(document: DocxDocument, text: str) -> Paragraph:
    return _styled(document, text, None)  # Normal is the default paragraph style


def score_rows_from_indicators(indicators: Sequence[Indicator]) -> list[ScoreRow]:
    rows: list[ScoreRow] = []
    for top in indicators:
        for child in top.children or [top]:
            rows.append(
                ScoreRow(
                    top.name,
                    child.name if top.children else "",
                    format_score(child.effective_max()),
                    format_score(child.effective_self()),
                    child.deduction_reason or "",
                )
            )
    return rows


def _sum(values: Sequence[str]) -> str:
    try:
        return format_score(sum((Decimal(v) for v in values), Decimal(0)))
    except ArithmeticError:
        return ""


def add_score_table(
    document: DocxDocument, rows: Sequence[ScoreRow], *, total_self: str | None = None
) -> Table:
    """The scores as a real Word table: level-1 cells merged down their rows, a 合计 row last.

    The 合计 maxima and scores are the sums of the rows (empty when a row's value is unknown);
    ``total_self`` overrides the stated total score.
    """
    maxima = [r.max_score for r in rows]
    selves = [r.self_score for r in rows]
    total_max = _sum(maxima) if all(maxima) else ""
    total = total_self if total_self is not None else (_sum(selves) if all(selves) else "")
    values = [SCORE_TABLE_HEADER]
    values += [(r.level1, r.level2, r.max_score, r.self_score, r.reason) for r in rows]
    values.append(("合计", "", total_max, total, ""))
    table = document.add_table(rows=len(values), cols=len(SCORE_TABLE_HEADER))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Mm(28), Mm(32), Mm(18), Mm(22), Mm(56))  # 156 mm: the 版心 width
    for c, width in enumerate(widths):
        table.columns[c].width = width  # the grid, which LibreOffice/WPS lay out by
    for row, row_values in zip(table.rows, values, strict=True):
        r = row._index
        for c, (cell, value) in enumerate(zip(row.cells, row_values, strict=True)):
            cell.width = widths[c]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _cell_text(cell.paragraphs[0], value, bold=r == 0, left=c == 4 and r > 0)
    # Merge each level-1 name down its rows, as the printed forms do.
    start = 1
    while start <= len(rows):
        end = start
        while end < len(rows) and rows[end].level1 == rows[start - 1].level1:
            end += 1
        if end > start:
            merged = table.cell(start, 0).merge(table.cell(end, 0))
            for extra in merged.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            _cell_text(merged.paragraphs[0], rows[start - 1].level1, bold=False, left=False)
        start = end + 1
    # 合计 spans the two name columns, as the printed forms have it.
    last = len(values) - 1
    total_cell = table.cell(last, 0).merge(table.cell(last, 1))
    for extra in total_cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    _cell_text(total_cell.paragraphs[0], "合计", bold=False, left=False)
    # Repeat the header row on every page; no row splits across pages; the header keeps with the
    # first row (and the caption, kept with the header, never stays alone at a page foot).
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader", {qn("w:val"): "true"}))
    for index, row in enumerate(table.rows):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit", {qn("w:val"): "true"}))
        if index < 2:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    return table


def _cell_text(paragraph: Paragraph, text: str, *, bold: bool, left: bool) -> None:
    paragraph.text = text
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
    for run in paragraph.runs:
        run.font.size = TABLE_SIZE
        run.font.bold = bold


def build_report_docx(report: DraftedReport, fonts: GongwenFonts = DEFAULT_FONTS) -> DocxDocument:
    """A drafted report as a 公文-styled .docx, with the score table before section 三."""
    document = new_document(fonts)
    table_before = None
    other = next((s for s in report.sections if s.key == "other"), None)
    signature = {other.context.get("signer"), other.context.get("date")} - {None} if other else set()
    for level, text in iter_blocks(report):
        if level == 0:
            add_title(document, text)
        elif level > 0:
            paragraph = add_heading(document, text, level)
            if level == 1 and text.startswith("三、") and table_before is None:
                table_before = paragraph
        else:
            paragraph = add_body(document, text)
            if text in signature:  # 落款: unit and date at the right, as 公文 sets them
                paragraph.paragraph_format.first_line_indent = Pt(0)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    rows = score_rows_from_report(report)
    if rows:
        caption = add_body(document, SCORE_TABLE_CAPTION)
        caption.paragraph_format.first_line_indent = Pt(0)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.keep_with_next = True
        for run in caption.runs:
            _set_fonts(run._r, fonts.heading1)
        conclusion = next((s for s in report.sections if s.key == "conclusion"), None)
        stated = conclusion.context.get("total") if conclusion is not None else None
        table = add_score_table(document, rows, total_self=str(stated) if stated else None)
        if table_before is not None:
            table_before._p.addprevious(caption._p)
            table_before._p.addprevious(table._tbl)
    return document


def report_docx_bytes(report: DraftedReport, fonts: GongwenFonts = DEFAULT_FONTS) -> bytes:
    """What ``drafter draft -o report.docx`` writes."""
    import io

    buffer = io.BytesIO()
    build_report_docx(report, fonts).save(buffer)
    return buffer.getvalue()
