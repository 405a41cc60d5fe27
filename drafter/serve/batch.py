"""The batch review as the web page shows it, over :mod:`drafter.review` (the same verdicts,
reasons, majority year/kind and near-identical text as ``drafter check --reviewer``).

The checks run report by report in the pool; the batch summary depends on the whole batch (a
year that differs from the majority's, a copy of another report), so it is made here, in the
server, from the results that have come back so far, and made again as more come in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.check.run import CheckedReport, CheckOptions
    from drafter.review import BatchReview, ReportReview

__all__ = ["BatchView", "report_payload", "reviewer_options", "single_review", "view_of"]


def reviewer_options(data_path: str | None, *, sketch: bool = True) -> CheckOptions:
    """Check options of the server: reviewer mode (a report's own suppressions hide nothing, its
    ``drafter.yaml`` is not looked for), the job's data file, when given, to check against, and
    (``sketch``, for a batch of more than one) the text sketch that finds near-identical reports."""
    from drafter.check.run import CheckOptions

    return CheckOptions(data=data_path, discover_config=False, reviewer=True, sketch=sketch)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


@dataclass(frozen=True)
class BatchView:
    """The review of the reports checked so far, and where each sits in the upload order."""

    review: BatchReview  # of ``results``
    results: tuple[CheckedReport, ...]  # in upload order, the reports checked so far
    positions: tuple[int, ...]  # the job index (1-based, upload order) of each entry of ``results``

    def entry(self, job_index: int) -> tuple[Any, Any] | None:
        """The result and the :class:`~drafter.review.ReportReview` of report ``job_index``."""
        try:
            k = self.positions.index(job_index)
        except ValueError:
            return None
        return self.results[k], self.review.for_index(k + 1)

    def rows(self, notes: dict[int, list[str]]) -> list[dict[str, Any]]:
        """Summary rows, in the review's order (退回修改, 未能审核, 通过; most errors first)."""
        return [self.row(r, notes) for r in self.review.reports]

    def row(self, r: Any, notes: dict[int, list[str]]) -> dict[str, Any]:
        index = self.positions[r.index - 1]
        return {
            "index": index,
            "name": r.path,
            "unit": r.unit,
            "year": r.year,
            "kind": r.kind,
            "year_differs": r.year_differs,
            "kind_differs": r.kind_differs,
            "stated_total": _num(r.stated_total),
            "computed_total": _num(r.computed_total),
            "errors": r.errors,
            "warnings": r.warnings,
            "infos": r.infos,
            "suppressed": r.suppressed,
            "verdict": r.verdict,
            "reasons": list(r.reasons),
            "notes": [*r.notes, *notes.get(index, [])],
            "error": r.error,
            "similar": [{"name": s.other, "unit": s.other_unit, "percent": s.percent} for s in r.similar],
        }


def view_of(results: Sequence[Any | None]) -> BatchView:
    """The batch view of a job's results (``None`` for a report not checked yet)."""
    from drafter.review import review_batch

    done = [(i, r) for i, r in enumerate(results, 1) if r is not None]
    checked = tuple(r for _, r in done)
    return BatchView(review_batch(checked, reviewer=True), checked, tuple(i for i, _ in done))


def report_payload(result: CheckedReport, review: ReportReview) -> dict[str, Any]:
    """The JSON of one report: the CLI's entry plus unit, year, kind, totals, verdict and reasons."""
    from drafter.render import report_json

    return {**report_json(result), **review.to_json()}


def single_review(view: BatchView, review: ReportReview) -> BatchReview:
    """A batch of one for the report's own page, keeping its verdict in this batch."""
    return replace(view.review, reports=(replace(review, index=1),))
