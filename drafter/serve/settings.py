"""What a running ``drafter serve`` is allowed to do: address, token, retention and upload limits.

One frozen model, validated once when the server starts; every part of the server reads it and
none changes it.
"""

from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from drafter.errors import DrafterError

__all__ = ["TOKEN_ENV", "ServeSettings", "is_loopback", "parse_duration"]

#: The environment variable that gives the access token when ``--token`` is not used.
TOKEN_ENV = "DRAFTER_SERVE_TOKEN"

MiB = 1024 * 1024

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|秒|m|分钟?|h|小时|d|天)?\s*$", re.I)
_UNIT_SECONDS = {
    "s": 1,
    "秒": 1,
    "m": 60,
    "分": 60,
    "分钟": 60,
    "h": 3600,
    "小时": 3600,
    "d": 86400,
    "天": 86400,
}


def parse_duration(text: str) -> int:
    """``"90"`` / ``"30m"`` / ``"24h"`` / ``"7d"`` (also 分钟/小时/天) → seconds."""
    match = _DURATION.match(text or "")
    if not match:
        raise DrafterError(
            f"保留时间“{text}”无法识别；请写成 30m、24h 或 7d 这样的形式（m 分钟，h 小时，d 天）。"
        )
    value = float(match.group(1)) * _UNIT_SECONDS[(match.group(2) or "s").lower()]
    if value < 60:
        raise DrafterError("保留时间至少为 1 分钟（60 秒），否则任务还没看完就被删除了。")
    return int(value)


def is_loopback(host: str) -> bool:
    """True when ``host`` only reaches this machine (127.0.0.0/8, ::1, localhost)."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ServeSettings(BaseModel):
    """Settings of one server; a misspelt one is an error, not silence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    token: str | None = None  # None: no token needed (loopback only)
    workdir: Path  # jobs live in workdir/<id>/
    retention_seconds: int = Field(24 * 3600, ge=60)
    workers: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1), ge=1, le=64)
    # Upload limits. A report is rarely over a few MiB; a 30-report batch fits easily.
    max_file_bytes: int = Field(20 * MiB, ge=1)
    max_files: int = Field(500, ge=1)
    max_request_bytes: int = Field(200 * MiB, ge=1)
    max_unpacked_bytes: int = Field(500 * MiB, ge=1)  # everything taken out of the zips of a batch
    max_zip_ratio: int = Field(100, ge=1)  # unpacked ÷ packed, per member and per archive
    #: The server's LLM options (drafter.llm.options.LLMOptions) when its configuration has a
    #: backend: the switches to polish drafts and ask for the second reading appear only then.
    #: They stay in the server and its workers; the page is told ``llm_label`` only.
    llm: Any = Field(None, repr=False)
    llm_label: str | None = None

    @property
    def needs_token(self) -> bool:
        return self.token is not None

    @property
    def local_only(self) -> bool:
        return is_loopback(self.host)
