"""How wide text shows in a terminal or a fixed-width layout: CJK and full-width characters take
two columns. One definition for the help formatter, the rule table, the drafted .txt score table,
the batch summary and the PDF layout reader."""

from __future__ import annotations

import unicodedata

__all__ = ["char_width", "display_width"]


def char_width(ch: str) -> int:
    """Columns one character takes: two for East Asian wide and full-width characters."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes (the sum of :func:`char_width`)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
