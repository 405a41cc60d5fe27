"""The batch summary: :func:`review_batch` over the checker's results → :class:`BatchReview`.

Verdicts, in the order a reviewer acts on them:

* **退回修改** — a finding at or above ``send_back_on`` (error by default), a year that differs
  from the batch's (the majority's, or the one the reviewer gave), or body text near-identical to
  another report's;
* **未能审核** — the file could not be read, or no self score was read from it (RD001: the score
  checks had nothing to check, so silence is no pass);
* **通过** — none of the above. Warnings, a kind that differs from the majority and what the
  report's own suppressions hid are listed as notes; they do not decide the verdict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from drafter.check.similarity import NEAR_IDENTICAL, find_similar
from drafter.findings import Finding, Severity, summarize
from drafter.review.columns import SEVERITY_LABELS

__all__ = [
    "PASS",
    "SEND_BACK",
    "UNREVIEWED",
    "VERDICTS",
    "BatchReview",
    "ReportReview",
    "SimilarText",
    "review_batch",
]

PASS, SEND_BACK, UNREVIEWED = "通过", "退回修改", "未能审核"
#: In the order of severity: what the reviewer must act on first.
VERDICTS = (SEND_BACK, UNREVIEWED, PASS)
_RANK = {v: i for i, v in enumerate(VERDICTS)}
NO_SCORES_CODE = "RD001"
#: a form whose 得分 cells are all empty: no score to check either, and the reason says why
SCORES_EMPTY_CODE = "RD004"
#: Near-identical reports named in one report's reasons (the JSON ``similar`` lists them all).
SIMILAR_NAMED = 3


@dataclass(frozen=True, slots=True)
class SimilarText:
    """Report ``other`` (its path and unit) shares ``share`` (0–1) of its body text with this one."""

    other: str
    other_unit: str | None
    share: float

    @property
    def percent(self) -> int:
        return int(self.share * 100 + 0.5)


@dataclass(frozen=True, slots=True)
class ReportReview:
    """One report of the batch as the summary shows it."""

    index: int  # 1-based position in the batch as checked
    path: str
    error: str | None
    unit: str | None
    year: int | None
    kind: str | None
    stated_total: Decimal | None
    computed_total: Decimal | None
    errors: int
    warnings: int
    infos: int
    suppressed: int
    suppressed_codes: tuple[str, ...]
    verdict: str
    reasons: tuple[str, ...]  # why the verdict (empty for 通过)
    notes: tuple[str, ...]  # what the reviewer should see that does not decide it
    year_differs: bool = False
    kind_differs: bool = False
    similar: tuple[SimilarText, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        return {"error": self.errors, "warning": self.warnings, "info": self.infos}

    def to_json(self) -> dict[str, Any]:
        """The fields this adds to the report's entry of the JSON contract."""
        return {
            "unit": self.unit,
            "year": self.year,
            "kind": self.kind,
            "stated_total": _json_number(self.stated_total),
            "computed_total": _json_number(self.computed_total),
            "verdict": self.verdict,
            "reasons": list(self.reasons),
            "notes": list(self.notes),
            "suppressed": self.suppressed,
            "similar": [
                {"path": s.other, "unit": s.other_unit, "share": round(s.share, 2)} for s in self.similar
            ],
        }


@dataclass(frozen=True)
class BatchReview:
    """A checked batch: its reports sorted by severity, and what the batch as a whole shows."""

    reports: tuple[ReportReview, ...]  # sorted: 退回修改, 未能审核, 通过; most errors first
    year: int | None  # the year the batch is about (the reviewer's, else the majority's)
    year_given: bool  # whether the reviewer gave it
    kind: str | None  # the majority kind
    pairs: tuple[tuple[str, str, float], ...]  # near-identical text: (path, path, share)
    reviewer: bool = False
    send_back_on: str = "error"

    @property
    def send_back(self) -> tuple[ReportReview, ...]:
        return tuple(r for r in self.reports if r.verdict == SEND_BACK)

    @property
    def unreviewed(self) -> tuple[ReportReview, ...]:
        return tuple(r for r in self.reports if r.verdict == UNREVIEWED)

    @property
    def verdict_counts(self) -> dict[str, int]:
        counts = Counter(r.verdict for r in self.reports)
        return {v: counts.get(v, 0) for v in VERDICTS}

    @property
    def suppressed(self) -> int:
        return sum(r.suppressed for r in self.reports)

    def in_order(self) -> list[ReportReview]:
        """The reports in the order they were checked."""
        return sorted(self.reports, key=lambda r: r.index)

    def for_index(self, index: int) -> ReportReview:
        """The review of the ``index``-th report checked (1-based)."""
        for r in self.reports:
            if r.index == index:
                return r
        raise KeyError(index)

    def to_json(self) -> dict[str, Any]:
        """The batch part of the JSON document (``"review"``)."""
        return {
            "reviewer": self.reviewer,
            "year": self.year,
            "kind": self.kind,
            "verdicts": self.verdict_counts,
            "suppressed": self.suppressed,
            "order": [r.path for r in self.reports],
            "send_back": [
                {"path": r.path, "unit": r.unit, "reasons": list(r.reasons)} for r in self.send_back
            ],
            "unreviewed": [
                {"path": r.path, "unit": r.unit, "reasons": list(r.reasons)} for r in self.unreviewed
            ],
            "similar": [{"a": a, "b": b, "share": round(s, 2)} for a, b, s in self.pairs],
        }


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _majority(values: Iterable[Any]) -> Any:
    """The value held by more than half of the values given (None when there is none)."""
    counts = Counter(v for v in values if v is not None)
    total = sum(counts.values())
    if not counts:
        return None
    value, n = counts.most_common(1)[0]
    return value if n * 2 > total else None


def _finding_reason(f: Finding) -> str:
    where = f"第{f.line}行 " if f.line is not None else ""
    return f"{where}{f.code} {SEVERITY_LABELS[f.severity.value]}：{f.message}"


def review_batch(
    results: Sequence[Any],
    *,
    send_back_on: str = "error",
    year: int | None = None,
    reviewer: bool = False,
    threshold: float = NEAR_IDENTICAL,
) -> BatchReview:
    """The batch summary of checked reports (:class:`~drafter.check.run.CheckedReport` or alike).

    ``send_back_on``: the lowest severity of a finding that sends a report back (``error`` or
    ``warning``). ``year``: the year the batch must be about, when the reviewer knows it;
    otherwise the majority's year is taken. ``threshold``: the share of shared body text from which
    two reports count as near-identical.
    """
    threshold_rank = Severity(send_back_on).rank
    readable = [r for r in results if not r.error]
    batch_year = year if year is not None else _majority(getattr(r, "year", None) for r in readable)
    batch_kind = _majority(getattr(r, "kind", None) for r in readable)

    sketches = [getattr(r, "sketch", None) if not r.error else None for r in results]
    similar: dict[int, list[SimilarText]] = {}
    pairs: list[tuple[str, str, float]] = []
    if len(results) > 1:
        for pair in find_similar(sketches, threshold):
            a, b = results[pair.a], results[pair.b]
            similar.setdefault(pair.a, []).append(SimilarText(b.path, getattr(b, "unit", None), pair.share))
            similar.setdefault(pair.b, []).append(SimilarText(a.path, getattr(a, "unit", None), pair.share))
            pairs.append((a.path, b.path, pair.share))

    reviews = [
        _review_one(
            i,
            r,
            threshold_rank=threshold_rank,
            batch_year=batch_year,
            year_given=year is not None,
            batch_kind=batch_kind,
            similar=tuple(sorted(similar.get(i, ()), key=lambda s: -s.share)),
            reviewer=reviewer,
        )
        for i, r in enumerate(results)
    ]
    reviews.sort(key=lambda r: (_RANK[r.verdict], -r.errors, -r.warnings, -r.infos, r.index))
    return BatchReview(
        reports=tuple(reviews),
        year=batch_year,
        year_given=year is not None,
        kind=batch_kind,
        pairs=tuple(pairs),
        reviewer=reviewer,
        send_back_on=send_back_on,
    )


def _review_one(
    i: int,
    r: Any,
    *,
    threshold_rank: int,
    batch_year: int | None,
    year_given: bool,
    batch_kind: str | None,
    similar: tuple[SimilarText, ...],
    reviewer: bool,
) -> ReportReview:
    findings = list(r.findings or ())
    suppressed: list[Finding] = list(getattr(r, "suppressed", ()) or ())
    counts = summarize(findings)
    unit, year, kind = getattr(r, "unit", None), getattr(r, "year", None), getattr(r, "kind", None)
    stated, computed = getattr(r, "stated_total", None), getattr(r, "computed_total", None)
    reasons: list[str] = []
    notes: list[str] = []
    if r.error:
        return ReportReview(
            index=i + 1,
            path=r.path,
            error=r.error,
            unit=None,
            year=None,
            kind=None,
            stated_total=None,
            computed_total=None,
            errors=0,
            warnings=0,
            infos=0,
            suppressed=0,
            suppressed_codes=(),
            verdict=UNREVIEWED,
            reasons=(f"无法读取：{r.error}",),
            notes=(),
        )
    blocking = [f for f in findings if f.severity.rank >= threshold_rank]
    reasons.extend(_finding_reason(f) for f in blocking)
    year_differs = batch_year is not None and year is not None and year != batch_year
    if year_differs:
        whose = "应为" if year_given else "本批多数报告为"
        reasons.append(f"报告年度为 {year} 年，{whose} {batch_year} 年度")
    for s in similar[:SIMILAR_NAMED]:
        other = f"{s.other}（{s.other_unit}）" if s.other_unit else f"{s.other} "
        reasons.append(f"正文与 {other}约 {s.percent}% 相同（疑为照搬）")
    if len(similar) > SIMILAR_NAMED:
        reasons.append(f"另有 {len(similar) - SIMILAR_NAMED} 份报告的正文与之几乎相同")
    codes = {f.code for f in findings} | {f.code for f in suppressed}
    no_scores = NO_SCORES_CODE in codes or (stated is None and computed is None)
    if no_scores:
        what = "评分表的得分栏全部空白" if SCORES_EMPTY_CODE in codes else "未读到自评得分"
        text = f"{what}，得分未能核对，需人工审核"
        (notes if reasons else reasons).append(text)
    kind_differs = batch_kind is not None and kind is not None and kind != batch_kind
    if kind_differs:
        notes.append(f"报告类型为{kind}，本批多数为{batch_kind}")
    if suppressed:
        codes_hidden = ", ".join(dict.fromkeys(f.code for f in suppressed))
        if reviewer:
            notes.append(f"报告标注忽略 {len(suppressed)} 条问题（{codes_hidden}），审核模式下照常列出")
        else:
            notes.append(f"报告自行忽略了 {len(suppressed)} 条问题（{codes_hidden}），未列出")
    below = [f for f in findings if f.severity.rank < threshold_rank and f.severity is not Severity.INFO]
    if below:
        notes.append(f"另有 {len(below)} 条警告")
    if blocking or year_differs or similar:
        verdict = SEND_BACK
    elif no_scores:
        verdict = UNREVIEWED
    else:
        verdict = PASS
    return ReportReview(
        index=i + 1,
        path=r.path,
        error=None,
        unit=unit,
        year=year,
        kind=kind,
        stated_total=stated,
        computed_total=computed,
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
        suppressed=len(suppressed),
        suppressed_codes=tuple(dict.fromkeys(f.code for f in suppressed)),
        verdict=verdict,
        reasons=tuple(reasons),
        notes=tuple(notes),
        year_differs=year_differs,
        kind_differs=kind_differs,
        similar=similar,
    )
