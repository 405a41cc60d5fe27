"""Locate the bundled ``prompts/`` and ``schemas/`` folders.

In a source checkout (or an editable install) they sit beside the package; a wheel carries them
inside the package as ``drafter/_data/<name>`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

__all__ = ["bundled_rubrics", "resource_dir"]

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: Literal["prompts", "schemas"]) -> Path:
    """Return the folder that holds the bundled ``prompts`` or ``schemas``."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from the installation")


def bundled_rubrics() -> dict[str, Path]:
    """The bundled rubric files (``schemas/rubrics/<id>.yaml``) by id, in id order."""
    return {p.stem: p for p in sorted((resource_dir("schemas") / "rubrics").glob("*.yaml"))}
