"""The words that say whether a work is finished (``schemas/lexicon/works.yaml``), for :class:`Work`."""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict

from drafter.check.extract.lexicon import WordGroup, alternation, load_lexicon

__all__ = ["WorksLexicon", "finished_words", "unfinished_words"]


class WorksLexicon(BaseModel):
    """``schemas/lexicon/works.yaml``: 已完工/已竣工 … and 未完工/在建 …"""

    model_config = ConfigDict(extra="forbid", frozen=True)

    finished: tuple[WordGroup, ...]
    unfinished: tuple[WordGroup, ...]


@cache
def _compiled() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lexicon = load_lexicon("works", WorksLexicon)
    return (
        re.compile(alternation(w for g in lexicon.finished for w in g.words)),
        re.compile(alternation(w for g in lexicon.unfinished for w in g.words)),
    )


def finished_words() -> re.Pattern[str]:
    """Any word saying a work is finished (read on first use)."""
    return _compiled()[0]


def unfinished_words() -> re.Pattern[str]:
    """Any word saying a work is not finished."""
    return _compiled()[1]
