"""Forms whose cells an OCR or a document preview glued together: "质量指标渔船补贴发放率100%100%10"
is a row's name, its 年初目标值, 实际完成值 and 得分 with nothing between them, and "补贴渔船数6620"
may be 6 | 6 | 20 or 6 | 62 | 0 or 66 | 2 | 0.

A row is read only when its digits split one way alone in the cells kept (its 分值 and 得分): each
cell a number as written ("100%", "1.56", never "05"), a space, a "%" or a unit where the text has
one ending a cell, the 得分 no larger than the row's 分值 (or 100), and in the funds block the 执行率
equal to 执行数 ÷ 预算数 ("1.561.56120" is 1.56 | 1.56 | 1 | 20 and nothing else) and the 得分 no
larger than the block's 分值. A row whose digits split more than one way is not guessed: it is
named in :attr:`Glued.unsplit`, so that a report of which nothing could be read says so (RD001)
instead of passing for one without scores, and one read in part says which rows it left (RD003).

The columns come from the header words, as written before the rows ("预算数(A)执行数(B)执行率(B/A)
得分(20分*执行率)", "三级指标年初目标值(A)实际完成值(B)得分"); a row is a run of digits between
two Chinese characters after its header, its name the words before it. A form broken over two lines
by a page break is read on as one, up to its 总分. The 总分 itself is read only when the form is
shown whole by its maxima (the funds 分值 and every row's 分值 make the full mark) and no row was
left unsplit: a sum of part of the rows proves nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract.oneline import funds_kinds, funds_title_max
from drafter.check.extract.stacked import FLAT_MIN, INDICATOR_HEADER, funds_header, row_line
from drafter.check.facts import Source
from drafter.text.formwords import fund_total_name
from drafter.text.lazyre import lazy_compile
from drafter.text.numbers import COUNT_UNITS

__all__ = ["Glued", "is_candidate", "read_glued"]

#: a glued line has hardly any spaces: fewer than one in this many characters
_SPACE_RATIO = 20
#: a unit that ends a cell, as a "%" does: "126公里128公里20" is 126公里 | 128公里 | 20
_UNITS = "%|％|万元|元|" + COUNT_UNITS
#: a run of cells between a row's name and the next words (spaces within it are cell borders)
_BLOB = lazy_compile(
    r"(?<=[\u4e00-\u9fff)）:：])\d[\d.]*(?:"
    + _UNITS
    + r")?(?: ?\d[\d.]*(?:"
    + _UNITS
    + r")?)*(?=[\u4e00-\u9fff]|$)"
)
#: the run's pieces: digits, and the unit, "%" or space that ends the last cell among them
_PIECE = lazy_compile(r"(\d[\d.]*)(" + _UNITS + r")? ?")
#: one cell's number as written: no leading zero, one decimal point
_CELL = lazy_compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")
#: the longest run tried, the longest cell, and how many steps the splits of one run may take
#: (the splits of a longer run are not worth counting: it is left unread, as an undecided one)
_BLOB_MAX = 32
_CELL_MAX = 12
_SPLIT_BUDGET = 2000
#: the most rows read from one form
_MAX_ROWS = 80
#: the funds block's total row's name ending a run of text ("年度资金总额：")
_FUNDS_TOTAL_NAME = lazy_compile(lambda: fund_total_name() + r"[:：]?$")
_AMOUNTS = frozenset(("initial", "budget", "actual"))
#: the indicator header's columns, in the words of the national and the provincial forms
_INDICATOR_KINDS = (
    ("target", lazy_compile(r"年初目标值|年度指标值|目标值|指标值")),
    ("done", lazy_compile(r"实际完成值|全年实际值|实际值|完成值")),
    ("max", lazy_compile(r"分值|权重")),
    ("score", lazy_compile(r"得分")),
)
#: the 一级 and 二级 names before a row's own name (OCR may scramble the 一级 ones: "出标产指")
_LEVELS = lazy_compile(
    r".*(?:数量指标|质量指标|时效指标|成本指标|(?:经济|社会|生态)效益指标|可持续影响指标|服务对象满意度(?:指标)?|"
    r"满意度指标|产出指标|效益指标|得分(?:[（(][^）)]*[）)])?|指标\d+[:：]?)"
)
_NAME = lazy_compile(r"[\u4e00-\u9fff][\u4e00-\u9fff()（）、]+$")
#: what ends a form: its 总分, or the notes under it
_TOTAL = lazy_compile(r"(?:总分|合计)[:：]?$")
_STOP = lazy_compile(r"备注|填表说明|偏差大或目标未完成")
#: no row is worth more than this, nor a form
_CAP = Decimal(100)
#: the lines of a form broken by page breaks that are read on as one
_MAX_LINES = 3


#: the header order of a form whose rows echo their values: 分值, 年度指标值, 全年实际值, 得分
_MAX_FIRST = ["max", "target", "done", "score"]
_DIGITS = lazy_compile(r"\d[\d.]*")
#: where a row's digits may begin: after a name's last character
_ROW_DIGIT = lazy_compile(r"(?<=[\u4e00-\u9fff)）])\d")
#: the longest target value echoed by the actual one ("≥1000人", "显著提升")
_ECHO_MAX = 24
#: what may follow a row's 得分: the next row's words, the page's "……", or the end of the line
_AFTER_ROW = frozenset("…(（")


@dataclass(frozen=True, slots=True)
class Glued:
    """Row lines rebuilt from glued forms, and the rows whose digits split more than one way."""

    rows: tuple[TextLine, ...] = ()
    unsplit: tuple[Source, ...] = ()


def is_candidate(tl: TextLine) -> bool:
    """Whether ``tl`` may hold a glued form (the cheap gate: long, a header word, no spaces)."""
    text = tl.text
    return (
        not tl.is_row
        and len(text) >= FLAT_MIN
        and "得分" in text
        and ("三级指标" in text or "执行数" in text)
        and text.count(" ") * _SPACE_RATIO < len(text)
    )


def read_glued(lines: list[TextLine]) -> Glued:
    """The rows of the glued forms among ``lines`` (none in most reports)."""
    rows: list[TextLine] = []
    unsplit: list[Source] = []
    i, n = 0, len(lines)
    while i < n:
        if not is_candidate(lines[i]):
            i += 1
            continue
        end = i + 1
        while end < min(n, i + _MAX_LINES) and _continues(lines[end]):
            end += 1
        form = _Form()
        for tl in lines[i:end]:
            if form.read_line(tl):
                break
        rows += form.out()
        unsplit += form.unsplit
        i = end
    return Glued(tuple(rows), tuple(unsplit))


def _continues(tl: TextLine) -> bool:
    """A form's next line after a page break: long and glued as well."""
    text = tl.text
    return not tl.is_row and len(text) >= FLAT_MIN // 2 and text.count(" ") * _SPACE_RATIO < len(text)


class _Form:
    """What one glued form yields, read line by line (a page break may split it)."""

    def __init__(self) -> None:
        self.funds: list[TextLine] = []
        self.funds_max: Decimal | None = None
        self.kinds: list[str] = []
        self.header_at: TextLine | None = None
        self.rows: list[TextLine] = []
        self.maxima: list[Decimal | None] = []
        self.unsplit: list[Source] = []
        self.total: tuple[TextLine, str] | None = None

    def read_line(self, tl: TextLine) -> bool:
        """Read the rows of one line; True when the form ended on it."""
        text = tl.text
        start = 0
        if not self.kinds:
            header = text.find("三级指标")
            if not self.funds:
                self._funds(tl, text[:header] if header >= 0 else text)
            if header < 0:
                return False
            start = header + len("三级指标")
        if self.kinds == _MAX_FIRST:
            return self._echoed(tl, text, start)
        for m in _BLOB.finditer(text, start):
            before = text[start : m.start()]
            start = m.end()
            if not self.kinds:
                self.kinds = [k for _at, k in sorted(_first_mentions(before))]
                self.header_at = tl
                if "score" not in self.kinds:
                    return True  # no 得分 column: no form
                if self.kinds == _MAX_FIRST:
                    return self._echoed(tl, text, m.start() - len(before) + _header_end(before))
                before = before[_header_end(before) :]
            if _STOP.search(before):
                return True
            if _TOTAL.search(before):
                self.total = (tl, m.group(0))
                return True
            if len(self.rows) + len(self.unsplit) >= _MAX_ROWS:
                return True  # no form has so many rows: read no further
            self._row(tl, before, m.group(0), m.start())
        return False

    def _funds(self, tl: TextLine, text: str) -> None:
        """The funds block's total row: "年度财政资金总额1.561.56120" under its header words."""
        for m in _BLOB.finditer(text):
            before = text[: m.start()]
            if _FUNDS_TOTAL_NAME.search(before) is None:
                continue
            words = before.replace(" ", "")
            kinds = funds_kinds(words)
            if "actual" not in kinds or not _AMOUNTS.intersection(kinds) - {"actual"} or "score" not in kinds:
                return
            block_max = funds_title_max(words)
            try:
                splits = list(islice(_funds_splits(m.group(0), kinds, block_max), 2))
            except _Undecided:
                splits = [(), ()]
            if len(splits) != 1:
                if len(splits) > 1:
                    self.unsplit.append(source_of(tl, _FUNDS_TOTAL_NAME.search(before).start(), m.end()))  # type: ignore[union-attr]
                return
            cells = splits[0]
            if block_max is None and "max" in kinds:
                block_max = Decimal(cells[kinds.index("max")])
            self.funds_max = block_max
            title = f"预算执行情况({block_max}分)" if block_max is not None and "max" not in kinds else ""
            name = _FUNDS_TOTAL_NAME.search(before).group(0).rstrip(":：")  # type: ignore[union-attr]
            self.funds = [funds_header(tl, kinds, title), row_line(tl, (name, *cells))]
            return

    def _row(self, tl: TextLine, before: str, blob: str, at: int) -> None:
        name = _row_name(before)
        if not name:
            return
        # only the 分值 and the 得分 are kept: splits that differ in the target and the actual value
        # alone ("1202018": 1|20 or 12|0, then 20|18 either way) agree on what is read
        kept = [k for k in self.kinds if k in ("max", "score")]
        splits: set[tuple[str, ...]] = set()
        undecided = False
        try:
            for cells in _row_splits(blob, self.kinds):
                splits.add(tuple(cells[self.kinds.index(k)] for k in kept))
                if len(splits) > 1:
                    break
        except _Undecided:
            undecided = True
        if not splits and not undecided:
            return  # no row: a number inside the words ("12月底之前")
        if len(splits) > 1 or undecided:
            self.unsplit.append(source_of(tl, at - len(name), at + len(blob)))
            return
        by_kind = dict(zip(kept, splits.pop(), strict=True))
        self.rows.append(row_line(tl, ("", "", name, "", "", "", by_kind["score"], "")))
        self.maxima.append(Decimal(by_kind["max"]) if "max" in by_kind else None)

    def _echoed(self, tl: TextLine, text: str, start: int) -> bool:
        """The rows of a form whose header puts the 分值 before the values (see :func:`_echo_rows`),
        from ``start`` (the end of its header, or of a page break); True when the form ended."""
        prev = start
        for at, end, cells in _echo_rows(text, start):
            before = text[prev:at]
            if _STOP.search(before):
                return True
            if _TOTAL.search(before):
                run = _DIGITS.match(text, at)
                self.total = (tl, run.group(0) if run else "")
                return True
            if len(self.rows) + len(self.unsplit) >= _MAX_ROWS:
                return True
            name = _row_name(before)
            if not name:
                continue
            if cells is None:
                run = _DIGITS.match(text, at)
                self.unsplit.append(source_of(tl, at - len(name), max(end, run.end() if run else at)))
            else:
                self.rows.append(row_line(tl, ("", "", name, "", "", "", cells[1], "")))
                self.maxima.append(Decimal(cells[0]))
            prev = end
        return False

    def out(self) -> list[TextLine]:
        out = list(self.funds)
        if not self.rows or self.header_at is None:
            return out
        out.append(row_line(self.header_at, INDICATOR_HEADER))
        out += self.rows
        total = self._total()
        if total is not None:
            out.append(total)
        return out

    def _total(self) -> TextLine | None:
        """The 总分 row, when the form is whole by its maxima and no row was left unsplit."""
        if self.total is None or self.unsplit or self.funds_max is None:
            return None
        if not self.maxima or any(m is None for m in self.maxima):
            return None
        tl, blob = self.total
        full = self.funds_max + sum(m for m in self.maxima if m is not None)
        # "总分100" (the score alone) or "总分100100" (the full mark, then the score); a full mark
        # below the maxima read is read too: rows left out of the sum could only add to it
        try:
            cells = [
                c
                for c in _splits(blob, 2)
                if (Decimal(c[0]) == full or full > Decimal(c[0]))
                and Decimal(c[0]) <= _CAP
                and Decimal(c[1]) <= Decimal(c[0])
            ]
        except _Undecided:
            return None
        if blob == format(full, "f"):
            return None  # the full mark alone or the score alone: which is not certain
        if len(cells) != 1:
            return None
        return row_line(tl, ("总分", *cells[0]))


def _echo_rows(text: str, start: int) -> Iterator[tuple[int, int, tuple[str, str] | None]]:
    """The rows of a form whose header reads 分值, 年度指标值, 全年实际值, 得分 and whose rows give the
    target and the actual value alike: "安装坡面水标尺10≥266米≥266米10", "项目(工程)验收合格率
    20100%100%20", "群众生产生活条件改善状况10显著提升显著提升10". Each place where digits follow
    a name's last character is tried: a 分值 (a number as written, at most 100), a value written
    twice over, a 得分 no larger than the 分值, then the next row's words. Yields ``(at, end,
    (分值, 得分))`` where one split fits, ``(at, end, None)`` where several fit with different
    numbers, and ``(at, at, None)`` for the digits of a place where none fits (a 总分, a number
    in words: the caller looks at the words before it)."""
    pos = start
    n = len(text)
    while True:
        m = _ROW_DIGIT.search(text, pos)
        if m is None:
            return
        at = m.start()
        found: set[tuple[str, str, int]] = set()
        for a in range(at + 1, min(n, at + 4) + 1):
            top = text[at:a]
            if not _CELL.match(top) or Decimal(top) > _CAP or Decimal(top) == 0:
                continue
            for width in range(1, _ECHO_MAX + 1):
                b = a + 2 * width
                if b >= n or text[a : a + width] != text[a + width : b]:
                    continue
                for c in range(b + 1, min(n, b + 5) + 1):
                    score = text[b:c]
                    if not _CELL.match(score) or Decimal(score) > Decimal(top):
                        continue
                    if c == n or _starts_words(text[c]):
                        found.add((top, score, c))
        if not found:
            yield at, at, None
            pos = at + 1
            continue
        if len(found) == 1:
            top, score, end = found.pop()
            yield at, end, (top, score)
        else:
            end = max(e for _t, _s, e in found)
            yield at, end, None
        pos = end


def _starts_words(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in _AFTER_ROW


def _first_mentions(words: str) -> list[tuple[int, str]]:
    return [(m.start(), kind) for kind, rx in _INDICATOR_KINDS if (m := rx.search(words)) is not None]


def _header_end(words: str) -> int:
    """Where the indicator header's words end in ``words`` (after its last column word)."""
    ends = [m.end() for _kind, rx in _INDICATOR_KINDS for m in rx.finditer(words)]
    return max(ends, default=0)


def _row_name(before: str) -> str:
    """A row's own name: the words before its digits, after the 一级 and 二级 names."""
    words = before.replace(" ", "")
    m = _LEVELS.match(words)
    name = words[m.end() :] if m is not None else words
    found = _NAME.search(name)
    return found.group(0) if found is not None and found.start() == 0 else ""


def _number(cell: str) -> Decimal:
    """The number of a cell without its unit or "%"."""
    end = len(cell)
    while end and not cell[end - 1].isdigit():
        end -= 1
    return Decimal(cell[:end])


def _plain(cell: str) -> bool:
    return cell[-1:].isdigit()


class _Undecided(Exception):
    """A run of digits with more ways to split than are worth counting: not read, as one with two."""


def _splits(blob: str, count: int) -> Iterator[tuple[str, ...]]:
    """Every way ``blob`` splits into ``count`` cells as written (a space, a "%" or a unit ends a
    cell; within a run of digits a cell may end anywhere its number stays well formed). Raises
    :class:`_Undecided` past :data:`_SPLIT_BUDGET` steps, so a hostile line costs little."""
    if len(blob) > _BLOB_MAX:
        raise _Undecided
    pieces = [(m.group(1), (m.group(2) or "").replace("％", "%")) for m in _PIECE.finditer(blob)]
    steps = [0]

    def walk(p: int, at: int, cells: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        steps[0] += 1
        if steps[0] > _SPLIT_BUDGET:
            raise _Undecided
        if p == len(pieces):
            if len(cells) == count:
                yield cells
            return
        if len(cells) >= count:
            return
        digits, unit = pieces[p]
        for end in range(at + 1, min(len(digits), at + _CELL_MAX) + 1):
            cell = digits[at:end]
            if not _CELL.match(cell):
                continue
            if end == len(digits):
                yield from walk(p + 1, 0, (*cells, cell + unit))
            else:
                yield from walk(p, end, (*cells, cell))

    yield from walk(0, 0, ())


def _row_splits(blob: str, kinds: list[str]) -> Iterator[tuple[str, ...]]:
    """The splits of an indicator row's digits that fit its columns."""
    for cells in _splits(blob, len(kinds)):
        by_kind = dict(zip(kinds, cells, strict=True))
        if not all(_plain(by_kind[k]) for k in ("max", "score") if k in by_kind):
            continue
        score = Decimal(by_kind["score"])
        top = Decimal(by_kind["max"]) if "max" in by_kind else _CAP
        if 0 < top <= _CAP and score <= top:
            yield cells


def _funds_splits(blob: str, kinds: list[str], block_max: Decimal | None) -> Iterator[tuple[str, ...]]:
    """The splits of a funds row's digits that fit its columns: amounts, a 执行率 equal to
    执行数 ÷ 预算数 (as a percentage or a ratio), a 得分 no larger than the 分值."""
    budget_kind = "budget" if "budget" in kinds else "initial"
    for cells in _splits(blob, len(kinds)):
        by_kind = dict(zip(kinds, cells, strict=True))
        if any(by_kind[k].endswith("%") for k in kinds if k != "rate"):
            continue
        if not all(_plain(by_kind[k]) for k in ("max", "score") if k in by_kind):
            continue
        budget, actual = _number(by_kind[budget_kind]), _number(by_kind["actual"])
        top = Decimal(by_kind["max"]) if "max" in by_kind else block_max or _CAP
        if not 0 < top <= _CAP or Decimal(by_kind["score"]) > top or budget <= 0:
            continue
        if "rate" in by_kind:
            rate = by_kind["rate"]
            percent = _number(rate) if rate.endswith("%") else _number(rate) * 100
            if abs(percent - actual / budget * 100) > _tolerance(rate):
                continue
            if percent == 0 and Decimal(by_kind["score"]) > 0:
                continue  # points for spending nothing: no scoring rule gives them
            if not rate.endswith("%"):
                cells = tuple(f"{percent.normalize():f}%" if k == "rate" else c for k, c in by_kind.items())
        yield cells


def _tolerance(rate: str) -> Decimal:
    """How far a 执行率 as written may be from 执行数 ÷ 预算数, in percentage points: half a unit
    of its last digit ("99%" ± 0.5, "99.10%" ± 0.005); a ratio without decimals ("1") is exact."""
    digits = rate.rstrip("%")
    places = len(digits.partition(".")[2])
    if not rate.endswith("%"):
        return Decimal(0) if places == 0 else Decimal(50) / Decimal(10) ** places
    return Decimal(5) / Decimal(10) ** (places + 1)
