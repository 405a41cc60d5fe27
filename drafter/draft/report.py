"""Drafting a whole report from evaluation data, offline.

:func:`draft_report` renders one template per section (the analysis template once per level-1
indicator) and returns a :class:`DraftedReport`: ordered sections, each with its key, heading
path, template context and text. Section text is one paragraph per line; a line starting with
``#`` is a sub-heading (``####`` = level 3, e.g. ``1.预算编制，指标总分8，自评8分``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from drafter.data.model import EvaluationData
from drafter.draft.context import section_contexts
from drafter.draft.score_table import markdown_table, text_table
from drafter.draft.templates import bundled_templates
from drafter.findings import Finding

if TYPE_CHECKING:  # the rubric is loaded only when the data names one
    from drafter.rubric.model import Rubric

__all__ = ["DraftedReport", "Section", "SectionFour", "draft_report", "iter_blocks"]

# A provider of section 四 when the data has no problems or measures (the SUGGEST engineer's
# code): given the data, return the section's paragraphs, or None to leave the placeholder.
SectionFour = Callable[[EvaluationData], "list[str] | None"]

PLACEHOLDER = "【待补充"


@dataclass(frozen=True)
class Section:
    """One drafted section.

    ``heading`` is the path of headings above the text (level 1 first), e.g.
    ``("三、绩效自评分析", "（一）预算编制情况")``; ``context`` is what the template was rendered
    with (plain JSON values); ``text`` the rendered paragraphs.
    """

    key: str
    heading: tuple[str, ...]
    text: str
    context: dict[str, Any] = field(repr=False)
    template: str = ""
    description: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in self.text.splitlines() if line.strip()]

    @property
    def has_placeholder(self) -> bool:
        return PLACEHOLDER in self.text

    def with_text(self, text: str) -> Section:
        """The same section with new text (the LLM path replaces the skeleton this way)."""
        return replace(self, text=text)


@dataclass(frozen=True)
class DraftedReport:
    title: str
    sections: tuple[Section, ...]
    findings: tuple[Finding, ...] = ()  # validation warnings of the data it was drafted from

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def to_markdown(self, *, score_table: bool = False) -> str:
        """Markdown; with ``score_table`` the 绩效自评得分情况表 stands before section 三 (what
        ``drafter draft`` writes; the checker and the LLM path use the sections alone)."""
        out: list[str] = []
        table = _score_table(self, "md") if score_table else []
        for level, text in iter_blocks(self):
            if table and level == 1 and text.startswith("三、"):
                out.extend([*table, ""])
                table = []
            out.append(f"{'#' * (level + 1)} {text}" if level >= 0 else text)
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def to_text(self, *, score_table: bool = False) -> str:
        """Plain text as the sample is published: one paragraph or heading per line (with
        ``score_table``, the table's aligned rows before section 三)."""
        out: list[str] = []
        table = _score_table(self, "txt") if score_table else []
        for level, text in iter_blocks(self):
            if table and level == 1 and text.startswith("三、"):
                out.extend(table)
                table = []
            out.append(text)
        return "\n".join(out) + "\n"


def _score_table(report: DraftedReport, fmt: str) -> list[str]:
    return markdown_table(report) if fmt == "md" else text_table(report)


def iter_blocks(report: DraftedReport) -> Iterator[tuple[int, str]]:
    """``(level, text)`` in order: level 0 = title, 1–3 = headings, -1 = body paragraph.

    Headings shared with the previous section are not repeated.
    """
    yield 0, report.title
    shown: tuple[str, ...] = ()
    for section in report.sections:
        for depth, heading in enumerate(section.heading):
            if len(shown) > depth and shown[depth] == heading:
                continue
            shown = (*shown[:depth], heading)
            yield depth + 1, heading
        for line in section.paragraphs:
            stripped = line.lstrip()
            if stripped.startswith("#"):
                marks = len(stripped) - len(stripped.lstrip("#"))
                yield max(1, marks - 1), stripped[marks:].strip()
            else:
                yield -1, stripped


def draft_report(
    data: EvaluationData,
    *,
    backend: Callable[[DraftedReport], DraftedReport] | None = None,
    rubric: Rubric | None = None,
    section_four: SectionFour | None = None,
    findings: list[Finding] | tuple[Finding, ...] = (),
) -> DraftedReport:
    """Draft the whole report from ``data`` (offline: templates only, no network).

    ``rubric`` (a :class:`~drafter.rubric.model.Rubric`) supplies the grade of the total;
    ``section_four`` fills section 四 when the data has no problems or measures; ``backend``,
    when given, is called with the offline report and returns the polished one (the LLM path:
    ``backend(report) -> DraftedReport``). ``findings`` are carried on the result for the caller.
    """
    suggested = None
    if section_four is not None and not (data.problems or data.measures):
        suggested = section_four(data)
    templates = bundled_templates()
    sections = []
    for key, template_key, context in section_contexts(data, rubric=rubric, suggested=suggested):
        template = templates.get(template_key)
        heading = tuple(h for h in template.heading(context) if h)
        sections.append(
            Section(
                key=key,
                heading=heading,
                text=_tidy(template.render(context)),
                context=context,
                template=template.name,
                description=template.meta.description,
            )
        )
    report = DraftedReport(title=_title(data), sections=tuple(sections), findings=tuple(findings))
    if backend is not None:
        report = backend(report)
    return report


def _title(data: EvaluationData) -> str:
    if data.meta.title:
        return data.meta.title
    what = (
        "部门整体支出绩效自评报告"
        if data.meta.kind == "部门整体"
        else f"{data.meta.project or ''}项目支出绩效自评报告"
    )
    return f"{data.meta.department}{data.meta.fiscal_year}年度{what}"


def _tidy(text: str) -> str:
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
