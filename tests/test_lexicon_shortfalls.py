"""The shortfall lexicon (schemas/lexicon/shortfalls.yaml): every word, in its example, makes the
indicator's text explain its deduction (the node's reason), as SC005 relies on; and every shortfall a
polished rewrite must keep (kept) is found in its example, so a rewrite without it is refused."""

from __future__ import annotations

import pytest

from drafter.check.extract import extract_facts
from drafter.check.extract.lexicon import WordExample, load_lexicon
from drafter.check.extract.scores import ShortfallLexicon
from drafter.llm.drafting import _lost_shortfalls, _shortfalls
from drafter.read import document_from_text

LEXICON = load_lexicon("shortfalls", ShortfallLexicon)


@pytest.mark.parametrize(
    ("word", "example"),
    [(ex.expect["reason"], ex) for group in LEXICON.reasons for ex in group.examples],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_shortfall_word_explains_the_deduction(word: str, example: WordExample) -> None:
    facts = extract_facts(document_from_text(example.text, "r.txt"))
    nodes = [n for root in facts.scores for n in root.walk() if n.deduction]
    assert nodes, f"{example.text!r}: no deducted indicator read"
    assert any(word in n.reason for n in nodes), [n.reason for n in nodes]
    # the same text without the word gives no reason: the word is what explains it
    bare = example.text.replace(word, "")
    plain = extract_facts(document_from_text(bare, "r.txt"))
    assert not any(n.reason for root in plain.scores for n in root.walk()), bare


def test_every_word_has_an_example() -> None:
    for group in LEXICON.reasons:
        for word in group.words:
            assert any(ex.expect.get("reason") == word and word in ex.text for ex in group.examples), word


@pytest.mark.parametrize(
    ("key", "example"),
    [(group.key, ex) for group in LEXICON.kept for ex in group.examples],
    ids=lambda v: v.text if isinstance(v, WordExample) else v,
)
def test_a_rewrite_must_keep_each_shortfall(key: str, example: WordExample) -> None:
    kept = sorted(example.expect["kept"])
    assert sorted(_shortfalls(example.text).elements()) == kept
    # a rewrite that drops them loses exactly these; one that keeps the text loses none
    assert _lost_shortfalls(example.text, "本节已润色。") == sorted(set(kept))
    assert _lost_shortfalls(example.text, example.text) == []


def test_every_kept_word_has_an_example() -> None:
    texts = [ex.text for group in LEXICON.kept for ex in group.examples]
    for group in LEXICON.kept:
        for word in group.words:
            assert any(word in text for text in texts), f"{group.key}: “{word}”"
