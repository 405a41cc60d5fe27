"""Heading markers of Chinese reports, recognised in one place.

Official documents number headings by level: ``一、`` (1), ``（一）`` (2), ``1.`` / ``1、`` / ``1．``
(3), ``（1）`` (4), in full-width or half-width forms. Every module that recognises a heading number
(the outline, the table-row splitter, the .docx annotator, the 公文 layout, the .xlsx reader, the
rubric matcher, the LLM review's sections) uses this module, so a new form is added once.

Table cells number their items more loosely (``1.1``, ``①``, ``2`` with no punctuation):
:func:`strip_item_marker` takes those as well.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from drafter.text.numbers import cn_to_int

__all__ = [
    "CN_NUMERALS",
    "ENUMERATOR",
    "FIRST_CHARS",
    "is_marker",
    "item_marker",
    "marker_end",
    "marker_level",
    "parse_marker",
    "strip_item_marker",
    "strip_marker",
]

#: the Chinese numerals a heading marker counts with
CN_NUMERALS = "一二三四五六七八九十"

_CN = CN_NUMERALS
#: the marker forms by the character they start with (a Chinese numeral, a bracket, a digit), each
#: with the spaces after it: one match and one ``groups()`` call, where one alternation of the four
#: forms needed the name of the group that matched and a dictionary look-up for each part
_LEVEL1 = re.compile(rf"(([{_CN}]{{1,3}})\s*[、.．])[ \u3000\t]*")
_BRACKETED = re.compile(rf"([（(]\s*(?:([{_CN}]{{1,3}})|([0-9０-９]{{1,2}}))\s*[）)])[ \u3000\t]*")
_LEVEL3 = re.compile(r"(([0-9０-９]{1,2})\s*(?:[、．]|\.(?![0-9０-９])))[ \u3000\t]*")
_DIGIT_CHARS = "0123456789０１２３４５６７８９"
#: characters a marker can start with (a fast refusal for the many lines that start with a word)
FIRST_CHARS = frozenset(_CN + "（(0123456789０１２３４５６７８９")
_SPACE = " \u3000\t"

#: a prose enumerator: 一是 / 其一 / 第一 / 第1项 (a regex fragment; no heading level)
ENUMERATOR = rf"(?:[{_CN}]+是|其[{_CN}]|第[{_CN}\d]+[项个是]?)"


@cache
def _item_marker() -> re.Pattern[str]:
    """A table cell's item number: a heading marker, or 1.1 / 2 / ① as table cells write them
    (compiled on first use: only the .xlsx reader needs it)."""
    return re.compile(rf"^\s*(?:[{_CN}]+[、.．]|[（(][{_CN}\d]+[)）]|\d+(?:\.\d+)*[、.．]?(?=\D)|[①-⑳])\s*")


def parse_marker(text: str, pos: int = 0) -> tuple[int, str, int, int] | None:
    """``(level, marker, number, end)`` when a heading marker stands at ``text[pos]``; ``end`` is
    where the text after it starts (spaces after the marker skipped)."""
    if pos >= len(text):
        return None
    first = text[pos]
    if first in _CN:
        m = _LEVEL1.match(text, pos)
        if m is None:
            return None
        marker, digits = m.groups()
        return 1, marker, _cn_number(digits), m.end()
    if first == "（" or first == "(":
        m = _BRACKETED.match(text, pos)
        if m is None:
            return None
        marker, numeral, digits = m.groups()
        if numeral is not None:
            return 2, marker, _cn_number(numeral), m.end()
        return 4, marker, int(digits), m.end()  # int reads full-width digits as well
    if first in _DIGIT_CHARS:
        m = _LEVEL3.match(text, pos)
        if m is None:
            return None
        marker, digits = m.groups()
        return 3, marker, int(digits), m.end()
    return None


#: the value of a marker's Chinese numeral (a handful of distinct ones per report, each read once)
_cn_number = lru_cache(maxsize=2048)(cn_to_int)


def marker_level(text: str) -> int | None:
    """The level (1-4) of the heading marker ``text`` starts with (after spaces), else ``None``."""
    parsed = parse_marker(text, len(text) - len(text.lstrip(_SPACE)))
    return parsed[0] if parsed else None


def is_marker(text: str) -> bool:
    """``text`` is a heading marker and nothing else ("一、", "（1）", "3.")."""
    text = text.strip(_SPACE)
    parsed = parse_marker(text)
    return parsed is not None and parsed[3] == len(text)


def marker_end(text: str) -> int:
    """Where the text after a leading heading marker starts (0 when there is none)."""
    pos = len(text) - len(text.lstrip(_SPACE))
    parsed = parse_marker(text, pos)
    return parsed[3] if parsed else 0


def strip_marker(text: str) -> str:
    """``text`` without the heading marker it starts with (spaces around it dropped)."""
    stripped = text.lstrip(_SPACE)
    parsed = parse_marker(stripped)
    return stripped[parsed[3] :] if parsed else text


def item_marker(text: str) -> str | None:
    """The item number a table cell starts with (a heading marker, ``1.1``, ``2``, ``①``)."""
    m = _item_marker().match(text)
    return m.group(0).strip() if m else None


def strip_item_marker(text: str) -> str:
    """``text`` without the item number it starts with (see :func:`item_marker`)."""
    return _item_marker().sub("", text, count=1)
