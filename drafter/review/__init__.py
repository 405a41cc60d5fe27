"""The reviewer's side of ``drafter check``: a batch of checked reports as a reviewer acts on it.

:func:`review_batch` turns the checker's results into a :class:`BatchReview` — per report the
unit, year, kind, totals, counts, what its own suppressions hid, a verdict (通过 / 退回修改 /
未能审核) and the reasons; the reports sorted by severity; the list to send back; years and kinds
that differ from the batch's majority; near-identical body text across reports. Every output of
``drafter check`` (text, JSON, HTML, xlsx) and the web application read this one object.

Standard library only at import time.
"""

from __future__ import annotations

from drafter.review.batch import (
    PASS,
    SEND_BACK,
    UNREVIEWED,
    VERDICTS,
    BatchReview,
    ReportReview,
    SimilarText,
    review_batch,
)
from drafter.review.columns import COLUMNS

__all__ = [
    "COLUMNS",
    "PASS",
    "SEND_BACK",
    "UNREVIEWED",
    "VERDICTS",
    "BatchReview",
    "ReportReview",
    "SimilarText",
    "review_batch",
]
