"""The model boundary: one small backend interface, backends registered by name.

A backend does two things: return text for a prompt (:meth:`Backend.complete`) and return a
pydantic object for a schema (:meth:`Backend.structured`). It owns transport concerns (retries,
timeouts, the response cache, the audit log, token counts); drafting and reviewing logic lives
in :mod:`drafter.llm.drafting` and :mod:`drafter.llm.review` and works with any backend.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, Protocol, TypeVar

from pydantic import BaseModel

from drafter.llm.options import Endpoint, LLMOptions

__all__ = [
    "BACKENDS",
    "Backend",
    "BackendError",
    "CallTag",
    "ChatTurn",
    "Completion",
    "UsageStats",
    "check_reachable",
    "create_backend",
    "prompt_hash",
]

M = TypeVar("M", bound=BaseModel)

# Failure kinds. "Fatal" ones would fail every call the same way (wrong key, no server, no such
# model): the run stops with a DrafterError instead of falling back section by section.
FailureKind = Literal[
    "timeout", "rate_limited", "server_error", "invalid_output", "connection", "auth", "not_found", "error"
]
FATAL_KINDS = frozenset({"connection", "auth", "not_found"})


@dataclass(frozen=True, slots=True)
class ChatTurn:
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass(frozen=True, slots=True)
class CallTag:
    """What a call is for, for the audit log: the prompt template and the section."""

    template: str
    section: str = ""
    attempt: int = 1


@dataclass(frozen=True, slots=True)
class Completion:
    text: str
    cached: bool
    input_tokens: int
    output_tokens: int
    duration_s: float
    prompt_hash: str
    # The response-cache entries this answer was read from or written to (see Backend.forget).
    cache_keys: tuple[str, ...] = ()


class BackendError(Exception):
    """A call that produced no usable answer. ``message`` is Chinese and never contains the key."""

    def __init__(self, kind: FailureKind, message: str) -> None:
        super().__init__(message)
        self.kind: FailureKind = kind
        self.message = message

    @property
    def fatal(self) -> bool:
        return self.kind in FATAL_KINDS


@dataclass
class UsageStats:
    """Counters over a run (thread-safe): requests sent, cache hits, tokens in/out."""

    requests: int = 0
    cache_hits: int = 0
    failures: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(
        self, *, cached: bool, input_tokens: int = 0, output_tokens: int = 0, failed: bool = False
    ) -> None:
        with self._lock:
            if cached:
                self.cache_hits += 1
            else:
                self.requests += 1
                self.input_tokens += input_tokens
                self.output_tokens += output_tokens
            if failed:
                self.failures += 1

    def summary(self) -> str:
        return (
            f"模型请求 {self.requests} 次，缓存命中 {self.cache_hits} 次，"
            f"输入 {self.input_tokens} tokens，输出 {self.output_tokens} tokens"
        )


# Validates an answer before it is logged: returns an outcome label ("ungrounded: …") or None.
Validator = Callable[[str], "str | None"]


class Backend(Protocol):
    name: str
    endpoint: Endpoint
    stats: UsageStats

    def complete(
        self, turns: Sequence[ChatTurn], *, tag: CallTag, validate: Validator | None = None
    ) -> Completion:
        """Text for the conversation ``turns``; raises :class:`BackendError`."""
        ...

    def structured(self, turns: Sequence[ChatTurn], schema: type[M], *, tag: CallTag) -> tuple[M, Completion]:
        """An instance of ``schema`` for ``turns``; raises :class:`BackendError`."""
        ...

    def forget(self, completion: Completion) -> None:
        """Drop ``completion`` from the response cache: the caller rejected it, so a re-run must
        ask the model again instead of replaying the failure. ``complete(validate=...)`` and
        ``structured`` (on malformed output) do this themselves."""
        ...

    def secrets(self) -> tuple[str, ...]:
        """Strings that must never be shown (the API key)."""
        ...


def prompt_hash(model: str, turns: Sequence[ChatTurn]) -> str:
    """The short hash that names a prompt in the audit log (the prompt itself is not logged)."""
    import hashlib
    import json

    payload = json.dumps([model, [(t.role, t.content) for t in turns]], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


# name -> "module:class". Read-only: adding a backend is adding a line here and a module.
BACKENDS = MappingProxyType({"openai-compatible": "drafter.llm.openai_compat:OpenAICompatibleBackend"})


def check_reachable(endpoint: Endpoint, *, timeout: float = 2.0) -> None:
    """For a local server, fail fast (DrafterError) when nothing listens on its port.

    A local server that is not running is the usual first-run mistake; a TCP connect answers in
    milliseconds, where the client's retries with backoff would take seconds per section. Remote
    services are not probed (a warm cache needs no network).
    """
    import socket
    from urllib.parse import urlsplit

    from drafter.errors import DrafterError
    from drafter.llm.presets import find_preset

    if not endpoint.local:
        return
    parts = urlsplit(endpoint.base_url)
    host = parts.hostname or "127.0.0.1"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return
    except OSError:
        preset = find_preset(endpoint.provider)
        how = (
            f"请先启动服务（{preset.note}）"
            if preset and preset.note
            else "请先启动服务，或用 --base-url 指定正确的地址"
        )
        raise DrafterError(
            f"无法连接本地大模型服务 {endpoint.base_url}（{host}:{port} 无响应）：{how}；或不加 --backend llm / --llm 使用离线功能。"
        ) from None


def create_backend(
    options: LLMOptions, *, endpoint: Endpoint | None = None, backend: str | None = None
) -> Backend:
    """Build the backend for ``options`` (resolving the endpoint; DrafterError if unconfigured)."""
    from drafter.llm.options import resolve_endpoint
    from drafter.llm.presets import find_preset

    endpoint = endpoint or resolve_endpoint(options)
    preset = find_preset(endpoint.provider)
    name = backend or (preset.backend if preset else "openai-compatible")
    target = BACKENDS.get(name)
    if target is None:
        raise ValueError(f"unknown backend {name!r}; known: {sorted(BACKENDS)}")
    module_name, _, cls_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    return cls(endpoint, options)
