"""Where drafter keeps the user's files: LLM settings, caches (model responses, compiled templates), the audit log.

``DRAFTER_HOME`` (one folder for everything) wins; otherwise platformdirs picks the platform's
folders, which on Linux honour ``XDG_CONFIG_HOME`` / ``XDG_DATA_HOME`` / ``XDG_CACHE_HOME``.
Nothing is created at import time; callers create folders when they first write.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["audit_log_path", "cache_dir", "config_dir", "config_path", "data_dir"]

_APP = "drafter"


def _home() -> Path | None:
    value = os.environ.get("DRAFTER_HOME", "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(_APP, appauthor=False))


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(_APP, appauthor=False))


def cache_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "cache"
    if sys.platform.startswith("linux"):
        # what platformdirs answers on Linux, without importing it (a cold `drafter check`
        # reads its pattern cache from here: see drafter.pattern_cache)
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(xdg or os.path.expanduser("~/.cache")) / _APP
    import platformdirs

    return Path(platformdirs.user_cache_dir(_APP, appauthor=False))


def config_path() -> Path:
    """The user's settings file (YAML, key ``llm:``)."""
    return config_dir() / "config.yaml"


def audit_log_path() -> Path:
    """The JSON-lines log of every model call."""
    return data_dir() / "llm-audit.jsonl"
