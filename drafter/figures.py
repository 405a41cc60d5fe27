"""The figure registry: every kind of figure a report or the evaluation data states, once.

``schemas/figures.yaml`` names each figure (key, Chinese name, data path, unit kind), how prose and
workbooks label it, and how figures relate: parts of a total, spending within its budget, rate
formulas. Extraction, :func:`~drafter.check.from_data.facts_from_data`, the figure rules, suggest
and the workbook importer read it here, as XBRL tools read one linkbase, instead of each keeping a
table of keys. It is validated into frozen models on first use and cached (read once per process);
the bundled file being broken is our bug, so :func:`registry` raises pydantic's ValidationError.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "FigureDef",
    "FigureRegistry",
    "RateDef",
    "Topic",
    "UnitKind",
    "is_figure_key",
    "registry",
    "registry_path",
]

UnitKind = Literal["money", "count", "rate", "staff"]
#: staff categories are keyed by their name (staff.行政编); the registry lists them as staff.*
_CATEGORY = "staff.*"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FigureExample(_Frozen):
    """A sentence and every named figure extraction must read from it ({} for none); for a rate,
    ``{rate: subject}`` (``null`` for no rate subject)."""

    text: str = Field(min_length=1)
    expect: dict[str, Any]


#: "写法: 例句" — each wording with the sentence that proves it
Wordings = dict[str, str]


class Topic(_Frozen):
    key: str = Field(min_length=1)
    words: Wordings = Field(min_length=1)


class FigureDef(_Frozen):
    key: str = Field(min_length=1)
    #: what findings call it; "" for figures told apart by their own name (payment, progress)
    name: str = ""
    #: the label a figure read from evaluation data carries (default: name)
    label: str = ""
    unit: UnitKind
    path: str | None = None
    topic: str | None = None
    prose: Wordings = Field(default_factory=dict)
    table: tuple[str, ...] = ()
    examples: tuple[FigureExample, ...] = ()
    note: str = ""
    #: whether facts_from_data gives the checker this data field as a figure
    facts: bool = True
    #: the name drafter suggest gives this figure in a drafted subject (initial_budget …); "" for none
    subject: str = ""
    #: the name with its measure word, where a figure is named on its own ("实际支出总额"); default name
    full_name: str = ""

    @property
    def data_label(self) -> str:
        return self.label or self.name

    @property
    def data_loc(self) -> tuple[str, ...]:
        """The data path as field names, for a path into single fields (not lists)."""
        return tuple((self.path or "").split("."))

    def value_in(self, data: Any) -> Any:
        """This figure's value in evaluation data (None where a field on the way is unset)."""
        obj = data
        for part in self.data_loc:
            if obj is None:
                return None
            obj = getattr(obj, part, None)
        return obj


class PartsOf(_Frozen):
    total: str
    parts: tuple[str, ...] = Field(min_length=1)
    #: how the message calls the total; default: its name
    says: str = ""


class Within(_Frozen):
    spend: str
    budget: str
    #: how the message calls (spend, budget); default: their names
    says: tuple[str, str] | None = None


class SubAmounts(_Frozen):
    parts: str
    within: tuple[str, ...] = Field(min_length=1)
    #: how the message calls each of ``within``; default: their names
    says: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_name_each(self) -> SubAmounts:
        if self.says and len(self.says) != len(self.within):
            raise ValueError("says 须与 within 一一对应")
        return self


class Relations(_Frozen):
    parts: tuple[PartsOf, ...] = ()
    within: tuple[Within, ...] = ()
    sub_amounts: tuple[SubAmounts, ...] = ()


class RateDef(_Frozen):
    key: str = Field(min_length=1)
    name: str = Field(min_length=1)
    words: Wordings = Field(min_length=1)
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    formula: str = ""
    #: money cannot arrive or be paid out beyond what was allocated: never above 100%
    at_most_all: bool = False
    examples: tuple[FigureExample, ...] = ()


class FigureRegistry(_Frozen):
    topics: tuple[Topic, ...]
    figures: tuple[FigureDef, ...] = Field(min_length=1)
    relations: Relations
    rates: tuple[RateDef, ...]

    @model_validator(mode="after")
    def _consistent(self) -> FigureRegistry:
        keys = [f.key for f in self.figures]
        dup = {k for k in keys if keys.count(k) > 1}
        if dup:
            raise ValueError(f"重复登记的数字键：{'、'.join(sorted(dup))}")
        known = set(keys)
        topics = {t.key for t in self.topics}
        named: list[str] = []
        for f in self.figures:
            if f.topic is not None and f.topic not in topics:
                raise ValueError(f"{f.key} 的话题 {f.topic} 未在 topics 中登记")
            if f.prose and not f.name:
                raise ValueError(f"{f.key} 有文中写法，须有 name")
        for rel in self.relations.parts:
            named += [rel.total, *rel.parts]
        for w in self.relations.within:
            named += [w.spend, w.budget]
        for s in self.relations.sub_amounts:
            named += [s.parts, *s.within]
        for r in self.rates:
            named += [*r.numerator, *r.denominator]
            if bool(r.numerator) != bool(r.denominator):
                raise ValueError(f"比率 {r.key} 须同时有分子和分母")
        unknown = sorted(set(named) - known)
        if unknown:
            raise ValueError(f"关系中用到未登记的数字键：{'、'.join(unknown)}")
        subjects = [f.subject for f in self.figures if f.subject]
        if len(subjects) != len(set(subjects)):
            raise ValueError("两个数字登记了同一 subject 名称")
        paths = [f.path for f in self.figures if f.path]
        if len(paths) != len(set(paths)):
            raise ValueError("两个数字登记了同一数据路径")
        return self

    # --- lookups (all cheap: a few dozen entries) --------------------------------------------

    def figure(self, key: str) -> FigureDef:
        """The entry of ``key`` (``staff.行政编`` → the ``staff.*`` entry); KeyError if unknown."""
        for f in self.figures:
            if f.key == key:
                return f
        if key.startswith("staff.") and key != "staff.total":
            return self.figure(_CATEGORY)
        raise KeyError(key)

    def figure_keys(self) -> frozenset[str]:
        return frozenset(f.key for f in self.figures)

    def name(self, key: str) -> str:
        """What findings call ``key`` ("" when it is told apart by its own name, or unknown)."""
        try:
            return self.figure(key).name
        except KeyError:
            return ""

    def subjects(self) -> dict[str, str]:
        """Subject name → key of the figures drafter suggest puts in a drafted subject."""
        return {f.subject: f.key for f in self.figures if f.subject}

    def full_names(self, keys: frozenset[str]) -> dict[str, str]:
        """Key → full name (``full_name``, else ``name``) of ``keys``."""
        return {f.key: f.full_name or f.name for f in self.figures if f.key in keys}

    def money_keys(self) -> frozenset[str]:
        """The money figures of the evaluation data's expenditure that the checker reads."""
        return frozenset(f.key for f in self.data_figures() if f.unit == "money" and f.facts)

    def rate_names(self) -> dict[str, str]:
        """Rate key (the checker's claim subject) → Chinese name."""
        return {r.key: r.name for r in self.rates}

    def names(self) -> dict[str, str]:
        """Key → Chinese name of every figure that has one."""
        return {f.key: f.name for f in self.figures if f.name}

    def data_figures(self, prefix: str = "expenditure.") -> tuple[FigureDef, ...]:
        """The figures held in one field each (no list) under ``prefix`` of the data, in order."""
        return tuple(f for f in self.figures if f.path and f.path.startswith(prefix) and "[]" not in f.path)

    def key_of_path(self, path: str) -> str | None:
        """The figure key of a data path (``expenditure.three_public.actual`` → ``sangong.actual``)."""
        return next((f.key for f in self.figures if f.path == path), None)

    def parts_of(self, total: str) -> tuple[str, ...]:
        return next((r.parts for r in self.relations.parts if r.total == total), ())

    def rate(self, key: str) -> RateDef | None:
        return next((r for r in self.rates if r.key == key), None)


def registry_path() -> Path:
    from drafter.resources import resource_dir

    return resource_dir("schemas") / "figures.yaml"


def load_registry(path: Path) -> FigureRegistry:
    """Read and validate a registry file (ValidationError names the field)."""
    from drafter.yaml_cache import read_yaml

    return FigureRegistry.model_validate(read_yaml(path))


@cache
def registry() -> FigureRegistry:
    """The bundled registry, read on first use and kept for the process."""
    return load_registry(registry_path())


@cache
def _keys() -> frozenset[str]:
    return registry().figure_keys()


@cache
def is_figure_key(key: str) -> bool:
    """Whether ``key`` is registered (a staff category ``staff.<名称>`` counts as ``staff.*``).

    Cached: every :class:`~drafter.check.facts.Figure` asks it, and a cached call with one str
    is a dict look-up in C, where the call of :func:`_keys` alone cost some two thousand
    instructions."""
    return key in _keys() or (key.startswith("staff.") and len(key) > 6)
