"""Forms flattened into one line, cells out of order: what a web page, a PDF text layer or a
document preview gives of a 项目支出绩效自评表 ("… 年初预算数 全年预算数 全年执行数 分值 执行率 年度
资金总额: 620.82万元 620.82万元 620.82万元 100 100% 10 其中:当年财政 拨款 620.82万元 … 得分 …").

The words of such a line stand in the order of the document's text layer, not of the table: a
header's words come first or last, a row's name before or after its values, a block's title
("预算执行情况(万元)(20分)") anywhere before them. What can be read without guessing is read:

- the funds block: its columns from the header words (each kind at its first mention, in that
  order), then runs of as many values as there are columns, each run the row of the funds name
  (年度资金总额, 其中:当年财政拨款 …) written last before it; a run whose cells do not fit the
  columns (a rate where an amount stands) is not read. The national form's 得分 column, printed
  after the rows, is the last column when each run has one value more than the header before it.
- the maxima of the form's groups: "年度绩效目标(80分)" and the 一级 groups under it ("产出指标
  (60分)", "效益指标(40分)"), taken only when the form runs on to its 总分 (it is whole) and every
  一级 group named carries its maximum.

Indicator rows of such a line are read by :func:`drafter.check.extract.stacked.flattened_form`,
given the funds block's 分值 so that it can tell a whole form (its total then checked) from a part;
by :mod:`.numbered` when the values come before their names (the 总分 alone when the names are
not numbered and the sums close).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from drafter.check.extract._common import TextLine
from drafter.check.extract.flatscores import GATE_WORD, flat_score_rows
from drafter.check.extract.numbered import closed_total, numbered_rows
from drafter.check.extract.stacked import FLAT_MIN, flattened_form, funds_header, row_line
from drafter.text.formwords import fund_row_name, level1_names
from drafter.text.lazyre import lazy_compile
from drafter.text.numbers import parse_decimal

__all__ = ["GroupMax", "OneLine", "funds_kinds", "funds_title_max", "read_one_line"]

#: a line long enough to hold a form, and the word a funds block's header cannot do without
FUNDS_GATE = "执行数"

#: a value cell of a funds row: an amount (its unit written in), a rate, a score; or an empty cell
_VALUE = lazy_compile(r"^\d[\d,]*(?:\.\d+)?(?:万元|元|%|分)?$")
_EMPTY = frozenset(("—", "-", "/", "——", "－"))
#: the kinds of the funds header, each at its first mention (spaces between words removed)
_FUNDS_KINDS = (
    ("initial", lazy_compile(r"年初预算数?")),
    ("budget", lazy_compile(r"全年预算数?|预算数\(A\)|(?<![初全])预算数")),
    ("actual", lazy_compile(r"全年执行数?|执行数\(B\)|(?<![全])执行数")),
    ("max", lazy_compile(r"分值|权重")),
    ("rate", lazy_compile(r"执行率")),
    ("score", lazy_compile(r"得分")),
)
#: how far before the first 执行数 the header may start ("年初预算数 全年预算数 全年执行数")
_HEADER_REACH = 30
_AMOUNTS = frozenset(("initial", "budget", "actual"))
#: a funds row's name, with its 其中 ("其中:当年财政拨款"), in text whose spaces were removed
_FUNDS_NAME = lazy_compile(lambda: r"(?:其中:?)?" + fund_row_name().pattern)
#: what may stand between a later row's name and its values (":", "(万元)")
_NAME_GAP = 6
#: the block's title with its maximum: "预算执行情况(万元)(20分)"
_FUNDS_TITLE = lazy_compile(r"(?:预算执行情况|预算执行|项目资金)(?:\(万元\))?\((\d+(?:\.\d+)?)分\)")
#: the funds block's 得分 header with its formula: "得分(20分*执行率)"
_SCORE_FORMULA = lazy_compile(r"得分[（(](\d+(?:\.\d+)?)分\s*[*×xX]\s*执行率[)）]")
_MAX_AFTER = lazy_compile(r"^\s*\(\s*(\d+(?:\.\d+)?)\s*分\s*\)")
_PARENT = lazy_compile(r"年度绩效目标\((\d+(?:\.\d+)?)分\)")
#: spaces between the words of a wrapped cell ("年度财政 资金总额", "(20 分)")
_INNER_SPACE = lazy_compile(r"(?<=[^\d\s.%])\s+(?=[^\d\s])|(?<=\()\s+|\s+(?=\))|(?<=\d)\s+(?=分\))")


@dataclass(frozen=True, slots=True)
class GroupMax:
    """A group of the form and its maximum as written, with the groups under it."""

    name: str
    max: Decimal
    line: TextLine
    children: tuple[GroupMax, ...] = ()


@dataclass(frozen=True, slots=True)
class OneLine:
    """What the one-line forms of a report hold: row lines for the table reader, and group maxima."""

    rows: tuple[TextLine, ...] = ()
    groups: tuple[GroupMax, ...] = ()


def is_candidate(tl: TextLine) -> bool:
    """Whether ``tl`` may be a form flattened into one line (the cheap gate)."""
    text = tl.text
    return not tl.is_row and len(text) >= FLAT_MIN and (FUNDS_GATE in text or GATE_WORD in text)


def read_one_line(lines: list[TextLine]) -> OneLine:
    """The funds and indicator rows and the group maxima of the one-line forms among ``lines``."""
    rows: list[TextLine] = []
    groups: list[GroupMax] = []
    for tl in lines:
        if not is_candidate(tl):
            continue
        funds_max = None
        if FUNDS_GATE in tl.text:
            funds, funds_max = _funds(tl)
            rows.extend(funds)
        rows.extend(
            flat_score_rows(tl)
            or numbered_rows(tl, funds_max)
            or flattened_form(tl, funds_max)
            or closed_total(tl)
        )
        group = _groups(tl)
        if group is not None:
            groups.append(group)
    return OneLine(tuple(rows), tuple(groups))


def _squeeze(text: str) -> str:
    return _INNER_SPACE.sub("", text)


def _runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Spans of tokens that are value cells, three or more with at least two numbers."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        if not (_VALUE.match(tokens[i]) or tokens[i] in _EMPTY):
            i += 1
            continue
        j = i
        while j < n and (_VALUE.match(tokens[j]) or tokens[j] in _EMPTY):
            j += 1
        if j - i >= 3 and sum(1 for t in tokens[i:j] if t not in _EMPTY) >= 2:
            out.append((i, j))
        i = j
    return out


def funds_kinds(words: str) -> list[str]:
    """The funds columns the header words name, in the order of their first mention from a little
    before the first 执行数."""
    first = words.find(FUNDS_GATE)
    if first < 0:
        return []
    words = words[max(0, first - _HEADER_REACH) :]
    found = [(m.start(), kind) for kind, rx in _FUNDS_KINDS if (m := rx.search(words)) is not None]
    return [kind for _at, kind in sorted(found)]


def _fits(values: list[str], kinds: list[str]) -> bool:
    """Whether each value can stand in its column: "%" only in the rate, "元" only in an amount,
    and an amount in the row (a score above its 分值 is read: the header says which is which)."""
    by_kind = dict(zip(kinds, values, strict=True))
    for kind, value in by_kind.items():
        if value in _EMPTY:
            continue
        percent = value.endswith("%")
        if kind == "rate":
            continue
        if percent or (kind not in _AMOUNTS and value.endswith("元")):
            return False
    return any(parse_decimal(by_kind.get(k, "").rstrip("万元")) is not None for k in _AMOUNTS)


def _funds(tl: TextLine) -> tuple[list[TextLine], Decimal | None]:
    """The funds rows of a one-line form (header words, then each row's name and value run), and
    the block's 分值 (its total row's, or the title's "(20分)")."""
    tokens = tl.norm.split()
    runs = _runs(tokens)
    out: list[TextLine] = []
    kinds: list[str] = []
    title = ""
    block_max: Decimal | None = None
    prev = 0
    for a, b in runs:
        words = _squeeze(" ".join(tokens[prev:a]))
        values = tokens[a:b]
        if not kinds:
            kinds = funds_kinds(words)
            if "actual" not in kinds or not _AMOUNTS.intersection(kinds) - {"actual"}:
                kinds = []
                prev = b
                continue
            if len(values) == len(kinds) + 1 and "score" not in kinds and "得分" in tl.norm:
                kinds.append("score")  # the national form's 得分, printed after the rows
            m = _FUNDS_TITLE.search(words)
            title = f"预算执行情况({m.group(1)}分)" if m else ""
        names = list(_FUNDS_NAME.finditer(words))
        amounts = sum(1 for k in kinds if k in _AMOUNTS)
        if out and len(values) == amounts < len(kinds):
            values = values + ["—"] * (len(kinds) - amounts)  # a sub-row: its amounts only
        if out and names and len(words) - names[-1].end() > _NAME_GAP:
            names = []  # a later row's name stands right before its values
        rows = _rows_of_run(names, values, kinds, first=not out)
        if not rows:
            if out:
                break  # the block ends at the first run that is no funds row
            kinds = []
            prev = b
            continue
        if not out:
            out.append(funds_header(tl, kinds, title))
            at = kinds.index("max") if "max" in kinds else None
            block_max = _number(rows[0][1][at]) if at is not None else _number(title.partition("(")[2])
        out.extend(row_line(tl, (name, *cells)) for name, cells in rows)
        prev = b
    return out, block_max


def _rows_of_run(
    names: list[re.Match[str]], values: list[str], kinds: list[str], *, first: bool
) -> list[tuple[str, list[str]]]:
    """The funds rows one run of values holds: the row of the name written last before it, or —
    the block's first run only — as many rows as names before it, the total's first ("年度资金总额
    其中:当年财政拨款 … 得分 65.66 65.07 10 99% 9 65.66 65.07 — 99% —": the names of the rows, then
    their values in one run, in the same order). [] when the cells do not fit the columns."""
    if not names or not kinds:
        return []
    if len(values) == len(kinds):
        return [(names[-1].group(0), values)] if _fits(values, kinds) else []
    width = len(kinds)
    count = len(values) // width
    if not first or count < 2 or len(values) != count * width or len(names) != count:
        return []
    if "总额" not in names[0].group(0):
        return []
    rows = [(names[k].group(0), values[k * width : (k + 1) * width]) for k in range(count)]
    return rows if all(_fits(cells, kinds) for _name, cells in rows) else []


def funds_title_max(words: str) -> Decimal | None:
    """The funds block's 分值 written in its title or its 得分 header ("预算执行情况(万元)(20分)",
    "得分(20分*执行率)") in ``words`` whose spaces were removed, or None."""
    m = _FUNDS_TITLE.search(words) or _SCORE_FORMULA.search(words)
    return Decimal(m.group(1)) if m is not None else None


def _number(text: str) -> Decimal | None:
    return parse_decimal(text.rstrip("分)"))


def _groups(tl: TextLine) -> GroupMax | None:
    """The form's 年度绩效目标 with its 一级 groups' maxima, when the form is whole (it runs on to
    its 总分) and every 一级 group it names has its maximum written."""
    text = tl.norm
    squeezed = _squeeze(text)
    parent = _PARENT.search(squeezed)
    if parent is None or "总分" not in squeezed[parent.end() :]:
        return None
    maxima: dict[str, Decimal] = {}
    pos = 0
    for token in text.split():
        at = text.find(token, pos)
        pos = at + len(token)
        name = token.split("(")[0]
        if name not in level1_names():  # a word of its own ("社会效益 指标" is no group)
            continue
        m = _MAX_AFTER.match(text[at + len(name) :])
        if m is None:
            return None  # a group without its maximum: the groups cannot be added up
        value = Decimal(m.group(1))
        if maxima.setdefault(name, value) != value:
            return None
    if len(maxima) < 2:
        return None
    children = tuple(GroupMax(name, value, tl) for name, value in maxima.items())
    return GroupMax("年度绩效目标", Decimal(parent.group(1)), tl, children)
