"""The fast paths of extract_figures' per-line and per-number work read as the plain code they
replaced: each is compared with that slow path on generated lines."""

from __future__ import annotations

import random
import re
from types import SimpleNamespace

import pytest

from drafter.check.extract import _figwords as words
from drafter.check.extract import figures
from drafter.check.extract._scan import LineScan
from drafter.figures import _keys, is_figure_key
from drafter.text.numbers import Quantity, find_quantities


def _is_threshold_slow(norm: str, b: int, q: Quantity) -> bool:
    """figures._is_threshold as it read with its sign pattern searched over the line."""
    after = norm[q.end : b].lstrip()
    sign = re.compile(r"(?:≥|≤|>=|<=|>|<|＞|＜|不低于|不少于|不高于|不超过)\s*$")
    return bool(after and words.TARGET.match(after)) or sign.search(norm, 0, q.start) is not None


_SIGN_PIECES = [
    "≥", "≤", ">", "<", "=", "＞", "＜", "不低于", "不少于", "不高于", "不超过", "不", "低于", "超过", " ",
    "\u3000", "\t", "\n", "完成", "进度", "99%", "80 %", "50%", "以上", "，", "率",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_threshold_sign_reads_as_its_pattern(seed: int) -> None:
    rng = random.Random(seed)
    signs = checked = 0
    for _ in range(3000):
        text = "".join(rng.choice(_SIGN_PIECES) for _ in range(rng.randint(1, 10)))
        for q in find_quantities(text):
            b = rng.randint(q.end, len(text))
            slow = _is_threshold_slow(text, b, q)
            assert figures._is_threshold(text, b, q) == slow, (text, q)
            signs += slow
            checked += 1
    assert checked > 1500
    assert 200 < signs < checked - 200


def test_figure_keys_cached_as_registered() -> None:
    """is_figure_key is cached: it answers as the registry's keys say, every time."""
    for key in (*sorted(_keys()), "staff.行政编", "staff.", "staff", "budget", "budget.initial.x", ""):
        expected = key in _keys() or (key.startswith("staff.") and len(key) > 6)
        assert is_figure_key(key) is expected
        assert is_figure_key(key) is expected


def _figure_lines_slow(lines: list[SimpleNamespace], scan: LineScan) -> list[int]:
    """extract_figures' line gate as it read: the lines holding a unit character, then
    _has_figure's two patterns on each."""
    with_unit = scan.lines_with(tuple("万元亿%人名百"))
    return [i for i in sorted(with_unit) if figures._has_figure(lines[i].norm)]


_UNIT_PIECES = [
    "万", "元", "亿", "%", "人", "名", "百分", "百分之", "千元", "千万元", "百万元", "千", "百", "万元", "分",
    "之", "12", "3", "0.5", "2023年", " ", "  ", "\u3000", "\t", "一", "两", "十", "三", "二十", "资金", "人员",
    "预算", "，", "。", "名称", "元旦", "a", "万人",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_figure_lines_read_as_the_unit_gate_and_patterns(seed: int) -> None:
    rng = random.Random(seed)
    kept = dropped = 0
    for _ in range(300):
        norms = [
            "".join(rng.choice(_UNIT_PIECES) for _ in range(rng.randint(1, rng.choice((3, 8)))))
            for _ in range(rng.randint(1, 12))
        ]
        lines = [SimpleNamespace(norm=n) for n in norms]
        scan = LineScan(lines)  # type: ignore[arg-type]
        fast = figures._figure_lines(lines, scan)  # type: ignore[arg-type]
        assert fast == _figure_lines_slow(lines, scan), norms
        kept += len(fast)
        dropped += len(norms) - len(fast)
    assert kept > 300 and dropped > 300
