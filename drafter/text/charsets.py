"""Which characters of a small set a text holds, found in one C-level pass.

A regex character class (``[，：（）…]``) is tried by ``re`` at every character of the text through
its set-matching routine, some 50-100 machine instructions a character; so were normalisation's
scan for full-width forms and the reader's count of control characters. The ``charmap`` codec
looks a character up in a three-level table instead (an ``EncodingMap``, the structure Python's
single-byte codecs use): encoding a text with ``errors="ignore"`` into a map of just the set's
characters keeps one byte per character of the set, in order, and skips the rest in a tight loop
(about a third of the cost). :class:`CharSet` wraps that.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable

__all__ = ["CharSet"]

#: what the charmap codec's decoding table holds for a byte that maps to no character
_UNMAPPED = "\ufffe"


class CharSet:
    """A set of at most 255 characters of the Basic Multilingual Plane (not NUL, U+FFFE/U+FFFF
    or a surrogate).

    ``count(s)`` is how many characters of ``s`` are in the set, ``present(s)`` which of them
    ``s`` holds (the same as ``len(re.findall("[…]", s))`` and ``set(re.findall("[…]", s))``).
    """

    __slots__ = ("_chars", "_map")

    def __init__(self, chars: Iterable[str]) -> None:
        ordered = sorted(set(chars))
        if len(ordered) > 255 or any(
            len(c) != 1 or not 0 < ord(c) < 0xFFFE or "\ud800" <= c <= "\udfff" for c in ordered
        ):
            raise ValueError("CharSet: at most 255 single BMP characters, no NUL, surrogate or U+FFFE")
        # byte i + 1 stands for ordered[i]; byte 0 is NUL, which the codec always maps to itself
        self._chars = ("\x00", *ordered)
        table = ["\x00", *ordered] + [_UNMAPPED] * (255 - len(ordered))
        self._map = codecs.charmap_build("".join(table))

    def codes(self, s: str) -> bytes:
        """One byte per character of ``s`` that is in the set (or NUL), in order."""
        return codecs.charmap_encode(s, "ignore", self._map)[0]

    def count(self, s: str, *, nul: bool = False) -> int:
        """How many characters of ``s`` are in the set (NUL counted too when ``nul``)."""
        found = codecs.charmap_encode(s, "ignore", self._map)[0]
        if nul or b"\x00" not in found:
            return len(found)
        return len(found) - found.count(0)

    def present(self, s: str) -> list[str]:
        """The distinct characters of the set that ``s`` holds (in the set's order)."""
        found = codecs.charmap_encode(s, "ignore", self._map)[0]
        if not found:
            return []
        chars = self._chars
        return [chars[code] for code in sorted(set(found)) if code]
