"""Write a drafted report by the output's suffix: .md, .txt, .docx (atomically)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from drafter.draft.report import DraftedReport
from drafter.errors import DrafterError

__all__ = ["FORMATS", "render_report", "write_report"]

FORMATS = (".md", ".markdown", ".txt", ".docx")


def render_report(report: DraftedReport, suffix: str) -> bytes:
    """The bytes of ``report`` in the format ``suffix`` names."""
    suffix = suffix.lower()
    if suffix in {".md", ".markdown"}:
        return report.to_markdown(score_table=True).encode("utf-8")
    if suffix == ".txt":
        return report.to_text(score_table=True).encode("utf-8")
    if suffix == ".docx":
        # 公文 styling (GB/T 9704) and the score table; python-docx loads only for a .docx
        from drafter.draft.gongwen import report_docx_bytes

        return report_docx_bytes(report)
    raise DrafterError(
        f"不支持的输出格式“{suffix or '（无扩展名）'}”；请用 .md、.txt 或 .docx 结尾的文件名。"
    )


def write_report(
    report: DraftedReport,
    out: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    overwrite: bool = True,
) -> Path:
    """Check ``out`` (not a folder, not an input; not existing unless ``overwrite``), render by
    suffix and write atomically."""
    from drafter.fileio import check_output_path, write_atomic

    target = check_output_path(out, inputs, overwrite=overwrite)
    payload = render_report(report, target.suffix)
    write_atomic(target, payload)
    return target
