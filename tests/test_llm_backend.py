"""The OpenAI-compatible backend over real HTTP (loopback server, real openai/langchain client)."""

from __future__ import annotations

import json
import time

import pytest
from llm_server import LoopbackLLM, Reply
from pydantic import BaseModel

from drafter.llm.backend import BackendError, CallTag, ChatTurn, create_backend
from drafter.llm.options import load_options
from drafter.userdirs import audit_log_path, cache_dir

SECRET = "sk-drafter-TESTSECRET-0123456789abcdef"


@pytest.fixture
def server():
    with LoopbackLLM(responder=lambda r: Reply.text("回答正文")) as s:
        yield s


def backend_for(server: LoopbackLLM, **kw):
    kw.setdefault("timeout", 5)
    kw.setdefault("max_retries", 2)
    return create_backend(load_options(base_url=server.url, model="loopback-model", **kw))


TURNS = [ChatTurn("system", "系统"), ChatTurn("user", "请写一段话")]
TAG = CallTag("draft-test", "sec1")


def audit_lines() -> list[dict]:
    path = audit_log_path()
    return (
        [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    )


def test_cold_then_warm_cache(server):
    backend = backend_for(server)
    first = backend.complete(TURNS, tag=TAG)
    again = backend.complete(TURNS, tag=TAG)
    assert (first.text, first.cached) == ("回答正文", False)
    assert (again.text, again.cached) == ("回答正文", True)
    assert server.count() == 1
    # a new process (new backend) also hits the disk cache
    assert backend_for(server).complete(TURNS, tag=TAG).cached
    assert server.count() == 1
    assert backend.stats.requests == 1 and backend.stats.cache_hits == 1
    assert backend.stats.input_tokens > 0 and backend.stats.output_tokens > 0


def test_different_model_or_prompt_misses(server):
    backend_for(server).complete(TURNS, tag=TAG)
    create_backend(load_options(base_url=server.url, model="other-model", timeout=5)).complete(TURNS, tag=TAG)
    backend_for(server).complete([*TURNS[:1], ChatTurn("user", "另一段")], tag=TAG)
    assert server.count() == 3


def test_no_cache_makes_a_request_each_time(server):
    backend = backend_for(server, cache=False)
    backend.complete(TURNS, tag=TAG)
    backend.complete(TURNS, tag=TAG)
    assert server.count() == 2
    assert not (cache_dir() / "llm").exists()


def test_429_then_success_is_retried(server):
    server.enqueue(Reply.error(429, retry_after_ms=10))
    completion = backend_for(server).complete(TURNS, tag=TAG)
    assert completion.text == "回答正文"
    assert server.count() == 2


def test_500_after_retries_is_a_server_error(server):
    server.enqueue(Reply.error(500), Reply.error(500), Reply.error(500))
    with pytest.raises(BackendError) as err:
        backend_for(server, max_retries=2).complete(TURNS, tag=TAG)
    assert err.value.kind == "server_error" and not err.value.fatal
    assert "HTTP 500" in err.value.message
    assert server.count() == 3
    assert audit_lines()[-1]["outcome"] == "server_error"


def test_malformed_body_is_invalid_output(server):
    server.enqueue(Reply.malformed_body())
    with pytest.raises(BackendError) as err:
        backend_for(server).complete(TURNS, tag=TAG)
    assert err.value.kind == "invalid_output"


def test_hanging_response_is_bounded_by_the_timeout(server):
    server.enqueue(Reply.hanging(5), Reply.hanging(5))
    started = time.monotonic()
    with pytest.raises(BackendError) as err:
        backend_for(server, timeout=0.3, max_retries=1).complete(TURNS, tag=TAG)
    assert err.value.kind == "timeout"
    assert time.monotonic() - started < 3
    assert server.count() == 2


def test_structured_output_json_mode(server):
    class Answer(BaseModel):
        total: int
        items: list[str]

    server.enqueue(Reply.text('{"total": 2, "items": ["甲", "乙"]}'), Reply.text('{"total": '))
    backend = backend_for(server)
    parsed, _ = backend.structured(TURNS, Answer, tag=TAG)
    assert parsed == Answer(total=2, items=["甲", "乙"])
    assert server.chat_requests()[0].body["response_format"] == {"type": "json_object"}
    with pytest.raises(BackendError) as err:
        backend.structured([ChatTurn("user", "再来")], Answer, tag=TAG)
    assert err.value.kind == "invalid_output"


def test_audit_log_records_each_call(server):
    backend = backend_for(server)
    backend.complete(TURNS, tag=TAG)
    backend.complete(TURNS, tag=TAG)
    first, second = audit_lines()
    assert first["template"] == "draft-test" and first["section"] == "sec1"
    assert first["model"] == "loopback-model" and first["outcome"] == "ok"
    assert first["prompt_hash"] == second["prompt_hash"] and len(first["prompt_hash"]) == 16
    assert (first["cached"], second["cached"]) == (False, True)
    assert first["input_tokens"] > 0 and first["duration_s"] >= 0
    assert "请写一段话" not in audit_log_path().read_text(encoding="utf-8")  # prompts are hashed, not stored


def test_audit_log_can_record_prompt_and_answer_when_asked(server):
    backend_for(server, audit_content=True).complete(TURNS, tag=TAG)
    (entry,) = audit_lines()
    assert "请写一段话" in entry["prompt"] and entry["response"] == "回答正文"


def test_audit_log_can_be_switched_off(server):
    backend_for(server, audit=False).complete(TURNS, tag=TAG)
    assert not audit_log_path().exists()


def test_key_is_sent_but_never_logged_stored_or_shown(server, monkeypatch):
    monkeypatch.setenv("DRAFTER_API_KEY", SECRET)
    backend = backend_for(server, max_retries=0)
    backend.complete(TURNS, tag=TAG)
    assert server.chat_requests()[0].headers.get("authorization") == f"Bearer {SECRET}"
    # the server rejects the key and echoes it back, as real services do (partly)
    server.enqueue(Reply.error(401, message=f"Incorrect API key provided: {SECRET}"))
    with pytest.raises(BackendError) as err:
        backend.complete([ChatTurn("user", "另一个问题")], tag=TAG)
    assert err.value.kind == "auth" and err.value.fatal
    assert "DRAFTER_API_KEY" in err.value.message
    stored = [audit_log_path().read_text(encoding="utf-8"), str(err.value)]
    stored += [p.read_text(encoding="utf-8") for p in (cache_dir() / "llm").rglob("*.json")]
    for text in stored:
        assert SECRET not in text and SECRET[-8:] not in text and SECRET[:12] not in text


@pytest.mark.parametrize("method", ["json_mode", "json_schema", "function_calling"])
def test_every_structured_output_method_round_trips(server, method):
    from drafter.llm.review import ReviewAnswer

    server.enqueue(
        Reply.text(
            '{"issues": [{"kind": "contradiction", "quotes": ["甲乙丙丁戊己"], "explanation": "说明"}]}'
        )
    )
    parsed, _ = backend_for(server, structured_method=method).structured(TURNS, ReviewAnswer, tag=TAG)
    assert parsed.issues[0].quotes == ["甲乙丙丁戊己"]
    body = server.chat_requests()[-1].body
    if method == "function_calling":
        assert body["tools"][0]["function"]["name"] == "ReviewAnswer"
    else:
        assert (
            body["response_format"]["type"]
            == {"json_mode": "json_object", "json_schema": "json_schema"}[method]
        )


def test_a_rejected_answer_is_evicted_and_asked_again(server):
    backend = backend_for(server)
    reject = backend.complete(TURNS, tag=TAG, validate=lambda text: "rejected: 数字找不到")
    assert not reject.cached and reject.cache_keys
    assert not any((cache_dir() / "llm").rglob("*.json"))  # nothing left to replay
    again = backend_for(server).complete(TURNS, tag=TAG, validate=lambda text: None)
    assert not again.cached and server.count() == 2  # asked again, not replayed
    assert backend_for(server).complete(TURNS, tag=TAG).cached and server.count() == 2  # the good one stays
    assert [e["outcome"] for e in audit_lines()] == ["rejected", "ok", "ok"]


def test_a_malformed_structured_answer_is_not_replayed(server):
    class Answer(BaseModel):
        total: int

    server.enqueue(Reply.text('{"total": '), Reply.text('{"total": 3}'))
    with pytest.raises(BackendError):
        backend_for(server).structured(TURNS, Answer, tag=TAG)
    parsed, completion = backend_for(server).structured(TURNS, Answer, tag=TAG)
    assert parsed == Answer(total=3) and not completion.cached and server.count() == 2
    parsed, completion = backend_for(server).structured(TURNS, Answer, tag=TAG)
    assert completion.cached and server.count() == 2
