"""Numbers in report text: normalisation that keeps positions, and quantities with their units.

Reports mix half-width and full-width forms (``３１１５．４８万``), thousands separators
(``1,318.20``), bare ``万`` meaning 万元, percentages and Chinese numerals that count things
(``设四个``, ``二十人``). :func:`find_quantities` finds them all with one precompiled scan, and
every span it returns indexes the *original* text, because :func:`normalize` maps character to
character (same length, so a position in the normalised text is the same position in the input).

What is deliberately *not* a quantity: parts of dates (``2024-05-20``, ``5月20日`` — a date is one
``date`` quantity), codes and plot ids (``YX04-01-29``, ``G15``, ``5G``), clock times, road names
(``16米路``). Enumeration markers (``1.``, ``（1）``, ``第3``, ``3号``) are kind ``ordinal``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from drafter.text.charsets import CharSet
from drafter.text.lazyre import lazy_compile
from drafter.text.lexicons import lexicon_data

__all__ = [
    "COUNT_UNITS",
    "KINDS",
    "WAN_PER_UNIT",
    "Quantity",
    "cn_to_int",
    "find_quantities",
    "normalize",
    "parse_decimal",
    "to_wanyuan",
]

KINDS = ("amount", "percent", "count", "score", "year", "date", "ordinal", "plain")

# --- normalisation --------------------------------------------------------------------------

# Full-width ASCII block U+FF01..U+FF5E → ASCII, except the full-width semicolon: like 。 and 、 it
# separates clauses in Chinese prose, and callers split on it. ``，`` IS mapped to ``,`` (so callers
# split clauses on ``,``); the number scanner still refuses ``，`` as a thousands separator.
_KEEP = {"；"}
_TABLE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP}
_TABLE.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",  # no-break space
        0x2007: " ",
        0x202F: " ",
        0x200B: " ",  # zero-width space / joiners / BOM: same length, so a space
        0x200C: " ",
        0x200D: " ",
        0x2060: " ",
        0xFEFF: " ",
        0x2212: "-",  # minus sign
        0xFE6A: "%",  # small percent sign
        0xFE52: ".",  # small full stop
    }
)
# The scanner's own table: like normalize, but ``，`` stays full-width so that ``120，350`` is two
# numbers (a list), not 120350.
_SCAN_TABLE = dict(_TABLE)
del _SCAN_TABLE[ord("，")]

_ZERO_BESIDE_DIGIT = re.compile(r"(?<=[0-9])〇|〇(?=[0-9])")


#: the characters each table maps, found in a text in one C-level pass (see .charsets)
_TABLE_CHARS = CharSet(map(chr, _TABLE))
_SCAN_CHARS = CharSet(map(chr, _SCAN_TABLE))


def normalize(s: str) -> str:
    """Full-width digits, letters and punctuation → ASCII; same length as ``s``.

    ``０-９ ． ％ ， ： （ ） ＋ －`` and the rest of the full-width block become ASCII; the full-width
    space and NBSP become a space; ``〇`` becomes ``0`` where it stands beside a digit (``2〇23``).
    Chinese ``。 、 ；`` are kept as they are. ``len(normalize(s)) == len(s)`` always, so spans found
    in the result index ``s`` directly.
    """
    return _apply(s, _TABLE, _TABLE_CHARS)


def _unzeroed(s: str) -> str:
    """The scan form of a text :func:`normalize` already returned: only 〇 beside a digit that
    the first pass left (it did not see the digit it made) still becomes 0."""
    return _ZERO_BESIDE_DIGIT.sub("0", s) if "〇" in s else s


def _scan_form(s: str) -> str:
    return _apply(s, _SCAN_TABLE, _SCAN_CHARS)


def _apply(s: str, table: dict[int, str], chars: CharSet) -> str:
    # str.translate looks every character up in a dict (slow for CJK text); finding the few
    # distinct characters present in one pass, then one str.replace each, is several times faster.
    out = s
    for ch in chars.present(s):
        out = out.replace(ch, table[ord(ch)])
    if "〇" in out:
        out = _ZERO_BESIDE_DIGIT.sub("0", out)
    return out


# --- Chinese numerals -----------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


def cn_to_int(s: str) -> int:
    """Value of a Chinese numeral: ``二十`` → 20, ``十二`` → 12, ``三百零五`` → 305, ``一万二千`` → 12000,
    ``两`` → 2, and digit-by-digit forms ``二〇二三`` → 2023. Raises ``ValueError`` otherwise."""
    if not s or any(ch not in _CN_DIGITS and ch not in _CN_SMALL and ch not in _CN_BIG for ch in s):
        raise ValueError(f"不是中文数字：{s!r}")
    if len(s) > 1 and all(ch in _CN_DIGITS for ch in s):
        if "两" in s:
            raise ValueError(f"不是中文数字：{s!r}")
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total = 0  # completed 亿/万 sections
    section = 0  # within the current 万 section
    digit: int | None = None
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[ch] != 0 and digit != 0:
                raise ValueError(f"不是中文数字：{s!r}")
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        else:
            section += digit or 0
            if section == 0 and total == 0:
                raise ValueError(f"不是中文数字：{s!r}")
            big = _CN_BIG[ch]
            total = (total + section) * big if big > 10_000 else total + section * big
            section = 0
            digit = None
    return total + section + (digit or 0)


def _cn_decimal(s: str) -> Decimal:
    """``九十五点五`` → 95.5 (digits after 点 are read one by one)."""
    whole, _, frac = s.partition("点")
    value = Decimal(cn_to_int(whole))
    if frac:
        if any(ch not in _CN_DIGITS for ch in frac):
            raise ValueError(f"不是中文数字：{s!r}")
        value += Decimal("0." + "".join(str(_CN_DIGITS[ch]) for ch in frac))
    return value


# --- quantities -----------------------------------------------------------------------------


class Quantity(NamedTuple):
    """A number found in text, with its unit and where it stands.

    ``value`` is exact (``Decimal("3115.48")`` for ``3115.48万``, unit ``万元``); ``start``/``end``
    index the text given to :func:`find_quantities`; ``raw`` is that slice of it. ``kind`` is one
    of :data:`KINDS`. ``approx`` marks ``20余人`` / ``100多万元``.

    Immutable, as a frozen dataclass would be, but built as a tuple: a report of the sample's
    size makes a few dozen per check, and a frozen dataclass sets each field through
    ``object.__setattr__`` (three times the cost).
    """

    value: Decimal
    unit: str
    start: int
    end: int
    raw: str
    kind: str = "plain"
    approx: bool = False

    @property
    def places(self) -> int:
        """Decimal places as written (``13.00`` → 2): the stated precision, for tolerances."""
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0


#: How many 万元 one unit of money is — the one table of money units in drafter (:func:`to_wanyuan`,
#: :attr:`drafter.check.facts.Figure.wan` and its rounding allowance all read it).
WAN_PER_UNIT = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal(1),
    "百万元": Decimal(100),
    "千万元": Decimal(1000),
    "亿元": Decimal(10_000),
}


def to_wanyuan(q: Quantity) -> Decimal:
    """An amount in 万元 (``3115.48万`` → 3115.48; ``1.2亿元`` → 12000; ``6200元`` → 0.62).

    Exact (Decimal); raises ``ValueError`` if ``q`` is not a money amount.
    """
    try:
        factor = WAN_PER_UNIT[q.unit]
    except KeyError:
        raise ValueError(f"不是金额：{q.raw!r}（单位 {q.unit or '无'}）") from None
    return q.value * factor


_COUNT_UNITS = (
    r"人次|个月|分钟|平方公里|平方米|立方米|公里|千米|公顷|米(?![路道街巷])|亩|吨|倍|人|名|位|个(?!百分点)|"
    r"项(?!目)|家|户|次|件|条|台|辆|套|处|座|所|批|场|篇|份|本|间|栋|宗|笔|天|小时|册|张|棵|株"
)
#: the measure words a count may carry, as a regex alternation (longest first where one starts another)
COUNT_UNITS = _COUNT_UNITS
_CN_NUMERAL_START = "零〇一二两三四五六七八九十"
_CN_NUMERAL = _CN_NUMERAL_START + "百千万亿"

_CANDIDATE = re.compile(
    # a full date: one quantity, never three numbers
    r"(?P<date>(?<![0-9])(?P<dy>(?:19|20)\d{2})(?:[-/.](?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9])(?!\d)"
    r"|年(?:1[0-2]|0?[1-9])月(?:(?:3[01]|[12]\d|0?[1-9])[日号])?))"
    # month-day and clock times: consumed, not reported
    r"|(?P<skip>(?<![0-9])(?:(?:1[0-2]|0?[1-9])月(?:3[01]|[12]\d|0?[1-9])[日号]|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?!\d)))"
    # codes and plot ids: letters and digits mixed, or digit groups joined by two or more hyphens
    r"|(?P<code>(?<![A-Za-z0-9])(?:[A-Za-z]+[0-9][A-Za-z0-9]*|[0-9]+[A-Za-z][A-Za-z0-9]*|[0-9]+(?:-[0-9]+){2,})"
    r"(?:[-_/][A-Za-z0-9]+)*)"
    r"|(?P<pctcn>百分之(?P<pctval>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?))"
    r"|(?P<num>(?<![A-Za-z0-9.])-?(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?))"
    rf"|(?P<cn>(?<![第{_CN_NUMERAL}])[{_CN_NUMERAL_START}][{_CN_NUMERAL}]*)"
)

# Where a candidate can start: a cheap, charset-prefixed scan (sre skips other characters in C);
# the detailed pattern above is then tried only inside these runs.
# A run of Chinese numerals counts only when a unit may follow (一是, 统一 are skipped here): a
# run ends after an ASCII character or 百, or before a character a unit can start with. That end
# is found by :func:`_runs` in one backward step, not by a regex lookaround, which backtracks
# through the whole run at every start (a line of a million 一 took hours).
# A run starts where a number can: a digit, a Chinese numeral, 百 (百分之), or a minus sign
# right before a digit (a bare ``-`` starts nothing, and a line of them is skipped in C).
# (Written as one class and a condition on a "-" it took: a pattern that starts with a class is
# scanned for in C, where a leading alternation is tried at every character.)
_RUN_CHARS = re.compile(rf"[-0-9百{_CN_NUMERAL_START}](?:(?<!-)|(?=[0-9]))[-0-9A-Za-z.,:/_{_CN_NUMERAL}点]*")
_RUN_ENDS_AFTER = frozenset("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,:/_百")
_RUN_ENDS_BEFORE = frozenset(
    "余多元个人名位项家户次件条台辆套处座所批场篇份本间栋宗笔天小册张棵株年倍亩吨公平立千米分之"
)


def _runs(s: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run, as the longest stretch that ends where a run may end."""
    pos = 0
    n = len(s)
    while True:
        # one finditer while each stretch is a run as a whole (a run of digits almost always): it
        # goes on where the last match ended, as a new search from there would; a stretch cut
        # short starts a new search where the run ended
        for m in _RUN_CHARS.finditer(s, pos):
            start, end = m.span()
            e = end
            while e > start and s[e - 1] not in _RUN_ENDS_AFTER and (e >= n or s[e] not in _RUN_ENDS_BEFORE):
                e -= 1
            if e == end:
                yield start, e
            elif e > start:
                yield start, e
                pos = e
                break
            # else: no later start inside this stretch can end anywhere either: go on after it
        else:
            return


# Where a :data:`_CANDIDATE` alternative can match at all (each one's first character and the
# lookbehind it starts with): after a failed match the scan jumps to the next such place instead
# of trying every character (a line of a million ``-`` or ``百`` is one C-level search).
_CANDIDATE_START = re.compile(
    rf"(?<![0-9])[0-9]|(?<![A-Za-z0-9])[A-Za-z]|(?<![A-Za-z0-9.])-(?=[0-9])|百(?=分之)"
    rf"|(?<![第{_CN_NUMERAL}])[{_CN_NUMERAL_START}]"
)

_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

_UNIT = re.compile(
    r"(?P<sp> ?)(?P<a1>余|多)?(?:"
    r"(?P<money>亿元|千万元|百万元|万元|千元|元)"
    r"|(?P<pp>个百分点|百分点)"
    rf"|(?P<mult>万|亿)(?P<a2>余|多)?(?P<mu>元|{_COUNT_UNITS})?"
    r"|(?P<pct>%)"
    rf"|(?P<count>{_COUNT_UNITS})"
    r"|(?P<score>分(?!钟|之|析|别|配|布|解|类|期|批|区|局|公司|管))"
    r"|(?P<yr>年度|年)"
    r"|(?P<ord>号)"
    r")"
)
_YEAR_RANGE_END = re.compile(r" ?[-~～至到—–] ?(?:19|20)\d{2} ?年")
_ROAD_NAME = re.compile(r" ?米(?:大道|路|道|街|巷)")


def _score_cue() -> str:
    """A score word right before a number without 分 ("总分 100", "自评得分：8"): scores.yaml's number_cue."""
    words = sorted((e["word"] for e in lexicon_data("scores")["number_cue"]), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, words)) + r")(?:为|是|:)? ?$"


_SCORE_CUE = lazy_compile(_score_cue)
_MULT = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


def find_quantities(text: str, *, normalized: bool = False) -> list[Quantity]:
    """Every number in ``text`` with its unit and kind, left to right.

    Kinds: ``amount`` (unit 元/千元/万元/百万元/千万元/亿元, the longest that fits; a bare ``万`` is
    万元; ``千万`` with no number right before it is a word), ``percent`` (``%``, ``百分之…``;
    ``个百分点`` has unit ``百分点``), ``count`` (a measure word: 人 个 亩 项 …; ``20万人`` → 200000 人),
    ``score`` (``8分``, or a bare number after 总分/满分/得分/分值/自评), ``year`` (``2023年``,
    ``2023年度``), ``date`` (value = the year), ``ordinal`` (``1.``, ``（1）``, ``第3``, ``3号``) and
    ``plain``. Chinese numerals are read only where a unit follows them (``设四个`` → 4 个).

    ``normalized=True`` says that ``text`` is what :func:`normalize` returned: it holds no
    full-width form any more, so the scan for them is skipped (the result is the same).
    """
    s = _scan_form(text) if not normalized else _unzeroed(text)
    out: list[Quantity] = []
    n = len(s)
    done = 0  # everything before this index has been read
    for run_start, stop in _runs(s):
        p = run_start
        while p and s[p - 1] in _ASCII_LETTERS:  # a code such as YX04-01-29 starts with letters
            p -= 1
        p = max(p, done)
        while p < stop:
            q = None
            if s[p] in _ASCII_DIGITS and (not p or s[p - 1] not in _NOT_BEFORE_PLAIN):
                # the common case, a plain number followed by a word or a unit: only the "num"
                # alternative of _CANDIDATE can match, and it takes just the digits (the others
                # need - / . 年 月 : , or a letter right after them)
                # the digits (\d+, any decimal digit, as str.isdecimal takes them): a short loop
                # costs less than a regex call
                end = p + 1
                while end < n and s[end].isdecimal():
                    end += 1
                after = s[end] if end < n else ""
                if after == "." and (end - p != 4 or s[p] not in "12"):
                    # a decimal ("408.14万"): only "num" can match here too, as digits, point and
                    # digits (a date needs a year of four digits before its point, a code no point)
                    fe = end + 1  # \.\d+
                    while fe < n and s[fe].isdecimal():
                        fe += 1
                    if fe > end + 1:
                        q = _from_digits(text, s, p, fe)
                        p = done = fe if q is None else max(fe, q.end)
                        if q is not None:
                            out.append(q)
                        continue
                elif after not in _NOT_AFTER_PLAIN and not after.isdecimal():
                    q = _from_digits(text, s, p, end)
                    p = done = end if q is None else max(end, q.end)
                    if q is not None:
                        out.append(q)
                    continue
            m = _CANDIDATE.match(s, p)
            if m is None:
                # endpos two past the run: 百(?=分之) at its last character still sees 分之.
                nxt = _CANDIDATE_START.search(s, p + 1, stop + 2)
                p = stop if nxt is None else min(nxt.start(), stop)
                continue
            q = _from_match(text, s, m)
            p = done = m.end() if q is None else max(m.end(), q.end)
            if q is not None:
                out.append(q)
    return out


_ASCII_DIGITS = frozenset("0123456789")
#: before a plain number: what would make one of _CANDIDATE's look-behinds refuse it
_NOT_BEFORE_PLAIN = _ASCII_LETTERS | _ASCII_DIGITS | frozenset(".")
#: after a run of digits: what could make it a date, a time, a code or a number with , or .
_NOT_AFTER_PLAIN = _ASCII_LETTERS | frozenset("-/.年月:,")


def _from_match(text: str, s: str, m: re.Match[str]) -> Quantity | None:
    group = m.lastgroup
    if group == "num":
        return _from_digits(text, s, m.start(), m.end())
    if group == "cn":
        return _from_cn(text, s, m.start(), m.end())
    if group == "date":
        return Quantity(Decimal(m.group("dy")), "年", m.start(), m.end(), text[m.start() : m.end()], "date")
    if group == "pctcn":
        return _from_pct_cn(text, m)
    return None  # month-day, clock time, code


# Beyond these a run of digits is not a figure any report states (10¹⁵ 元 is 10¹¹ 万元), and
# computing with it could exceed the 28-digit precision of the checks: it is read as text.
_MAX_INT_DIGITS = 15
_MAX_PLACES = 8


def _from_digits(text: str, s: str, start: int, end: int) -> Quantity | None:
    literal = s[start:end]
    if len(literal) > _MAX_PLACES:  # shorter, it has fewer digits on either side than allowed
        whole, _, places = literal.lstrip("-").replace(",", "").partition(".")
        if len(whole) > _MAX_INT_DIGITS or len(places) > _MAX_PLACES:
            return None
    value = Decimal(literal.replace(",", "") if "," in literal else literal)
    approx = False
    simple = _simple_unit(s, end)
    if simple is not None:  # what _UNIT would read, without the regex call
        unit, kind, end = simple
        if kind == "yr":
            kind = "year" if _is_year(literal) else "count"
        m = None
    else:
        if "米" in s[end : end + 2] and _ROAD_NAME.match(s, end):
            return None
        m = _UNIT.match(s, end)
        unit = ""
        kind = "plain"
    if m is not None:
        approx = bool(m.group("a1") or m.group("a2"))
        # the unit's own group is the one that closed last (mult's may be followed by a2 or mu):
        # one name to compare instead of a group lookup per kind
        last = m.lastgroup
        if last == "money":
            unit, kind = m.group("money"), "amount"
        elif last == "pp":
            unit, kind = "百分点", "percent"
        elif last == "mult" or last == "a2" or last == "mu":
            mult = m.group("mult")
            mu = m.group("mu")
            if mu is None or mu == "元":
                unit, kind = mult + "元", "amount"
            else:
                value, unit, kind = value * _MULT[mult], mu, "count"
        elif last == "pct":
            unit, kind = "%", "percent"
        elif last == "count":
            unit, kind = m.group("count"), "count"
        elif last == "score":
            unit, kind = "分", "score"
        elif last == "yr":
            unit, kind = "年", "year" if _is_year(literal) else "count"
        elif last == "ord":
            kind = "ordinal"
        end = m.end()
    elif simple is None:
        kind = _plain_kind(s, start, end)
        if kind == "score":
            unit = "分"
        elif (
            kind == "plain" and len(literal) == 4 and _YEAR_RANGE_END.match(s, end) and 1900 <= value <= 2099
        ):
            unit, kind = "年", "year"  # the first year of 2021-2023年 / 2021至2023年
    if start and s[start - 1] == "第":
        kind = "ordinal"  # 第3项 is the third item, not three items
    return _tuple_new(Quantity, (value, unit, start, end, text[start:end], kind, approx))


def _is_year(literal: str) -> bool:
    """Digits before 年 that name a year (2023年), not a count of years (3年, 1.5年)."""
    return "." not in literal and "," not in literal and len(literal) == 4 and 1900 <= int(literal) <= 2099


#: Quantity(...) runs the Python-level ``__new__`` a NamedTuple has, which only calls this with
#: the fields in order: the same tuple of the same class for half the cost
_tuple_new = tuple.__new__

#: units that one character after the digits decides, as _UNIT reads them: the character starts
#: no other alternative of _UNIT (no longer unit, no look-ahead), so _UNIT's match is that character
_ONE_CHAR_UNIT: dict[str, tuple[str, str]] = {
    "%": ("%", "percent"),
    "元": ("元", "amount"),
    "号": ("", "ordinal"),
    **{c: (c, "count") for c in "亩吨倍名位家户次件条台辆套处座所批场篇份本间栋宗笔天册张棵株"},
}
#: the characters a measure word of _COUNT_UNITS starts with (after 万/亿 one makes a count)
_COUNT_FIRST = frozenset(alt[0] for alt in _COUNT_UNITS.split("|"))
#: after 分: the look-ahead of _UNIT's score alternative refuses these (and 公司)
_NOT_SCORE_AFTER = frozenset("钟之析别配布解类期批区局管")


def _simple_unit(s: str, end: int) -> tuple[str, str, int] | None:
    """``(unit, kind, end)`` of the unit right after the digits ending at ``end``, as
    :data:`_UNIT` reads it, for the units one or two characters decide (kind ``"yr"``: 年, year
    or count as the digits say); ``None`` when _UNIT itself must be asked (a space, 余/多, a rarer
    unit, or none). ``tests/test_text_numbers.py`` checks it against _UNIT on generated text."""
    if end >= len(s):
        return None
    after = s[end]
    one = _ONE_CHAR_UNIT.get(after)
    if one is not None:
        return one[0], one[1], end + 1
    nxt = s[end + 1] if end + 1 < len(s) else ""
    if after == "万" or after == "亿":
        if nxt == "元":  # money 万元/亿元
            return after + "元", "amount", end + 2
        if nxt in _COUNT_FIRST or nxt == "余" or nxt == "多":
            return None  # 万人, 万余元 …
        return after + "元", "amount", end + 1  # a bare 万: 万元
    if after == "年":
        return "年", "yr", end + (2 if nxt == "度" else 1)
    if after == "人":
        return ("人次", "count", end + 2) if nxt == "次" else ("人", "count", end + 1)
    if after == "个":
        if nxt == "月":
            return "个月", "count", end + 2
        if s.startswith("个百分点", end):
            return "百分点", "percent", end + 4
        return "个", "count", end + 1
    if after == "分":
        if nxt == "钟":
            return "分钟", "count", end + 2
        if nxt in _NOT_SCORE_AFTER or s.startswith("公司", end + 1):
            return None
        return "分", "score", end + 1
    return None


def _plain_kind(s: str, start: int, end: int) -> str:
    before = s[start - 1] if start else ""
    after = s[end] if end < len(s) else ""
    if before == "第" or after == "、":
        return "ordinal"
    if before == "(" and after == ")":
        return "ordinal"
    if after == "." and (end + 1 >= len(s) or not s[end + 1].isdigit()) and (not before or before.isspace()):
        return "ordinal"
    if start and _SCORE_CUE.search(s, max(0, start - 6), start):
        return "score"
    return "plain"


def _from_cn(text: str, s: str, start: int, end: int) -> Quantity | None:
    literal = s[start:end]
    if len(literal) > 2 * _MAX_INT_DIGITS:
        return None  # no count is written with this many Chinese numerals (and 亿亿亿… grows fast)
    m = _UNIT.match(s, end)
    if m is None or m.group("sp"):
        return None
    approx = bool(m.group("a1") or m.group("a2"))
    try:
        if m.group("money") or (m.group("mult") and m.group("mu") in (None, "元")):
            if m.group("money"):
                unit = m.group("money")
                value = Decimal(cn_to_int(literal))
                # 三百万元 is read as 300 万元, as written
                if unit == "元" and literal[-1] in _MULT and len(literal) > 1:
                    value, unit = Decimal(cn_to_int(literal[:-1])), literal[-1] + "元"
            else:
                value, unit = Decimal(cn_to_int(literal)), m.group("mult") + "元"
            kind = "amount"
        elif m.group("mult"):
            value, unit, kind = Decimal(cn_to_int(literal)) * _MULT[m.group("mult")], m.group("mu"), "count"
        elif m.group("count"):
            value, unit, kind = Decimal(cn_to_int(literal)), m.group("count"), "count"
        elif m.group("pp"):
            value, unit, kind = Decimal(cn_to_int(literal)), "百分点", "percent"
        elif m.group("yr") and len(literal) == 4 and all(ch in _CN_DIGITS for ch in literal):
            value, unit, kind = Decimal(cn_to_int(literal)), "年", "year"
            if not 1900 <= value <= 2099:
                return None
        elif m.group("score") and _is_cn_score(s, start, literal):
            value, unit, kind = Decimal(cn_to_int(literal)), "分", "score"
        else:
            return None  # 十分 (very), 一是, 统一 … are words, not numbers
    except ValueError:
        return None
    return Quantity(value, unit, start, m.end(), text[start : m.end()], kind, approx)


#: The words a score follows: 自评得分为九十六分, 扣二分, 满分一百分, 评分结果为八十分.
_CN_SCORE_CUE = re.compile(r"(得分|满分|总分|分值|评分|自评|结果|扣除|扣减|扣|得|计)(?:为|是|了|:)? ?$")


def _is_cn_score(s: str, start: int, literal: str) -> bool:
    """Whether Chinese numerals before 分 are a score. 十分 is mostly "very" (显得十分重要, and 值得
    ends in 得) and 十二分 "utmost", so a score word must come first, except for a numeral of
    tens or hundreds from 二十 up (九十六分, 一百分), which is no idiom; 九点二十分 is a time."""
    if start and s[start - 1] in "点时":
        return False
    cue = _CN_SCORE_CUE.search(s, max(0, start - 6), start)
    if literal == "十":
        return cue is not None and cue.group(1) not in ("得", "计")
    return cue is not None or (("十" in literal or "百" in literal) and cn_to_int(literal) >= 20)


def _from_pct_cn(text: str, m: re.Match[str]) -> Quantity | None:
    raw_value = m.group("pctval")
    if len(raw_value) > _MAX_INT_DIGITS + _MAX_PLACES:
        return None
    try:
        value = Decimal(raw_value) if raw_value[0].isdigit() else _cn_decimal(raw_value)
    except (ValueError, InvalidOperation):
        return None
    return Quantity(value, "%", m.start(), m.end(), text[m.start() : m.end()], "percent")


_CELL_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)")


def parse_decimal(s: str) -> Decimal | None:
    """The number a table cell or field holds (``" 1,318.20 "``, ``"３１１５．４８"``), else ``None``.

    Only a cell that is just a number (optionally with a trailing ``%``) is accepted; ``"≥90%"``
    or ``"95.6万"`` are not plain numbers — use :func:`find_quantities` for those.
    """
    t = normalize(s).strip().rstrip("%").strip()
    if not t or len(t) > 2 * _MAX_INT_DIGITS or _CELL_NUMBER.fullmatch(t) is None:
        return None
    return Decimal(t.replace(",", ""))
