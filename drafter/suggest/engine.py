"""From deductions and findings to suggestions, offline (the knowledge base).

Sources are collected first — every deducted indicator (self < max) and every finding of
severity warning or above — and numbered (D1…, F1…). Each source is matched to one knowledge-base
entry; sources that answer the same entry and scope (e.g. CL002 reported twice about the same
claim) become one problem, which is rendered once with the report's own figures and names and
cites all of them. Nothing is suggested without a source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from drafter.errors import DrafterError
from drafter.findings import Finding, Severity
from drafter.suggest.context import Subject, fmt_num, resolve_owner, template_env
from drafter.suggest.kb import KbEntry, KnowledgeBase
from drafter.suggest.models import Deduction, FindingRef, Measure, Suggestion, SuggestResult
from drafter.suggest.notes import no_problem_note

__all__ = [
    "MIN_SEVERITY",
    "build_suggestions",
    "deductions_from_data",
    "deductions_from_facts",
    "finding_refs",
]

#: Findings below this severity (info) get no suggestion.
MIN_SEVERITY = Severity.WARNING

# Spaces that YAML folding or template indentation leave beside Chinese text.
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])[ \t\n]+|[ \t\n]+(?=[^\x00-\x7f])")


# --- sources -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Node:
    """An indicator as both data and report trees can describe it."""

    name: str
    path: str
    max: Decimal | None
    score: Decimal | None
    reason: str
    line: int | None
    field: str | None
    quote: str
    target: str | None
    actual: str | None
    parents: tuple[str, ...]
    children: tuple[_Node, ...] = ()

    @property
    def deducted(self) -> bool:
        return self.max is not None and self.score is not None and self.score < self.max


def _deducted_nodes(nodes: Iterable[_Node]) -> Iterator[_Node]:
    """The most specific deducted nodes: a deducted parent is reported only when none of its
    descendants explains the lost points; full-mark nodes are never reported."""
    for node in nodes:
        below = list(_deducted_nodes(node.children))
        if below:
            yield from below
        elif node.deducted:
            yield node


def _data_nodes(
    indicators: Sequence[Any], source: Any, loc: tuple[Any, ...], parents: tuple[str, ...]
) -> tuple[_Node, ...]:
    from drafter.data.load import format_path

    out = []
    for index, ind in enumerate(indicators):
        here = (*loc, index)
        line = source.line_for(here) if source is not None else None
        out.append(
            _Node(
                name=ind.name,
                path="/".join((*parents, ind.name)),
                max=ind.effective_max(),
                score=ind.effective_self(),
                reason=(ind.deduction_reason or "").strip(),
                line=line,
                field=format_path(here),
                quote=(ind.deduction_reason or "").strip(),
                target=ind.target,
                actual=ind.actual,
                parents=parents,
                children=_data_nodes(ind.children, source, (*here, "children"), (*parents, ind.name)),
            )
        )
    return tuple(out)


def deductions_from_data(data: Any) -> list[tuple[Deduction, tuple[str, ...]]]:
    """Deductions of evaluation data, each with its parents' names (for knowledge-base lookup)."""
    nodes = _data_nodes(data.indicators, getattr(data, "_source", None), ("indicators",), ())
    return _number(_deducted_nodes(nodes))


def _fact_nodes(
    nodes: Sequence[Any], parents: tuple[str, ...], rows: dict[int, Any] | None = None
) -> tuple[_Node, ...]:
    rows = rows or {}
    out = []
    for node in nodes:
        src = node.score_source or node.source
        row = rows.get(node.source.line) if node.source.line is not None else None
        out.append(
            _Node(
                name=node.name,
                path=node.path or "/".join((*parents, node.name)),
                max=node.max,
                score=node.score,
                reason=(node.reason or "").strip(),
                line=src.line,
                field=None,
                quote=(node.reason or src.quote or "").strip(),
                target=(row.target or None) if row is not None else None,
                actual=(row.actual or None) if row is not None else None,
                parents=parents,
                children=_fact_nodes(node.children, (*parents, node.name), rows),
            )
        )
    return tuple(out)


def _row_nodes(rows: Sequence[Any]) -> tuple[_Node, ...]:
    """Indicator rows of a 项目支出 自评表 (flat: level names give the parents)."""
    out = []
    for row in rows:
        parents = tuple(p for p in (row.level1, row.level2) if p and p != row.name)
        out.append(
            _Node(
                name=row.name,
                path="/".join((*parents, row.name)),
                max=row.max,
                score=row.score,
                reason=(row.reason or "").strip(),
                line=row.source.line,
                field=None,
                quote=row.source.quote,
                target=row.target or None,
                actual=row.actual or None,
                parents=parents,
            )
        )
    return tuple(out)


def deductions_from_facts(facts: Any) -> list[tuple[Deduction, tuple[str, ...]]]:
    """Deductions of a checked report: its score tree, else its 自评表 indicator rows."""
    rows = {r.source.line: r for r in facts.indicators if r.source.line is not None}
    nodes = _fact_nodes(facts.scores, (), rows)
    found = list(_deducted_nodes(nodes))
    if not found and facts.indicators:
        found = list(_deducted_nodes(_row_nodes(facts.indicators)))
    return _number(found)


def _number(nodes: Iterable[_Node]) -> list[tuple[Deduction, tuple[str, ...]]]:
    out = []
    for i, node in enumerate(nodes, start=1):
        assert node.max is not None and node.score is not None
        out.append(
            (
                Deduction(
                    id=f"D{i}",
                    indicator=node.name,
                    path=node.path,
                    max_score=node.max,
                    self_score=node.score,
                    lost=node.max - node.score,
                    reason=node.reason,
                    line=node.line,
                    field=node.field,
                    quote=node.quote,
                    target=node.target,
                    actual=node.actual,
                ),
                node.parents,
            )
        )
    return out


def finding_refs(findings: Iterable[Finding]) -> list[tuple[FindingRef, Finding]]:
    """Findings of severity warning or above, numbered F1…, in the order given."""
    out = []
    for f in findings:
        if f.severity.rank < MIN_SEVERITY.rank:
            continue
        ref = FindingRef(
            id=f"F{len(out) + 1}",
            code=f.code,
            severity=f.severity.value,
            message=f.message,
            line=f.line,
            quote=f.quote,
            expected=f.expected,
            found=f.found,
            field=f.path,
        )
        out.append((ref, f))
    return out


# --- grouping ------------------------------------------------------------------------------------


@dataclass
class _Problem:
    entry: KbEntry
    deduction: Deduction | None = None
    findings: list[FindingRef] = field(default_factory=list)
    indicator: Deduction | None = None  # for findings: the indicator they lie in, if known

    @property
    def sources(self) -> tuple[str, ...]:
        if self.deduction is not None:
            return (self.deduction.id,)
        return tuple(f.id for f in self.findings)


def _finding_key(entry: KbEntry, ref: FindingRef) -> tuple[Any, ...]:
    if entry.merge == "code":
        return ("rule", ref.code)
    where: Any = ref.line if ref.line is not None else (ref.field or ref.quote or ref.message)
    return ("rule", ref.code, where)


def _group(
    deductions: list[tuple[Deduction, tuple[str, ...]]],
    refs: list[FindingRef],
    kb: KnowledgeBase,
    subject: Subject,
    locate: Any,
) -> tuple[list[_Problem], list[str]]:
    problems: list[_Problem] = []
    notes: list[str] = []
    for ded, parents in deductions:
        text = f"{ded.reason}{ded.quote}"
        entry = kb.for_indicator(ded.indicator, rubric=subject.rubric, parents=parents, text=text)
        if entry is None:
            notes.append(
                f"扣分指标“{ded.path}”（{ded.id}）在措施知识库中没有对应条目，未生成建议；请人工补充改进措施。"
            )
            continue
        problems.append(_Problem(entry=entry, deduction=ded))
    by_key: dict[tuple[Any, ...], _Problem] = {}
    for ref in refs:
        entry = kb.for_rule(ref.code)
        if entry is None:
            notes.append(
                f"发现 {ref.id}（{ref.code}：{ref.message}）在措施知识库中没有对应条目，未生成建议。"
            )
            continue
        key = _finding_key(entry, ref)
        if key in by_key:
            by_key[key].findings.append(ref)
            continue
        problem = _Problem(entry=entry, findings=[ref], indicator=locate(ref))
        by_key[key] = problem
        problems.append(problem)
    return problems, notes


# --- rendering -----------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Drop the spaces and line breaks that templates leave beside Chinese text."""
    text = _CJK_SPACE.sub("", text).strip()
    return re.sub(r"。{2,}", "。", text)


def _where(lines: Sequence[int | None], fields: Sequence[str | None], *, in_data: bool = False) -> str:
    """第46、53行 (of the report), 数据文件第75行, or the data field when there is no line."""
    known = sorted({n for n in lines if n is not None})
    if known:
        return ("数据文件" if in_data else "") + "第" + "、".join(str(n) for n in known) + "行"
    named = [f for f in fields if f]
    if named:
        return f"数据字段 {named[0]}"
    return "数据中" if in_data else "报告中"


def _ind_vars(ded: Deduction | None) -> dict[str, Any] | None:
    if ded is None:
        return None
    head = (
        f"“{ded.indicator}”指标（分值{fmt_num(ded.max_score)}分）自评{fmt_num(ded.self_score)}分，"
        f"扣{fmt_num(ded.lost)}分"
    )
    return {
        "name": ded.indicator,
        "path": ded.path,
        "max": fmt_num(ded.max_score),
        "self": fmt_num(ded.self_score),
        "lost": fmt_num(ded.lost),
        "reason": ded.reason.rstrip("。") or None,
        "because": f"，扣分原因为“{ded.reason.rstrip('。')}”" if ded.reason else "",
        "head": head,
        "target": ded.target,
        "actual": ded.actual,
    }


def _f_vars(refs: list[FindingRef], *, in_data: bool = False) -> dict[str, Any] | None:
    if not refs:
        return None
    first = refs[0]
    quotes = list(dict.fromkeys(" ".join(r.quote.split()) for r in refs if r.quote.strip()))
    where = _where([r.line for r in refs], [r.field for r in refs], in_data=in_data)
    quote = (quotes[0] if quotes else "").rstrip("。")
    return {
        "code": first.code,
        "message": first.message.rstrip("。"),
        "quote": quote,
        "quotes": quotes,
        "where": where,
        "cite": f"{where}“{quote}”" if quote else where,
        "expected": first.expected,
        "found": first.found,
        "line": first.line,
        "count": len(refs),
    }


class Renderer:
    """The jinja2 environment of one run, with the templates it has compiled so far."""

    def __init__(self, kb: KnowledgeBase, *, in_data: bool = False) -> None:
        self.kb = kb
        self.in_data = in_data  # sources are lines of a data file, not of a report
        self.env = template_env()
        self._compiled: dict[str, Any] = {}

    def render(self, template: str, entry_id: str, variables: dict[str, Any]) -> str:
        return clean_text(self._compile(template, entry_id).render(variables))

    def _compile(self, template: str, entry_id: str) -> Any:
        compiled = self._compiled.get(template)
        if compiled is None:
            compiled = compile_template(self.env, template, entry_id, self.kb)
            self._compiled[template] = compiled
        return compiled


def compile_template(env: Any, template: str, entry_id: str, kb: KnowledgeBase) -> Any:
    """Compile a knowledge-base template; a syntax error names the entry and its file."""
    from jinja2 import TemplateSyntaxError

    try:
        return env.from_string(template)
    except TemplateSyntaxError as exc:
        raise DrafterError(
            f"措施知识库条目 {entry_id} 的模板语法有误：{exc.message}", path=kb.origins.get(entry_id)
        ) from exc


def render_problem(problem: _Problem, subject: Subject, renderer: Renderer, ident: str) -> Suggestion:
    entry = problem.entry
    kb = renderer.kb
    variables = subject.template_vars()
    variables["ind"] = _ind_vars(problem.deduction or problem.indicator)
    variables["f"] = _f_vars(problem.findings, in_data=renderer.in_data)
    variables["doc"] = "数据" if renderer.in_data else "报告"

    def render(template: str) -> str:
        return renderer.render(template, entry.id, variables)

    measures = []
    for m in entry.measures:
        owner = resolve_owner(subject.units, m.owners) or m.fallback_owner or subject.dept
        partner = resolve_owner(subject.units, m.partners, exclude=owner) if m.partners else None
        partners = (partner,) if partner else ()
        measures.append(
            Measure(
                text=render(m.text),
                owner=owner,
                partners=partners,
                milestone=m.when,
                deadline=renderer.render(kb.milestones[m.when], f"milestones.{m.when}", variables),
                sources=problem.sources,
            )
        )
    problem_text = render(entry.problem)
    report_problem = ""
    if entry.in_section_four:
        report_problem = render(entry.report_problem) if entry.report_problem else problem_text
    return Suggestion(
        id=ident,
        title=render(entry.title),
        problem=problem_text,
        report_problem=report_problem,
        causes=tuple(dict.fromkeys(render(c) for c in entry.causes)),
        measures=tuple(measures),
        sources=problem.sources,
        entry=entry.id,
    )


def build_suggestions(
    *,
    subject: Subject,
    deductions: list[tuple[Deduction, tuple[str, ...]]],
    findings: Iterable[Finding],
    kb: KnowledgeBase,
    input_path: str,
    input_kind: str,
    stated_problems: Sequence[str] | None = None,
    locate: Any = None,
) -> SuggestResult:
    """Group the sources, render one suggestion per problem, and collect notes."""
    refs = [ref for ref, _ in finding_refs(findings)]
    ded_list = list(deductions)

    def _locate(ref: FindingRef) -> Deduction | None:
        return locate(ref) if locate is not None else None

    problems, notes = _group(ded_list, refs, kb, subject, _locate)
    renderer = Renderer(kb, in_data=input_kind == "data")
    suggestions = [render_problem(p, subject, renderer, f"S{i}") for i, p in enumerate(problems, start=1)]
    note = no_problem_note(
        [(d.indicator, d.lost) for d, _ in ded_list],
        stated_problems,
        where="报告" if input_kind == "report" else "数据",
    )
    if note:
        notes.insert(0, note)
    if not ded_list and not refs:
        notes.append("没有扣分指标，也没有警告及以上的检查发现：无需提出改进措施。")
    return SuggestResult(
        input=input_path,
        input_kind=input_kind,  # type: ignore[arg-type]
        dept=subject.dept,
        year=subject.year,
        next_year=subject.next_year,
        deductions=tuple(d for d, _ in ded_list),
        findings=tuple(refs),
        suggestions=tuple(suggestions),
        notes=tuple(notes),
    )
