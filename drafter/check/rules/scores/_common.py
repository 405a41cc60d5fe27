"""Helpers the score rules share: how a node is named and where its score was stated."""

from __future__ import annotations

from decimal import Decimal

from drafter.check.facts import ScoreNode, Source

__all__ = ["DEFAULT_GRADES", "label", "score_source", "total_max"]

#: Grade thresholds when the rubric names none (DOMAIN.md §3): 优 ≥ 90, 良 80–89, 中 60–79, 差 < 60.
DEFAULT_GRADES: tuple[tuple[str, Decimal], ...] = (
    ("优", Decimal(90)),
    ("良", Decimal(80)),
    ("中", Decimal(60)),
    ("差", Decimal(0)),
)

#: A report's total is out of 100 unless it or its rubric says otherwise.
DEFAULT_TOTAL_MAX = Decimal(100)


def label(node: ScoreNode) -> str:
    return f"“{node.name}”"


def score_source(node: ScoreNode) -> Source:
    return node.score_source or node.source


def total_max(stated: Decimal | None, rubric: object) -> Decimal:
    if stated is not None:
        return stated
    value = getattr(rubric, "total", None)
    return value if isinstance(value, Decimal) else DEFAULT_TOTAL_MAX
