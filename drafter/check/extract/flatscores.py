"""A score table flattened into one line with single spaces, names then 分值 and 得分 per row: what a
web page or a PDF text layer gives of a 部门整体 评分表 ("一级指标 二级指标 三级指标 分值 自评得分 投入
目标设定 绩效目标合理性 5 5 绩效指标明确性 5 5 预算配置 在职人员控制率 5 5 … 合计 100 95").

The header is a run of name columns (一级指标, 二级指标, 三级指标, 指标名称) followed by the 分值 and
得分 columns, in either order, and nothing else: a text column (扣分原因) cannot be told from the
next row's names. Each row is one to as many names as the header has name columns, then exactly two
plain numbers. A merged cell of a higher level is written once, at the first row it spans, so a row
with fewer names takes the higher levels from the row before ("绩效指标明确性 5 5" under "投入
目标设定"). The table ends at its 合计/总分/总计 row or at the end of the line.

The reading is all or nothing: a row that does not fit (a number where a name should stand, a run
of three numbers, more names than the header's columns, words left over at the end) leaves the
whole line unread, so that a partial table never makes a sum that looks wrong.
"""

from __future__ import annotations

from drafter.check.extract._common import TextLine
from drafter.check.extract.stacked import INDICATOR_HEADER, row_line
from drafter.text.lazyre import lazy_compile

__all__ = ["GATE_WORD", "flat_score_rows"]

#: a line holding a flattened table names a level of indicators (一级指标, 二级指标, 三级指标): with
#: the line's length, the gate of :mod:`.oneline`
GATE_WORD = "级指标"
_NAME_COLUMNS = {"一级指标": 0, "二级指标": 1, "三级指标": 2, "指标名称": 2}
_MAX_WORDS = frozenset(("分值", "权重", "满分", "标准分", "指标分值", "标准分值"))
_SCORE_WORDS = frozenset(("得分", "自评得分", "评分", "评价得分", "实际得分", "自评分"))
_TOTAL_WORDS = frozenset(("合计", "总分", "总计"))
_NUMBER = lazy_compile(r"^\d{1,3}(?:\.\d{1,2})?$")
#: a name cell: words with a Chinese character, no sentence in it
_NAME = lazy_compile(r"^[^\d。；;！!？?][^。；;！!？?]*$")
_MIN_ROWS = 3


def flat_score_rows(tl: TextLine) -> list[TextLine]:
    """The header, rows and total row of a score table flattened into ``tl``, or [] (see the module)."""
    tokens = tl.text.split()
    start = next((i for i, t in enumerate(tokens) if t in _NAME_COLUMNS), None)
    if start is None:
        return []
    levels: list[int] = []
    i = start
    while i < len(tokens) and tokens[i] in _NAME_COLUMNS:
        levels.append(_NAME_COLUMNS[tokens[i]])
        i += 1
    if levels != sorted(set(levels)) or i + 2 > len(tokens):
        return []
    pair = tokens[i : i + 2]
    if pair[0] in _MAX_WORDS and pair[1] in _SCORE_WORDS:
        score_first = False
    elif pair[0] in _SCORE_WORDS and pair[1] in _MAX_WORDS:
        score_first = True
    else:
        return []
    header_names = tuple(INDICATOR_HEADER[level] for level in levels)  # 一级指标, 二级指标, 三级指标
    width = len(levels)
    rows: list[tuple[str, ...]] = []
    carry = [""] * width
    names: list[str] = []
    total: tuple[str, ...] = ()
    i += 2
    n = len(tokens)
    while i < n:
        token = tokens[i]
        if token in _TOTAL_WORDS and not names:
            numbers = tokens[i + 1 : i + 3]
            if len(numbers) < 2 or not all(_NUMBER.match(t) for t in numbers):
                return []
            total = (token, *([""] * (width - 1)), *_ordered(numbers, score_first))
            break
        if _NUMBER.match(token):
            numbers = tokens[i : i + 2]
            if (
                not names
                or len(names) > width
                or len(numbers) < 2
                or not _NUMBER.match(numbers[1])
                or (i + 2 < n and _NUMBER.match(tokens[i + 2]))
            ):
                return []
            carry[width - len(names) :] = names
            rows.append((*carry, *_ordered(numbers, score_first)))
            names = []
            i += 2
            continue
        if _NAME.match(token) is None:
            return []
        names.append(token)
        i += 1
    if names or len(rows) < _MIN_ROWS:
        return []
    header = row_line(tl, (*header_names, INDICATOR_HEADER[5], INDICATOR_HEADER[6]))  # 分值, 得分
    return [header, *(row_line(tl, r) for r in rows), *([row_line(tl, total)] if total else [])]


def _ordered(numbers: list[str], score_first: bool) -> tuple[str, str]:
    """``(分值, 得分)`` from the two numbers as the header orders them."""
    return (numbers[1], numbers[0]) if score_first else (numbers[0], numbers[1])
