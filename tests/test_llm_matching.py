"""How a written number states a value: written precision, units, and bounded approximations."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.llm.matching import approx_kind, matches
from drafter.text.numbers import find_quantities


def one(text: str):
    (q,) = [q for q in find_quantities(text) if q.kind != "ordinal"]
    return q, approx_kind(text, q)


@pytest.mark.parametrize(
    ("text", "truth", "money", "expected"),
    [
        ("97.0%", "97.37", False, False),  # written precision counts
        ("97.4%", "97.37", False, True),
        ("97%", "97.37", False, True),
        ("3,115.27万元", "3115.27", True, True),
        ("31152700元", "3115.27", True, True),
        ("0.31亿元", "3115.48", True, True),
        ("约3100万元", "3115.27", True, True),  # 约: within 5 %
        ("约3500万元", "3115.27", True, False),
        ("30余人", "20", False, False),  # 余: at least the figure, below the next unit of its last place
        ("20余人", "23", False, True),
        ("3100余万元", "3115.27", True, True),
        ("3200余万元", "3115.27", True, False),
        ("近100%", "99.99", False, True),
        ("超过3000万元", "3115.27", True, True),
        ("超过3200万元", "3115.27", True, False),
        ("95%以上", "96", False, True),
    ],
)
def test_matches(text, truth, money, expected):
    q, approx = one(text)
    assert matches(q, Decimal(truth), approx, money=money) is expected


def test_approximation_words_are_read_around_the_number():
    assert one("实际支出约3115万元")[1] == "about"
    assert one("在编30余人")[1] == "more"
    assert one("执行率近100%")[1] == "near"
    assert one("满意度95%以上")[1] == "over"
    assert one("实际支出3115.27万元")[1] == ""
