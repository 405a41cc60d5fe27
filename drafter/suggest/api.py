"""The library entry points of suggest: :func:`suggest` (a path), :func:`suggest_data`,
:func:`suggest_report`, and :func:`section_four` (the drafter's hook for section 四)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.check.run import CheckedReport
    from drafter.data.model import EvaluationData
    from drafter.document import Document
    from drafter.findings import Finding
    from drafter.rubric.model import Rubric
    from drafter.suggest.context import Subject
    from drafter.suggest.kb import KnowledgeBase
    from drafter.suggest.models import Deduction, FindingRef, SuggestResult

__all__ = [
    "DATA_SUFFIXES",
    "REPORT_SUFFIXES",
    "check_input",
    "no_problem_warning",
    "section_four",
    "suggest",
    "suggest_data",
    "suggest_report",
]

DATA_SUFFIXES = (".yaml", ".yml", ".json")
REPORT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def suggest(
    path: str | os.PathLike[str],
    *,
    rubric: str | None = None,
    kb: KnowledgeBase | None = None,
    checked: CheckedReport | None = None,
) -> SuggestResult:
    """Suggest measures for evaluation data (.yaml/.json) or a report (.txt/.md/.docx/.pdf).

    A report is checked first (:mod:`drafter.check`); ``rubric`` (an id or a file) is passed to
    the checker. ``checked`` is the report checked already (:func:`check_input`), so it is not
    read again. Raises :class:`~drafter.errors.DrafterError` for a missing, unreadable or invalid
    input.
    """
    p = _input_path(path)
    if p.suffix.lower() in DATA_SUFFIXES:
        from drafter.data.load import load_data

        return suggest_data(load_data(p), rubric=rubric, kb=kb, input_path=str(p))
    return suggest_report(p, rubric=rubric, kb=kb, checked=checked)


def _input_path(path: str | os.PathLike[str]) -> Path:
    """``path`` when suggest can take it (a data file or a report), else a DrafterError."""
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise DrafterError("文件不存在，请检查路径是否正确。", path=str(p))
    if p.is_dir():
        raise DrafterError("这是一个文件夹；suggest 每次处理一个数据文件或报告。", path=str(p))
    if suffix not in (*DATA_SUFFIXES, *REPORT_SUFFIXES):
        raise DrafterError(
            f"不支持的文件类型“{suffix or '无扩展名'}”：请给出评价数据（.yaml/.yml/.json）"
            "或自评报告（.txt/.md/.docx/.pdf）。",
            path=str(p),
        )
    return p


def check_input(path: str | os.PathLike[str], *, rubric: str | None = None) -> CheckedReport | None:
    """A report given to suggest, read and checked once for every stage that needs it (the
    suggestions, then the model's tailoring); ``None`` for evaluation data. Raises
    :class:`~drafter.errors.DrafterError` for an input suggest cannot take, as :func:`suggest` does."""
    p = _input_path(path)
    if p.suffix.lower() in DATA_SUFFIXES:
        return None
    return _check_report(p, rubric)


def _check_report(path: Path | str, rubric: str | None, document: Document | None = None) -> CheckedReport:
    from drafter.check.run import Checker, CheckOptions
    from drafter.read import read_document

    doc = document if document is not None else read_document(path)
    return Checker.prepare(CheckOptions(rubric=rubric)).check(doc)


def _data_findings(data: EvaluationData, rubric_obj: Rubric | None) -> list[Finding]:
    """Findings about the data (what ``drafter validate`` finds), without those of its prose."""
    from drafter.check.on_data import check_data

    return check_data(data, rubric=rubric_obj, prose=False)


def _load_rubric(ref: str | None) -> Rubric | None:
    if not ref:
        return None
    from drafter.rubric import load_rubric

    return load_rubric(ref)


def suggest_data(
    data: EvaluationData,
    *,
    findings: Iterable[Finding] | None = None,
    rubric: str | None = None,
    kb: KnowledgeBase | None = None,
    input_path: str = "<data>",
) -> SuggestResult:
    """Suggestions for :class:`~drafter.data.model.EvaluationData`.

    ``findings`` defaults to the data's own validation (and the checker's rules on data where
    available); pass an explicit list (e.g. ``[]``) to suggest for the deductions only.
    """
    from drafter.suggest.context import subject_from_data
    from drafter.suggest.engine import build_suggestions, deductions_from_data
    from drafter.suggest.kb import load_kb

    kb = kb or load_kb()
    subject = subject_from_data(data)
    if rubric:
        subject = _with_rubric(subject, rubric)
    if findings is None:
        rubric_obj = _load_rubric(rubric or None)
        findings = _data_findings(data, rubric_obj)
    deductions = deductions_from_data(data)
    by_field = {d.field: d for d, _ in deductions if d.field}

    def locate(ref: FindingRef) -> Deduction | None:
        if not ref.field:
            return None
        best = None
        for field_path, ded in by_field.items():
            if ref.field.startswith(field_path) and (best is None or len(field_path) > len(best[0])):
                best = (field_path, ded)
        return best[1] if best else None

    return build_suggestions(
        subject=subject,
        deductions=deductions,
        findings=findings,
        kb=kb,
        input_path=input_path,
        input_kind="data",
        stated_problems=list(data.problems),
        locate=locate,
    )


def _with_rubric(subject: Subject, rubric: str) -> Subject:
    from dataclasses import replace

    return replace(subject, rubric=Path(rubric).stem if rubric.endswith((".yaml", ".yml")) else rubric)


def suggest_report(
    path: str | os.PathLike[str],
    *,
    rubric: str | None = None,
    kb: KnowledgeBase | None = None,
    document: Document | None = None,
    checked: CheckedReport | None = None,
) -> SuggestResult:
    """Check a report, then suggest for its deductions and its findings (warning and above).

    ``document`` is the report read already; ``checked`` the report checked already (then neither
    is read nor extracted again)."""
    from drafter.suggest.context import subject_from_facts
    from drafter.suggest.engine import build_suggestions, deductions_from_facts
    from drafter.suggest.kb import load_kb
    from drafter.suggest.models import Deduction

    kb = kb or load_kb()
    result = checked if checked is not None else _check_report(path, rubric, document)
    facts, clean_doc = result.facts, result.checked_document
    if facts is None or clean_doc is None:
        raise ValueError("suggest_report needs a checked report that kept its document and facts")
    subject = subject_from_facts(facts, clean_doc)
    if rubric:
        subject = _with_rubric(subject, rubric)
    deductions = deductions_from_facts(facts, clean_doc)
    nodes = sorted(
        ((n.source.line, n) for n in facts.nodes() if n.source.line is not None), key=lambda item: item[0]
    )

    def locate(ref: FindingRef) -> Deduction | None:
        if ref.line is None:
            return None
        found = None
        for index, (line, node) in enumerate(nodes):
            if line > ref.line:
                break
            nxt = nodes[index + 1][0] if index + 1 < len(nodes) else line + 4
            if ref.line < nxt or ref.line <= line + 3:
                found = node
        if found is None or found.max is None or found.score is None:
            return None
        return Deduction(
            id="",
            indicator=found.name,
            path=found.path or found.name,
            max_score=found.max,
            self_score=found.score,
            lost=found.max - found.score,
            line=found.source.line,
        )

    stated = [c.source.quote for c in facts.claims_of("no_problem")]
    return build_suggestions(
        subject=subject,
        deductions=deductions,
        findings=result.findings,
        kb=kb,
        input_path=str(path),
        input_kind="report",
        stated_problems=["无"] if stated else None,
        locate=locate,
    )


def section_four(data: EvaluationData, *, kb: KnowledgeBase | None = None) -> list[str] | None:
    """Paragraphs of section 四 suggested from the data's deductions and data findings.

    The hook of :func:`drafter.draft.draft_report` (``section_four=``): used when the data has
    no problems or measures. Returns None when there is nothing to suggest (no deductions, no
    substantive findings), so the drafter keeps its placeholder.
    """
    from drafter.suggest.render import section_four_paragraphs

    result = suggest_data(data, kb=kb)
    paragraphs = section_four_paragraphs(result)
    return paragraphs or None


def no_problem_warning(data: EvaluationData) -> str | None:
    """A warning when the data states 存在问题：无 (or 暂无) while indicators lost points (CL003).

    For :command:`drafter draft`, which keeps the user's own text but should say so.
    """
    from drafter.suggest.notes import deducted_indicators, no_problem_note, says_no_problem

    if not says_no_problem(data.problems):
        return None
    return no_problem_note(list(deducted_indicators(data.indicators)), data.problems)
