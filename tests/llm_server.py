"""A loopback OpenAI-compatible HTTP server for tests and benchmarks.

Real HTTP on 127.0.0.1 (ephemeral port), served from a thread, so the real openai and langchain
client code runs end to end. Each test scripts it: a queue of :class:`Reply` objects is consumed
first (in arrival order), then ``responder(request)`` answers. Every request is recorded.

    with LoopbackLLM(responder=echo_skeleton) as server:
        server.enqueue(Reply.status(429, retry_after_ms=5))
        ...  # point drafter at server.url
        assert server.count("/v1/chat/completions") == 7
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["LoopbackLLM", "Recorded", "Reply", "echo_skeleton", "last_user_text", "skeleton_of"]

# Must match the delimiters of prompts/llm/draft-*.yaml.
SKELETON_START = "<<<初稿"
SKELETON_END = "初稿>>>"


@dataclass(frozen=True)
class Reply:
    """One scripted answer."""

    content: str = ""
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    raw_body: bytes | None = None  # sent as is (e.g. a malformed body)
    hang: float = 0.0  # seconds to stall before answering (bounded; cut short on stop)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None

    @classmethod
    def text(cls, content: str, **kw: Any) -> Reply:
        return cls(content=content, **kw)

    @classmethod
    def error(
        cls, status: int, *, retry_after_ms: int | None = None, message: str = "scripted error"
    ) -> Reply:
        headers = (("retry-after-ms", str(retry_after_ms)),) if retry_after_ms is not None else ()
        body = json.dumps({"error": {"message": message, "type": "scripted", "code": status}}).encode()
        return cls(status=status, headers=headers, raw_body=body)

    @classmethod
    def hanging(cls, seconds: float) -> Reply:
        return cls(content="（迟到的回答）", hang=seconds)

    @classmethod
    def malformed_body(cls) -> Reply:
        return cls(raw_body=b'{"id": "x", "choices": [ {"message": ')


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    time: float

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))


def last_user_text(request: Recorded) -> str:
    users = [m for m in request.messages if m.get("role") == "user"]
    content = users[-1]["content"] if users else ""
    if isinstance(content, list):
        content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


def skeleton_of(request: Recorded) -> str:
    """The offline text the drafting prompt carries between its delimiters."""
    for message in request.messages:
        content = message.get("content")
        if isinstance(content, str) and SKELETON_START in content:
            match = re.search(
                re.escape(SKELETON_START) + r"\n?(.*?)\n?" + re.escape(SKELETON_END), content, re.S
            )
            if match:
                return match.group(1)
    return ""


def echo_skeleton(request: Recorded) -> Reply:
    """A well-behaved model: returns the skeleton, lightly reworded, with exactly its numbers."""
    return Reply.text(skeleton_of(request))


@dataclass
class LoopbackLLM:
    responder: Callable[[Recorded], Reply] = echo_skeleton
    latency: float = 0.0  # added to every chat request
    models: tuple[str, ...] = ("loopback-model",)
    requests: list[Recorded] = field(default_factory=list)
    max_in_flight: int = 0  # the most chat requests being served at once
    _in_flight: int = 0
    _queue: deque[Reply] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None

    # -- scripting -------------------------------------------------------------------------
    def enqueue(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def count(self, path: str = "/v1/chat/completions") -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.path == path)

    def chat_requests(self) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path == "/v1/chat/completions"]

    def _next_reply(self, request: Recorded) -> Reply:
        with self._lock:
            scripted = self._queue.popleft() if self._queue else None
        return scripted if scripted is not None else self.responder(request)

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> LoopbackLLM:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                return

            def _record(self, body: dict[str, Any]) -> Recorded:
                rec = Recorded(
                    self.command,
                    self.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                    time.monotonic(),
                )
                with owner._lock:
                    owner.requests.append(rec)
                return rec

            def _send(self, status: int, payload: bytes, headers: tuple[tuple[str, str], ...] = ()) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in headers:
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): nothing to do

            def do_GET(self) -> None:
                self._record({})
                if self.path.rstrip("/") == "/v1/models":
                    data = [{"id": m, "object": "model", "owned_by": "loopback"} for m in owner.models]
                    self._send(200, json.dumps({"object": "list", "data": data}).encode())
                else:
                    self._send(404, b'{"error": {"message": "not found"}}')

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"_unparsed": raw.decode("utf-8", "replace")}
                rec = self._record(body)
                if rec.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, b'{"error": {"message": "not found"}}')
                    return
                reply = owner._next_reply(rec)
                with owner._lock:
                    owner._in_flight += 1
                    owner.max_in_flight = max(owner.max_in_flight, owner._in_flight)
                try:
                    delay = owner.latency + reply.hang
                    if delay:
                        owner._stop.wait(delay)
                finally:
                    with owner._lock:
                        owner._in_flight -= 1
                if reply.raw_body is not None:
                    self._send(reply.status, reply.raw_body, reply.headers)
                    return
                prompt_text = "".join(str(m.get("content", "")) for m in rec.messages)
                usage_in = (
                    reply.prompt_tokens if reply.prompt_tokens is not None else max(1, len(prompt_text) // 2)
                )
                usage_out = (
                    reply.completion_tokens
                    if reply.completion_tokens is not None
                    else max(1, len(reply.content) // 2)
                )
                message: dict[str, Any] = {"role": "assistant", "content": reply.content}
                tools = body.get("tools") or []
                if tools:  # function calling: the scripted content becomes the first tool's arguments
                    name = tools[0].get("function", {}).get("name", "tool")
                    message = {
                        "role": "assistant",
                        "content": None,
                        "tool_calls": [
                            {
                                "id": "call_1",
                                "type": "function",
                                "function": {"name": name, "arguments": reply.content},
                            }
                        ],
                    }
                payload = {
                    "id": f"chatcmpl-{len(owner.requests)}",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body.get("model", "loopback-model"),
                    "choices": [
                        {
                            "index": 0,
                            "message": message,
                            "finish_reason": "tool_calls" if tools else "stop",
                        }
                    ],
                    "usage": {
                        "prompt_tokens": usage_in,
                        "completion_tokens": usage_out,
                        "total_tokens": usage_in + usage_out,
                    },
                }
                self._send(reply.status, json.dumps(payload, ensure_ascii=False).encode(), reply.headers)

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LoopbackLLM:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
