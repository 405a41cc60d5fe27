"""CN002 unknown-unit-name."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from drafter.check.facts import CheckContext, EntityList, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity

#: How alike a unit name must be to a listed one to be called a variant of it (difflib ratio).
SIMILAR = 0.6


def _closest(name: str, items: tuple[str, ...]) -> tuple[str | None, float]:
    best, score = None, 0.0
    for item in items:
        r = SequenceMatcher(None, name, item).ratio()
        if r > score:
            best, score = item, r
    return best, score


def _unit_lists(facts: Facts) -> list[EntityList]:
    return [e for e in facts.entities if e.kind == "units" and e.items]


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A unit described under a name that is not among the listed 内设机构: the list says
        国土规划环保局, the duties paragraph is headed 国土规划局.

    Why it matters:
        A unit name that changes between the list and its duties usually means a paragraph
        copied from an old report (before the unit was renamed or merged). The reader cannot tell
        which unit the duties belong to.

    Example:
        设4个正股级内设机构：党政办公室、经济发展局、政务服务局、国土规划环保局。
        …… 国土规划局。组织编制并监督实施阳西高新区国土空间规划……

    What to write instead:
        Use the listed name everywhere (国土规划环保局。组织编制……), or correct the list if the
        unit really was renamed.
    """
    lists = _unit_lists(facts)
    if not lists:
        return
    listed = tuple(dict.fromkeys(i for e in lists for i in e.items))
    listing = lists[0]
    for mention in facts.names:
        if mention.kind != "unit_head" or mention.name in listed:
            continue
        best, score = _closest(mention.name, listed)
        if best is not None and score >= SIMILAR:
            message = f"单位名称“{mention.name}”不在所列内设机构中，疑为“{best}”"
            expected = best
        else:
            message = f"单位名称“{mention.name}”不在所列内设机构中"
            expected = "、".join(listed)
        yield finding(
            "CN002",
            Severity.WARNING,
            message,
            mention.source,
            expected=expected,
            found=mention.name,
            hint=f"统一使用第{listing.source.line}行所列的机构名称；若机构已更名，请同时更正机构列表。",
        )


RULE = Rule(
    code="CN002",
    name="unknown-unit-name",
    family="consistency",
    severity=Severity.WARNING,
    title="单位名称不在所列内设机构中",
    func=check,
)
