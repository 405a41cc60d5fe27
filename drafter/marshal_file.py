"""One dictionary kept in a ``marshal`` file of the user's cache folder, read and written whole.

Shared by the start-up caches (:mod:`drafter.pattern_cache`, :mod:`drafter.code_cache`,
:mod:`drafter.yaml_cache`): a missing, damaged or foreign file reads as empty, and a file that cannot be
written is left as it was (written to a temporary name, then renamed over, so a reader never sees half).
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any

__all__ = ["load_dict", "save_dict"]


def load_dict(path: Path) -> dict[Any, Any]:
    """The dictionary stored at ``path``, or an empty one when there is none that can be read."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def save_dict(path: Path, data: dict[Any, Any]) -> None:
    """Store ``data`` at ``path`` atomically; any failure leaves the old file (or none) in place."""
    try:
        blob = marshal.dumps(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError, UnboundLocalError):
            tmp.unlink()
