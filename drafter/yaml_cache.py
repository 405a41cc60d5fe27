"""drafter's own YAML files (the lexicons, the figure registry) parsed once and kept between runs of
the command, as Python keeps compiled modules.

A cold ``drafter check`` reads seven of them; PyYAML's C parser is quick, but its safe loader
builds every value in Python (resolving each scalar's type with regular expressions), which was a
tenth of the run, every run, for files that change only with drafter itself. :func:`read_yaml`
parses a file as before; while :func:`yaml_cache` is active, a text parsed in an earlier run is
taken from the user's cache folder (``yaml/``, one ``marshal`` file) instead, and yaml is not even
imported. The text itself is the key, so an edited or upgraded file is parsed afresh; what is
stored is exactly what the loader returned (dicts, lists, strings, numbers, booleans, None — a
file that parses into anything else is not stored), an unreadable cache file is ignored, and
nothing is cached while no block is active. Only the command line uses it (``drafter.cli.main``).
"""

from __future__ import annotations

import contextlib
import marshal
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from drafter.marshal_file import load_dict, save_dict

__all__ = ["cache_file", "read_yaml", "yaml_cache"]

#: past this many entries a save keeps only the texts of the run that saves (old versions of the
#: files would otherwise pile up)
MAX_ENTRIES = 64


class _Store:
    """The cache file's entries: each text with its parsed data in marshal's format, decoded on
    use, so that every read gets data of its own, as from the loader."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.blobs: dict[str, bytes] | None = None  # read on first use: `drafter -h` reads no YAML
        self.used: set[str] = set()
        self.new: dict[str, bytes] = {}

    def get(self, text: str) -> tuple[bool, Any]:
        if self.blobs is None:
            self.blobs = load_dict(self.file)
        blob = self.blobs.get(text)
        if type(blob) is bytes:
            with contextlib.suppress(ValueError, EOFError, TypeError):
                data = marshal.loads(blob)
                self.used.add(text)
                return True, data
        return False, None

    def put(self, text: str, data: Any) -> None:
        try:
            blob = marshal.dumps(data)  # only plain data: what marshal stores, it gives back equal
        except ValueError:
            return
        self.new[text] = blob
        self.used.add(text)

    def save(self) -> None:
        if not self.new:
            return
        merged = {**(self.blobs or {}), **self.new}
        if len(merged) > MAX_ENTRIES:
            merged = {text: merged[text] for text in self.used if text in merged}
        save_dict(self.file, merged)


_active: ContextVar[_Store | None] = ContextVar("drafter_yaml_cache", default=None)


def cache_file() -> Path:
    from drafter.userdirs import cache_dir

    return cache_dir() / "yaml" / f"parsed-{marshal.version}.marshal"


def read_yaml(path: Path) -> Any:
    """The parsed YAML file ``path`` (one of drafter's own: the C safe loader, no limits), from the
    cache while :func:`yaml_cache` is active."""
    text = path.read_text(encoding="utf-8")
    store = _active.get()
    if store is not None:
        found, data = store.get(text)
        if found:
            return data
    import yaml  # on first use only

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    if store is not None:
        store.put(text, data)
    return data


@contextlib.contextmanager
def yaml_cache(path: Path | None = None) -> Iterator[None]:
    """While active (in this thread), :func:`read_yaml` takes a text parsed in an earlier run from
    the cache file, and new texts are added to it when the block ends. A nested block uses the
    outer one's store."""
    if _active.get() is not None:
        yield
        return
    try:
        file = path or cache_file()
    except Exception:  # no home folder to find: run without the cache
        yield
        return
    store = _Store(file)
    token = _active.set(store)
    try:
        yield
    finally:
        _active.reset(token)
        store.save()
