"""Who wrote a report, for which year, and what kind of report it is — read from its title and
the checker's :class:`~drafter.check.facts.Facts` (the extractors own the reading of names and
years; this module only picks from what they found)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafter.check.facts import Facts

__all__ = ["KINDS", "KIND_DEPT", "KIND_PROJECT", "report_kind", "report_unit"]

KIND_DEPT = "部门整体"
KIND_PROJECT = "项目"
KINDS = (KIND_DEPT, KIND_PROJECT)

#: How many non-blank lines from the top hold the title (a cover page may put the unit, the
#: title and a date on lines of their own).
TITLE_LINES = 6
_DEPT = re.compile(r"部门整体|整体支出|部门绩效自评|单位整体")
_PROJECT = re.compile(r"项目(?:支出|绩效|自评|资金)|专项(?:资金|经费|支出)|项目$")
_TITLE_END = re.compile(r"报告|自评表|评价表|自评")
_DEPT_BODY = re.compile(r"部门整体")


def report_kind(lines: Iterable[str], facts: Facts | None = None) -> str | None:
    """部门整体 or 项目 from the title (the first lines that name a report), else 项目 when the
    report holds the funds block of a 项目支出 自评表, else 部门整体 when its body says 部门整体;
    None when nothing says."""
    seen = 0
    rest: list[str] = []
    for text in lines:
        if seen >= TITLE_LINES:
            rest.append(text)
            continue
        text = text.strip()
        if not text:
            continue
        seen += 1
        if not _TITLE_END.search(text) and len(text) > 40:
            continue  # prose, not a title
        dept, project = _DEPT.search(text), _PROJECT.search(text)
        if dept and (not project or dept.start() <= project.start()):
            return KIND_DEPT
        if project:
            return KIND_PROJECT
    if facts is not None and getattr(facts, "funds", ()):
        return KIND_PROJECT
    # No title says: a 部门整体 report names itself so in its sections (（一）部门整体概况,
    # 部门整体支出情况); 项目支出 alone proves nothing, every 部门整体 report spends on projects.
    return KIND_DEPT if any(_DEPT_BODY.search(text) for text in rest) else None


def report_unit(facts: Facts) -> str | None:
    """The unit's full name as the report writes it (else its short name)."""
    return getattr(facts, "dept_full", None) or getattr(facts, "dept_short", None) or None
