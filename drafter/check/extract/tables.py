"""Tables: score tables and the 项目支出 自评表 (funds block and indicator rows).

A table is a run of row lines (docx table rows, or text lines the reader split into cells).
A header row decides what follows: 年初预算数 / 全年预算数 / 全年执行数 → funds block;
分值 (or 权重/满分) and 得分 (or 自评得分) → indicator rows, whose 一级/二级/三级 names (carried
down where merged cells left them empty) give a score tree. Cells are aligned to the header
by position; a row with fewer cells than its header (trailing empty cells or merged leading
cells lost when flattened) is padded on the side that puts numbers under 分值/得分.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from drafter.check.extract import barred, flatscores, glued, oneline, spaced, stacked
from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract._scan import LineScan
from drafter.check.extract.headers import find_cell as _find
from drafter.check.extract.headers import header_words as _header_words
from drafter.check.extract.headers import read_header as _header
from drafter.check.extract.lexicon import alternation
from drafter.check.extract.scores import LEXICON
from drafter.check.facts import FundsRow, GradeStatement, IndicatorRow, ScoreNode, Source, StatedTotal
from drafter.text.formwords import fund_row_name, fund_total_words
from drafter.text.lazyre import lazy_compile
from drafter.text.money import declared_unit, header_unit, written_unit
from drafter.text.numbers import parse_decimal

__all__ = ["TableFacts", "extract_tables"]

#: a block's title with its 分值, standing first in its header row: "绩效指标(90分)", "预算执行情况(10分)"
_BLOCK_TITLE = lazy_compile(r"^\s*[\u4e00-\u9fff]{2,10}\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")
#: a maximum written in a name cell: "产出指标（60分）", "投入(20分)"
_NAME_MAX = lazy_compile(
    r"[（(]\s*" + alternation(LEXICON.words("max")) + r"?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$"
)


@dataclass(frozen=True, slots=True)
class TableFacts:
    scores: tuple[ScoreNode, ...] = ()
    total: StatedTotal | None = None
    funds: tuple[FundsRow, ...] = ()
    indicators: tuple[IndicatorRow, ...] = ()
    #: a grade written in the total row ("总分 | 100 | 96 | 优")
    grades: tuple[GradeStatement, ...] = ()
    #: rows of a glued form whose digits split more than one way ("补贴渔船数6620")
    unsplit: tuple[Source, ...] = ()


def _cells(tl: TextLine) -> tuple[str, ...]:
    cells = tl.line.cells
    return tuple(c.strip() for c in cells) if cells else ()


@dataclass(slots=True)
class _Group:
    name: str
    source: Source
    max: Decimal | None = None
    score: Decimal | None = None
    reason: str = ""
    children: dict[str, _Group] = field(default_factory=dict)


def extract_tables(lines: list[TextLine], scan: LineScan | None = None) -> TableFacts:
    """The tables of ``lines``. ``scan`` is the report's :class:`LineScan` when the caller has one:
    its joined text tells, by a few ``in`` tests, which layouts cannot stand in the report (most
    reports have no table at all), so that their per-line tests are skipped."""
    scan = scan or LineScan(lines)
    text = scan.text
    # the header lines of the barred and the single-spaced tables name a 得分 column: one pass over
    # the report finds the few lines that may open one (a Chinese word: normalize keeps it as it is)
    with_score = [lines[i] for i in sorted(scan.lines_with(("得分",)))]
    scored = [tl for tl in with_score if not tl.is_row]
    groups: tuple[oneline.GroupMax, ...] = ()
    unsplit: tuple[Source, ...] = ()
    if any(
        lines[i].text in stacked.GATE and not lines[i].is_row
        for length in _STACKED_LENGTHS
        for i in scan.lines_of_length(length)
    ):  # a header cell alone on its line
        lines = lines + stacked.stacked_rows(lines)
    elif _holds(text, _ONE_LINE_GATES) and any(oneline.is_candidate(tl) for tl in lines):
        # a whole form flattened into one line (its header names the 三级指标 or 执行数 column)
        flat = oneline.read_one_line(lines)
        groups = flat.groups
        lines = lines + list(flat.rows)
        if any(glued.is_candidate(tl) for tl in lines):
            # … or with its cells glued together by an OCR ("渔船补贴发放率100%100%10")
            stuck = glued.read_glued(lines)
            unsplit = stuck.unsplit
            lines = lines + list(stuck.rows)
    if any(barred.is_candidate(tl) for tl in scored):
        # cells one per line closed by a bar, empty cells kept ("权重 |" / "得分 |" … "60 |" / "|")
        lines = lines + barred.barred_rows(lines)
    if any(tl.text.endswith("|") for tl in with_score):
        from drafter.check.extract import broken  # imported only by the few reports that need it

        if broken.is_candidate(lines):
            # bar-separated rows broken across lines where a cell held a line break ("1 | 规划 (15分) |"
            # / "基础信息 (3分) | 基础信息 完整性 | 3 | … |" / "3 |")
            lines = lines + broken.broken_rows(lines)
    unscored: tuple[tuple[str, TextLine], ...] = ()
    if any(spaced.is_candidate(tl) for tl in scored):
        # a table whose cells are separated by single spaces (a PDF's or a web page's text copied)
        found = spaced.spaced_rows(lines)
        lines = lines + list(found.rows)
        unscored = found.unscored
    funds: list[FundsRow] = []
    grades: list[GradeStatement] = []
    indicators: list[IndicatorRow] = []
    total: StatedTotal | None = None
    roots: dict[str, _Group] = {}
    mode = ""
    block_max: Decimal | None = None
    cols: dict[str, int | None] = {}
    width = 0
    carry = ["", "", ""]
    #: set for a table whose header line also holds data: its rows are read from their right end
    anchored = False
    #: the header's first cell when it is the block's title ("绩效指标(90分)"), merged down its rows
    title = ""
    pending_names: list[str] = []  # names of an indicator row whose numbers follow on the next line
    pending_fund = ""  # a funds row's name left at the end of the line before its numbers
    units = _Units(lines)
    unit = "万元"  # the unit of the funds block's amounts
    last_row = 0  # the line of the last row read: a gap before a row starts another table
    for tl in [tl for tl in lines if tl.is_row]:
        cells = _cells(tl)
        if not cells:
            continue
        header = _header(cells)
        after_gap, last_row = tl.no > last_row + 1, tl.no
        if header is None and mode and after_gap and _words_only(cells):
            # another table opens with a header that is none of ours ("支出类别 | 预算数 | 决算数"):
            # its rows are not the score table's, nor its 合计 the score total
            mode = ""
            continue
        trailing: tuple[str, ...] = ()
        if header is not None:
            mode, cols = header
            unit = units.of_table(tl.no, cells) if mode == "funds" else "万元"
            units.header_at(tl.no)
            # "预算执行情况(万元)(20分)": the block's 分值 in its header when it has no column
            block_max = _header_max(cells) if mode == "funds" and cols.get("max") is None else None
            width = len(cells)
            carry = ["", "", ""]
            pending_names = []
            pending_fund = ""
            # a block's title before the rows' own first column (the names: 一级指标, or the funds
            # rows' unnamed label column), not the label column itself ("预算执行情况(20分) | 预算数(A)")
            first = next((k for k, at in cols.items() if at == 1), None)
            lead = 0 not in cols.values() and first in (None, "l1")
            title = cells[0] if lead and len(cells) > 1 and _BLOCK_TITLE.search(cells[0]) else ""
            # an HTML table flattened by lines that do not follow its rows: the header line also
            # holds the start of the next row ("…| 分值 | 得分 | 年度资金总额 |")
            last = _last_header_cell(cells)
            rest = cells[last + 1 :]
            anchored = any(_parse(c) is not None for c in rest) or (
                mode == "funds" and bool(rest) and _fund_name(rest[-1]) is not None
            )
            if not anchored:
                continue
            width = last + 1
            trailing = cells[last + 1 :]
            if mode == "funds":
                pending_fund = _fund_name(trailing[-1]) or ""
                continue
            cells = trailing
        if not mode:
            continue
        if title and cells[0] and cells[0] != title:
            # the block's title stands in the header row alone: a merged cell whose rows, written
            # as text, lost it ("绩效指标(90分) | 一级指标 | …" over "产出指标 | 数量指标 | …")
            cells = ("", *cells)
        if mode == "indicators" and _level_header(cells, cols):
            continue  # the second line of a two-line header: 一级指标 | 二级指标 | 三级指标
        row = _align(
            cells,
            width,
            (cols.get("budget"), cols.get("actual"))
            if mode == "funds"
            else (cols.get("max"), cols.get("score")),
        )
        at = _total_cell(cells)
        if at is not None and mode == "funds" and "分" not in cells[at]:
            continue  # the funds block's 合计 row sums amounts: no score total
        if at is not None:
            nums = [d for d in (_parse(c) for c in cells[at + 1 :]) if d is not None]
            if nums:
                mx, sc = (nums[-2], nums[-1]) if len(nums) >= 2 else (None, nums[-1])
                total = total or StatedTotal(sc, source_of(tl), mx)
                grade = _GRADE_CELLS.get(cells[-1]) if cells[-1] else None
                if grade is not None and _parse(cells[-2]) is not None:
                    grades.append(GradeStatement(grade, source_of(tl)))
            continue
        if mode == "funds":
            names_at = [i for i, c in enumerate(cells) if _fund_name(c)]
            if anchored and pending_fund and (not names_at or names_at[0] > 0):
                # "| 387664.62 | 387664.62 | 10 | 100% | 10 | 其中:当年财政 拨款 |": the numbers
                # of the name left on the line before, then the next row's name
                values = cells[: names_at[0]] if names_at else cells
                name = pending_fund
                pending_fund = _fund_name(cells[names_at[-1]]) or "" if names_at else ""
                row = _right_aligned(values, cols)
                if not any(_parse(v) is not None for v in values):
                    continue
            elif names_at:
                name = _fund_name(cells[names_at[0]]) or ""
            else:
                continue
            funds.append(
                FundsRow(
                    name=name,
                    source=source_of(tl),
                    initial=_num(row, cols.get("initial")),
                    budget=_num(row, cols.get("budget")),
                    actual=_num(row, cols.get("actual")),
                    max=_num(row, cols.get("max")) if block_max is None or "总额" not in name else block_max,
                    rate=_num(row, cols.get("rate")),
                    score=_num(row, cols.get("score")),
                    unit=_cell_unit(row, cols) or unit,
                )
            )
            if funds[-1].name in fund_total_words() and funds[-1].max is not None:
                fr = funds[-1]
                # the block's score follows from its rate: a rate below 100% is its own reason
                why = f"执行率{fr.rate}%" if fr.rate is not None and fr.rate < 100 else ""
                roots.setdefault("预算执行率", _Group("预算执行率", fr.source, fr.max, fr.score, why))
        else:
            names = [_cell(row, cols.get(k)) for k in ("l1", "l2", "l3")]
            target, done = _cell(row, cols.get("target")), _cell(row, cols.get("done"))
            mx, sc = _num(row, cols.get("max")), _num(row, cols.get("score"))
            raw = _num(row, cols.get("raw"))
            reason = _cell(row, cols.get("reason"))
            if anchored:
                parsed = _read_from_right(cells, cols.get("target") is not None)
                if parsed is None:
                    if not any(_parse(c) is not None for c in cells):
                        pending_names = [c for c in cells if c and c not in _EMPTY_CELLS]
                    continue
                found_names, target, done, mx, sc, reason = parsed
                raw = None
                if not found_names and pending_names:
                    found_names = pending_names
                pending_names = []
                found_names = found_names[-3:]
                names = ["", "", ""]
                names[3 - len(found_names) :] = found_names
            group_max: dict[str, Decimal] = {}
            for i, n in enumerate(names):
                if n and "分" in n:
                    m = _NAME_MAX.search(n)
                    if m is not None and m.start() > 0:
                        names[i] = n[: m.start()].strip()
                        group_max[names[i]] = Decimal(m.group(1))
            for i in range(3):  # carry merged (empty) cells down, and reset deeper ones on change
                if names[i]:
                    if names[i] != carry[i]:
                        carry[i + 1 :] = [""] * (2 - i)
                    carry[i] = names[i]
                elif (anchored or cols.get(("l1", "l2", "l3")[i]) is not None) and any(names[i + 1 :]):
                    names[i] = carry[i]
            if not any(names) or (mx is None and sc is None):
                continue
            indicators.append(
                IndicatorRow(
                    source=source_of(tl),
                    level1=names[0],
                    level2=names[1],
                    level3=names[2],
                    target=target,
                    actual=done,
                    max=mx,
                    score=sc,
                    reason=reason,
                    reason_column=cols.get("reason") is not None,
                    raw=raw,
                )
            )
            if names[2] and names[2] == names[1]:  # 三级 merged into 二级 across the row
                names[2] = ""
            # (a 一级 named like its 二级, 预算编制/预算编制, is two levels: keep both)
            path = [n for n in names if n]
            level = roots
            group: _Group | None = None
            for n in path:
                group = level.setdefault(n, _Group(n, source_of(tl)))
                if group.max is None and n in group_max:
                    group.max = group_max[n]  # "投入（20分）": the group's maximum in its name cell
                level = group.children
            if group is not None:
                group.max, group.score, group.reason, group.source = mx, sc, reason, source_of(tl)
    for name, at in unscored:  # an indicator the form names with no number: its scores are not all known
        roots.setdefault(name, _Group(name, source_of(at)))
    for spec in groups:  # group maxima of a one-line form, its rows not placed under them
        if spec.name not in roots:
            roots[spec.name] = _group_of(spec)
    scores = tuple(_freeze(g, 1, "") for g in roots.values())
    # a stacked total holds 总额, 合计 or 总计: the report's lines that hold none are skipped (rows
    # added above were not scanned: they are all looked at)
    opens = sorted(scan.lines_with(_STACK_WORDS))
    funds.extend(_stacked_funds(lines, units, [*opens, *range(len(scan), len(lines))]))
    return TableFacts(scores, total, tuple(funds), tuple(indicators), tuple(grades), unsplit)


#: the lengths of the header cells of :data:`stacked.GATE`: only a line as short can be one
_STACKED_LENGTHS = tuple(sorted({len(w) for w in stacked.GATE}))
#: what a line flattened from a form holds (:func:`oneline.is_candidate`), each word with a
#: character of its own that is rarer than the word's others: an ``in`` test of one character
#: costs a fraction of one of a word
_ONE_LINE_GATES = ((oneline.FUNDS_GATE, "执"), (flatscores.GATE_WORD, "级"))


def _holds(text: str, gates: tuple[tuple[str, str], ...]) -> bool:
    """Whether ``text`` holds one of the words of ``gates`` (each with a character of its own)."""
    return any(char in text and word in text for word, char in gates)


#: what the total of a stacked funds block holds (:data:`_STACK_TOTAL`)
_STACK_WORDS = ("总额", "合计", "总计")

#: a total on a line of its own, its parts on the lines after it, one per line:
#: "年度预算资金总额: 321.25" / "其中:中央补助 166.00" / "市级资金 136.00" (a form's text layer)
_STACK_TOTAL = lazy_compile(
    r"(?:资金总额|资金合计|合计|总额|总计)\s*[)）]?\s*[:：]\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)?\s*$"
)
_STACK_PART = lazy_compile(
    r"^\s*(其中\s*[:：]\s*)?([^\d:：，,。；;、]{2,24}?)\s*[:：]?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)?\s*$"
)


class _Units:
    """The money unit each table of a report is in. A declaration ("金额单位：元") applies to the
    table below it: the nearest one before the table's header, with no other table header between
    them; a unit in a header cell ("项目资金（万元）") wins over it. Without either, 万元.

    Declarations are looked for only when a funds table is found (most reports have none)."""

    def __init__(self, lines: list[TextLine]) -> None:
        self._lines = lines
        self._declared: list[tuple[int, str]] | None = None
        self._headers: list[int] = []

    def header_at(self, no: int) -> None:
        self._headers.append(no)

    def declared_before(self, no: int) -> str | None:
        if self._declared is None:
            self._declared = sorted(
                (tl.no, unit)
                for tl in self._lines
                if "单位" in tl.text and (unit := declared_unit(tl.norm)) is not None
            )
        found = None
        for at, unit in self._declared:
            if at > no:
                break
            found = (at, unit)
        if found is None or any(found[0] < h < no for h in self._headers):
            return None
        return found[1]

    def of_table(self, no: int, header: tuple[str, ...]) -> str:
        return header_unit(header) or self.declared_before(no) or "万元"


def _cell_unit(row: tuple[str, ...], cols: dict[str, int | None]) -> str | None:
    """A money unit written into a funds row's amount cells ("387664.62元")."""
    for key in ("budget", "actual", "initial"):
        cell = _cell(row, cols.get(key))
        if cell.endswith("元"):
            return written_unit(cell)
    return None


def _stacked_funds(lines: list[TextLine], units: _Units, opens: list[int] | None = None) -> list[FundsRow]:
    """Funds stated as a total and its 其中 parts on the lines after it, each a FundsRow (the
    amounts as 预算数), so TB002 adds them up block by block. ``opens``: the indices, in order,
    of the lines that may state the total (every line when None)."""
    out: list[FundsRow] = []
    blocks: list[tuple[FundsRow, list[FundsRow], bool, str]] = []
    i, n = 0, len(lines)
    for k in range(n) if opens is None else opens:
        if k < i:
            continue  # a part of the block read last
        tl = lines[k]
        norm = tl.norm
        i = k + 1
        if not norm or (not norm[-1].isdigit() and not norm.rstrip().endswith("元")):
            continue
        if "总额" not in norm and "合计" not in norm and "总计" not in norm:
            continue
        m = _STACK_TOTAL.search(norm)
        if m is None:
            continue
        parts: list[tuple[TextLine, re.Match[str]]] = []
        j = i
        while j < n:
            pm = _STACK_PART.match(lines[j].norm)
            if pm is None or (not parts and not pm.group(1)) or _STACK_TOTAL.search(lines[j].norm):
                break
            parts.append((lines[j], pm))
            j += 1
        if len(parts) < 2 or any((pm.group(4) or "") != (m.group(2) or "") for _, pm in parts):
            continue
        label = norm[: m.start(1)].rstrip(" :：)）")
        name = label.split()[-1] if label.split() else label
        unit = m.group(2) or units.declared_before(tl.no) or "万元"
        total = FundsRow(
            name=name[-12:], source=source_of(tl), budget=_parse(m.group(1).replace(",", "")), unit=unit
        )
        rows = [
            FundsRow(
                name=pm.group(2).strip(),
                source=source_of(ptl),
                budget=_parse(pm.group(3).replace(",", "")),
                unit=unit,
            )
            for ptl, pm in parts
        ]
        out += [total, *rows]
        # "其中:" alone after the parts: the blocks that follow are this one's sub-programmes
        title = lines[i - 2].norm if i >= 2 else ""
        blocks.append((total, rows, j < n and _WHOLE_QIZHONG.match(lines[j].norm) is not None, title))
        i = j
    return out + _across_blocks(blocks)


#: a line that is only "其中:", opening the sub-programmes of the block above it
_WHOLE_QIZHONG = lazy_compile(r"^\s*其中\s*[:：]?\s*$")


def _across_blocks(blocks: list[tuple[FundsRow, list[FundsRow], bool, str]]) -> list[FundsRow]:
    """A block whose sub-programmes follow it as blocks of their own ("项目资金合计 1084.25 / 其中:中央
    补助 668.00 / 市级资金 343.00 … 其中: / 奖励扶助资金: 年度预算资金总额 763.00 / 其中:中央补助 502.00
    / 市级资金 208.00 …"): each of its parts is the sum of the same part in them. The sub-programmes
    are the blocks right after it whose totals add up to its total — the listing is whole — and that
    name the same parts; each part becomes a total row ("市级资金（各项合计）") over the same part of
    each sub-programme, so TB002 adds them up. None when no run of blocks adds up."""
    out: list[FundsRow] = []
    for k, (total, parts, opens, _title) in enumerate(blocks):
        if not opens or total.budget is None:
            continue
        names = [p.name for p in parts]
        subs: list[tuple[FundsRow, list[FundsRow], bool, str]] = []
        summed = Decimal(0)
        for block in blocks[k + 1 :]:
            if block[0].budget is None or [p.name for p in block[1]] != names:
                break
            subs.append(block)
            summed += block[0].budget
            if summed >= total.budget:
                break
        if len(subs) < 2 or summed != total.budget:
            continue
        for at, part in enumerate(parts):
            out.append(
                FundsRow(
                    name=f"{part.name}（各项合计）", source=part.source, budget=part.budget, unit=part.unit
                )
            )
            out.extend(
                FundsRow(
                    name=f"{_programme(title)}{sub[1][at].name}",
                    source=sub[1][at].source,
                    budget=sub[1][at].budget,
                    unit=sub[1][at].unit,
                )
                for sub in subs
                for title in (sub[3],)
            )
    return out


def _programme(title: str) -> str:
    """The sub-programme's name from the line above its total ("计划生育家庭特别扶助制度补助资金(万元)")."""
    name = title.split("(")[0].split("（")[0].strip()
    # a name that reads as a total would make the row a total of its own (see rules/table/_funds.py)
    return f"{name}·" if 0 < len(name) <= 30 and not any(w in name for w in ("合计", "总额", "总计")) else ""


#: a grade in a cell of its own after the total's numbers, by the lexicon's grade words
_GRADE_CELLS = LEXICON.grade_map()
_EMPTY_CELLS = frozenset({"", "—", "-", "/", "／", "——"})
_SYMBOL_CELL = lazy_compile(r"^[≥≤≧≦=＝═<>＞＜]+$")
#: a unit on its own ("人次", "%", "亩", "km"): only after a number does it count as one
_UNIT_CELL = lazy_compile(r"^(?:%|％|‰|[\u4e00-\u9fff]{1,3}|[A-Za-z/²³]{1,6})$")
#: a target with its number in one cell: "≥50公里", "100%", "≤6万元"
_NUMERIC_TARGET = lazy_compile(r"^[≥≤≧≦=＝═<>＞＜]*\s*\d")


def _last_header_cell(cells: tuple[str, ...]) -> int:
    any_word = _header_words().any
    last = -1
    for i, c in enumerate(cells):
        if any_word.search(c):
            last = i
    return last


def _total_cell(cells: tuple[str, ...]) -> int | None:
    """The index of a 总分/合计 cell followed by a number (the first two cells, or any cell of a
    row flattened out of line: "| 其他需要说明事项 | 无 | 总分 | 100 | 96 | 优 |")."""
    total = _header_words().total
    for i, c in enumerate(cells):
        if total.match(c) and (i < 2 or any(_parse(x) is not None for x in cells[i + 1 :])):
            return i
    return None


def _words_only(cells: tuple[str, ...]) -> bool:
    """A row of two or more cells of words, none a digit, a dash or a funds row's name: a header
    row ("支出类别 | 预算数 | 决算数"), not a row with its values left empty ("其他资金 | — | —")."""
    filled = [c for c in cells if c]
    return (
        len(filled) >= 2
        and not any(c in _EMPTY_CELLS or _fund_name(c) for c in filled)
        and not any(ch.isdigit() for c in filled for ch in c)
    )


def _fund_name(cell: str) -> str | None:
    if cell.strip() == "总额":  # the Sichuan form's first funds row: the block's total
        return "年度资金总额"
    m = fund_row_name().search(cell.replace(" ", "")) if cell else None
    return m.group(0) if m else None


def _right_aligned(values: tuple[str, ...], cols: dict[str, int | None]) -> tuple[str, ...]:
    """A funds row's values laid under the header's columns when the row lost its leading empty
    cells in flattening: the cell with "%" is the 执行率 (分值 before it, 得分 after it) and the
    amounts before those are the last amount columns; without a rate, the amounts run up to the
    first "—" (a sub-row's empty score cells)."""
    row = [""] * (max((i for i in cols.values() if i is not None), default=-1) + 1)
    amounts = [i for k in ("initial", "budget", "actual") if (i := cols.get(k)) is not None]
    p = next((i for i, v in enumerate(values) if "%" in v or "％" in v), None)
    if p is not None:
        for key, at in (("max", p - 1), ("rate", p), ("score", p + 1)):
            col = cols.get(key)
            if col is not None and 0 <= at < len(values):
                row[col] = values[at]
        money = values[: max(p - 1, 0)]
    else:
        d = next((i for i, v in enumerate(values) if v in _EMPTY_CELLS), len(values))
        money = values[:d]
    for col, value in zip(reversed(amounts), reversed(money), strict=False):
        row[col] = value
    return tuple(row)


def _read_from_right(
    cells: tuple[str, ...], has_target: bool
) -> tuple[list[str], str, str, Decimal, Decimal, str] | None:
    """An indicator row read from its right end: the last two plain numbers are 分值 and 得分
    (text after them the 偏差原因), the cell before them the 实际完成值, then the 指标值 (one
    cell, or a symbol, number and unit in cells of their own: "≧ | 100 | %"), then the names."""
    j = None
    for k in range(len(cells) - 1, 0, -1):
        if _plain_number(cells[k]) and _plain_number(cells[k - 1]):
            j = k
            break
    if j is None:
        return None
    mx, sc = _parse(cells[j - 1]), _parse(cells[j])
    if mx is None or sc is None:
        return None
    reason = " ".join(c for c in cells[j + 1 :] if c not in _EMPTY_CELLS)
    k = j - 2
    done = cells[k] if k >= 0 else ""
    k -= 1
    parts: list[str] = []
    if k >= 1 and _UNIT_CELL.match(cells[k]) and _parse(cells[k - 1]) is not None:
        parts.insert(0, cells[k])
        k -= 1
    if k >= 0 and (_parse(cells[k]) is not None or _NUMERIC_TARGET.match(cells[k])):
        parts.insert(0, cells[k])
        k -= 1
        if k >= 0 and _SYMBOL_CELL.match(cells[k]):
            parts.insert(0, cells[k])
            k -= 1
    elif has_target and k >= 1:
        parts.insert(0, cells[k])  # a target in words ("明显改善"), a name still before it
        k -= 1
    names = [c for c in cells[: k + 1] if c not in _EMPTY_CELLS]
    return names, "".join(parts), done, mx, sc, reason


_HEADER_MAX = lazy_compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


def _header_max(cells: tuple[str, ...]) -> Decimal | None:
    """The 分值 a header states in brackets ("(20分)"; not "(20分*执行率)", a formula)."""
    for c in cells:
        m = _HEADER_MAX.search(c) if "分" in c else None
        if m is not None:
            return Decimal(m.group(1))
    return None


def _level_header(cells: tuple[str, ...], cols: dict[str, int | None]) -> bool:
    """A row that names the level columns (and holds no number) completes the header above it."""
    h = _header_words()
    levels = {"l1": _find(cells, h.l1), "l2": _find(cells, h.l2), "l3": _find(cells, h.l3)}
    if all(v is None for v in levels.values()) or any(parse_decimal(c) is not None for c in cells):
        return False
    cols.update({k: v for k, v in levels.items() if v is not None})
    return True


def _align(cells: tuple[str, ...], width: int, numeric: tuple[int | None, ...]) -> tuple[str, ...]:
    """Cells padded to the header's width. A flattened row loses trailing empty cells and merged
    leading ones (a rowspan name shown only in its first row): try every split of the missing
    cells between the two ends, fewest on the left first, and keep the first that puts plain
    numbers (not percentages) under the numeric columns."""
    missing = width - len(cells)
    if missing <= 0 or width == 0:
        return cells
    for left in range(missing + 1):
        row = ("",) * left + cells + ("",) * (missing - left)
        if all(_plain_number(_cell(row, i)) for i in numeric if i is not None):
            return row
    return cells + ("",) * missing


def _plain_number(cell: str) -> bool:
    return "%" not in cell and "％" not in cell and _parse(cell) is not None


#: a unit written into a 分值/得分 or amount cell ("9.5分", "10 分", "320.00万元")
_CELL_UNIT = lazy_compile(r"\s*(?:分|万元|万|元)\s*$")


def _parse(cell: str) -> Decimal | None:
    """The number of a cell, also when its unit is written in it (exported workbooks write
    "9.5分" in the funds block's 得分 and "15分" in a 分值 cell)."""
    value = parse_decimal(cell)
    if value is None and cell and cell[-1] in "分元万 ":
        value = parse_decimal(_CELL_UNIT.sub("", cell))
    return value


def _cell(row: tuple[str, ...], i: int | None) -> str:
    if i is None or i >= len(row):
        return ""
    return row[i]


def _num(row: tuple[str, ...], i: int | None) -> Decimal | None:
    return _parse(_cell(row, i)) if i is not None else None


def _group_of(spec: oneline.GroupMax) -> _Group:
    group = _Group(spec.name, source_of(spec.line), spec.max)
    group.children = {c.name: _group_of(c) for c in spec.children}
    return group


def _freeze(g: _Group, level: int, parent: str) -> ScoreNode:
    path = f"{parent}/{g.name}" if parent else g.name
    children = tuple(_freeze(c, level + 1, path) for c in g.children.values())
    scored = g.score is not None
    return ScoreNode(
        name=g.name,
        level=level,
        source=g.source,
        max=g.max,
        score=g.score,
        score_source=g.source if scored else None,
        max_source=g.source if g.max is not None else None,
        basis=g.reason,
        reason=g.reason if scored and g.max is not None and g.score < g.max else "",  # type: ignore[operator]
        children=children,
        path=path,
    )
