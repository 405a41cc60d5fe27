"""The rules' shared fast paths give what the plain scans they replaced gave: each is compared with
the slow path, on the facts of every report text the tests have (the sample, the rule and extractor
fixtures, the corpus)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from drafter.check.extract import extract_facts
from drafter.check.facts import CLAIM_KINDS, Claim, Facts, Figure
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
