"""Audit log: one JSON line per model call, appended to a file in the user's data directory.

What is logged: time, template, section, prompt hash, provider, model, whether the answer came from
the cache, tokens in/out, duration, outcome. The rendered prompt and the answer are represented by
the hash only (reports can be confidential) unless the user sets ``audit_content: true`` and the API key never appears: every line passes through
:func:`redact` with the key before it is written.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["AuditLog", "AuditRecord", "redact"]


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """Replace every secret (and any 8+-char tail of it a server might echo) with ``***``."""
    for secret in secrets:
        if not secret or len(secret) < 4:
            continue
        text = text.replace(secret, "***")
        if len(secret) >= 12:
            text = text.replace(secret[-8:], "***").replace(secret[:8], "***")
    return text


@dataclass(frozen=True, slots=True)
class AuditRecord:
    template: str
    section: str
    prompt_hash: str
    provider: str
    model: str
    cached: bool
    input_tokens: int
    output_tokens: int
    duration_s: float
    outcome: str  # ok | ungrounded | invalid_output | timeout | rate_limited | server_error | error...
    attempt: int = 1
    detail: str = ""
    prompt: str | None = None  # only with ``audit_content``
    response: str | None = None


@dataclass
class AuditLog:
    """Appends :class:`AuditRecord` lines to ``path``; a disabled log writes nothing."""

    path: Path | None
    secrets: tuple[str, ...] = ()
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def write(self, record: AuditRecord) -> None:
        if self.path is None:
            return
        entry = {"time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), **_as_dict(record)}
        line = redact(json.dumps(entry, ensure_ascii=False), self.secrets)
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")


def _as_dict(record: AuditRecord) -> dict[str, object]:
    out = {name: getattr(record, name) for name in record.__slots__}
    return {k: v for k, v in out.items() if not (k in ("prompt", "response") and v is None)}
