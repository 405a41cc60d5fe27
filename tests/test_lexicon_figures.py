"""Every wording in the figure, claim and unfinished-text lexicons (schemas/lexicon/figures.yaml,
claims.yaml, unfinished.yaml) is read as its examples say (money labels and rate names are in the
figure registry: tests/test_figures.py).

Each example runs through the whole extraction (``extract_facts``), so a word added to the data
file without a working example fails here, and so does an extractor change that stops reading it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from drafter.check.extract import _claimwords, _figwords, extract_facts, markers
from drafter.check.extract.lexicon import WordExample, WordGroup, alternation, load_lexicon
from drafter.read import document_from_text

_GROUPS = (
    "staff_units",
    "count_units",
    "list_cues",
    "list_leads",
    "sources",
    "totals",
    "parts",
    "targets",
    "remainders",
    "reductions",
    "fund_names",
)


def _figure_examples() -> list[tuple[str, str, WordExample]]:
    lex = _figwords.LEXICON
    return [
        (name, group.key, example)
        for name in _GROUPS
        for group in getattr(lex, name)
        for example in group.examples
    ]


@pytest.mark.parametrize(
    ("section", "key", "example"),
    _figure_examples(),
    ids=lambda v: v.text if isinstance(v, WordExample) else str(v),
)
def test_figure_wording_is_read_as_its_example_says(section: str, key: str, example: WordExample) -> None:
    facts = extract_facts(document_from_text(example.text))
    assert example.expect, "an example must say what it reads"
    for what, want in example.expect.items():
        if what == "figures":
            named = {f.key: f.value for f in facts.figures if f.key not in ("amount", "rate")}
            assert named == {k: Decimal(v) for k, v in want.items()}
        elif what == "sums":
            got = [[b.total.value, *(p.value for p in b.parts)] for b in facts.breakdowns]
            assert got == [[Decimal(v) for v in row] for row in want]
        elif what == "restated":  # [document or source, amount] of each amount stated for one
            assert [[d.doc, str(d.amount.value)] for d in facts.document_amounts] == want
        elif what == "lists":  # [stated count, items listed] of each list read
            assert [[e.count, len(e.items)] for e in facts.entities] == want
        elif what == "rate":
            if want == "target":
                assert facts.claims_of("target") and not facts.claims_of("rate")
            else:
                (claim,) = facts.claims_of("rate")
                assert claim.subject == want
        else:
            pytest.fail(f"unknown expectation {what!r} in the {section} example {example.text!r}")


def test_every_word_group_has_words_and_examples() -> None:
    for name in _GROUPS:
        for group in getattr(_figwords.LEXICON, name):
            assert group.words and group.examples, (name, group.key)


def test_a_misspelt_field_is_an_error() -> None:
    with pytest.raises(ValidationError):
        WordGroup.model_validate({"key": "x", "words": ["a"], "examples": [{"text": "a"}], "wrods": []})


def test_the_lexicon_is_read_once() -> None:
    assert load_lexicon("figures", _figwords.FiguresLexicon) is _figwords.LEXICON


def test_alternation_puts_longer_words_first() -> None:
    assert alternation(["预算", "调整后预算", "预算"]) == "(?:调整后预算|预算)"


def _examples(lexicon: object, groups: tuple[str, ...]) -> list[tuple[str, WordExample]]:
    return [(name, ex) for name in groups for g in getattr(lexicon, name) for ex in g.examples]


@pytest.mark.parametrize(
    ("section", "example"),
    _examples(_claimwords.LEXICON, tuple(_claimwords.ClaimsLexicon.model_fields)),
    ids=lambda v: v.text if isinstance(v, WordExample) else str(v),
)
def test_claim_wording_is_read_as_its_example_says(section: str, example: WordExample) -> None:
    facts = extract_facts(document_from_text(example.text))
    got = [[c.kind, c.text] for c in facts.claims if c.kind in ("complete", "unfinished")]
    assert got == example.expect["claims"], section


@pytest.mark.parametrize(
    ("section", "example"),
    _examples(markers.UNFINISHED, tuple(markers.UnfinishedLexicon.model_fields)),
    ids=lambda v: v.text if isinstance(v, WordExample) else str(v),
)
def test_unfinished_text_is_read_as_its_example_says(section: str, example: WordExample) -> None:
    facts = extract_facts(document_from_text(example.text))
    assert [p.text for p in facts.placeholders] == example.expect["placeholders"], section


def test_every_reduction_word_holds_the_characters_breakdowns_look_for_first() -> None:
    """breakdowns._unsummed runs the reduction pattern only on a label that holds 减 or 回."""
    for group in _figwords.LEXICON.reductions:
        for word in group.words:
            assert "减" in word or "回" in word, f"“{word}”: add its character to breakdowns._unsummed"
