"""Suggest improvement measures (改进措施) for every deduction and every check finding.

Public API::

    from drafter.suggest import suggest, suggest_data, suggest_report, section_four
    result = suggest("examples/yangxi-2023/data.yaml")   # SuggestResult (pydantic)
    render_text(result) / render_json(result) / render_section(result)

Offline by default: measures come from the knowledge base in ``prompts/measures/`` (see
:mod:`drafter.suggest.kb`). :func:`drafter.suggest.llm.tailor` rewrites them with a model.
"""

from __future__ import annotations

from drafter.suggest.api import section_four, suggest, suggest_data, suggest_report
from drafter.suggest.kb import KnowledgeBase, load_kb
from drafter.suggest.models import Deduction, FindingRef, Measure, Suggestion, SuggestResult
from drafter.suggest.render import render_json, render_section, render_text, section_four_paragraphs

__all__ = [
    "Deduction",
    "FindingRef",
    "KnowledgeBase",
    "Measure",
    "SuggestResult",
    "Suggestion",
    "load_kb",
    "render_json",
    "render_section",
    "render_text",
    "section_four",
    "section_four_paragraphs",
    "suggest",
    "suggest_data",
    "suggest_report",
]
