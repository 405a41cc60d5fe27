"""Tables whose cells stand one per line, each closed by a bar ("得分 |"), an empty cell a line "|"
of its own: what copying some web pages' 自评表 gives (the Sichuan 部门预算项目支出绩效自评表, "权重 |"
/ "得分 |" / "产出指标 |" / "数量指标 |" … "60 |" / "|").

Unlike the one-cell-per-line tables of :mod:`.stacked`, whose empty cells are lost, the empty cells
are kept, so an indicator row is its header's cells in order: a row whose 得分 cell is empty keeps
its 分值 (权重), and the form's maxima can be checked though no score was given.

:func:`barred_rows` finds a header by a run of header cells that names a 得分 column, its columns by
the table vocabulary (:func:`drafter.check.extract.headers.read_header`). Under an indicator header
it takes rows of the header's number of cells (or one or two fewer, the leading names merged into
the row above) while they fit: names in the level columns, a number or nothing under 分值 and 得分.
Under a funds header it reads the block's total row (总额, 合计, 资金总额: its amounts, rate, 分值 and
得分 in the header's order), which gives the block's 分值. The rows are written back as row lines,
each numbered as the line of its first cell, for :func:`drafter.check.extract.tables.extract_tables`.
A 合计 row is written back only with both its numbers (an empty 得分 beside the 分值 of 100 is no
score of 100).
"""

from __future__ import annotations

from drafter.check.extract._common import TextLine
from drafter.check.extract.headers import header_words, read_header
from drafter.check.extract.stacked import funds_header, is_header_word, row_line
from drafter.text.lazyre import lazy_compile
from drafter.text.numbers import parse_decimal

__all__ = ["barred_rows", "is_candidate"]

#: a header cell is short
_HEADER_CELL = 16
#: the cells a row may lose to merged names on its left
_MERGED = 2
_EMPTY = frozenset(("", "/", "—", "-", "／", "——"))
_TOTAL = frozenset(("合计", "总分", "总计"))
#: the funds block's total row: its 分值 is the 预算执行率's
_FUNDS_TOTAL = lazy_compile(r"^(?:年度)?(?:资金)?(?:总额|合计|总计)$")
_FUNDS_KINDS = ("initial", "budget", "actual", "max", "rate", "score")
#: a rate cell of the funds block ("100.00%")
_RATE = lazy_compile(r"^\d+(?:\.\d+)?\s*[%％]$")
_SYMBOLS = frozenset("≥≤≧≦<>=＝＞＜")
#: a name cell holds words
_NAME = lazy_compile(r"[\u4e00-\u9fff]{2}")
#: cells of the rest of a funds header (a column no word names: "原因") before its total row
_FUNDS_SKIP = 2


def is_candidate(tl: TextLine) -> bool:
    """Whether ``tl`` may be a 得分 header cell closed by a bar (the cheap gate)."""
    text = tl.text
    return text.endswith("|") and not tl.is_row and len(text) <= _HEADER_CELL + 2 and "得分" in text


def _cell(tl: TextLine) -> str:
    text = tl.text.strip()
    return text[:-1].strip() if text.endswith("|") else text


def _is_header(cell: str) -> bool:
    return 0 < len(cell) <= _HEADER_CELL and (
        is_header_word(cell) or header_words().any.search(cell) is not None
    )


def _plain(cell: str) -> bool:
    return "%" not in cell and "％" not in cell and parse_decimal(cell) is not None


def barred_rows(lines: list[TextLine]) -> list[TextLine]:
    """Row lines rebuilt from the barred one-cell-per-line tables of ``lines`` (none in most reports)."""
    cells = [_cell(tl) for tl in lines]
    out: list[TextLine] = []
    i, n = 0, len(lines)
    while i < n:
        if not is_candidate(lines[i]) or not lines[i].text.endswith("|"):
            i += 1
            continue
        start = i
        while start > 0 and lines[start - 1].text.endswith("|") and _is_header(cells[start - 1]):
            start -= 1
        end = i + 1
        while end < n and lines[end].text.endswith("|") and _is_header(cells[end]):
            end += 1
        i = end
        found = read_header(tuple(cells[start:end]))
        if found is None or found[1].get("score") is None:
            continue
        mode, cols = found
        if mode == "funds":
            out.extend(_funds(lines, cells, end, cols))
        elif any(cols.get(k) is not None for k in ("l1", "l2", "l3")):
            rows, i = _indicators(lines, cells, end, end - start, cols)
            out.extend(rows)
    return out


def _funds(lines: list[TextLine], cells: list[str], at: int, cols: dict[str, int | None]) -> list[TextLine]:
    """The funds block's total row under its header: its name, then one value a column in the
    header's order (empty cells kept); [] when the row does not fit."""
    kinds = [k for k in sorted(cols, key=lambda k: cols[k] or 0) if k in _FUNDS_KINDS and cols[k] is not None]
    at = next(
        (
            k
            for k in range(at, min(at + _FUNDS_SKIP + 1, len(cells)))
            if _FUNDS_TOTAL.match(cells[k].replace(" ", ""))
        ),
        -1,
    )
    if at < 0:
        return []
    values = cells[at + 1 : at + 1 + len(kinds)]
    if len(values) < len(kinds):
        return []
    for kind, value in zip(kinds, values, strict=True):
        fits = _RATE.match(value) if kind == "rate" else value in _EMPTY or _plain(value)
        if not fits:
            return []
    row = tuple("" if v in _EMPTY else v for v in values)
    return [funds_header(lines[at], kinds, ""), row_line(lines[at], ("年度资金总额", *row))]


def _indicators(
    lines: list[TextLine], cells: list[str], at: int, width: int, cols: dict[str, int | None]
) -> tuple[list[TextLine], int]:
    """Indicator rows from cell ``at`` on, each the header's ``width`` cells (the leading names of
    a row merged into the row above: fewer), while they fit."""
    out: list[TextLine] = []
    weighted = cols.get("raw") is not None
    n = len(cells)
    while at < n and lines[at].text.endswith("|"):
        if cells[at] in _TOTAL:
            numbers = cells[at + 1 : at + 3]
            if len(numbers) == 2 and all(_plain(c) for c in numbers):
                out.append(row_line(lines[at], (cells[at], *numbers)))
            break
        row = None
        for lost in range(_MERGED + 1):
            row = _fit(cells[at : at + width - lost], lost, cols)
            if row is not None:
                break
        if row is None:
            break
        out.append(row_line(lines[at], row))
        at += width - lost
    if not out or (len(out) == 1 and out[0].line.cells[0] in _TOTAL):
        return [], at
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"]
    header += ["权重", "单项得分", "折算得分"] if weighted else ["分值", "得分"]
    return [row_line(out[0], (*header, "偏差原因分析及改进措施")), *out], at


def _fit(row: list[str], lost: int, cols: dict[str, int | None]) -> tuple[str, ...] | None:
    """The cells of one indicator row, ``lost`` leading names merged away, as the national header's
    cells; None when they do not fit (a name that is a number, a 分值 or 得分 that is not one)."""
    if not row:
        return None
    full = [""] * lost + row

    def at(kind: str) -> str:
        k = cols.get(kind)
        return full[k] if k is not None and k < len(full) else ""

    levels = [at(k) for k in ("l1", "l2", "l3")]
    present = [k for k in (cols.get("l1"), cols.get("l2"), cols.get("l3")) if k is not None]
    last = max(present, default=-1)
    if last < 0 or last >= len(full) or not full[last]:
        return None  # the row's own name stands in its last level column
    if any(full[k] and _NAME.search(full[k]) is None for k in present):
        return None  # a name is words: not a number, a symbol or a unit shifted into its column
    numbers = [at(k) for k in ("max", "raw", "score")]
    if any(v not in _EMPTY and not _plain(v) for v in numbers) or all(v in _EMPTY for v in numbers):
        return None
    nums = ["" if v in _EMPTY else v for v in numbers]
    values = nums if cols.get("raw") is not None else [nums[0], nums[2]]
    return (*levels, _target(full, cols, last), at("done"), *values, at("reason"))


def _target(full: list[str], cols: dict[str, int | None], last: int) -> str:
    """The target value: its cell, with a symbol in the cell before it ("指标性质": "=", "≥") and a
    unit in the cells after it up to the actual value ("度量单位": "%")."""
    at = cols.get("target")
    if at is None or at >= len(full):
        return ""
    start = at - 1 if at - 1 > last and full[at - 1] and all(ch in _SYMBOLS for ch in full[at - 1]) else at
    done = cols.get("done")
    stop = done if done is not None and done > at else at + 1
    return "".join(full[start:stop])
