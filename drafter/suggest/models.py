"""What ``drafter suggest`` returns: problems found, and the suggestions that answer them.

Every :class:`Suggestion` names the sources it answers (``sources``: ids of :class:`Deduction`
and :class:`FindingRef` entries of the same result), so a reader can always trace a measure back
to the lost points or the check finding it comes from. The JSON form (``--format json``) is
``SuggestResult.model_dump(mode="json")``; amounts and scores are strings there (Decimal).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Deduction", "FindingRef", "Measure", "SuggestResult", "Suggestion"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Deduction(_Frozen):
    """An indicator whose self score is below its max (扣分指标)."""

    id: str = Field(description="编号，如 D1")
    indicator: str = Field(description="指标名称")
    path: str = Field(description="指标路径，上级在前，用 / 分隔")
    max_score: Decimal
    self_score: Decimal
    lost: Decimal = Field(description="扣分 = 分值 − 自评得分")
    reason: str = Field("", description="扣分原因（原文）")
    line: int | None = Field(None, description="报告行号或数据文件的 YAML 行号")
    field: str | None = Field(None, description="数据文件中的字段路径")
    quote: str = Field("", description="报告原文")
    target: str | None = None
    actual: str | None = None


class FindingRef(_Frozen):
    """A check finding (severity warning or above) that a suggestion answers."""

    id: str = Field(description="编号，如 F1")
    code: str
    severity: str
    message: str
    line: int | None = None
    quote: str = ""
    expected: str | None = None
    found: str | None = None
    field: str | None = None


class Measure(_Frozen):
    """One improvement measure: what, who, by when."""

    text: str = Field(description="措施内容")
    owner: str = Field(description="牵头股室（数据未列内设机构时为单位本身或职能称谓）")
    partners: tuple[str, ...] = Field((), description="配合股室")
    milestone: str = Field(description="时限节点：报送前 / 执行监控 / 年中 / 决算 / 预算编制")
    deadline: str = Field(description="完成时限（文字）")
    sources: tuple[str, ...] = Field((), description="本措施回应的扣分或发现编号（D…/F…）")

    @property
    def responsibility(self) -> str:
        if self.partners:
            return f"{self.owner}牵头，{'、'.join(self.partners)}配合"
        return f"{self.owner}负责"


class Suggestion(_Frozen):
    """A problem with its causes and measures, citing the deductions/findings it answers."""

    id: str = Field(description="编号，如 S1")
    title: str
    problem: str = Field(description="存在问题（引用报告自身的数字或原文）")
    report_problem: str = Field("", description="写入第四部分时的问题表述（为空表示不写入第四部分）")
    causes: tuple[str, ...]
    measures: tuple[Measure, ...]
    sources: tuple[str, ...] = Field(description="所依据的扣分或发现的编号（D…/F…）")
    entry: str | None = Field(None, description="知识库条目编号")
    origin: Literal["kb", "model"] = "kb"


class SuggestResult(_Frozen):
    """Everything ``drafter suggest`` found and proposes for one input."""

    version: Literal[1] = 1
    input: str
    input_kind: Literal["data", "report"]
    dept: str
    year: int | None
    next_year: int | None
    backend: Literal["template", "llm"] = "template"
    deductions: tuple[Deduction, ...] = ()
    findings: tuple[FindingRef, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    notes: tuple[str, ...] = Field((), description="提示，例如“存在问题：无”与扣分并存、未能生成建议的发现")

    def source(self, ident: str) -> Deduction | FindingRef | None:
        for item in (*self.deductions, *self.findings):
            if item.id == ident:
                return item
        return None
