"""Section outcomes: what drafter decided per section, stored so a warm run needs no model client.

Two caches, two jobs:

- **langchain's response cache** (:mod:`drafter.llm.cache`, given to ``ChatOpenAI(cache=...)``)
  keeps the model's raw answers. It is the response cache the issue asks for: an identical prompt
  to the same model makes no new request. But it is consulted *inside* ``ChatOpenAI.invoke``, so
  reaching it means importing langchain-openai and openai (over a second) and building a client.
- **this store** keeps, per section, the *outcome*: the text drafter accepted after grounding and
  the other checks, or the decision to keep the offline text (answers rejected after every
  re-ask, a failed call, or the whole-draft check) with its reason — never a raw or rejected
  answer. It is not a second response cache; it exists for the whole-process cost and so that a
  re-run is free whatever happened: its key is computed from plain data (no langchain, no
  openai), so a run whose sections are all found here makes no client at all, sends nothing and
  never imports either library, even against a model whose every answer was rejected. ``--refresh``
  (``LLMOptions.refresh``) asks the model again and overwrites the outcomes.

The key is a SHA-256 of everything that determines the outcome: the endpoint (provider, base
URL, model), the generation parameters (temperature, max tokens, re-asks allowed), the rendered
messages, a digest of the prompt templates (the re-ask template shapes later attempts), a digest
of the data the figures are checked against, and drafter's version with this store's format (the
checks that decided). A hit is checked again by the caller
before use (grounding is cheap; only the model is slow), so a changed check can never let a
stored text through. ``--no-cache`` (``LLMOptions.cache=False``) bypasses both caches.

One small JSON file per key, written atomically; a missing or damaged file is a miss.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["VerifiedEntry", "VerifiedStore", "verified_key"]

# Bump when what is stored, or what it takes to accept a section, changes meaning.
_FORMAT = 2


@dataclass(frozen=True, slots=True)
class VerifiedEntry:
    text: str  # the section text as accepted (cleaned, grounded); "" for a fallback
    attempts: int  # how many model answers it took (1 = the first answer passed)
    template: str  # the first prompt's template id, for the audit log
    source: str = "model"  # "model": ``text`` was accepted; "offline": the offline text is kept
    reason: str = ""  # why the offline text is kept

    @property
    def fallback(self) -> bool:
        return self.source == "offline"


def verified_key(
    *,
    provider: str,
    base_url: str,
    model: str,
    temperature: float,
    max_tokens: int | None,
    templates_digest: str,
    template: str,
    system: str,
    user: str,
    data_digest: str = "",
    max_reasks: int = 0,
) -> str:
    """The key of one section's accepted result (no secret is part of it)."""
    from drafter import __version__

    payload = {
        "format": _FORMAT,
        "drafter": __version__,
        "provider": provider,
        "base_url": base_url.rstrip("/"),
        "model": model,
        "temperature": temperature,
        "max_tokens": max_tokens,
        "templates": templates_digest,
        "template": template,
        "messages": [["system", system], ["user", user]],
        "data": data_digest,
        "max_reasks": max_reasks,
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class VerifiedStore:
    """Accepted section texts on disk under ``root``."""

    root: Path

    def _file(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> VerifiedEntry | None:
        try:
            payload = json.loads(self._file(key).read_text(encoding="utf-8"))
            if payload.get("format") != _FORMAT:
                return None
            entry = VerifiedEntry(
                str(payload["text"]),
                int(payload["attempts"]),
                str(payload["template"]),
                str(payload.get("source", "model")),
                str(payload.get("reason", "")),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing or damaged: a miss; the next outcome overwrites it
        if entry.source not in ("model", "offline") or entry.attempts < 1:
            return None
        return entry if entry.fallback or entry.text.strip() else None

    def put(self, key: str, entry: VerifiedEntry) -> None:
        from drafter.fileio import write_atomic

        target = self._file(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": _FORMAT,
            "text": entry.text,
            "attempts": entry.attempts,
            "template": entry.template,
            "source": entry.source,
            "reason": entry.reason,
        }
        write_atomic(target, json.dumps(payload, ensure_ascii=False))

    def delete(self, key: str) -> None:
        self._file(key).unlink(missing_ok=True)
