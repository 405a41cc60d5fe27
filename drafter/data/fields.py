"""The Chinese name of a data field path, for users who never see the YAML keys.

``indicators[1].children[0].self_score`` → ``绩效指标第2项·下级指标第1项·自评得分``;
``meta.department`` → ``基本信息·部门（单位）全称``. Names come from the model's own field
descriptions (their first clause), so they never drift from the schema the editor shows. A
finding of data read from a workbook has no YAML line; this is what the text output shows
instead of the internal path.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from drafter.data.model import EvaluationData, nested_model

__all__ = ["field_name", "parse_path"]

#: The sections of the data as the 自评表 and the report call them (the descriptions are sentences).
SECTION_NAMES = {
    "meta": "基本信息",
    "profile": "部门概况",
    "annual_work": "年度工作",
    "expenditure": "支出情况",
    "targets": "绩效目标",
    "conclusion": "评价结论",
    "indicators": "绩效指标",
    "problems": "存在的问题",
    "causes": "原因分析",
    "measures": "改进措施",
    "other_notes": "其他需要说明的情况",
}

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_FIRST_CLAUSE = re.compile(r"[，；,;：:]")
_TRAILING_NOTE = re.compile(r"（[^（）]*）$")


def parse_path(path: str) -> tuple[str | int, ...]:
    """``indicators[1].self_score`` → ``("indicators", 1, "self_score")``."""
    return tuple(int(i) if i else str(k) for k, i in _PART.findall(path))


def field_name(path: str) -> str:
    """The Chinese name of the field at ``path`` (a part it cannot name is kept as written)."""
    model: Any = EvaluationData
    out: list[str] = []
    for part in parse_path(path):
        if isinstance(part, int):
            if out:
                out[-1] += f"第{part + 1}项"
            continue
        name = _describe(model, part) or part
        if model is EvaluationData:
            name = SECTION_NAMES.get(part, name)
        out.append(name)
        model = _inner_model(model, part)
    return "·".join(out) if out else path


def _describe(model: Any, key: str) -> str:
    info = model.model_fields.get(key) if isinstance(model, type) and issubclass(model, BaseModel) else None
    text = (info.description or "") if info is not None else ""
    text = text.removeprefix("其中：")
    return _TRAILING_NOTE.sub("", _FIRST_CLAUSE.split(text, maxsplit=1)[0]).strip()


def _inner_model(model: Any, key: str) -> Any:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    info = model.model_fields.get(key)
    return nested_model(info.annotation) if info is not None else None
