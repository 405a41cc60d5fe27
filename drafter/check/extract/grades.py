"""Stated grades (优/良/中/差 and their synonyms) and the grade bands a report states.

The grade words come from ``schemas/lexicon/scores.yaml`` (优秀→优, 良好→良, 合格→中, 不合格→差).
A report may state its bands ("90分（含）以上为优，80–89分为良，60–79分为中，60分以下为差");
SC007 then judges the stated grade by them instead of the default bands.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract.scores import LEXICON
from drafter.check.facts import GradeStatement

__all__ = ["extract_grade_bands", "extract_grades"]

_CANON = LEXICON.grade_map()  # read once, with the score words
_GRADE_WORD = "|".join(re.escape(w) for w in sorted(_CANON, key=len, reverse=True))
#: a grade word ends there: punctuation (half-width too), a closing quote, 等/级 ("优等", "良级"), or the line's end
_WORD_END = r"(?=[”\"」’'\s，,。.；;、:：)）!！]|等|级|$)"
_GRADE = re.compile(
    r"(?:评价等级|自评等级|绩效等级|等级|评级|等次|评价结果|自评为|评定为|评为)"
    rf"\s*(?:为|是|:|：|评定为|定为)?\s*[“\"「‘']?({_GRADE_WORD}){_WORD_END}"
)
#: "90分（含）以上为优" / "80-89分为良" / "80分≤总分<90分为良" / "60分以下为差"
_BAND = re.compile(
    r"(\d+(?:\.\d+)?)\s*分?\s*(?:[（(]\s*含\s*[)）])?\s*"
    r"(以上|及以上|以下|-|－|—|–|~|～|至|到|≤|<|＜|≦)"
    r"[^，,。；;、为]{0,14}?(?:为|评为|定为|属于|属)\s*[“\"「]?"
    rf"({_GRADE_WORD}){_WORD_END}"
)


def extract_grades(lines: list[TextLine]) -> list[GradeStatement]:
    out: list[GradeStatement] = []
    for tl in lines:
        norm = tl.norm
        if not ("等级" in norm or "评级" in norm or "等次" in norm or "评价结果" in norm or "评为" in norm):
            continue  # every cue holds one of these (自评为 and 评定为 hold 评为)
        for m in _GRADE.finditer(norm):
            if _in_band(norm, m.start(1)):
                continue  # "评价等级：90分以上为优" states a band, not the grade
            a, b = tl.clause_at(m.start())
            out.append(GradeStatement(_CANON[m.group(1)], source_of(tl, a, max(b, m.end()))))
    return out


def _in_band(norm: str, pos: int) -> bool:
    return any(b.start(3) == pos for b in _BAND.finditer(norm, max(0, pos - 30), pos + 4))


def extract_grade_bands(lines: list[TextLine]) -> tuple[tuple[str, Decimal], ...]:
    """The lower bound of each grade the report states, highest first; () unless at least two
    grades are stated and their bounds fall as the grades do (优 > 良 > 中 > 差)."""
    bands: dict[str, Decimal] = {}
    for tl in lines:
        norm = tl.norm
        # a statement of bands names its top or bottom band: "…以上为优" / "…以下为差"
        if ("以上" not in norm and "以下" not in norm) or "分" not in norm:
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
