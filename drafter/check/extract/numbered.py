"""Indicator rows of a one-line form paired by order: the rows of the national 自评表 name their
三级 indicators "指标1:…", "指标2:…", and a document preview that flattens the form into one line
keeps the names in the table's order and the values in the table's order, but not one beside the
other: the values of a block (its 年度指标值, 实际完成值, 分值, 得分) and the "100 94" of the 总分 may
come before the names they belong to ("… 指标1:工程完工及时率 100% 100% 10 10 12元 12元 10 10 90% 90%
20 18 100 96 成本指标 指标1:每户补助标准 效益指标 指标1:受益群众知晓率 总分").

When the line says which values are which, the order decides: the values after the last 三级指标
(header words between them are passed over) split into groups of four cells with nothing left
over — a 分值 and a 得分 no larger than it, the 总分's two numbers last — and there are as many
groups as numbered names, so the k-th group is the k-th name's. Anything else (a run of values
that does not split, a name without its values, a number in a 偏差原因) leaves the line to
:func:`drafter.check.extract.stacked.flattened_form`, which reads names before values only.

The rows keep their name and 得分 only (a row's 偏差原因 cannot be placed), and the 总分 is read
when the form is whole: the funds block's 分值 and every row's 分值 add up to its full mark.

Where the names are not numbered (split around the values, "与…结算完成 年度 指标值 … 10 10 100
98.62 率"), :func:`closed_total` reads the 总分 alone, and only when both sums close: the rows'
分值 and 得分 and one pair of numbers of the funds block make its two numbers.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from drafter.check.extract._common import TextLine
from drafter.check.extract.stacked import INDICATOR_HEADER, row_line
from drafter.text.lazyre import lazy_compile
from drafter.text.numbers import parse_decimal

__all__ = ["closed_total", "numbered_rows"]

#: the cheap gate: a numbered indicator name
GATE = "指标1"
#: a numbered name's mark: "指标1:", "指标12："
_MARK = lazy_compile(r"^指标\s*\d{1,2}\s*[:：]")
#: a value cell: a figure with its symbol and unit ("≥95%", "75元", "2.5万人"), or an empty cell
_VALUE = lazy_compile(r"^[≥≤≧≦<>＞＜]?=?\d[\d,]*(?:\.\d+)?(?:%|％|[\u4e00-\u9fff]{1,3}|[A-Za-z/²³]{1,6})?$")
_EMPTY = frozenset(("—", "-", "/", "——", "－", "／"))
#: the header's words: a token that is part of one is passed over ("偏差原因分析及改进措 施")
_HEADER_WORDS = INDICATOR_HEADER
#: the 一级 and 二级 names and the titles of a form: a name does not run on into one of them
_LEVEL_WORDS = (
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "绩效指标",
    "年度总体目标",
    "总分",
)
_WIDTH = 4  # 年度指标值, 实际完成值, 分值, 得分
#: no row of a form is worth more than this
_ROW_MAX_CAP = 50
_MIN_ROWS = 3
#: how far after a 三级指标 its header's 得分 may stand
_HEADER_REACH = 12
#: the longest word a 年度指标值 or 实际完成值 cell may be ("及时", "有效提升")
_WORD_CELL = 4


def numbered_rows(tl: TextLine, funds_max: Decimal | None) -> list[TextLine]:
    """The indicator rows (and the 总分, when the form is whole) of a one-line form whose numbered
    names and value groups pair one to one in order; [] when they do not."""
    text = tl.text
    if GATE not in text or "分值" not in text:
        return []
    tokens = text.split()
    level3 = max((i for i, t in enumerate(tokens) if t == "三级指标"), default=-1)
    if level3 < 0:
        return []
    names, runs, total = _walk(tokens[level3 + 1 :])
    if total is None and runs and len(runs[-1]) % _WIDTH == 2 and "总分" in tokens[level3 + 1 :]:
        total = (runs[-1][-2], runs[-1][-1])  # "… 10 9 100 94 成本指标 … 总分": the total's cells last
        runs[-1] = runs[-1][:-2]
    if any(len(run) % _WIDTH for run in runs):
        return []
    groups = [run[k : k + _WIDTH] for run in runs for k in range(0, len(run), _WIDTH)]
    if len(groups) < _MIN_ROWS or len(groups) != len(names) or not all(map(_group, groups)):
        return []
    out = [row_line(tl, INDICATOR_HEADER)]
    out += [
        row_line(tl, ("", "", name, "", "", "", cells[3], ""))
        for name, cells in zip(names, groups, strict=True)
    ]
    maxima = [Decimal(cells[2]) for cells in groups]
    if total is not None and _whole(total, maxima, funds_max):
        out.append(row_line(tl, ("总分", *total)))
    return out


def _walk(tokens: list[str]) -> tuple[list[str], list[list[str]], tuple[str, str] | None]:
    """The numbered names, the runs of value cells (header words within a run passed over) and the
    total written after its 总分, up to the 总分."""
    names: list[str] = []
    runs: list[list[str]] = []
    run: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        i += 1
        if _VALUE.match(token) or token in _EMPTY:
            run.append(token)
            continue
        if _header_part(token):
            continue
        if run:
            runs.append(run)
            run = []
        if token.startswith("总分"):
            after = tokens[i : i + 2]
            if len(after) == 2 and all(map(_plain, after)):
                return names, runs, (after[0], after[1])
            return names, runs, None
        mark = _MARK.match(token)
        if mark is None:
            continue
        name = token[mark.end() :]
        if not name and i < n:
            name, i = tokens[i], i + 1  # "指标1: 工程完工率"
        while i < n and _continues(tokens[i]):
            name += tokens[i]  # a name wrapped in its cell: "资金是否全部纳入医 保统筹"
            i += 1
        names.append(name)
    if run:
        runs.append(run)
    return names, runs, None


def _header_part(token: str) -> bool:
    """A header word or a piece of one; a single character only as a wrapped word's tail ("施"),
    not one from inside a word ("度" of 年度指标值 ends a name: "满意 度")."""
    if len(token) == 1:
        return any(word.endswith(token) for word in _HEADER_WORDS)
    return any(token in word for word in _HEADER_WORDS)


def _continues(token: str) -> bool:
    """Whether ``token`` is the rest of a wrapped name: words, and no header word, mark, or level
    name (or the start of one: "效益指" of a wrapped "效益指 标")."""
    if _VALUE.match(token) or token in _EMPTY or _header_part(token) or "指标" in token:
        return False
    if any(not ("\u4e00" <= ch <= "\u9fff" or ch in "、,，") for ch in token):
        return False
    return not any(word.startswith(token) for word in _LEVEL_WORDS)


def _plain(token: str) -> bool:
    return token[-1:].isdigit() and token[:1].isdigit() and parse_decimal(token) is not None


def _group(cells: list[str]) -> bool:
    """Whether four cells can be a row's 年度指标值, 实际完成值, 分值 and 得分."""
    target, done, mx, score = cells
    if not (_plain(mx) and _plain(score)) or (target in _EMPTY and done in _EMPTY):
        return False
    top, got = parse_decimal(mx), parse_decimal(score)
    return top is not None and got is not None and 0 < top <= _ROW_MAX_CAP and got <= top


def _whole(total: tuple[str, str], maxima: list[Decimal], funds_max: Decimal | None) -> bool:
    """Whether the 总分 closes the whole form: its funds 分值 and the rows' add up to its full mark."""
    full, got = parse_decimal(total[0]), parse_decimal(total[1])
    if full is None or got is None or got > full or funds_max is None:
        return False
    return funds_max + sum(maxima) == full


def closed_total(tl: TextLine) -> list[TextLine]:
    """The 总分 of a one-line form whose names cannot be paired (unnamed, split around the values)
    but whose sums close. After a 三级指标 and its header's 得分 come the rows' cells, four a row
    (年度指标值 and 实际完成值 a figure or a short word such as 及时, then 分值 and 得分), and the
    总分's "100 98.62" last; before the indicator block, the funds row's 分值 and 得分 are the one
    pair of adjacent numbers that make up the difference of both sums (100 − 90 = 10,
    98.62 − 90 = 8.62). Only then is the total certain. The rows are not read (which name is whose
    is not certain), the funds row is left to its own reader."""
    text = tl.text
    if "总分" not in text or "分值" not in text:
        return []
    tokens = text.split()
    for at, token in enumerate(tokens):
        if token != "三级指标":
            continue
        head = next(
            (k for k in range(at + 1, min(at + _HEADER_REACH, len(tokens))) if tokens[k] == "得分"), None
        )
        if head is None:
            continue
        total = _closed(tokens[:at], tokens[head + 1 :])
        if total is not None:
            return [row_line(tl, ("三级指标", "分值", "得分")), row_line(tl, ("总分", *total))]
    return []


def _closed(before: list[str], after: list[str]) -> tuple[str, str] | None:
    """The 总分 pair after the rows' cells in ``after``, when both sums close with one funds pair
    in ``before``; else None."""
    groups: list[list[str]] = []
    k = 0
    while k + _WIDTH <= len(after) and _group_cells(after[k : k + _WIDTH]):
        groups.append(after[k : k + _WIDTH])
        k += _WIDTH
    if len(groups) < _MIN_ROWS or k + 2 > len(after) or not (_plain(after[k]) and _plain(after[k + 1])):
        return None
    if k + 2 < len(after) and (_VALUE.match(after[k + 2]) or after[k + 2] in _EMPTY):
        return None  # the run goes on: its cells do not split as rows and a total
    full, got = parse_decimal(after[k]), parse_decimal(after[k + 1])
    if full is None or got is None or got > full or "总分" not in after[k + 2 :]:
        return None
    funds_max = full - sum(Decimal(cells[2]) for cells in groups)
    funds_score = got - sum(Decimal(cells[3]) for cells in groups)
    if not (0 < funds_max <= _ROW_MAX_CAP and 0 <= funds_score <= funds_max):
        return None
    pairs = [
        (a, b)
        for a, b in pairwise(before)
        if _plain(a) and _plain(b) and parse_decimal(a) == funds_max and parse_decimal(b) == funds_score
    ]
    return (after[k], after[k + 1]) if len(pairs) == 1 else None


def _group_cells(cells: list[str]) -> bool:
    """Whether four cells are a row: its 年度指标值 and 实际完成值 each a figure, an empty cell or a
    short word ("及时", "达标"), then a 分值 and a 得分 no larger than it."""
    return all(_cell(c) for c in cells[:2]) and _group(cells)


def _cell(token: str) -> bool:
    if _VALUE.match(token) or token in _EMPTY:
        return True
    return (
        len(token) <= _WORD_CELL
        and all("\u4e00" <= ch <= "\u9fff" for ch in token)
        and not _header_part(token)
    )
