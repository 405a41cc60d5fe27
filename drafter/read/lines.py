"""From raw lines to :class:`~drafter.document.Line`: artefact cleanup, noise and table-row detection.

Every reader (text, docx, pdf) ends here, so a report reads the same whichever format it came in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from drafter.document import Line, LineKind
from drafter.text.headings import is_marker
from drafter.text.lazyre import lazy_compile

__all__ = ["clean_line", "lines_of_text", "make_line", "make_lines", "not_plain", "split_cells"]

# --- cleanup --------------------------------------------------------------------------------

# Export artefacts: WPS/pandoc bookmarks ``[bookmark: _Toc…]``, pandoc anchors ``[]{#_Toc… .anchor}``
# and ``{#_Toc…}``, HTML anchors ``<a name="…"></a>``, and invisible characters (zero-width space,
# joiners, word joiner, BOM, soft hyphen).
_ARTEFACT = lazy_compile(
    r"\[bookmark:[^\]\n]*\]"
    r"|\[\]\{#[^}\n]*\}"
    r"|\{#_Toc[^}\n]*\}"
    r"|<a\s+(?:name|id)=\"[^\"]*\"\s*>\s*</a>"
    r"|[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
)
_NBSP = "\u00a0"
#: the characters an artefact starts with: a scan for them is a quick C loop, while the artefact
#: pattern itself (an alternation sre cannot skip ahead for) is tried at every position
_ARTEFACT_START = re.compile(r"[\[{<\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ARTEFACT_CHARS = ("[", "{", "<", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
#: the artefact pattern as one group, for ``split``: the pieces kept and the artefacts between them
_ARTEFACT_SPLIT = lazy_compile(lambda: f"({_ARTEFACT.pattern})")
#: the only artefact of a text that holds "[" and no other start character (Word/WPS bookmarks on
#: headings, the common case): its literal start lets sre skip ahead to each "[bookmark:"
_BOOKMARK_SPLIT = lazy_compile(r"(\[bookmark:[^\]\n]*\])")
#: bookmarks, with the white space around them, at the start of a line (as Word/WPS put them
#: before a heading's text)
_LEAD_BOOKMARKS = lazy_compile(r"\s*(?:\[bookmark:[^\]\n]*\]\s*)+")
#: offsets of a stretch of a line kept as it is are slices of this tuple (``tuple(range(a, b))``
#: built each one number by number); a line longer than it builds its own
_IDENTITY_LEN = 4096
_IDENTITY = tuple(range(_IDENTITY_LEN))


def _span(start: int, end: int) -> tuple[int, ...]:
    """``tuple(range(start, end))``: the offsets of a stretch of a line kept as it is."""
    return _IDENTITY[start:end] if end <= _IDENTITY_LEN else tuple(range(start, end))


def clean_line(raw: str) -> tuple[str, tuple[int, ...]]:
    """``raw`` without export artefacts and surrounding white space, and where each char came from.

    Returns ``(text, offsets)`` with ``offsets[i]`` the index in ``raw`` of ``text[i]``; ``offsets``
    is ``()`` when ``text == raw`` (the identity). NBSP becomes a plain space (same position).
    """
    return _clean(raw, _ARTEFACT_CHARS, True)


def _clean(raw: str, starts: tuple[str, ...], nbsp: bool) -> tuple[str, tuple[int, ...]]:
    """:func:`clean_line`, told which artefact start characters (``starts``) and whether NBSP may
    stand in ``raw`` (a superset: what the whole text holds)."""
    work = raw.replace(_NBSP, " ") if nbsp and _NBSP in raw else raw
    if not starts:
        pieces = None
    elif starts == ("[",):  # of the artefacts only a bookmark can stand here
        if "[bookmark:" not in work:
            pieces = None
        else:
            # the common case: bookmarks (and white space) before the text, none after it
            lead = _LEAD_BOOKMARKS.match(work)
            if lead is not None and work.find("[bookmark:", lead.end()) < 0:
                first = lead.end()
                text = work[first:].rstrip()
                end = first + len(text)
                return text, _span(first, end)
            pieces = _BOOKMARK_SPLIT.split(work)
    elif _ARTEFACT_START.search(work) is not None:
        pieces = _ARTEFACT_SPLIT.split(work)
    else:
        pieces = None
    if pieces is None or len(pieces) == 1:
        text = work.strip()
        if text == raw:
            return raw, ()
        lead = len(work) - len(work.lstrip())
        end = lead + len(text)
        return text, _span(lead, end)
    # pieces: kept text, artefact, kept text, …, kept text
    last = pieces[-1]
    head = "".join(pieces[:-1:2])
    if not head or head.isspace():  # artefacts (and white space) before the text: the common case
        text = last.strip()
        first = len(work) - len(last.lstrip())
        end = first + len(text)
        return text, _span(first, end)
    if len(work) > _IDENTITY_LEN:
        identity: tuple[int, ...] = tuple(range(len(work)))
    else:
        identity = _IDENTITY
    offsets: tuple[int, ...] = ()
    pos = 0
    for i in range(0, len(pieces) - 1, 2):
        n = len(pieces[i])
        if n:
            offsets += identity[pos : pos + n]
        pos += n + len(pieces[i + 1])
    offsets += identity[pos : len(work)]
    joined = head + last
    text = joined.strip()
    lead = len(joined) - len(joined.lstrip())
    return text, offsets[lead : lead + len(text)]


# --- page noise -----------------------------------------------------------------------------

# Markers that only page furniture carries (accessibility menus, print/share bars, page footers).
# Every alternative starts with a literal character: then sre skips ahead to the positions where
# one of those characters stands, instead of trying the whole alternation at each (5x faster).
_FONT_SIZES = r"\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小"
_NOISE_MARK = lazy_compile(
    r"无障碍|长者模式|关怀模式|关怀版|适老化|读屏专用|扫一扫在手机|在手机(?:上)?打开|手机扫一扫|打印本页|关闭窗口|关闭本页"
    rf"|【\s*(?:字体|字号)|\[\s*(?:字体|字号)|字体{_FONT_SIZES}|字号{_FONT_SIZES}"
    r"|分享到|浏览次数|访问次数|阅读次数|浏览量|点击(?:数|量|次数)\s*[:：]|网站标识码|ICP备|公网安备|版权所有|Copyright|©"
    r"|返回顶部|上一篇\s*[:：]|下一篇\s*[:：]|我要纠错|当前位置\s*[:：]|您的位置|您当前的位置|所在位置\s*[:：]"
)
# Publication metadata at the start of a line: 发布时间：… 来源：… 浏览次数：…
_META_START = lazy_compile(
    r"^(?:发布时间|发布日期|发文日期|成文日期|信息来源|来源|作者|责任编辑|编辑|录入|字号)\s*[:：]"
)
_META_KEY = lazy_compile(
    r"(?:发布时间|发布日期|发文日期|信息来源|来源|作者|责任编辑|编辑|浏览|点击|阅读|访问)\s*[:：]"
)
_BREADCRUMB_START = lazy_compile(r"^(?:网站首页|首页|主页)\s*[>›»/→]")
_BREADCRUMB_SEP = lazy_compile(r"\s*[>›»→]\s*")
_NOISE_WORDS = (
    "首页 网站首页 打印 打印本页 关闭 关闭窗口 分享 分享到 收藏 微信 微博 朋友圈 QQ QQ空间 QQ好友 繁體 繁体 简体 "
    "登录 注册 搜索 返回 网站地图 联系我们 手机版 English 字体 字号 默认 大 中 小 纠错 我要纠错 上一篇 下一篇 "
    "返回顶部 无障碍 长者模式 关怀模式 关怀版 适老化 RSS 【打印】 【关闭】 【收藏】 【打印本页】 【关闭窗口】"
)
_NOISE_TOKENS = frozenset(_NOISE_WORDS.split())
_NAV_WORDS_TEXT = (
    "首页 网站首页 政务公开 政府信息公开 信息公开 政务服务 办事服务 网上办事 互动交流 公众参与 新闻中心 新闻动态 "
    "要闻动态 数据开放 政策文件 政策解读 专题专栏 机构概况 领导之窗 通知公告 财政预决算 财政信息"
)
_NAV_WORDS = frozenset(_NAV_WORDS_TEXT.split())
_NAV_SPLIT = lazy_compile(r"[\s|｜/]+")
_HAS_DIGIT = lazy_compile(r"[0-9０-９]")
_WEAK_TOKENS = frozenset({"大", "中", "小", "默认", "QQ"})
_TOKEN_SPLIT = lazy_compile(r"[\s|｜/·•、【】\[\]（）()：:]+")
#: what regex ``\s`` matches (and ``str.isspace`` and ``str.split()`` take as white space)
_WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)
#: every character a line made only of noise tokens and their separators can hold
_TOKEN_CHARS = (
    "".join(sorted(set(_NOISE_WORDS.replace(" ", "")) | set("|｜/·•、【】[]（）()：:"))) + _WHITE_SPACE
)
_TOKEN_SET = frozenset(_TOKEN_CHARS)
#: the characters a page-number line (_PAGE_NUMBER) starts with, besides digits
_PAGE_FIRST = "-—–第"
#: the characters a metadata line (_META_START) or a breadcrumb (_BREADCRUMB_START) starts with
_META_FIRST = "发成信来作责编录字"
_BREADCRUMB_FIRST = "网首主"
# A separator row of a markdown table: |---|:---:|
_MD_SEPARATOR = lazy_compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
# Page furniture of PDFs: "- 3 -", "第 3 页 共 9 页", "3/9"
_PAGE_NUMBER = lazy_compile(
    r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)


def is_noise(text: str) -> bool:
    """Web-page or print furniture that is not part of the report (never checked, never quoted).

    Most lines that get this far are headings: each pattern below is tried only on a line that
    holds what the pattern needs (its first character, "---", a separator), a test of a
    character or two where a pattern call costs as much as a short line's scan."""
    if not text or len(text) > 250 or "。" in text:
        return False
    if _NOISE_MARK.search(text):
        return True
    first = text[0]
    if "---" in text and _MD_SEPARATOR.match(text):
        return True
    if (first in _PAGE_FIRST or first.isdecimal()) and _PAGE_NUMBER.match(text):  # \d is isdecimal
        return True
    if (
        first in _META_FIRST
        and _META_START.match(text)
        and (len(text) <= 60 or len(_META_KEY.findall(text)) >= 2)
    ):
        return True
    if first in _BREADCRUMB_FIRST and _BREADCRUMB_START.match(text):
        return True
    if ">" in text or "›" in text or "»" in text or "→" in text:
        seps = _BREADCRUMB_SEP.findall(text)
        if len(seps) >= 2 and "，" not in text:
            segments = _BREADCRUMB_SEP.split(text)
            if all(0 < len(seg) <= 15 for seg in segments):
                return True
    # every character in _TOKEN_CHARS (its first and last ones first: most lines fail there)
    if text[0] in _TOKEN_SET and text[-1] in _TOKEN_SET and not text.strip(_TOKEN_CHARS):
        tokens = [t for t in _TOKEN_SPLIT.split(text) if t]
        if tokens and all(t in _NOISE_TOKENS for t in tokens) and any(t not in _WEAK_TOKENS for t in tokens):
            return True
    # a menu bar has three items: without a separator or white space (which but " " is not
    # printable) the line is one item
    if "|" in text or "｜" in text or "/" in text or " " in text or not text.isprintable():
        return _is_nav_bar(text)
    return False


def _is_nav_bar(text: str) -> bool:
    """A site's menu bar: short, digit-free items, among them known menu words or led by 首页."""
    if "|" in text or "｜" in text or "/" in text:
        items = [t for t in _NAV_SPLIT.split(text) if t]
    else:  # split at white space alone: str.split() cuts where regex \s does
        items = text.split()
    if len(items) < 3 or any(len(t) > 8 or _HAS_DIGIT.search(t) for t in items):
        return False
    return items[0] in ("首页", "网站首页", "主页") or sum(1 for t in items if t in _NAV_WORDS) >= 2


# --- flattened table rows -------------------------------------------------------------------

_PIPE_SPLIT = lazy_compile(r"\s*[|｜]\s*")
_TAB_SPLIT = lazy_compile(r"\s*\t[\t ]*")
_SPACE_SPLIT = lazy_compile(r"[ \u3000]{2,}")
_SENTENCE_PUNCT = lazy_compile(r"[。；;！？!?]")
# A cell holding just a figure: 95%, ≥90%, 1,318.20万元, 10分, 6个 (a year such as 2023年 is not one:
# "2023年  部门整体支出绩效自评报告" is a title)
_NUMERIC_CELL = lazy_compile(
    r"^[≥≤<>＞＜=＝约]*\s*-?[\d０-９][\d０-９.,，．]*\s*(?:%|％|万元|亿元|元|万|分|个|人|项|亩|天|次|家|户|件)?$"
)


def _short(cell: str) -> bool:
    return len(cell) <= 30 and _SENTENCE_PUNCT.search(cell) is None


def split_cells(text: str) -> tuple[str, ...] | None:
    """The cells of a table row flattened to one line, or ``None`` when the line is prose.

    ``|`` (markdown or copied tables) always separates cells. Tabs and runs of two or more spaces
    separate cells only when the pieces look like cells: three or more of them, all short but at
    most one; or two short ones of which one is a figure (``预算执行率    95%``). A run of spaces
    inside a sentence (``拟定        阳西高新区发展规划…``) leaves the line prose.
    """
    if "|" in text or "｜" in text:
        cells = _PIPE_SPLIT.split(text.strip())
        if cells and cells[0] == "":
            cells = cells[1:]
        if cells and cells[-1] == "":
            cells = cells[:-1]
        return tuple(cells) if len(cells) >= 2 else None
    if "\t" in text:
        cells = [c for c in _TAB_SPLIT.split(text) if c]
    elif "  " in text or "\u3000\u3000" in text or " \u3000" in text or "\u3000 " in text:
        cells = [c for c in _SPACE_SPLIT.split(text) if c]
    else:
        return None
    n = len(cells)
    if n >= 3:
        if sum(1 for c in cells if _short(c)) >= n - 1 and not is_marker(cells[0]):
            return tuple(cells)
        return None
    if (
        n == 2
        and all(_short(c) for c in cells)
        and not is_marker(cells[0])
        and any(_NUMERIC_CELL.match(c) for c in cells)
    ):
        return tuple(cells)
    return None


# --- lines ----------------------------------------------------------------------------------


def make_line(no: int, raw: str, *, cells: Sequence[str] | None = None) -> Line:
    """One classified line. ``cells`` given (a docx table row) makes it a ROW outright."""
    return _make_line(no, raw, cells, _ARTEFACT_CHARS, True)


def _make_line(
    no: int, raw: str, cells: Sequence[str] | None, starts: tuple[str, ...], nbsp: bool, tabled: bool = True
) -> Line:
    """:func:`make_line`, told what :func:`_clean` is told and whether the text may hold "|", "｜",
    a tab or an ideographic space (``tabled``): without them only two spaces in a row (which
    the cleanup may bring together) can make the line a row of cells."""
    text, offsets = _clean(raw, starts, nbsp)
    if cells is not None:
        clean_cells = tuple(clean_line(c)[0] for c in cells)
        if not any(clean_cells):
            return Line(no, raw, text, LineKind.BLANK, (), offsets)
        return Line(no, raw, text, LineKind.ROW, clean_cells, offsets)
    if not text:
        return Line(no, raw, text, LineKind.BLANK, (), offsets)
    if is_noise(text):
        return Line(no, raw, text, LineKind.NOISE, (), offsets)
    row = split_cells(text) if tabled or "  " in text else None
    if row is not None:
        return Line(no, raw, text, LineKind.ROW, row, offsets)
    return Line(no, raw, text, LineKind.TEXT, (), offsets)


#: what keeps a line from being a plain sentence (see make_lines): white space runs, a tab, an
#: ideographic space or "|" (a flattened table row), NBSP, and every character an export artefact
#: starts with
_NOT_PLAIN = (
    "  ",
    "\t",
    "\u3000",
    "|",
    "｜",
    _NBSP,
    "[",
    "{",
    "<",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
)


def make_lines(raws: Iterable[str]) -> tuple[Line, ...]:
    """Number lines from 1 and drop trailing blank lines (an editor's final newline is not a line).

    Most lines of a report are sentences: those are made without the per-line cleanup and tests,
    which would keep them as they are. A plain sentence has a "。" (no page furniture has one), no
    surrounding white space, and none of :data:`_NOT_PLAIN` (no flattened table row, no NBSP, no
    character an export artefact starts with). Which of those the text holds at all is looked up
    once in the whole text; each line is searched only for those (a report whose headings carry
    export artefacts still has plain sentences)."""
    raws = raws if isinstance(raws, list) else list(raws)
    return _make_lines(raws, not_plain("\n".join(raws)))


def lines_of_text(text: str, narrow: bytes | None = None) -> tuple[Line, ...]:
    """``make_lines(text.split("\n"))``; ``narrow`` is ``text.encode("latin-1", "ignore")`` when
    the caller has it (see :func:`not_plain`)."""
    return _make_lines(text.split("\n"), not_plain(text, narrow))


#: the marks of :data:`_NOT_PLAIN` that are Latin-1 characters (or two of them) and the others
_NARROW_MARKS = tuple((mark, mark.encode("latin-1")) for mark in _NOT_PLAIN if max(mark) <= "\xff")
_WIDE_MARKS = tuple(mark for mark in _NOT_PLAIN if max(mark) > "\xff")


def not_plain(whole: str, narrow: bytes | None = None) -> list[str]:
    """The marks of :data:`_NOT_PLAIN` that ``whole`` may hold (a superset of those it holds).

    Most marks are ASCII: they are looked up in ``narrow``, the Latin-1 characters of ``whole`` in
    order (``whole.encode("latin-1", "ignore")``, one C-level pass that a Chinese text leaves short),
    instead of one scan of the whole text each. Two marks of ``whole`` next to each other are next
    to each other in ``narrow`` too, so nothing is missed; the reverse need not hold (a superset)."""
    if narrow is None:
        narrow = whole.encode("latin-1", "ignore")
    marks = [mark for mark, code in _NARROW_MARKS if code in narrow]
    marks.extend(mark for mark in _WIDE_MARKS if mark in whole)
    return marks


def _make_lines(raws: list[str], marks: list[str]) -> tuple[Line, ...]:
    """:func:`make_lines`, told which marks of :data:`_NOT_PLAIN` the text may hold.

    A line with none of them has no export artefact, no NBSP and no cells: it is ``raw`` with the
    white space around it trimmed, and only the noise test remains (what :func:`_make_line` would
    do, without its cleanup and cell split)."""
    starts = tuple(c for c in _ARTEFACT_CHARS if c in marks)
    nbsp = _NBSP in marks
    tabled = "|" in marks or "｜" in marks or "\t" in marks or "\u3000" in marks
    blank, noise, prose = LineKind.BLANK, LineKind.NOISE, LineKind.TEXT
    lines = []
    append = lines.append
    for no, raw in enumerate(raws, start=1):
        for mark in marks:
            if mark in raw:
                append(_make_line(no, raw, None, starts, nbsp, tabled))
                break
        else:
            if "。" in raw and not raw[0].isspace() and not raw[-1].isspace():  # a plain sentence
                append(Line(no, raw, raw))
                continue
            text = raw.strip()
            if len(text) == len(raw):
                offsets: tuple[int, ...] = ()
            else:
                lead = len(raw) - len(raw.lstrip())
                end = lead + len(text)
                offsets = _span(lead, end)
            kind = prose if text and not is_noise(text) else noise if text else blank
            append(Line(no, raw, text, kind, (), offsets))
    while lines and lines[-1].kind is LineKind.BLANK:
        lines.pop()
    return tuple(lines)
