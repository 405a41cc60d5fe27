"""Recognising and reading the tables of a 自评表 sheet (for :mod:`drafter.read.xlsx` and :mod:`drafter.data.xlsx_import`).

Headers are recognised by their words (一级指标, 分值, 自评得分, 年初预算数, …), over one line or
two; indicator rows become a tree of :class:`IndicatorNode`; the funds block and 年度总体目标 are read
into plain values. Everything here works on a :class:`~drafter.read.xlsx_grid.Grid`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from drafter.read.xlsx_grid import Grid, cell_decimal, clean
from drafter.text.formwords import footer_start
from drafter.text.headings import CN_NUMERALS, item_marker, strip_item_marker
from drafter.text.lexicons import lexicon_data, word_groups

__all__ = [
    "IndicatorNode",
    "ScoreHeader",
    "funds_header",
    "read_funds",
    "read_goal",
    "read_scores",
    "score_header",
]


# -- header recognition ---------------------------------------------------------------------------


@cache
def _header_words() -> tuple[
    tuple[tuple[str, tuple[str, ...]], ...], tuple[tuple[str, tuple[str, ...]], ...]
]:
    """(score-table roles, funds roles), each ``(role, words)`` in the order they are tried; the
    words are data (schemas/lexicon/tables.yaml, and scores.yaml's max words for 分值)."""
    cols = word_groups("tables", "columns")
    funds = word_groups("tables", "funds")
    max_words = tuple(e["word"] for e in lexicon_data("scores")["max"])
    # tried in this order: a reason or basis cell may also hold a level or score word
    roles = (
        *((key, cols[key]) for key in ("reason", "basis", "l1", "l2", "l3", "target", "actual")),
        ("weighted", cols["weighted"]),
        ("self", cols["score"]),
        ("max", max_words),
    )
    fund_roles = (
        ("initial", funds["initial"]),
        ("annual", funds["budget"]),
        ("executed", funds["executed"]),
        ("rate", funds["rate"]),
        ("score", cols["score"]),
        ("max", max_words),
    )
    return roles, fund_roles


@cache
def _name_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """Name-column words: a cell that is one of them, or holds one of the long ones (指标名称（…）)."""
    words = word_groups("tables", "columns")["name"]
    return frozenset(words), tuple(w for w in words if len(w) >= 4)


@cache
def _embedded_max() -> re.Pattern[str]:
    """A maximum written into a name cell: "产出指标（60分）", "预算编制（满分20分）" (scores.yaml's max words)."""
    words = sorted((e["word"] for e in lexicon_data("scores")["max"]), key=len, reverse=True)
    return re.compile(
        r"\s*[（(]\s*(?:" + "|".join(map(re.escape, words)) + r")?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$"
    )


def _role(label: str) -> str | None:
    text = label.replace(" ", "")
    if not text:
        return None
    roles, _ = _header_words()
    for role, words in roles:
        if any(k in text for k in words):
            return role
    exact, contained = _name_words()
    if text in exact or any(k in text for k in contained):
        return "name"
    return None


def _fund_role(label: str) -> str | None:
    text = label.replace(" ", "")
    _, fund_roles = _header_words()
    for role, keys in fund_roles:
        if any(k in text for k in keys):
            return role
    return None


@cache
def _total_row() -> re.Pattern[str]:
    """A total row's first cell: 合计 / 总分 (spaces inside allowed: "合  计")."""
    words = word_groups("tables", "totals")["total"]
    return re.compile("^(?:" + "|".join(r"\s*".join(map(re.escape, w)) for w in words) + ")")


def _labels(grid: Grid, r: int) -> tuple[list[str], int]:
    """Column labels of a header at row ``r``, merged with row ``r+1`` when it continues the header."""
    first = [clean(grid.cell(r, c)) for c in range(grid.width)]
    if r + 1 < len(grid.rows):
        second = [clean(grid.cell(r + 1, c)) for c in range(grid.width)]
        new = [s for f, s in zip(first, second, strict=True) if s and s != f]
        numeric = any(re.fullmatch(r"[-+]?[\d.,%]+(分)?", s) for s in second if s)
        first_is_header = any(_role(f) or _fund_role(f) for f in first if f) and not any(
            "：" in f or ":" in f for f in first
        )
        if first_is_header and new and not numeric and all(_role(s) or _fund_role(s) for s in new):
            return [
                f if s in ("", f) else (s if not f else f + s) for f, s in zip(first, second, strict=True)
            ], 2
    return first, 1


@dataclass
class ScoreHeader:
    row: int
    height: int
    names: list[tuple[int, str]]  # (column, level role) in column order
    cols: dict[str, int]
    max_cols: list[int]


def score_header(grid: Grid, r: int) -> ScoreHeader | None:
    labels, height = _labels(grid, r)
    roles = [_role(lab) for lab in labels]
    names = [(c, role) for c, role in enumerate(roles) if role in ("l1", "l2", "l3", "name")]
    # A merged heading cell repeats its role; keep the first column of each role.
    seen: set[str] = set()
    names = [(c, role) for c, role in names if not (role in seen or seen.add(role))]  # type: ignore[func-returns-value]
    if not names or ("self" not in roles and "weighted" not in roles):
        return None
    cols: dict[str, int] = {}
    max_cols: list[int] = []
    for c, role in enumerate(roles):
        if role == "max":
            max_cols.append(c)
        elif role and role not in cols:
            cols[role] = c
    if "weighted" in cols:
        # "权重 | 单项得分 | 折算得分": the weighted score counts, against the weight
        cols["self"] = cols.pop("weighted")
        weights = [c for c in max_cols if labels[c].replace(" ", "").startswith("权重")]
        max_cols = weights[:1] or max_cols
    return ScoreHeader(r, height, names, cols, max_cols)


def funds_header(grid: Grid, r: int) -> dict[str, int] | None:
    labels, _ = _labels(grid, r)
    cols: dict[str, int] = {}
    for c, label in enumerate(labels):
        role = _fund_role(label)
        if role and role not in cols:
            cols[role] = c
    amounts = {"initial", "annual", "executed"} & cols.keys()
    numeric = any(re.fullmatch(r"[-+]?[\d.,%]+", v) for v in labels if v)
    if len(amounts) >= 2 and not numeric:
        return cols
    return None


# -- parsing helpers -------------------------------------------------------------------------------


def _name(text: str) -> tuple[str, Decimal | None]:
    """An indicator name without its numbering, and a max written into it ("预算编制（20分）")."""
    text = clean(text)
    embedded = None
    m = _embedded_max().search(text)
    if m:
        embedded = Decimal(m.group(1))
        text = text[: m.start()]
    text = strip_item_marker(text).strip(" ：:。")
    return text, embedded


def _num(grid: Grid, r: int, c: int | None, what: str) -> Decimal | None:
    if c is None:
        return None
    return cell_decimal(grid.cell(r, c), what=what, where=grid.where(r, c))


def _text(grid: Grid, r: int, c: int | None) -> str:
    return clean(grid.cell(r, c)) if c is not None else ""


class IndicatorNode:
    def __init__(self, name: str) -> None:
        self.name = name
        self.values: dict[str, Any] = {}
        self.children: dict[str, IndicatorNode] = {}

    def child(self, name: str) -> IndicatorNode:
        if name not in self.children:
            self.children[name] = IndicatorNode(name)
        return self.children[name]

    def set(self, key: str, value: Any, where: str, notes: list[str]) -> None:
        if value in (None, ""):
            return
        old = self.values.get(key)
        if old is None:
            self.values[key] = value
        elif old != value and key in ("max_score", "self_score"):
            notes.append(
                f"{where}：“{self.name}”的{'分值' if key == 'max_score' else '得分'}出现两个不同的值（{old} 与 {value}），已取前者。"
            )
        elif old != value and key in ("basis", "deduction_reason") and value not in str(old):
            self.values[key] = f"{old}{value}"

    def is_empty(self) -> bool:
        return not any(v not in (None, "") for v in self.values.values()) and all(
            c.is_empty() for c in self.children.values()
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        out.update({k: v for k, v in self.values.items() if v not in (None, "")})
        if self.children:
            kept = [c.to_dict() for c in self.children.values() if not c.is_empty()]
            if kept:
                out["children"] = kept
        return out


def read_scores(
    grid: Grid, header: ScoreHeader, notes: list[str]
) -> tuple[list[IndicatorNode], Decimal | None, int]:
    """Indicator rows under ``header`` (until the sheet ends or another table starts)."""
    roots: dict[str, IndicatorNode] = {}
    stated_total: Decimal | None = None
    previous: list[str] = []
    marker_levels: dict[str, int] = {}
    r = header.row + header.height
    while r < len(grid.rows):
        row = [clean(v) for v in grid.rows[r]]
        if not any(row):
            r += 1
            continue
        first = next(v for v in row if v)
        if footer_start().match(first.replace(" ", "")) or _spans_table(grid, r, header):
            break  # 填表人/联系电话/注 lines, or a note merged across the whole table
        if _total_row().match(first.replace(" ", "")):
            stated_total = _num(grid, r, header.cols.get("self"), "合计得分")
            r += 1
            continue
        if r != header.row and (score_header(grid, r) is not None or funds_header(grid, r) is not None):
            if all(_role(v) or not v for v in row):  # a header repeated after a page break
                r += _labels(grid, r)[1]
                continue
            break
        path = _row_path(grid, r, header, previous, marker_levels)
        if not path:
            r += 1
            continue
        previous = [n for n, _ in path]
        node = roots.setdefault(path[0][0], IndicatorNode(path[0][0]))
        chain = [node]
        for name, _ in path[1:]:
            node = node.child(name)
            chain.append(node)
        where = grid.where(r)
        leaf = chain[-1]
        embedded = path[-1][1]
        values = {
            "self_score": _num(grid, r, header.cols.get("self"), "自评得分"),
            "basis": _text(grid, r, header.cols.get("basis")),
            "deduction_reason": _text(grid, r, header.cols.get("reason")),
            "target": _text(grid, r, header.cols.get("target")),
            "actual": _text(grid, r, header.cols.get("actual")),
        }
        maxima = _row_maxima(grid, r, header, len(chain))
        for level, node_ in enumerate(chain):
            if maxima.get(level) is not None:
                node_.set("max_score", maxima[level], where, notes)
            elif node_ is leaf and embedded is not None:
                node_.set("max_score", embedded, where, notes)
            if path[level][1] is not None and node_ is not leaf:
                node_.set("max_score", path[level][1], where, notes)
        for key, value in values.items():
            leaf.set(key, value, where, notes)
        r += 1
    return list(roots.values()), stated_total, r


def _spans_table(grid: Grid, r: int, header: ScoreHeader) -> bool:
    """A row that is one cell merged across every column of the table (a note, not an indicator)."""
    cols = [c for c, _ in header.names] + header.max_cols + list(header.cols.values())
    first, last = min(cols), max(cols)
    return first != last and grid.same_merge(r, first, last)


def _row_maxima(grid: Grid, r: int, header: ScoreHeader, depth: int) -> dict[int, Decimal | None]:
    """Max scores of a row by level: one 分值 column is the row's deepest node; several follow their name column."""
    if not header.max_cols:
        return {}
    if len(header.max_cols) == 1:
        return {depth - 1: _num(grid, r, header.max_cols[0], "分值")}
    out: dict[int, Decimal | None] = {}
    name_cols = [c for c, _ in header.names]
    for c in header.max_cols:
        left = [i for i, nc in enumerate(name_cols) if nc < c]
        level = left[-1] if left else 0
        if level < depth:
            out[level] = _num(grid, r, c, "分值")
    return out


def _row_path(
    grid: Grid, r: int, header: ScoreHeader, previous: list[str], marker_levels: dict[str, int]
) -> list[tuple[str, Decimal | None]]:
    """The indicator path a row describes, carrying blank upper levels down from the row above."""
    if len(header.names) == 1 and header.names[0][1] == "name":
        raw = clean(grid.cell(r, header.names[0][0]))
        if not raw:
            return []
        marker = item_marker(raw)
        kind = re.sub(f"[{CN_NUMERALS}]+", "一", re.sub(r"\d+", "1", marker)) if marker else ""
        level = marker_levels.setdefault(kind, len(marker_levels)) if kind else 0
        name, embedded = _name(raw)
        upper = [(n, None) for n in previous[:level]]
        return [*upper, (name, embedded)]
    names: list[tuple[str, Decimal | None]] = []
    first_col = header.names[0][0]
    for i, (c, _) in enumerate(header.names):
        raw = clean(grid.cell(r, c))
        if i > 0 and raw and grid.same_merge(r, c, first_col):
            raw = ""  # one cell merged across the level columns names one node, not two
        if (
            i > 0
            and raw
            and raw == clean(grid.cell(r, header.names[i - 1][0]))
            and grid.same_merge(r, c, header.names[i - 1][0])
        ):
            raw = ""
        names.append(_name(raw) if raw else ("", None))
    # Carry blank upper levels from the row above (forms that leave "same as above" cells empty).
    deepest = max((i for i, (n, _) in enumerate(names) if n), default=-1)
    if deepest < 0:
        return []
    for i in range(deepest):
        if not names[i][0]:
            if i < len(previous) and (i == 0 or names[i - 1][0] == previous[i - 1]):
                names[i] = (previous[i], None)
            else:
                break
    path = []
    for n, e in names[: deepest + 1]:
        if not n:
            return [(n2, e2) for n2, e2 in names[: deepest + 1] if n2]
        path.append((n, e))
    return path


def read_funds(grid: Grid, r: int, cols: dict[str, int], notes: list[str]) -> tuple[dict[str, Any], int]:
    labels, height = _labels(grid, r)
    first_value = min(cols.values())
    out: dict[str, Any] = {"sources": []}
    i = r + height
    while i < len(grid.rows):
        row = [clean(v) for v in grid.rows[i]]
        if not any(row):
            i += 1
            continue
        label_cells = [v for v in row[:first_value] if v and "项目资金" not in v and "资金（万元）" not in v]
        label = label_cells[-1] if label_cells else ""
        if not label or any("总体目标" in v for v in row) or score_header(grid, i) is not None:
            break
        name = label.replace("其中：", "").replace("其中:", "").strip()
        numbers = {
            role: _num(grid, i, c, labels[c] or role)
            for role, c in cols.items()
            if role in ("initial", "annual", "executed")
        }
        if any(k in name for k in ("资金总额", "合计", "总额")):
            out["total"] = numbers
            out["max"] = _num(grid, i, cols.get("max"), "分值")
            out["score"] = _num(grid, i, cols.get("score"), "得分")
            rate = _text(grid, i, cols.get("rate"))
            if rate:
                out["rate"] = rate
        elif any(v is not None for v in numbers.values()):
            out["sources"].append({"name": name, **numbers})
        i += 1
    return out, i


def read_goal(grid: Grid, r: int) -> tuple[list[str], list[str], int] | None:
    """The 年度总体目标 block: 预期目标 and 实际完成情况 columns, texts in the rows below."""
    row = [clean(v) for v in grid.rows[r]]
    if not any("年度总体目标" in v or v == "总体目标" for v in row):
        return None
    target_col = next((c for c, v in enumerate(row) if "预期目标" in v), None)
    actual_col = next((c for c, v in enumerate(row) if "实际完成情况" in v), None)
    if target_col is None:
        return None
    targets: list[str] = []
    actual: list[str] = []
    i = r + 1
    while i < len(grid.rows):
        cells = [clean(v) for v in grid.rows[i]]
        if not any(cells):
            i += 1
            continue
        if score_header(grid, i) is not None or not any("总体目标" in v for v in cells):
            break
        t = _text(grid, i, target_col)
        a = _text(grid, i, actual_col)
        if t and t not in targets:
            targets.append(t)
        if a and a not in actual:
            actual.append(a)
        i += 1
    return targets, actual, i
