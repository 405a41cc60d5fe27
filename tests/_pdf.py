"""A tiny PDF typesetter for tests: paragraphs wrapped at a fixed width and tables as positioned
cells, with a real text layer (Type0 font, Identity-H, ToUnicode), as word processors export them.

LibreOffice is not available on every machine that runs the tests, so reports are typeset here:
wrapping breaks lines wherever the width runs out — inside words and between a number and its
unit ("自评得" / "6分"), as real exports do — and pages carry "- N -" footers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = ["typeset_pdf"]

FONT_SIZE = 12
PAGE_W, PAGE_H = 595, 842
LEFT, TOP, BOTTOM = 72, 770, 90
LEADING = 20


def _w(ch: str) -> int:
    """Glyph width in 1/1000 em: CJK and full-width forms 1000, everything else 500."""
    return 1000 if unicodedata.east_asian_width(ch) in "WF" else 500


# A run of Latin letters, digits and their punctuation is one word: never broken across lines.
_WORD = re.compile(r"[0-9A-Za-z.%,+\-]+|.", re.S)


def _wrap(text: str, width_em: float, indent_em: float) -> list[str]:
    lines: list[str] = []
    current, used, limit = "", 0.0, width_em - indent_em
    for word in _WORD.findall(text):
        w = sum(_w(ch) for ch in word) / 1000
        if used + w > limit and current:
            lines.append(current)
            current, used, limit = "", 0.0, width_em
        current += word
        used += w
    if current:
        lines.append(current)
    return lines or [""]


def _hex(text: str) -> str:
    return "".join(f"{ord(ch):04X}" for ch in text if ord(ch) <= 0xFFFF)


Block = str | Sequence[Sequence[str]]


def typeset_pdf(
    blocks: Sequence[Block],
    *,
    width_em: float = 38,
    columns: Sequence[float] = (),
    centre: bool = False,
    merge_first: bool = False,
) -> bytes:
    """A PDF of ``blocks``: a string is a paragraph (first line indented two characters unless it is
    a heading-like short line), a sequence of rows is a table whose cells start at ``columns``
    (offsets in em from the left margin; default: evenly spread). ``centre`` centres cells
    vertically in their row (as Word's and drafter's score tables do), so a wrapped cell's lines
    stand above and below the row's other cells; ``merge_first`` writes a first-column value once
    for a run of rows, on the middle row of the run (a vertically merged 一级指标 cell)."""
    pages: list[list[tuple[float, float, str]]] = [[]]
    y = float(TOP)

    def put(x_em: float, text: str) -> None:
        pages[-1].append((LEFT + x_em * FONT_SIZE, y, text))

    def newline() -> None:
        nonlocal y
        y -= LEADING
        if y < BOTTOM:
            pages.append([])
            y = float(TOP)

    for block in blocks:
        if isinstance(block, str):
            indent = 2.0 if block and len(block) > 20 else 0.0
            for i, line in enumerate(_wrap(block, width_em, indent)):
                put(indent if i == 0 else 0.0, line)
                newline()
            continue
        ncols = max(len(r) for r in block)
        cols = list(columns) or [i * width_em / ncols for i in range(ncols)]
        bounds = [*cols[1:], width_em]
        rows = [list(r) for r in block]
        if merge_first:
            start = 1
            while start < len(rows):
                end = start
                while end + 1 < len(rows) and rows[end + 1][0] == rows[start][0]:
                    end += 1
                name = rows[start][0]
                for k in range(start, end + 1):
                    rows[k][0] = name if k == (start + end) // 2 else ""
                start = end + 1
        for row in rows:
            wrapped = [
                _wrap(cell, bounds[i] - cols[i] - 1, 0) if cell else [""] for i, cell in enumerate(row)
            ]
            height = max(len(w) for w in wrapped)
            for k in range(height):
                for i, cell_lines in enumerate(wrapped):
                    first = (height - len(cell_lines)) // 2 if centre else 0
                    if 0 <= k - first < len(cell_lines) and cell_lines[k - first]:
                        put(cols[i], cell_lines[k - first])
                newline()
    return _pdf_bytes(pages)


def _pdf_bytes(pages: list[list[tuple[float, float, str]]]) -> bytes:
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    ranges = "\n".join(f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in range(256))
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"256 beginbfrange\n{ranges}\nendbfrange\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    tounicode = add(f"<< /Length {len(cmap)} >>\nstream\n{cmap}endstream")
    descriptor = add(
        "<< /Type /FontDescriptor /FontName /NotoSerifCJKsc /Flags 4 /FontBBox [0 -120 1000 880] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    cid = add(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSerifCJKsc "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /DW 1000 /W [32 [{' '.join(['500'] * 95)}]] "
        "/CIDToGIDMap /Identity >>"
    )
    font = add(
        "<< /Type /Font /Subtype /Type0 /BaseFont /NotoSerifCJKsc /Encoding /Identity-H "
        f"/DescendantFonts [{cid} 0 R] /ToUnicode {tounicode} 0 R >>"
    )
    pages_id = len(objects) + 1
    objects.append(b"")  # the page tree, filled in below
    kids = []
    for n, items in enumerate(pages, start=1):
        ops = [f"BT /F1 {FONT_SIZE} Tf 1 0 0 1 {x:.1f} {y:.1f} Tm <{_hex(t)}> Tj ET" for x, y, t in items]
        footer = f"- {n} -"
        fx = PAGE_W / 2 - len(footer) * FONT_SIZE / 4
        ops.append(f"BT /F1 {FONT_SIZE} Tf 1 0 0 1 {fx:.1f} 50 Tm <{_hex(footer)}> Tj ET")
        stream = "\n".join(ops)
        content = add(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
            )
        )
    objects[pages_id - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    ).encode("latin-1")
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
