"""CharSet (the charmap-codec scan for a set of characters) against the regex class it replaced,
and normalize against a plain per-character translation, on generated text."""

from __future__ import annotations

import random
import re

import pytest

from drafter.read.text import _control_count
from drafter.text import numbers
from drafter.text.charsets import CharSet

#: characters generated texts are made of: every character the tables map, their neighbours,
#: control characters, NUL, Chinese text, astral characters and lone surrogates
_POOL = [
    *map(chr, numbers._TABLE),
    *map(chr, range(0xFF00, 0xFF62)),
    *map(chr, range(0x20)),
    "\x7f", "\x80", "\x85", "\u3001", "\u3002", "\u3007", "〇", "；", "，", "。",
    "阳", "西", "高", "新", "区", "预", "算", "万", "元", "0", "1", "2", "9", ",", ".", " ", "a", "Z",
    "\U0001f600", "\U00020000", "\ud800", "\udfff", "\ufffe", "\uffff", "\u2028", "\u200e",
]  # fmt: skip


def _texts(seed: int, count: int = 200) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_POOL) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def _class(chars: str) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


@pytest.mark.parametrize("seed", range(10))
def test_charset_finds_what_the_regex_class_finds(seed: int) -> None:
    usable = sorted(c for c in set(_POOL) if 0 < ord(c) < 0xD800 or 0xE000 <= ord(c) < 0xFFFE)
    chars = "".join(random.Random(seed).sample(usable, 40))
    charset, pattern = CharSet(chars), _class(chars)
    for text in _texts(seed):
        found = pattern.findall(text)
        assert charset.count(text) == len(found)
        assert charset.count(text, nul=True) == len(found) + text.count("\x00")
        assert set(charset.present(text)) == set(found)


@pytest.mark.parametrize("seed", range(5))
def test_control_count_is_the_old_class(seed: int) -> None:
    old = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
    for text in _texts(seed):
        assert _control_count(text.encode("latin-1", "ignore")) == len(old.findall(text))


def _normalize_slow(s: str, table: dict[int, str]) -> str:
    out = s.translate(table)
    return re.sub(r"(?<=[0-9])〇|〇(?=[0-9])", "0", out)


@pytest.mark.parametrize("seed", range(10))
def test_normalize_is_the_per_character_translation(seed: int) -> None:
    for text in _texts(seed):
        assert numbers.normalize(text) == _normalize_slow(text, numbers._TABLE)
        assert numbers._scan_form(text) == _normalize_slow(text, numbers._SCAN_TABLE)


def test_charset_refuses_what_the_codec_cannot_map() -> None:
    for bad in ("\x00", "\U0001f600", "ab", "\ufffe", "\ud800"):
        with pytest.raises(ValueError):
            CharSet([bad])
    with pytest.raises(ValueError):
        CharSet(map(chr, range(0x4E00, 0x4E00 + 256)))
