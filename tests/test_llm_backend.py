"""The OpenAI-compatible backend over real HTTP (loopback server, real openai/langchain client).

Plain-text calls go through langchain, or, while langchain is still loading in a cold process,
over the direct lane (:mod:`drafter.llm.wire`); every test of them runs on both lanes, which must
behave alike (cache, retries, timeouts, errors, audit log, the key)."""

from __future__ import annotations

import json
import time

import pytest
from llm_server import LoopbackLLM, Reply
from pydantic import BaseModel

from drafter.llm.backend import BackendError, CallTag, ChatTurn
from drafter.llm.openai_compat import OpenAICompatibleBackend
from drafter.llm.options import load_options, resolve_endpoint
from drafter.userdirs import audit_log_path, cache_dir

SECRET = "sk-drafter-TESTSECRET-0123456789abcdef"


@pytest.fixture
def server():
    with LoopbackLLM(responder=lambda r: Reply.text("回答正文")) as s:
        yield s


@pytest.fixture(params=["direct", "langchain"])
def lane(request):
    return request.param


def backend_for(server: LoopbackLLM, lane: str = "auto", **kw):
    kw.setdefault("timeout", 5)
    kw.setdefault("max_retries", 2)
    kw.setdefault("model", "loopback-model")
    options = load_options(base_url=server.url, **kw)
    return OpenAICompatibleBackend(resolve_endpoint(options), options, lane=lane)  # type: ignore[arg-type]


TURNS = [ChatTurn("system", "系统"), ChatTurn("user", "请写一段话")]
TAG = CallTag("draft-test", "sec1")


def audit_lines() -> list[dict]:
    path = audit_log_path()
    return (
        [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    )


def test_cold_then_warm_cache(server, lane):
    backend = backend_for(server, lane)
    first = backend.complete(TURNS, tag=TAG)
    again = backend.complete(TURNS, tag=TAG)
    assert (first.text, first.cached) == ("回答正文", False)
    assert (again.text, again.cached) == ("回答正文", True)
    assert server.count() == 1
    # a new process (new backend) also hits the disk cache
    assert backend_for(server, lane).complete(TURNS, tag=TAG).cached
    assert server.count() == 1
    assert backend.stats.requests == 1 and backend.stats.cache_hits == 1
    assert backend.stats.input_tokens > 0 and backend.stats.output_tokens > 0


def test_different_model_or_prompt_misses(server, lane):
    backend_for(server, lane).complete(TURNS, tag=TAG)
    backend_for(server, lane, model="other-model").complete(TURNS, tag=TAG)
    backend_for(server, lane).complete([*TURNS[:1], ChatTurn("user", "另一段")], tag=TAG)
    assert server.count() == 3


def test_no_cache_makes_a_request_each_time(server, lane):
    backend = backend_for(server, lane, cache=False)
    backend.complete(TURNS, tag=TAG)
    backend.complete(TURNS, tag=TAG)
    assert server.count() == 2
    assert not (cache_dir() / "llm").exists()


def test_429_then_success_is_retried(server, lane):
    server.enqueue(Reply.error(429, retry_after_ms=10))
    completion = backend_for(server, lane).complete(TURNS, tag=TAG)
    assert completion.text == "回答正文"
    assert server.count() == 2


def test_500_after_retries_is_a_server_error(server, lane):
    server.enqueue(Reply.error(500), Reply.error(500), Reply.error(500))
    with pytest.raises(BackendError) as err:
        backend_for(server, lane, max_retries=2).complete(TURNS, tag=TAG)
    assert err.value.kind == "server_error" and not err.value.fatal
    assert "HTTP 500" in err.value.message
    assert server.count() == 3
    assert audit_lines()[-1]["outcome"] == "server_error"


def test_malformed_body_is_invalid_output(server, lane):
    server.enqueue(Reply.malformed_body())
    with pytest.raises(BackendError) as err:
        backend_for(server, lane).complete(TURNS, tag=TAG)
    assert err.value.kind == "invalid_output"


def test_hanging_response_is_bounded_by_the_timeout(server, lane):
    server.enqueue(Reply.hanging(5), Reply.hanging(5))
    started = time.monotonic()
    with pytest.raises(BackendError) as err:
        backend_for(server, lane, timeout=0.3, max_retries=1).complete(TURNS, tag=TAG)
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


def test_audit_log_records_each_call(server, lane):
    backend = backend_for(server, lane)
    backend.complete(TURNS, tag=TAG)
    backend.complete(TURNS, tag=TAG)
    first, second = audit_lines()
    assert first["template"] == "draft-test" and first["section"] == "sec1"
    assert first["model"] == "loopback-model" and first["outcome"] == "ok"
    assert first["prompt_hash"] == second["prompt_hash"] and len(first["prompt_hash"]) == 16
    assert (first["cached"], second["cached"]) == (False, True)
    assert first["input_tokens"] > 0 and first["duration_s"] >= 0
    assert "请写一段话" not in audit_log_path().read_text(encoding="utf-8")  # prompts are hashed, not stored


def test_audit_log_can_record_prompt_and_answer_when_asked(server, lane):
    backend_for(server, lane, audit_content=True).complete(TURNS, tag=TAG)
    (entry,) = audit_lines()
    assert "请写一段话" in entry["prompt"] and entry["response"] == "回答正文"


def test_audit_log_can_be_switched_off(server, lane):
    backend_for(server, lane, audit=False).complete(TURNS, tag=TAG)
    assert not audit_log_path().exists()


def test_key_is_sent_but_never_logged_stored_or_shown(server, lane, monkeypatch):
    monkeypatch.setenv("DRAFTER_API_KEY", SECRET)
    backend = backend_for(server, lane, max_retries=0)
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


def test_a_rejected_answer_is_evicted_and_asked_again(server, lane):
    backend = backend_for(server, lane)
    reject = backend.complete(TURNS, tag=TAG, validate=lambda text: "rejected: 数字找不到")
    assert not reject.cached and reject.cache_keys
    assert not any((cache_dir() / "llm").rglob("*.json"))  # nothing left to replay
    again = backend_for(server, lane).complete(TURNS, tag=TAG, validate=lambda text: None)
    assert not again.cached and server.count() == 2  # asked again, not replayed
    good = backend_for(server, lane).complete(TURNS, tag=TAG)
    assert good.cached and server.count() == 2  # the good one stays
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


# -- the two lanes of complete(): the same request, the same policy, one cache ------------------


def test_both_lanes_send_the_same_request(server, monkeypatch):
    monkeypatch.setenv("DRAFTER_API_KEY", SECRET)
    for lane_ in ("direct", "langchain"):
        backend_for(server, lane_, cache=False, max_tokens=300, temperature=0.7).complete(TURNS, tag=TAG)
    direct, langchain = server.chat_requests()
    assert direct.body == langchain.body
    assert direct.body["max_completion_tokens"] == 300 and direct.body["temperature"] == 0.7
    assert direct.path == langchain.path
    for name in ("authorization", "content-type", "accept", "x-stainless-retry-count"):
        assert direct.headers.get(name) == langchain.headers.get(name), name


def test_an_answer_cached_by_one_lane_is_a_hit_for_the_other(server):
    assert not backend_for(server, "direct").complete(TURNS, tag=TAG).cached
    assert backend_for(server, "langchain").complete(TURNS, tag=TAG).cached
    other = [ChatTurn("user", "另一段")]
    assert not backend_for(server, "langchain").complete(other, tag=TAG).cached
    assert backend_for(server, "direct").complete(other, tag=TAG).cached
    assert server.count() == 2


@pytest.mark.parametrize(
    ("reply", "kind", "sent"),
    [
        (Reply.error(404), "not_found", 1),  # not retried, fatal
        (Reply.error(403), "auth", 1),
        (Reply.error(400), "server_error", 1),  # a 4xx other than 408/409/429 is not retried
        (Reply(status=503, raw_body=b"{}", headers=(("x-should-retry", "false"),)), "server_error", 1),
        (Reply.error(429, retry_after_ms=10), "rate_limited", 3),
        (Reply(status=409, raw_body=b"{}", headers=(("retry-after", "0.01"),)), "server_error", 3),
        (Reply(status=429, raw_body=b"{}", headers=(("retry-after", "300"),)), "rate_limited", 1),  # > 2 min
    ],
)
def test_both_lanes_retry_alike(server, lane, reply, kind, sent):
    server.enqueue(reply, reply, reply)
    with pytest.raises(BackendError) as err:
        backend_for(server, lane, max_retries=2).complete(TURNS, tag=TAG)
    assert err.value.kind == kind and server.count() == sent
    assert audit_lines()[-1]["outcome"] == kind


def test_a_400_with_x_should_retry_true_is_retried(server, lane):
    server.enqueue(
        Reply(status=400, raw_body=b"{}", headers=(("x-should-retry", "true"), ("retry-after-ms", "5")))
    )
    assert backend_for(server, lane).complete(TURNS, tag=TAG).text == "回答正文"
    assert server.count() == 2


@pytest.mark.parametrize(
    "body",
    [
        b"not json at all",
        b'{"choices": []}',
        b'{"error": {"message": "x"}}',
        b'{"choices": [{"message": {"content": 5}}]}',
    ],
)
def test_a_body_that_is_no_chat_completion_is_invalid_output_on_both_lanes(server, lane, body):
    server.enqueue(Reply(raw_body=body))
    with pytest.raises(BackendError) as err:
        backend_for(server, lane).complete(TURNS, tag=TAG)
    assert err.value.kind == "invalid_output" and not err.value.fatal
    assert server.count() == 1
    assert not any((cache_dir() / "llm").rglob("*.json"))  # a failure is never cached


def test_a_server_that_is_gone_is_a_connection_error_on_both_lanes(lane):
    with LoopbackLLM() as gone:
        url = gone.url
    options = load_options(base_url=url, model="loopback-model", timeout=2, max_retries=1)
    backend = OpenAICompatibleBackend(resolve_endpoint(options), options, lane=lane)  # type: ignore[arg-type]
    with pytest.raises(BackendError) as err:
        backend.complete(TURNS, tag=TAG)
    assert err.value.kind == "connection" and err.value.fatal and url in err.value.message


def test_auto_lane_goes_direct_until_langchain_is_ready(server, monkeypatch):
    """A cold process: the first requests go out while langchain is still loading (it starts
    loading only once they are on the wire); once it is ready it carries every call."""
    import threading

    import drafter.llm.openai_compat as compat

    release = threading.Event()
    real = compat._chat_openai

    def slow_import():
        release.wait(10)
        return real()

    monkeypatch.setattr(compat, "_chat_openai", slow_import)
    backend = backend_for(server, "auto")
    assert backend._models is None  # nothing loaded before the first call
    backend.wait_dispatched(0)
    first = backend.complete(TURNS, tag=TAG)
    assert first.text == "回答正文" and not first.cached
    assert backend._models is not None and not backend._models.done()  # loading began, not over
    release.set()
    backend._models.result(timeout=30)
    backend.complete([ChatTurn("user", "另一段")], tag=TAG)
    direct, langchain = server.chat_requests()
    assert not direct.headers["user-agent"].startswith("OpenAI/Python")
    assert langchain.headers["user-agent"].startswith("OpenAI/Python")
    assert [e["outcome"] for e in audit_lines()] == ["ok", "ok"]


def test_retry_waits_follow_the_sdk():
    from drafter.llm.wire import retry_delay, should_retry

    assert retry_delay(0, {"retry-after-ms": "250"}) == 0.25
    assert retry_delay(0, {"retry-after": "3"}) == 3.0
    assert 0.375 <= retry_delay(0) <= 0.5 and 0.75 <= retry_delay(1) <= 1.0
    assert 6.0 <= retry_delay(10) <= 8.0  # capped
    assert 0.375 <= retry_delay(0, {"retry-after": "500"}) <= 0.5  # over two minutes: backoff instead
    assert should_retry(500, {}) and should_retry(408, {}) and not should_retry(401, {})
    assert not should_retry(429, {"retry-after": "121"})
