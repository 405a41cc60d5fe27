"""Word's automatic list numbering, rendered as the text a reader sees (``一、`` ``（一）`` ``1.``).

Reports made from Word templates often number their headings automatically: the paragraph's text
is ``部门基本情况`` and Word draws ``一、`` in front of it from ``word/numbering.xml``. The outline
and the checker need that marker, so the docx reader renders it: the level's ``lvlText``
(``%1、``, ``（%1）``, ``%1.%2``) with each ``%n`` replaced by that level's counter in its format.
Numbering can come from the paragraph (``w:numPr``) or from its style (``标题 1`` linked to a list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

__all__ = ["Numbering", "format_number", "style_numbering"]

_CN_DIGITS = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PLACEHOLDER = re.compile(r"%([1-9])")


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    n = max(n, 1)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, decimalZero and anything unknown


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    suffix: str = "tab"
    legal: bool = False


@dataclass(slots=True)
class Numbering:
    """List definitions of one document plus the running counters (one instance per document)."""

    w: str
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, list[int]] = field(default_factory=dict)  # counter key → counters per level
    restarts: set[str] = field(default_factory=set)  # numIds with a startOverride count on their own

    @classmethod
    def load(
        cls, numbering_xml: bytes, style_num: dict[str, tuple[str, int]], ns: str, parser: etree.XMLParser
    ) -> Numbering:
        self = cls(f"{{{ns}}}", style_num=style_num)
        try:
            root = etree.fromstring(numbering_xml, parser)
        except etree.XMLSyntaxError:
            return self
        self._read_numbering(root)
        return self

    def _val(self, el: etree._Element | None, default: str = "") -> str:
        return default if el is None else el.get(self.w + "val", default)

    def _read_numbering(self, root: etree._Element) -> None:
        w = self.w
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iterchildren(w + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in an.iterchildren(w + "lvl"):
                try:
                    ilvl = int(lvl.get(w + "ilvl", "0"))
                    start = int(self._val(lvl.find(w + "start"), "1"))
                except ValueError:
                    continue
                levels[ilvl] = _Level(
                    fmt=self._val(lvl.find(w + "numFmt"), "decimal"),
                    text=self._val(lvl.find(w + "lvlText"), ""),
                    start=start,
                    suffix=self._val(lvl.find(w + "suff"), "tab"),
                    legal=lvl.find(w + "isLgl") is not None,
                )
            abstract[an.get(w + "abstractNumId", "")] = levels
        for num in root.iterchildren(w + "num"):
            num_id = num.get(w + "numId", "")
            aid = self._val(num.find(w + "abstractNumId"))
            if aid not in abstract:
                continue
            levels = dict(abstract[aid])
            for override in num.iterchildren(w + "lvlOverride"):
                so = override.find(w + "startOverride")
                if so is not None:
                    try:
                        ilvl = int(override.get(w + "ilvl", "0"))
                        base = levels.get(ilvl, _Level())
                        levels[ilvl] = _Level(
                            base.fmt, base.text, int(self._val(so, "1")), base.suffix, base.legal
                        )
                        self.restarts.add(num_id)
                    except ValueError:
                        pass
            self.levels[num_id] = levels
            self.abstract_of[num_id] = aid

    def marker(self, p: etree._Element) -> str:
        """The rendered number of paragraph ``p`` (``""`` when it is not numbered), advancing counters."""
        if not self.levels:
            return ""
        w = self.w
        ppr = p.find(w + "pPr")
        if ppr is None:
            return ""
        num_id: str | None = None
        ilvl: int | None = None
        num_pr = ppr.find(w + "numPr")
        if num_pr is not None:
            nid = num_pr.find(w + "numId")
            il = num_pr.find(w + "ilvl")
            num_id = None if nid is None else self._val(nid)
            if il is not None:
                try:
                    ilvl = int(self._val(il, "0"))
                except ValueError:
                    ilvl = 0
        if num_id is None or ilvl is None:
            style = ppr.find(w + "pStyle")
            from_style = self.style_num.get(self._val(style)) if style is not None else None
            if from_style is not None:
                num_id = num_id if num_id is not None else from_style[0]
                ilvl = ilvl if ilvl is not None else from_style[1]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        ilvl = ilvl or 0
        levels = self.levels[num_id]
        level = levels.get(ilvl)
        if level is None or level.fmt == "bullet" or not level.text:
            return ""
        key = num_id if num_id in self.restarts else "a" + self.abstract_of[num_id]
        counters = self.counters.setdefault(key, [0] * 9)
        if ilvl >= len(counters):
            return ""
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else level.start
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            value = counters[k] or lv.start
            return format_number(value, "decimal" if level.legal and k != ilvl else lv.fmt)

        text = _PLACEHOLDER.sub(render, level.text)
        return text + (" " if level.suffix in ("tab", "space") else "")


_STYLE_NUM_ID = re.compile(rb'<w:numId\s+w:val="([^"]*)"')
_STYLE_ILVL = re.compile(rb'<w:ilvl\s+w:val="(\d+)"')
_STYLE_BASED_ON = re.compile(rb'<w:basedOn\s+w:val="([^"]*)"')


def style_numbering(styles_xml: bytes, used: set[str]) -> dict[str, tuple[str, int]]:
    """``styleId → (numId, ilvl)`` for the used paragraph styles that number their paragraphs.

    styles.xml can hold hundreds of kilobytes of latent styles (python-docx's template: 350 kB,
    ~8 ms to parse); only the few used styles matter, so their blocks are sliced out by search.
    """
    blocks: dict[str, bytes | None] = {}

    def block(sid: str) -> bytes | None:
        if sid not in blocks:
            i = styles_xml.find(b'w:styleId="' + sid.encode("utf-8", "replace") + b'"')
            if i < 0:
                blocks[sid] = None
            else:
                start = styles_xml.rfind(b"<w:style", 0, i)
                end = styles_xml.find(b"</w:style>", i)
                blocks[sid] = styles_xml[max(start, 0) : end if end > 0 else len(styles_xml)]
        return blocks[sid]

    out: dict[str, tuple[str, int]] = {}
    for sid in used:
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur not in seen:
            seen.add(cur)
            b = block(cur)
            if b is None:
                break
            if num_id is None and (m := _STYLE_NUM_ID.search(b)):
                num_id = m.group(1).decode("ascii", "replace")
            if ilvl is None and (m := _STYLE_ILVL.search(b)):
                ilvl = int(m.group(1))
            based = _STYLE_BASED_ON.search(b)
            cur = based.group(1).decode("utf-8", "replace") if based else None
        if num_id and num_id != "0":
            out[sid] = (num_id, ilvl or 0)
    return out
