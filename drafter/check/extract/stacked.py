"""Tables whose cells stand one per line: a form copied from a web page or a document preview
gives every cell of its table a line of its own ("一级指标" / "二级指标" / … / "分值" / "得分", then
"指标1工程完工率" / "100" / "100" / "10" / "10"), empty cells lost with the blank lines.

:func:`stacked_rows` finds such a table by a header cell alone on its line, reads the column kinds
from the header's cells (fragments of a wrapped cell, "年初" / "预算数", are joined first), and
regroups the cells below into rows by their content: names first, then the value columns, the
row's 得分 (and 分值) plain numbers. It returns those rows as row lines, each under a header row
of its own wording, so :func:`drafter.check.extract.tables.extract_tables` reads them as it reads
any table. A row's line is the line of its first cell.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drafter.check.extract._common import TextLine
from drafter.document import Line, LineKind
from drafter.text.formwords import footer_start, fund_row_name, level1_start
from drafter.text.numbers import parse_decimal

__all__ = [
    "INDICATOR_HEADER",
    "flattened_form",
    "funds_header",
    "header_kinds",
    "is_header_word",
    "row_line",
    "stacked_rows",
]

#: the lines that can open a table of one cell per line (the gate: a set lookup per line)
GATE = frozenset(("分值", "得分", "一级指标", "二级指标", "三级指标", "权重", "自评得分"))

_KINDS = (
    ("l1", re.compile(r"^一级指标$")),
    ("l2", re.compile(r"^二级指标$")),
    ("l3", re.compile(r"^三级指标$")),
    ("initial", re.compile(r"^年初预算数?$")),
    ("budget", re.compile(r"^(?:全年预算数?|预算数\s*[（(]\s*A\s*[)）]|预算数)$")),
    ("actual", re.compile(r"^(?:全年执行数?|执行数\s*[（(]\s*B\s*[)）]|执行数)$")),
    ("rate", re.compile(r"^执行率")),
    ("target", re.compile(r"指标值|目标值")),
    ("done", re.compile(r"完成值|实际完成")),
    ("max", re.compile(r"^(?:分值|权重|满分|标准分|指标分值)$")),
    ("score", re.compile(r"^(?:得分|自评得分|评分)(?:\s*[（(].*)?$")),
    ("reason", re.compile(r"偏差原因|扣分原因|原因分析")),
)
#: the header row each kind is written back as (words extract_tables knows)
_WORDS = {
    "l1": "一级指标",
    "l2": "二级指标",
    "l3": "三级指标",
    "initial": "年初预算数",
    "budget": "全年预算数",
    "actual": "全年执行数",
    "rate": "执行率",
    "target": "年度指标值",
    "done": "实际完成值",
    "max": "分值",
    "score": "得分",
    "reason": "偏差原因分析及改进措施",
}
_FUNDS_KINDS = ("initial", "budget", "actual", "max", "rate", "score")
#: the header of indicator rows that a reader writes back as row lines
INDICATOR_HEADER = tuple(_WORDS[k] for k in ("l1", "l2", "l3", "target", "done", "max", "score", "reason"))
_INDICATOR_VALUES = ("target", "done", "max", "score")
#: cells of a header that name no column themselves: a block's title and its 分值 ("(20分)")
_HEADER_CELL = re.compile(
    r"^(?:[（(]\s*\d+\s*分.*[)）]|预算执行情况.*|年度绩效目标.*|项目资金.*|[（(]万元[)）]|年初|全年|年度|实际|"
    r"预算数|执行数|指标值|完成值|偏差原因.*|改进措施.*|原因分析.*)$"
)
#: placeholders of an empty row ("指标2", "……") and a wrapped cell's tail ("指标")
_FILLER = re.compile(r"^(?:指标\s*\d*\s*[:：]?|[…\.。·]+|—+|-+|/)$")
_NAME_PREFIX = re.compile(r"^指标\s*\d+\s*[:：、.]?\s*")
#: a 得分 header cell with its formula: "得分（20分*执行率）"
_SCORE_HEAD = re.compile(r"^得分\s*[（(][^）)]{0,12}[）)]$")
_TOTAL = re.compile(r"^(?:总分|合计|总计)$")
_BLOCK_MAX = re.compile(r"^[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$|.*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")
_SYMBOLS = frozenset("≥≤≧≦<>=＝＞＜")
_VALUE_TEXT = 8  # a text cell as long as this or shorter can be a target or an actual value
#: a row's name cells: at most four names (一级, 二级, 三级 and a wrapped tail), among at most twelve
#: cells with the placeholders of empty rows ("指标2", "……")
_MAX_NAMES = 4
_MAX_LEAD = 12


def stacked_rows(lines: list[TextLine]) -> list[TextLine]:
    """Row lines rebuilt from the one-cell-per-line tables of ``lines`` (none in most reports)."""
    out: list[TextLine] = []
    i, n = 0, len(lines)
    while i < n:
        tl = lines[i]
        if tl.is_row or not (tl.text in GATE or _SCORE_HEAD.match(tl.text)):
            i += 1
            continue
        start = i
        while start > 0 and _is_header_cell(lines[start - 1]):
            start -= 1
        end = i
        while end + 1 < n and _is_header_cell(lines[end + 1]):
            end += 1
        kinds = _kinds([lines[k].text for k in range(start, end + 1)])
        i = end + 1
        if "score" not in kinds:
            continue
        funds = "actual" in kinds and ("budget" in kinds or "initial" in kinds)
        if funds:
            # the block's title keeps its 分值 when no column has one: "预算执行情况(万元)(20分)"
            title = next(
                (lines[k].text for k in range(start, end + 1) if _BLOCK_MAX.match(lines[k].text)), ""
            )
            rows, i = _funds_rows(lines, i, kinds, title)
        else:
            rows, i = _indicator_rows(lines, i, kinds)
        out.extend(rows)
    return out


def _is_header_cell(tl: TextLine) -> bool:
    return not tl.is_row and is_header_word(tl.text)


def header_kinds(cells: list[str]) -> list[str]:
    """The column kinds of a header whose cells are ``cells`` (a line's words), [] when one of
    them is no header word."""
    if not all(is_header_word(text) for text in cells):
        return []
    return _kinds(cells)


def is_header_word(text: str) -> bool:
    """Whether ``text`` is a cell of a form's header: a column's word, a block's title with its
    分值, or a fragment of a wrapped cell ("年初", "（万元）")."""
    return len(text) <= 16 and (
        text in GATE or _HEADER_CELL.match(text) is not None or any(rx.search(text) for _k, rx in _KINDS)
    )


def _kinds(cells: list[str]) -> list[str]:
    """The column kinds of a header's cells, in order; a fragment ("年初", "全年") is joined to
    the cell after it."""
    kinds: list[str] = []
    prefix = ""
    for cell in cells:
        text = prefix + cell
        kind = next((k for k, rx in _KINDS if rx.search(text)), None)
        if kind is None and len(cell) <= 2:
            prefix = cell
            continue
        prefix = ""
        if kind is not None and kind not in kinds:
            kinds.append(kind)
    return kinds


def _plain(text: str) -> bool:
    return "%" not in text and "％" not in text and parse_decimal(text) is not None


def _value_like(text: str) -> bool:
    """A target or an actual value: a figure ("≥95%", "12公里", "100") or a short phrase."""
    return bool(text) and (len(text) <= _VALUE_TEXT or _figure(text))


def _ends(tl: TextLine) -> bool:
    text = tl.text
    return tl.is_row or footer_start().match(text) is not None or (len(text) > 40 and "。" in text)


def _indicator_rows(lines: list[TextLine], i: int, kinds: list[str]) -> tuple[list[TextLine], int]:
    """Indicator rows from the cells from ``i`` on: names, then the value columns of ``kinds``
    (the 得分, and 分值 when the form has it, plain numbers), then a 偏差原因 in words."""
    values = [k for k in kinds if k in _INDICATOR_VALUES]
    width = len(values)
    has_reason = "reason" in kinds
    cells: list[TextLine] = []
    j, n = i, len(lines)
    while j < n and not _ends(lines[j]) and lines[j].text not in GATE:
        cells.append(lines[j])
        j += 1
    rows: list[TextLine] = []
    p = 0
    while p < len(cells):
        if _TOTAL.match(cells[p].text):
            nums = [c.text for c in cells[p + 1 : p + 3] if _plain(c.text)]
            if nums:
                rows.append(row_line(cells[p], ("总分", *nums)))
            break
        found = _match_row(cells, p, values)
        if found is None:
            p += 1
            continue
        q, names = found
        row_values = [c.text for c in cells[q - width + 1 : q + 1]]
        reason = ""
        q += 1
        if has_reason and q < len(cells) and _is_reason(cells, q, values):
            reason = cells[q].text
            q += 1
        levels = ["", "", ""]
        kept = names[-3:]
        if len(kept) < 3 and level1_start().match(kept[0]):
            levels[0], levels[3 - len(kept) + 1 :] = kept[0], kept[1:]  # "满意度指标 | 群众满意度"
        else:
            levels[3 - len(kept) :] = kept
        by_kind = dict(zip(values, row_values, strict=True))
        row = (*levels, *(by_kind.get(k, "") for k in _INDICATOR_VALUES), reason)
        rows.append(row_line(cells[p], row))
        p = q
    if rows:
        rows.insert(0, row_line(cells[0], _header(values)))
    return rows, j


def _match_row(cells: list[TextLine], p: int, values: list[str]) -> tuple[int, list[str]] | None:
    """Where the row that starts at ``p`` ends (the index of its last value) and its names: one to
    a few name cells, then the value cells, 分值 and 得分 plain numbers. Of the splits that fit, the
    one whose target and actual look most like figures ("≥95%", "100") wins, the fewest names first:
    "质量指标 | 指标1工程完工率 | 100 | 100 | 10 | 10" is one row, not 质量指标 with a target in words."""
    width = len(values)
    best: tuple[int, int, list[str]] | None = None
    for k in range(1, _MAX_LEAD + 1):
        q = p + k + width - 1
        if q >= len(cells):
            break
        vals = dict(zip(values, (c.text for c in cells[p + k : q + 1]), strict=True))
        if not all(_plain(v) for kind, v in vals.items() if kind in ("max", "score")):
            continue
        said = [v for kind, v in vals.items() if kind in ("target", "done")]
        if not all(_value_like(v) and not _FILLER.match(v) for v in said):
            continue
        if "max" in vals:
            mx, sc = parse_decimal(vals["max"]), parse_decimal(vals["score"])
            if mx is None or sc is None or sc > mx:
                continue
        names = [_NAME_PREFIX.sub("", c.text) for c in cells[p : p + k] if not _FILLER.match(c.text)]
        names = [x for x in names if x and not _plain(x)]
        if not names:
            continue
        if len(names) > _MAX_NAMES:
            break
        figures = sum(1 for v in said if _figure(v))
        if best is None or figures > best[0]:
            best = (figures, q, names)
    return None if best is None else (best[1], best[2])


def _figure(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] in _SYMBOLS or "%" in text)


def _is_reason(cells: list[TextLine], q: int, values: list[str]) -> bool:
    """Whether the cell after a row's values is its 偏差原因 rather than the next row's first name:
    prose, or a bare "0"/"无" with the next row's name after it."""
    text = cells[q].text
    if text in ("0", "无", "/", "—", "-"):
        return True
    return len(text) > 12 and any(ch in text for ch in "，,。；;")


def _funds_rows(lines: list[TextLine], i: int, kinds: list[str], title: str) -> tuple[list[TextLine], int]:
    """Funds rows: a name (年度资金总额, 其中：财政拨款 …) and the numbers after it, in the header's
    order of columns."""
    columns = [k for k in kinds if k in _FUNDS_KINDS]
    rows: list[TextLine] = []
    j, n = i, len(lines)
    while j < n and not _ends(lines[j]):
        tl = lines[j]
        if not fund_row_name().search(tl.text):
            if _FILLER.match(tl.text):  # a row's empty score cells ("—")
                j += 1
                continue
            if rows or j - i > 3:
                break
            j += 1
            continue
        nums: list[str] = []
        k = j + 1
        while k < n and len(nums) < len(columns) and _number_cell(lines[k].text):
            nums.append(lines[k].text)
            k += 1
        row = [tl.text] + [""] * len(columns)
        for at, value in enumerate(nums):
            row[1 + at] = value
        rows.append(row_line(tl, tuple(row)))
        j = k
    if rows:
        rows.insert(0, funds_header(lines[i], columns, title))
    return rows, j


def funds_header(at: TextLine, columns: list[str], title: str) -> TextLine:
    """The header row of a rebuilt funds block: the national words, or the provincial 预算数(A) /
    执行数(B) when there is no 年初预算数; ``title`` ("预算执行情况(20分)") keeps the block's 分值."""
    words = [_WORDS[k] for k in columns]
    if "initial" not in columns:
        words = [
            {"budget": "预算数(A)", "actual": "执行数(B)"}.get(k, w)
            for k, w in zip(columns, words, strict=True)
        ]
    return row_line(at, (title or "项目资金", *words))


def _number_cell(text: str) -> bool:
    return parse_decimal(text.rstrip("%％")) is not None


def _header(values: list[str]) -> tuple[str, ...]:
    """The header row a rebuilt form gets: the national columns, with no 分值 when the form had none."""
    header = ("一级指标", "二级指标", "三级指标", *(_WORDS[k] for k in _INDICATOR_VALUES), _WORDS["reason"])
    return header if "max" in values else tuple(h if h != "分值" else "" for h in header)


def row_line(at: TextLine, cells: tuple[str, ...]) -> TextLine:
    """A row line made of ``cells``, numbered as the line ``at``."""
    text = " | ".join(c for c in cells if c)
    line = Line(at.no, text, text, LineKind.ROW, cells)
    return TextLine(line, text, text, at.no, True)


# --- a whole form flattened into one line ------------------------------------------------------

#: a line long enough to hold a form, and the words that make it one
FLAT_MIN = 150
#: no row of a form is worth more than this: a larger number after a row's values is a total
_ROW_SCORE_CAP = 50
_FLAT_SCORE = re.compile(r"^得分(?:\s*[（(][^）)]*[）)])?$")
_FLAT_MAX = frozenset(("分值", "权重", "指标分值"))
#: a name cell of a flattened row: words, not a figure ("37442人" is an actual value)
_FLAT_NAME = re.compile(r"^[^\d≥≤≧≦<>=＝＞＜].*[\u4e00-\u9fff].*[\u4e00-\u9fff]")


def flattened_form(tl: TextLine, funds_max: Decimal | None = None) -> list[TextLine]:
    """Indicator rows of a form that a document preview or a web page flattened into one line
    ("… 三级指标 年度指标值 实际完成值 分值 得分 指标7:建立预防接种证 221人 221人 2 2 指标8:…"): the
    words after the header's 得分, read as cells, then rows as in :func:`stacked_rows`. Rows whose
    names are figures are not taken; a row keeps its name and 得分 only (see below).

    The form's "总分 100 93" is read only when the form is shown whole: it has a 分值 column, and
    ``funds_max`` (the 分值 of its funds block, read by :mod:`.oneline`) and the 分值 of every row
    read add up to the 总分's 100 — no row was lost, so the sum of the scores can be checked."""
    text = tl.text
    if tl.is_row or len(text) < FLAT_MIN or "得分" not in text or "三级指标" not in text:
        return []
    tokens = text.split()
    # the indicator header's 得分: the first after the last 三级指标 (a funds block's 得分 and
    # its numbers may come before it)
    level3 = max((i for i, t in enumerate(tokens) if t == "三级指标"), default=-1)
    at = next((i for i in range(level3 + 1, len(tokens)) if _FLAT_SCORE.match(tokens[i])), None)
    if at is None:
        return []
    values = ["target", "done", "score"]
    if any(t in _FLAT_MAX for t in tokens[max(0, at - 12) : at]):
        values = ["target", "done", "max", "score"]
    cells = [row_line(tl, (t,)) for t in tokens[at + 1 :]]
    rows: list[TextLine] = []
    maxima: list[Decimal | None] = []
    p = 0
    while p < len(cells):
        found = _match_row(cells, p, values)
        if found is None:
            p += 1
            continue
        q, names = found
        lead = [c.text for c in cells[p : q - len(values) + 1]]
        marked = [i for i, t in enumerate(lead) if _NAME_PREFIX.match(t)]
        if (
            len(marked) == 2
            and marked[0] == 0
            and not any(ch.isdigit() for t in lead[1 : marked[1]] for ch in t)
        ):
            # two numbered names before one group of values ("指标24:传染病…报告 数 指标25:家庭医生
            # 签约率 14例 14例 2 2 24694人 22584人 2 1.7"): the first, its wrapped tail with it (words
            # only, no values of its own), owns the group; the second the group right after, if any
            p = _two_names(tl, cells, lead, marked[1], q, values, rows, maxima)
            continue
        # a name wrapped over two words ("支持服务贸易、服务外 包企业数量") is one name
        name = "".join(names) if len(names) == 2 and not names[0].endswith("指标") else names[-1]
        if len(names) == 2 and _NAME_PREFIX.match(lead[-1]) and not _NAME_PREFIX.match(lead[0]):
            p += 1  # a numbered name is no wrapped tail's continuation ("数 指标25:…")
            continue
        by_kind = dict(zip(values, (c.text for c in cells[q - len(values) + 1 : q + 1]), strict=True))
        score = parse_decimal(by_kind["score"])
        numbered = len(marked) == 1 and marked[0] == 0 and _CJK_NAME.search(name) is not None
        if (
            (_FLAT_NAME.match(name) is None and not numbered)
            or len(names) > 2
            or score is None
            or score > _ROW_SCORE_CAP
        ):
            p += 1
            continue
        # the 得分 only: cells of a flattened form are lost or out of order (its 偏差原因, whole
        # rows), so neither a deduction's reason nor the sum of the maxima can be checked; the
        # scores are read (and shown by --explain), and the total when the form is whole
        row = ("", "", name, "", "", "", by_kind["score"], "")
        rows.append(row_line(tl, row))
        maxima.append(parse_decimal(by_kind.get("max", "")))
        p = q + 1
    if len(rows) < 3:  # a form, not a sentence that happens to hold numbers
        return []
    total = _flat_total(tokens[at + 1 :], maxima, funds_max)
    return [row_line(tl, _header(values)), *rows, *([row_line(tl, total)] if total else [])]


#: a numbered name may open with a figure ("指标23:0-36月龄中医药规范管理数"): its mark says it is one
_CJK_NAME = re.compile(r"[\u4e00-\u9fff].*[\u4e00-\u9fff]")


def _two_names(
    tl: TextLine,
    cells: list[TextLine],
    lead: list[str],
    second: int,
    q: int,
    values: list[str],
    rows: list[TextLine],
    maxima: list[Decimal | None],
) -> int:
    """Rows for two numbered names standing before their groups of values (see
    :func:`flattened_form`); returns where reading goes on."""
    width = len(values)
    groups = [cells[q - width + 1 : q + 1], cells[q + 1 : q + 1 + width]]
    owners = [lead[:second], lead[second:]]
    for group, owner in zip(groups, owners, strict=True):
        by_kind = dict(zip(values, (c.text for c in group), strict=False))
        if len(group) < width or not _group_fits(by_kind):
            return q + 1
        words = [_NAME_PREFIX.sub("", t) for t in owner if not _FILLER.match(t)]
        name = "".join(w for w in words if w)
        if _CJK_NAME.search(name) is None:
            return q + 1
        rows.append(row_line(tl, ("", "", name, "", "", "", by_kind["score"], "")))
        maxima.append(parse_decimal(by_kind.get("max", "")))
    return q + width + 1


def _group_fits(vals: dict[str, str]) -> bool:
    """Whether cells read as one row's values: 分值 and 得分 plain numbers, the 得分 at most the 分值
    and the row cap, the target and the actual value figures or short phrases."""
    if not all(_plain(v) for kind, v in vals.items() if kind in ("max", "score")):
        return False
    if not all(_value_like(v) and not _FILLER.match(v) for k, v in vals.items() if k in ("target", "done")):
        return False
    score = parse_decimal(vals["score"])
    top = parse_decimal(vals["max"]) if "max" in vals else None
    return score is not None and score <= _ROW_SCORE_CAP and (top is None or score <= top)


def _flat_total(
    tokens: list[str], maxima: list[Decimal | None], funds_max: Decimal | None
) -> tuple[str, ...]:
    """The "总分 | 100 | 93" row of a one-line form that is whole by its maxima, else ()."""
    if funds_max is None or not maxima or any(m is None for m in maxima):
        return ()
    at = next((i for i in range(len(tokens) - 2) if _TOTAL.match(tokens[i])), None)
    if at is None:
        return ()
    full, got = parse_decimal(tokens[at + 1]), parse_decimal(tokens[at + 2])
    if full is None or got is None or not _plain(tokens[at + 1]) or not _plain(tokens[at + 2]) or got > full:
        return ()
    if funds_max + sum(m for m in maxima if m is not None) != full:
        return ()  # a row lost (or a 分值 misread): the scores read are not the whole
    return ("总分", tokens[at + 1], tokens[at + 2])
