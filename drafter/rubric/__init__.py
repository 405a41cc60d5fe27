"""Indicator systems (rubrics) as versioned data files: ``schemas/rubrics/<id>.yaml``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError
from drafter.fileio import read_text
from drafter.resources import bundled_rubrics

if TYPE_CHECKING:
    from drafter.rubric.model import Rubric, RubricIndicator

__all__ = ["Rubric", "RubricIndicator", "available_rubrics", "load_rubric"]


def available_rubrics() -> list[str]:
    """Ids of the bundled rubrics."""
    return list(bundled_rubrics())


def load_rubric(id_or_path: str | os.PathLike[str]) -> Rubric:
    """Load a bundled rubric by id (``gd-county-dept-2023``) or a rubric file by path.

    Raises :class:`~drafter.errors.DrafterError` for an unknown id, an unreadable file, broken
    YAML or a file the :class:`Rubric` model refuses (naming the field and the reason).
    """
    import yaml
    from pydantic import ValidationError

    from drafter.rubric.model import Rubric
    from drafter.safeyaml import safe_load, yaml_problem

    text_id = str(id_or_path)
    candidate = Path(text_id)
    if candidate.suffix in {".yaml", ".yml"} or candidate.exists():
        path = candidate
    else:
        bundled = bundled_rubrics().get(text_id)
        if bundled is None:
            known = "、".join(available_rubrics()) or "（无）"
            raise DrafterError(
                f"未知的评价指标体系“{text_id}”。可用的有：{known}；也可以填写指标体系文件的路径。"
            )
        path = bundled
    try:
        raw = safe_load(read_text(path), path=str(path), what="指标体系文件")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行：" if mark else ""
        raise DrafterError(
            f"{where}指标体系文件的 YAML 格式错误（{yaml_problem(exc)}）。", path=str(path)
        ) from exc
    try:
        return Rubric.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        reason = str((err.get("ctx") or {}).get("error", err["msg"]))
        prefix = f"{where}：" if where else ""
        raise DrafterError(f"指标体系文件无效：{prefix}{reason}。", path=str(path)) from None


def __getattr__(name: str) -> object:
    if name in {"Rubric", "RubricIndicator"}:
        from drafter.rubric import model

        return getattr(model, name)
    raise AttributeError(name)
