"""Polished drafting of the yangxi example against the loopback server."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO
from llm_server import LoopbackLLM, Recorded, Reply, last_user_text, skeleton_of

from drafter.data.load import load_data
from drafter.draft.report import draft_report
from drafter.errors import DrafterError
from drafter.llm.drafting import polish_report
from drafter.llm.grounding import NumberIndex
from drafter.llm.options import load_options

DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"
EXPENDITURE = "（三）部门整体支出情况"


@pytest.fixture(scope="module")
def offline():
    return draft_report(load_data(DATA))


def reworded(request: Recorded) -> Reply:
    """A good model: same facts and numbers, different wording."""
    return Reply.text(skeleton_of(request).replace("本单位", "我单位"))


def is_section(request: Recorded, heading: str) -> bool:
    return any(heading in str(m.get("content", "")) for m in request.messages if m.get("role") == "user")


def options(server: LoopbackLLM, **kw):
    kw.setdefault("timeout", 5)
    kw.setdefault("max_retries", 1)
    return load_options(base_url=server.url, model="loopback-model", **kw)


def model_sections(offline) -> list[str]:
    return [s.key for s in offline.sections if not s.has_placeholder and len(s.text.strip()) >= 12]


def test_one_request_per_section_cold_and_none_warm(offline):
    with LoopbackLLM(responder=reworded) as server:
        cold = polish_report(offline, options(server), progress=False)
        assert server.count() == len(model_sections(offline)) >= 8
        warm = polish_report(offline, options(server), progress=False)
        assert server.count() == len(model_sections(offline))
    assert cold.stats.requests == len(model_sections(offline)) and cold.stats.cache_hits == 0
    assert warm.stats.requests == 0 and warm.stats.cache_hits == len(model_sections(offline))
    assert warm.report == cold.report
    assert all(o.source == "model" for o in cold.outcomes if o.key in model_sections(offline))
    assert "我单位" in cold.report.to_text() and "本单位" not in cold.report.to_text()
    assert cold.report.to_text() != offline.to_text()
    # headings, order and sub-headings are the skeleton's
    assert [s.heading for s in cold.report.sections] == [s.heading for s in offline.sections]
    for before, after in zip(offline.sections, cold.report.sections, strict=True):
        assert [ln for ln in after.text.splitlines() if ln.startswith("#")] == [
            ln for ln in before.text.splitlines() if ln.startswith("#")
        ]
    assert any("模型请求 0 次，缓存命中" in line for line in warm.messages())


def test_every_number_of_the_polished_report_is_grounded(offline):
    with LoopbackLLM(responder=reworded) as server:
        result = polish_report(offline, options(server), progress=False)
    everything = [s.context for s in offline.sections]
    for section in result.report.sections:
        index = NumberIndex.build([section.context], [offline.section(section.key).text], direct=everything)
        assert index.check(section.text) == [], section.key


def test_invented_number_is_re_asked_naming_it(offline):
    def responder(request: Recorded) -> Reply:
        if is_section(request, EXPENDITURE) and len(request.messages) == 2:
            return Reply.text(skeleton_of(request).replace("3115.27万元", "3200万元", 1))
        return reworded(request)

    with LoopbackLLM(responder=responder) as server:
        result = polish_report(offline, options(server), progress=False)
        reask = [r for r in server.chat_requests() if len(r.messages) == 4]
    assert len(reask) == 1
    assert "3200万元" in last_user_text(reask[0]) and "与数据不符" in last_user_text(reask[0])
    assert reask[0].messages[2]["role"] == "assistant"
    outcome = next(o for o in result.outcomes if o.key == "expenditure")
    assert (outcome.source, outcome.attempts) == ("model", 2)
    assert "3200" not in result.report.section("expenditure").text


def test_persistent_invention_falls_back_to_the_skeleton_and_says_why(offline):
    def responder(request: Recorded) -> Reply:
        if is_section(request, EXPENDITURE):
            return Reply.text(skeleton_of(request).replace("3115.27万元", "3200万元", 1) or "3200万元")
        return reworded(request)

    with LoopbackLLM(responder=responder) as server:
        result = polish_report(offline, options(server, max_reasks=2), progress=False)
        asked = [r for r in server.chat_requests() if is_section(r, EXPENDITURE)]
    assert len(asked) == 3  # first answer + two re-asks
    assert result.report.section("expenditure").text == offline.section("expenditure").text
    message = next(m for m in result.messages() if EXPENDITURE in m)
    assert "使用离线文本" in message and "3200万元" in message and "追问 2 次" in message
    # every other section kept its model text
    others = [o for o in result.outcomes if o.key != "expenditure" and o.key in model_sections(offline)]
    assert others and all(o.source == "model" for o in others)


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (Reply.error(500), "HTTP 500"),
        (Reply.hanging(3), "超时"),
        (Reply.malformed_body(), "无法解析"),
        (Reply.text(""), "回答为空"),
    ],
)
def test_a_failing_section_never_discards_the_others(offline, failure, reason):
    def responder(request: Recorded) -> Reply:
        return failure if is_section(request, EXPENDITURE) else reworded(request)

    with LoopbackLLM(responder=responder) as server:
        result = polish_report(
            offline, options(server, timeout=0.5, max_retries=1, max_reasks=1), progress=False
        )
    by_key = {o.key: o for o in result.outcomes}
    assert by_key["expenditure"].source == "offline" and reason in by_key["expenditure"].reason
    assert result.report.section("expenditure").text == offline.section("expenditure").text
    good = [k for k in model_sections(offline) if k != "expenditure"]
    assert all(by_key[k].source == "model" for k in good)
    assert all(
        "我单位" not in offline.section(k).text or "我单位" in result.report.section(k).text for k in good
    )


def test_429_then_success_keeps_the_model_text(offline):
    with LoopbackLLM(responder=reworded) as server:
        server.enqueue(Reply.error(429, retry_after_ms=5))
        result = polish_report(offline, options(server), progress=False)
        assert server.count() == len(model_sections(offline)) + 1
    assert all(o.source == "model" for o in result.outcomes if o.key in model_sections(offline))


def test_dropped_sub_heading_is_re_asked(offline):
    def responder(request: Recorded) -> Reply:
        text = skeleton_of(request)
        if is_section(request, "（一）预算编制情况") and len(request.messages) == 2:
            text = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
        return Reply.text(text)

    with LoopbackLLM(responder=responder) as server:
        result = polish_report(offline, options(server), progress=False)
        reask = [r for r in server.chat_requests() if len(r.messages) == 4]
    assert len(reask) == 1 and "小标题" in last_user_text(reask[0])
    assert next(o for o in result.outcomes if o.key == "analysis_1").attempts == 2


def test_concurrency_is_bounded(offline):
    with LoopbackLLM(responder=reworded, latency=0.2) as server:
        polish_report(offline, options(server, concurrency=2), progress=False)
        assert server.max_in_flight == 2
    with LoopbackLLM(responder=reworded, latency=0.2) as server:
        polish_report(offline, options(server, concurrency=4, cache=False), progress=False)
        assert 2 < server.max_in_flight <= 4


def test_wrong_key_stops_the_run_with_a_clear_message(offline, monkeypatch):
    monkeypatch.setenv("DRAFTER_API_KEY", "sk-wrong-key-1234567890")
    rejecting = LoopbackLLM(responder=lambda r: Reply.error(401, message="bad key sk-wrong-key-1234567890"))
    with rejecting as server, pytest.raises(DrafterError) as err:
        polish_report(offline, options(server), progress=False)
    assert "拒绝了 API 密钥" in err.value.message and "DRAFTER_API_KEY" in err.value.message
    assert "sk-wrong" not in str(err.value)


def run_draft(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter", "draft", str(DATA), "--force", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_cli_draft_with_llm_backend(tmp_path, offline):
    out = tmp_path / "report.md"
    with LoopbackLLM(responder=reworded) as server:
        proc = run_draft(
            "--backend", "llm", "--base-url", server.url, "--model", "loopback-model", "-o", str(out)
        )
        assert proc.returncode == 0, proc.stderr
        assert server.count() == len(model_sections(offline))
        again = run_draft(
            "--backend", "llm", "--base-url", server.url, "--model", "loopback-model", "-o", str(out)
        )
        assert again.returncode == 0 and server.count() == len(model_sections(offline))
        fresh = run_draft(
            "--backend",
            "llm",
            "--base-url",
            server.url,
            "--model",
            "loopback-model",
            "--no-cache",
            "-o",
            str(out),
        )
        assert fresh.returncode == 0 and server.count() == 2 * len(model_sections(offline))
    text = out.read_text(encoding="utf-8")
    assert "我单位" in text and "本单位" not in text
    assert "润色稿已通过检查：与离线稿相比没有新增问题" in proc.stderr
    assert f"模型请求 {len(model_sections(offline))} 次，缓存命中 0 次" in proc.stderr
    assert f"模型请求 0 次，缓存命中 {len(model_sections(offline))} 次" in again.stderr
    assert proc.stdout == ""  # results in the file, diagnostics on stderr


def test_cli_fatal_error_leaves_the_output_untouched(tmp_path):
    out = tmp_path / "report.md"
    out.write_text("旧内容", encoding="utf-8")
    with LoopbackLLM(responder=lambda r: Reply.error(404, message="model not found")) as server:
        proc = run_draft("--backend", "llm", "--base-url", server.url, "--model", "nope", "-o", str(out))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "找不到模型 “nope”" in proc.stderr
    assert out.read_text(encoding="utf-8") == "旧内容"


def test_a_rewrite_that_hides_a_shortfall_is_re_asked(offline):
    work = "（二）年度总体工作和重点工作任务"
    assert "暂未验收" in offline.section("work").text

    def responder(request: Recorded) -> Reply:
        text = skeleton_of(request)
        if is_section(request, work) and len(request.messages) == 2:
            text = text.replace("暂未验收", "已通过验收")
        return Reply.text("好的，以下是润色后的正文：\n" + text)

    with LoopbackLLM(responder=responder) as server:
        result = polish_report(offline, options(server), progress=False)
        reask = [r for r in server.chat_requests() if len(r.messages) == 4]
    assert len(reask) == 1 and "未验收" in last_user_text(reask[0])
    polished = result.report.section("work").text
    assert polished.count("暂未验收") == offline.section("work").text.count("暂未验收")
    assert "好的" not in result.report.to_text()  # the chatty preamble is not report text


def test_audit_log_tells_each_attempt_and_its_verdict(offline):
    import json as _json

    from drafter.userdirs import audit_log_path

    def responder(request: Recorded) -> Reply:
        if is_section(request, EXPENDITURE) and len(request.messages) == 2:
            return Reply.text(skeleton_of(request).replace("3115.27万元", "3200万元", 1))
        return reworded(request)

    with LoopbackLLM(responder=responder) as server:
        polish_report(offline, options(server), progress=False)
    entries = [_json.loads(line) for line in audit_log_path().read_text(encoding="utf-8").splitlines()]
    mine = [e for e in entries if e["section"] == "expenditure"]
    assert [(e["template"], e["attempt"], e["outcome"]) for e in mine] == [
        ("draft-figures", 1, "rejected"),
        ("draft-reask", 2, "ok"),
    ]
    assert "3200万元" in mine[0]["detail"]
    assert len(entries) == len(model_sections(offline)) + 1


def test_a_rejected_section_is_remembered_and_refresh_asks_again(offline):
    """Issue 10: a warm re-run makes no request even where every answer was rejected (the
    fallback is an outcome, cached like an accepted text); --refresh asks again."""

    def responder(request: Recorded) -> Reply:
        if is_section(request, EXPENDITURE):
            return Reply.text(skeleton_of(request).replace("3115.27万元", "3200万元", 1))
        return reworded(request)

    good = len(model_sections(offline)) - 1
    with LoopbackLLM(responder=responder) as server:
        first = polish_report(offline, options(server, max_reasks=2), progress=False)
        assert server.count() == good + 3  # the failing section: first answer + two re-asks
        second = polish_report(offline, options(server, max_reasks=2), progress=False)
        assert server.count() == good + 3  # nothing asked again, not even the rejected section
        third = polish_report(offline, options(server, max_reasks=2, refresh=True), progress=False)
        assert server.count() == 2 * (good + 3)  # --refresh: every section asked again
    assert second.report == first.report == third.report
    assert second.stats.requests == 0 and second.stats.cache_hits == good + 1
    before, after = (next(o for o in r.outcomes if o.key == "expenditure") for r in (first, second))
    assert before.source == after.source == "offline" and not before.cached and after.cached
    assert after.reason == before.reason and "3200万元" in after.reason
    assert any("--refresh" in line and EXPENDITURE in line for line in second.messages())


def test_langchain_cache_keeps_the_accepted_answer_and_drops_the_rejected_one(offline):
    """With the verified store gone, the raw-response cache alone: the answer grounding rejected
    is asked again, the accepted re-ask and every good section come from langchain's cache."""
    import shutil

    from drafter.userdirs import cache_dir

    def responder(request: Recorded) -> Reply:
        if is_section(request, EXPENDITURE) and len(request.messages) == 2:
            return Reply.text(skeleton_of(request).replace("3115.27万元", "3200万元", 1))
        return reworded(request)

    with LoopbackLLM(responder=responder) as server:
        cold = polish_report(offline, options(server), progress=False)
        sent = server.count()
        assert sent == len(model_sections(offline)) + 1
        assert polish_report(offline, options(server), progress=False).stats.requests == 0  # verified store
        shutil.rmtree(cache_dir() / "llm-verified")
        warm = polish_report(offline, options(server), progress=False)
        (asked,) = server.chat_requests()[sent:]
    assert is_section(asked, EXPENDITURE) and len(asked.messages) == 2  # only the rejected first answer
    assert warm.report == cold.report
    assert warm.stats.requests == 1 and warm.stats.cache_hits == len(model_sections(offline))


def test_a_fully_cached_run_makes_no_client(offline, monkeypatch):
    import drafter.llm.backend as backend_module

    with LoopbackLLM(responder=reworded) as server:
        cold = polish_report(offline, options(server), progress=False)
        url = server.url
    # the server is gone and no backend may be built: every section must come from the store
    monkeypatch.setattr(backend_module, "create_backend", lambda *a, **k: pytest.fail("a client was made"))
    monkeypatch.setattr(
        backend_module, "check_reachable", lambda *a, **k: pytest.fail("the server was probed")
    )
    warm = polish_report(offline, load_options(base_url=url, model="loopback-model"), progress=False)
    assert warm.report == cold.report
    assert warm.stats.requests == 0 and warm.stats.cache_hits == len(model_sections(offline))
    assert all(o.cached for o in warm.outcomes if o.source == "model")
    # the audit log still tells where each section's text came from
    import json as _json

    from drafter.userdirs import audit_log_path

    entries = [_json.loads(line) for line in audit_log_path().read_text(encoding="utf-8").splitlines()]
    replayed = entries[len(model_sections(offline)) :]
    assert sorted(e["section"] for e in replayed) == sorted(model_sections(offline))
    assert all(e["cached"] and e["outcome"] == "ok" and e["input_tokens"] == 0 for e in replayed)
    assert sorted(e["prompt_hash"] for e in replayed) == sorted(
        e["prompt_hash"] for e in entries[: len(replayed)]
    )


def test_a_stored_text_is_checked_again_before_use(offline):
    """A stored text that today's checks reject (here: tampered with) is not used; the section
    goes to the model again and the other sections stay cached."""
    import json as _json

    from drafter.userdirs import cache_dir

    with LoopbackLLM(responder=reworded) as server:
        polish_report(offline, options(server), progress=False)
        sent = server.count()
        files = list((cache_dir() / "llm-verified").rglob("*.json"))
        assert len(files) == len(model_sections(offline))
        target = next(f for f in files if "3115.27" in f.read_text(encoding="utf-8"))
        payload = _json.loads(target.read_text(encoding="utf-8"))
        payload["text"] = payload["text"].replace("3115.27", "3999.99")
        target.write_text(_json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        again = polish_report(offline, options(server), progress=False)
        # langchain's cache still has the good raw answer: no request, and the store is repaired
        assert server.count() == sent and again.stats.cache_hits == len(model_sections(offline))
        assert "3999.99" not in again.report.to_text()
        assert "3999.99" not in target.read_text(encoding="utf-8")


def test_a_stored_text_that_needed_more_re_asks_than_now_allowed_is_not_reused(offline):
    def responder(request: Recorded) -> Reply:
        if is_section(request, EXPENDITURE) and len(request.messages) == 2:
            return Reply.text(skeleton_of(request).replace("3115.27万元", "3200万元", 1))
        return reworded(request)

    with LoopbackLLM(responder=responder) as server:
        cold = polish_report(offline, options(server, max_reasks=1), progress=False)
        sent = server.count()
        assert next(o for o in cold.outcomes if o.key == "expenditure").attempts == 2
        strict = polish_report(offline, options(server, max_reasks=0), progress=False)
        (asked,) = server.chat_requests()[sent:]  # only that section's first answer, asked again
    assert is_section(asked, EXPENDITURE)
    by_key = {o.key: o for o in strict.outcomes}
    assert by_key["expenditure"].source == "offline" and "3200万元" in by_key["expenditure"].reason
    assert all(by_key[k].cached for k in model_sections(offline) if k != "expenditure")


def test_no_cache_bypasses_the_verified_store(offline):
    from drafter.userdirs import cache_dir

    with LoopbackLLM(responder=reworded) as server:
        polish_report(offline, options(server), progress=False)
        fresh = polish_report(offline, options(server, cache=False), progress=False)
        assert server.count() == 2 * len(model_sections(offline))
    assert fresh.stats.cache_hits == 0
    assert len(list((cache_dir() / "llm-verified").rglob("*.json"))) == len(model_sections(offline))


def test_cli_warm_run_needs_neither_the_llm_stack_nor_the_server(tmp_path, offline):
    from test_llm_imports import heavy_modules

    out = tmp_path / "report.md"
    argv = ("draft", str(DATA), "--backend", "llm", "--model", "loopback-model", "--force", "-o", str(out))
    with LoopbackLLM(responder=reworded) as server:
        url = server.url
        cold = heavy_modules(*argv[:4], "--base-url", url, *argv[4:])
        # the cold run loads langchain once its first requests are out, and ends only once it has
        assert "langchain_core" in cold and server.count() == len(model_sections(offline))
        text = out.read_text(encoding="utf-8")
        out.unlink()
        assert heavy_modules(*argv[:4], "--base-url", url, *argv[4:]) == ""
        assert server.count() == len(model_sections(offline))
    assert out.read_text(encoding="utf-8") == text
    out.unlink()
    # the server is down now: a fully cached run does not need it
    proc = run_draft("--backend", "llm", "--base-url", url, "--model", "loopback-model", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"模型请求 0 次，缓存命中 {len(model_sections(offline))} 次" in proc.stderr
    assert out.read_text(encoding="utf-8") == text
    # ... but one section to send, and the missing server is reported (exit 2, output untouched)
    proc = run_draft(
        "--backend", "llm", "--base-url", url, "--model", "loopback-model", "--no-cache", "-o", str(out)
    )
    assert proc.returncode == 2 and "无法连接本地大模型服务" in proc.stderr
    assert out.read_text(encoding="utf-8") == text


def test_a_runaway_answer_is_refused_before_grounding(offline):
    """A huge but well-formed reply (1 MB of filler after the text) is refused for its length and
    the section keeps its offline text: no grounding work on a megabyte, no padding in the report."""

    def responder(request: Recorded) -> Reply:
        if is_section(request, EXPENDITURE):
            return Reply.text(skeleton_of(request) + "x" * 1_000_000)
        return reworded(request)

    with LoopbackLLM(responder=responder) as server:
        result = polish_report(offline, options(server, max_reasks=1), progress=False)
    assert result.report.section("expenditure").text == offline.section("expenditure").text
    message = next(m for m in result.messages() if EXPENDITURE in m)
    assert "回答过长" in message


def test_grounding_and_the_offline_check_wait_for_the_client(offline, monkeypatch):
    """One interpreter lock: grounding built while langchain is imported would delay every
    request, so this thread waits for the client first and does that work while answers travel."""
    import threading
    import time
    from concurrent.futures import Future

    import drafter.llm.drafting as drafting
    import drafter.llm.postcheck as postcheck

    ready = threading.Event()
    early: list[str] = []
    start_client, get, findings = drafting._start_client, drafting._Grounds.get, postcheck.offline_findings

    def slow_client(options, endpoint):
        made = start_client(options, endpoint)
        late: Future = Future()

        def hand_over() -> None:
            time.sleep(0.3)  # a client that takes its time, like the first import of langchain
            ready.set()
            late.set_result(made.result())

        threading.Thread(target=hand_over, daemon=True).start()
        return late

    def watched_get(self, section):
        if not ready.is_set():
            early.append(f"grounding of {section.key}")
        return get(self, section)

    def watched_findings(report):
        if not ready.is_set():
            early.append("offline check")
        return findings(report)

    monkeypatch.setattr(drafting, "_start_client", slow_client)
    monkeypatch.setattr(drafting._Grounds, "get", watched_get)
    monkeypatch.setattr(postcheck, "offline_findings", watched_findings)
    with LoopbackLLM(responder=reworded) as server:
        result = polish_report(offline, options(server), progress=False, data=load_data(DATA))
    assert early == []
    assert all(o.source == "model" for o in result.outcomes if o.key in model_sections(offline))
