"""Every file in schemas/lexicon/ is a validated lexicon whose words all have examples, and each has
its example test: a wording added without an example, or a new lexicon file nobody tests, fails here."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel
from test_lexicon_names import NamesLexicon
from test_lexicon_tables import TablesLexicon

from drafter.check.extract._claimwords import ClaimsLexicon
from drafter.check.extract._figwords import FiguresLexicon
from drafter.check.extract.lexicon import ScoreLexicon, WordGroup, load_lexicon
from drafter.check.extract.markers import UnfinishedLexicon
from drafter.check.extract.quotas import QuotasLexicon
from drafter.check.extract.scores import ShortfallLexicon
from drafter.resources import resource_dir
from drafter.suggest._workwords import WorksLexicon

TESTS = Path(__file__).resolve().parent
#: each lexicon file, its model, and the test module that runs its examples through extraction
LEXICONS: dict[str, tuple[type[BaseModel], str]] = {
    "scores": (ScoreLexicon, "test_lexicon.py"),
    "figures": (FiguresLexicon, "test_lexicon_figures.py"),
    "claims": (ClaimsLexicon, "test_lexicon_figures.py"),
    "unfinished": (UnfinishedLexicon, "test_lexicon_figures.py"),
    "shortfalls": (ShortfallLexicon, "test_lexicon_shortfalls.py"),
    "tables": (TablesLexicon, "test_lexicon_tables.py"),
    "names": (NamesLexicon, "test_lexicon_names.py"),
    "works": (WorksLexicon, "test_lexicon_works.py"),
    "quotas": (QuotasLexicon, "test_lexicon_quotas.py"),
}


def test_every_lexicon_file_is_known() -> None:
    files = {p.stem for p in (resource_dir("schemas") / "lexicon").glob("*.yaml")}
    assert files == set(LEXICONS), "a lexicon file needs a model and an example test here"


@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_lexicon_is_valid_and_every_entry_has_examples(name: str) -> None:
    model, test_file = LEXICONS[name]
    lexicon = load_lexicon(name, model)
    assert (TESTS / test_file).is_file()
    for field in type(lexicon).model_fields:
        for entry in getattr(lexicon, field):
            assert entry.examples, f"{name}.{field}: {entry}"
            if isinstance(entry, WordGroup):
                assert entry.words
