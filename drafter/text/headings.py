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
_MARKER = re.compile(
    rf"(?P<l1>(?P<n1>[{_CN}]{{1,3}})\s*[、.．])"
    rf"|(?P<l2>[（(]\s*(?P<n2>[{_CN}]{{1,3}})\s*[）)])"
    r"|(?P<l4>[（(]\s*(?P<n4>[0-9０-９]{1,2})\s*[）)])"
    r"|(?P<l3>(?P<n3>[0-9０-９]{1,2})\s*(?:[、．]|\.(?![0-9０-９])))"
)
_LEVEL = {"l1": 1, "l2": 2, "l3": 3, "l4": 4}
_NUMBER = {"l1": "n1", "l2": "n2", "l3": "n3", "l4": "n4"}
#: characters a marker can start with (a fast refusal for the many lines that start with a word)
FIRST_CHARS = frozenset(_CN + "（(0123456789０１２３４５６７８９")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
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
    if pos >= len(text) or text[pos] not in FIRST_CHARS:
        return None
    m = _MARKER.match(text, pos)
    if m is None:
        return None
    kind = m.lastgroup or "l1"
    number = _number(kind, m.group(_NUMBER[kind]))
    end = m.end()
    while end < len(text) and text[end] in _SPACE:
        end += 1
    return _LEVEL[kind], m.group(0).strip(), number, end


@lru_cache(maxsize=2048)
def _number(kind: str, digits: str) -> int:
    """The number of a marker's digits (a handful of distinct ones per report, each read once)."""
    return cn_to_int(digits) if kind in ("l1", "l2") else int(digits.translate(_DIGITS))


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
