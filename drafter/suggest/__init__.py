"""Suggest improvement measures (改进措施) for every deduction and every check finding.

Public API::

    from drafter.suggest import suggest, render_text, render_json, render_section
    result = suggest("examples/yangxi-2023/data.yaml")   # SuggestResult (pydantic)
    print(render_section(result))                        # ready-to-paste section 四

``suggest_data(data)`` and ``suggest_report(path)`` take evaluation data or a report;
``section_four(data)`` is the hook :func:`drafter.draft.report.draft_report` uses;
``drafter.suggest.llm.tailor(result, ...)`` rewrites the suggestions with a model.
Offline by default: measures come from the knowledge base in ``prompts/measures/`` (see
:mod:`drafter.suggest.kb`). Names load lazily, so ``drafter draft`` pays only for what it uses.
"""

from __future__ import annotations

from typing import Any

_LAZY: dict[str, str] = {
    "suggest": "drafter.suggest.api",
    "suggest_data": "drafter.suggest.api",
    "suggest_report": "drafter.suggest.api",
    "section_four": "drafter.suggest.api",
    "no_problem_warning": "drafter.suggest.api",
    "KnowledgeBase": "drafter.suggest.kb",
    "load_kb": "drafter.suggest.kb",
    "Deduction": "drafter.suggest.models",
    "FindingRef": "drafter.suggest.models",
    "Measure": "drafter.suggest.models",
    "SuggestResult": "drafter.suggest.models",
    "Suggestion": "drafter.suggest.models",
    "render_json": "drafter.suggest.render",
    "render_section": "drafter.suggest.render",
    "render_text": "drafter.suggest.render",
    "section_four_paragraphs": "drafter.suggest.render",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'drafter.suggest' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
