"""The words of ``schemas/lexicon/<name>.yaml`` for modules below the checker (readers, text helpers).

The checker validates its lexicons into frozen models (:mod:`drafter.check.extract.lexicon`); the
.xlsx reader and the name normaliser sit below it and need only the words, so they read them here:
the file once per process with the C YAML loader, no models. The files are ours and the lexicon
tests validate every one of them, so a malformed file is a bug, not a user error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

__all__ = ["alternation", "lexicon_data", "word_groups"]


@cache
def lexicon_data(name: str) -> Any:
    """The parsed ``schemas/lexicon/<name>.yaml``."""
    from drafter.resources import resource_dir
    from drafter.yaml_cache import read_yaml  # yaml on first use only

    return read_yaml(resource_dir("schemas") / "lexicon" / f"{name}.yaml")


@cache
def word_groups(name: str, section: str) -> dict[str, tuple[str, ...]]:
    """``{key: words}`` of a word-group section (``[{key, words, examples}, …]``); a key that
    stands twice has the words of both."""
    out: dict[str, tuple[str, ...]] = {}
    for group in lexicon_data(name)[section]:
        out[group["key"]] = out.get(group["key"], ()) + tuple(group["words"])
    return out


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex alternation of ``words`` (escaped), longest first, duplicates dropped:
    a search names what it finds by the fullest word ("上年结转资金", not "上年结转")."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in unique) + ")"
