"""Code that dataclasses and typing compile at run time, kept between runs of the command, as Python
keeps a module's compiled code in ``__pycache__``.

``dataclasses`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__`` and ``__delattr__`` as Python source and compiles it with ``exec`` when the class is
made (:func:`drafter.frozen.fast_init` does the same for its ``__init__``), and ``typing`` compiles
every string annotation it evaluates (pydantic and typer evaluate ours, which are strings under
``from __future__ import annotations``). A cold ``drafter check`` makes about a hundred such classes
and evaluates some five hundred annotations: compiling that source was a quarter of its instructions
(300 of 1,240 million), every run, for code that depends only on the source text and the Python
build. :func:`code_cache` keeps the compiled code objects in the user's cache folder (``code/``, one
file per Python build, in the format of ``marshal``, which is the format of ``.pyc`` files) and,
while it is active, those three modules get a cached code object instead of compiling the source
again.

Nothing else changes: the code stored is what ``compile`` made of the same source with the same
file name and mode, it runs with the globals and locals the caller gives, the file name carries the
Python version and optimisation level, an unreadable file is ignored, and the modules' own names are
restored when the block ends. Only the command line uses it (``drafter.cli.main``); the library
changes nothing global.
"""

from __future__ import annotations

import builtins
import contextlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from drafter.marshal_file import load_dict, save_dict

__all__ = ["cache_file", "code_cache"]

#: past this many entries a save keeps only the code of the run that saves
MAX_ENTRIES = 4000

_Key = tuple[str, str, str]  # (source, file name, mode) as given to compile
_lock = threading.Lock()


def cache_file() -> Path:
    from drafter.userdirs import cache_dir

    tag = sys.implementation.cache_tag or "python"
    return cache_dir() / "code" / f"{tag}-{sys.hexversion:x}-O{sys.flags.optimize}.marshal"


def _targets() -> tuple[tuple[ModuleType, str], ...]:
    """The modules that compile source at run time, and the builtin each of them calls for it."""
    import dataclasses
    import inspect
    import typing

    from drafter import frozen

    return ((dataclasses, "exec"), (frozen, "exec"), (typing, "compile"), (inspect, "eval"))


@contextlib.contextmanager
def code_cache(path: Path | None = None) -> Iterator[None]:
    """While active, source that ``dataclasses``, ``typing`` and :mod:`drafter.frozen` compiled in an
    earlier run is not compiled again, and new code is added to the cache file when the block ends.
    Stands aside when another cache is active or a module already has a name of its own there."""
    targets = _targets()
    if any(name in vars(module) for module, name in targets) or not _lock.acquire(blocking=False):
        yield
        return
    try:
        file = path or cache_file()
    except Exception:  # no home folder to find: run without the cache
        _lock.release()
        yield
        return
    codes = load_dict(file)
    used: set[_Key] = set()
    new: dict[_Key, CodeType] = {}

    def cached_compile(
        source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False, optimize: int = -1
    ) -> Any:
        if type(source) is not str or type(filename) is not str or flags or optimize != -1:
            return builtins.compile(source, filename, mode, flags, dont_inherit, optimize)
        key = (source, filename, mode)
        code = codes.get(key)
        if type(code) is not CodeType:
            # the callers' modules have no ``from __future__`` imports: inherit none from this one
            code = builtins.compile(source, filename, mode, 0, True)
            new[key] = code
        used.add(key)
        return code

    def cached_exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
        if globals is None:  # exec without a namespace runs in its caller's (no caller here does)
            caller = sys._getframe(1)
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if type(source) is str:
            source = cached_compile(source, "<string>", "exec")
        builtins.exec(source, globals, locals)

    def cached_eval(source: Any, globals: Any = None, locals: Any = None, /) -> Any:
        if globals is None:  # eval without a namespace runs in its caller's (no caller here does)
            caller = sys._getframe(1)
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if type(source) is str:  # eval, unlike compile, skips leading blanks
            source = cached_compile(source.lstrip(" \t"), "<string>", "eval")
        return builtins.eval(source, globals, locals)

    replacements = {"exec": cached_exec, "compile": cached_compile, "eval": cached_eval}
    for module, name in targets:
        setattr(module, name, replacements[name])
    try:
        yield
    finally:
        for module, name in targets:
            with contextlib.suppress(AttributeError):
                delattr(module, name)
        _lock.release()
        if new:
            merged = {**codes, **new}
            if len(merged) > MAX_ENTRIES:
                merged = {key: merged[key] for key in used if key in merged}
            save_dict(file, merged)
