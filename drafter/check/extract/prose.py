"""The prose lines of a report as one text, to find the few lines that hold a word.

A substring test of every line costs a Python call per line and word; one C scan of the joined text
finds the same words for the price of the characters alone. :meth:`ProseText.lines_with` gives the
lines that hold a word (each once, in order), so an extractor that needs a rare wording reads only
those lines.
"""

from __future__ import annotations

from drafter.check.extract._common import TextLine

__all__ = ["ProseText"]


class ProseText:
    """The prose lines (table rows left out) joined by newlines."""

    __slots__ = ("lines", "text")

    def __init__(self, lines: list[TextLine]) -> None:
        self.lines = [tl for tl in lines if not tl.is_row]
        self.text = "\n".join([tl.norm for tl in self.lines])

    def lines_with(self, *words: str) -> list[TextLine]:
        """The lines that hold one of ``words``, each once, in document order."""
        text = self.text
        hits: list[int] = []
        for word in words:
            pos = text.find(word)
            while pos >= 0:
                hits.append(pos)
                # the rest of this line holds nothing more to find: go on at the next line
                nxt = text.find("\n", pos)
                pos = -1 if nxt < 0 else text.find(word, nxt + 1)
        if not hits:
            return []
        hits.sort()
        found: list[TextLine] = []
        line = last = 0
        prev = -1
        for pos in hits:  # count the newlines between hits: one C pass over the text in all
            line += text.count("\n", last, pos)
            last = pos
            if line != prev:
                found.append(self.lines[line])
                prev = line
        return found
