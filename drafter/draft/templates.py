"""Section templates: jinja2 files with validated metadata, rendered with ``StrictUndefined``.

Each file in ``prompts/sections/`` starts with a jinja comment holding YAML metadata::

    {#-
    key: profile
    heading: ["一、部门基本情况", "（一）部门整体概况"]
    description: …
    requires: [dept, duties, …]
    -#}

``heading`` entries may use the context (``"{{ number }}{{ title }}"``). ``requires`` lists the
context keys the template reads; a missing one fails before rendering, naming the key. The LLM
path renders its own prompts (``prompts/llm/``) from the same context.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

__all__ = ["SectionTemplate", "TemplateMeta", "TemplateSet", "bundled_templates", "yishi"]

_META = re.compile(r"\A\{#-?\s*\n(?P<yaml>.*?)\n\s*-?#\}", re.S)
_CN_ORDINALS = "一二三四五六七八九十"
_END_PUNCT = "。；;，,、 "


class TemplateMeta(BaseModel):
    """What a section template declares about itself."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    heading: tuple[str, ...] = Field(min_length=1)
    description: str
    requires: tuple[str, ...] = ()
    #: facts a rewrite must keep: context path ("a.b", "items[].self_score", "units#" = length) →
    #: "kind:Chinese label" (kind money / percent / score / count / text; "{name}" from the list item)
    carries: dict[str, str] = Field(default_factory=dict)


def cn_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (enough for any outline)."""
    if n <= 10:
        return _CN_ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return (_CN_ORDINALS[tens - 1] if tens > 1 else "") + "十" + (_CN_ORDINALS[ones - 1] if ones else "")


def yishi(items: list[str]) -> str:
    """One item verbatim; several as ``一是……；二是……；三是……。`` (the 公文 enumeration)."""
    items = [i.strip() for i in items if i.strip()]
    if not items:
        return ""
    if len(items) == 1:
        text = items[0]
        return text if text.endswith(("。", "！", "？", "”")) else text.rstrip(_END_PUNCT) + "。"
    parts = [f"{cn_ordinal(n)}是{item.rstrip(_END_PUNCT)}" for n, item in enumerate(items, start=1)]
    return "；".join(parts) + "。"


@dataclass(frozen=True)
class SectionTemplate:
    meta: TemplateMeta
    name: str  # file name, e.g. "profile.j2"
    template: Any  # jinja2.Template
    heading_templates: tuple[Any, ...]

    def heading(self, context: dict[str, Any]) -> tuple[str, ...]:
        return tuple(t.render(context).strip() for t in self.heading_templates)

    def render(self, context: dict[str, Any]) -> str:
        missing = [key for key in self.meta.requires if key not in context]
        if missing:
            raise KeyError(f"template {self.name} needs context keys {missing}")
        return self.template.render(context)


def _bytecode_cache(folder: Path | None) -> Any:
    """Jinja's on-disk cache of compiled templates (keyed by source checksum, so an edited
    template recompiles): compiling the section templates is most of a draft's run time.
    Without a writable cache folder templates are simply compiled each run."""
    import jinja2

    if folder is None:
        from drafter.userdirs import cache_dir

        folder = cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


class TemplateSet:
    """All section templates of one folder, loaded once per drafting run."""

    def __init__(self, folder: Path, *, bytecode_cache: Path | None = None) -> None:
        import jinja2

        self.folder = folder
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(folder)),
            bytecode_cache=_bytecode_cache(bytecode_cache),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            autoescape=False,
        )
        self.env.filters["yishi"] = yishi
        self._cache: dict[str, SectionTemplate] = {}

    def get(self, key: str) -> SectionTemplate:
        if key not in self._cache:
            self._cache[key] = self._load(key)
        return self._cache[key]

    def _load(self, key: str) -> SectionTemplate:
        import yaml

        name = f"{key}.j2"
        path = self.folder / name
        source = path.read_text(encoding="utf-8")
        match = _META.match(source)
        if match is None:
            raise ValueError(f"{path}: section template lacks its metadata comment")
        try:
            # our own bundled files: PyYAML's safe loader, in C where libyaml is built (the pure
            # Python one was half of a draft's run time)
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            meta = TemplateMeta.model_validate(yaml.load(match.group("yaml"), Loader=loader))
        except (ValidationError, yaml.YAMLError) as exc:
            raise ValueError(f"{path}: invalid template metadata: {exc}") from exc
        if meta.key != key:
            raise ValueError(f"{path}: metadata key {meta.key!r} differs from the file name")
        return SectionTemplate(
            meta=meta,
            name=name,
            template=self.env.get_template(name),
            heading_templates=tuple(self.env.from_string(h) for h in meta.heading),
        )


@cache
def bundled_templates() -> TemplateSet:
    """The section templates drafter ships, loaded once per process: ``drafter draft`` drafts
    twice (the report, and the draft its data is checked through), and parsing the metadata and
    compiling the headings of every template again was a third of the second draft's time."""
    from drafter.resources import resource_dir

    return TemplateSet(resource_dir("prompts") / "sections")
