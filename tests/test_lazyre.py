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
    with pytest.raises(AttributeError):  # nothing bound yet: not compiled
        object.__getattribute__(lazy, "search")
    assert lazy.search(TEXT) is not None
    assert object.__getattribute__(lazy, "search").__self__ is re.compile(PATTERN)


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
