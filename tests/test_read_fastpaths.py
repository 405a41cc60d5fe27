"""The reader's fast paths read as the plain patterns do: each is compared with the slow path it
replaced, on generated lines."""

from __future__ import annotations

import random
import re

from drafter.read.lines import _ARTEFACT, _ARTEFACT_CHARS, _NBSP, _clean, clean_line, make_lines

_ARTEFACT_START = re.compile(r"[\[{<\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _clean_line_slow(raw: str) -> tuple[str, tuple[int, ...]]:
    """clean_line as it read before its start-character gates: the whole artefact pattern."""
    work = raw.replace(_NBSP, " ") if _NBSP in raw else raw
    found = list(_ARTEFACT.finditer(work)) if _ARTEFACT_START.search(work) is not None else ()
    if not found:
        text = work.strip()
        if text == raw:
            return raw, ()
        lead = len(work) - len(work.lstrip())
        return text, tuple(range(lead, lead + len(text)))
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in found:
        if m.start() > pos:
            parts.append(work[pos : m.start()])
            offsets.extend(range(pos, m.start()))
        pos = m.end()
    if pos < len(work):
        parts.append(work[pos:])
        offsets.extend(range(pos, len(work)))
    joined = "".join(parts)
    text = joined.strip()
    lead = len(joined) - len(joined.lstrip())
    return text, tuple(offsets[lead : lead + len(text)])


_PIECES = [
    "[bookmark: _Toc123]", "[bookmark: _Toc8021_WPSOffice_Level1]", "[bookmark:", "]", "[", "{", "}",
    "[]{#_Toc5 .anchor}", "{#_Toc9}", "[]{#x}", '<a name="x"></a>', '<a id="y" ></a>', "<a", "<",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", _NBSP, " ", "\u3000", "\t", "\n",
    "一、", "预算", "编制", "。", "，", "1.", "#", "_Toc",
]  # fmt: skip


def _random_lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 8))) for _ in range(count)]


def test_clean_line_matches_the_whole_pattern() -> None:
    for raw in _random_lines(11, 20000):
        expected = _clean_line_slow(raw)
        assert clean_line(raw) == expected, raw
        # make_lines tells _clean only what the whole text holds: a superset of the line's own
        present = tuple(c for c in _ARTEFACT_CHARS if c in raw)
        assert _clean(raw, present, _NBSP in raw) == expected, raw


def test_make_lines_cleans_as_each_line_alone() -> None:
    rng = random.Random(12)
    lines = _random_lines(13, 4000)
    for _ in range(400):
        raws = [line.replace("\n", "") for line in rng.sample(lines, rng.randint(1, 12))]
        for line in make_lines(raws):
            assert (line.text, line.offsets) == _clean_line_slow(line.raw), line.raw
