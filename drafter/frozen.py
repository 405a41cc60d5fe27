"""A faster ``__init__`` for frozen slotted dataclasses.

A frozen dataclass's generated ``__init__`` assigns every field through ``object.__setattr__``
(its own ``__setattr__`` refuses), which looks the attribute up on the type each time: about three
times the cost of a plain class's ``__init__``. :func:`fast_init` replaces that ``__init__`` with one
that calls each slot's own descriptor (``Cls.field.__set__``) directly — half the cost — and
changes nothing else: same signature and defaults, ``__post_init__`` still runs, assigning a field
afterwards still raises :class:`dataclasses.FrozenInstanceError`, and equality, hashing,
``replace`` and pickling are the dataclass's own.

It serves the frozen objects built once per report (:class:`~drafter.check.facts.Facts`,
:class:`~drafter.document.Document`, the check result). The records built by the hundred per
report (lines, sources, figures, claims …) are plain slotted dataclasses, immutable by contract,
because even this ``__init__`` costs twice a plain one (see :mod:`drafter.check.facts`).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

__all__ = ["fast_init"]

T = TypeVar("T")


def fast_init(cls: type[T]) -> type[T]:
    """Give a ``@dataclass(frozen=True, slots=True)`` class the faster ``__init__`` (see module doc).

    Put it above the ``@dataclass`` line. Fields may have defaults, default factories and be
    keyword-only or ``init=False`` (set from their default); ``InitVar`` pseudo-fields are not
    supported (no class here has one)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"fast_init needs a frozen slotted dataclass, not {cls.__name__}")
    fields = dataclasses.fields(cls)
    pseudo = cls.__dataclass_fields__.keys() - {f.name for f in fields}  # type: ignore[attr-defined]
    if any("InitVar" in str(cls.__dataclass_fields__[n].type) for n in pseudo):  # type: ignore[attr-defined]
        raise TypeError(f"fast_init does not support InitVar fields ({cls.__name__})")
    clash = {f.name for f in fields if f.name == "self" or f.name.startswith("_fi_")}
    if clash:
        raise TypeError(f"fast_init: field names {sorted(clash)} clash with its own names")
    names: dict[str, Any] = {"_fi_MISSING": dataclasses.MISSING}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for i, f in enumerate(fields):
        setter = f"_fi_set{i}"
        names[setter] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        has_factory = f.default_factory is not dataclasses.MISSING
        if f.default is not dataclasses.MISSING:
            names[f"_fi_default{i}"] = f.default
        if has_factory:
            names[f"_fi_factory{i}"] = f.default_factory
        if not f.init:
            value = f"_fi_factory{i}()" if has_factory else f"_fi_default{i}"
        elif has_factory:
            param = f"{f.name}=_fi_MISSING"
            value = f"_fi_factory{i}() if {f.name} is _fi_MISSING else {f.name}"
        else:
            param = f"{f.name}=_fi_default{i}" if f"_fi_default{i}" in names else f.name
            value = f.name
        if f.init:
            (keyword if f.kw_only else positional).append(param)
        body.append(f"    {setter}(self, {value})")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    signature = ", ".join(["self", *positional, *(["*", *keyword] if keyword else [])])
    source = f"def __init__({signature}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, names)  # the source is built from the class's own field names
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls
