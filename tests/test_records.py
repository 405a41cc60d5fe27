"""The per-fact records (lines, sources, score nodes, figures, claims …) are plain slotted
dataclasses for speed, immutable by contract: equal and hashed by value as a frozen dataclass would
be, and never assigned after construction by any code path — which the guard test below holds on
every example and fixture."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from drafter import document
from drafter.check import facts
from drafter.check.explain import summary_of_facts
from drafter.check.run import Checker
from drafter.suggest.api import suggest

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted(
    p
    for folder in (ROOT / "examples", ROOT / "tests" / "fixtures", ROOT / "tests" / "corpus")
    for p in folder.rglob("*")
    if p.suffix in {".txt", ".md", ".docx", ".xlsx", ".pdf"} and p.is_file()
)


def _records() -> Iterator[type]:
    for module in (facts, document):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == module.__name__
                and dataclasses.is_dataclass(value)
                and not value.__dataclass_params__.frozen  # type: ignore[attr-defined]
            ):
                yield value


RECORDS = tuple(_records())


def test_the_records_are_the_per_fact_classes() -> None:
    names = {cls.__name__ for cls in RECORDS}
    assert {"Line", "Source", "ScoreNode", "Figure", "Claim", "StatedTotal"} <= names
    assert not names & {"Facts", "Document", "CheckContext", "Tolerances"}  # built once: frozen


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_slotted_and_compared_by_value(cls: type) -> None:
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert "__slots__" in cls.__dict__  # no per-object dict: nothing can be added by mistake
    assert params.eq and params.unsafe_hash  # equal and hashed by value, as a frozen one is


def test_value_semantics_of_a_record() -> None:
    src = facts.Source(3, quote="自评得分96分")
    fig = facts.Figure("budget.adjusted", "预算", Decimal("3115.27"), "万元", src)
    twin = facts.Figure(
        "budget.adjusted", "预算", Decimal("3115.27"), "万元", facts.Source(3, quote="自评得分96分")
    )
    assert fig == twin and hash(fig) == hash(twin) and len({fig, twin}) == 1
    assert dataclasses.replace(fig, value=Decimal(1)).value == Decimal(1)
    assert pickle.loads(pickle.dumps(fig)) == fig
    assert copy.deepcopy(fig) == fig
    with pytest.raises(ValueError, match=r"figures\.yaml"):
        facts.Figure("no_such_key", "预算", Decimal(1), "万元", src)  # __post_init__ still runs
    with pytest.raises(AttributeError):
        src.extra = 1  # type: ignore[attr-defined]  # slotted: no new attributes


class _Reassigned(Exception):
    pass


def _refuse_reassignment(self: object, name: str, value: object) -> None:
    try:
        getattr(self, name)
    except AttributeError:  # not set yet: the record's own __init__
        object.__setattr__(self, name, value)
        return
    raise _Reassigned(f"{type(self).__name__}.{name} assigned after construction")


def test_no_code_path_assigns_a_record_after_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    for cls in RECORDS:
        monkeypatch.setattr(cls, "__setattr__", _refuse_reassignment)
    line = document.Line(1, " a ", "a")
    with pytest.raises(_Reassigned):
        line.text = "b"  # type: ignore[misc]  # the guard itself works
    checker = Checker.prepare()
    assert len(REPORTS) > 200
    read = 0
    for path in REPORTS:
        result = checker.check_file(path)  # every extractor and rule
        if result.error is None:
            read += 1
            summary_of_facts(result.document, result.facts)  # what --explain shows
            suggest(path, checked=result)  # and the measures suggested for the findings
    assert read > 200
