"""Finding a finding's quote in a line of text, tolerant of width and spacing differences.

Checkers quote the report's own text, but a quote may have passed through normalisation (full-width
digits, removed spaces) or be shortened with an ellipsis. The span returned always indexes the
original text, so callers can highlight or anchor exactly what the report says.
"""

from __future__ import annotations

import unicodedata

__all__ = ["locate"]

_ELLIPSES = ("……", "…", "...")


def _normalized(text: str) -> tuple[str, list[int]]:
    """``text`` NFKC-folded without white space, and for each folded char its index in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for folded in unicodedata.normalize("NFKC", ch):
            if folded.isspace():
                continue
            chars.append(folded)
            index.append(i)
    return "".join(chars), index


def locate(text: str, quote: str, col: int | None = None) -> tuple[int, int] | None:
    """Return ``(start, end)`` of ``quote`` in ``text`` (end exclusive), or ``None``.

    Where the quote occurs several times, the occurrence nearest to the 1-based ``col`` wins
    (the first one without ``col``).
    """
    quote = quote.strip()
    for mark in _ELLIPSES:
        if quote.endswith(mark) and len(quote) > len(mark):
            quote = quote[: -len(mark)].rstrip()
            break
    if not quote or not text:
        return None
    hits = _all_exact(text, quote)
    if hits:
        return _nearest(hits, len(quote), col)
    norm_text, index = _normalized(text)
    norm_quote, _ = _normalized(quote)
    if not norm_quote:
        return None
    spans = [(index[i], index[i + len(norm_quote) - 1] + 1) for i in _all_exact(norm_text, norm_quote)]
    if not spans:
        return None
    if col is None:
        return spans[0]
    return min(spans, key=lambda span: abs(span[0] - (col - 1)))


def _all_exact(text: str, quote: str) -> list[int]:
    hits: list[int] = []
    start = text.find(quote)
    while start != -1:
        hits.append(start)
        start = text.find(quote, start + 1)
    return hits


def _nearest(hits: list[int], length: int, col: int | None) -> tuple[int, int]:
    best = hits[0] if col is None else min(hits, key=lambda h: abs(h - (col - 1)))
    return best, best + length
