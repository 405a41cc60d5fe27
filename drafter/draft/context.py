"""Per-section template context built from evaluation data.

Every value is plain JSON (strings, lists, dicts, None): numbers are already formatted by
:mod:`drafter.numfmt` with named rounding, and each section also carries ``raw`` — the data's own
Decimals as strings — so the LLM path can ground the numbers a model writes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from drafter.data.model import EvaluationData, Indicator
from drafter.draft.templates import cn_ordinal
from drafter.numfmt import money, plain, rate, score

if TYPE_CHECKING:  # the rubric is loaded only when the data names one
    from drafter.rubric.model import Rubric

__all__ = ["analysis_context", "section_contexts"]

_END_PUNCT = "。；;，,、 "


def _m(value: Decimal | None) -> str | None:
    return None if value is None else money(value)


def _s(value: Decimal | None) -> str | None:
    return None if value is None else score(value)


def _raw(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _r(part: Decimal | None, whole: Decimal | None) -> str | None:
    """part ÷ whole as a percentage; None when either is unknown (or whole is 0)."""
    return None if part is None or whole is None else rate(part, whole)


def _clause(text: str | None) -> str:
    """A text used inside a sentence: no final punctuation (the template adds its own)."""
    return (text or "").strip().rstrip(_END_PUNCT)


def _sentence(text: str | None) -> str:
    """A text used as a paragraph: ends with a full stop."""
    text = (text or "").strip()
    if text.endswith(("！", "？", "”", "）")):
        return text
    text = text.rstrip(_END_PUNCT + "。")  # "……公示，。" → "……公示。"; "。" alone → ""
    return text + "。" if text else ""


def profile_context(data: EvaluationData) -> dict[str, Any]:
    prof = data.profile
    staff = prof.staffing
    intro = prof.units_intro or f"设{len(prof.units)}个内设机构"
    return {
        "dept": data.dept_name,
        "duties": [_sentence(p) for p in prof.duties],
        "units_intro": _clause(intro),
        "units": [{"name": u.name, "duties": _sentence(u.duties)} for u in prof.units],
        "staffing": None
        if staff is None
        else {
            "label": staff.label,
            "total": str(staff.total),
            "categories": [{"name": c.name, "count": str(c.count)} for c in staff.categories],
        },
    }


def work_context(data: EvaluationData) -> dict[str, Any]:
    tasks = []
    for task in data.annual_work.tasks:
        paragraphs = [_sentence(p) for p in task.facts if p.strip()]
        text = "".join(paragraphs)
        extra = []
        for prog in task.progress:
            # Progress figures the narrative does not already state are added, so no data is
            # lost — one clause per work, each fact once ("X已完成80%，暂未验收").
            named = prog.item in text
            pct = None if prog.percent_complete is None else plain(prog.percent_complete)
            bits = []
            if pct is not None and f"{pct}%" not in text and not (named and pct == "100"):
                bits.append("已完工" if pct == "100" else f"已完成{pct}%")
            if prog.accepted is False and not named:
                bits.append("暂未验收")
            elif prog.accepted is True and not named:
                bits.append("已通过验收")
            if bits:
                extra.append(prog.item + "，".join(bits))
        if extra:
            paragraphs.append("；".join(extra) + "。")
        tasks.append({"title": _clause(task.title), "paragraphs": paragraphs})
    return {"intro": data.annual_work.intro, "tasks": tasks}


def expenditure_context(data: EvaluationData) -> dict[str, Any]:
    exp = data.expenditure
    execution = _r(exp.actual, exp.adjusted_budget)
    proc = exp.procurement
    assets = exp.fixed_assets
    payments = list(exp.payments)
    return {
        "dept_full": data.meta.department,
        "year": str(data.meta.fiscal_year),
        "initial_budget": _m(exp.initial_budget),
        "adjusted_budget": _m(exp.adjusted_budget),
        "actual": _m(exp.actual),
        "basic": _m(exp.basic),
        "project": _m(exp.project),
        "execution_rate": execution,
        "three_public": None
        if exp.three_public is None
        else {"budget": _m(exp.three_public.budget), "actual": _m(exp.three_public.actual)},
        "daily_public": None
        if exp.daily_public is None
        else {"budget": _m(exp.daily_public.budget), "actual": _m(exp.daily_public.actual)},
        "procurement": None
        if proc is None
        else {
            "plan": _m(proc.plan),
            "actual": _m(proc.actual),
            "rate": _r(proc.actual, proc.plan),
        },
        "fixed_assets": None
        if assets is None
        else {
            "in_use": _m(assets.in_use),
            "total": _m(assets.total),
            "rate": _r(assets.in_use, assets.total),
        },
        "payments": [
            {"name": _clause(p.name), "amount": money(p.amount), "part_of": p.part_of} for p in payments
        ],
        "payments_total": money(sum((p.amount for p in payments), Decimal(0))),
        "raw": {
            "initial_budget": _raw(exp.initial_budget),
            "adjusted_budget": _raw(exp.adjusted_budget),
            "actual": _raw(exp.actual),
            "basic": _raw(exp.basic),
            "project": _raw(exp.project),
            "carryover": _raw(exp.carryover),
        },
    }


def targets_context(data: EvaluationData) -> dict[str, Any]:
    return {"paragraphs": [_sentence(p) for p in data.targets if p.strip()]}


def conclusion_context(data: EvaluationData, rubric: Rubric | None) -> dict[str, Any]:
    total = data.total_self()
    grade = rubric.grade(total) if rubric is not None and total is not None else None
    return {
        "narrative": _sentence(data.conclusion) or None,
        "dept": data.dept_name,
        "year": str(data.meta.fiscal_year),
        "level": data.meta.level,
        "kind": data.meta.kind,
        # 部门整体 → 部门整体支出；项目支出 stays (no 项目支出支出)
        "spending": "部门整体支出" if data.meta.kind == "部门整体" else "项目支出",
        "total": _s(total),
        "total_max": _s(data.total_max()),
        "grade": grade,
    }


def _lost(ind: Indicator) -> str | None:
    own, top = ind.effective_self(), ind.effective_max()
    if own is None or top is None or own >= top:
        return None
    return score(top - own)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _line_item(ind: Indicator, number: str) -> dict[str, Any]:
    """An indicator written as one line: （1）名称。依据，自评得X分。"""
    return {
        "number": number,
        "name": _clause(ind.name),
        "max_score": _s(ind.effective_max()),
        "self_score": _s(ind.effective_self()),
        "basis": _clause(ind.basis),
        "reason": _clause(ind.deduction_reason),
        "lost": _lost(ind),
        # lost points whose reasons the children give need no reason of their own
        "explained": bool(ind.children)
        and all(c.deduction_reason for c in ind.children if _lost(c) is not None),
    }


def _level1_title(name: str) -> str:
    # The sample writes （一）预算编制情况 / （二）预算执行情况 but （三）预算使用效益.
    return name if name.endswith(("情况", "效益", "指标", "性", "度")) else f"{name}情况"


def analysis_context(ind: Indicator, index: int) -> dict[str, Any]:
    """The context of one level-1 indicator's analysis (section 三, sub-section ``index``)."""
    items = []
    for n, item in enumerate(ind.children, start=1):
        children = []
        for k, child in enumerate(item.children, start=1):
            entry = _line_item(child, f"（{k}）")
            # Level-4 items (rare) follow their level-3 line as ①②③, so no data is dropped.
            entry["children"] = [
                _line_item(g, _CIRCLED[m % len(_CIRCLED)]) for m, g in enumerate(child.children)
            ]
            children.append(entry)
        items.append(
            {
                "number": str(n),
                "name": _clause(item.name),
                "max_score": _s(item.effective_max()),
                "self_score": _s(item.effective_self()),
                "basis": _sentence(item.basis),
                "reason": _clause(item.deduction_reason),
                "lost": _lost(item),
                "children": children,
                # children carrying their own reasons explain the parent's lost points
                "children_explain": bool(children)
                and all(c["reason"] or c["explained"] for c in children if c["lost"]),
            }
        )
    if not ind.children and (ind.self_score is not None or ind.basis):
        # A level-1 indicator scored directly (e.g. 预算执行率 in a project table).
        items.append(
            {
                "number": "1",
                "name": _clause(ind.name),
                "max_score": _s(ind.effective_max()),
                "self_score": _s(ind.effective_self()),
                "basis": _sentence(ind.basis),
                "reason": _clause(ind.deduction_reason),
                "lost": _lost(ind),
                "children": [],
                "children_explain": False,
            }
        )
    return {
        "number": f"（{cn_ordinal(index)}）",
        "title": _level1_title(_clause(ind.name)),
        "name": _clause(ind.name),
        "max_score": _s(ind.effective_max()),
        "self_score": _s(ind.effective_self()),
        "items": items,
        "direct": not ind.children,  # scored directly: its only item restates it
    }


def problems_context(data: EvaluationData, suggested: list[str] | None) -> dict[str, Any]:
    return {
        "problems": [p for p in data.problems if p.strip()],
        "causes": [p for p in data.causes if p.strip()],
        "measures": [p for p in data.measures if p.strip()],
        "suggested": suggested or None,
    }


#: The 成文日期 of the 落款, left blank for the unit to fill in when it signs (no invented date).
SIGNATURE_DATE = "＿＿＿＿年＿＿月＿＿日"


def other_context(data: EvaluationData) -> dict[str, Any]:
    return {
        "notes": [_sentence(p) for p in data.other_notes if p.strip()],
        # 落款 as 公文 has it: the unit's full name, then the date it is signed
        "signer": data.meta.department,
        "date": SIGNATURE_DATE,
    }


def section_contexts(
    data: EvaluationData, *, rubric: Rubric | None = None, suggested: list[str] | None = None
) -> list[tuple[str, str, dict[str, Any]]]:
    """``(section key, template key, context)`` in report order."""
    out: list[tuple[str, str, dict[str, Any]]] = [
        ("profile", "profile", profile_context(data)),
        ("work", "work", work_context(data)),
        ("expenditure", "expenditure", expenditure_context(data)),
        ("targets", "targets", targets_context(data)),
        ("conclusion", "conclusion", conclusion_context(data, rubric)),
    ]
    if data.indicators:
        for index, ind in enumerate(data.indicators, start=1):
            out.append((f"analysis_{index}", "analysis", analysis_context(ind, index)))
    else:
        out.append(
            (
                "analysis_1",
                "analysis",
                {
                    "number": "",
                    "title": "",
                    "name": "",
                    "max_score": None,
                    "self_score": None,
                    "items": [],
                    "direct": True,
                },
            )
        )
    out.append(("problems", "problems", problems_context(data, suggested)))
    out.append(("other", "other", other_context(data)))
    return out
