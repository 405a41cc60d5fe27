"""Tables whose cells are separated by single spaces, a row to a line: what copying a PDF's or a
web page's 自评表 as text gives ("年初预算数 全年预算数 全年执行数 分值 执行率 得分" / "年度资金总额
500.00 520.00 494.00 10 95% 9.5" / "产出指标 数量指标 新建集中供水工程 ≥8处 8处 20 20").

A single space also stands inside cells ("≥ 8 处", "其中： 当年财政拨款") and between words of
prose, so the text reader does not split such lines into cells. Here a header line made only of
header words ("分值", "得分", "三级指标" …; the table's title may stand before them on its heading
line) opens a table, its columns found by the vocabulary the row reader uses
(:func:`drafter.check.extract.headers.read_header`), and the lines under it are read from their
right end, where the numbers stand: an indicator row's last plain numbers are its 得分 (with its
分值 before it when the header has that column, or — when a second header line divides the 得分
into "权重 单项得分 折算得分" — those three, in that line's order), the cells before them the
header's columns between the names and the numbers (实际完成值 and 年度指标值, a symbol, number and
unit in words of their own being one value; a column of another kind one word), the words before
those its names; a funds row's name, then its values under the header's columns (the amounts only
on a sub-row). A table's last line of names alone ("预算执行率 预算执行率", its cells cut or left
empty) is an indicator whose numbers are not known. A row whose numbers wrapped to the next line
("新建集中供水工程 ≥8处 8处" / "20 20") is joined; a line of words alone between rows (a wrapped
偏差原因) is passed over. The rows are written back as row lines under a header of the national
wording (with 权重 | 单项得分 | 折算得分 for a divided 得分), each numbered as its own line, for
:func:`drafter.check.extract.tables.extract_tables`.

The "总分 100 97.5" row is read only when the table is whole: every line under its header read
as a row, or — when a line of words was passed over — the funds block's 分值 and every row's 分值
add up to the full mark, so that line was no row (as for the one-line forms of :mod:`.oneline`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from drafter.check.extract._common import TextLine
from drafter.check.extract.headers import header_words, read_header
from drafter.check.extract.stacked import funds_header, is_header_word, row_line
from drafter.text.formwords import footer_start, fund_row_name, level1_start
from drafter.text.lazyre import lazy_compile
from drafter.text.numbers import parse_decimal

__all__ = ["SpacedTables", "is_candidate", "spaced_rows"]

#: a header line is short and holds the 得分 column
_HEADER_LEN = 120
#: a row of a table is short and has no sentence in it
_ROW_LEN = 90
_FUNDS_KINDS = ("initial", "budget", "actual", "max", "rate", "score")
_AMOUNTS = ("initial", "budget", "actual")
#: a header line of indicator rows names one of its levels
_LEVEL_WORD = lazy_compile(r"[一二三]级指标")
#: the words of a header's second line that head parts of a cell ("符号", "单位(文字描述)")
_SUB_WORD = 8
_VALUE = lazy_compile(r"^\d[\d,]*(?:\.\d+)?(?:万元|元|%|％|分)?$")
_EMPTY = frozenset(("—", "-", "/", "——", "－", "／"))
_TOTAL = frozenset(("总分", "合计", "总计"))
_SYMBOLS = frozenset("≥≤≧≦<>=＝＞＜")
#: a unit in a word of its own after a number ("2.5 万人", "12 种", "98 %(百分比)")
_UNIT = lazy_compile(r"^(?:%|％|[\u4e00-\u9fff]{1,3}|[A-Za-z/²³]{1,6})(?:[（(][^()（）]{1,8}[)）])?$")
#: the block's title with its 分值: "预算执行情况（万元）（20分）"
_TITLE_MAX = lazy_compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
#: words of a row's 偏差原因 that are no number, though written as one ("0": none)
_NO_REASON = frozenset(("0", "无", "/", "—", "-"))
#: the indicator block's title with its 分值: "年度绩效目标(80分)"
_GOAL = lazy_compile(r"^\s*年度绩效目标\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
#: lines of words alone passed over before a table is taken to have ended
_MAX_GAP = 3
#: a line of the form left as the template gave it, no row: "指标2:", "……", "指标1:/ / /" (not
#: applicable), a block's maximum alone on its line ("(30分)", its name lost)
_FILLER = lazy_compile(r"^(?:指标\s*\d+\s*[:：]?\s*/?|[…．.]{2,}|[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）])$")


def is_candidate(tl: TextLine) -> bool:
    """Whether ``tl`` may be the header line of a table with single spaces (the cheap gate)."""
    text = tl.text
    return not tl.is_row and "得分" in text and " " in text and len(text) <= _HEADER_LEN


@dataclass(frozen=True, slots=True)
class SpacedTables:
    """What the single-spaced tables of a report hold: row lines for the table reader, and the
    indicators named on a table's last line with no number written (cut, or left empty)."""

    rows: tuple[TextLine, ...] = ()
    #: (name, line) of each such indicator: it is in the form, its 分值 and 得分 are not known
    unscored: tuple[tuple[str, TextLine], ...] = ()


def spaced_rows(lines: list[TextLine]) -> SpacedTables:
    """Row lines rebuilt from the single-spaced tables of ``lines`` (none in most reports)."""
    out: list[TextLine] = []
    unscored: list[tuple[str, TextLine]] = []
    funds_max: Decimal | None = None
    i, n = 0, len(lines)
    while i < n:
        tl = lines[i]
        i += 1
        if not is_candidate(tl):
            continue
        header = _header_line(tl)
        if header is None:
            continue
        mode, cols = header
        if mode == "funds":
            kinds = [k for k in sorted(cols, key=lambda k: cols[k] or 0) if cols[k] is not None]
            rows, i, funds_max = _funds(lines, i, kinds, _title(lines, i - 1))
        else:
            sub = _sub_header(lines[i]) if i < n else None
            layout = _layout(cols, sub)
            i += sub is not None
            full = None
            if "max" not in layout.tail and funds_max is not None:
                # the provincial form states its parts' maxima: "预算执行情况(20分)" and, above
                # the indicator header, "年度绩效目标(80分)"; its 总分 row gives the score alone
                goal = next(
                    (m for k in (i - 2, i - 3) if k >= 0 and (m := _GOAL.search(lines[k].text))), None
                )
                full = funds_max + Decimal(goal.group(1)) if goal else None
            rows, i, last = _indicators(lines, i, layout, funds_max, full)
            if last is not None:
                unscored.append(last)
        out.extend(rows)
    return SpacedTables(tuple(out), tuple(unscored))


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where an indicator row's words stand under a single-spaced header, read from the row's right end."""

    #: the columns between the names and the numbers, left to right: "target", "done", or "" for a
    #: column of one word that is neither (a second 完成情况, an explanation under a 分值 word)
    middle: tuple[str, ...]
    #: the plain numbers at the row's right end, left to right: "max", "raw" (a 单项得分), "score"
    tail: tuple[str, ...]
    #: whether words after the numbers are the row's 偏差原因
    reason: bool


#: the header's columns of plain numbers
_NUMERIC = ("max", "raw", "score")
#: the columns of the table vocabulary a word of a header line may name (see :mod:`.headers`)
_COLUMN_WORDS = ("l1", "l2", "l3", "target", "done", "max", "score", "weighted", "reason")
#: the same and the funds columns, for a header's words: "全年预算数(A)", "全年执行数(B)" with their letters
_HEADER_COLUMN_WORDS = (*_COLUMN_WORDS, "budget", "actual", "rate")


def _is_header_word(token: str) -> bool:
    """A word of a header line: a column's word of the table vocabulary, or a form's block title or
    a fragment of a wrapped cell."""
    if is_header_word(token):
        return True
    h = header_words()
    return len(token) <= 16 and any(getattr(h, k).search(token) for k in _HEADER_COLUMN_WORDS)


def _header_line(tl: TextLine) -> tuple[str, dict[str, int | None]] | None:
    """The table a line of header words opens and its columns, by the vocabulary the row reader
    uses (:func:`.headers.read_header`); None when a word of it is no header word or it names no
    得分. The table's title on the same heading line ("四、年度绩效指标完成情况 一级指标 …") is
    no column."""
    tokens = tl.text.split()
    if tl.head is not None and len(tokens) > 1 and tokens[0].startswith(tl.head[1]):
        tokens = tokens[1:]  # no header cell starts with an outline marker
    if not all(_is_header_word(t) for t in tokens):
        return None
    found = read_header(tuple(_joined(tokens)))
    if found is None or found[1].get("score") is None:
        return None
    if found[0] == "indicators" and not _LEVEL_WORD.search(tl.text):
        return None  # a form of indicator rows names its levels
    return found


def _joined(tokens: list[str]) -> list[str]:
    """Words of a header with a wrapped cell's fragment ("年初 预算数") joined to the word after it."""
    h = header_words()
    out: list[str] = []
    prefix = ""
    for token in tokens:
        text = prefix + token
        if len(token) <= 2 and not prefix and not any(getattr(h, k).search(token) for k in _COLUMN_WORDS):
            prefix = token
            continue
        out.append(text)
        prefix = ""
    return out + ([prefix] if prefix else [])


def _sub_header(tl: TextLine) -> dict[str, int | None] | None:
    """The columns of a header's second line that divides the first line's 得分 into columns of
    numbers ("自评得分" over "单项指标得分 权重占比(%) 单项指标折算得分"); its other words head
    parts of the value cells ("符号 单位"), which the row reader takes as they come. None when the
    line is no such header."""
    text = tl.text
    if tl.is_row or "得分" not in text or len(text) > _HEADER_LEN or any(ch.isdigit() for ch in text):
        return None
    tokens = text.split()
    if _LEVEL_WORD.search(text) or not all(_is_header_word(t) or len(t) <= _SUB_WORD for t in tokens):
        return None
    found = read_header(tuple(tokens))
    if found is None or found[0] != "indicators":
        return None
    cols = found[1]
    return cols if sum(1 for k in _NUMERIC if cols.get(k) is not None) >= 2 else None


def _layout(cols: dict[str, int | None], sub: dict[str, int | None] | None) -> _Layout:
    """The layout of the rows under a header with columns ``cols`` (and a second line ``sub`` that
    divides its 得分, whose columns of numbers are then the row's last numbers)."""
    last_level = max(cols[k] or 0 for k in ("l1", "l2", "l3") if cols.get(k) is not None)
    numbers = sub if sub is not None else cols
    tail = tuple(sorted((k for k in _NUMERIC if numbers.get(k) is not None), key=lambda k: numbers[k] or 0))
    # the row's numbers start where its 得分 starts (divided by the second line) or its first number
    end = (cols["score"] if sub is not None else min(cols[k] or 0 for k in tail)) or 0
    values = {at: k for k in ("target", "done") if (at := cols.get(k)) is not None}
    middle = tuple(values.get(at, "") for at in range(last_level + 1, end))
    return _Layout(middle, tail, cols.get("reason") is not None)


def _title(lines: list[TextLine], at: int) -> str:
    """The funds block's title with its 分值 on one of the lines above its header, if any."""
    for k in range(at - 1, max(-1, at - 4), -1):
        m = _TITLE_MAX.search(lines[k].text)
        if m is not None and "*" not in lines[k].text:
            return f"预算执行情况({m.group(1)}分)"
    return ""


def _ends(tl: TextLine) -> bool:
    text = tl.text
    return tl.is_row or len(text) > _ROW_LEN or "。" in text or footer_start().match(text) is not None


def _value(token: str) -> bool:
    return _VALUE.match(token) is not None or token in _EMPTY


def _funds(
    lines: list[TextLine], i: int, kinds: list[str], title: str
) -> tuple[list[TextLine], int, Decimal | None]:
    """Funds rows from line ``i`` on: a name, then values under the header's columns (or the
    amounts only, on a sub-row)."""
    columns = [k for k in kinds if k in _FUNDS_KINDS]
    amounts = sum(1 for k in columns if k in _AMOUNTS)
    out: list[TextLine] = []
    block_max: Decimal | None = None
    j, n = i, len(lines)
    while j < n and not _ends(lines[j]):
        tokens = lines[j].text.split()
        k = len(tokens)
        while k > 0 and _value(tokens[k - 1]):
            k -= 1
        name, values = "".join(tokens[:k]), tokens[k:]
        if not name or fund_row_name().search(name) is None:
            break
        if len(values) == amounts:
            values = values + [""] * (len(columns) - amounts)
        elif (
            len(values) == len(columns) - 1
            and "rate" in columns
            and not any(v.endswith(("%", "％")) for v in values)
        ):
            # "年度资金总额: 880 880 880 10 10": the 执行率 cell left empty, the others written
            at = columns.index("rate")
            values = [*values[:at], "", *values[at:]]
        if len(values) != len(columns) or any(
            v.endswith(("%", "％")) and kind != "rate" for kind, v in zip(columns, values, strict=True)
        ):
            break  # cells that do not fit the columns: read no further
        if not out:
            out.append(funds_header(lines[j], columns, title))
            block_max = (
                parse_decimal(values[columns.index("max")])
                if "max" in columns
                else parse_decimal(title.partition("(")[2].rstrip("分)"))
            )
        out.append(row_line(lines[j], (name, *values)))
        j += 1
    return out, j, block_max


def _plain(token: str) -> bool:
    return _VALUE.match(token) is not None and token[-1].isdigit()


def _take_value(before: list[str]) -> str:
    """The last value cell of ``before`` (removed from it): a figure, with a unit or a symbol in
    words of their own ("≥ 2.4 万人"), or a short phrase ("明显改善")."""
    if not before:
        return ""
    parts = [before.pop()]
    if _UNIT.match(parts[0]) and before and any(ch.isdigit() for ch in before[-1]):
        parts.insert(0, before.pop())
    if before and all(ch in _SYMBOLS for ch in before[-1]):
        parts.insert(0, before.pop())
    return "".join(parts)


def _parse(tokens: list[str], layout: _Layout) -> tuple[str, ...] | None:
    """An indicator row read from its right end, as the cells of the national header (with 权重 |
    单项得分 | 折算得分 when the layout has a 单项得分); None when the words do not hold one (no
    得分, no name)."""
    width = len(layout.tail)
    k = len(tokens) - 1
    if (
        layout.reason
        and k >= max(width, 2)
        and tokens[k] in _NO_REASON
        and all(_plain(t) for t in tokens[k - max(width, 2) : k])
    ):
        k -= 1  # "15 13 0": the 0 is the 偏差原因's "none"
    while k >= 0 and not _plain(tokens[k]):
        k -= 1
    first = k - width + 1
    if first < 0 or not all(_plain(t) for t in tokens[first : k + 1]):
        return None
    reason = " ".join(t for t in tokens[k + 1 :] if t not in _NO_REASON)
    before = tokens[:first]
    values = {"target": "", "done": ""}
    for column in reversed(layout.middle):
        if column:
            values[column] = _take_value(before)
        elif before:
            before.pop()  # a column of one word that is no value
    names = [t for t in before if t not in _EMPTY]
    if not names and first:
        # "质量指标 指标1:工程质量合格 10 10": too few words for names and values, so the value cells
        # were left empty (a row names its indicator, whatever else it leaves out)
        values = {"target": "", "done": ""}
        names = [t for t in tokens[:first] if t not in _EMPTY]
    if not names or len(names) > 4 or any(any(ch.isdigit() for ch in t) and len(t) < 4 for t in names):
        return None
    levels = ["", "", ""]
    kept = names[-3:]
    # a row that starts with a 一级 name names all three levels, or 一级 and 三级
    if len(kept) < 3 and level1_start().match(kept[0]):
        levels[0], levels[3 - len(kept) + 1 :] = kept[0], kept[1:]
    else:
        levels[3 - len(kept) :] = kept
    nums = dict(zip(layout.tail, tokens[first : k + 1], strict=True))
    if "raw" in nums:
        return (
            *levels,
            values["target"],
            values["done"],
            nums.get("max", ""),
            nums["raw"],
            nums.get("score", ""),
            reason,
        )
    return (*levels, values["target"], values["done"], nums.get("max", ""), nums.get("score", ""), reason)


def _indicators(
    lines: list[TextLine], i: int, layout: _Layout, funds_max: Decimal | None, full: Decimal | None
) -> tuple[list[TextLine], int, tuple[str, TextLine] | None]:
    """Indicator rows from line ``i`` on, the total when the table is whole, and the indicator
    named on the table's last line when no number follows its names ("预算执行率 预算执行率")."""
    out: list[TextLine] = []
    maxima: list[Decimal | None] = []
    carry: list[str] = []
    carry_at: TextLine | None = None
    total: tuple[TextLine, list[str]] | None = None
    gap = 0
    passed = 0  # lines of words passed over: a wrapped 偏差原因, or a row whose cells did not read
    j, n = i, len(lines)
    while j < n and not _ends(lines[j]):
        tl = lines[j]
        tokens = tl.text.split()
        j += 1
        if tokens[0] in _TOTAL:
            total = (tl, tokens[1:])
            break
        if is_candidate(tl) and _header_line(tl) is not None:
            j -= 1
            break  # the next table's header
        if all(t in _EMPTY or _FILLER.match(t) for t in tokens):
            gap = 0  # an empty row of the template: the table goes on; no row, no line passed over
            continue
        row = _parse(tokens, layout)
        at = tl
        if row is None and carry:
            row, at = _parse(carry + tokens, layout), carry_at or tl
            if row is not None:
                carry = []
        if row is None:
            passed += 1 if carry else 0
            carry, carry_at = tokens, tl
            gap += 1
            if gap > _MAX_GAP:
                break
            continue
        passed += 1 if carry else 0
        carry, carry_at, gap = [], None, 0
        out.append(row_line(at, row))
        maxima.append(parse_decimal(row[5]) if row[5] else None)
    if len(out) < 2:
        return [], j, None
    if "raw" in layout.tail:
        # the row reader's weighted columns: the 折算得分 is the score against the 权重
        header: tuple[str, ...] = (
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "权重",
            "单项得分",
            "折算得分",
        )
    else:
        header = (
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值" if "max" in layout.tail else "",
            "得分",
        )
    out.insert(0, row_line(out[0], (*header, "偏差原因分析及改进措施")))
    passed += 1 if carry else 0
    if total is not None and _whole(total[1], maxima, funds_max, passed == 0):
        numbers = total[1][:2]
        if len(numbers) == 1 and full is not None:
            numbers = [format(full, "f"), *numbers]  # the full mark the form states in its parts
        out.append(row_line(total[0], ("总分", *numbers)))
    last = None
    if total is None and carry_at is not None and _names_only(carry):
        last = (carry[0], carry_at)
    return out, j, last


def _names_only(tokens: list[str]) -> bool:
    """Whether a line's words are an indicator's names and nothing else: a few words of two or more
    characters, no digit, no sentence punctuation (not a wrapped 偏差原因, which reads as a clause)."""
    return 0 < len(tokens) <= 4 and all(
        len(t) >= 2 and not any(ch.isdigit() or ch in "，,。；;、" for ch in t) for t in tokens
    )


def _whole(numbers: list[str], maxima: list[Decimal | None], funds_max: Decimal | None, every: bool) -> bool:
    """Whether "总分 100 97.5" closes a whole table: every line under the header read as a row
    (``every``), or the 分值 of the funds block and of every row read add up to its 100 (a line
    passed over was no row)."""
    if not numbers or not all(_plain(t) for t in numbers[:2]):
        return False
    if every:
        return True  # "总分 97.5" (a form without 分值) or "总分 100 97.5"
    if len(numbers) < 2:
        return False
    full = parse_decimal(numbers[0])
    if full is None or funds_max is None or not maxima or any(m is None for m in maxima):
        return False
    return funds_max + sum(m for m in maxima if m is not None) == full
