"""``lazy_compile`` behaves as ``re.compile`` and compiles only when first used."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from drafter.text.lazyre import LazyPattern, lazy_compile

TEXT = "预算编制，指标总分8，自评8分；预算执行，自评7.5分"
PATTERN = r"自评(\d+(?:\.\d+)?)分"


def test_same_results_as_a_compiled_pattern() -> None:
    lazy, eager = lazy_compile(PATTERN), re.compile(PATTERN)
    assert lazy.search(TEXT).span() == eager.search(TEXT).span()  # type: ignore[union-attr]
    assert lazy.match(TEXT) is None
    assert lazy.fullmatch("自评8分").group(1) == "8"  # type: ignore[union-attr]
    assert lazy.findall(TEXT) == ["8", "7.5"]
    assert [m.span() for m in lazy.finditer(TEXT, 10)] == [m.span() for m in eager.finditer(TEXT, 10)]
    assert lazy.sub(r"[\1]", TEXT) == eager.sub(r"[\1]", TEXT)
    assert lazy.split(TEXT) == eager.split(TEXT)
    assert (lazy.pattern, lazy.groups, lazy.flags) == (PATTERN, 1, eager.flags)


def test_compiles_on_first_use_only() -> None:
    lazy = LazyPattern(PATTERN)
    assert lazy._compiled is None  # not compiled by being made
    assert not isinstance(getattr(lazy.search, "__self__", None), re.Pattern)
    assert lazy.search(TEXT) is not None
    assert lazy.search.__self__ is re.compile(PATTERN)  # the compiled pattern's own method now
    assert lazy.finditer.__self__ is re.compile(PATTERN)  # every method bound at once
    other = LazyPattern(PATTERN)
    assert other.groups == 1 and other.finditer.__self__ is re.compile(PATTERN)  # also by a value


def test_no_getattr_hook() -> None:
    # a class with __getattr__ takes CPython's slow path for every attribute read
    assert not hasattr(LazyPattern, "__getattr__")


def test_a_bad_pattern_fails_on_first_use() -> None:
    bad = lazy_compile("(")
    with pytest.raises(re.error):
        bad.search("x")


def test_copies_and_pickles() -> None:
    lazy = lazy_compile(PATTERN)
    for other in (pickle.loads(pickle.dumps(lazy)), copy.deepcopy(lazy), copy.copy(lazy)):
        assert other.findall(TEXT) == ["8", "7.5"]
    lazy.search(TEXT)  # once compiled, it still pickles as the pattern's source
    assert pickle.loads(pickle.dumps(lazy)).findall(TEXT) == ["8", "7.5"]
