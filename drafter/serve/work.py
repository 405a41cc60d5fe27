"""The work of the server, run in worker processes (never on the event loop).

Each function takes plain arguments (paths and strings), writes its outputs into the job's
folder, and returns a small JSON-able dict for the page. A user's mistake (an unreadable file,
invalid data) comes back as a Chinese message in that dict, never as an exception; an exception
that escapes is our bug and the caller shows it as an internal error for that file only.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.check.run import CheckedReport, Checker
    from drafter.document import Document
    from drafter.draft.report import DraftedReport
    from drafter.findings import Finding
    from drafter.llm.options import LLMOptions
    from drafter.review import BatchReview

__all__ = ["annotate_report", "check_report", "draft_data", "prepare_check", "review_page", "suggest_for"]


@functools.lru_cache(maxsize=8)
def _checker(data_path: str | None, sketch: bool = True) -> Checker:
    """The checker of this worker for a job's data file (loaded once per worker and file)."""
    from drafter.check.run import Checker
    from drafter.serve.batch import reviewer_options

    return Checker.prepare(reviewer_options(data_path, sketch=sketch))


def prepare_check(data_path: str | None) -> str | None:
    """Load the checker for ``data_path``; the Chinese reason when the data file is unusable."""
    try:
        _checker(data_path)
    except DrafterError as exc:
        return exc.message
    return None


def _hide_paths(message: str, stored: Path, name: str) -> str:
    """The server's own file names never reach the page."""
    return message.replace(str(stored), name).replace(str(stored.parent), "")


def check_report(
    stored: str, name: str, data_path: str | None = None, llm: Any = None, batch: bool = True
) -> dict[str, Any]:
    """Read and check one report (reviewer mode); ``llm``: the server's LLM options, to ask for the
    second reading as well; ``batch``: the report is one of several (its text is sketched to find
    copies). Returns ``{"result": CheckedReport named by the upload, "notes": [...]}``; the result
    keeps its document (for the review page and the reviewed copy, which then read nothing), not
    its facts, which no later page needs.
    """
    from drafter.check.run import CheckedReport
    from drafter.read import read_document

    src = Path(stored)
    checker = _checker(data_path, batch)
    notes: list[str] = []
    try:
        doc = read_document(src)
        result = checker.check(doc)
    except DrafterError as exc:
        return {"result": CheckedReport(path=name, error=_hide_paths(exc.message, src, name)), "notes": notes}
    if llm is not None and not result.error:
        result, notes = _second_reading(doc, result, llm)
    kept = replace(result, path=name, document=replace(doc, path=name), facts=None)
    return {"result": kept, "notes": notes}


def _second_reading(
    doc: Document, result: CheckedReport, options: LLMOptions
) -> tuple[CheckedReport, list[str]]:
    from drafter.llm.review import review_document

    try:
        review = review_document(doc, list(result.findings), options, progress=False)
    except DrafterError as exc:
        return result, [f"大模型审读未完成：{exc.message}"]
    return replace(result, findings=(*result.findings, *review.findings)), review.messages()


def review_page(stored: str | None, result: CheckedReport, review: BatchReview | None) -> str:
    """The existing review view (:mod:`drafter.office.html`) of one report of the batch."""
    from drafter.document import Document
    from drafter.office.html import render_html
    from drafter.read import read_document

    # Always hand the page its text: left to itself it would open ``result.path``, the upload's
    # name, as a file of the server. The checked report carries it (read again only for a result
    # that kept none).
    doc = Document(path=result.path, lines=())
    if getattr(result, "document", None) is not None:
        doc = result.document
    elif stored is not None and not result.error:
        with contextlib.suppress(DrafterError):
            doc = replace(read_document(stored), path=result.path)
    return render_html([result], documents={result.path: doc}, review=review, title=f"审核：{result.path}")


def annotate_report(
    stored: str, findings: list[Finding], target: str, document: Document | None = None
) -> int:
    """Write the reviewed Word copy (one comment per finding); return the number of comments.
    ``document``: the report as the checker read it (a .txt/.md/.pdf is then not read again)."""
    from drafter.office.annotate import annotate_docx

    return annotate_docx(stored, findings, target, document=document).comments


# -- drafting ------------------------------------------------------------------------------------


def _finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity.value,
        "label": f.severity.label,
        "message": f.message,
        "line": f.line,
        "path": f.path,
        "hint": f.hint,
    }


def draft_data(stored: str, name: str, out_dir: str, llm: Any = None) -> dict[str, Any]:
    """Validate a data file (.yaml) or a 自评表 (.xlsx) and, when it has no errors, draft the report.

    Writes ``data.yaml`` (an .xlsx imported), ``report.docx`` and ``report.md``. Returns the YAML
    text, the validation findings with their YAML lines, notes, and which outputs exist.
    ``llm``: the server's LLM options, to polish the draft (numbers checked against the data).
    """
    from drafter.check.on_data import check_data, has_errors
    from drafter.data.load import DataError, load_data_text
    from drafter.fileio import read_text

    src = Path(stored)
    out = Path(out_dir)
    notes: list[str] = []
    result: dict[str, Any] = {"name": name, "yaml": "", "findings": [], "notes": notes, "drafted": False}
    try:
        if src.suffix.lower() == ".xlsx":
            from drafter.data.xlsx_import import read_workbook
            from drafter.office.yaml_out import data_to_yaml

            imported = read_workbook(src)
            notes.extend(imported.notes)
            text = data_to_yaml(imported.data, header=f"由 drafter 从 {name} 导入。")
        else:
            text = read_text(src)
        result["yaml"] = text
        (out / "data.yaml").write_text(text, encoding="utf-8")
        data = load_data_text(text, path=name)
    except DataError as exc:
        result["findings"] = [_finding_dict(f) for f in exc.findings]
        return result
    except DrafterError as exc:
        result["error"] = _hide_paths(exc.message, src, name)
        return result
    from drafter.rubric import load_rubric

    try:
        rubric = load_rubric(data.meta.rubric)
    except DrafterError as exc:
        result["error"] = exc.message
        return result
    findings = check_data(data, rubric=rubric)
    result["findings"] = [_finding_dict(f) for f in findings]
    if has_errors(findings):
        return result
    from drafter.draft.report import draft_report
    from drafter.draft.write import render_report
    from drafter.suggest.api import no_problem_warning, section_four

    warning = no_problem_warning(data)
    if warning:
        notes.append(warning)
    report = draft_report(data, rubric=rubric, findings=findings, section_four=section_four)
    if llm is not None:
        report = _polish(report, llm, notes)
    (out / "report.docx").write_bytes(render_report(report, ".docx"))
    (out / "report.md").write_bytes(render_report(report, ".md"))
    pending = sum(1 for s in report.sections if s.has_placeholder)
    if pending:
        notes.append(f"{pending} 节含【待补充】，请补全数据或在文稿中手工补写。")
    result["drafted"] = True
    result["markdown"] = report.to_markdown()
    return result


def _polish(report: DraftedReport, options: LLMOptions, notes: list[str]) -> DraftedReport:
    from drafter.llm.drafting import polish_report

    try:
        polished = polish_report(report, options, progress=False)
    except DrafterError as exc:
        notes.append(f"大模型润色未完成，使用离线文本：{exc.message}")
        return report
    notes.extend(polished.messages())
    return polished.report


# -- suggestions ---------------------------------------------------------------------------------


def suggest_for(stored: str, name: str) -> dict[str, Any]:
    """Section 四 and the measures of a report or data file, for the 建议 page."""
    from drafter.suggest.api import suggest
    from drafter.suggest.render import render_section

    src = Path(stored)
    try:
        if src.suffix.lower() == ".xlsx":
            from drafter.data.xlsx_import import import_workbook
            from drafter.suggest.api import suggest_data

            result = suggest_data(import_workbook(src), input_path=name)
        else:
            result = suggest(src)
    except DrafterError as exc:
        return {"name": name, "error": _hide_paths(exc.message, src, name)}
    measures = [
        {
            "problem": s.title,
            "measure": m.text,
            "responsibility": m.responsibility,
            "deadline": m.deadline,
            "milestone": m.milestone,
        }
        for s in result.suggestions
        for m in s.measures
    ]
    return {
        "name": name,
        "dept": result.dept,
        "year": result.year,
        "section": render_section(result),
        "measures": measures,
        "notes": list(result.notes),
        "suggestions": len(result.suggestions),
    }
