"""The fast paths of the figure and score extractors read as the plain patterns do: each is
compared with the slow path it replaced, on generated labels and lines."""

from __future__ import annotations

import random

import pytest

from drafter.check.extract import _figwords as words
from drafter.check.extract import figures
from drafter.figures import registry


def _money_key_slow(label: str, topic: str | None) -> str | None:
    """figures._money_key as it read before its character gates: every pattern run."""

    def left_over(m: object) -> bool:
        return any(r.end() > m.start() for r in words.REMAINDER.finditer(label))  # type: ignore[attr-defined]

    m = words.PAID.search(label) or figures._PAYMENT.search(label)
    if m is not None:
        for name in words.FUND_NAMES:
            if name in label:
                label = label.replace(name, "")
                m = words.PAID.search(label) or figures._PAYMENT.search(label)
    if m and left_over(m):
        return None
    if words.PAID.search(label) and not figures._NAMED_PAYMENT.search(label):
        return "funds.paid"
    if figures._PAYMENT.search(label):
        return (
            None if figures._NOT_THIS_YEAR.search(label) or figures._PAYMENT_SUM.search(label) else "payment"
        )
    by_topic = words.TOPIC_MONEY.get(topic) if topic is not None else None
    if by_topic:
        for key, rx in by_topic:
            m = rx.search(label)
            if m:
                return None if left_over(m) else key
        return None
    for key, rx in words.MONEY_KEYS:
        if key == "funds.paid":
            continue
        m = rx.search(label)
        if m:
            if left_over(m):
                return None
            if (
                key in words.SPEND_PARTS
                and figures._BUDGET.search(label)
                and not words.SPEND_TOTAL.search(label)
            ):
                return None
            return key
    return None


def _money_pieces() -> list[str]:
    reg = registry()
    money = [w for f in reg.figures if f.prose for w in f.prose]
    remainders = [w for g in words.LEXICON.remainders for w in g.words]
    halves = [w[: len(w) // 2] for w in money] + [w[len(w) // 2 :] for w in money]
    return [
        *money,
        *remainders,
        *halves,
        "进度款",
        "工程款",
        "付款",
        "合计",
        "累计",
        "合同",
        "的",
        "，",
        "2023年度",
    ]


@pytest.mark.parametrize("seed", range(4))
def test_money_key_with_gates_as_without(seed: int) -> None:
    rng = random.Random(seed)
    pieces = _money_pieces()
    topics = [None, *words.TOPIC_MONEY]
    named = 0
    for _ in range(4000):
        label = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        topic = rng.choice(topics)
        key = figures._money_key(label, topic)
        assert key == _money_key_slow(label, topic), (label, topic)
        named += key is not None
    assert named > 1000  # the generated labels do reach the patterns


def test_every_money_word_holds_a_gate_character() -> None:
    for (key, _rx), chars in zip(words.MONEY_KEYS, words.MONEY_CHARS, strict=True):
        for word in registry().figure(key).prose:
            assert any(c in word for c in chars), (key, word)
    for w in (w for g in words.LEXICON.remainders for w in g.words):
        assert any(c in w for c in words.REMAINDER_CHARS), w


_RATE_PIECES = [
    "预算执行率", "完成率", "满意度", "群众满意度", "率", "满意", "度", "达到", "达", "为", "是", "高达", "约",
    ":", "：", "≥", "<=", "不低于", "不少于", "不超过", "了", "的", "服务群众", "固定资产利用", "，", " ", "\n",
    "阳西高新区", "项目", "完成", "进度", "施工", "工程", "工作量", "总", "已",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_rate_label_and_progress_read_as_their_patterns(seed: int) -> None:
    """_rate_label searches _RATE_LABEL only on a label with 率 or 满意度, from its last
    _RATE_LABEL_REACH characters; _progress answers as _PROGRESS.search."""
    rng = random.Random(seed)
    rates = 0
    for _ in range(4000):
        label = "".join(rng.choice(_RATE_PIECES) for _ in range(rng.randint(0, 12)))
        slow = figures._RATE_LABEL.search(label)
        fast = figures._rate_label(label)
        assert (slow and (slow.span(), slow.group(1))) == (fast and (fast.span(), fast.group(1))), label
        rates += slow is not None
        assert figures._progress(label) == (figures._PROGRESS.search(label) is not None), label
    assert rates > 500
