"""Evaluation data → :class:`~drafter.check.facts.Facts`, so the rules that check a report also
check the data it will be drafted from.

Every Source carries the data field path (``expenditure.payments[1].amount``) and, when the data
came from :func:`drafter.data.load.load_data`, the YAML line of that field. Only what the data
states becomes a fact: nothing is computed here (a parent without its own self score stays
without one, and the rules look at its children), so a rule never checks our own arithmetic.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from drafter.check.facts import (
    Claim,
    EntityList,
    Facts,
    Figure,
    FundsRow,
    IndicatorRow,
    NameMention,
    ScoreNode,
    Source,
)
from drafter.figures import registry

__all__ = ["facts_from_data"]

if TYPE_CHECKING:
    from drafter.data.model import EvaluationData, Indicator

Loc = tuple[str | int, ...]


class _Where:
    """Builds Sources for field paths of one data object."""

    def __init__(self, data: EvaluationData) -> None:
        self._source = getattr(data, "_source", None)

    def __call__(self, loc: Loc, quote: object = "") -> Source:
        line = None
        if self._source is not None and hasattr(self._source, "line_for"):
            line = self._source.line_for(loc)
        return Source(line=line, end_line=line, quote=_text(quote), path=_format(loc))


def _format(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _text(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def facts_from_data(data: EvaluationData, *, prose_claims: bool = False) -> Facts:
    """The Facts an :class:`~drafter.data.model.EvaluationData` states.

    With ``prose_claims=True`` the claims and rates written in the data's prose (indicator bases
    and reasons, task facts: "所有项目都按时完成", "预算执行率为92.92%") are read too, so the claim
    rules (CL002…) and FG003 judge the words that will stand in the drafted report; off by
    default, as those words are the user's narrative rather than data."""
    where = _Where(data)
    meta = data.meta
    figures, claims = _figures(data, where)
    if prose_claims:
        claims += _text_claims(data, where)
    units = list(data.profile.units)
    entities: tuple[EntityList, ...] = ()
    if units:
        entities = (
            EntityList(
                "units",
                tuple(u.name for u in units),
                where(("profile", "units"), "、".join(u.name for u in units)),
                count=len(units),
                noun="内设机构",
            ),
        )
    names = [NameMention(meta.department, "dept_full", where(("meta", "department"), meta.department))]
    if meta.short_name:
        names.append(
            NameMention(meta.short_name, "dept_short", where(("meta", "short_name"), meta.short_name))
        )
    scores = tuple(_node(ind, 1, ("indicators", i), "", where) for i, ind in enumerate(data.indicators))
    return Facts(
        origin="data",
        path=str(getattr(getattr(data, "_source", None), "path", "") or ""),
        scores=scores,
        total=None,  # the data states no total: the drafter writes the sum of its scores
        figures=tuple(figures),
        claims=tuple(claims),
        entities=entities,
        names=tuple(names),
        year=meta.fiscal_year,
        year_source=where(("meta", "fiscal_year"), meta.fiscal_year),
        dept_full=meta.department,
        dept_short=meta.short_name,
        funds=_funds(data, where),
        indicators=_indicator_rows(data, where) if meta.kind == "项目支出" else (),
    )


def _node(ind: Indicator, level: int, loc: Loc, parent: str, where: _Where) -> ScoreNode:
    path = f"{parent}/{ind.name}" if parent else ind.name
    children = tuple(
        _node(c, level + 1, (*loc, "children", i), path, where) for i, c in enumerate(ind.children)
    )
    return ScoreNode(
        name=ind.name,
        level=level,
        source=where((*loc, "name"), ind.name),
        max=ind.max_score,
        score=ind.self_score,
        score_source=where((*loc, "self_score"), ind.self_score) if ind.self_score is not None else None,
        max_source=where((*loc, "max_score"), ind.max_score) if ind.max_score is not None else None,
        basis=ind.basis,
        reason=ind.deduction_reason or "",
        children=children,
        path=path,
    )


def _text_claims(data: EvaluationData, where: _Where) -> list[Claim]:
    """Claims made in the data's own prose (indicator bases, task facts, problems): the same
    words that will stand in the drafted report, e.g. "所有项目都按时完成" in 效率性's basis."""
    from drafter.check.extract import claims_in_text

    texts: list[tuple[Loc, str]] = []

    def visit(ind: Indicator, loc: Loc) -> None:
        for key in ("basis", "deduction_reason"):
            value = getattr(ind, key, None)
            if value:
                texts.append(((*loc, key), value))
        for i, child in enumerate(ind.children):
            visit(child, (*loc, "children", i))

    for i, ind in enumerate(data.indicators):
        visit(ind, ("indicators", i))
    for t, task in enumerate(data.annual_work.tasks):
        for f, fact in enumerate(task.facts):
            texts.append((("annual_work", "tasks", t, "facts", f), fact))
    claims: list[Claim] = []
    for loc, text in texts:
        src = where(loc)
        for claim in claims_in_text(text):
            if claim.kind in ("complete", "unfinished", "compare", "rate"):
                claims.append(replace(claim, source=replace(src, quote=claim.source.quote)))
    problems = [p.strip(" 。.") for p in data.problems]
    if problems and all(p in ("无", "暂无", "没有") for p in problems):
        claims.append(
            Claim("no_problem", "、".join(data.problems), where(("problems",), "、".join(data.problems)))
        )
    return claims


def _figures(data: EvaluationData, where: _Where) -> tuple[list[Figure], list[Claim]]:
    figures: list[Figure] = []
    claims: list[Claim] = []
    exp = data.expenditure
    for fig in registry().data_figures("expenditure."):  # one field each, in the registry's order
        if not fig.facts:
            continue
        value = fig.value_in(data)
        if value is not None:
            figures.append(Figure(fig.key, fig.data_label, value, "万元", where(fig.data_loc, value)))
    for i, pay in enumerate(exp.payments):
        if pay.part_of == "项目支出":
            src = where(("expenditure", "payments", i, "amount"), f"{pay.name} {_text(pay.amount)}万元")
            figures.append(Figure("payment", pay.name, pay.amount, "万元", src, pay.name))
    staffing = data.profile.staffing
    if staffing is not None:
        loc: Loc = ("profile", "staffing")
        figures.append(
            Figure(
                "staff.total",
                staffing.label,
                Decimal(staffing.total),
                "人",
                where((*loc, "total"), staffing.total),
            )
        )
        for i, cat in enumerate(staffing.categories):
            src = where((*loc, "categories", i, "count"), f"{cat.name}{cat.count}人")
            figures.append(Figure(f"staff.{cat.name}", cat.name, Decimal(cat.count), "人", src, cat.name))
    for t, task in enumerate(data.annual_work.tasks):
        for p, prog in enumerate(task.progress):
            loc = ("annual_work", "tasks", t, "progress", p)
            if prog.percent_complete is not None:
                src = where((*loc, "percent_complete"), f"{prog.item} {_text(prog.percent_complete)}%")
                value = Decimal(prog.percent_complete)
                figures.append(Figure("progress", prog.item, value, "%", src, prog.item))
                if value < 100:
                    claims.append(
                        Claim("unfinished", f"{_text(value)}%", src, subject=prog.item, value=value)
                    )
            if prog.accepted is False:
                src = where((*loc, "accepted"), f"{prog.item} 暂未验收")
                claims.append(Claim("unfinished", "暂未验收", src, subject=prog.item))
    return figures, claims


def _funds(data: EvaluationData, where: _Where) -> tuple[FundsRow, ...]:
    rows = []
    for i, s in enumerate(data.expenditure.sources):
        loc: Loc = ("expenditure", "sources", i)
        rows.append(
            FundsRow(
                name=s.name,
                source=where((*loc, "name"), s.name),
                initial=s.initial_budget,
                budget=s.annual_budget,
                actual=s.executed,
            )
        )
    return tuple(rows)


def _indicator_rows(data: EvaluationData, where: _Where) -> tuple[IndicatorRow, ...]:
    rows: list[IndicatorRow] = []

    def visit(ind: Indicator, names: tuple[str, ...], loc: Loc) -> None:
        names = (*names, ind.name)
        if ind.children:
            for i, c in enumerate(ind.children):
                visit(c, names, (*loc, "children", i))
            return
        padded = (*names, "", "", "")[:3] if len(names) <= 3 else (names[0], names[1], names[-1])
        rows.append(
            IndicatorRow(
                source=where(loc, ind.name),
                level1=padded[0],
                level2=padded[1],
                level3=padded[2],
                target=ind.target or "",
                actual=ind.actual or "",
                max=ind.max_score,
                score=ind.self_score,
                reason=ind.deduction_reason or "",
            )
        )

    for i, ind in enumerate(data.indicators):
        visit(ind, (), ("indicators", i))
    return tuple(rows)
