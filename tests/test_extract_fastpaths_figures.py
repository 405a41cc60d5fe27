"""The fast paths of figure naming and of the approximation words read as the plain code they
replaced: each is compared with that slow path on generated lines."""

from __future__ import annotations

import random
import re

import pytest

from drafter.text import approx
from drafter.text.numbers import Quantity, find_quantities


def _approx_kind_slow(text: str, q: Quantity) -> str:
    """approx.approx_kind as it read before its cue-character search: the windows sliced, every
    pattern run."""
    if q.approx:
        return "more"
    before = text[max(0, q.start - 4) : q.start]
    after = text[q.end : q.end + 3]
    if re.search(r"(?:(?<![节制契预简违])约|大约|约为|大概|大致|约合)\s*$", before) or re.match(
        r"^\s*(?:左右|上下)", after
    ):
        return "about"
    if re.search(r"(?:近|将近|接近|不到|不足)\s*$", before):
        return "near"
    if re.search(r"(?:超过|逾|多达|超)\s*$", before) or re.match(r"^\s*(?:以上|有余)", after):
        return "over"
    return ""


_APPROX_PIECES = [
    "约", "大约", "约为", "大概", "大致", "约合", "节约", "预约", "左右", "上下", "近", "将近", "接近",
    "不到", "不足", "超过", "逾", "多达", "超", "以上", "有余", "余", "多", " ", "\u3000", "资金", "人",
    "，", "共", "3100", "20", "95%", "12.5万元", "3人", "1,200元", "二十", "以", "有", "上",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_approx_kind_reads_as_its_patterns(seed: int) -> None:
    rng = random.Random(seed)
    kinds: set[str] = set()
    checked = 0
    for _ in range(3000):
        text = "".join(rng.choice(_APPROX_PIECES) for _ in range(rng.randint(1, 10)))
        for q in find_quantities(text):
            kind = approx.approx_kind(text, q)
            assert kind == _approx_kind_slow(text, q), (text, q)
            kinds.add(kind)
            checked += 1
    assert checked > 2000
    assert kinds == {"", "about", "more", "near", "over"}  # the generated lines reach every kind
