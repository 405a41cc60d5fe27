"""The "存在问题：无 beside deductions" note (rule CL003 as suggest and draft say it).

Kept free of the knowledge base and the models so that ``drafter draft`` can warn without
loading them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

__all__ = ["deducted_indicators", "no_problem_note", "says_no_problem"]

_NO_PROBLEM = re.compile(r"^\s*(存在(的)?问题[：:]\s*)?(无|暂无|没有|未发现)(问题)?[。.]?\s*$")


def says_no_problem(problems: Sequence[str]) -> bool:
    """Whether the stated problems amount to "无" (and something was stated)."""
    stated = [p for p in problems if p.strip()]
    return bool(stated) and all(_NO_PROBLEM.match(p) for p in stated)


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")


def deducted_indicators(indicators: Iterable[Any]) -> Iterator[tuple[str, Decimal]]:
    """(name, points lost) of the most specific deducted indicators of evaluation data."""
    for ind in indicators:
        below = list(deducted_indicators(ind.children))
        if below:
            yield from below
            continue
        top, score = ind.effective_max(), ind.effective_self()
        if top is not None and score is not None and score < top:
            yield ind.name, top - score


def no_problem_note(
    lost: Sequence[tuple[str, Decimal]], problems: Sequence[str] | None, *, where: str = "数据"
) -> str | None:
    """The note, when problems are empty or 无 while ``lost`` is not empty; else None."""
    if problems is None or not lost:
        return None
    stated = [p for p in problems if p.strip()]
    if stated and not says_no_problem(stated):
        return None
    points = "、".join(f"“{name}”扣{_fmt(value)}分" for name, value in lost)
    what = "“存在问题：无”" if stated else "存在问题为空"
    return f"{where}中{what}，但有扣分指标（{points}）：第四部分应逐项写明扣分对应的问题、原因和措施（检查规则 CL003）。"
