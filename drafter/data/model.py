"""Evaluation data: everything a self-evaluation report (绩效自评报告) states, as typed models.

YAML keys are English snake_case; every field carries a Chinese description, so the generated
JSON Schema (``schemas/evaluation-data.schema.json``) gives finance staff hints in their editor.
Money is ``Decimal`` in 万元. Unknown keys are refused (``extra="forbid"``) so a misspelt key is
reported instead of silently ignored.

Only what the model itself can know is checked here (types, ranges). Cross-field checks
(self score above max, children that do not add up, 基本+项目 ≠ 实际) live in
:func:`drafter.check.on_data.check_data` (the checker's rules on the data), so that a faulty but well-formed file still loads and can be
checked, reported on and suggested for.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from drafter.limits import MAX_AMOUNT, MAX_DECIMALS, MAX_NUMBER_CHARS

__all__ = [
    "AnnualWork",
    "BudgetActual",
    "EvaluationData",
    "Expenditure",
    "FixedAssets",
    "FundingSource",
    "Indicator",
    "KeyTask",
    "Meta",
    "Payment",
    "PlanActual",
    "Profile",
    "Progress",
    "StaffCategory",
    "Staffing",
    "Unit",
    "field_path_exists",
    "nested_model",
]

_AMOUNT_SUFFIX = re.compile(r"\s*(万元|万)\s*$")


def _parse_decimal(value: Any) -> Any:
    """Accept what finance staff type: ``1,318.20``, ``3115.27万元``, full-width digits.

    Floats never reach here from our loader (it builds Decimals from the YAML text), but a float
    from a Python caller is converted through ``str`` so ``0.1`` stays ``0.1``. Every number is
    then checked against the limits (:func:`_bounded`) before pydantic or anything else computes
    with it.
    """
    if isinstance(value, bool):
        return value  # let pydantic reject it with its own message
    if isinstance(value, float):
        number = Decimal(str(value))
        if number.is_finite() and number.copy_abs() < MAX_AMOUNT:
            # Float noise (a spreadsheet's 131.82000000000002) is not a stated precision.
            number = number.quantize(Decimal(1).scaleb(-MAX_DECIMALS)).normalize()
            number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number
        return _bounded(number)
    if isinstance(value, int):
        if value.bit_length() > 4 * MAX_NUMBER_CHARS:
            raise ValueError("数值超出上限 10¹²（金额以万元计），请检查单位和位数")
        return _bounded(Decimal(value))
    if isinstance(value, Decimal):
        return _bounded(value)
    if isinstance(value, str):
        if len(value.strip()) > 2 * MAX_NUMBER_CHARS:
            raise ValueError(f"数字过长（{len(value.strip())} 个字符）")
        text = value.translate(_FULL_WIDTH).strip()
        text = _AMOUNT_SUFFIX.sub("", text).replace(",", "").replace(" ", "")
        if text.endswith("元"):
            raise ValueError("金额单位应为万元；请把以元计的金额除以 10000 后填写，不带单位")
        try:
            return _bounded(Decimal(text))
        except InvalidOperation:
            return value
    return value


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


def _bounded(value: Decimal) -> Decimal:
    """Refuse a number no budget reaches, or more decimals than anyone states, before any
    arithmetic: ``1E+999999999`` would take gigabytes to write out, a 38-digit amount overflows
    the 28-digit precision of the calculations, and pydantic itself would round both silently.
    Only quiet operations (no context, no rounding) are used here."""
    if not value.is_finite():
        return value  # pydantic's allow_inf_nan names it
    if value.copy_abs() > MAX_AMOUNT:
        raise ValueError("数值超出上限 10¹²（金额以万元计），请检查单位和位数")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
        digits = value.as_tuple().digits
        zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        places = -exponent - zeros
        if places > MAX_DECIMALS:
            raise ValueError(f"小数位数过多（{places} 位），最多 {MAX_DECIMALS} 位")
        # Only trailing zeros beyond the limit: the same value, written with its real places.
        value = value.quantize(Decimal(1).scaleb(-max(places, 2)))
    return value


# Field constraints first, then the parser: pydantic then emits minimum/maximum in the schema.
Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False), BeforeValidator(_parse_decimal)]
Score = Annotated[Decimal, Field(ge=0, allow_inf_nan=False), BeforeValidator(_parse_decimal)]
Percent = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False), BeforeValidator(_parse_decimal)]
Paragraphs = list[str]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True)


class Meta(_Model):
    """报告的基本信息。"""

    department: str = Field(
        min_length=1, description="部门（单位）全称，例如：阳西县高新技术产业开发区管理委员会"
    )
    short_name: str | None = Field(None, description="部门简称，例如：阳西高新区；不填则正文一律使用全称")
    fiscal_year: int = Field(ge=2000, le=2100, description="评价年度（预算年度），例如：2023")
    level: Literal["省", "市", "县"] = Field(description="预算级次，填 省、市 或 县")
    kind: Literal["部门整体", "项目支出"] = Field(
        "部门整体", description="报告类型：部门整体（部门整体支出绩效自评）或 项目支出（项目支出绩效自评）"
    )
    rubric: str = Field(
        min_length=1,
        description="所用评价指标体系，填随附体系的编号（例如 gd-county-dept-2023、national-project-2020）或本地指标体系文件（.yaml）的路径",
    )
    project: str | None = Field(None, description="项目名称（仅项目支出自评需要）")
    title: str | None = Field(
        None, description="报告标题；不填则按“<部门全称><年度>年度部门整体支出绩效自评报告”生成"
    )


class Unit(_Model):
    """内设机构。"""

    name: str = Field(min_length=1, description="内设机构名称，例如：党政办公室")
    duties: str = Field("", description="该机构的主要职责（一段文字）；可留空")


class StaffCategory(_Model):
    """一类编制人员。"""

    name: str = Field(min_length=1, description="编制类别，例如：行政编、事业编、工勤编")
    count: int = Field(ge=0, description="该类人数")


class Staffing(_Model):
    """人员编制构成。"""

    label: str = Field("在编人员", description="总数的称谓，例如：在编人员、实有人员")
    total: int = Field(ge=0, description="总人数")
    categories: list[StaffCategory] = Field(
        default_factory=list, description="按编制类别的人数，各类之和应等于总人数"
    )


class Profile(_Model):
    """部门整体概况。"""

    duties: Paragraphs = Field(default_factory=list, description="主要职责，每段一项")
    units_intro: str | None = Field(
        None, description="内设机构总述；不填则按“设N个内设机构：……”自动生成，例如：设4个正股级内设机构"
    )
    units: list[Unit] = Field(default_factory=list, description="内设机构及其职责")
    staffing: Staffing | None = Field(None, description="人员编制构成")


class Progress(_Model):
    """一项工程或事项的进度。"""

    item: str = Field(min_length=1, description="工程或事项名称，例如：阳辉路")
    percent_complete: Percent | None = Field(None, description="完成进度（%），0 到 100，例如：65")
    accepted: bool | None = Field(None, description="是否已验收：true 已验收，false 暂未验收，不填表示不适用")
    note: str | None = Field(None, description="补充说明")


class KeyTask(_Model):
    """一项重点工作任务。"""

    title: str = Field(min_length=1, description="任务标题（一句话），例如：完善园区基础设施")
    facts: Paragraphs = Field(default_factory=list, description="任务完成情况的事实陈述，每段一项")
    progress: list[Progress] = Field(
        default_factory=list, description="进度数字（完成百分比、是否验收），可不填"
    )


class AnnualWork(_Model):
    """年度总体工作和重点工作任务。"""

    intro: str | None = Field(None, description="引导语，例如：本单位年度总体工作：")
    tasks: list[KeyTask] = Field(default_factory=list, description="重点工作任务")


class BudgetActual(_Model):
    """一项经费的预算数与实际支出数（万元）。"""

    budget: Amount | None = Field(None, description="预算数（万元）")
    actual: Amount | None = Field(None, description="实际支出数（万元）")


class PlanActual(_Model):
    """政府采购的计划数与实际数（万元）。"""

    plan: Amount | None = Field(None, description="政府采购预算（计划）数（万元）")
    actual: Amount | None = Field(None, description="政府采购实际数（万元）")


class FixedAssets(_Model):
    """固定资产（万元）。"""

    in_use: Amount | None = Field(None, description="实际在用固定资产总额（万元）")
    total: Amount | None = Field(None, description="所有固定资产总额（万元）")


class Payment(_Model):
    """一笔有名称的支出，例如工程进度款。"""

    name: str = Field(
        min_length=1, description="支出名称，例如：阳西高新区食品产业园基础设施（一期）项目进度款"
    )
    amount: Amount = Field(description="金额（万元）")
    part_of: Literal["项目支出", "基本支出"] = Field(
        "项目支出", description="该笔支出属于项目支出还是基本支出"
    )


class FundingSource(_Model):
    """资金来源一行（项目支出自评表的资金块）。"""

    name: str = Field(min_length=1, description="资金来源，例如：本年财政拨款、上年结转资金、其他资金")
    initial_budget: Amount | None = Field(None, description="年初预算数（万元）")
    annual_budget: Amount | None = Field(None, description="全年预算数（万元）")
    executed: Amount | None = Field(None, description="全年执行数（万元）")


class Expenditure(_Model):
    """部门整体（或项目）支出情况，金额单位均为万元。"""

    initial_budget: Amount | None = Field(None, description="年初预算数（万元）")
    adjusted_budget: Amount | None = Field(None, description="调整预算数（全年预算数，万元）")
    actual: Amount | None = Field(None, description="实际支出数（万元）")
    basic: Amount | None = Field(None, description="其中：基本支出（万元）")
    project: Amount | None = Field(None, description="其中：项目支出（万元）")
    carryover: Amount | None = Field(None, description="结转结余总额（万元）")
    three_public: BudgetActual | None = Field(None, description="三公经费预算数与实际支出数")
    daily_public: BudgetActual | None = Field(None, description="日常公用经费预算数与实际支出数")
    procurement: PlanActual | None = Field(None, description="政府采购计划数与实际数")
    fixed_assets: FixedAssets | None = Field(None, description="固定资产在用额与总额")
    payments: list[Payment] = Field(
        default_factory=list, description="有名称的支出（如工程进度款），其和不应超过所属支出"
    )
    sources: list[FundingSource] = Field(
        default_factory=list, description="资金来源（项目支出自评表用），可不填"
    )


class Indicator(_Model):
    """指标体系中的一个指标（一级、二级或三级）。"""

    name: str = Field(min_length=1, description="指标名称，例如：预算编制合理性")
    code: str | None = Field(None, description="指标在指标体系中的编号（可不填，按名称对应）")
    max_score: Score | None = Field(None, description="指标分值（满分）；三级指标分值未知时可不填")
    self_score: Score | None = Field(None, description="自评得分；有下级指标时可不填，由下级得分相加")
    basis: str = Field(
        "",
        description="评分依据（自评说明）；三级指标起草为“（1）名称。依据，自评得X分。”，依据中不必再写得分",
    )
    deduction_reason: str | None = Field(None, description="扣分原因；自评得分低于分值时必填")
    target: str | None = Field(None, description="年度指标值（项目支出自评表用），例如：≥90%")
    actual: str | None = Field(None, description="实际完成值（项目支出自评表用）")
    children: list[Indicator] = Field(default_factory=list, description="下级指标")

    def effective_self(self) -> Decimal | None:
        """The stated self score, or the sum of the children's when all of them are known."""
        return self.self_score if self.self_score is not None else self.children_sum("self")

    def effective_max(self) -> Decimal | None:
        """The stated max, or the sum of the children's maxima when all of them are known."""
        return self.max_score if self.max_score is not None else self.children_sum("max")

    def children_sum(self, which: Literal["self", "max"]) -> Decimal | None:
        """The sum of the children's (effective) self scores or maxima; None if there are no
        children or one of them is unknown."""
        parts = [c.effective_self() if which == "self" else c.effective_max() for c in self.children]
        if not parts or any(p is None for p in parts):
            return None
        return sum(parts, Decimal(0))  # type: ignore[arg-type]


class EvaluationData(_Model):
    """一份绩效自评报告的全部数据（YAML 文件的顶层）。"""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        title="绩效自评数据",
        json_schema_extra={"$comment": "由 python -m drafter.data.schema 生成，请勿手工修改"},
    )

    meta: Meta = Field(description="报告的基本信息")
    profile: Profile = Field(
        default_factory=Profile, description="部门整体概况：主要职责、内设机构、人员编制"
    )
    annual_work: AnnualWork = Field(default_factory=AnnualWork, description="年度总体工作和重点工作任务")
    expenditure: Expenditure = Field(default_factory=Expenditure, description="部门整体支出情况（万元）")
    targets: Paragraphs = Field(default_factory=list, description="部门整体支出绩效目标，每段一项")
    conclusion: str | None = Field(
        None, description="绩效自评结论的概述（不含总分；总分由指标得分相加后自动写出）"
    )
    indicators: list[Indicator] = Field(
        default_factory=list, description="指标体系（一级指标列表，各含下级指标）"
    )
    problems: Paragraphs = Field(default_factory=list, description="存在的问题，每段一项")
    causes: Paragraphs = Field(default_factory=list, description="原因分析，每段一项")
    measures: Paragraphs = Field(default_factory=list, description="改进措施，每段一项")
    other_notes: Paragraphs = Field(default_factory=list, description="其他需要说明的情况；没有则填“无。”")

    # Set by drafter.data.load: the file and the YAML line of every field path (not data).
    _source: Any = PrivateAttr(default=None)

    @property
    def dept_name(self) -> str:
        """The name the body text uses: the short name where given."""
        return self.meta.short_name or self.meta.department

    def total_self(self) -> Decimal | None:
        """The total self score: the sum of the level-1 indicators' (computed where needed)."""
        if not self.indicators:
            return None
        parts = [i.effective_self() for i in self.indicators]
        if any(p is None for p in parts):
            return None
        return sum(parts, Decimal(0))  # type: ignore[arg-type]

    def total_max(self) -> Decimal | None:
        parts = [i.effective_max() for i in self.indicators]
        if not parts or any(p is None for p in parts):
            return None
        return sum(parts, Decimal(0))  # type: ignore[arg-type]


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model a field's annotation holds (``Expenditure | None`` → Expenditure,
    ``list[Indicator]`` → Indicator), or None for a plain value."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = nested_model(arg)
        if found is not None:
            return found
    return None


def field_path_exists(path: str) -> bool:
    """Whether ``path`` (e.g. ``expenditure.three_public.actual``) is a field of the data model."""
    model: type[BaseModel] | None = EvaluationData
    parts = path.split(".")
    for index, part in enumerate(parts):
        if model is None or part not in model.model_fields:
            return False
        if index < len(parts) - 1:
            model = nested_model(model.model_fields[part].annotation)
    return True
