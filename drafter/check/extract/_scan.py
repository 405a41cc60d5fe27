"""Which lines of a report hold a word: one ``str.find`` scan of the whole report per word.

A gate is a cheap test whose miss lets an extractor skip a line before its costly patterns. As
a regex (``完工|完成|建成``), a gate costs ``re`` some seventy machine instructions per character
of the line: the search tries each character against the pattern's set of first characters. A
``str.find`` of one word costs three or four, so a gate of a few words is several times cheaper
as finds; and finds over the lines joined once save the set-up of a call per line.
:class:`LineScan` joins the lines' ``norm`` with "\\n" once and answers, for a tuple of words,
the lines that hold one of them — exactly the lines for which ``any(w in norm for w in words)``
holds, since no word holds "\\n".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate

from drafter.check.extract._common import TextLine

__all__ = ["LineScan"]


class LineScan:
    """The ``norm`` of each line of ``lines``, joined for whole-report scans."""

    __slots__ = ("_starts", "text")

    def __init__(self, lines: Sequence[TextLine]) -> None:
        norms = [tl.norm for tl in lines]
        self.text = "\n".join(norms)
        #: where each line starts in :attr:`text` (and, last, where a line after the last would)
        self._starts = list(accumulate([len(n) + 1 for n in norms], initial=0))

    def lines_with(self, words: Iterable[str]) -> set[int]:
        """The indices of the lines whose ``norm`` holds one of ``words`` (none holds "\\n")."""
        text, starts = self.text, self._starts
        find = text.find
        out: set[int] = set()
        for word in words:
            at = find(word)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                out.add(i)
                at = find(word, starts[i + 1])  # the next line: this one is in already
        return out
