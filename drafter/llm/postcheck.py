"""The whole-draft check decides: a rewrite that brings a finding the offline draft lacks falls back.

After every section is polished, the whole draft goes through the checker, as the offline draft
did. A finding (code and message) the offline draft does not have was brought by a rewrite: the
section holding its line keeps its offline text instead, with a reason naming the finding, and the
draft is checked again. A finding whose line lies in a section that is already offline (a claim
in one section contradicted by a rewrite of another) makes every remaining rewrite fall back, so
the loop ends at the latest with the offline draft, whose findings are by definition not new.
Only then is the file written.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.draft.report import DraftedReport
    from drafter.findings import Finding

__all__ = ["line_owners", "offline_findings", "post_check"]


def line_owners(report: DraftedReport) -> list[str | None]:
    """For each line of ``report.to_text()`` (index = line − 1), the key of the section it belongs
    to (None for the title), following :func:`drafter.draft.report.iter_blocks`."""
    owners: list[str | None] = [None]
    shown: tuple[str, ...] = ()
    for section in report.sections:
        for depth, heading in enumerate(section.heading):
            if len(shown) > depth and shown[depth] == heading:
                continue
            shown = (*shown[:depth], heading)
            owners.append(section.key)
        owners.extend(section.key for _ in section.paragraphs)
    return owners


def _check(report: DraftedReport) -> list[Finding]:
    """The draft's warnings and errors (notes such as RD001, which counts what it read, are not
    problems a rewrite can bring)."""
    from drafter.check.run import check_document
    from drafter.findings import Severity
    from drafter.read import document_from_text

    found = check_document(document_from_text(report.to_text(), path="<草稿>"))
    return [f for f in found if f.severity is not Severity.INFO]


def _signature(finding: Finding) -> tuple[str, str]:
    return finding.code, finding.message


def offline_findings(report: DraftedReport) -> set[tuple[str, str]]:
    """What the checker finds in the offline draft (computed while the model answers)."""
    return {_signature(f) for f in _check(report)}


def post_check(
    report: DraftedReport, texts: dict[str, str], *, before: set[tuple[str, str]] | None = None
) -> tuple[dict[str, str], list[Any]]:
    """Which polished sections (``texts``: key → model text) must fall back, with the reason, and
    the new findings that remain (none unless the checker itself disagrees with the offline draft
    in a way no fallback removes). ``before``: :func:`offline_findings`, if already known."""
    if not texts:
        return {}, []
    if before is None:
        before = offline_findings(report)
    current = dict(texts)
    undone: dict[str, str] = {}
    while True:
        draft = replace(
            report, sections=tuple(s.with_text(current.get(s.key, s.text)) for s in report.sections)
        )
        new = [f for f in _check(draft) if _signature(f) not in before]
        if not new or not current:
            return undone, new
        owners = line_owners(draft)
        blamed: dict[str, Finding] = {}
        for finding in new:
            lines = range(finding.line or 0, (finding.end_line or finding.line or 0) + 1)
            for line in lines:
                key = owners[line - 1] if 0 < line <= len(owners) else None
                if key in current:
                    blamed.setdefault(key, finding)
        if not blamed:  # the finding sits in offline text: some rewrite elsewhere caused it
            blamed = dict.fromkeys(current, new[0])
        for key, finding in blamed.items():
            undone[key] = f"整稿检查发现离线稿没有的问题：{finding.code} {finding.message}"
            del current[key]
