"""The works lexicon (schemas/lexicon/works.yaml): every word, in its example, decides whether a
work stated in words (no percent) is finished or not, as drafter suggest reads it."""

from __future__ import annotations

import pytest

from drafter.check.extract.lexicon import WordExample, load_lexicon
from drafter.suggest._workwords import WorksLexicon
from drafter.suggest.context import Work

LEXICON = load_lexicon("works", WorksLexicon)
EXAMPLES = [(g.key, ex) for g in (*LEXICON.finished, *LEXICON.unfinished) for ex in g.examples]


@pytest.mark.parametrize(("key", "example"), EXAMPLES, ids=lambda v: v if isinstance(v, str) else None)
def test_example_reads_as_its_group(key: str, example: WordExample) -> None:
    work = Work(name="工程", text=example.text)
    assert work.finished is bool(example.expect.get("finished")), example.text
    assert work.unfinished is bool(example.expect.get("unfinished")), example.text


def test_every_word_has_an_example() -> None:
    for group in (*LEXICON.finished, *LEXICON.unfinished):
        for word in group.words:
            assert any(word in ex.text for ex in group.examples), word


def test_a_percent_decides_over_the_words() -> None:
    assert Work(name="工程", percent="100", text="在建").finished
    assert Work(name="工程", percent="65", text="已完工").unfinished
