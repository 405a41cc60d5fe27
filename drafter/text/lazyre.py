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
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, cast

__all__ = ["LazyPattern", "lazy_compile"]

#: the compiled pattern's methods: until first use, each slot holds a call that compiles first
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


def _first_use(lazy: LazyPattern, name: str, /, *args: Any, **kwargs: Any) -> Any:
    return getattr(lazy.compiled(), name)(*args, **kwargs)


class LazyPattern:
    """``re.compile(pattern, flags)``, done on first use (see the module docstring).

    No ``__getattr__``: a class with one makes every attribute read take the slow path (about 300
    instructions more per pattern call, and a check makes some 200 such calls). Each method slot
    holds, until the first call, a call that compiles the pattern and binds all of them."""

    __slots__ = ("_args", "_compiled", *_METHODS)

    def __init__(self, pattern: str | Callable[[], str], flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None
        for name in _METHODS:
            setattr(self, name, partial(_first_use, self, name))

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self._compiled
        if compiled is None:
            pattern, flags = self._args
            compiled = re.compile(pattern if isinstance(pattern, str) else pattern(), flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return compiled

    @property
    def pattern(self) -> str:
        return self.compiled().pattern

    @property
    def flags(self) -> int:
        return self.compiled().flags

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled().groupindex

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
