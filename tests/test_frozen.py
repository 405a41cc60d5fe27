"""fast_init: the faster __init__ of the frozen slotted dataclasses behaves as the dataclass's own."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle

import pytest

from drafter import document
from drafter.check import facts
from drafter.frozen import fast_init


@fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Sample:
    a: int
    b: str = "x"
    c: tuple[int, ...] = ()
    d: list[int] = dataclasses.field(default_factory=list)
    e: int = dataclasses.field(default=7, init=False)
    f: int = dataclasses.field(default=0, kw_only=True)

    def __post_init__(self) -> None:
        if self.a < 0:
            raise ValueError("negative")


@dataclasses.dataclass(frozen=True, slots=True)
class _Plain:  # the same fields with the dataclass's own __init__
    a: int
    b: str = "x"
    c: tuple[int, ...] = ()
    d: list[int] = dataclasses.field(default_factory=list)
    e: int = dataclasses.field(default=7, init=False)
    f: int = dataclasses.field(default=0, kw_only=True)


def _values(obj: object) -> tuple[object, ...]:
    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((1,), {}), ((1, "y"), {}), ((1, "y", (2,), [3]), {"f": 4}), ((), {"a": 2, "d": [5], "b": "z"})],
)
def test_same_values_as_the_dataclass_init(args: tuple, kwargs: dict) -> None:
    assert _values(_Sample(*args, **kwargs)) == _values(_Plain(*args, **kwargs))


def test_same_signature_and_errors() -> None:
    ours = inspect.signature(_Sample.__init__).parameters
    theirs = inspect.signature(_Plain.__init__).parameters
    assert [(p.name, p.kind) for p in ours.values()] == [(p.name, p.kind) for p in theirs.values()]
    for name in ("a", "b", "c", "f"):
        assert ours[name].default == theirs[name].default
    with pytest.raises(TypeError):
        _Sample()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Sample(1, "y", (), [], 5)  # type: ignore[misc]  # f is keyword-only
    with pytest.raises(TypeError):
        _Sample(1, e=3)  # type: ignore[call-arg]  # e is not an argument
    with pytest.raises(ValueError, match="negative"):
        _Sample(-1)  # __post_init__ runs


def test_default_factory_gives_a_new_object_each_time() -> None:
    assert _Sample(1).d is not _Sample(1).d


def test_still_frozen_hashable_replaceable_and_picklable() -> None:
    s = _Sample(1, "y", (2,), f=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.a = 2  # type: ignore[misc]
    assert s == _Sample(1, "y", (2,), f=3)
    assert dataclasses.replace(s, b="z") == _Sample(1, "z", (2,), f=3)
    assert pickle.loads(pickle.dumps(s)) == s
    assert copy.deepcopy(s) == s


def test_refuses_what_it_cannot_do() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        a: int

    for cls in (NoSlots, NotFrozen):
        with pytest.raises(TypeError):
            fast_init(cls)


def test_the_once_per_report_objects_use_it() -> None:
    assert facts.CheckContext().tolerances == facts.Tolerances()
    for cls in (facts.Facts, facts.CheckContext, facts.Tolerances, document.Document):
        assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert cls.__init__.__module__ == cls.__module__
        assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
        assert "_fi_set0" in cls.__init__.__globals__  # fast_init's, not the dataclass's
