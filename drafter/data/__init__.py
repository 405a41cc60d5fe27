"""Evaluation data: the model, its YAML loader and its validator.

Submodules are imported on demand (``from drafter.data.load import load_data``); this package
itself imports nothing heavy.
"""

from __future__ import annotations

__all__: list[str] = []
