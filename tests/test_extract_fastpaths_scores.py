"""find_statements' gates read as the plain patterns do: each line of a generated family is read
by the fast path and by the slow one it replaced (every pattern run on every line that holds a
score word, _has_score before any of them), and both must give the same statements."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from drafter.check.extract import scores as S
from drafter.check.extract._common import TextLine
from drafter.check.extract.lexicon import holds_any
from drafter.document import Line
from drafter.text.numbers import normalize


def _statement_slow(tl: TextLine, start: int, end: int, value: Decimal, mx: Decimal | None) -> S.Statement:
    norm, spans = tl.norm, tl.clauses
    index = -1
    for i, (a, b) in enumerate(spans):
        if a <= start < b:
            index = i
            break
    clause_start = spans[index][0] if index >= 0 else 0
    phrase = norm[start:end]
    hit = S._TOTAL_WORDS.search(norm, clause_start, end)
    is_total = (
        hit is not None and hit.start() <= start and "指标总分" not in phrase and "总分值" not in phrase
    )
    return S.Statement(value, mx, start, end, S._label(tl.text, start, spans, index), is_total)


def _find_slow(tl: TextLine) -> list[S.Statement]:
    """find_statements as it read before its per-pattern gates."""
    norm = tl.norm
    if "分" not in norm or not holds_any(norm, S._SCORE_GATES) or not S._has_score(norm):
        return []
    found: list[S.Statement] = []
    taken: list[tuple[int, int]] = []

    def free(m: object) -> bool:
        return not S._overlaps(m.start(), m.end(), taken)  # type: ignore[attr-defined]

    for m in S._MAX_SCORE.finditer(norm):
        found.append(_statement_slow(tl, m.start(), m.end(), Decimal(m.group(2)), Decimal(m.group(1))))
        taken.append(m.span())
    if "扣" in norm:
        for m in S._DEDUCT_SCORE.finditer(norm):
            if free(m):
                st = _statement_slow(tl, m.start(), m.end(), Decimal(m.group(2)), None)
                st.lost = Decimal(m.group(1))
                found.append(st)
                taken.append(m.span())
    if "（" in norm or "(" in norm:
        for m in S._SCORE_PAREN_MAX.finditer(norm):
            if free(m):
                found.append(
                    _statement_slow(tl, m.start(), m.end(), Decimal(m.group(1)), Decimal(m.group(2)))
                )
                taken.append(m.span())
        for m in S._PAREN_SCORE.finditer(norm):
            if free(m):
                found.append(
                    _statement_slow(tl, m.start(), m.end(), Decimal(m.group(2)), Decimal(m.group(1)))
                )
                taken.append(m.span())
    if "(分)" in norm:
        for m in S._UNIT_LABEL_TOTAL.finditer(norm):
            if free(m):
                st = _statement_slow(tl, m.start(), m.end(), Decimal(m.group(1)), None)
                st.is_total = True
                found.append(st)
                taken.append(m.span())
    if "分:" in norm or "值:" in norm:
        for m in S._COLON_LABEL_TOTAL.finditer(norm):
            if m.start() and norm[m.start() - 1] not in " \t|":
                continue
            if free(m):
                st = _statement_slow(tl, m.start(), m.end(), Decimal(m.group(m.lastindex or 0)), None)
                st.is_total = True
                found.append(st)
                taken.append(m.span())
    for m in S._SCORE.finditer(norm):
        if not free(m) or S._BAND_AFTER.match(norm, m.end()):
            continue
        found.append(_statement_slow(tl, m.start(), m.end(), Decimal(m.group(m.lastindex or 0)), None))
    for st in found:
        if st.max is None and norm.find("分", 0, st.start) >= 0:
            a, _b = tl.clause_at(st.start) if st.is_total else tl.segment_at(st.start)
            pm = S._last(S._PAREN_MAX, norm, a, st.start)
            if pm is not None:
                st.max = Decimal(pm.group(1) or pm.group(2))
    if "、得" in norm or "，得" in norm or ",得" in norm or "，自评" in norm or "、自评" in norm:
        for st in found:
            if st.max is None and not st.is_total:
                S._bare_max(tl, st)
    found.sort(key=lambda s: s.start)
    return found


_PIECES = [
    *S._LEX.words("score"), *S._LEX.words("max"), *S._LEX.words("total"), *S._LEX.words("form_total"),
    "分", "分", "分", "8", "12", "20", "96.5", "5", " ", "为", "是", ":", "：", "，", ",", "、", "；", "。",
    "(", ")", "（", "）", "扣", "扣除", "(分)", "以上", "方面", "在经济性", "预算编制", "其中", "|",
    "1.", "（1）", "一是", "不", "值", "率", "%", "合理性", "资金管理",
    # a grade band's tail (_BAND_FIRST) and the characters of total words (_TOTAL_CHARS)
    "（含）", "(含)", "以下", "及以上", "至", "-", "~", "—", "\u3000", "总", "合", "绩效", "综合得分",
]  # fmt: skip


_SCORE_WORDS = S._LEX.words("score")
_MAX_WORDS = S._LEX.words("max")
_GLUE = ["", "", " ", "为", ":", "：", "是"]
_NUMBERS = ["8", "12", "20", "96.5", "5", "100"]


def _phrase(rng: random.Random) -> str:
    """A score phrase of one of the shapes the patterns read, or loose pieces, with loose pieces
    around it (so that a piece may break the shape)."""
    num, word, mx = rng.choice(_NUMBERS), rng.choice(_SCORE_WORDS), rng.choice(_MAX_WORDS)
    glue = rng.choice(_GLUE)
    shapes = [
        f"{word}{glue}{num}分",
        f"{word}{glue}{num}",
        f"{mx}{glue}{num}分，{word}{num}分",
        f"{num}分（{word}{num}分）",
        f"{word}{num}分（{mx}{num}分）",
        f"扣{num}分，{word}{num}分",
        f"{rng.choice(S._LEX.words('form_total'))}(分){glue}{num}",
        f"{rng.choice(S._LEX.words('form_total'))}: {num} 部门",
        "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 6))),
    ]
    loose = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 3)))
    return loose + rng.choice(shapes) if rng.random() < 0.5 else rng.choice(shapes) + loose


def _line(text: str, normalized: bool) -> TextLine:
    norm = normalize(text) if normalized else text
    return TextLine(Line(1, text, text), text, norm, 1, normalized=normalized)


def _facts(found: list[S.Statement]) -> list[tuple[object, ...]]:
    return [(s.value, s.max, s.start, s.end, s.label, s.is_total, s.lost) for s in found]


@pytest.mark.parametrize("seed", range(4))
def test_find_statements_with_gates_as_without(seed: int) -> None:
    rng = random.Random(seed)
    stated = 0
    for n in range(3000):
        text = "".join(_phrase(rng) for _ in range(rng.randint(1, 4)))
        tl = _line(text, normalized=n % 3 != 0)
        fast = S.find_statements(tl)
        assert _facts(fast) == _facts(_find_slow(_line(text, normalized=n % 3 != 0))), text
        stated += bool(fast)
    assert stated > 600  # the generated lines do reach the patterns


def test_a_line_that_opens_with_fen_reads_as_before() -> None:
    """_has_score's search for a number before 分 stops at a 分 that opens the line: such a
    line holds no statement unless it holds 得分 / 自评分, as before the gates."""
    for text in ("分值5分，得4分", "分 自评5分", "分，自评得分5分", "90分，自评得90分"):
        assert _facts(S.find_statements(_line(text, True))) == _facts(_find_slow(_line(text, True))), text


def _has_score_slow(norm: str) -> bool:
    """_has_score as it read before it tested the character before 分 first."""
    if "得分" in norm or "自评分" in norm or "(分)" in norm or "分:" in norm:
        return True
    i = norm.find("分")
    while i > 0:
        j = i - 1
        while j > 0 and norm[j].isspace():
            j -= 1
        if norm[j].isdecimal():
            return True
        i = norm.find("分", i + 1)
    return False


@pytest.mark.parametrize("seed", range(2))
def test_has_score_as_before(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["分", "分", " ", "  ", "\u3000", "8", "12", "得", "评", "自", "(", ")", ":", "值", "部"]
    held = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert S._has_score(text) == _has_score_slow(text), text
        held += S._has_score(text)
    assert 400 < held < 3600


def test_every_score_phrase_holds_fen() -> None:
    """find_statements looks for a next _SCORE / _MAX_SCORE phrase only where a 分 stands after
    the last: a score word whose number may stand without 分 must hold 分 itself."""
    assert all("分" in w for w in S._LEX.unit_optional())
    assert S._MAX_SCORE.pattern.endswith("分")
