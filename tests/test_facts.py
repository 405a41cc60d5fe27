"""Facts helpers: the order the score tree is walked in; numbers as findings write them."""

from __future__ import annotations

import pickle
from dataclasses import replace
from decimal import Decimal

import pytest

from drafter.check.facts import Facts, ScoreNode, Source
from drafter.check.rules._emit import num


def _node(path: str, *children: ScoreNode) -> ScoreNode:
    return ScoreNode(
        name=path.rsplit("/", 1)[-1],
        level=path.count("/") + 1,
        source=Source(1),
        children=children,
        path=path,
    )


def test_nodes_and_walk_go_depth_first_each_node_before_its_children() -> None:
    a = _node("A", _node("A/1", _node("A/1/x"), _node("A/1/y")), _node("A/2"))
    b = _node("B", _node("B/1"))
    facts = Facts(scores=(a, b, _node("C")))
    assert [n.path for n in facts.nodes()] == ["A", "A/1", "A/1/x", "A/1/y", "A/2", "B", "B/1", "C"]
    assert [n.path for n in a.walk()] == ["A", "A/1", "A/1/x", "A/1/y", "A/2"]
    assert [n.path for n in Facts().nodes()] == []


def test_the_listed_nodes_follow_the_tree_through_replace_and_pickle() -> None:
    facts = Facts(scores=(_node("A", _node("A/1")),))
    assert [n.path for n in replace(facts, scores=(_node("B"),)).nodes()] == ["B"]
    assert [n.path for n in pickle.loads(pickle.dumps(facts)).nodes()] == ["A", "A/1"]
    assert facts == Facts(scores=(_node("A", _node("A/1")),)) and "_all_nodes" not in repr(facts)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("13.00", "13.00"),
        ("1E+2", "100"),
        ("1.00E+3", "1000"),
        ("1E-8", "0.00000001"),
        ("-0", "-0"),
        ("NaN", "NaN"),
    ],
)
def test_findings_write_a_number_as_written_never_in_exponent_form(value: str, written: str) -> None:
    assert num(Decimal(value)) == written
