"""The LLM path: polished drafting whose numbers are verified, and a second reader for check.

Nothing here imports openai or langchain at import time; they load inside the functions that call
a model, and the names below load their modules on first use.

    from drafter.llm import load_options, polish_report, review_document
    options = load_options(provider="deepseek")          # key from DEEPSEEK_API_KEY or the config file
    result = polish_report(offline_report, options)      # result.report, result.messages(), result.stats
    extra = review_document(doc, rule_findings, options)  # extra.findings: LM001–LM003, origin="model"
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "BACKENDS": "drafter.llm.backend",
    "Backend": "drafter.llm.backend",
    "BackendError": "drafter.llm.backend",
    "create_backend": "drafter.llm.backend",
    "LLMOptions": "drafter.llm.options",
    "load_options": "drafter.llm.options",
    "resolve_endpoint": "drafter.llm.options",
    "PRESETS": "drafter.llm.presets",
    "NumberIndex": "drafter.llm.grounding",
    "SectionGround": "drafter.llm.label_grounding",
    "build_truth": "drafter.llm.truth",
    "post_check": "drafter.llm.postcheck",
    "ungrounded_numbers": "drafter.llm.grounding",
    "load_prompts": "drafter.llm.prompts",
    "PolishResult": "drafter.llm.drafting",
    "polish_report": "drafter.llm.drafting",
    "ReviewResult": "drafter.llm.review",
    "review_document": "drafter.llm.review",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'drafter.llm' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
