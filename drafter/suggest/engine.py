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
from typing import TYPE_CHECKING, Any

from drafter.errors import DrafterError
from drafter.findings import Finding, Severity
from drafter.suggest.context import Subject, fmt_num, resolve_owner, template_env
from drafter.suggest.kb import KbEntry, KnowledgeBase
from drafter.suggest.models import Deduction, FindingRef, Measure, Suggestion, SuggestResult
from drafter.suggest.notes import no_problem_note

if TYPE_CHECKING:
    from drafter.check.facts import Facts, IndicatorRow, ScoreNode
    from drafter.data.model import EvaluationData, Indicator
    from drafter.document import Document

__all__ = [
    "MIN_SEVERITY",
    "build_suggestions",
    "deductions_from_data",
    "deductions_from_facts",
    "finding_refs",
]

#: Findings below this severity (info) get no suggestion.
MIN_SEVERITY = Severity.WARNING

#: A score statement inside a reason ("…，扣1分，自评得4分"): the head of the item says it already.
_SCORE_BITS = re.compile(
    r"[，,；;、]?\s*(?:(?:共|合计)?扣(?:除|减)?\s*\d+(?:\.\d+)?\s*分|(?:本项|该项|该指标)?自评(?:得分)?(?:为|得)?\s*\d+(?:\.\d+)?\s*分|得\s*\d+(?:\.\d+)?\s*分)"
)
_LOST = re.compile(r"扣(?:除|减)?\s*(\d+(?:\.\d+)?)\s*分")


def plain_reason(text: str) -> str:
    """A deduction reason without the score statements a report writes into it."""
    return _SCORE_BITS.sub("", text).strip("，,；;。 ")


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
    indicators: Sequence[Indicator], source: Any, loc: tuple[Any, ...], parents: tuple[str, ...]
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


def deductions_from_data(data: EvaluationData) -> list[tuple[Deduction, tuple[str, ...]]]:
    """Deductions of evaluation data, each with its parents' names (for knowledge-base lookup)."""
    nodes = _data_nodes(data.indicators, getattr(data, "_source", None), ("indicators",), ())
    return _number(_deducted_nodes(nodes))


def _fact_nodes(
    nodes: Sequence[ScoreNode],
    parents: tuple[str, ...],
    rows: dict[int, IndicatorRow] | None = None,
    doc: Document | None = None,
) -> tuple[_Node, ...]:
    rows = rows or {}
    out = []
    for node in nodes:
        src = node.score_source or node.source
        row = rows.get(node.source.line) if node.source.line is not None else None
        top, reason = node.max, plain_reason(node.reason or "")
        if top is None and node.score is not None and not node.children and doc is not None:
            # "（3）结转结余率。…结转资金较多，扣2分，自评得1分。": no max written, but the line
            # states what was lost, so the max is score + lost and the line's words are the reason.
            top, reason = _max_from_line(node, doc) or (None, reason)
        out.append(
            _Node(
                name=node.name,
                path=node.path or "/".join((*parents, node.name)),
                max=top,
                score=node.score,
                reason=reason,
                line=src.line,
                field=None,
                quote=(node.reason or src.quote or "").strip(),
                target=(row.target or None) if row is not None else None,
                actual=(row.actual or None) if row is not None else None,
                parents=parents,
                children=_fact_nodes(node.children, (*parents, node.name), rows, doc),
            )
        )
    return tuple(out)


def _max_from_line(node: ScoreNode, doc: Document) -> tuple[Decimal, str] | None:
    """(max, reason) of an item line that states "扣N分" but no max (one line per item)."""
    line = node.source.line
    if line is None:
        return None
    text = doc.line(line).text
    lost = _LOST.findall(text)
    if len(lost) != 1:
        return None
    sentences = [s for s in re.split(r"[。；;]", text) if s.strip()]
    said = next((s for s in sentences if _LOST.search(s)), "")
    reason = plain_reason(said)
    if node.name in reason[: len(node.name) + 4]:  # the sentence opens with the item's own name
        reason = ""
    return node.score + Decimal(lost[0]), reason


def _row_nodes(rows: Sequence[IndicatorRow]) -> tuple[_Node, ...]:
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


def deductions_from_facts(
    facts: Facts, doc: Document | None = None
) -> list[tuple[Deduction, tuple[str, ...]]]:
    """Deductions of a checked report: its score tree, else its 自评表 indicator rows.

    With the document, an item line that states "扣N分" without its max still counts."""
    rows = {r.source.line: r for r in facts.indicators if r.source.line is not None}
    nodes = _fact_nodes(facts.scores, (), rows, doc)
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
        "reason": plain_reason(ded.reason) or None,
        "because": f"，扣分原因为“{plain_reason(ded.reason)}”" if plain_reason(ded.reason) else "",
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
    ded = problem.deduction or problem.indicator
    variables["ind"] = _ind_vars(ded)
    variables["f"] = _f_vars(problem.findings, in_data=renderer.in_data)
    variables["doc"] = "数据" if renderer.in_data else "报告"
    # what the unit is and what went wrong: a measure for a 高新区's 招商引资 or 征地拆迁 is
    # written only where these words belong to the unit or the fault (``about("征地", "拆迁")``)
    fault = " ".join(
        [ded.reason if ded else "", ded.quote if ded else ""]
        + [f"{r.message} {r.quote}" for r in problem.findings]
    )
    known = f"{subject.profile_text}\n{fault}"
    variables["about"] = lambda *words: any(w and w in known for w in words)
    # the problem statement names a work only where the reason has not named it already
    told = [w for w in subject.works if not (ded and w.name in ded.reason)]
    said = {**variables, "works_text": "、".join(w.phrase for w in told)}

    def render(template: str) -> str:
        return renderer.render(template, entry.id, variables)

    def state(template: str) -> str:
        return renderer.render(template, entry.id, said)

    measures = []
    for m in entry.measures:
        text = render(m.text)
        if not text:  # the measure does not apply to this unit or fault
            continue
        owner = resolve_owner(subject.units, m.owners) or m.fallback_owner or subject.dept
        partner = resolve_owner(subject.units, m.partners, exclude=owner) if m.partners else None
        partners = (partner,) if partner else ()
        measures.append(
            Measure(
                text=text,
                owner=owner,
                partners=partners,
                milestone=m.when,
                deadline=renderer.render(kb.milestones[m.when], f"milestones.{m.when}", variables),
                sources=problem.sources,
            )
        )
    problem_text = state(entry.problem)
    report_problem = ""
    if entry.in_section_four:
        report_problem = state(entry.report_problem) if entry.report_problem else problem_text
    return Suggestion(
        id=ident,
        title=render(entry.title),
        problem=problem_text,
        report_problem=report_problem,
        causes=tuple(c for c in dict.fromkeys(render(c) for c in entry.causes) if c),
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
