"""From the layout text of a PDF's pages to report lines: paragraphs re-joined, tables re-assembled.

pypdf's layout mode places each piece of text at the column its x position gives, so a table keeps
its columns (cells start where their header starts) and a paragraph's first line keeps its indent.
This module turns those page lines into what the .docx the PDF was made from holds:

- a paragraph is one line again: a wrapped line is joined to the next when it runs to the right
  margin (or breaks inside a phrase: "自评得" / "6分") and the next line is not indented, a heading
  or a table row — across page breaks too;
- a table is one line per row with the header's cells: a cell wrapped over several lines (a long
  扣分原因) is put back together, whether the row's other cells stand on its first line or, centred
  vertically as Word does, on its middle line; a merged 一级指标 shown once stays empty elsewhere
  (the table reader carries it down).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.read.lines import split_cells
from drafter.read.outline import parse_heading
from drafter.text.width import display_width as _width

__all__ = ["PAGE_BREAK", "assemble"]

#: Stands between the lines of two pages.
PAGE_BREAK = "\f"

_PROSE_PUNCT = re.compile(r"[，。；：、！？]")
_SPACE_RUN = re.compile(r"[ \u3000]{2,}")
_CHUNK = re.compile(r"\S+(?: \S+)*")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_ASCII_GAP = re.compile(rf"(?<=[{_CJK}]) +(?=[0-9A-Za-z%.])|(?<=[0-9A-Za-z%.]) +(?=[{_CJK}])")
_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
#: A prose line at least this share of the usual full line is wrapped, not finished.
_FULL_LINE = 0.9
#: Lines that cannot open a paragraph: they continue the one above ("6分。", "，自评得4分", "万元").
_CONTINUES = re.compile(
    r"^(?:[，。、；：）)」』”’%％]|[\d.]+\s*(?:分|%|％|万元|亿元|元|万|个|项|人|名|家|户|次|亩|天)"
    r"|(?:万元|亿元|元|分)[，。；、])"
)
#: Lines that cannot close a paragraph: they stop inside a phrase ("自评得", "预算执行率为").
_BREAKS_OFF = re.compile(r"(?:得|为|的|和|与|及|或|在|对|达|约|扣|，|、|（|\(|“)$")
_NUMERIC = re.compile(
    r"^[≥≤<>＞＜=＝约]*\s*-?[\d０-９][\d０-９.,，．]*\s*(?:%|％|万元|亿元|元|万|分|个|人|项|亩|天|次|家|户|件)?$"
)
#: A column start may be off by this many layout columns between a header and its rows.
_COL_SLACK = 2


def _chunks(raw: str) -> list[tuple[int, str]]:
    """Pieces of a layout line separated by runs of two or more spaces, with their start columns."""
    return [(m.start(), m.group(0)) for m in _CHUNK.finditer(raw.replace("\u3000", " ")) if m.group(0)]


def _clean_prose(raw: str) -> str:
    return _CJK_ASCII_GAP.sub("", _SPACE_RUN.sub(" ", raw.strip()))


@dataclass
class _Table:
    starts: list[int]  # column starts of the header
    rows: list[tuple[int, dict[int, list[str]]]] = field(default_factory=list)  # (line index, col → text)
    conts: list[tuple[int, list[tuple[int, str]]]] = field(default_factory=list)  # wrapped pieces

    def column(self, start: int) -> int:
        """The header column a piece starting at ``start`` belongs to."""
        best = 0
        for i, s in enumerate(self.starts):
            if s <= start + _COL_SLACK:
                best = i
        return best

    def aligned(self, chunks: list[tuple[int, str]]) -> bool:
        """Whether every piece starts at (or just inside) one of the header's columns."""
        return all(
            any(abs(start - s) <= _COL_SLACK or (s < start < nxt) for s, nxt in self._spans())
            for start, _ in chunks
        )

    def _spans(self) -> list[tuple[int, int]]:
        return [
            (s, self.starts[i + 1] if i + 1 < len(self.starts) else 10**6) for i, s in enumerate(self.starts)
        ]

    def cells(self) -> list[tuple[str, ...]]:
        """The rows with their wrapped pieces put back, each as many cells as the header."""
        built: list[dict[int, list[tuple[int, str]]]] = [
            {c: [(at, t) for t in ts] for c, ts in cols.items()} for at, cols in self.rows
        ]
        centred = self._centred()
        for line, pieces in self.conts:
            for col, text in pieces:
                target = self._owner(line, col, text, centred)
                if target is not None:
                    built[target].setdefault(col, []).append((line, text))
        width = len(self.starts)
        return [
            tuple("".join(t for _, t in sorted(cols.get(c, []), key=lambda p: p[0])) for c in range(width))
            for cols in built
        ]

    def _around(self, line: int) -> tuple[int | None, int | None]:
        """The rows just above and just below a line."""
        above = below = None
        for k, (at, _) in enumerate(self.rows):
            if at < line:
                above = k
            elif below is None:
                below = k
        return above, below

    def _centred(self) -> bool:
        """Whether cells stand centred in their rows: some wrapped piece starts above the row it
        belongs to (the row above has nothing in that column, the row below has)."""
        for line, pieces in self.conts:
            above, below = self._around(line)
            if above is None or below is None:
                continue
            for col, _ in pieces:
                if col not in self.rows[above][1] and col in self.rows[below][1]:
                    return True
        return False

    def _owner(self, line: int, col: int, text: str, centred: bool) -> int | None:
        """The row a wrapped piece belongs to. Cells at the top of their rows continue downwards:
        the piece belongs to the row above. Centred cells stand above and below their row's line:
        the piece belongs to the nearest row whose cell in that column is filled on its own line
        and reaches the piece without a gap."""
        above, below = self._around(line)
        header_word = len(text) <= 8 and not any(ch.isdigit() for ch in text)
        if not centred:
            if above == 0 and not header_word:  # a header wraps short words ("自评得" / "分")
                return below
            return above if above is not None else below
        lines_with_col = {ln for ln, ps in self.conts for c, _ in ps if c == col}
        best: tuple[int, int] | None = None
        for k, (at, cols) in enumerate(self.rows):
            if col not in cols or (k == 0 and not header_word):
                continue
            lo, hi = (at, line) if at < line else (line, at)
            if all(ln in lines_with_col for ln in range(lo + 1, hi)):
                dist = abs(line - at)
                if best is None or dist < best[0]:
                    best = (dist, k)
        if best is not None:
            return best[1]
        return above if above not in (None, 0) else below


def assemble(raws: list[str]) -> list[str | tuple[str, ...]]:
    """Report lines from page lines (pages separated by :data:`PAGE_BREAK`): a string is a line
    of text, a tuple the cells of a table row."""
    margin = _margin(raws)
    full = _full_width(raws)
    indented = _indented(raws, margin)
    out: list[str | tuple[str, ...]] = []
    run_on: int | None = None  # the width of the last prose line when it may run on
    table: _Table | None = None
    pending_blank = 0
    seen = 0
    i = 0
    while i < len(raws):
        raw = raws[i]
        i += 1
        if raw == PAGE_BREAK:
            pending_blank = 0  # blank lines at the foot of a page are no paragraph break
            continue
        raw = raw.rstrip()
        if not raw.strip():
            pending_blank += 1
            continue
        chunks = _chunks(raw)
        seen += 1  # lines with text, counted across blank lines and page breaks
        if table is not None:
            if table.aligned(chunks) and _in_table(chunks, table, margin):
                _add_to_table(table, seen, chunks)
                pending_blank = 0
                continue
            out.extend(table.cells())
            table = None
        if pending_blank:
            out.extend([""] * pending_blank)
            pending_blank = 0
            run_on = None
        text = raw.strip()
        prose = bool(_PROSE_PUNCT.search(text)) or split_cells(text) is None
        if not prose:
            if len(chunks) >= 2:
                table = _Table([s for s, _ in chunks])
                table.rows.append((seen, {k: [t] for k, (_, t) in enumerate(chunks)}))
                run_on = None
                continue
            out.append(text)
            run_on = None
            continue
        cleaned = _clean_prose(text)
        indent = chunks[0][0] if chunks else 0
        if (
            run_on is not None
            and isinstance(out[-1], str)
            and parse_heading(cleaned) is None
            and indent <= margin + 1
            and (
                _continues(out[-1], run_on, cleaned, full)
                # a line that ends a sentence at the margin, in a report whose paragraphs open
                # indented, is continued by an unindented line
                or (indented and out[-1].endswith(_SENTENCE_END) and run_on >= full * _FULL_LINE)
            )
        ):
            out[-1] += cleaned
        else:
            out.append(cleaned)
        last = out[-1]
        assert isinstance(last, str)
        run_on = _width(raw.strip())
    if table is not None:
        out.extend(table.cells())
    return out


#: The first word of a line: a run of digits and Latin letters (never broken by typesetting), or
#: one character with the punctuation that may not start a line pulled down with it.
_FIRST_WORD = re.compile(r"[0-9A-Za-z.%,+\-]+|.[，。、；：）)」』”’%％]*")


def _continues(previous: str, width: int, line: str, full: int) -> bool:
    """Whether ``line`` continues the paragraph whose last line (``width`` wide) is ``previous``.

    A word processor breaks a line early only when the next word does not fit: the line was
    full if it and the next line's first word reach the margin ("…预算调整总额" / "3420.80万元").
    A line that stops inside a phrase ("自评得") or one that cannot open a paragraph ("6分。")
    runs on whatever the widths.
    """
    if previous.endswith(_SENTENCE_END):
        return False
    if _BREAKS_OFF.search(previous) or _CONTINUES.match(line):
        return True
    if full < 40:
        return False
    first = _FIRST_WORD.match(line)
    return width + (_width(first.group(0)) if first else 0) >= full * _FULL_LINE


def _in_table(chunks: list[tuple[int, str]], table: _Table, margin: int) -> bool:
    """A line that still belongs to the table: more than one piece, or one piece that is no
    paragraph or heading of its own (a wrapped cell, a repeated header)."""
    start, text = chunks[0]
    if start <= margin + _COL_SLACK and parse_heading(_clean_prose(text)) is not None:
        return False  # "3.项目管理，指标总分  8，自评 8分" after the table
    if len(chunks) >= 2:
        # prose justified wide ("自评得     5分") has gaps too, but not at the header's columns
        return not any(_PROSE_PUNCT.search(t) for _, t in chunks) or all(
            any(abs(c - s) <= _COL_SLACK for s in table.starts) for c, _ in chunks
        )
    if start > margin + _COL_SLACK:
        return len(text) <= 40
    return not _PROSE_PUNCT.search(text) and parse_heading(text) is None and len(text) <= 8


def _add_to_table(table: _Table, at: int, chunks: list[tuple[int, str]]) -> None:
    cols: dict[int, list[str]] = {}
    for start, text in chunks:
        cols.setdefault(table.column(start), []).append(text)
    numeric = any(_NUMERIC.match(t) for _, t in chunks)
    if numeric or len(cols) * 2 >= len(table.starts) + 1:
        table.rows.append((at, cols))
    else:
        table.conts.append((at, [(c, "".join(ts)) for c, ts in cols.items()]))


def _margin(raws: list[str]) -> int:
    """The left margin: the indent most prose lines start at."""
    indents = [len(r) - len(r.lstrip()) for r in raws if r.strip() and r != PAGE_BREAK]
    return min(indents, default=0)


def _indented(raws: list[str], margin: int) -> bool:
    """Whether paragraphs open indented (by a few columns, as 公文 body text is by two characters)."""
    count = 0
    for r in raws:
        indent = len(r) - len(r.lstrip(" "))
        if r.strip() and margin < indent <= margin + 8 and _PROSE_PUNCT.search(r):
            count += 1
            if count >= 3:
                return True
    return False


def _full_width(raws: list[str]) -> int:
    """The width of a full line of prose: the widest prose line that has no gap inside it (table
    rows and their wrapped cells, wide as they are, are not prose)."""
    widths = sorted(
        (
            _width(r.strip())
            for r in raws
            if r.strip() and r != PAGE_BREAK and not _SPACE_RUN.search(r.strip())
        ),
        reverse=True,
    )
    if not widths:
        return 0
    # the widest few lines may be a long title or a URL; the usual full line is what most reach
    top = widths[: max(3, len(widths) // 5)]
    return top[len(top) // 2]
