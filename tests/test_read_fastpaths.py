"""The reader's fast paths read as the plain patterns do: each is compared with the slow path it
replaced, on generated lines."""

from __future__ import annotations

import random
import re

from drafter.read.lines import _ARTEFACT, _ARTEFACT_CHARS, _NBSP, _clean, clean_line, is_noise, make_lines

_ARTEFACT_START = re.compile(r"[\[{<\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _clean_line_slow(raw: str) -> tuple[str, tuple[int, ...]]:
    """clean_line as it read before its start-character gates: the whole artefact pattern."""
    work = raw.replace(_NBSP, " ") if _NBSP in raw else raw
    found = list(_ARTEFACT.finditer(work)) if _ARTEFACT_START.search(work) is not None else ()
    if not found:
        text = work.strip()
        if text == raw:
            return raw, ()
        lead = len(work) - len(work.lstrip())
        return text, tuple(range(lead, lead + len(text)))
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in found:
        if m.start() > pos:
            parts.append(work[pos : m.start()])
            offsets.extend(range(pos, m.start()))
        pos = m.end()
    if pos < len(work):
        parts.append(work[pos:])
        offsets.extend(range(pos, len(work)))
    joined = "".join(parts)
    text = joined.strip()
    lead = len(joined) - len(joined.lstrip())
    return text, tuple(offsets[lead : lead + len(text)])


_PIECES = [
    "[bookmark: _Toc123]", "[bookmark: _Toc8021_WPSOffice_Level1]", "[bookmark:", "]", "[", "{", "}",
    "[]{#_Toc5 .anchor}", "{#_Toc9}", "[]{#x}", '<a name="x"></a>', '<a id="y" ></a>', "<a", "<",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", _NBSP, " ", "\u3000", "\t", "\n",
    "一、", "预算", "编制", "。", "，", "1.", "#", "_Toc",
]  # fmt: skip


def _random_lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 8))) for _ in range(count)]


def test_clean_line_matches_the_whole_pattern() -> None:
    for raw in _random_lines(11, 20000):
        expected = _clean_line_slow(raw)
        assert clean_line(raw) == expected, raw
        # make_lines tells _clean only what the whole text holds: a superset of the line's own
        present = tuple(c for c in _ARTEFACT_CHARS if c in raw)
        assert _clean(raw, present, _NBSP in raw) == expected, raw


def test_make_lines_cleans_as_each_line_alone() -> None:
    rng = random.Random(12)
    lines = _random_lines(13, 4000)
    for _ in range(400):
        raws = [line.replace("\n", "") for line in rng.sample(lines, rng.randint(1, 12))]
        for line in make_lines(raws):
            assert (line.text, line.offsets) == _clean_line_slow(line.raw), line.raw


_BOOKMARK_PIECES = [
    "[bookmark: _Toc123]", "[bookmark: _Toc8021_WPSOffice_Level1]", "[bookmark:", "[bookmark: x", "]", "[",
    " ", "  ", "\u3000", "\t", "一、", "（一）", "1. ", "预算编制", "。", "，", "8分",
]  # fmt: skip


def test_leading_bookmarks_read_as_the_split() -> None:
    """The lead-bookmark shortcut and the identity slices give what the whole pattern gives."""
    rng = random.Random(14)
    for _ in range(20000):
        raw = "".join(rng.choice(_BOOKMARK_PIECES) for _ in range(rng.randint(0, 9)))
        assert _clean(raw, ("[",), False) == _clean_line_slow(raw), raw


def test_long_lines_keep_their_offsets() -> None:
    """Beyond the shared identity tuple a line builds its own offsets."""
    for raw in (
        "[bookmark: _Toc1]" + "预" * 5000,
        "  " + "算" * 5000 + " ",
        "1. [bookmark: _Toc2]" + "编" * 5000 + "[bookmark: _Toc3]制",
        "预" * 4090 + "[bookmark: _Toc4]" + "算" * 10,
    ):
        expected = _clean_line_slow(raw)
        assert clean_line(raw) == expected
        assert _clean(raw, ("[",), False) == expected


_NOISE_PIECES = [
    *("首页", "网站首页", "打印", "关闭", "分享到", "微信", "字号", "大", "中", "小", "【打印】", "QQ", "默认"),
    *("政务公开", "信息公开", "新闻中心", "通知公告", "预算编制", "一、", "第 3 页", "- 2 -", "3/9"),
    *(" ", "  ", "|", "｜", "/", "\u3000", "\t", "\xa0", "\x0b", ">", "›", "→", "，", "。", "：", "发布时间：", "来源："),
    *("2023", "x", "版权所有", "【", "】", "·"),
]  # fmt: skip


def test_noise_gates_read_as_the_full_tests() -> None:
    """is_noise with its first-character and one-item gates says what the tests alone say."""
    rng = random.Random(15)
    for _ in range(30000):
        text = "".join(rng.choice(_NOISE_PIECES) for _ in range(rng.randint(1, 7))).strip()
        if text:
            assert is_noise(text) == _is_noise_slow(text), text


def _is_noise_slow(text: str) -> bool:
    """is_noise as it read before its gates."""
    from drafter.read import lines as L

    if not text or len(text) > 250 or "。" in text:
        return False
    if L._NOISE_MARK.search(text):
        return True
    first = text[0]
    if "---" in text and L._MD_SEPARATOR.match(text):
        return True
    if (first in L._PAGE_FIRST or first.isdecimal()) and L._PAGE_NUMBER.match(text):
        return True
    if (
        first in L._META_FIRST
        and L._META_START.match(text)
        and (len(text) <= 60 or len(L._META_KEY.findall(text)) >= 2)
    ):
        return True
    if first in L._BREADCRUMB_FIRST and L._BREADCRUMB_START.match(text):
        return True
    if ">" in text or "›" in text or "»" in text or "→" in text:
        seps = L._BREADCRUMB_SEP.findall(text)
        if len(seps) >= 2 and "，" not in text:
            segments = L._BREADCRUMB_SEP.split(text)
            if all(0 < len(seg) <= 15 for seg in segments):
                return True
    if not text.strip(L._TOKEN_CHARS):
        tokens = [t for t in L._TOKEN_SPLIT.split(text) if t]
        if (
            tokens
            and all(t in L._NOISE_TOKENS for t in tokens)
            and any(t not in L._WEAK_TOKENS for t in tokens)
        ):
            return True
    return L._is_nav_bar(text)


_TEXT_PIECES = [
    *("一、概况", "预算执行率95%", "。", "，", " ", "  ", "\u3000", "\xa0", "\u00ad", "\u200b", "\ufeff", "\t"),
    *("|", "｜", "[bookmark: _Toc12]", "[", "{#_Toc3}", "<", '<a name="x"></a>', "首页", "打印", "第 3 页", "8分"),
    *("\n", "\n", "\n", "\r\n", "\r", "中", "\x01", "\x7f"),
]  # fmt: skip


def test_text_lines_read_as_each_line_alone() -> None:
    """A document's lines, told the marks its Latin-1 characters may hold, are make_line's own;
    the marks found are a superset of those the text holds."""
    from drafter.document import LineKind
    from drafter.read.lines import _NOT_PLAIN, make_line, not_plain
    from drafter.read.text import document_from_text

    rng = random.Random(16)
    for _ in range(3000):
        text = "".join(rng.choice(_TEXT_PIECES) for _ in range(rng.randint(0, 30)))
        assert {m for m in _NOT_PLAIN if m in text} <= set(not_plain(text)), text
        doc = document_from_text(text)
        raws = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").split("\n")
        full = [make_line(no, raw) for no, raw in enumerate(raws, start=1)]
        while full and full[-1].kind is LineKind.BLANK:
            full.pop()
        assert [(ln.no, ln.raw, ln.text, ln.kind, ln.cells, ln.offsets) for ln in doc.lines] == [
            (ln.no, ln.raw, ln.text, ln.kind, ln.cells, ln.offsets) for ln in full
        ], text


def test_control_count_reads_the_whole_sample(tmp_path) -> None:
    """A long file's sample is counted on its own: control characters past 8192 characters do not
    count, those within do."""
    import pytest

    from drafter.errors import DrafterError
    from drafter.read.text import read_text_document

    body = "预算执行情况。\n" * 1200  # 9600 characters
    late = tmp_path / "late.txt"
    late.write_text(body + "\x01" * 60, encoding="utf-8")
    assert read_text_document(late).lines
    early = tmp_path / "early.txt"
    early.write_text("\x01" * 60 + body, encoding="utf-8")
    with pytest.raises(DrafterError):
        read_text_document(early)


def test_lines_without_table_marks_split_as_split_cells() -> None:
    """A text with no "|", "｜", tab or ideographic space makes rows only of two spaces in a row, as
    the cleanup may bring together ("预算 [bookmark: x] 执行率  95%")."""
    from drafter.read.lines import make_line, split_cells

    rng = random.Random(17)
    pieces = [
        "[bookmark: _Toc1]",
        " ",
        "  ",
        "\xa0",
        "预算执行率",
        "95%",
        "10分",
        "一、",
        "。",
        "[",
        "\u200b",
    ]
    for _ in range(20000):
        raw = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        line = make_lines([raw, "。"])[0]
        assert (line.kind, line.cells) == (make_line(1, raw).kind, make_line(1, raw).cells), raw
        assert split_cells(line.text) is None or line.cells, raw
