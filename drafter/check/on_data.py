"""Checking evaluation data: what ``drafter validate`` says, and what ``draft`` and ``suggest`` build on.

:func:`check_data` runs the registered rules on :func:`~drafter.check.from_data.facts_from_data`
— the same rules, with the same messages, that check a report drafted from the data — plus the
data file's own codes (DA002, DA004 from loading the rubric the data names; DA001 is found by
the loader, before there is data to check). Findings point at YAML lines and carry the field path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drafter.findings import Finding, Severity

if TYPE_CHECKING:
    from drafter.check.rule import Rule

__all__ = ["ERRORS_ON_DATA", "check_data", "has_errors"]

#: On data, an error refuses drafting, so only a fault that would make the drafted report state
#: impossible scores or sums stays one: a score above its maximum, sub-scores or maxima that do
#: not add up, parts not adding to their total, a rate its own figures contradict, a field of the
#: wrong type, an unknown rubric. Every other rule's error is a warning on data (payments above
#: the spending they are part of, a maximum the rubric gives otherwise, a claim of the data's own
#: prose): the draft states what the data holds, and the user is told before it is checked.
ERRORS_ON_DATA = frozenset({"DA001", "DA002", "SC001", "SC003", "SC004", "FG001", "FG003"})

#: Families that do not apply to data: what a report's reading found (RD), the report against
#: ``--data`` (DT: data against itself), the model second reader (LM).
_NOT_ON_DATA = frozenset({"read", "data", "model"})
#: Rules about a report read with ``--rubric`` that the data decides itself: the rubric's year
#: (RB004) is the user's choice in ``meta.rubric`` (a 2024 report may keep the 2023 rubric).
_NOT_ON_DATA_CODES = frozenset({"RB004"})


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def _rules() -> tuple[Rule, ...]:
    from drafter.check.registry import RULES

    return tuple(
        r
        for r in RULES
        if r.status == "stable" and r.family not in _NOT_ON_DATA and r.code not in _NOT_ON_DATA_CODES
    )


def check_data(data: Any, *, rubric: Any = None, prose: bool = True) -> list[Finding]:
    """Findings about :class:`~drafter.data.model.EvaluationData`, ordered by YAML line.

    ``rubric`` defaults to the one ``data.meta.rubric`` names (an unknown id is a DA002 error).
    ``prose=False`` leaves out the claims and rates the data's prose states (its 评分依据, 扣分原因
    and work facts): ``drafter suggest`` answers those through its own check of the report.
    """
    from drafter.check.facts import CheckContext
    from drafter.check.from_data import facts_from_data

    out: list[Finding] = []
    if rubric is None:
        rubric = _rubric_for(data, out)
    if rubric is not None and rubric.kind != data.meta.kind:
        out.append(
            Finding(
                code="DA004",
                severity=Severity.WARNING,
                message=f"报告类型为“{data.meta.kind}”，所选评价指标体系“{rubric.name}”却用于“{rubric.kind}”",
                hint="核对 meta.kind 和 meta.rubric：部门整体支出与项目支出的指标体系不同。",
                **_where(data, ("meta", "rubric")),
            )
        )
    facts = facts_from_data(data, prose_claims=prose)
    ctx = CheckContext(rubric=rubric, year=data.meta.fiscal_year)
    seen: set[tuple[str, int | None, str]] = set()
    for rule in _rules():
        for f in rule.run(facts, ctx):
            key = (f.code, f.line, f.message)
            if key in seen:
                continue
            seen.add(key)
            if f.severity is Severity.ERROR and f.code not in ERRORS_ON_DATA:
                f = f.model_copy(update={"severity": Severity.WARNING})
            out.append(f)
    out.sort(key=lambda f: f.line or 0)
    return out


def _where(data: Any, loc: tuple[str | int, ...]) -> dict[str, Any]:
    from drafter.data.load import format_path

    source = getattr(data, "_source", None)
    line = source.line_for(loc) if source is not None else None
    return {"line": line, "end_line": line, "path": format_path(loc)}


def _rubric_for(data: Any, out: list[Finding]) -> Any:
    from drafter.errors import DrafterError
    from drafter.rubric import load_rubric

    try:
        return load_rubric(data.meta.rubric)
    except DrafterError as exc:
        out.append(
            Finding(
                code="DA002",
                severity=Severity.ERROR,
                message=exc.message.rstrip("。"),
                hint="把 meta.rubric 改为所列编号之一，或指标体系文件的路径。",
                **_where(data, ("meta", "rubric")),
            )
        )
        return None
