"""The indicator-name lexicon (schemas/lexicon/names.yaml): every example normalises as it says, and
the file is a valid word-group lexicon."""

from __future__ import annotations

import pytest

from drafter.check.extract.lexicon import LexiconModel, WordExample, WordGroup, load_lexicon
from drafter.text.names import bare_name, name_key, name_suffixes


class NamesLexicon(LexiconModel):
    suffixes: tuple[WordGroup, ...]


LEXICON = load_lexicon("names", NamesLexicon)


@pytest.mark.parametrize(
    "example",
    [ex for group in LEXICON.suffixes for ex in group.examples],
    ids=lambda ex: ex.text,
)
def test_name_is_normalised_as_its_example_says(example: WordExample) -> None:
    assert name_key(example.text) == example.expect["key"]


def test_every_suffix_word_has_an_example_and_is_loaded() -> None:
    words = {w for group in LEXICON.suffixes for w in group.words}
    assert set(name_suffixes()) == words
    texts = [ex.text for group in LEXICON.suffixes for ex in group.examples]
    for word in words:
        assert any(t.endswith(word) and name_key(t) != t for t in texts), f"“{word}” has no example"


def test_the_same_indicator_written_four_ways_has_one_key() -> None:
    assert len({name_key(n) for n in ("“资金管理”指标", "资金管理情况", "资金管理 ", "资金管理。")}) == 1


def test_bare_name_drops_only_the_end_words() -> None:
    assert bare_name("预算执行情况") == "预算执行"
    assert bare_name("产出指标方面") == "产出"
    assert bare_name("“资金管理”指标") == "“资金管理”"
    assert bare_name("情况") == "情况"
