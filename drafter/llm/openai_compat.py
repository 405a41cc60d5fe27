"""The OpenAI-compatible backend: langchain-openai's ``ChatOpenAI`` pointed at any base URL.

One backend serves OpenAI, DeepSeek, Qwen (DashScope compatible mode), Moonshot, Ollama, vLLM and
llama.cpp. What comes from langchain / the openai client rather than from us:

- retries with exponential backoff on 429, 5xx, timeouts and dropped connections, honouring the
  server's ``Retry-After``: ``ChatOpenAI(max_retries=...)`` hands this to the openai client;
- the per-request timeout: ``ChatOpenAI(timeout=...)``;
- the response cache: ``ChatOpenAI(cache=<BaseCache>)`` (our disk store, see :mod:`.cache`); an
  answer the caller rejects (``validate`` in :meth:`complete`, malformed structured output, or
  :meth:`forget`) is evicted from it so a re-run asks again. Results drafter accepted are kept
  apart, without langchain, in :mod:`.verified`, so a fully warm run never builds this backend;
- structured output into pydantic: ``ChatOpenAI.with_structured_output(schema, method=...,
  include_raw=True)`` (``include_raw`` so a malformed answer is reported, not raised);
- token counts: ``AIMessage.usage_metadata``.

openai and langchain are imported in :meth:`OpenAICompatibleBackend.__init__`, never at module
import of anything on the offline path.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from drafter.llm.audit import AuditLog, AuditRecord, redact
from drafter.llm.backend import (
    BackendError,
    CallTag,
    ChatTurn,
    Completion,
    UsageStats,
    Validator,
    prompt_hash,
)
from drafter.llm.cache import CACHE_MARK, ResponseStore, langchain_cache, recording_keys
from drafter.llm.options import Endpoint, LLMOptions
from drafter.userdirs import audit_log_path, cache_dir

__all__ = ["OpenAICompatibleBackend"]

M = TypeVar("M", bound=BaseModel)


class OpenAICompatibleBackend:
    name = "openai-compatible"

    def __init__(self, endpoint: Endpoint, options: LLMOptions) -> None:
        ChatOpenAI = _chat_openai()

        self.endpoint = endpoint
        self.options = options
        self.stats = UsageStats()
        self.audit = AuditLog(audit_log_path() if options.audit else None, secrets=self.secrets())
        self.store = ResponseStore(cache_dir() / "llm", read=not options.refresh) if options.cache else None
        self._model = ChatOpenAI(
            model=endpoint.model,
            base_url=endpoint.base_url,
            api_key=endpoint.key_value(),
            temperature=options.temperature,
            timeout=options.timeout,
            max_retries=options.max_retries,
            max_tokens=options.max_tokens,
            # Chat Completions is what every compatible server speaks; never the Responses API.
            use_responses_api=False,
            cache=langchain_cache(self.store) if self.store is not None else False,
        )

    def secrets(self) -> tuple[str, ...]:
        key = self.endpoint.api_key
        return (key.get_secret_value(),) if key is not None else ()

    # -- calls -----------------------------------------------------------------------------
    def complete(
        self, turns: Sequence[ChatTurn], *, tag: CallTag, validate: Validator | None = None
    ) -> Completion:
        def run() -> tuple[Any, str]:
            message = self._model.invoke(_to_messages(turns), config=_config(tag))
            return message, _text_of(message)

        _, completion = self._call(turns, tag, run)
        verdict = validate(completion.text) if validate is not None else None
        if verdict is not None:
            self.forget(completion)  # rejected: the next run asks again instead of replaying it
        self._log(tag, completion, verdict or "ok", turns)
        return completion

    def structured(self, turns: Sequence[ChatTurn], schema: type[M], *, tag: CallTag) -> tuple[M, Completion]:
        runnable = self._model.with_structured_output(
            schema, method=self.endpoint.structured_method, include_raw=True
        )

        def run() -> tuple[Any, str]:
            out = runnable.invoke(_to_messages(turns), config=_config(tag))
            return out, _text_of(out["raw"])

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
    def _call(self, turns: Sequence[ChatTurn], tag: CallTag, run: Any) -> tuple[Any, Completion]:
        digest = prompt_hash(self.endpoint.model, turns)
        started = time.monotonic()
        try:
            with recording_keys() as keys:
                result, text = run()
        except Exception as exc:  # mapped to a BackendError below; our own bugs are re-raised
            error = self._map_error(exc)
            duration = time.monotonic() - started
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
                    round(duration, 3),
                    error.kind,
                    tag.attempt,
                    error.message,
                )
            )
            raise error from None
        message = result["raw"] if isinstance(result, dict) else result
        cached = bool(getattr(message, "response_metadata", {}).get(CACHE_MARK))
        usage = getattr(message, "usage_metadata", None) or {}
        completion = Completion(
            text=text,
            cached=cached,
            input_tokens=int(usage.get("input_tokens") or 0),
            output_tokens=int(usage.get("output_tokens") or 0),
            duration_s=time.monotonic() - started,
            prompt_hash=digest,
            cache_keys=tuple(keys),
        )
        self.stats.add(
            cached=cached, input_tokens=completion.input_tokens, output_tokens=completion.output_tokens
        )
        return result, completion

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

        where = self.endpoint.base_url
        retries = self.options.max_retries
        if isinstance(exc, openai.APITimeoutError):
            err = BackendError("timeout", f"请求超时（{self.options.timeout:g} 秒，已重试 {retries} 次）")
        elif isinstance(exc, openai.APIConnectionError):
            err = BackendError("connection", f"无法连接大模型服务 {where}（已重试 {retries} 次）")
        elif isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            err = BackendError(
                "auth",
                f"大模型服务拒绝了 API 密钥（HTTP {exc.status_code}）：请检查{self.endpoint.key_source}中的密钥",
            )
        elif isinstance(exc, openai.NotFoundError):
            err = BackendError(
                "not_found",
                f"服务 {where} 上找不到模型 “{self.endpoint.model}” 或接口（HTTP 404）：请检查 --model 与 --base-url",
            )
        elif isinstance(exc, openai.RateLimitError):
            err = BackendError("rate_limited", f"服务限流（HTTP 429），已重试 {retries} 次仍未成功")
        elif isinstance(exc, openai.APIStatusError):
            err = BackendError("server_error", f"服务返回错误（HTTP {exc.status_code}），已重试 {retries} 次")
        elif isinstance(exc, openai.APIError | ValueError | KeyError | TypeError):
            # openai.APIResponseValidationError, an undecodable body (json.JSONDecodeError is a
            # ValueError), or a response missing its fields.
            err = BackendError("invalid_output", "服务返回的内容无法解析")
        else:
            raise exc
        err.message = redact(err.message, self.secrets())
        return err


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
