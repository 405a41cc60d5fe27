"""Compiled regular expressions kept between runs of the command, as Python keeps compiled modules.

drafter's checker has a few hundred patterns, most with classes or alternations of Chinese
characters. CPython's ``re`` compiles such a class by building, in Python code, a map of the whole
Basic Multilingual Plane, so compiling them was a fifth of a cold ``drafter check`` (350 of 1,660
million instructions), every run. What compiling gives is plain data (the engine's code as
integers, the group count and names) that depends only on the pattern, its flags and the Python
build; :func:`pattern_cache` keeps it in the user's cache folder (``patterns/``, one file per Python
build) and, while it is active, ``re`` builds a pattern it has seen before straight from that data.

``re`` still does all the work and the caching is invisible: the compiled code stored is exactly
what ``re`` produced (it is taken from the call that builds the pattern object), the file name
carries the Python version and the regex engine's magic number, an unreadable or foreign file is
ignored, and a Python whose ``re`` internals look different gets no cache at all. Only the command
line uses it (``drafter.cli.main``); the library changes nothing global.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from drafter.marshal_file import load_dict, save_dict

__all__ = ["cache_file", "pattern_cache"]

#: past this many entries a save keeps only the patterns of the run that saves (patterns made from
#: a report's own words would otherwise pile up)
MAX_ENTRIES = 4000

_Args = tuple[Any, ...]  # (flags, code, groups, groupindex, indexgroup) as re passes them on
_lock = threading.Lock()


def cache_file() -> Path:
    import _sre

    from drafter.userdirs import cache_dir

    tag = sys.implementation.cache_tag or "python"
    return cache_dir() / "patterns" / f"{tag}-{sys.hexversion:x}-{_sre.MAGIC}.marshal"


class _Recorder:
    """Stands for ``_sre`` inside ``re._compiler``: passes everything on, and remembers the last
    arguments of ``compile`` (per thread) so that they can be stored."""

    def __init__(self, sre: Any) -> None:
        self._sre = sre
        self._last = threading.local()

    def compile(self, pattern: Any, *args: Any) -> Any:
        self._last.args = args
        return self._sre.compile(pattern, *args)

    def take(self) -> _Args | None:
        args = getattr(self._last, "args", None)
        self._last.args = None
        return args

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sre, name)


def _plain(args: _Args) -> _Args | None:
    """``args`` as marshal can store them (re's code holds int subclasses), or None."""
    try:
        flags, code, groups, groupindex, indexgroup = args
        return (int(flags), [int(c) for c in code], int(groups), dict(groupindex), tuple(indexgroup))
    except (TypeError, ValueError):
        return None


@contextlib.contextmanager
def pattern_cache(path: Path | None = None) -> Iterator[None]:
    """While active, patterns ``re`` compiled in an earlier run are built from the cache file,
    and new ones are added to it when the block ends. Does nothing where ``re`` is not laid out
    as in the CPython versions we know (3.11 and later), or when another cache is active."""
    try:
        import re._compiler as compiler
    except ImportError:  # Python 3.10: re is laid out otherwise (sre_compile); run without the cache
        yield
        return

    sre = getattr(compiler, "_sre", None)
    original = getattr(compiler, "compile", None)
    if sre is None or original is None or isinstance(sre, _Recorder) or not _lock.acquire(blocking=False):
        yield
        return
    try:
        file = path or cache_file()
    except Exception:  # no home folder to find: run without the cache
        _lock.release()
        yield
        return
    codes = load_dict(file)
    used: set[tuple[str, int]] = set()
    new: dict[tuple[str, int], _Args] = {}
    recorder = _Recorder(sre)
    build = sre.compile

    def compile(p: Any, flags: int = 0) -> Any:
        if type(p) is not str or flags & 128:  # bytes, parsed patterns, re.DEBUG: as usual
            return original(p, flags)
        key = (p, int(flags))
        args = codes.get(key)
        if args is not None:
            try:
                pattern = build(p, *args)
            except Exception:  # a damaged entry: compile it afresh below
                pass
            else:
                used.add(key)
                return pattern
        recorder.take()
        pattern = original(p, flags)
        args = recorder.take()
        plain = _plain(args) if args is not None else None
        if plain is not None:
            new[key] = plain
            used.add(key)
        return pattern

    compiler._sre = recorder
    compiler.compile = compile
    try:
        yield
    finally:
        compiler.compile = original
        compiler._sre = sre
        _lock.release()
        if new:
            merged = {**codes, **new}
            if len(merged) > MAX_ENTRIES:
                merged = {key: merged[key] for key in used if key in merged}
            save_dict(file, merged)
