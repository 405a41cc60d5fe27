"""The rules' shared fast paths give what the plain scans they replaced gave: each is compared with
the slow path, on the facts of every report text the tests have (the sample, the rule and extractor
fixtures, the corpus)."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from drafter.check.extract import extract_facts
from drafter.check.facts import CLAIM_KINDS, Claim, Facts, Figure, Tolerances, half_unit, score_tolerance
from drafter.check.rules.claims import comparison_contradicted
from drafter.check.rules.consistency import wrong_year
from drafter.check.rules.figures import parts_sum
from drafter.check.rules.figures._common import nearest
from drafter.read import read_document
from drafter.read.text import document_from_text

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(
    [
        *ROOT.glob("examples/*/*.txt"),
        *(ROOT / "tests" / "fixtures" / "rules").glob("*/*.txt"),
        *(ROOT / "tests" / "fixtures" / "extract").glob("*.txt"),
        *(ROOT / "tests" / "corpus").rglob("*.txt"),
    ]
)


@cache
def _facts(path: Path) -> Facts:
    return extract_facts(read_document(path))


def _ids(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _figures_for_slow(facts: Facts, key: str) -> tuple[Figure, ...]:
    return tuple(f for f in facts.figures if f.key == key)


def _claims_of_slow(facts: Facts, kind: str) -> tuple[Claim, ...]:
    return tuple(c for c in facts.claims if c.kind == kind)


def _nearest_slow(facts: Facts, key: str, line: int | None) -> Figure | None:
    """figures._common.nearest as it read before Facts kept its figures by key."""
    best: tuple[int, int, Figure] | None = None
    for i, f in enumerate(facts.figures):
        if f.key != key:
            continue
        distance = 0 if line is None or f.source.line is None else abs(f.source.line - line)
        rank = (distance, i)
        if best is None or rank < best[:2]:
            best = (*rank, f)
    return best[2] if best else None


def test_the_texts_give_figures_and_claims() -> None:
    """The comparisons below are not empty: the texts hold figures of many keys, claims of every kind."""
    keys = {f.key for p in TEXTS for f in _facts(p).figures}
    kinds = {c.kind for p in TEXTS for c in _facts(p).claims}
    assert len(TEXTS) > 150
    assert len(keys) > 20
    assert kinds == set(CLAIM_KINDS) - {"no_problem"} or kinds == set(CLAIM_KINDS)


@pytest.mark.parametrize("path", TEXTS, ids=_ids)
def test_figures_and_claims_by_key_as_scanned(path: Path) -> None:
    facts = _facts(path)
    for key in {*(f.key for f in facts.figures), "spend.actual", "no.such.key"}:
        assert facts.figures_for(key) == _figures_for_slow(facts, key)
        slow = _figures_for_slow(facts, key)
        assert facts.figure(key) is (slow[0] if slow else None)
        for a, b in zip(facts.figures_for(key), slow, strict=True):
            assert a is b
    for kind in (*CLAIM_KINDS, "no-such-kind"):
        assert facts.claims_of(kind) == _claims_of_slow(facts, kind)
    assert sum(len(v) for v in facts.figures_by_key().values()) == len(facts.figures)


@pytest.mark.parametrize("path", TEXTS, ids=_ids)
def test_nearest_as_scanned(path: Path) -> None:
    facts = _facts(path)
    lines = [f.source.line for f in facts.figures if f.source.line is not None]
    last = max(lines, default=0) + 3
    for key in {f.key for f in facts.figures}:
        for line in (None, *range(0, last)):
            assert nearest(facts, key, line) is _nearest_slow(facts, key, line), (key, line)


def test_nearest_ties_go_to_the_earlier_figure() -> None:
    """Two figures of a key at the same distance (one line before, one after): the earlier wins;
    a figure without a line is at distance 0."""
    text = "一、基本情况\n实际支出总额100万元。\n其他说明。\n实际支出总额200万元。\n"
    facts = extract_facts(document_from_text(text))
    found = facts.figures_for("spend.actual")
    assert [f.value for f in found] == [100, 200]
    assert nearest(facts, "spend.actual", 3) is found[0]
    assert nearest(facts, "spend.actual", 4) is found[1]
    assert nearest(facts, "spend.actual", None) is found[0]


def _scores_ok_slow(tol: Tolerances, parts: tuple[Decimal, ...], total: Decimal) -> bool:
    """Tolerances.scores_ok as it read before it ruled out sums off by more than any tolerance."""
    got = sum(parts, Decimal(0))
    if got == total and tol.score >= 0:
        return True
    return abs(got - total) <= score_tolerance((*parts, total)) + tol.score


def test_scores_ok_as_before() -> None:
    """Scores written with 0-3 decimals or an exponent, sums exact, off by a rounding and off by
    points, with and without extra slack."""
    rng = random.Random(7)
    written = [
        "0",
        "2",
        "4",
        "5",
        "8",
        "8.0",
        "8.3",
        "8.33",
        "8.333",
        "0.5",
        "0.05",
        "0.005",
        "1E+1",
        "12.5",
        "-1",
    ]
    written += ["19.95", "20.05", "3.34", "3.33", "6.67", "16.7", "100", "99.99"]
    values = [Decimal(w) for w in written]
    checked = 0
    for _ in range(6000):
        parts = tuple(rng.choice(values) for _ in range(rng.randint(0, 5)))
        near = sum(parts, Decimal(0)) + rng.choice(
            [Decimal(0), Decimal("0.01"), Decimal("-0.01"), Decimal("0.1")]
        )
        for total in (rng.choice(values), near):
            for extra in (Decimal(0), Decimal("0.5"), Decimal("0.06"), Decimal("-0.01")):
                tol = Tolerances(score=extra)
                assert tol.scores_ok(parts, total) == _scores_ok_slow(tol, parts, total), (
                    parts,
                    total,
                    extra,
                )
                checked += 1
    assert checked == 48000


def _half_unit_slow(value: Decimal) -> Decimal:
    """facts.half_unit as it read before its shortcuts for hundredths and whole numbers."""
    exp = value.as_tuple().exponent
    if not isinstance(exp, int):  # NaN / Infinity
        return Decimal(0)
    return Decimal(5).scaleb(exp - 1)


def test_half_unit_as_before() -> None:
    """The same value with the same exponent (it is printed in findings) for every way of writing."""
    written = ["0", "0.00", "-0.00", "1", "96", "-3", "3115.27", "3115.20", "95.6", "0.5", "0.05", "8.333"]
    written += [
        "1E+2",
        "1.0E+3",
        "1E-7",
        "12345678.90",
        "0.010",
        "100.00",
        "-12.34",
        "NaN",
        "Infinity",
        "-Infinity",
    ]
    written += ["1.00E-2", "10E-2", "100E-2", "0.1E+1", "sNaN"]
    rng = random.Random(3)
    for _ in range(3000):
        digits = str(rng.randint(0, 10 ** rng.randint(0, 9)))
        written.append(f"{digits}E{rng.randint(-8, 4)}")
    for text in written:
        value = Decimal(text)
        got, want = half_unit(value), _half_unit_slow(value)
        assert got == want and str(got) == str(want), text


@pytest.mark.parametrize("path", TEXTS, ids=_ids)
def test_staff_categories_as_scanned(path: Path) -> None:
    facts = _facts(path)
    slow = [f for f in facts.figures if f.key.startswith("staff.") and f.key != "staff.total"]
    got = parts_sum._staff_categories(facts)
    assert len(got) == len(slow) and all(a is b for a, b in zip(got, slow, strict=True))


def test_staff_categories_stated_twice_keep_report_order() -> None:
    text = "一、基本情况\n在编人员20人，其中行政编15人，事业编5人。\n年末实有人员18人，其中行政编13人，事业编5人。\n"
    facts = extract_facts(document_from_text(text))
    slow = [f for f in facts.figures if f.key.startswith("staff.") and f.key != "staff.total"]
    assert [f.value for f in slow] == [15, 5, 13, 5]
    assert parts_sum._staff_categories(facts) == slow


def _what_slow(context: str) -> str:
    """wrong_year._what as it read before its patterns were compiled once."""
    clause = re.split(r"[，,。；;：:！？》”\n]", context, maxsplit=1)[0]
    clause = re.sub(r"^年?度?的?", "", clause)
    if len(clause) <= wrong_year.WHAT_MAX:
        return clause
    ends = [m.end() for m in wrong_year._TITLE_END.finditer(clause, 0, wrong_year.WHAT_MAX) if m.end() >= 6]
    cut = ends[-1] if ends else wrong_year.WHAT_MAX - 1
    return clause[:cut].rstrip("、和及与") + "…"


def test_what_a_year_qualifies_as_before() -> None:
    contexts = [m.context for p in TEXTS for m in _facts(p).years]
    contexts += [
        "",
        "年",
        "年度的",
        "度的预算编制工作方案，通知",
        "年度县级财政部门印发的预算编制工作方案、通知和有关制度要求",
    ]
    contexts += ["度\n决算", "的的预算", "年度年度预算"]
    assert len(contexts) > 200
    for context in contexts:
        assert wrong_year._what(context) == _what_slow(context), context


def _nearest_before_slow(facts: Facts, key: str, line: int | None) -> Figure | None:
    """comparison_contradicted._nearest as it read before it became one loop."""
    figures = _figures_for_slow(facts, key)
    if not figures:
        return None
    if line is None:
        return figures[0]
    before = [f for f in figures if f.source.line is not None and f.source.line <= line]
    if before:
        return max(before, key=lambda f: f.source.line or 0)
    return figures[0]


@pytest.mark.parametrize("path", TEXTS, ids=_ids)
def test_comparison_nearest_as_before(path: Path) -> None:
    facts = _facts(path)
    last = max((f.source.line or 0 for f in facts.figures), default=0) + 3
    for key in {f.key for f in facts.figures}:
        for line in (None, *range(0, last)):
            got = comparison_contradicted._nearest(facts, key, line)
            assert got is _nearest_before_slow(facts, key, line), (key, line)
