"""Near-identical body text across the reports of a batch.

A report's prose (not its table rows: a 自评表's labels are the same in every report of a batch)
is reduced to what a copy keeps: its Chinese characters, without digits,
punctuation, white space and the unit's own names (a copy under another unit's name, with this
year's figures, is still a copy). Character 5-gram shingles are sampled at content-defined anchors
(about one character in eight, chosen by the character itself, so two copies pick the same
shingles wherever the text sits) and hashed with CRC-32; the hashes make a one-permutation MinHash
sketch of :data:`BINS` bins. Two sketches agree in a bin with probability equal to the Jaccard
similarity of the sampled shingle sets, so the share of agreeing bins estimates the share of
shared text.

A batch is compared by locality-sensitive hashing: the bins are cut into :data:`BANDS` bands of
:data:`ROWS`; reports whose band agrees fall into one bucket and each is compared with the first
report of the bucket, the pairs found are joined into groups (union-find). The work grows with the
number of reports, not with the number of pairs: 1,000 copies of one text are 1,000 comparisons.
With 20 bands of 6 bins a pair that shares 80% of its text is found with probability 0.998, one
that shares 30% (the common phrases of the genre) becomes a candidate in 1.5% of cases and is
then measured and dropped.

Pure standard library (zlib, re): a sketch costs well under a millisecond for a report of the
sample's size.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from drafter.text.lazyre import lazy_compile

__all__ = [
    "BANDS",
    "BINS",
    "NEAR_IDENTICAL",
    "ROWS",
    "SHINGLE",
    "SimilarPair",
    "TextSketch",
    "find_similar",
    "similarity",
    "sketch_text",
]

SHINGLE = 5  # characters per shingle
BINS = 120
BANDS, ROWS = 20, 6  # BANDS * ROWS == BINS
#: The share of shared text from which two reports count as near-identical.
NEAR_IDENTICAL = 0.8
#: Below this many sampled shingles (about 300 characters of text) a report is not compared: the
#: estimate would be too coarse and such a text is a fragment, not a report body.
MIN_SHINGLES = 40
_EMPTY = -1

_HAN = lazy_compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+")
# A character is an anchor when the low byte of its code point is in this quarter of 0..255
# (scattered by a multiplicative step, so common characters are not all in or all out).
_ANCHOR_BYTES = bytes(1 if (v * 157 + 89) % 256 < 32 else 0 for v in range(256))
_MARK = re.compile(b"\x01")


@dataclass(frozen=True, slots=True)
class TextSketch:
    """The MinHash sketch of one report's body text; ``shingles`` is how many were sampled."""

    bins: tuple[int, ...]
    shingles: int


@dataclass(frozen=True, slots=True)
class SimilarPair:
    """Reports ``a`` and ``b`` (indices into the batch, ``a < b``) share ``share`` of their text."""

    a: int
    b: int
    share: float


def sketch_text(text: str, names: Iterable[str] = ()) -> TextSketch | None:
    """The sketch of ``text`` with ``names`` (the unit's own) left out; None when too short."""
    for name in sorted({n for n in names if n and len(n) >= 2}, key=len, reverse=True):
        text = text.replace(name, "")
    han = "".join(_HAN.findall(text))
    last = len(han) - SHINGLE
    if last < 0:
        return None
    raw = han.encode("utf-32-le")
    width = 4 * SHINGLE
    crc = zlib.crc32
    hashes = {
        crc(raw[4 * m.start() : 4 * m.start() + width])
        for m in _MARK.finditer(raw[::4].translate(_ANCHOR_BYTES), 0, last + 1)
    }
    if len(hashes) < MIN_SHINGLES:
        return None
    # One permutation, BINS bins: the smallest hash of each bin (sorted descending, the last
    # write of each bin is its smallest).
    smallest = {h % BINS: h // BINS for h in sorted(hashes, reverse=True)}
    return TextSketch(tuple(smallest.get(i, _EMPTY) for i in range(BINS)), len(hashes))


def similarity(a: TextSketch, b: TextSketch) -> float:
    """Estimated Jaccard similarity of the two texts' shingles (0–1)."""
    same = used = 0
    for x, y in zip(a.bins, b.bins, strict=True):
        if x == _EMPTY and y == _EMPTY:
            continue
        used += 1
        if x == y:
            same += 1
    return same / used if used else 0.0


def find_similar(
    sketches: Sequence[TextSketch | None], threshold: float = NEAR_IDENTICAL
) -> list[SimilarPair]:
    """The near-identical pairs of a batch: each report joined to a group names the report it was
    found to match (and the share), so a group of *n* copies gives *n* − 1 pairs, not n²/2."""
    parent = list(range(len(sketches)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[int, tuple[int, ...]], int] = {}
    pairs: list[SimilarPair] = []
    for i, sketch in enumerate(sketches):
        if sketch is None:
            continue
        bins = sketch.bins
        for band in range(BANDS):
            key = (band, bins[band * ROWS : (band + 1) * ROWS])
            first = buckets.setdefault(key, i)
            if first == i or find(first) == find(i):
                continue
            other = sketches[first]
            assert other is not None
            share = similarity(sketch, other)
            if share >= threshold:
                parent[find(i)] = find(first)
                pairs.append(SimilarPair(first, i, share))
    return sorted(pairs, key=lambda p: (p.a, p.b))
