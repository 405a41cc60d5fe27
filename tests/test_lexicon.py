"""The score lexicon (schemas/lexicon/scores.yaml): every entry's examples read as they say, and a
malformed lexicon is refused with the offending field named."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from drafter.check.extract import extract_facts
from drafter.check.extract._common import TextLine
from drafter.check.extract.lexicon import Example, load_score_lexicon
from drafter.check.extract.scores import find_statements
from drafter.document import Line
from drafter.read import document_from_text
from drafter.text.numbers import find_quantities, normalize

LEXICON = load_score_lexicon()


def _cases(groups: tuple[str, ...]) -> list[tuple[str, str, Example]]:
    return [
        (group, entry.word, ex)
        for group in groups
        for entry in getattr(LEXICON, group)
        for ex in entry.examples
    ]


def _line(text: str) -> TextLine:
    return TextLine(Line(1, text, text), text, normalize(text), 1)


@pytest.mark.parametrize(
    ("group", "word", "example"),
    _cases(("max", "score", "total")),
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_score_wording_reads_as_its_example_says(group: str, word: str, example: Example) -> None:
    assert word in example.text, f"the example of “{word}” does not use it"
    found = find_statements(_line(example.text))
    read = [(s.value, s.max, s.is_total) for s in found]
    expected_max = example.max
    hit = [
        s
        for s in found
        if s.value == example.score
        and (s.max if s.max is not None else (s.value + s.lost if s.lost is not None else None))
        == expected_max
        and s.is_total == example.total
    ]
    assert hit, f"{example.text!r}: read {read}"


@pytest.mark.parametrize(
    ("group", "word", "example"),
    _cases(("grade", "grade_cue")),
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_grade_wording_reads_as_its_example_says(group: str, word: str, example: Example) -> None:
    assert word in example.text
    facts = extract_facts(document_from_text(example.text, "g.txt"))
    assert [g.grade for g in facts.grades] == [example.grade]


@pytest.mark.parametrize(
    ("group", "word", "example"), _cases(("form_total",)), ids=lambda v: v if isinstance(v, str) else None
)
def test_form_label_reads_the_total_in_the_next_cell(group: str, word: str, example: Example) -> None:
    assert word in example.text
    facts = extract_facts(document_from_text(example.text, "f.txt"))
    assert facts.total is not None and facts.total.value == example.score


@pytest.mark.parametrize(
    ("group", "word", "example"), _cases(("number_cue",)), ids=lambda v: v if isinstance(v, str) else None
)
def test_a_number_after_a_score_word_is_a_score(group: str, word: str, example: Example) -> None:
    assert word in example.text
    found = [(q.value, q.kind) for q in find_quantities(example.text)]
    assert (example.score, "score") in found, found
    # the word is what makes it one: without it the number is plain
    bare = [(q.value, q.kind) for q in find_quantities(example.text.replace(word, "，"))]
    assert (example.score, "score") not in bare, bare


@pytest.mark.parametrize(
    ("group", "word", "example"), _cases(("full_marks",)), ids=lambda v: v if isinstance(v, str) else None
)
def test_a_full_mark_in_words_scores_the_stated_maximum(group: str, word: str, example: Example) -> None:
    assert word in example.text
    text = f"二、评价情况\n{example.text}\n"
    (node,) = extract_facts(document_from_text(text, "f.txt")).scores
    assert (node.max, node.score) == (example.max, example.score)
    # a negation before the word makes it none: the maximum stays without a score
    negated = (
        text.replace(word, "未" + word) if not word.startswith(("不", "未")) else text.replace(word, "有扣分")
    )
    (node,) = extract_facts(document_from_text(negated, "f.txt")).scores or (None,)
    assert node is None or node.score is None


def test_words_are_longest_first_and_cover_every_entry() -> None:
    words = LEXICON.words("score")
    assert sorted(words, key=len, reverse=True) == list(words)
    assert set(words) == {e.word for e in LEXICON.score}


def test_a_malformed_lexicon_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "scores.yaml"
    bad.write_text(
        "max: [{word: 满分, examples: []}]\nscore: []\ntotal: []\ngrade: [{word: 甲, grade: 甲, examples: []}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as err:
        load_score_lexicon(bad)
    text = str(err.value)
    assert "max.0.examples" in text and "grade.0.grade" in text


def test_duplicate_words_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "scores.yaml"
    entry = '{word: 满分, examples: [{text: "满分5分，得5分", max: 5, score: 5}]}'
    bad.write_text(
        f"max: [{entry}, {entry}]\nscore: [{entry}]\ntotal: [{entry}]\n"
        'grade: [{word: 优, grade: 优, examples: [{text: "等级为优", grade: 优}]}]\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="重复的词：满分"):
        load_score_lexicon(bad)


def test_stated_grade_bands_are_read() -> None:
    text = (
        "评分标准：90分（含）以上为优，80-89分为良，60-79分为中，60分以下为差。\n"
        "经自评，综合评分为86分，评价等级为“良”。\n"
    )
    facts = extract_facts(document_from_text(text, "g.txt"))
    assert facts.grade_bands == (
        ("优", Decimal(90)),
        ("良", Decimal(80)),
        ("中", Decimal(60)),
        ("差", Decimal(0)),
    )
    assert [g.grade for g in facts.grades] == ["良"]
    assert facts.total is not None and facts.total.value == Decimal(86)
