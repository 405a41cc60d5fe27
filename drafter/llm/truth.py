"""What the evaluation data says, by label: the reference the polished sections are checked against.

:class:`Truth` holds, for one report, every labelled figure of the data (the checker's
:func:`~drafter.check.from_data.facts_from_data`: 年初预算, 调整预算, 实际支出, 基本支出, 项目支出, 三公,
日常公用, 政府采购, 固定资产, 在编人员 and their categories, each payment, each progress percent),
the rates that the rubric and DOMAIN formulas define from those figures (执行率 = 实际支出 ÷ 调整预算,
利用率 = 在用 ÷ 所有, 三公/公用经费控制率 = 实际 ÷ 预算, 政府采购执行率 = 实际 ÷ 计划) together with
the rates the data's own prose states ("满意度高达95%以上"), the score tree (indicator name → 分值 and
自评得分), the total and grade the offline draft computed, and the fiscal year.

Without the data (a library caller that only has the offline report), the same is read back from
the offline draft with the report extractor: every figure there was computed from the data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from drafter.check.facts import Facts, Figure, name_key
from drafter.figures import registry

if TYPE_CHECKING:
    from drafter.data.model import EvaluationData
    from drafter.draft.report import DraftedReport

__all__ = ["RATE_FORMULAS", "Truth", "build_truth"]

_HUNDRED = Decimal(100)

#: rate subject (the checker's Claim subject) → (numerator key, denominator key, how it reads)
RATE_FORMULAS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "spend": (
        ("spend.actual", "budget.adjusted", "实际支出÷调整预算"),
        ("spend.actual", "budget.initial", "实际支出÷年初预算"),
    ),
    "assets": (("assets.in_use", "assets.total", "在用固定资产÷所有固定资产"),),
    "sangong": (("sangong.actual", "sangong.budget", "三公经费实际÷预算"),),
    "public": (("public.actual", "public.budget", "日常公用经费实际÷预算"),),
    "procurement": (("procurement.actual", "procurement.plan", "政府采购实际÷计划"),),
}
#: shares of a whole that the data defines (part ÷ the total it is part of): "基本支出占实际支出的20.84%"
_SHARES = (
    ("spend.basic", "spend.actual"),
    ("spend.project", "spend.actual"),
    ("spend.basic", "budget.adjusted"),
    ("spend.project", "budget.adjusted"),
)
#: pairs whose difference a report states ("结余0.21万元", "节约6.80万元", "调增2707.34万元")
DIFFERENCE_PAIRS = (
    ("budget.adjusted", "spend.actual"),
    ("budget.adjusted", "budget.initial"),
    ("spend.actual", "budget.initial"),
    ("sangong.budget", "sangong.actual"),
    ("public.budget", "public.actual"),
    ("procurement.plan", "procurement.actual"),
    ("assets.total", "assets.in_use"),
    ("spend.actual", "spend.basic"),
    ("spend.actual", "spend.project"),
    ("spend.project", "spend.basic"),
)
#: the money figures of the data, how the messages name them, and the rates' names: the figure registry's
MONEY_KEYS = registry().money_keys()
LABELS = registry().full_names(MONEY_KEYS | {"staff.total"})
RATE_LABELS = registry().rate_names()


@dataclass(frozen=True)
class Node:
    name: str
    max: Decimal | None
    score: Decimal | None
    basis_numbers: tuple[Decimal, ...] = ()  # scores written in its basis text ("自评得5分")


@dataclass
class Truth:
    """The labelled facts of one report's data (see the module docstring)."""

    year: int | None = None
    money: dict[str, Decimal] = field(default_factory=dict)  # key → 万元
    staff: dict[str, Decimal] = field(default_factory=dict)  # staff.total / staff.<category> → 人
    payments: list[tuple[str, Decimal]] = field(default_factory=list)
    progress: list[tuple[str, Decimal]] = field(default_factory=list)
    rates: dict[str, set[Decimal]] = field(default_factory=dict)  # subject → exact rates
    rate_how: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, list[Node]] = field(default_factory=dict)  # name_key → nodes of that name
    total: Decimal | None = None
    grade: str | None = None
    years: set[int] = field(default_factory=set)  # every year the data mentions

    # -- derived ---------------------------------------------------------------------------
    def defined_percents(self) -> set[Decimal]:
        """Every rate and share the formulas define (exact), whatever its label."""
        out = {v for values in self.rates.values() for v in values}
        for num, den in _SHARES:
            a, b = self.money.get(num), self.money.get(den)
            if a is not None and b:
                out.add(a / b * _HUNDRED)
        return out

    def differences(self) -> set[Decimal]:
        out = set()
        for a_key, b_key in DIFFERENCE_PAIRS:
            a, b = self.money.get(a_key), self.money.get(b_key)
            if a is not None and b is not None:
                out.add(abs(a - b))
        paid = sum((v for _, v in self.payments), Decimal(0))
        if self.payments and "spend.project" in self.money:
            out.add(abs(self.money["spend.project"] - paid))
        return out

    def sums(self) -> set[Decimal]:
        out = set()
        if len(self.payments) > 1:
            out.add(sum((v for _, v in self.payments), Decimal(0)))
        basic, project = self.money.get("spend.basic"), self.money.get("spend.project")
        if basic is not None and project is not None:
            out.add(basic + project)
        return out

    def money_values(self) -> set[Decimal]:
        return set(self.money.values()) | {v for _, v in self.payments} | self.sums() | self.differences()

    def score_values(self) -> set[Decimal]:
        out: set[Decimal] = set()
        for node in (n for nodes in self.nodes.values() for n in nodes):
            for v in (node.max, node.score):
                if v is not None:
                    out.add(v)
            if node.max is not None and node.score is not None:
                out.add(node.max - node.score)
            out.update(node.basis_numbers)
        if self.total is not None:
            out.add(self.total)
        return out


def _figures_into(truth: Truth, figures: Iterable[Figure]) -> None:
    for fig in figures:
        if fig.key in MONEY_KEYS and fig.wan is not None:
            truth.money.setdefault(fig.key, fig.wan)
        elif fig.key.startswith("staff.") and fig.unit == "人":
            truth.staff.setdefault(fig.key, fig.value)
        elif fig.key == "payment" and fig.wan is not None:
            truth.payments.append((fig.name or fig.label, fig.wan))
        elif fig.key == "progress":
            truth.progress.append((fig.name or fig.label, fig.value))


def _rates_into(truth: Truth) -> None:
    for subject, formulas in RATE_FORMULAS.items():
        for num, den, how in formulas:
            a, b = truth.money.get(num), truth.money.get(den)
            if a is not None and b:
                truth.rates.setdefault(subject, set()).add(a / b * _HUNDRED)
                truth.rate_how.setdefault(subject, how)


def _nodes_into(truth: Truth, facts: Facts) -> None:
    from drafter.text.numbers import find_quantities

    for node in facts.nodes():
        basis = tuple(q.value for q in find_quantities(node.basis) if q.kind == "score")
        same = truth.nodes.setdefault(name_key(node.name), [])
        if not any(n.max == node.max and n.score == node.score for n in same):
            same.append(Node(node.name, node.max, node.score, basis))


def strings_of(node: Any) -> Iterator[str]:
    """Every string inside a JSON-like value (dicts, lists), depth first."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings_of(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from strings_of(item)


def _prose_into(truth: Truth, texts: Iterable[str]) -> None:
    """Rates and years that the data's prose states ("满意度高达95%以上", "2020年度…方案")."""
    from drafter.check.extract import claims_in_text
    from drafter.text.numbers import find_quantities

    for text in texts:
        if not any(ch.isdigit() or ch in "百十" for ch in text):
            continue
        for q in find_quantities(text):
            if q.kind in ("year", "date"):
                truth.years.add(int(q.value))
        if "率" in text or "满意" in text or "%" in text:
            for claim in claims_in_text(text):
                if claim.kind == "rate" and claim.subject and claim.value is not None:
                    truth.rates.setdefault(claim.subject, set()).add(claim.value)


def build_truth(report: DraftedReport, data: EvaluationData | None = None) -> Truth:
    """The :class:`Truth` of ``report``'s data: from ``data`` (an EvaluationData) when given,
    else read back from the offline ``report`` itself."""
    from drafter.check.extract import extract_facts
    from drafter.read import document_from_text

    truth = Truth()
    offline = extract_facts(document_from_text(report.to_text(), path="<离线稿>"))
    if data is not None:
        from drafter.check.from_data import facts_from_data

        facts = facts_from_data(data)
        truth.year = facts.year
        _figures_into(truth, facts.figures)
        _nodes_into(truth, facts)
        _prose_into(truth, strings_of(data.model_dump(mode="json")))
    else:
        truth.year = offline.year
    # the offline draft: what the data does not state as such (computed rates, total, grade)
    _figures_into(truth, offline.figures if data is None else ())
    _nodes_into(truth, offline)
    _rates_into(truth)
    if data is None:
        _prose_into(truth, (t for s in report.sections for t in strings_of(s.context)))
    for section in report.sections:
        if section.key == "conclusion":
            total, grade = section.context.get("total"), section.context.get("grade")
            truth.total = Decimal(str(total)) if total not in (None, "") else None
            truth.grade = str(grade) if grade else None
    if truth.year is None:
        truth.year = offline.year
    return truth
