"""A reviewed copy of a report: one Word comment per finding, anchored on the quoted text.

Reviewers at a finance bureau read and answer findings in Word (or WPS), so ``drafter check
--annotate reviewed.docx`` hands them the report itself with a comment from "drafter" on the
exact words each finding is about. The input file is only ever read; the copy is written
atomically. A .txt/.md report becomes a new .docx, one paragraph per line, so line numbers match.
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.oxml.ns import qn
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from drafter.document import Document
from drafter.errors import DrafterError
from drafter.fileio import check_output_path, read_text, write_atomic
from drafter.findings import Finding
from drafter.office._locate import locate
from drafter.office._ooxml import DocLine, body_lines, open_docx
from drafter.text.headings import strip_marker

__all__ = [
    "AUTHOR",
    "AnnotateResult",
    "annotate_docx",
    "annotate_results",
    "comment_text",
    "plan_annotations",
]

AUTHOR = "drafter"
INITIALS = "DR"
# How far from the reported line a quote is still looked for before searching the whole report.
NEARBY_LINES = 2
# Run children whose text python-docx can rewrite without losing content.
_TEXT_ONLY = {qn("w:rPr"), qn("w:t"), qn("w:tab"), qn("w:cr"), qn("w:noBreakHyphen")}
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
#: The reports a Word copy can be made of (an .xlsx 自评表 has none).
_ANNOTATABLE = (".docx", *TEXT_SUFFIXES, ".pdf")


@dataclass(frozen=True)
class AnnotateResult:
    """What :func:`annotate_docx` did: comments added, and how many cover exactly the quote."""

    out_path: Path
    comments: int
    exact: int

    @property
    def whole_paragraph(self) -> int:
        return self.comments - self.exact


def comment_text(finding: Finding) -> str:
    """The comment body: code and severity, message, expected vs found, hint (one per paragraph)."""
    origin = "（模型复核意见，供参考）" if finding.origin == "model" else ""
    parts = [f"[{finding.code} {finding.severity.label}] {finding.message}{origin}"]
    if finding.expected is not None or finding.found is not None:
        parts.append(f"应为：{finding.expected or '—'}；实际：{finding.found or '—'}")
    if finding.hint:
        parts.append(f"建议：{finding.hint}")
    return "\n".join(parts)


def annotate_docx(
    source_path: str | Path,
    findings: Iterable[Finding],
    out_path: str | Path,
    *,
    overwrite: bool = True,
    document: Document | None = None,
) -> AnnotateResult:
    """Write ``out_path``: a .docx copy of the report with a Word comment for each finding.

    ``source_path`` may be .docx, or .txt/.md/.pdf (then the copy is a new .docx of its text, one
    paragraph per line: the lines of ``document``, the report as the checker read it, or read
    here when not given). A .docx is copied from its own package, which is opened to be written
    into. Raises :class:`DrafterError` for an unreadable input or a bad output path.
    """
    source = Path(source_path)
    target = _copy_target(str(source), Path(out_path), overwrite)
    if source.suffix.lower() == ".docx":
        copy_doc, _ = open_docx(source)
    else:
        copy_doc = _docx_from_text(source, document)

    lines = body_lines(copy_doc)
    exact = total = 0
    ordered = sorted(findings, key=lambda f: (f.line or 0, f.col or 0))
    for finding in ordered:
        anchored = _anchor(lines, finding)
        if anchored is None:
            continue
        first, last, is_exact = anchored
        copy_doc.add_comment([first, last], text=comment_text(finding), author=AUTHOR, initials=INITIALS)
        total += 1
        exact += int(is_exact)

    buffer = io.BytesIO()
    copy_doc.save(buffer)
    write_atomic(target, buffer.getvalue())
    return AnnotateResult(out_path=target, comments=total, exact=exact)


# -- building a .docx from a text report -------------------------------------------------------


def _text_lines(source: Path, document: Document | None = None) -> list[str]:
    """The report's lines as the checker numbers them (export artefacts removed)."""
    if document is not None:
        return [line.text for line in document.lines]
    try:
        from drafter.read import read_document
    except ImportError:  # pragma: no cover - without the reader, raw lines keep the numbering
        return read_text(source).split("\n")
    return [line.text for line in read_document(source).lines]


def _docx_from_text(source: Path, read: Document | None = None):  # type: ignore[no-untyped-def]
    import docx

    from drafter.draft.gongwen import apply_page_setup, body_font_defaults

    document = docx.Document()
    body_font_defaults(document)
    apply_page_setup(document)
    body = document.element.body
    for p in body.findall(qn("w:p")):  # the default template starts with no paragraphs, but be sure
        body.remove(p)
    for text in _text_lines(source, read):
        document.add_paragraph(text)
    return document


# -- anchoring -----------------------------------------------------------------------------------


def _anchor(lines: Sequence[DocLine], finding: Finding) -> tuple[Run, Run, bool] | None:
    """The first and last run a comment should cover, and whether they cover exactly the quote."""
    if not lines:
        return None
    quote = finding.quote or ""
    if finding.line is not None and 1 <= finding.line <= len(lines):
        order = [finding.line] + [
            n
            for d in range(1, NEARBY_LINES + 1)
            for n in (finding.line - d, finding.line + d)
            if 1 <= n <= len(lines)
        ]
        for no in order:
            hit = _anchor_quote(lines[no - 1], quote, finding.col if no == finding.line else None)
            if hit is not None:
                return hit[0], hit[1], True
        end = finding.end_line or finding.line
        end = min(max(end, finding.line), len(lines))
        return _span_lines(lines, finding.line, end)
    for line in lines:  # no (valid) line: the quote anywhere, else the first line with text
        hit = _anchor_quote(line, quote, None)
        if hit is not None:
            return hit[0], hit[1], True
    first = next((ln for ln in lines if ln.text.strip()), lines[0])
    return _span_lines(lines, first.no, first.no)


def _anchor_quote(line: DocLine, quote: str, col: int | None) -> tuple[Run, Run] | None:
    if not quote.strip():
        return None
    # Word's automatic numbering ("一、", "1.") is in the reader's text but not in the runs.
    bare = strip_marker(quote.strip())
    for candidate in dict.fromkeys((quote, bare)):
        for paragraph in line.paragraphs:
            span = locate(paragraph.text, candidate, col)
            if span is not None:
                return _runs_for_span(paragraph, *span)
    return None


def _span_lines(lines: Sequence[DocLine], first_no: int, last_no: int) -> tuple[Run, Run, bool]:
    """Cover whole lines: from the first run of ``first_no`` to the last run of ``last_no``."""
    paragraphs = [p for ln in lines[first_no - 1 : last_no] for p in ln.paragraphs]
    with_text = [p for p in paragraphs if p.text.strip()] or paragraphs[:1]
    first_runs = _all_runs(with_text[0]) or [with_text[0].add_run("")]
    last_runs = _all_runs(with_text[-1]) or first_runs
    return first_runs[0], last_runs[-1], False


def _all_runs(paragraph: Paragraph) -> list[Run]:
    runs: list[Run] = []
    for item in paragraph.iter_inner_content():
        runs.extend(item.runs if isinstance(item, Hyperlink) else [item])
    return runs


def _pieces(paragraph: Paragraph) -> list[tuple[Run | Hyperlink, int, int]]:
    pieces = []
    pos = 0
    for item in paragraph.iter_inner_content():
        length = len(item.text)
        pieces.append((item, pos, pos + length))
        pos += length
    return pieces


def _splittable(run: Run) -> bool:
    for child in run._r.iterchildren():
        if child.tag == qn("w:br"):
            if child.get(qn("w:type")) not in (None, "textWrapping"):
                return False
        elif child.tag not in _TEXT_ONLY:
            return False
    return True


def _split_at(paragraph: Paragraph, offset: int) -> None:
    """Make ``offset`` a run boundary where the run there holds plain text only."""
    for item, start, end in _pieces(paragraph):
        if start < offset < end and isinstance(item, Run) and _splittable(item):
            text = item.text
            tail = copy.deepcopy(item._r)
            item._r.addnext(tail)
            item.text = text[: offset - start]
            Run(tail, paragraph).text = text[offset - start :]
            return


def _runs_for_span(paragraph: Paragraph, start: int, end: int) -> tuple[Run, Run]:
    _split_at(paragraph, end)
    _split_at(paragraph, start)
    covered = [item for item, s, e in _pieces(paragraph) if s < end and e > start and item.text]
    runs: list[Run] = []
    for item in covered:
        runs.extend(item.runs if isinstance(item, Hyperlink) else [item])
    if not runs:
        runs = _all_runs(paragraph) or [paragraph.add_run("")]
    return runs[0], runs[-1]


def plan_annotations(
    paths: Sequence[str | os.PathLike[str]], target: str | Path, *, overwrite: bool = True
) -> list[tuple[str, Path]]:
    """Where :func:`annotate_results` writes the reviewed copy of each report at ``paths``: (report,
    copy) pairs. Refuses (:class:`DrafterError`) whatever writing them would refuse — a file name
    for several reports, a copy not named .docx, a report format without a Word copy, an input as
    the output, an existing copy without ``overwrite`` — so ``drafter check`` can say so before it
    reads a single report."""
    return _plan([str(p) for p in paths], Path(target), overwrite=overwrite, several=len(paths) > 1)


def _plan(paths: list[str], out: Path, *, overwrite: bool, several: bool) -> list[tuple[str, Path]]:
    if not paths:
        return []
    as_folder = out.is_dir() or (not out.exists() and not out.suffix)
    if not several and not as_folder:
        return [(paths[0], _copy_target(paths[0], out, overwrite))]
    if not as_folder:
        raise DrafterError(
            "检查多份报告时，--annotate 应给出一个文件夹（如 审阅版/），每份报告的批注版写入其中。",
            path=str(out),
        )
    # Check every name first, so an existing copy stops the run before anything is written.
    planned: list[tuple[str, Path]] = []
    taken: set[str] = set()
    for path in paths:
        stem = Path(path).stem
        name = f"{stem}.审阅.docx"
        n = 2
        while name in taken:
            name = f"{stem}.审阅-{n}.docx"
            n += 1
        taken.add(name)
        planned.append((path, _copy_target(path, out / name, overwrite)))
    return planned


def _copy_target(source: str, out: Path, overwrite: bool) -> Path:
    """``out`` when the reviewed copy of ``source`` may be written there (as :func:`annotate_docx`
    decides)."""
    target = check_output_path(out, [source], overwrite=overwrite)
    if target.suffix.lower() != ".docx":
        raise DrafterError("批注版只能保存为 .docx 文件，请把输出文件名改为 *.docx。", path=str(target))
    if Path(source).suffix.lower() not in _ANNOTATABLE:
        raise DrafterError("只能为 .docx、.txt、.md、.pdf 报告生成批注版。", path=source)
    return target


def annotate_results(
    results: Iterable[object], target: str | Path, *, overwrite: bool = True
) -> list[AnnotateResult]:
    """Reviewed copies for checked reports (``drafter check --annotate``).

    ``target`` is the .docx to write for one report, or a folder (existing, or a name without a
    suffix such as ``审阅版/``, then created) where each readable report gets
    ``<name>.审阅.docx`` (:func:`plan_annotations`). Reports that could not be read are skipped.
    Existing copies are kept unless ``overwrite`` (``--force``). A result that carries its document
    (:class:`~drafter.check.run.CheckedReport`) is not read again.
    """
    results = list(results)
    readable = {str(r.path): r for r in results if not getattr(r, "error", None)}  # type: ignore[attr-defined]
    # the check already says why each other file could not be read
    planned = _plan(list(readable), Path(target), overwrite=overwrite, several=len(results) > 1)
    return [
        annotate_docx(
            path,
            readable[path].findings,  # type: ignore[attr-defined]
            copy_path,
            overwrite=overwrite,
            document=getattr(readable[path], "document", None),
        )
        for path, copy_path in planned
    ]
