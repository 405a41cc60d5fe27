"""Prompt templates: YAML files in ``prompts/llm/`` with validated metadata and jinja2 parts.

Each file declares its id, purpose (draft / reask / review / suggest), the section keys it serves (glob
patterns), the variables it uses (with a Chinese description) and its ``system`` and ``user``
parts. Loading checks the metadata (``extra="forbid"``), compiles both parts, and refuses a file
whose parts use a variable it does not declare (or declare one they do not use). Rendering uses
``StrictUndefined`` and first checks that every declared variable was given, so a missing
variable fails before any model call, naming the variable. Files starting with ``_`` are shared
fragments for ``{% include %}`` and hold no variables.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drafter.errors import DrafterError

__all__ = ["PromptSet", "PromptSpec", "RenderedPrompt", "load_prompts"]


class PromptSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    purpose: Literal["draft", "reask", "review", "suggest"]
    description: str = Field(min_length=1)
    sections: tuple[str, ...] = ("*",)
    variables: dict[str, str]
    output: Literal["text", "json"] = "text"
    system: str
    user: str = Field(min_length=1)

    @property
    def specificity(self) -> int:
        """A template naming a section wins over a catch-all."""
        return 0 if self.sections == ("*",) else 1


@dataclass(frozen=True)
class RenderedPrompt:
    template: str
    system: str
    user: str


class PromptSet:
    """The loaded templates of one folder, compiled once."""

    def __init__(self, folder: Path) -> None:
        import jinja2

        self.folder = folder
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(folder)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
        )
        self.specs: dict[str, PromptSpec] = {}
        self._compiled: dict[str, tuple[Any, Any]] = {}
        for path in sorted(folder.glob("*.yaml")):
            self._load(path)
        self.digest = _folder_digest(folder)

    def _load(self, path: Path) -> None:
        import jinja2
        import yaml
        from jinja2 import meta

        from drafter.fileio import read_text

        try:
            spec = PromptSpec.model_validate(yaml.safe_load(read_text(path)))
        except (yaml.YAMLError, ValidationError) as exc:
            raise DrafterError(f"提示词模板格式错误：{_first_error(exc)}", path=str(path)) from exc
        if spec.id != path.stem:
            raise DrafterError(f"提示词模板的 id “{spec.id}” 应与文件名 “{path.stem}” 一致。", path=str(path))
        used: set[str] = set()
        compiled = []
        for part in (spec.system, spec.user):
            try:
                used |= meta.find_undeclared_variables(self._env.parse(part))
                compiled.append(self._env.from_string(part))
            except jinja2.TemplateError as exc:
                raise DrafterError(f"提示词模板语法错误：{exc}", path=str(path)) from exc
        undeclared = sorted(used - set(spec.variables))
        unused = sorted(set(spec.variables) - used)
        if undeclared or unused:
            what = "；".join(
                x
                for x in (
                    f"使用了未声明的变量 {'、'.join(undeclared)}" if undeclared else "",
                    f"声明了却未使用的变量 {'、'.join(unused)}" if unused else "",
                )
                if x
            )
            raise DrafterError(f"提示词模板 {spec.id} 的 variables 与正文不符：{what}。", path=str(path))
        self.specs[spec.id] = spec
        self._compiled[spec.id] = (compiled[0], compiled[1])

    def for_section(self, key: str, purpose: str = "draft") -> PromptSpec:
        candidates = [
            s
            for s in self.specs.values()
            if s.purpose == purpose and any(fnmatchcase(key, p) for p in s.sections)
        ]
        if not candidates:
            raise DrafterError(f"没有适用于章节 “{key}” 的提示词模板（{purpose}），请检查 {self.folder}。")
        return max(candidates, key=lambda s: s.specificity)

    def render(self, template_id: str, **variables: Any) -> RenderedPrompt:
        import jinja2

        spec = self.specs[template_id]
        missing = [name for name in spec.variables if name not in variables]
        if missing:
            raise DrafterError(
                f"提示词模板 {template_id} 缺少变量：{'、'.join(missing)}（在调用模型之前发现）。"
            )
        extra = sorted(set(variables) - set(spec.variables))
        if extra:
            raise ValueError(f"template {template_id} does not declare {extra}")
        system_t, user_t = self._compiled[template_id]
        try:
            return RenderedPrompt(
                template_id, system_t.render(**variables).strip(), user_t.render(**variables).strip()
            )
        except jinja2.UndefinedError as exc:
            raise DrafterError(
                f"提示词模板 {template_id} 缺少变量：{exc.message}（在调用模型之前发现）。"
            ) from exc


def _folder_digest(folder: Path) -> str:
    """A hash of every template file (names and bytes): a changed prompt changes it."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".j2")):
        digest.update(path.name.encode() + b"\x00" + path.read_bytes() + b"\x00")
    return digest.hexdigest()[:16]


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(str(p) for p in err['loc'])}：{err['msg']}"
    return str(exc).splitlines()[0]


def load_prompts(folder: Path | None = None) -> PromptSet:
    """The bundled LLM prompts (or those of ``folder``)."""
    if folder is None:
        from drafter.resources import resource_dir

        folder = resource_dir("prompts") / "llm"
    return PromptSet(folder)
