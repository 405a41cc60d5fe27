"""The fast paths of figure naming and of the approximation words read as the plain code they
replaced: each is compared with that slow path on generated lines."""

from __future__ import annotations

import random
import re

import pytest

from drafter.check.extract import _figwords as words
from drafter.check.extract import breakdowns
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


def _total_label_slow(text: str, lo: int, at: int) -> str | None:
    """breakdowns' total label as it was read: the last clause cut out, then the pattern matched."""
    label = breakdowns._clause_label(text[lo:at])
    first = (
        r"^(?:以上|上述|[两二三四五六七八九十]项|各项)?" + words.TOTAL_CUE.pattern + r"[\u4e00-\u9fff]{0,4}$"
    )
    return label if re.match(first, label) else None


_TOTAL_PIECES = [
    "合计", "共计", "共", "总额", "一共", "总共", "累计", "以上", "上述", "两项", "各项", "三项", "资金", "支出",
    "预算", "实际", "调整", "投入", " ", "\u3000", "\t", ",", "，", "、", ":", "：", "。", "(", ")", "100万元",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_total_label_reads_as_its_pattern(seed: int) -> None:
    rng = random.Random(seed)
    labels = 0
    for _ in range(5000):
        text = "".join(rng.choice(_TOTAL_PIECES) for _ in range(rng.randint(0, 8)))
        at = rng.randint(0, len(text))
        lo = rng.randint(0, at)
        label = breakdowns._total_label(text, lo, at)
        assert label == _total_label_slow(text, lo, at), (text, lo, at)
        labels += label is not None
    assert labels > 300  # the generated stretches do end in totals' labels


@pytest.mark.parametrize("seed", range(2))
def test_sentence_reads_as_a_walk_over_the_stops(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2000):
        stops = sorted(rng.sample(range(40), rng.randint(0, 6)))
        pos = rng.randint(0, 41)
        start, end = 0, None
        for s in stops:
            if s >= pos:
                end = s
                break
            start = s + 1
        assert breakdowns._sentence(stops, pos) == (start, end), (stops, pos)
