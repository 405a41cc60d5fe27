"""Which lines of a report hold a word: a few ``str.find`` scans of the whole report.

A gate is a cheap test whose miss lets an extractor skip a line before its costly patterns. As
a regex (``完工|完成|建成``), a gate costs ``re`` some seventy machine instructions per character
of the line: each character is tried against the pattern's set of first characters. ``str.find``
of one character costs less than one (it runs ``memchr``), of a longer word four or five.
:class:`LineScan` joins the lines' ``norm`` with "\\n" once; for a tuple of words it finds, in the
whole report, one rare character of each word (:func:`_plan`), and from its first place on,
one pattern that starts with that character and holds the rest of each word (what stands before
it as a look-behind): ``re`` looks for a pattern's literal first character in a tight
loop of a few instructions per character, and tries the words only where it stands. Testing the
words with ``in`` on every line that holds the character cost far more (one scan of the line per
word: the common characters of a lexicon's words stand in most lines). The answer is exactly the
lines for which ``any(w in norm for w in words)`` holds (no word holds "\\n").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import accumulate

from drafter.check.extract._common import TextLine

__all__ = ["LineScan", "gate_chars"]

#: the commonest characters of Chinese prose and of these reports, commonest first: a word is
#: looked for by a character of its own that stands as late here as possible (or not at all), so
#: that few lines need the test of the word itself
_COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子"
    "说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机"
    "当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心"
    "反明看原又利比或但质气第向道此变条只没结解问意建月公无系很情者最立代想已通并提直题程展五果料员"
    "位入常文总次品式活设及管特件长求基资边流路级少图山统接知较将组见计别期根论运农指区强放决做必先"
    "回则任取据处理府研项目完施预算支效益评价绩标指县局单位财政"
)
_RANK = {c: i for i, c in enumerate(_COMMON)}


@cache
def _plan(words: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str] | None, int], ...]:
    """``words`` grouped by the character each is looked for by: the character that the most of
    the words not grouped yet hold (the least common of equals), so that few characters are
    looked for. Each group comes with its pattern: the character, then the rest of each word
    (the part up to the character's first place in it as a look-behind); None when the group is
    the character alone; and the length of its longest word (no match of the pattern ends
    further than that after the character's last place). A tuple of words comes from a lexicon:
    the plan is made once per tuple."""
    left = list(dict.fromkeys(words))
    plan: list[tuple[str, re.Pattern[str] | None, int]] = []
    while left:
        chars = dict.fromkeys(c for w in left for c in w)
        key = max(chars, key=lambda c: (sum(c in w for w in left), _RANK.get(c, len(_RANK))))
        group = [w for w in left if key in w]
        left = [w for w in left if key not in w]
        if key in group:  # the character alone is a word: every place it stands is a match
            plan.append((key, None, 1))
            continue
        branches = []
        for w in group:
            k = w.index(key)
            branches.append((f"(?<={re.escape(w[: k + 1])})" if k else "") + re.escape(w[k + 1 :]))
        pattern = re.compile(re.escape(key) + "(?:" + "|".join(branches) + ")")
        plan.append((key, pattern, max(len(w) for w in group)))
    return tuple(plan)


def gate_chars(words: tuple[str, ...]) -> tuple[str, ...]:
    """Characters, as few as can be, one of which each of ``words`` holds: a text with none of
    them holds none of ``words``, and ``in`` tests them in C before a pattern of the words runs."""
    return tuple(c for c, _rx, _longest in _plan(words))


class LineScan:
    """The ``norm`` of each line of ``lines``, joined for whole-report scans."""

    __slots__ = ("_sizes", "_starts", "text")

    def __init__(self, lines: Sequence[TextLine]) -> None:
        norms = [tl.norm for tl in lines]
        self.text = "\n".join(norms)
        #: the length of each line, its "\n" counted
        self._sizes = [len(n) + 1 for n in norms]
        #: where each line starts in :attr:`text` (and, last, where a line after the last would)
        self._starts = list(accumulate(self._sizes, initial=0))

    def __len__(self) -> int:
        """The number of lines scanned."""
        return len(self._sizes)

    def lines_of_length(self, length: int) -> list[int]:
        """The indices of the lines of ``length`` characters, in order (``list.count`` and
        ``list.index`` scan the lengths in C: most reports have few very short lines)."""
        sizes, size = self._sizes, length + 1
        out: list[int] = []
        at = -1
        for _ in range(sizes.count(size)):
            at = sizes.index(size, at + 1)
            out.append(at)
        return out

    def line_at(self, pos: int) -> int:
        """The index of the line that holds position ``pos`` of :attr:`text`."""
        return bisect_right(self._starts, pos) - 1

    def lines_with(self, words: tuple[str, ...]) -> set[int]:
        """The indices of the lines whose ``norm`` holds one of ``words`` (none holds "\\n")."""
        text, starts = self.text, self._starts
        find = text.find
        out: set[int] = set()
        for char, rx, longest in _plan(words):
            at = find(char)  # memchr: most characters of a lexicon stand in few reports
            if at < 0:
                continue
            if rx is None:
                while at >= 0:
                    i = bisect_right(starts, at) - 1
                    out.add(i)
                    at = find(char, starts[i + 1])  # the next line: this one is found
                continue
            # from the character's first place to its last (the pattern has no look-ahead: the
            # text cut after the last place reads the same up to there)
            end = text.rfind(char) + longest
            m = rx.search(text, at, end)
            while m is not None:
                i = bisect_right(starts, m.start()) - 1
                out.add(i)
                m = rx.search(text, starts[i + 1], end)  # the next line: this one is found
        return out
