"""The LLM path: polished drafting whose numbers are verified, and a second reader for check.

Nothing here imports openai or langchain at import time; they load inside the functions that call
a model. Entry points: :func:`drafter.llm.drafting.polish_report`,
:func:`drafter.llm.review.review_document`, :func:`drafter.llm.options.load_options`.
"""

from __future__ import annotations

__all__: list[str] = []
