"""Drafting reports from evaluation data: offline templates now, an LLM backend later.

``draft_report(data) -> DraftedReport``; writers by suffix in :mod:`drafter.draft.write`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DraftedReport", "Section", "draft_report", "write_report"]

_NAMES = {
    "DraftedReport": "drafter.draft.report",
    "Section": "drafter.draft.report",
    "draft_report": "drafter.draft.report",
    "write_report": "drafter.draft.write",
}


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(module), name)
