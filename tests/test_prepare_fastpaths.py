"""Line preparation's fast paths read as the code they replaced: each is compared with the old
code on generated lines (heading parse, name end, the kept lines and their normalised twins)."""

from __future__ import annotations

import random
import re

from drafter.check.extract import _common as C
from drafter.check.extract._common import TextLine, prepare
from drafter.document import Document, Line, LineKind
from drafter.read import document_from_text
from drafter.read.outline import parse_heading
from drafter.text.headings import parse_marker
from drafter.text.numbers import normalize

_OLD_NAME_END = re.compile(C._name_end_pattern())


def _head_slow(text: str) -> tuple[int, str, str, str] | None:
    """_head as it read before one marker pattern and the end-trim gate: parse_marker's parse."""
    first = text[0]
    if first not in C.FIRST_CHARS:
        if first not in C._HEAD_FIRST and first not in C._LEAD_CHARS:
            return None
        if first not in C._HEAD_FIRST:
            first = text.lstrip(C._LEAD_CHARS)[:1]
            if not first or first not in C._HEAD_FIRST:
                return None
        parsed = parse_heading(text)
    else:
        parsed = parse_marker(text)
    if parsed is None:
        return None
    level, marker, _number, start = parsed
    rest = text[start:].rstrip("*_ ")
    core = rest.rstrip(C._SPACE) if rest[-1:] in C._SPACE else rest
    if not core.strip():
        return None
    if core[0] in C._SPACE:
        core = core.lstrip(C._SPACE)
    m = _OLD_NAME_END.search(core)
    name = core[: m.start()].rstrip(C._SPACE) if m else core
    return level, marker, rest, name[:40] if len(name) > 40 else name


_MARKERS = [
    *("一、", "十二、", "三 、", "五.", "二．", "（一）", "(二)", "（ 十一 ）", "（1）", "(12)", "（３）", "1.", "2、"),
    *("12．", "３.", "1.5", "10 、", "一二三四、", "(123)", "（一", "#", "## ", "**", "- ", "\u3000", " ", "\t", "*"),
]  # fmt: skip
_BODY = [
    *("预算编制", "部门基本情况", "，", "。", "：", "(", "、", ".", "指标总分", "满分", "权重", "分值", "标准分"),
    *("自评", "得分", "为", "是", "8", "12.5", "１０", "分", " ", "\u3000", "\t", "*", "_", "**", "x", "\x0b"),
    *("结论", "存在的问题", "其他需要说明", "总分", "得", "评"),
]  # fmt: skip


def _heading_lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        text = "".join(rng.choice(_MARKERS) for _ in range(rng.randint(1, 2)))
        text += "".join(rng.choice(_BODY) for _ in range(rng.randint(0, 8)))
        lines.append(text)
    return lines


def _valid(text: str) -> bool:
    """parse_marker reads a marker's Chinese number and raises on one cn_to_int refuses (一一十、)."""
    try:
        _head_slow(text)
    except ValueError:
        return False
    return True


def test_head_reads_as_parse_marker() -> None:
    for text in _heading_lines(21, 30000):
        if text and _valid(text):
            assert C._head(text) == _head_slow(text), text


def test_name_end_finds_what_the_plain_pattern_finds() -> None:
    rng = random.Random(22)
    for _ in range(30000):
        text = "".join(rng.choice(_BODY) for _ in range(rng.randint(0, 10)))
        old, new = _OLD_NAME_END.search(text), C._NAME_END.search(text)
        assert (old and old.start()) == (new and new.start()), text


def _prepare_slow(doc: Document) -> list[TextLine]:
    """prepare as it read before it normalised every line's text (the kept lines only)."""
    out: list[TextLine] = []
    stack: list[tuple[int, str]] = []
    zone = ""
    kept = [
        line
        for line in doc.lines
        if line.kind is not LineKind.NOISE and line.kind is not LineKind.BLANK and line.text.strip()
    ]
    texts = [line.text for line in kept]
    norms = [normalize(t) for t in texts]
    for line, text, norm in zip(kept, texts, norms, strict=True):
        is_row = line.kind is LineKind.ROW
        head = None if is_row else _head_slow(text)
        if head is not None:
            level = head[0]
            while stack and stack[-1][0] >= level:
                stack.pop()
            zone = stack[-1][1] if stack else ""
            if not zone:
                name = head[3]
                if C._TOTAL_SECTION.search(name):
                    zone = C.ZONE_TOTAL
                elif (
                    (not stack or level == 1)
                    and C._RESTATE_SECTION.search(name)
                    and not C._OWN_SCORE.search(norm)
                ):
                    zone = C.ZONE_RESTATE
            stack.append((level, zone))
        out.append(TextLine(line, text, norm, line.no, is_row, head, zone, True))
    return out


_NOISE = ["首页 | 政务公开 | 信息公开", "【打印】【关闭】", "第 3 页 共 9 页", "", "   ", "２〇２３", "〇"]


def test_prepare_keeps_and_normalises_as_line_by_line() -> None:
    rng = random.Random(23)
    headings = [t for t in _heading_lines(24, 3000) if _valid(t)]
    body = [
        "预算执行率９５％。",
        "资金２〇２３年到位，",
        "自评得分",
        "90分。",
        "一是加强管理。",
        "2〇",
        "〇2",
    ]
    for _ in range(400):
        picked = [rng.choice((headings, body, _NOISE)) for _ in range(rng.randint(1, 14))]
        text = "\n".join(rng.choice(pool) for pool in picked)
        doc = document_from_text(text)
        rows = [Line(len(doc.lines) + 1, "a | b", "a | b", LineKind.ROW, ("a", "b"))]
        for d in (doc, Document(doc.path, doc.lines + tuple(rows))):
            lines = prepare(d)
            if any(t.end for t in lines):
                continue  # a split score phrase was rejoined (splitscores): its own tests read it
            new = [(t.no, t.text, t.norm, t.is_row, t.head, t.zone, t.normalized) for t in lines]
            old = [(t.no, t.text, t.norm, t.is_row, t.head, t.zone, t.normalized) for t in _prepare_slow(d)]
            assert new == old, text


def test_prepare_sets_every_field_as_the_constructor_does() -> None:
    """prepare sets a TextLine's slots itself: each holds what TextLine(...) would hold (a field
    added to TextLine and not set there fails here, as an unset slot cannot be read)."""
    from dataclasses import fields
    from pathlib import Path

    text = Path("examples/yangxi-2023/report.txt").read_text(encoding="utf-8")
    for doc in (
        document_from_text(text),
        document_from_text("一、概况\n\n首页 | 打印\n（一）结论\n自评得分\n90分。"),
    ):
        for tl in prepare(doc):
            ref = TextLine(
                tl.line, tl.text, tl.norm, tl.no, tl.is_row, tl.head, tl.zone, tl.normalized, tl.end
            )
            assert [getattr(tl, f.name) for f in fields(TextLine)] == [
                getattr(ref, f.name) for f in fields(TextLine)
            ]


def test_every_total_section_word_holds_a_gate_character() -> None:
    """prepare searches a heading's name for _TOTAL_SECTION only when it holds 结 or 总."""
    assert C._TOTAL_CHARS == ("结", "总")
    for word in C._TOTAL_SECTION.pattern.split("|"):
        assert any(c in word for c in C._TOTAL_CHARS), word
