"""The score wordings as data: ``schemas/lexicon/scores.yaml``, validated once into a frozen model.

The file holds words only (分值 / 得分 / 总分 / 等级 wordings, each with examples); the grammar
around them (numbers, "为/是/：", brackets) stays in :mod:`drafter.check.extract.scores`, which
compiles its regexes from these words once, at import. Adding a wording is one line in the file
plus its example, which ``tests/test_lexicon.py`` runs through extraction.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["Example", "GradeEntry", "ScoreLexicon", "WordEntry", "load_score_lexicon"]

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

    @model_validator(mode="after")
    def _unique_words(self) -> ScoreLexicon:
        for name in ("max", "score", "total", "grade"):
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


def lexicon_path() -> Path:
    from drafter.resources import resource_dir

    return resource_dir("schemas") / "lexicon" / "scores.yaml"


def load_score_lexicon(path: Path | None = None) -> ScoreLexicon:
    """Read and validate the lexicon (our own bundled file: an invalid one is a bug, so this raises)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load((path or lexicon_path()).read_text(encoding="utf-8"), Loader=loader)
    return ScoreLexicon.model_validate(raw)
