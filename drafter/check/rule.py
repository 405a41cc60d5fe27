"""The shape of a registered check.

Each check lives in its own small module, grouped by family (``drafter/check/rules/<family>/``),
and exposes one :class:`Rule`. Its docstring (the function's) must have the four sections
``What it finds`` / ``Why it matters`` / ``Example`` / ``What to write instead``;
``drafter rules`` and the rule docs are generated from it, and a test fails when one is missing.
Codes are stable: never reuse one; a retired rule keeps its code with ``status="retired"``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from drafter.findings import Finding, Severity

__all__ = ["DOC_SECTIONS", "Rule"]

DOC_SECTIONS = ("What it finds", "Why it matters", "Example", "What to write instead")


@dataclass(frozen=True)
class Rule:
    code: str  # e.g. "SC001"; family prefix + three digits
    name: str  # kebab-case, e.g. "score-children-sum"
    family: str  # scores | figures | claims | consistency | rubric | data | datafile | table | read | model
    severity: Severity  # default severity of its findings
    title: str  # one line, Chinese, e.g. "下级指标得分之和与上级不符"
    func: Callable[..., Iterable[Finding]]
    status: Literal["stable", "preview", "retired"] = "stable"
    #: what the rule needs to find anything: "facts" (what was read), "rubric" (``--rubric``),
    #: "data" (``--data``); () for a rule never found from the facts (the model's second reading,
    #: the data file's own checks). A check does not call a rule whose needs it lacks.
    needs: tuple[str, ...] = ("facts",)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    def doc_section(self, heading: str) -> str:
        """The text under one of :data:`DOC_SECTIONS` in the docstring ('' if absent)."""
        lines = self.doc.splitlines()
        out: list[str] = []
        inside = False
        for line in lines:
            stripped = line.strip().rstrip(":：")
            if stripped in DOC_SECTIONS:
                inside = stripped == heading
                continue
            if inside:
                out.append(line)
        return "\n".join(out).strip()

    def missing_doc_sections(self) -> list[str]:
        return [h for h in DOC_SECTIONS if not self.doc_section(h)]

    def run(self, *args: Any, **kwargs: Any) -> list[Finding]:
        return list(self.func(*args, **kwargs))
