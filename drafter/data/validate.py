"""Cross-field validation of evaluation data: what the data model itself can know.

Errors refuse drafting (a report drafted from them would state impossible scores):
self score above its max (SC003), a parent's stated self score or max that its children
contradict (SC001, SC004), an unknown rubric (DA002).
Warnings draft but say so: 基本+项目 ≠ 实际支出 and staff categories ≠ total (FG001), named
payments exceeding the spending they belong to (FG005), a deduction without a reason (SC005),
an indicator the rubric does not know or whose max differs from it (RB003, RB001), maxima not
adding to the rubric's total (SC004), an indicator with no self score (DA003), a rubric made for
the other report kind (DA004).

The checker's rules also run on data (``drafter.check.from_data``); this module stays limited to
the consistency of the data file itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from drafter.data.load import DataSource, Loc, format_path
from drafter.data.model import EvaluationData, Indicator
from drafter.findings import Finding, Severity

if TYPE_CHECKING:
    from drafter.rubric.model import Rubric, RubricIndicator

__all__ = ["AMOUNT_TOLERANCE", "has_errors", "validate_data", "validation_report"]

# Amounts are transcribed from the 决算 to the cent: sums must agree exactly.
AMOUNT_TOLERANCE = Decimal("0.00")
CODE_UNKNOWN_RUBRIC = "DA002"
CODE_NO_SCORE = "DA003"
CODE_RUBRIC_KIND = "DA004"


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


class _Collector:
    def __init__(self, source: DataSource | None) -> None:
        self.source = source
        self.findings: list[Finding] = []

    def add(self, code: str, severity: Severity, loc: Loc, message: str, **extra: Any) -> None:
        line = self.source.line_for(loc) if self.source else None
        self.findings.append(
            Finding(code=code, severity=severity, message=message, path=format_path(loc), line=line, **extra)
        )


def validate_data(
    data: EvaluationData, *, source: DataSource | None = None, rubric: Rubric | None = None
) -> list[Finding]:
    """Findings about ``data`` (errors and warnings), ordered by YAML line.

    ``source`` gives YAML lines (default: the one :func:`~drafter.data.load.load_data` attached);
    ``rubric`` defaults to the one ``data.meta.rubric`` names (an unknown id is an error finding).
    """
    out = _Collector(source if source is not None else getattr(data, "_source", None))
    if rubric is None:
        rubric = _rubric_for(data, out)
    _check_expenditure(data, out)
    _check_staffing(data, out)
    for index, ind in enumerate(data.indicators):
        _check_indicator(ind, ("indicators", index), out)
    if rubric is not None:
        _check_against_rubric(data, rubric, out)
    out.findings.sort(key=lambda f: (f.line or 0, f.severity.rank * -1))
    return out.findings


def validation_report(data: EvaluationData, *, rubric: Rubric | None = None) -> list[Finding]:
    """What ``drafter validate`` and ``drafter draft`` tell the user about ``data``.

    :func:`validate_data` plus the checker's claim rules on the data's own prose (CL002 on
    "所有项目都按时完成" beside a task at 65%…), as warnings, ordered by YAML line. The prose
    claims are kept out of :func:`validate_data` itself because ``drafter suggest`` builds on
    it and answers those claims through its own check of the report.
    """
    from drafter.check.from_data import prose_findings

    found = [*validate_data(data, rubric=rubric), *prose_findings(data)]
    found += draft_findings(data)
    return sorted(found, key=lambda f: f.line or 0)


#: Rules that read the figures a report states in its prose and that the data's own prose
#: (评分依据, 扣分原因, work facts) can break: "预算执行率为92.92%" beside figures giving 97.44%.
#: The data's structured figures are validated above; these are found in the drafted words.
PROSE_FIGURE_CODES = ("FG003",)


def draft_findings(data: EvaluationData) -> list[Finding]:
    """What ``drafter check`` says about the report drafted offline from ``data``, for the rules
    of :data:`PROSE_FIGURE_CODES`, with the same severity and 应为/实际, placed on the data line
    that states the figure — so data that validates clean drafts a report that checks clean."""
    from drafter.check.extract import extract_facts
    from drafter.check.facts import CheckContext
    from drafter.check.rules.figures import rate_mismatch
    from drafter.draft.report import draft_report
    from drafter.read import document_from_text

    try:
        text = draft_report(data).to_text()
    except Exception:
        return []
    # the rules themselves (not the whole checker): the same findings, without its start-up cost
    rules = [r for r in (rate_mismatch.RULE,) if r.code in PROSE_FIGURE_CODES]
    facts = extract_facts(document_from_text(text, path="<草稿>"))
    context = CheckContext(year=data.meta.fiscal_year)
    found = [f for rule in rules for f in rule.run(facts, context)]
    source = getattr(data, "_source", None)
    lines = _source_lines(source)
    out = []
    for f in found:
        line = _line_stating(lines, f.found) or _line_stating(lines, f.quote)
        out.append(f.model_copy(update={"line": line, "end_line": line, "col": None, "path": None}))
    return out


def _source_lines(source: DataSource | None) -> list[str]:
    if source is None or not source.path or source.path.startswith("<"):
        return []
    from drafter.errors import DrafterError
    from drafter.fileio import read_text

    try:
        return read_text(source.path).splitlines()
    except DrafterError:
        return []


def _line_stating(lines: list[str], value: str | None) -> int | None:
    """The first data line that holds ``value`` (a figure such as "92.92%")."""
    if not value:
        return None
    value = value.strip()
    for no, line in enumerate(lines, start=1):
        if value in line:
            return no
    return None


def _rubric_for(data: EvaluationData, out: _Collector) -> Rubric | None:
    from drafter.errors import DrafterError
    from drafter.rubric import load_rubric

    try:
        return load_rubric(data.meta.rubric)
    except DrafterError as exc:
        out.add(
            CODE_UNKNOWN_RUBRIC,
            Severity.ERROR,
            ("meta", "rubric"),
            exc.message,
            hint="把 meta.rubric 改为上面列出的编号之一。",
        )
        return None


# --- expenditure and staffing -----------------------------------------------------------------


def _check_expenditure(data: EvaluationData, out: _Collector) -> None:
    exp = data.expenditure
    if exp.actual is not None and exp.basic is not None and exp.project is not None:
        parts = exp.basic + exp.project
        if abs(parts - exp.actual) > AMOUNT_TOLERANCE:
            out.add(
                "FG001",
                Severity.ERROR,  # as drafter check rates it in the report drafted from these figures
                ("expenditure", "actual"),
                f"基本支出 {_fmt(exp.basic)} 万元 + 项目支出 {_fmt(exp.project)} 万元 = {_fmt(parts)} 万元，"
                f"与实际支出 {_fmt(exp.actual)} 万元不符。",
                # oriented as check's FG001: 应为 the total as stated, 实际 what the parts add to
                expected=f"{_fmt(exp.actual)} 万元（实际支出）",
                found=f"{_fmt(exp.basic)} + {_fmt(exp.project)} = {_fmt(parts)} 万元",
                hint="按决算报表核对实际支出、基本支出和项目支出三个数。",
            )
    for part_of, total in (("项目支出", exp.project), ("基本支出", exp.basic)):
        named = [(i, p) for i, p in enumerate(exp.payments) if p.part_of == part_of]
        if total is None or not named:
            continue
        paid = sum((p.amount for _, p in named), Decimal(0))
        if paid - total > AMOUNT_TOLERANCE:
            listing = " + ".join(_fmt(p.amount) for _, p in named)
            out.add(
                "FG005",
                Severity.WARNING,
                ("expenditure", "payments", named[0][0]),
                f"列明的{part_of}款项 {listing} = {_fmt(paid)} 万元，超过{part_of}总额 {_fmt(total)} 万元。",
                expected=f"≤ {_fmt(total)} 万元",
                found=f"{_fmt(paid)} 万元",
                hint=f"核对各笔款项是否都在本年度{part_of}中列支（有无跨年度支付、其他资金来源），并在报告中说明口径。",
            )


def _check_staffing(data: EvaluationData, out: _Collector) -> None:
    staff = data.profile.staffing
    if staff is None or not staff.categories:
        return
    parts = sum(c.count for c in staff.categories)
    if parts != staff.total:
        detail = "、".join(f"{c.name}{c.count}人" for c in staff.categories)
        out.add(
            "FG001",
            Severity.ERROR,  # as drafter check rates it in the drafted report
            ("profile", "staffing", "total"),
            f"{detail}，合计 {parts} 人，与{staff.label}总数 {staff.total} 人不符。",
            expected=f"{staff.total} 人",
            found=" + ".join(f"{c.name} {c.count}" for c in staff.categories) + f" = {parts} 人",
            hint="核对编制总数和各类编制人数。",
        )


# --- the indicator tree -------------------------------------------------------------------------


def _check_indicator(ind: Indicator, loc: Loc, out: _Collector) -> None:
    if ind.self_score is not None and ind.max_score is not None and ind.self_score > ind.max_score:
        out.add(
            "SC003",
            Severity.ERROR,
            (*loc, "self_score"),
            f"指标“{ind.name}”自评得分 {_fmt(ind.self_score)} 分，超过其分值 {_fmt(ind.max_score)} 分。",
            expected=f"0 – {_fmt(ind.max_score)} 分",
            found=f"{_fmt(ind.self_score)} 分",
            hint="自评得分不能高于指标分值；请核对得分或分值。",
        )
    kids = ind.children
    total_max = ind.children_sum("max")
    if ind.max_score is not None and total_max is not None and total_max != ind.max_score:
        out.add(
            "SC004",
            Severity.ERROR,
            (*loc, "max_score"),
            f"指标“{ind.name}”分值为 {_fmt(ind.max_score)} 分，下级指标分值之和却为 {_fmt(total_max)} 分。",
            expected=f"{_fmt(total_max)} 分",
            found=f"{_fmt(ind.max_score)} 分",
            hint="核对上级指标分值和各下级指标分值。",
        )
    total_self = ind.children_sum("self")
    if ind.self_score is not None and total_self is not None and total_self != ind.self_score:
        out.add(
            "SC001",
            Severity.ERROR,
            (*loc, "self_score"),
            f"指标“{ind.name}”自评 {_fmt(ind.self_score)} 分，下级指标自评得分之和却为 {_fmt(total_self)} 分。",
            expected=f"{_fmt(total_self)} 分",
            found=f"{_fmt(ind.self_score)} 分",
            hint="上级指标得分应等于下级指标得分之和；可删去上级的 self_score，由程序相加。",
        )
    own = ind.effective_self()
    if own is None and not kids:
        out.add(
            CODE_NO_SCORE,
            Severity.WARNING,
            loc,
            f"指标“{ind.name}”未填自评得分，起草时该处将留待补充。",
            hint="填写 self_score。",
        )
    top = ind.effective_max()
    # A parent whose lost points sit in its children is answered by (or flagged on) those children.
    if (
        own is not None
        and top is not None
        and own < top
        and not ind.deduction_reason
        and not any(map(_lost, kids))
    ):
        out.add(
            "SC005",
            Severity.WARNING,
            loc,
            f"指标“{ind.name}”自评 {_fmt(own)} 分，比分值 {_fmt(top)} 分少 {_fmt(top - own)} 分，未写扣分原因。",
            hint="在 deduction_reason 中写明扣分原因（哪项工作未达标、差距多少）。",
        )
    for index, child in enumerate(kids):
        _check_indicator(child, (*loc, "children", index), out)


def _lost(ind: Indicator) -> bool:
    own, top = ind.effective_self(), ind.effective_max()
    return own is not None and top is not None and own < top


# --- against the rubric -------------------------------------------------------------------------


def _walk_with_rubric(
    items: list[Indicator], known: tuple[RubricIndicator, ...], loc: Loc
) -> Iterator[tuple[Indicator, RubricIndicator | None, Loc]]:
    for index, ind in enumerate(items):
        here = (*loc, index)
        match = next((r for r in known if r.matches(ind.name)), None)
        yield ind, match, here
        if match is not None:
            yield from _walk_with_rubric(ind.children, match.children, (*here, "children"))


def _check_against_rubric(data: EvaluationData, rubric: Rubric, out: _Collector) -> None:
    if rubric.kind != data.meta.kind:
        out.add(
            CODE_RUBRIC_KIND,
            Severity.WARNING,
            ("meta", "rubric"),
            f"报告类型为“{data.meta.kind}”，所选评价指标体系“{rubric.name}”却用于“{rubric.kind}”。",
            hint="核对 meta.kind 和 meta.rubric：部门整体支出与项目支出的指标体系不同。",
        )
    for ind, match, loc in _walk_with_rubric(data.indicators, rubric.indicators, ("indicators",)):
        if match is None:
            out.add(
                "RB003",
                Severity.WARNING,
                loc,
                f"指标“{ind.name}”不在评价指标体系“{rubric.name}”的这一级中。",
                hint="核对指标名称是否与指标体系一致（错别字、层级放错），或在 meta.rubric 中选用正确的体系。",
            )
            continue
        if match.max_score is not None and ind.max_score is not None and match.max_score != ind.max_score:
            out.add(
                "RB001",
                Severity.WARNING,
                (*loc, "max_score"),
                f"指标“{ind.name}”分值为 {_fmt(ind.max_score)} 分，评价指标体系规定为 {_fmt(match.max_score)} 分。",
                expected=f"{_fmt(match.max_score)} 分",
                found=f"{_fmt(ind.max_score)} 分",
                hint="按指标体系的分值填写；如当年体系已调整，请选用对应年度的指标体系。",
            )
    total = data.total_max()
    if data.indicators and total is not None and total != rubric.total:
        out.add(
            "SC004",
            Severity.WARNING,
            ("indicators",),
            f"一级指标分值之和为 {_fmt(total)} 分，不等于总分 {_fmt(rubric.total)} 分。",
            expected=f"{_fmt(rubric.total)} 分",
            found=f"{_fmt(total)} 分",
            hint="核对各一级指标分值；有不适用指标时应按指标体系折算。",
        )
