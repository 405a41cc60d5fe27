"""Matching the report's score tree to a rubric's indicators, by name (and aliases)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from drafter.check.facts import Facts, Figure, ScoreNode
from drafter.figures import registry
from drafter.text.headings import ENUMERATOR, strip_marker
from drafter.text.lazyre import lazy_compile

if TYPE_CHECKING:  # loaded only for --rubric
    from drafter.rubric.model import Formula, Rubric, RubricIndicator, Scoring

__all__ = [
    "expected_score",
    "figure_year",
    "matched_nodes",
    "nearest_figure",
    "rate_of",
    "unknown_nodes",
]

_TRIM_END = lazy_compile(r"[。.，,：:\s]+$")
_ENUM = lazy_compile(rf"^{ENUMERATOR}[，,、：:]?")
_QUOTES = lazy_compile(r"[“”\"'‘’《》]")
_TAIL = lazy_compile(r"\s*[（(][^）)]*[）)]\s*$")


def _names(name: str) -> tuple[str, ...]:
    """The indicator's name as a rubric may spell it: no heading marker, no "二是", no quotes,
    no trailing "（分值5分）"; with and without a trailing "指标" (数量指标 / 效率性”指标)."""
    name = _TRIM_END.sub("", strip_marker(name.strip()))
    name = _TAIL.sub("", _QUOTES.sub("", _ENUM.sub("", name))).strip() or name
    bare = name.removesuffix("指标")
    return (name, bare) if bare and bare != name else (name,)


def _find_anywhere(rubric: Rubric, name: str) -> RubricIndicator | None:
    hits = [ind for _, ind in rubric.walk() if ind.matches(name)]
    return hits[0] if len(hits) == 1 else None


def matched_nodes(facts: Facts, rubric: Rubric) -> Iterator[tuple[ScoreNode, RubricIndicator | None]]:
    """Every scored (or maxed) node of the report with its rubric indicator (None if unknown).

    A child is looked up among its matched parent's children first, then anywhere in the
    rubric (a report may skip a level); a name that matches two indicators counts as unknown.
    """

    def visit(
        node: ScoreNode, parent: RubricIndicator | None
    ) -> Iterator[tuple[ScoreNode, RubricIndicator | None]]:
        ind = _lookup(rubric, node, parent)
        yield node, ind
        for child in node.children:
            yield from visit(child, ind)

    for root in facts.scores:
        yield from visit(root, None)


def _lookup(rubric: Rubric, node: ScoreNode, parent: RubricIndicator | None) -> RubricIndicator | None:
    for name in _names(node.name):
        ind = parent.find(name) if parent is not None else rubric.find(name)
        if ind is None:
            ind = _find_anywhere(rubric, name)
        if ind is not None:
            return ind
    return None


def _complete(items: Sequence[RubricIndicator], total: Decimal | None) -> bool:
    """Whether a rubric level names all its indicators: every maximum known, adding to the parent's.
    Where it does not (the project's own 三级指标, or level-3 points no public source states),
    an indicator it lacks is not unknown, only unlisted."""
    maxima = [i.max_score for i in items]
    return bool(items) and total is not None and all(m is not None for m in maxima) and sum(maxima) == total


def unknown_nodes(facts: Facts, rubric: Rubric) -> Iterator[ScoreNode]:
    """Scored nodes the rubric does not have, at a level it lists completely, under a known parent."""

    def visit(node: ScoreNode, parent: RubricIndicator | None, complete: bool) -> Iterator[ScoreNode]:
        ind = _lookup(rubric, node, parent)
        if ind is None:
            if complete and (node.score is not None or node.max is not None):
                yield node
            return  # its children cannot be placed either: one finding, at the top
        for child in node.children:
            yield from visit(child, ind, _complete(ind.children, ind.max_score))

    for root in facts.scores:
        yield from visit(root, None, _complete(rubric.indicators, rubric.total))


#: A year written in a figure's label ("2022年度实际支出总额").
_LABEL_YEAR = lazy_compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
#: A year mention whose words are about money heads the figures after it on its line
#: ("2022年度预算调整总额400.00万，实际支出总额300.00万" — both are 2022's).
_MONEY_WORDS = lazy_compile(r"预算|支出|经费|资金|决算|采购|资产|万元|万|亿元")


def figure_year(facts: Facts, fig: Figure) -> int | None:
    """The year a figure is of: the year in its label, else the last year stated before it on
    its line in a clause about money; None where no year is written (the report's own year)."""
    m = _LABEL_YEAR.search(fig.label)
    if m:
        return int(m.group(1))
    line, col = fig.source.line, fig.source.col
    if line is None or col is None:
        return None
    end = col + len(fig.source.quote)
    best: tuple[int, int] | None = None
    for y in facts.years:
        if y.source.line != line or y.source.col is None:
            continue
        at = y.source.col + len(y.before)  # where the year stands (``before`` runs from its clause start)
        if at < end and _MONEY_WORDS.search(y.context) and (best is None or at > best[0]):
            best = (at, y.year)
    return best[1] if best else None


def nearest_figure(facts: Facts, key: str, near: int | None, year: int | None) -> Figure | None:
    """The figure of ``key`` for the rate of an indicator at line ``near``: of the report year
    (figures written as another year's are never used), stated closest to the indicator (an
    earlier one at equal distance)."""
    best: tuple[int, int, Figure] | None = None
    for i, f in enumerate(facts.figures):
        if f.key != key:
            continue
        if year is not None and figure_year(facts, f) not in (None, year):
            continue
        distance = 0 if near is None or f.source.line is None else abs(f.source.line - near)
        if best is None or (distance, i) < best[:2]:
            best = (distance, i, f)
    return best[2] if best else None


def rate_of(
    facts: Facts, formula: Formula, near: int | None, year: int | None = None
) -> tuple[Decimal, Figure, Figure] | None:
    """The rate (in %) the report's own figures give for ``formula``, with the two figures:
    each the one of the report ``year`` nearest to line ``near`` (see :func:`nearest_figure`)."""
    # rubric formulas name evaluation-data fields; the registry knows each field's figure key
    num_key = registry().key_of_path(formula.numerator)
    den_key = registry().key_of_path(formula.denominator)
    if num_key is None or den_key is None:
        return None
    if year is None:
        year = facts.year
    a, b = nearest_figure(facts, num_key, near, year), nearest_figure(facts, den_key, near, year)
    if a is None or b is None or b.amount == 0:
        return None
    factor = Decimal(100) if formula.unit == "%" else Decimal(1)
    return a.amount / b.amount * factor, a, b


def expected_score(scoring: Scoring, rate: Decimal, points: Decimal) -> Decimal | None:
    """The score the rubric's rule gives for ``rate`` (in %); None where it needs more than a rate."""
    method = scoring.method
    if method == "proportional":
        return min(rate / Decimal(100) * points, points)
    if method == "linear_deduction":
        over = rate - scoring.threshold if scoring.direction == "lower_better" else scoring.threshold - rate
        if over <= 0:
            return points
        return max(points - scoring.per_point * over, scoring.floor)
    if method == "all_or_nothing":
        ok = rate <= scoring.threshold if scoring.direction == "lower_better" else rate >= scoring.threshold
        return points if ok else Decimal(0)
    return None  # target_ratio needs a target; bands are a judgement
