"""drafter: draft and review Chinese budget-performance self-evaluation reports (绩效自评报告).

The library API is importable without the CLI. Heavy modules load lazily, on first use of the
name that needs them, so ``import drafter`` stays fast and never imports openai or langchain.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

# public name -> "module:attribute"; filled in as the library grows.
_LAZY: dict[str, str] = {
    "DrafterError": "drafter.errors:DrafterError",
    "Finding": "drafter.findings:Finding",
    "Severity": "drafter.findings:Severity",
    "Document": "drafter.document:Document",
    "EvaluationData": "drafter.data.model:EvaluationData",
    "load_data": "drafter.data.load:load_data",
    "check_data": "drafter.check.on_data:check_data",
    "load_rubric": "drafter.rubric:load_rubric",
    "draft_report": "drafter.draft.report:draft_report",
    "write_report": "drafter.draft.write:write_report",
    "read_document": "drafter.read:read_document",
    "CheckOptions": "drafter.check.run:CheckOptions",
    "CheckedReport": "drafter.check.run:CheckedReport",
    "check_document": "drafter.check.run:check_document",
    "check_path": "drafter.check.run:check_path",
    "check_paths": "drafter.check.run:check_paths",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'drafter' has no attribute {name!r}")
    import importlib

    module_name, _, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)
