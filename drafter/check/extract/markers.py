"""What the text shows of itself: placeholders left in, and list numbers used twice.

Placeholders (the words in ``schemas/lexicon/unfinished.yaml``): a prompt in brackets or standing
as a clause of its own ("【待补充：绩效目标】", "（请填写）", "存在的问题：待补充。"), a mask where a
number belongs ("≥**平方米", "XX万元", "××人"), a comparison with no value ("≥米") and a masked
year ("20xx年"). "**" that wraps words (Markdown bold) or hides a place name ("下达**河县") is no
placeholder: a mask counts only right before a unit.

Repeated numbers: "1.…2.…3.…4.…4.…" — within one line (items after "。" or "；", as a flattened
list gives them), and across headings of one level under one parent ("4.成本指标" then
"4.社会效益指标"). Only a repeat that follows a run counting up from 1 is taken: restarted or
single-item lists, and numbers a web page's preview inserts mid-word ("演练2、督促"), are not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract._scan import LineScan
from drafter.check.extract.lexicon import LexiconModel, WordGroup, alternation, gates, load_lexicon
from drafter.check.facts import Placeholder, RepeatedNumber
from drafter.text.headings import CN_NUMERALS
from drafter.text.numbers import cn_to_int

__all__ = ["UNFINISHED", "UnfinishedLexicon", "extract_placeholders", "extract_repeated_numbers"]


class UnfinishedLexicon(LexiconModel):
    prompts: tuple[WordGroup, ...]
    masks: tuple[WordGroup, ...]
    empty_values: tuple[WordGroup, ...]
    years: tuple[WordGroup, ...]
    units: tuple[WordGroup, ...]
    instructions: tuple[WordGroup, ...]
    length_limits: tuple[WordGroup, ...]


UNFINISHED = load_lexicon("unfinished", UnfinishedLexicon)


def _words(groups: tuple[WordGroup, ...]) -> list[str]:
    return [w for g in groups for w in g.words]


_UNIT = alternation(_words(UNFINISHED.units))
_PROMPT_WORD = re.compile(alternation(_words(UNFINISHED.prompts)))
#: a prompt inside brackets: the whole bracket is the placeholder
_OPEN, _CLOSE = "【[(（", "】])）"
#: a mask right before a unit, with nothing of a word or number glued to its left
_MASK = re.compile(
    r"(?<![A-Za-z0-9*])" + alternation(_words(UNFINISHED.masks)) + r"(?![A-Za-z0-9*])\s?" + _UNIT
)
_EMPTY = re.compile(
    alternation(_words(UNFINISHED.empty_values)) + r"\s?(?=" + _UNIT + r"(?:[)）,，;；。]|$))" + _UNIT
)
_YEAR = re.compile(r"(?<![0-9A-Za-z])" + alternation(_words(UNFINISHED.years)) + r"\s?年度?")
#: every prompt holds one of these (a line without any is skipped at once)
_PROMPT_GATES = gates(_words(UNFINISHED.prompts))
#: characters a mask, an empty value or a masked year holds: a line without any is skipped at once
#: (tests/test_extract_gates.py checks the lexicon's masks, empty values and years against them)
_MASK_CHARS = tuple("*Xx×≥≤><＞＜")
_CLAUSE_END = "，,。；;：:！!？?"
#: a template's filling instruction: a cell that opens with an instruction word and ends with a
#: length limit in brackets ("对照年度目标,说明……(100字以内)"); the cell runs from the line's start
#: or its last "|" before the limit
_LIMIT = re.compile(r"\(\s*\d{1,4}\s*" + alternation(_words(UNFINISHED.length_limits)) + r"\s*\)")
_LIMIT_WORDS = tuple(_words(UNFINISHED.length_limits))
_INSTRUCTION = re.compile(r"\s*" + alternation(_words(UNFINISHED.instructions)))


def extract_placeholders(lines: list[TextLine], scan: LineScan | None = None) -> list[Placeholder]:
    out: list[Placeholder] = []
    scan = scan or LineScan(lines)
    # the lines that hold a prompt word or a mask's character, from finds over the whole report:
    # the patterns run on those lines only
    prompted, masked = scan.lines_with(_PROMPT_GATES), scan.lines_with(_MASK_CHARS)
    limited = scan.lines_with(_LIMIT_WORDS)  # a length limit ("字以内"): a filling instruction
    for i in sorted(prompted | masked | limited):
        tl = lines[i]
        norm = tl.norm
        spans: list[tuple[int, int]] = []
        if i in prompted:
            for m in _PROMPT_WORD.finditer(norm):
                span = _prompt_span(norm, m.start(), m.end())
                if span is not None:
                    spans.append(span)
        if i in masked:
            for rx in (_MASK, _EMPTY, _YEAR):
                spans.extend(m.span() for m in rx.finditer(norm))
        if i in limited:
            spans.extend(_instructions(norm))
        if not spans:
            continue
        spans.sort()
        last_end = -1
        for a, b in spans:
            if a < last_end:
                continue  # inside a placeholder already taken ("【待补充：XX万元】")
            last_end = b
            out.append(Placeholder(tl.text[a:b], source_of(tl, a, b)))
    return out


def _instructions(norm: str) -> list[tuple[int, int]]:
    """Cells that are a template's instruction still in place ("结合自评情况，说明……（200字以内）")."""
    out: list[tuple[int, int]] = []
    for m in _LIMIT.finditer(norm):
        start = norm.rfind("|", 0, m.start()) + 1
        if _INSTRUCTION.match(norm, start):
            while start < m.start() and norm[start].isspace():
                start += 1
            out.append((start, m.end()))
    return out


def _prompt_span(norm: str, a: int, b: int) -> tuple[int, int] | None:
    """The placeholder around a prompt word: its bracket, else the word when it is a clause of its
    own ("存在的问题：待补充。"); None in prose ("制度有待补充完善")."""
    opened = max(norm.rfind(c, 0, a) for c in _OPEN)
    if opened >= 0 and all(norm.find(c, opened, a) < 0 for c in _CLOSE):
        close = min((i for i in (norm.find(c, b) for c in _CLOSE) if i >= 0), default=-1)
        if close >= 0:
            return opened, close + 1
    start = max(norm.rfind(c, 0, a) for c in _CLAUSE_END) + 1
    end = min((i for i in (norm.find(c, b) for c in _CLAUSE_END) if i >= 0), default=len(norm))
    if norm[start:a].strip() or norm[b:end].strip():
        return None
    return a, b


# --- repeated numbers --------------------------------------------------------------------------

#: where an item number may stand inside a line: after "。" / "；" / "：" (and at the line's start)
_ITEM_AFTER = re.compile(r"[。；;:]")
#: an item number, before the item's words
#: (ASCII digits: normalize makes full-width ones so; a digit of another script is no item number
#: of these reports, and the gate of extract_repeated_numbers looks for ASCII ones)
_ITEM = re.compile(r"\s*(?:([0-9]{1,2})(?P<sep>[.、])(?!\d)|[(]([0-9]{1,2})[)])(?=[\u4e00-\u9fff])")


#: an item numbered 1 and one numbered 2 ("1." "01、" "(1)"), as substrings: a line holds both
#: when it can repeat a number, since a repeat counts only after a run 1, 2, … (_counts_up)
_ONE = ("1.", "1、", "1)")
_TWO = ("2.", "2、", "2)")


def extract_repeated_numbers(lines: list[TextLine], scan: LineScan | None = None) -> list[RepeatedNumber]:
    out: list[RepeatedNumber] = []
    # headings: (level, number, style, TextLine) of the last heading at each level
    last: dict[int, list[tuple[int, str, TextLine]]] = {}
    # the lines that can repeat an item number within themselves (see _ONE)
    scan = scan or LineScan(lines)
    listed = scan.lines_with(_ONE) & scan.lines_with(_TWO)
    for i, tl in enumerate(lines):
        if tl.is_row:
            continue
        head = tl.head
        number = _number(head[1]) if head is not None else None
        if head is not None and number is not None:
            level, marker = head[0], head[1]
            for deeper in [lv for lv in last if lv > level]:
                del last[deeper]  # a new section: the lists under the old one are closed
            style = _style(marker)
            run = last.setdefault(level, [])
            if run and run[-1][1] != style:
                run.clear()
            if run and number == run[-1][0] and _counts_up(n for n, _s, _t in run):
                out.append(_repeat(tl, 0, len(marker), number, run[-1][2]))
            run.append((number, style, tl))
        if i in listed:
            out.extend(_inline(tl))
    return out


_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@lru_cache(maxsize=256)
def _number(marker: str) -> int | None:
    """The number of a heading marker as :func:`prepare` keeps it ("4.", "（2）", "三、")."""
    digits = "".join(c for c in marker if c.isdigit())
    if digits:
        return int(digits.translate(_FULL_DIGITS))
    cn = "".join(c for c in marker if c in CN_NUMERALS)
    try:
        return cn_to_int(cn) if cn else None
    except (ValueError, KeyError):
        return None


@lru_cache(maxsize=256)
def _style(marker: str) -> str:
    """The punctuation of a marker: "1." and "1．" are one style, "1、" another, "（1）" a third."""
    return "".join(c for c in marker if not c.isdigit() and c not in CN_NUMERALS).replace("．", ".")


def _counts_up(numbers) -> bool:
    """Whether ``numbers`` are 1, 2, …, n with n ≥ 2 (a list run, not a restart)."""
    seq = list(numbers)
    return len(seq) >= 2 and seq == list(range(1, len(seq) + 1))


def _inline(tl: TextLine) -> list[RepeatedNumber]:
    found: list[RepeatedNumber] = []
    run: list[tuple[int, str]] = []
    norm = tl.norm
    for at in (0, *(m.end() for m in _ITEM_AFTER.finditer(norm))):
        m = _ITEM.match(norm, at)
        if m is None:
            continue
        number = int(m.group(1) or m.group(3))
        style = m.group("sep") or "()"
        if run and run[-1][1] != style:
            run = []
        if run and number == run[-1][0] and _counts_up(n for n, _s in run):
            found.append(_repeat(tl, m.start(), m.end(), number, None))
        run.append((number, style))
    return found


def _repeat(tl: TextLine, a: int, b: int, number: int, first: TextLine | None) -> RepeatedNumber:
    while a < b and tl.text[a] in " \t\u3000":
        a += 1
    end = min(len(tl.text), b + 16)
    for i in range(b, end):
        if tl.norm[i] in "。；;，,":
            end = i
            break
    return RepeatedNumber(number, source_of(tl, a, end), first.no if first is not None else tl.no)
