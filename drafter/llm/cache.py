"""Disk cache of model answers: text answers under drafter's own keys (:func:`text_key`, shared
by both lanes of the backend), structured answers through langchain's per-model ``cache=``.

langchain's :class:`~langchain_core.caches.BaseCache` contract: ``lookup(prompt, llm_string)``
returns the stored generations or ``None``; ``update`` stores them. ``prompt`` is the serialised
message list and ``llm_string`` the model's parameters (model name, base URL, temperature,
response format), so an identical prompt to the same model hits and anything else misses. The
cache is given to one model instance (``ChatOpenAI(cache=...)``), not installed globally with
``set_llm_cache``, so there is no global state.

Storage is one small JSON file per key (SHA-256 of prompt + llm_string), written atomically, so
concurrent sections and interrupted runs never corrupt it. The key is a hash: neither the prompt
nor the parameters (which name the API key's variable, never its value) are stored in clear.

A text answer is stored by the backend itself (:meth:`ResponseStore.put_text`) under
:func:`text_key` (provider, base URL, model, temperature, token limit and the conversation), so an
answer fetched by the direct lane while langchain was loading is found by the langchain lane and
the other way round. langchain (and the backend, for text) stores every answer it receives, good or bad. An answer drafter then rejects (malformed
structured output, numbers grounding could not find) must not be replayed by the next run, or a
re-run would repeat the failure without asking the model again. So each call records the keys it
looked up (:func:`recording_keys`, a context variable, because langchain may run the model in a
worker thread of its own) and the backend evicts them (:meth:`ResponseStore.delete`) when the
answer is rejected.

This is the cache of raw responses. In front of it, :mod:`drafter.llm.verified` keeps the
results drafter accepted, so that a fully warm run never needs langchain at all.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["CACHE_MARK", "ResponseStore", "langchain_cache", "recording_keys", "text_key"]

# Set in ``response_metadata`` of answers served from the cache, so callers can count hits.
CACHE_MARK = "drafter_cache_hit"
_FORMAT = 1
# The keys the current call looked up; a list shared with langchain's worker threads, which run
# in a copy of the caller's context (same list object).
_CALL_KEYS: ContextVar[list[str] | None] = ContextVar("drafter_cache_keys", default=None)


@contextmanager
def recording_keys() -> Iterator[list[str]]:
    """Collect the cache keys the model call inside the ``with`` block looks up."""
    keys: list[str] = []
    token = _CALL_KEYS.set(keys)
    try:
        yield keys
    finally:
        _CALL_KEYS.reset(token)


def _record(key: str) -> None:
    keys = _CALL_KEYS.get()
    if keys is not None and key not in keys:
        keys.append(key)


@dataclass
class ResponseStore:
    """Answers on disk under ``root``, keyed by prompt and model parameters."""

    root: Path
    read: bool = True  # False (``--refresh``): every lookup misses; answers are still stored
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @staticmethod
    def key(prompt: str, llm_string: str) -> str:
        return hashlib.sha256(f"{_FORMAT}\x00{llm_string}\x00{prompt}".encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[dict[str, Any]] | None:
        if not self.read:
            return None
        try:
            payload = json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or damaged: treat as a miss, the next answer overwrites it
        return payload.get("generations") if isinstance(payload, dict) else None

    def put(self, key: str, generations: list[dict[str, Any]]) -> None:
        from drafter.fileio import write_atomic

        target = self._file(key)
        with self._lock:
            target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, json.dumps({"format": _FORMAT, "generations": generations}, ensure_ascii=False))

    def get_text(self, key: str) -> tuple[str, int, int] | None:
        """A stored plain-text answer (text, input tokens, output tokens), or None."""
        stored = self.get(key)
        try:
            (item,) = stored or ()
            text, used_in, used_out = item["text"], item["input_tokens"], item["output_tokens"]
        except (ValueError, TypeError, KeyError):
            return None
        if not isinstance(text, str) or not isinstance(used_in, int) or not isinstance(used_out, int):
            return None
        return text, used_in, used_out

    def put_text(self, key: str, text: str, input_tokens: int, output_tokens: int) -> None:
        self.put(key, [{"text": text, "input_tokens": input_tokens, "output_tokens": output_tokens}])

    def delete(self, key: str) -> None:
        """Forget one answer (a rejected one), so the next run asks the model again."""
        self._file(key).unlink(missing_ok=True)

    def clear(self) -> int:
        removed = 0
        for file in self.root.glob("*/*.json"):
            file.unlink(missing_ok=True)
            removed += 1
        return removed


def text_key(
    *, provider: str, base_url: str, model: str, temperature: float, max_tokens: int | None, turns: Any
) -> str:
    """The key of a plain-text answer: the model's parameters and the conversation. Computed by
    drafter, not langchain, so both lanes of the backend (langchain, or the direct HTTP call while
    langchain is still loading) read and write the same entries."""
    params = json.dumps(
        {
            "kind": "chat-text",
            "provider": provider,
            "base_url": base_url.rstrip("/"),
            "model": model,
            "temperature": temperature,
            "max_tokens": max_tokens,
        },
        sort_keys=True,
    )
    prompt = json.dumps([[t.role, t.content] for t in turns], ensure_ascii=False)
    return ResponseStore.key(prompt, params)


@lru_cache(maxsize=1)
def _adapter_class() -> type:
    # langchain is imported here, on the LLM path only.
    from langchain_core.caches import BaseCache
    from langchain_core.messages import AIMessage, message_to_dict, messages_from_dict
    from langchain_core.outputs import ChatGeneration

    class DiskCache(BaseCache):
        def __init__(self, store: ResponseStore) -> None:
            self.store = store

        def lookup(self, prompt: str, llm_string: str) -> list[ChatGeneration] | None:
            key = ResponseStore.key(prompt, llm_string)
            _record(key)
            stored = self.store.get(key)
            if not stored:
                return None
            generations = []
            for item in stored:
                (message,) = messages_from_dict([item["message"]])
                if not isinstance(message, AIMessage):
                    return None
                metadata = {**message.response_metadata, CACHE_MARK: True}
                generations.append(
                    ChatGeneration(message=message.model_copy(update={"response_metadata": metadata}))
                )
            return generations

        def update(self, prompt: str, llm_string: str, return_val: Any) -> None:
            items = [
                {"message": message_to_dict(g.message)}
                for g in return_val
                if isinstance(g, ChatGeneration) and isinstance(g.message, AIMessage)
            ]
            if items:
                key = ResponseStore.key(prompt, llm_string)
                _record(key)
                self.store.put(key, items)

        def clear(self, **kwargs: Any) -> None:
            self.store.clear()

    return DiskCache


def langchain_cache(store: ResponseStore) -> Any:
    """A :class:`langchain_core.caches.BaseCache` over ``store``."""
    return _adapter_class()(store)
