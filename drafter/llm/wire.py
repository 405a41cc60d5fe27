"""The direct lane: one Chat Completions call over the openai SDK's own HTTP client library,
for the first requests of a cold run while langchain-openai is still being imported.

Importing langchain-openai (and with it openai, langsmith and their pydantic models) costs well
over a second of CPU, and CPU-bound imports hold the interpreter lock: a run that waited for it
would send its first request only after it. This lane needs only ``httpx2`` (``httpx`` for older
openai releases: whichever the installed SDK uses, a tenth of a second) and sends the very body
``ChatOpenAI`` sends (``model``, ``stream: false``, ``messages``, ``temperature``,
``max_completion_tokens``). The backend (:mod:`drafter.llm.openai_compat`) uses it only until
langchain is ready; the cache, the audit log, the grounding and the verified store sit above both
lanes and see no difference.

What the SDK does and this lane does the same way (from ``openai._base_client``):

- retries: up to ``max_retries`` more attempts on a timeout, a dropped connection, HTTP 408, 409,
  429 and 5xx, or whenever the server says ``x-should-retry: true`` (never when it says
  ``false``, nor when its ``Retry-After`` is over two minutes);
- the wait before a retry: the server's ``retry-after-ms`` / ``retry-after`` (seconds or an HTTP
  date) when it is between 0 and 120 s, otherwise 0.5 s × 2^(retries so far), at most 8 s, less
  up to 25 % of jitter;
- the timeout: one ``timeout`` for connect, read, write and pool, as ``httpx.Timeout(timeout)``;
- errors: the same :class:`~drafter.llm.backend.BackendError` kinds and Chinese messages as the
  langchain lane's mapping of the SDK's exceptions (:func:`failure`); a body that is not a chat
  completion is ``invalid_output`` and is not retried.
"""

from __future__ import annotations

import email.utils
import json
import math
import random
import threading
import time
from collections.abc import Sequence
from typing import Any

from drafter.llm.audit import redact
from drafter.llm.backend import BackendError, ChatTurn
from drafter.llm.options import Endpoint, LLMOptions

__all__ = ["DirectChat", "failure", "request_body", "retry_delay", "should_retry"]

# openai._constants
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER_DELAY = 120.0
# openai._constants.DEFAULT_CONNECTION_LIMITS
MAX_CONNECTIONS = 1000
MAX_KEEPALIVE = 100


def failure(kind: str, endpoint: Endpoint, options: LLMOptions, status: int | None = None) -> BackendError:
    """The BackendError of a failed call, worded alike for both lanes (never showing the key)."""
    where = endpoint.base_url
    retries = options.max_retries
    if kind == "timeout":
        err = BackendError("timeout", f"请求超时（{options.timeout:g} 秒，已重试 {retries} 次）")
    elif kind == "connection":
        err = BackendError("connection", f"无法连接大模型服务 {where}（已重试 {retries} 次）")
    elif kind == "auth":
        err = BackendError(
            "auth", f"大模型服务拒绝了 API 密钥（HTTP {status}）：请检查{endpoint.key_source}中的密钥"
        )
    elif kind == "not_found":
        err = BackendError(
            "not_found",
            f"服务 {where} 上找不到模型 “{endpoint.model}” 或接口（HTTP 404）：请检查 --model 与 --base-url",
        )
    elif kind == "rate_limited":
        err = BackendError("rate_limited", f"服务限流（HTTP 429），已重试 {retries} 次仍未成功")
    elif kind == "server_error":
        err = BackendError("server_error", f"服务返回错误（HTTP {status}），已重试 {retries} 次")
    else:
        err = BackendError("invalid_output", "服务返回的内容无法解析")
    secrets = (endpoint.api_key.get_secret_value(),) if endpoint.api_key is not None else ()
    err.message = redact(err.message, secrets)
    return err


def status_kind(status: int) -> str:
    """The failure kind of an HTTP error status, as the SDK's exception classes sort them."""
    if status in (401, 403):
        return "auth"
    if status == 404:
        return "not_found"
    if status == 429:
        return "rate_limited"
    return "server_error"


def request_body(endpoint: Endpoint, options: LLMOptions, turns: Sequence[ChatTurn]) -> dict[str, Any]:
    """The JSON body ``ChatOpenAI(use_responses_api=False)`` posts for these turns."""
    body: dict[str, Any] = {
        "model": endpoint.model,
        "stream": False,
        "messages": [{"content": t.content, "role": t.role} for t in turns],
    }
    if options.max_tokens is not None:
        body["max_completion_tokens"] = options.max_tokens
    body["temperature"] = options.temperature
    return body


def _retry_after(headers: Any) -> float | None:
    """Seconds the server asks to wait (``retry-after-ms``, ``retry-after`` as seconds or a date)."""
    for name, divisor in (("retry-after-ms", 1000), ("retry-after", 1)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            delay = float(value)
        except ValueError:
            continue
        if delay == math.inf and value.strip().lower() not in ("inf", "+inf", "infinity", "+infinity"):
            return MAX_RETRY_AFTER_DELAY + 1
        return delay / divisor
    try:
        parsed = email.utils.parsedate_tz(headers.get("retry-after"))
        if parsed is None:
            return None
        return float(email.utils.mktime_tz(parsed) - time.time())
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def should_retry(status: int, headers: Any) -> bool:
    """Whether the SDK retries a response with this status and these headers."""
    after = _retry_after(headers)
    if after is not None and math.isfinite(after) and after > MAX_RETRY_AFTER_DELAY:
        return False
    told = headers.get("x-should-retry")
    if told == "true":
        return True
    if told == "false":
        return False
    return status in (408, 409, 429) or status >= 500


def retry_delay(retries_taken: int, headers: Any = None) -> float:
    """Seconds to wait before the next attempt, after ``retries_taken`` retries."""
    after = _retry_after(headers) if headers is not None else None
    if after is not None and math.isfinite(after) and 0 < after <= MAX_RETRY_AFTER_DELAY:
        return after
    backoff = min(INITIAL_RETRY_DELAY * pow(2.0, min(retries_taken, 1000)), MAX_RETRY_DELAY)
    return max(backoff * (1 - 0.25 * random.random()), 0.0)


def _http() -> Any:
    """The HTTP library the installed openai SDK is built on."""
    try:
        import httpx2 as http
    except ImportError:  # openai releases before httpx2
        import httpx as http
    return http


class DirectChat:
    """Chat Completions over one pooled HTTP client (made on first use, shareable with
    ``ChatOpenAI(http_client=...)``). Thread-safe."""

    def __init__(self, endpoint: Endpoint, options: LLMOptions) -> None:
        self.endpoint = endpoint
        self.options = options
        self._lock = threading.Lock()
        self._client: Any = None
        self._http: Any = None

    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                http = self._http = _http()
                self._client = http.Client(
                    timeout=self.options.timeout,
                    follow_redirects=True,
                    limits=http.Limits(
                        max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_KEEPALIVE
                    ),
                )
            return self._client

    def chat(self, turns: Sequence[ChatTurn], sending: Any = None) -> tuple[str, int, int]:
        """(text, input tokens, output tokens) of one completion; BackendError when none came.
        ``sending()``, if given, is called once, right before the first attempt goes out."""
        client = self.client()
        http = self._http
        url = self.endpoint.base_url.rstrip("/") + "/chat/completions"
        payload = json.dumps(request_body(self.endpoint, self.options, turns), ensure_ascii=False).encode()
        headers = {
            "Authorization": f"Bearer {self.endpoint.key_value()}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        retries = self.options.max_retries
        if sending is not None:
            sending()
        for taken in range(retries + 1):
            left = retries - taken
            try:
                response = client.post(
                    url, content=payload, headers={**headers, "x-stainless-retry-count": str(taken)}
                )
            except http.TimeoutException:
                if left > 0:
                    time.sleep(retry_delay(taken))
                    continue
                raise failure("timeout", self.endpoint, self.options) from None
            except Exception:  # the SDK's APIConnectionError: anything else that stopped the send
                if left > 0:
                    time.sleep(retry_delay(taken))
                    continue
                raise failure("connection", self.endpoint, self.options) from None
            if response.status_code >= 400:
                if left > 0 and should_retry(response.status_code, response.headers):
                    response.close()
                    time.sleep(retry_delay(taken, response.headers))
                    continue
                raise failure(
                    status_kind(response.status_code), self.endpoint, self.options, response.status_code
                )
            return _parse(response.content, self.endpoint, self.options)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()


def _parse(raw: bytes, endpoint: Endpoint, options: LLMOptions) -> tuple[str, int, int]:
    """Text and token counts of a chat completion body, read as langchain reads it."""
    try:
        body = json.loads(raw)
        message = body["choices"][0]["message"]
        content = message.get("content")
        usage = body.get("usage") or {}
        if isinstance(content, list):
            content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
        if content is not None and not isinstance(content, str):
            raise TypeError(type(content).__name__)
        return (
            content or "",
            int(usage.get("prompt_tokens") or 0),
            int(usage.get("completion_tokens") or 0),
        )
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise failure("invalid_output", endpoint, options) from None
