"""Wordings as data: ``schemas/lexicon/<name>.yaml``, each validated once into a frozen model.

The score wordings (``scores.yaml``) have their own model below; the figure, claim and
unfinished-text wordings (``figures.yaml``, ``claims.yaml``, ``unfinished.yaml``) are groups of
words (:class:`WordGroup`) with examples, read by :func:`load_lexicon` into the model their
extractor defines.

The file holds words only (分值 / 得分 / 总分 / 等级 wordings, each with examples); the grammar
around them (numbers, "为/是/：", brackets) stays in :mod:`drafter.check.extract.scores`, which
compiles its regexes from these words once, at import. Adding a wording is one line in the file
plus its example, which ``tests/test_lexicon.py`` runs through extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from drafter.text.lexicons import alternation, lexicon_data

__all__ = [
    "Example",
    "GradeEntry",
    "LexiconModel",
    "ScoreLexicon",
    "WordEntry",
    "WordExample",
    "WordGroup",
    "alternation",
    "load_lexicon",
    "load_score_lexicon",
]

_GRADES = ("优", "良", "中", "差")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Frozen):
    """A sentence with the wording and what extraction must read from it."""

    text: str = Field(min_length=1)
    score: Decimal | None = None
    max: Decimal | None = None
    total: bool = False
    grade: str | None = None


class WordEntry(_Frozen):
    word: str = Field(min_length=1, max_length=12)
    #: the number may stand without 分 after this word ("自评得分：8")
    unit_optional: bool = False
    examples: tuple[Example, ...] = Field(min_length=1)


class GradeEntry(_Frozen):
    word: str = Field(min_length=1, max_length=4)
    grade: str
    examples: tuple[Example, ...] = Field(min_length=1)

    @field_validator("grade")
    @classmethod
    def _known_grade(cls, value: str) -> str:
        if value not in _GRADES:
            raise ValueError(f"等级须为 {'/'.join(_GRADES)} 之一，而不是“{value}”")
        return value


class ScoreLexicon(_Frozen):
    max: tuple[WordEntry, ...] = Field(min_length=1)
    score: tuple[WordEntry, ...] = Field(min_length=1)
    total: tuple[WordEntry, ...] = Field(min_length=1)
    grade: tuple[GradeEntry, ...] = Field(min_length=1)
    #: the words that introduce a grade ("评价等级为优", "评为一等"); alone in a form cell, the
    #: grade stands in the next cell
    grade_cue: tuple[WordEntry, ...] = ()
    #: a form cell whose next cell is the self total ("自评分值 | 100")
    form_total: tuple[WordEntry, ...] = ()
    #: a word that makes the number right after it a score without 分 ("总分 100"; drafter.text.numbers)
    number_cue: tuple[WordEntry, ...] = ()
    #: a full mark stated in words under an indicator whose maximum is stated ("得满分", "不扣分")
    full_marks: tuple[WordEntry, ...] = ()

    @model_validator(mode="after")
    def _unique_words(self) -> ScoreLexicon:
        for name in ("max", "score", "total", "grade", "grade_cue", "form_total", "number_cue", "full_marks"):
            words = [e.word for e in getattr(self, name)]
            dup = {w for w in words if words.count(w) > 1}
            if dup:
                raise ValueError(f"{name} 中重复的词：{'、'.join(sorted(dup))}")
        return self

    def words(self, group: str) -> tuple[str, ...]:
        """The words of ``group``, longest first (so a regex alternation prefers 自评得分 to 得分)."""
        return tuple(sorted((e.word for e in getattr(self, group)), key=len, reverse=True))

    def unit_optional(self) -> tuple[str, ...]:
        return tuple(sorted((e.word for e in self.score if e.unit_optional), key=len, reverse=True))

    def grade_map(self) -> dict[str, str]:
        return {e.word: e.grade for e in self.grade}


def lexicon_path(name: str = "scores") -> Path:
    from drafter.resources import resource_dir

    return resource_dir("schemas") / "lexicon" / f"{name}.yaml"


def _read(path: Path) -> Any:
    from drafter.yaml_cache import read_yaml  # yaml only when an extractor module is first imported

    return read_yaml(path)


def load_score_lexicon(path: Path | None = None) -> ScoreLexicon:
    """Read and validate the lexicon (our own bundled file: an invalid one is a bug, so this raises)."""
    return ScoreLexicon.model_validate(_read(path) if path is not None else lexicon_data("scores"))


# --- word groups: the figure, claim and unfinished-text lexicons ----------------------------------

#: the base of a lexicon file's model: frozen, a misspelt field is an error, not silence
LexiconModel = _Frozen


class WordExample(_Frozen):
    """A sentence a wording is meant for, and what extraction must read from it. ``expect`` is
    free-form per lexicon (figure keys → values, claims, placeholders …); the lexicon's test knows
    how to compare it ("未全部按期完成" expects no completion claim)."""

    text: str = Field(min_length=1)
    expect: dict[str, Any] = Field(default_factory=dict)


class WordGroup(_Frozen):
    """Words that mean one thing (``key``), with examples that exercise them."""

    key: str = Field(min_length=1)
    words: tuple[str, ...] = Field(min_length=1)
    examples: tuple[WordExample, ...] = Field(min_length=1)
    note: str = ""


M = TypeVar("M", bound=BaseModel)


@cache
def load_lexicon(name: str, model: type[M]) -> M:
    """``schemas/lexicon/<name>.yaml`` validated into ``model`` (read once per process; a broken
    bundled lexicon is our bug: pydantic's ValidationError names the field)."""
    return model.model_validate(lexicon_data(name))


def gates(words: Iterable[str]) -> tuple[str, ...]:
    """The fewest of ``words`` that every word holds one of (得 covers 自评得分, 共 covers 共计):
    a text that holds none of them holds none of ``words``. Tested with ``in``, which scans in C
    several times faster than a regex alternation of the same words does."""
    unique = set(words)
    return tuple(sorted(w for w in unique if not any(o != w and o in w for o in unique)))


def holds_any(text: str, gate: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``gate`` (see :func:`gates`): for a gate of one to three
    words; a longer one is cheaper as :func:`gate_pattern`."""
    for word in gate:  # noqa: SIM110 - a loop: no generator per line
        if word in text:
            return True
    return False


def gate_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds one of :func:`gates` of ``words`` (``search`` is not None exactly
    when :func:`holds_any` is true). Each ``in`` test of a word of two or more characters costs
    a fifth of a microsecond on a line of prose, so a gate of ten words that a line does not
    hold cost two; one regex scan of the alternation costs a third of one (``re`` skips in C
    to the words' first characters)."""
    return re.compile("|".join(re.escape(w) for w in gates(words)))
