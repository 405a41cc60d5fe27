"""Number grounding: every number a model writes must come from the data or be computed from it.

The allowed values of a section are (1) every number in its template context (JSON numbers, and
numbers written inside its strings, with their units), (2) every number of the offline skeleton
(which code computed from the data), (3) values of the whole evaluation data as given, and
(4) values computed from the section's numbers: for amounts, sums and differences of two; the
sum of a column of a list (payments, scores); a rate a ÷ b in percent (a whole percent must lie
within 0.1 of it, so "约95%" cannot borrow some unrelated ratio); 100 − p; list lengths; the
fiscal year ± 1. Counts and scores are not derived pairwise: small integers would then match
almost anything. Numbers are compared after normalising notation and units through
:mod:`drafter.text.numbers` (``3,115.48`` = ``3115.48``, ``31152700元`` = ``3115.27万元``,
``百分之百`` = ``100%``). A written number may be rounded: it matches if an allowed value rounded
to the written number's decimal places equals it. Outline markers (``一、`` ``（一）`` ``1.``
``（1）``) are ordinals, not numbers, and are not checked.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import combinations
from typing import TYPE_CHECKING, Any

from drafter.text.numbers import Quantity, find_quantities, parse_decimal, to_wanyuan

if TYPE_CHECKING:
    from drafter.data.model import EvaluationData

__all__ = ["NumberIndex", "Ungrounded", "ungrounded_numbers"]

_HUNDRED = Decimal(100)
# Above this many numbers, pairwise derivations would make almost any figure "computable".
_MAX_DERIVATION_INPUTS = 80
# Rates beyond this are not something a report states.
_MAX_RATE = Decimal(1000)
# Counts a sentence uses as an article ("一项工作", "一个方面") rather than as a fact.
_TRIVIAL_COUNTS = frozenset({Decimal(1)})


@dataclass(frozen=True, slots=True)
class Ungrounded:
    """A number in generated text that matches nothing in the data."""

    raw: str
    value: Decimal
    unit: str
    kind: str
    start: int
    end: int


def _q(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _places(value: Decimal) -> int:
    exponent = (
        value.normalize().as_tuple().exponent
        if value == value.to_integral_value()
        else value.as_tuple().exponent
    )
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass
class NumberIndex:
    """The set of numbers a text may use, by class: money (万元), percent, other; and unit-less."""

    money: set[Decimal] = field(default_factory=set)
    percent: set[Decimal] = field(default_factory=set)
    other: set[Decimal] = field(default_factory=set)
    bare: set[Decimal] = field(default_factory=set)  # JSON numbers: any class
    money_derived: set[Decimal] = field(default_factory=set)  # sums/differences of two amounts
    rates: list[Decimal] = field(default_factory=list)  # a ÷ b × 100, sorted
    _rounded: dict[tuple[str, int], set[Decimal]] = field(default_factory=dict, repr=False)

    # -- building --------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        contexts: Iterable[Any] = (),
        texts: Iterable[str] = (),
        *,
        direct: Iterable[Any] = (),
        derive: bool = True,
    ) -> NumberIndex:
        """Index ``contexts`` (with derivations), ``texts`` (e.g. the skeleton) and ``direct`` values."""
        index = cls()
        derivable: list[Decimal] = []
        column_sums: list[Decimal] = []
        for ctx in contexts:
            index._walk(ctx, derivable, column_sums)
        for text in texts:
            index.add_text(text, derivable)
        for ctx in direct:
            index._walk(ctx, [], [])
        index.bare.update(column_sums)
        derivable.extend(column_sums)
        if derive:
            index._derive(derivable)
        for year in [v for v in index.other | index.bare if 1990 <= v <= 2100 and v == v.to_integral_value()]:
            index.other.update({year - 1, year + 1})
        return index

    def add_quantity(self, q: Quantity, derivable: list[Decimal] | None = None) -> None:
        if q.kind == "ordinal":
            return
        if q.kind == "amount":
            try:
                value = to_wanyuan(q)
            except ValueError:
                value = q.value
            self.money.add(value)
        elif q.kind == "percent":
            value = q.value
            self.percent.add(value)
        else:
            value = q.value
            self.other.add(value)
        if derivable is not None and q.kind in ("amount", "percent", "plain", "count", "score"):
            derivable.append(value)

    def add_text(self, text: str, derivable: list[Decimal] | None = None) -> None:
        for q in find_quantities(text):
            self.add_quantity(q, derivable)

    def _walk(self, node: Any, derivable: list[Decimal], column_sums: list[Decimal]) -> None:
        if isinstance(node, bool) or node is None:
            return
        if isinstance(node, (int, float, Decimal)):
            try:
                value = Decimal(str(node))
            except InvalidOperation:
                return
            self.bare.add(value)
            derivable.append(value)
        elif isinstance(node, str):
            value = parse_decimal(node) if len(node) < 40 else None
            if value is not None:
                self.bare.add(value)
                derivable.append(value)
            else:
                self.add_text(node, derivable)
        elif isinstance(node, dict):
            for item in node.values():
                self._walk(item, derivable, column_sums)
        elif isinstance(node, (list, tuple)):
            self.other.add(Decimal(len(node)))
            for item in node:
                self._walk(item, derivable, column_sums)
            # the sum of each numeric column of a list of records (payments, scores…)
            columns: dict[str, Decimal] = {}
            for item in node:
                if isinstance(item, dict):
                    for key, value in item.items():
                        number = _number(value)
                        if number is not None:
                            columns[key] = columns.get(key, Decimal(0)) + number
            column_sums.extend(columns.values())
            numbers = [n for n in (_number(v) for v in node) if n is not None]
            if len(numbers) > 1:
                column_sums.append(sum(numbers, Decimal(0)))

    def _derive(self, values: list[Decimal]) -> None:
        # Years are labels, not operands.
        distinct = sorted({v for v in values if not (1990 <= v <= 2100 and v == v.to_integral_value())})
        distinct = distinct[:_MAX_DERIVATION_INPUTS]
        rates: set[Decimal] = set()
        for a, b in combinations(distinct, 2):
            self.money_derived.add(a + b)
            self.money_derived.add(abs(a - b))
            for num, den in ((a, b), (b, a)):
                if den != 0:
                    rate = num / den * _HUNDRED
                    if abs(rate) <= _MAX_RATE:
                        rates.add(rate)
        self.percent.update(_HUNDRED - p for p in list(self.percent))
        self.rates = sorted(rates)

    def _near_rate(self, value: Decimal, places: int) -> bool:
        """A computed rate matches at the written precision; a whole percent must be within 0.1."""
        tolerance = Decimal("0.1") if places == 0 else Decimal(5).scaleb(-places - 1)
        i = bisect_left(self.rates, value - tolerance)
        return i < len(self.rates) and self.rates[i] <= value + tolerance

    # -- matching --------------------------------------------------------------------------
    def _pool(self, cls: str, places: int) -> set[Decimal]:
        key = (cls, places)
        pool = self._rounded.get(key)
        if pool is None:
            source = {
                "money": self.money | self.money_derived,
                "percent": self.percent,
                "other": self.other | self.money | self.percent,
            }[cls]
            pool = {_q(v, places) for v in source | self.bare}
            self._rounded[key] = pool
        return pool

    def allows(self, q: Quantity) -> bool:
        if q.kind == "ordinal":
            return True
        if q.kind == "amount":
            try:
                value, cls = to_wanyuan(q), "money"
            except ValueError:
                value, cls = q.value, "other"
        elif q.kind == "percent":
            value, cls = q.value, "percent"
        else:
            value, cls = q.value, "other"
            if q.kind in ("count", "plain") and value in _TRIVIAL_COUNTS:
                return True
        if q.approx:
            # "20余人", "100多万元": some allowed value lies between the figure and twice it.
            return any(value <= v <= value * 2 for v in self._pool(cls, 6))
        places = _places(value)
        if _q(value, places) in self._pool(cls, places):
            return True
        return cls == "percent" and self._near_rate(value, places)

    def check(self, text: str) -> list[Ungrounded]:
        """The numbers of ``text`` that match nothing allowed, left to right."""
        return [
            Ungrounded(q.raw, q.value, q.unit, q.kind, q.start, q.end)
            for q in find_quantities(text)
            if not self.allows(q)
        ]


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    if isinstance(value, str) and len(value) < 40:
        return parse_decimal(value)
    return None


def ungrounded_numbers(
    text: str, *, context: Any, skeleton: str = "", data: EvaluationData | None = None
) -> list[Ungrounded]:
    """Convenience: check ``text`` against one section's context, skeleton and the whole data."""
    index = NumberIndex.build([context], [skeleton], direct=[data] if data is not None else [])
    return index.check(text)
