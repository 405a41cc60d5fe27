"""Indicator systems (评价指标体系) as data: the model a rubric file must satisfy.

A rubric names its indicators level by level with their maxima (unknown where no public source
states them), the formula of each quantitative indicator (numerator and denominator as paths
into the evaluation data, so the base a system uses is explicit) and its scoring rule as
parameters (DOMAIN.md §3). The model refuses a file whose maxima do not add up, whose codes
repeat, or whose formulas name a figure the data model does not have.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from drafter.data.model import field_path_exists
from drafter.text.names import name_key

__all__ = [
    "Band",
    "Formula",
    "Grade",
    "Rubric",
    "RubricIndicator",
    "Scoring",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Formula(_Model):
    """A rate computed from the data: numerator ÷ denominator (× 100 for %)."""

    label: str = Field(description="指标口径，例如：实际支出数 ÷ 调整预算数")
    numerator: str = Field(description="分子在评价数据中的路径，例如：expenditure.actual")
    denominator: str = Field(description="分母在评价数据中的路径，例如：expenditure.adjusted_budget")
    unit: Literal["%", ""] = "%"
    note: str | None = None


class Band(_Model):
    """A qualitative band: a share of the points for a judgement."""

    name: str
    min_share: Decimal = Field(ge=0, le=1)
    max_share: Decimal = Field(ge=0, le=1)


class Scoring(_Model):
    """How points follow from a rate or a judgement; every method's parameters are explicit.

    - ``linear_deduction``: full marks while the rate is on the good side of ``threshold``;
      ``per_point`` points off per percentage point beyond it (``direction`` says which side is
      bad), never below ``floor``.
    - ``proportional``: rate × points, capped at the maximum.
    - ``target_ratio``: direction-aware: higher-is-better → actual ÷ target × points; lower-is-
      better → target ÷ actual × points; capped at the maximum.
    - ``all_or_nothing``: full marks when the condition holds (``direction`` and ``threshold``),
      else zero — e.g. 政府采购实际数 ≤ 计划数.
    - ``bands``: qualitative bands (达成 / 部分达成 / 未达成).
    """

    method: Literal["linear_deduction", "proportional", "target_ratio", "all_or_nothing", "bands"]
    threshold: Decimal | None = Field(None, description="阈值（%），例如 100")
    direction: Literal["higher_better", "lower_better"] | None = None
    per_point: Decimal | None = Field(None, ge=0, description="每超出（或低于）1个百分点扣的分数")
    floor: Decimal = Field(Decimal(0), ge=0)
    bands: tuple[Band, ...] = ()

    @model_validator(mode="after")
    def _parameters_present(self) -> Scoring:
        need: dict[str, tuple[str, ...]] = {
            "linear_deduction": ("threshold", "direction", "per_point"),
            "all_or_nothing": ("threshold", "direction"),
            "target_ratio": ("direction",),
            "bands": ("bands",),
        }
        missing = [name for name in need.get(self.method, ()) if getattr(self, name) in (None, ())]
        if missing:
            raise ValueError(f"评分方法 {self.method} 缺少参数：{'、'.join(missing)}")
        return self


class RubricIndicator(_Model):
    """One indicator of the system."""

    name: str = Field(min_length=1)
    code: str = Field(min_length=1, description="体系内唯一的编号，例如 1.2.3")
    aliases: tuple[str, ...] = Field((), description="报告中常见的其他写法，例如：目标设置情况")
    max_score: Decimal | None = Field(None, ge=0, description="分值；公开资料未载明时不填")
    description: str | None = Field(None, description="指标解释或评分标准（文字）")
    formula: Formula | None = None
    scoring: Scoring | None = None
    children: tuple[RubricIndicator, ...] = ()

    def matches(self, name: str) -> bool:
        key = name_key(name)
        return key == name_key(self.name) or key in {name_key(a) for a in self.aliases}

    def find(self, name: str) -> RubricIndicator | None:
        return next((child for child in self.children if child.matches(name)), None)


class Grade(_Model):
    name: Literal["优", "良", "中", "差"]
    min_score: Decimal = Field(ge=0)


class Rubric(_Model):
    """A whole indicator system (one ``schemas/rubrics/<id>.yaml``)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    kind: Literal["部门整体", "项目支出"]
    level: Literal["省", "市", "县", "中央", "通用"]
    year: int | None = None
    source: str = Field(description="依据：文件名称或样本报告，以及哪些分值已核实")
    total: Decimal = Decimal(100)
    not_applicable: Literal["rescale", "zero"] = Field(
        "rescale", description="不适用指标的处理：rescale 剔除后其余指标按比例折算为满分；zero 记 0 分"
    )
    grades: tuple[Grade, ...] = ()
    indicators: tuple[RubricIndicator, ...]

    def find(self, name: str) -> RubricIndicator | None:
        return next((ind for ind in self.indicators if ind.matches(name)), None)

    def walk(self) -> list[tuple[int, RubricIndicator]]:
        """Every indicator with its level (1-based), depth first."""
        out: list[tuple[int, RubricIndicator]] = []

        def visit(items: tuple[RubricIndicator, ...], level: int) -> None:
            for item in items:
                out.append((level, item))
                visit(item.children, level + 1)

        visit(self.indicators, 1)
        return out

    def grade(self, score: Decimal) -> str | None:
        """The grade (优/良/中/差) of a total score, if the system defines grades."""
        for grade in sorted(self.grades, key=lambda g: g.min_score, reverse=True):
            if score >= grade.min_score:
                return grade.name
        return None

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        codes: set[str] = set()
        for _, ind in self.walk():
            if ind.code in codes:
                raise ValueError(f"指标编号 {ind.code} 重复")
            codes.add(ind.code)
            known = [c.max_score for c in ind.children]
            if ind.max_score is not None and ind.children and all(k is not None for k in known):
                total = sum(known, Decimal(0))  # type: ignore[arg-type]
                if total != ind.max_score:
                    raise ValueError(
                        f"指标“{ind.name}”（{ind.code}）的分值为 {ind.max_score}，下级指标分值之和却为 {total}"
                    )
            if ind.formula is not None:
                for path in (ind.formula.numerator, ind.formula.denominator):
                    if not field_path_exists(path):
                        raise ValueError(f"指标“{ind.name}”的公式引用了评价数据中不存在的字段 {path}")
        top = [i.max_score for i in self.indicators]
        if all(t is not None for t in top):
            total = sum(top, Decimal(0))  # type: ignore[arg-type]
            if total != self.total:
                raise ValueError(f"一级指标分值之和为 {total}，应为 {self.total}")
        return self


RubricIndicator.model_rebuild()
