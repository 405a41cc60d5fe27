"""The OpenAI-compatible backend: langchain-openai's ``ChatOpenAI`` pointed at any base URL.

One backend serves OpenAI, DeepSeek, Qwen (DashScope compatible mode), Moonshot, Ollama, vLLM and
llama.cpp. What comes from langchain / the openai client rather than from us:

- retries with exponential backoff on 429, 5xx, timeouts and dropped connections, honouring the
  server's ``Retry-After``: ``ChatOpenAI(max_retries=...)`` hands this to the openai client;
- the per-request timeout: ``ChatOpenAI(timeout=...)``;
- structured output into pydantic: ``ChatOpenAI.with_structured_output(schema, method=...,
  include_raw=True)`` (``include_raw`` so a malformed answer is reported, not raised), with
  langchain's response cache (``ChatOpenAI(cache=<BaseCache>)``, our disk store, :mod:`.cache`);
- token counts: ``AIMessage.usage_metadata``.

Two lanes for plain text (:meth:`OpenAICompatibleBackend.complete`). Importing langchain-openai
(openai, langsmith and their pydantic models) takes over a second of CPU, and CPU-bound imports
hold the interpreter lock: waiting for it before the first request made a cold ``drafter draft
--backend llm`` a second and a half slower than its requests need. So making the backend imports
nothing heavy; the calls go out at once over the direct lane (:mod:`.wire`: the SDK's HTTP library,
the same request body, the SDK's retry and timeout policy, the same error kinds), and langchain is
loaded in a thread of its own as soon as those first requests are on the wire, while they travel.
From the moment it is ready, langchain carries every call. Above both lanes, in this class, and so
identical for both: the response cache of text answers (drafter's own keys, :func:`.cache.text_key`;
an answer the caller rejects — ``validate`` in :meth:`complete`, or :meth:`forget` — is evicted so
a re-run asks again), the usage counters and the audit log. Results drafter accepted are kept
apart, without langchain, in :mod:`.verified`, so a fully warm run never builds this backend.

openai and langchain are imported in that loader thread (or by :meth:`structured`, which waits for
it), never at module import of anything on the offline path.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, wait
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from drafter.llm.audit import AuditLog, AuditRecord
from drafter.llm.backend import (
    BackendError,
    CallTag,
    ChatTurn,
    Completion,
    UsageStats,
    Validator,
    prompt_hash,
)
from drafter.llm.cache import CACHE_MARK, ResponseStore, langchain_cache, recording_keys, text_key
from drafter.llm.options import Endpoint, LLMOptions
from drafter.llm.wire import DirectChat, failure, status_kind
from drafter.userdirs import audit_log_path, cache_dir

__all__ = ["OpenAICompatibleBackend"]

M = TypeVar("M", bound=BaseModel)
Lane = Literal["auto", "langchain", "direct"]


class OpenAICompatibleBackend:
    """``lane`` chooses who carries :meth:`complete`: ``"auto"`` (the direct HTTP call until
    langchain is ready, then langchain), ``"langchain"`` or ``"direct"`` (tests pin one)."""

    name = "openai-compatible"

    def __init__(self, endpoint: Endpoint, options: LLMOptions, *, lane: Lane = "auto") -> None:
        self.endpoint = endpoint
        self.options = options
        self.lane = lane
        self.stats = UsageStats()
        self.audit = AuditLog(audit_log_path() if options.audit else None, secrets=self.secrets())
        self.store = ResponseStore(cache_dir() / "llm", read=not options.refresh) if options.cache else None
        self.direct = DirectChat(endpoint, options)
        self._lock = threading.Lock()
        self._models: Future[tuple[Any, Any]] | None = None  # (text model, structured model)
        self._preparing = 0  # calls of complete() not yet answered from the cache nor on the wire
        self._dispatched = threading.Event()
        if lane == "langchain":
            self._start_loading()

    # -- langchain, loaded in a thread of its own ------------------------------------------
    def _start_loading(self) -> Future[tuple[Any, Any]]:
        """Start importing langchain-openai and making the two ``ChatOpenAI`` (once)."""
        with self._lock:
            if self._models is None:
                self._models = Future()
                threading.Thread(target=self._make_models, name="drafter-langchain", daemon=True).start()
            return self._models

    def _make_models(self) -> None:
        assert self._models is not None
        try:
            ChatOpenAI = _chat_openai()
            settings: dict[str, Any] = dict(
                model=self.endpoint.model,
                base_url=self.endpoint.base_url,
                api_key=self.endpoint.key_value(),
                temperature=self.options.temperature,
                timeout=self.options.timeout,
                max_retries=self.options.max_retries,
                max_tokens=self.options.max_tokens,
                # Chat Completions is what every compatible server speaks; never the Responses API.
                use_responses_api=False,
            )
            # Text answers are cached by this backend under drafter's keys, which the direct lane
            # shares; structured answers by langchain's cache.
            text = ChatOpenAI(**settings, cache=False)
            structured = ChatOpenAI(
                **settings, cache=langchain_cache(self.store) if self.store is not None else False
            )
        except BaseException as exc:  # handed to whoever needs the models
            self._models.set_exception(exc)
        else:
            self._models.set_result((text, structured))

    def _loaded(self) -> tuple[Any, Any] | None:
        """The langchain models if they are ready now, else None (they may still be loading)."""
        models = self._models
        return models.result() if models is not None and models.done() else None

    def _langchain(self) -> tuple[Any, Any]:
        """The langchain models, loading them first if need be."""
        self._dispatched.set()  # nothing of ours to keep off the interpreter lock now
        return self._start_loading().result()

    def _prepared(self, sent: bool) -> None:
        """A call of :meth:`complete` has its answer from the cache or is about to go out. Once
        none is left being prepared, the first requests are on the wire: the caller's own work
        (:meth:`wait_dispatched`) and, after a request went out by the direct lane, the import
        of langchain may take the interpreter lock."""
        with self._lock:
            self._preparing -= 1
            idle = self._preparing == 0
        if idle:
            self._dispatched.set()
            if sent and self.lane == "auto":
                self._start_loading()

    def wait_dispatched(self, timeout: float) -> None:
        """Return once the calls of :meth:`complete` under way are answered from the cache or
        on the wire (at most ``timeout`` seconds): CPU-bound work of the caller's thread started
        earlier would hold them back."""
        self._dispatched.wait(timeout)

    def settle(self) -> None:
        """Wait until langchain, if it is being loaded, is loaded. A process must not end while
        that thread is inside an import: interpreter shutdown stops daemon threads where they
        are, and one stopped inside compiled extension code aborts the process ("FATAL:
        exception not rethrown") after the report was written."""
        models = self._models
        if models is not None:
            wait([models])

    def secrets(self) -> tuple[str, ...]:
        key = self.endpoint.api_key
        return (key.get_secret_value(),) if key is not None else ()

    # -- calls -----------------------------------------------------------------------------
    def complete(
        self, turns: Sequence[ChatTurn], *, tag: CallTag, validate: Validator | None = None
    ) -> Completion:
        key = (
            text_key(
                provider=self.endpoint.provider,
                base_url=self.endpoint.base_url,
                model=self.endpoint.model,
                temperature=self.options.temperature,
                max_tokens=self.options.max_tokens,
                turns=turns,
            )
            if self.store is not None
            else None
        )

        def run() -> tuple[Any, str, int, int, bool]:
            with self._lock:
                self._preparing += 1
            pending = [True]

            def prepared(sent: bool) -> None:
                if pending:
                    pending.clear()
                    self._prepared(sent)

            try:
                stored = self.store.get_text(key) if self.store is not None and key is not None else None
                if stored is not None:
                    prepared(False)
                    return None, stored[0], stored[1], stored[2], True
                models = (
                    self._langchain()
                    if self.lane == "langchain"
                    else self._loaded()
                    if self.lane == "auto"
                    else None
                )
                if models is None:
                    text, used_in, used_out = self.direct.chat(turns, sending=lambda: prepared(True))
                    message = None
                else:
                    prepared(False)
                    message = models[0].invoke(_to_messages(turns), config=_config(tag))
                    usage = getattr(message, "usage_metadata", None) or {}
                    text = _text_of(message)
                    used_in = int(usage.get("input_tokens") or 0)
                    used_out = int(usage.get("output_tokens") or 0)
            finally:
                prepared(False)
            if self.store is not None and key is not None:
                self.store.put_text(key, text, used_in, used_out)
            return message, text, used_in, used_out, False

        _, completion = self._call(turns, tag, run, keys=(key,) if key is not None else ())
        verdict = validate(completion.text) if validate is not None else None
        if verdict is not None:
            self.forget(completion)  # rejected: the next run asks again instead of replaying it
        self._log(tag, completion, verdict or "ok", turns)
        return completion

    def structured(self, turns: Sequence[ChatTurn], schema: type[M], *, tag: CallTag) -> tuple[M, Completion]:
        runnable = self._langchain()[1].with_structured_output(
            schema, method=self.endpoint.structured_method, include_raw=True
        )

        def run() -> tuple[Any, str, int, int, bool]:
            out = runnable.invoke(_to_messages(turns), config=_config(tag))
            message = out["raw"]
            usage = getattr(message, "usage_metadata", None) or {}
            cached = bool(getattr(message, "response_metadata", {}).get(CACHE_MARK))
            return (
                out,
                _text_of(message),
                int(usage.get("input_tokens") or 0),
                int(usage.get("output_tokens") or 0),
                cached,
            )

        out, completion = self._call(turns, tag, run)
        parsed = out.get("parsed")
        if out.get("parsing_error") is not None or not isinstance(parsed, schema):
            self.forget(completion)  # a malformed answer is never replayed from the cache
            self._log(tag, completion, "invalid_output", turns)
            raise BackendError("invalid_output", "模型输出不是符合要求的 JSON，已忽略本次回答")
        self._log(tag, completion, "ok", turns)
        return parsed, completion

    def forget(self, completion: Completion) -> None:
        if self.store is not None:
            for key in completion.cache_keys:
                self.store.delete(key)

    # -- plumbing --------------------------------------------------------------------------
    def _call(
        self, turns: Sequence[ChatTurn], tag: CallTag, run: Any, keys: tuple[str, ...] = ()
    ) -> tuple[Any, Completion]:
        """Run one call (``run`` returns the raw result, text, token counts and whether it came
        from the cache); count it and, when it fails, log it and raise its BackendError."""
        digest = prompt_hash(self.endpoint.model, turns)
        started = time.monotonic()
        try:
            with recording_keys() as recorded:
                result, text, used_in, used_out, cached = run()
        except BackendError as error:  # the direct lane's failures come mapped already
            self._failed(tag, digest, started, error)
            raise
        except Exception as exc:  # mapped to a BackendError below; our own bugs are re-raised
            error = self._map_error(exc)
            self._failed(tag, digest, started, error)
            raise error from None
        completion = Completion(
            text=text,
            cached=cached,
            input_tokens=used_in,
            output_tokens=used_out,
            duration_s=time.monotonic() - started,
            prompt_hash=digest,
            cache_keys=(*keys, *(k for k in recorded if k not in keys)),
        )
        self.stats.add(
            cached=cached, input_tokens=completion.input_tokens, output_tokens=completion.output_tokens
        )
        return result, completion

    def _failed(self, tag: CallTag, digest: str, started: float, error: BackendError) -> None:
        self.stats.add(cached=False, failed=True)
        self.audit.write(
            AuditRecord(
                tag.template,
                tag.section,
                digest,
                self.endpoint.provider,
                self.endpoint.model,
                False,
                0,
                0,
                round(time.monotonic() - started, 3),
                error.kind,
                tag.attempt,
                error.message,
            )
        )

    def _log(self, tag: CallTag, completion: Completion, outcome: str, turns: Sequence[ChatTurn]) -> None:
        content = self.options.audit_content
        self.audit.write(
            AuditRecord(
                tag.template,
                tag.section,
                completion.prompt_hash,
                self.endpoint.provider,
                self.endpoint.model,
                completion.cached,
                completion.input_tokens,
                completion.output_tokens,
                round(completion.duration_s, 3),
                outcome.split(":", 1)[0],
                tag.attempt,
                outcome.split(":", 1)[1].strip() if ":" in outcome else "",
                prompt="\n\n".join(f"[{t.role}]\n{t.content}" for t in turns) if content else None,
                response=completion.text if content else None,
            )
        )

    def _map_error(self, exc: Exception) -> BackendError:
        import openai

        if isinstance(exc, openai.APITimeoutError):
            kind, status = "timeout", None
        elif isinstance(exc, openai.APIConnectionError):
            kind, status = "connection", None
        elif isinstance(exc, openai.APIStatusError):
            kind, status = status_kind(exc.status_code), exc.status_code
        elif isinstance(exc, openai.APIError | ValueError | LookupError | TypeError):
            # openai.APIResponseValidationError, an undecodable body (json.JSONDecodeError is a
            # ValueError), or a response missing its fields (an empty "choices": IndexError).
            kind, status = "invalid_output", None
        else:
            raise exc
        return failure(kind, self.endpoint, self.options, status)


def _chat_openai() -> Any:
    """langchain-openai's ``ChatOpenAI``, imported on first use (most of a second, once)."""
    from langchain_openai import ChatOpenAI

    return ChatOpenAI


def _config(tag: CallTag) -> dict[str, Any]:
    return {"run_name": tag.template, "metadata": {"section": tag.section, "attempt": tag.attempt}}


def _to_messages(turns: Sequence[ChatTurn]) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[t.role](content=t.content) for t in turns]


def _text_of(message: Any) -> str:
    content = getattr(message, "content", "")
    if isinstance(content, list):
        content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return str(content)
