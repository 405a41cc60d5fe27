"""Stated grades (优/良/中/差 and their synonyms), grade tallies, and the grade bands a report states.

The grade words and the cues that introduce them come from ``schemas/lexicon/scores.yaml``
(优秀→优, 良好→良, 合格→中, 不合格→差, 一等→优 … , A档→优 …). A report may state its bands
("90分（含）以上为优，80–89分为良，60–79分为中，60分以下为差"); SC007 then judges the stated grade by
them instead of the default bands. A grade stated right after a score ("评价分值:88.64分评价等级:
良") is paired with that score. "21个项目评为一等" counts items by grade (a tally): it is not the
report's own grade.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract._scan import LineScan
from drafter.check.extract.lexicon import alternation, gates
from drafter.check.extract.scores import LEXICON
from drafter.check.facts import GradeStatement, GradeTally

__all__ = ["extract_grade_bands", "extract_grades"]

_CANON = LEXICON.grade_map()  # read once, with the score words
_GRADE_WORD = "|".join(re.escape(w) for w in sorted(_CANON, key=len, reverse=True))
_CUES = LEXICON.words("grade_cue")
#: the fewest substrings one of which every cue holds (a line with none of them states no grade)
_CUE_GATES = gates(_CUES)
#: a grade word ends there: punctuation (half-width too), a closing quote, 等/级/档 ("优等", "良级",
#: "A档"), or the line's end
_WORD_END = r"(?=[”\"」’'\s，,。.；;、:：)）!！|]|等|级|档|$)"
_GRADE = re.compile(
    alternation(_CUES) + rf"\s*(?:为|是|:|：|评定为|定为)?\s*[“\"「‘']?({_GRADE_WORD}){_WORD_END}"
)
#: "90分（含）以上为优" / "80-89分为良" / "80分≤总分<90分为良" / "60分以下为差"
_BAND = re.compile(  # \d\d* as \d+: a pattern that starts with a class is scanned for in C
    r"(\d\d*(?:\.\d+)?)\s*分?\s*(?:[（(]\s*含\s*[)）])?\s*"
    r"(以上|及以上|以下|-|－|—|–|~|～|至|到|≤|<|＜|≦)"
    r"[^，,。；;、为]{0,14}?(?:为|评为|定为|属于|属)\s*[“\"「]?"
    rf"({_GRADE_WORD}){_WORD_END}"
)
#: a tally: the count of items right before the cue ("21 个项目评为一等", "3家单位被评为优秀")
_TALLY = re.compile(r"(\d+)\s*(个|项|家|所)\s*(项目|单位|部门|子项目|二级项目)?\s*被?\s*$")
#: the score a grade is stated with, right before its cue: "评价分值:88.64分评价等级:良",
#: "自评得分为86分，评价等级为良" (not a maximum: "满分100分，等级为优" pairs nothing)
_SCORE_BEFORE = re.compile(
    r"(?:(?:评价|自评)分值|得分|评分|自评分)\s*(?:为|是|:|：)?\s*(\d+(?:\.\d+)?)\s*分?\s*[，,；;、]?\s*$"
)
#: how far before a cue its tally or its score may start
_LOOK_BACK = 24


def extract_grades(
    lines: list[TextLine], scan: LineScan | None = None
) -> tuple[list[GradeStatement], list[GradeTally]]:
    """The grades a report states (each with the score stated with it, if any) and its tallies."""
    out: list[GradeStatement] = []
    tallies: list[GradeTally] = []
    prev = ""
    cued = (scan or LineScan(lines)).lines_with(_CUE_GATES)  # the lines that can state a grade
    for i, tl in enumerate(lines):
        norm = tl.norm
        if i not in cued:
            prev = "" if tl.is_row else norm
            continue
        for m in _GRADE.finditer(norm):
            if _in_band(norm, m.start(1)):
                continue  # "评价等级：90分以上为优" states a band, not the grade
            a, b = tl.clause_at(m.start())
            before = norm[max(0, m.start() - _LOOK_BACK) : m.start()]
            if m.start() < _LOOK_BACK and prev:
                # a PDF text layer breaks lines inside words: "0 个项" / "目评为三等"
                before = prev[len(before) - _LOOK_BACK :] + before
            word = m.group(1)
            if (t := _TALLY.search(before)) is not None:
                at = max(0, m.start() - len(before) + t.start())
                tallies.append(
                    GradeTally(
                        word=tl.text[m.start(1) : m.end(1)],
                        grade=_CANON[word],
                        count=int(t.group(1)),
                        noun=t.group(2) + (t.group(3) or ""),
                        source=source_of(tl, min(a, at), max(b, m.end())),
                    )
                )
                continue
            sm = _SCORE_BEFORE.search(before)
            score = Decimal(sm.group(1)) if sm is not None else None
            out.append(GradeStatement(_CANON[word], source_of(tl, a, max(b, m.end())), score=score))
        prev = "" if tl.is_row else norm
    return out, tallies


def _in_band(norm: str, pos: int) -> bool:
    return any(b.start(3) == pos for b in _BAND.finditer(norm, max(0, pos - 30), pos + 4))


def extract_grade_bands(
    lines: list[TextLine], scan: LineScan | None = None
) -> tuple[tuple[str, Decimal], ...]:
    """The lower bound of each grade the report states, highest first; () unless at least two
    grades are stated and their bounds fall as the grades do (优 > 良 > 中 > 差)."""
    bands: dict[str, Decimal] = {}
    # a statement of bands names its top or bottom band: "…以上为优" / "…以下为差"
    for i in sorted((scan or LineScan(lines)).lines_with(("以上", "以下"))):
        norm = lines[i].norm
        if "分" not in norm:
            continue
        for m in _BAND.finditer(norm):
            grade = _CANON[m.group(3)]
            low = Decimal(0) if m.group(2) in ("以下",) else Decimal(m.group(1))
            if m.group(2) in ("≤", "<", "＜", "≦"):
                low = Decimal(m.group(1))
            bands.setdefault(grade, low)
    order = [g for g in ("优", "良", "中", "差") if g in bands]
    if len(order) < 2:
        return ()
    lows = [bands[g] for g in order]
    if any(a <= b for a, b in pairwise(lows)):
        return ()
    return tuple((g, bands[g]) for g in order)
