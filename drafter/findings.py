"""Findings: what a check (or the validator, or the LLM second reader) reports.

A finding is data, never an exception or a print. Its JSON form is a public contract that other
tools rely on (see README, ``drafter check --format json``): keep the field names stable.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["Finding", "Severity", "summarize"]


class Severity(str, Enum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


class Finding(BaseModel):
    """One problem found in a report or in evaluation data.

    ``line``/``end_line`` are 1-based lines of the document as read (for .docx: the index of the
    body paragraph or table row in document order); for evaluation data, the YAML line.
    ``quote`` is the report's own text, verbatim. ``path`` names the field for data findings.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    severity: Severity
    message: str
    line: int | None = None
    end_line: int | None = None
    col: int | None = None
    quote: str = ""
    expected: str | None = None
    found: str | None = None
    hint: str | None = None
    path: str | None = None
    origin: Literal["rule", "model"] = "rule"

    def to_json(self) -> dict[str, object]:
        """The stable JSON shape of the CLI contract."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "col": self.col,
            "quote": self.quote,
            "expected": self.expected,
            "found": self.found,
            "hint": self.hint,
            "path": self.path,
            "origin": self.origin,
        }


def summarize(findings: list[Finding]) -> dict[str, int]:
    """Count findings by severity: ``{"error": n, "warning": n, "info": n}``."""
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts
