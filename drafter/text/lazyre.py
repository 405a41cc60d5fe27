"""Regular expressions compiled on first use, for module constants that many runs never use.

Compiling a pattern with classes of Chinese characters takes Python's ``re`` a fraction of a
millisecond (it builds a map of the whole Basic Multilingual Plane), and drafter has a few hundred
module-level patterns, so compiling them all at import was tens of milliseconds of every cold
``drafter check``, although one report uses about half of them. ``lazy_compile(p)`` stands where
``re.compile(p)`` stood and compiles on the first call; after that its methods are the compiled
pattern's own bound methods, stored on the object, so a call costs what it cost before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

__all__ = ["LazyPattern", "lazy_compile"]

#: what a compiled pattern offers, bound onto the LazyPattern at first use
_ATTRIBUTES = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """``re.compile(pattern, flags)``, done on first use (see the module docstring)."""

    __slots__ = ("_args", *_ATTRIBUTES)

    def __init__(self, pattern: str | Callable[[], str], flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # called only while an attribute is missing, i.e. once, on first use
        if name.startswith("__") or name == "_args":
            raise AttributeError(name)
        pattern, flags = self._args
        compiled = re.compile(pattern if isinstance(pattern, str) else pattern(), flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[type[LazyPattern], tuple[str | Callable[[], str], int]]:
        return LazyPattern, self._args

    def __repr__(self) -> str:
        return f"lazy_compile({self._args[0]!r})"


def lazy_compile(pattern: str | Callable[[], str], flags: int = 0) -> re.Pattern[str]:
    """A pattern that behaves as ``re.compile(pattern, flags)`` (search, match, finditer, sub …)
    but compiles on first use. It is no ``re.Pattern`` instance: pass it to no ``re.*`` function.
    ``pattern`` may be a function that writes it, called then: a pattern built from the words of a
    lexicon file reads the file only when it is first used."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
