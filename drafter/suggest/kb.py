"""The offline knowledge base of improvement measures (改进措施知识库).

The knowledge base is data, written by us in Chinese: YAML files under ``prompts/measures/``
(shipped in the wheel with the rest of ``prompts/``). Each file holds entries keyed either by
indicator (for deductions) or by rule code (for check findings). Problem, cause and measure texts
are jinja2 templates rendered with ``StrictUndefined`` against the report's own figures and names
(see :mod:`drafter.suggest.context`), so two departments never receive the same boilerplate.

A broken file is a user-visible error (:class:`~drafter.errors.DrafterError`) naming the file,
the entry and what is wrong — a knowledge base can be extended by finance staff, so its errors
must be as clear as the data file's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from drafter.errors import DrafterError
from drafter.safeyaml import yaml_problem
from drafter.text.names import name_key

__all__ = [
    "MILESTONES",
    "KbEntry",
    "KbFile",
    "KbMeasure",
    "KnowledgeBase",
    "load_kb",
]

#: The milestones of the next budget cycle a measure can be due at (see ``milestones.yaml``).
#: 报送前 — before this report is submitted (corrections of the report itself).
Milestone = Literal["报送前", "执行监控", "年中", "决算", "预算编制"]
MILESTONES: tuple[str, ...] = ("报送前", "执行监控", "年中", "决算", "预算编制")

#: A known indicator name at least this long may match inside another system's name.
MIN_CONTAINED_NAME = 4
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RULE_CODE = re.compile(r"^[A-Z]{2}\d{3}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class KbMeasure(_Strict):
    """One measure: what to do, which unit does it (by duty keywords), and by when."""

    text: str = Field(min_length=4, description="措施内容（jinja2 模板）")
    owners: list[str] = Field(
        default_factory=list,
        description="牵头股室的职责关键词，按优先顺序，例如 [政府采购, 招标投标, 财务]",
    )
    partners: list[str] = Field(default_factory=list, description="配合股室的职责关键词")
    fallback_owner: str = Field(
        "", description="数据未列内设机构或无匹配时的责任主体称谓，例如：财务股室；留空表示单位本身"
    )
    when: Milestone = Field(description="完成时限所属节点：报送前 / 执行监控 / 年中 / 决算 / 预算编制")


class KbEntry(_Strict):
    """Measures for one indicator (``indicator``) or one rule code (``rule``)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$", description="条目编号，全库唯一，例如 gd.procurement")
    indicator: str | None = Field(None, description="指标名称（与 rule 二选一）")
    aliases: list[str] = Field(default_factory=list, description="指标的其他写法")
    within: list[str] = Field(
        default_factory=list,
        description="上级指标名称：上级扣分且扣分原因含 keywords 时，选用本条目",
    )
    keywords: list[str] = Field(default_factory=list, description="扣分原因或问题文字中的关键词")
    rule: str | None = Field(None, description="检查规则代码，例如 FG005（与 indicator 二选一）")
    merge: Literal["code", "line"] = Field(
        "line",
        description="同一规则的多条发现如何合并为一个问题：code 全报告合并为一条，line 同一行（同一引文）合并",
    )
    title: str = Field(min_length=2, description="问题的简短标题（jinja2 模板）")
    problem: str = Field(min_length=4, description="存在问题（jinja2 模板，须引用报告自身的数字或原文）")
    section_four: bool | None = Field(
        None,
        description="是否写入报告第四部分（改进措施）；不填时指标条目写入，规则条目不写入"
        "（报告文字本身的错误应在报送前更正，不是管理问题）",
    )
    report_problem: str | None = Field(
        None, description="写入第四部分时的问题表述（jinja2 模板）；不填则用 problem"
    )
    causes: list[str] = Field(min_length=1, description="原因分析（jinja2 模板）")
    measures: list[KbMeasure] = Field(min_length=1, description="改进措施")

    @model_validator(mode="after")
    def _one_key(self) -> KbEntry:
        if (self.indicator is None) == (self.rule is None):
            raise ValueError("每个条目必须且只能填写 indicator（指标名称）或 rule（规则代码）之一")
        if self.rule is not None and not _RULE_CODE.match(self.rule):
            raise ValueError(f"规则代码 {self.rule!r} 格式不对，应为两个大写字母加三位数字，例如 FG005")
        return self

    @property
    def in_section_four(self) -> bool:
        return self.section_four if self.section_four is not None else self.indicator is not None

    @property
    def names(self) -> tuple[str, ...]:
        """Normalised names this entry answers to."""
        if self.indicator is None:
            return ()
        return tuple(dict.fromkeys(name_key(n) for n in (self.indicator, *self.aliases)))

    def templates(self) -> Iterable[tuple[str, str]]:
        """(field, template) pairs, for compiling every template once at load time."""
        yield "title", self.title
        yield "problem", self.problem
        if self.report_problem:
            yield "report_problem", self.report_problem
        for i, cause in enumerate(self.causes):
            yield f"causes[{i}]", cause
        for i, measure in enumerate(self.measures):
            yield f"measures[{i}].text", measure.text


class KbFile(_Strict):
    """One YAML file of the knowledge base."""

    version: Literal[1] = 1
    description: str = ""
    rubrics: list[str] = Field(
        default_factory=list, description="本文件适用的指标体系编号；留空表示适用于所有体系"
    )
    milestones: dict[str, str] = Field(
        default_factory=dict,
        description="时限节点的文字（jinja2 模板），键为 报送前/执行监控/年中/决算/预算编制",
    )
    entries: list[KbEntry] = Field(default_factory=list)

    @field_validator("milestones")
    @classmethod
    def _known_milestones(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(MILESTONES))
        if unknown:
            raise ValueError(f"未知的时限节点 {unknown}，只能是 {list(MILESTONES)}")
        return value


class KnowledgeBase(BaseModel):
    """All entries of the knowledge base, with the file each came from."""

    model_config = ConfigDict(frozen=True)

    entries: tuple[KbEntry, ...]
    scopes: dict[str, tuple[str, ...]]  # entry id -> rubric ids of its file ('' = any)
    milestones: dict[str, str]
    files: tuple[str, ...] = ()
    origins: dict[str, str] = {}  # entry id -> file path (for error messages)

    def for_rule(self, code: str) -> KbEntry | None:
        for entry in self.entries:
            if entry.rule == code:
                return entry
        return None

    def rule_codes(self) -> set[str]:
        return {e.rule for e in self.entries if e.rule}

    def for_indicator(
        self, name: str, *, rubric: str | None = None, parents: Iterable[str] = (), text: str = ""
    ) -> KbEntry | None:
        """The entry for a deducted indicator.

        A specific entry wins over the indicator's own: when the deduction reason (``text``)
        contains the keywords of an entry listed ``within`` this indicator (or one of its
        ``parents``), that entry is used — 资金管理 deducted for 政府采购实际数大于计划数 gets the
        procurement measures, not the generic ones. Entries of files scoped to ``rubric`` come
        before entries of other files.
        """
        key = name_key(name)
        ordered = sorted(self.entries, key=lambda e: self._rank(e, rubric))
        if text:
            best: tuple[int, KbEntry] | None = None
            for entry in ordered:
                if entry.indicator is None or not entry.keywords:
                    continue
                if not ({name_key(w) for w in entry.within} & {key}) and key not in entry.names:
                    continue
                hits = sum(1 for word in entry.keywords if word in text)
                if hits and (best is None or hits > best[0]):
                    best = (hits, entry)
            if best is not None:
                return best[1]
        for entry in ordered:
            if key in entry.names:
                return entry
        for parent in reversed(tuple(parents)):  # an indicator we only know by its parents: nearest first
            pkey = name_key(parent)
            for entry in ordered:
                if pkey in entry.names:
                    return entry
        # Another province's system names things differently (部门预算执行率, 政府采购管理):
        # a known name inside the indicator's name, then the reason's keywords, else nothing.
        contained = [
            (len(n), entry)
            for entry in ordered
            for n in entry.names
            if len(n) >= MIN_CONTAINED_NAME and (n in key or key in n)
        ]
        if contained:
            return max(contained, key=lambda item: item[0])[1]
        if text:
            scored = [
                (sum(1 for w in e.keywords if w in text), e) for e in ordered if e.indicator is not None
            ]
            top = max((hits for hits, _ in scored), default=0)
            if top:
                return next(e for hits, e in scored if hits == top)
        return None

    def _rank(self, entry: KbEntry, rubric: str | None) -> int:
        scope = self.scopes.get(entry.id, ())
        if rubric and rubric in scope:
            return 0
        return 1 if not scope else 2


def _kb_dir() -> Path:
    from drafter.resources import resource_dir

    return resource_dir("prompts") / "measures"


def _line_of(text: str, needle: str) -> int | None:
    for no, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return no
    return None


def _load_file(path: Path) -> KbFile:
    from drafter.fileio import read_text

    text = read_text(path)
    try:
        raw = yaml.load(text, Loader=_YamlLoader)  # a safe loader, C-accelerated where built
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise DrafterError(
            f"措施知识库文件{where}的 YAML 格式有误：{yaml_problem(exc)}。", path=str(path)
        ) from exc
    if not isinstance(raw, dict):
        raise DrafterError("措施知识库文件的顶层应是一个映射（含 version、entries 等键）。", path=str(path))
    try:
        return KbFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err["loc"]
        field = ".".join(str(p) for p in loc)
        where = ""
        if len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
            entries = raw.get("entries") or []
            entry = entries[loc[1]] if loc[1] < len(entries) and isinstance(entries[loc[1]], dict) else {}
            ident = entry.get("id")
            if ident:
                line = _line_of(text, f"id: {ident}")
                where = f"（条目 {ident}" + (f"，约第 {line} 行）" if line else "）")
        raise DrafterError(
            f"措施知识库文件字段 {field}{where} 有误：{err['msg']}。请按 prompts/measures/README.md 的说明修改。",
            path=str(path),
        ) from exc


def _compile_all(kb_files: list[tuple[Path, KbFile]]) -> None:
    """Parse every template now, so a typo in the knowledge base fails before any rendering.

    Parsing (not compiling) keeps loading fast; the few templates a report needs are compiled
    when they are rendered."""
    from jinja2 import TemplateSyntaxError

    from drafter.suggest.context import template_env

    env = template_env()
    for path, kb_file in kb_files:
        named = [(f"时限节点 {key}", template) for key, template in kb_file.milestones.items()]
        named += [(f"条目 {e.id} 的 {field}", t) for e in kb_file.entries for field, t in e.templates()]
        for what, template in named:
            try:
                env.parse(template)
            except TemplateSyntaxError as exc:
                raise DrafterError(f"措施知识库{what} 模板语法有误：{exc.message}", path=str(path)) from exc


def load_kb(folder: str | Path | None = None, *, parse_templates: bool | None = None) -> KnowledgeBase:
    """Load and validate every ``*.yaml`` file of the knowledge base (the bundled one by default).

    A user's folder has every template parsed at once, so a typo is reported before anything
    runs. The bundled one is not parsed here (it takes longer than the rest of ``drafter draft``;
    ``tests/test_suggest_kb.py`` renders every bundled template); a template is compiled when
    first rendered, and a syntax error then is the same :class:`DrafterError`.
    """
    if folder is None:
        return _bundled_kb(bool(parse_templates))
    return _load_folder(Path(folder), parse_templates=parse_templates is not False)


@lru_cache(maxsize=2)
def _bundled_kb(parse_templates: bool) -> KnowledgeBase:
    # Cached: the bundled files do not change while the process runs (read-only, not state).
    return _load_folder(_kb_dir(), parse_templates=parse_templates)


def _load_folder(folder: Path, *, parse_templates: bool = True) -> KnowledgeBase:
    if not folder.is_dir():
        raise DrafterError("措施知识库文件夹不存在。", path=str(folder))
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise DrafterError("措施知识库文件夹中没有 .yaml 文件。", path=str(folder))
    loaded = [(p, _load_file(p)) for p in files]
    if parse_templates:
        _compile_all(loaded)
    entries: list[KbEntry] = []
    scopes: dict[str, tuple[str, ...]] = {}
    milestones: dict[str, str] = {}
    origin: dict[str, Path] = {}
    rule_origin: dict[str, str] = {}
    for path, kb_file in loaded:
        for key, template in kb_file.milestones.items():
            if key in milestones:
                raise DrafterError(f"时限节点 {key} 在多个知识库文件中重复定义。", path=str(path))
            milestones[key] = template
        for entry in kb_file.entries:
            if entry.id in origin:
                raise DrafterError(
                    f"条目编号 {entry.id} 重复（另见 {origin[entry.id].name}），编号须全库唯一。",
                    path=str(path),
                )
            if entry.rule:
                if entry.rule in rule_origin:
                    raise DrafterError(
                        f"规则 {entry.rule} 已有条目 {rule_origin[entry.rule]}，每个规则只能有一个条目。",
                        path=str(path),
                    )
                rule_origin[entry.rule] = entry.id
            origin[entry.id] = path
            entries.append(entry)
            scopes[entry.id] = tuple(kb_file.rubrics)
    missing = [m for m in MILESTONES if m not in milestones]
    if missing:
        raise DrafterError(
            f"措施知识库缺少时限节点 {missing} 的定义（见 milestones.yaml）。", path=str(folder)
        )
    return KnowledgeBase(
        entries=tuple(entries),
        scopes=scopes,
        milestones=milestones,
        files=tuple(p.name for p in files),
        origins={ident: str(path) for ident, path in origin.items()},
    )
