"""Issue 10: re-runs are free whatever happened, the whole-draft check decides, the SDK's variables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from llm_server import LoopbackLLM, Recorded, Reply, skeleton_of

from drafter.data.load import load_data
from drafter.draft.report import draft_report
from drafter.llm.drafting import polish_report, section_facts
from drafter.llm.options import load_options, resolve_endpoint
from drafter.llm.postcheck import line_owners

DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"
EXPENDITURE = "（三）部门整体支出情况"


@pytest.fixture(scope="module")
def data():
    return load_data(DATA)


@pytest.fixture(scope="module")
def offline(data):
    return draft_report(data)


def options(server: LoopbackLLM, **kw):
    kw.setdefault("timeout", 5)
    kw.setdefault("max_retries", 0)
    return load_options(base_url=server.url, model="loopback-model", **kw)


def is_section(request: Recorded, heading: str) -> bool:
    return any(heading in str(m.get("content", "")) for m in request.messages if m.get("role") == "user")


def sent(offline) -> int:
    return sum(1 for s in offline.sections if not s.has_placeholder and len(s.text.strip()) >= 12)


def test_a_model_whose_every_answer_is_rejected_costs_nothing_on_a_re_run(offline, data):
    def invent(request: Recorded) -> Reply:
        return Reply.text(skeleton_of(request) + "\n全年另支出9999万元。")

    with LoopbackLLM(responder=invent) as server:
        first = polish_report(offline, options(server, max_reasks=1), progress=False, data=data)
        cold = server.count()
        second = polish_report(offline, options(server, max_reasks=1), progress=False, data=data)
        assert server.count() == cold == 2 * sent(offline)
    assert second.report == first.report and first.report.to_text() == offline.to_text()
    assert second.stats.requests == 0 and second.stats.cache_hits == sent(offline)
    assert [o.reason for o in second.outcomes] == [o.reason for o in first.outcomes]
    assert all("9999万元" in o.reason for o in second.fallbacks)


@pytest.mark.parametrize("failure", [Reply.error(500), Reply.malformed_body()], ids=["500", "garbage"])
def test_a_failed_call_loses_no_section_and_is_not_asked_again(offline, data, failure):
    def responder(request: Recorded) -> Reply:
        return failure if is_section(request, EXPENDITURE) else Reply.text(skeleton_of(request))

    with LoopbackLLM(responder=responder) as server:
        first = polish_report(offline, options(server), progress=False, data=data)
        cold = server.count()
        second = polish_report(offline, options(server), progress=False, data=data)
        assert server.count() == cold
        polish_report(offline, options(server, refresh=True), progress=False, data=data)
        assert server.count() == 2 * cold
    for result in (first, second):
        assert result.report.section("expenditure").text == offline.section("expenditure").text
        assert sum(o.source == "model" for o in result.outcomes) == sent(offline) - 1


@pytest.mark.parametrize("lane", ["direct", "langchain"])
@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (Reply.error(429, retry_after_ms=5), "限流"),
        (Reply.error(500), "HTTP 500"),
        (Reply.hanging(3), "超时"),
        (Reply.malformed_body(), "无法解析"),
        (Reply(raw_body=b'{"choices": []}'), "无法解析"),
    ],
    ids=["429", "500", "timeout", "garbage", "no-choices"],
)
def test_faults_lose_no_section_on_either_lane(offline, data, failure, reason, lane, monkeypatch):
    """The direct lane (while langchain loads) and langchain fail alike: the section keeps its
    offline text with the reason, the others keep the model's, nothing is asked again warm."""
    import drafter.llm.backend as backend_module
    from drafter.llm.openai_compat import OpenAICompatibleBackend

    monkeypatch.setattr(
        backend_module,
        "create_backend",
        lambda options, endpoint=None: OpenAICompatibleBackend(endpoint, options, lane=lane),
    )

    def responder(request: Recorded) -> Reply:
        return failure if is_section(request, EXPENDITURE) else Reply.text(skeleton_of(request))

    with LoopbackLLM(responder=responder) as server:
        first = polish_report(offline, options(server, timeout=0.5), progress=False, data=data)
        cold = server.count()
        second = polish_report(offline, options(server, timeout=0.5), progress=False, data=data)
        assert server.count() == cold == sent(offline)
    expenditure = next(o for o in first.outcomes if o.key == "expenditure")
    assert expenditure.source == "offline" and reason in expenditure.reason
    for result in (first, second):
        assert result.report.section("expenditure").text == offline.section("expenditure").text
        assert sum(o.source == "model" for o in result.outcomes) == sent(offline) - 1


def test_a_rewrite_the_whole_draft_check_flags_falls_back_naming_the_finding(offline, data):
    """No number is wrong, but the words contradict the figures (CL001): grounding passes, the
    whole-draft check does not, and the section keeps its offline text."""

    def responder(request: Recorded) -> Reply:
        text = skeleton_of(request)
        if is_section(request, EXPENDITURE):
            text = text.replace("预算执行率为99.99%", "实际支出总额大于预算调整总额，预算执行率为99.99%")
        return Reply.text(text)

    with LoopbackLLM(responder=responder) as server:
        result = polish_report(offline, options(server), progress=False, data=data)
        cold = server.count()
        again = polish_report(offline, options(server), progress=False, data=data)
        assert server.count() == cold
    for r in (result, again):
        outcome = next(o for o in r.outcomes if o.key == "expenditure")
        assert outcome.source == "offline" and "CL001" in outcome.reason
        assert r.report.section("expenditure").text == offline.section("expenditure").text
        assert not r.new_findings
        assert sum(o.source == "model" for o in r.outcomes) == sent(offline) - 1


def test_line_owners_follow_the_text(offline):
    owners = line_owners(offline)
    lines = offline.to_text().splitlines()
    assert len(owners) == len(lines) and owners[0] is None
    for key in ("expenditure", "conclusion", "problems"):
        body = offline.section(key).paragraphs[0].lstrip("#").strip()
        assert owners[lines.index(body)] == key


def test_the_facts_json_carries_no_bookkeeping(offline):
    facts = section_facts(offline.section("expenditure").context)
    assert "raw" not in facts and all("part_of" not in p for p in facts["payments"])
    assert facts["actual"] == "3115.27" and "procurement" not in facts  # empty in this data
    analysis = section_facts(offline.section("analysis_1").context)
    assert "direct" not in analysis and "explained" not in str(analysis)


def test_openai_sdk_variables_are_read(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-sdk-123456789")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://gateway.example.com/v1")
    endpoint = resolve_endpoint(load_options())
    assert endpoint.base_url == "https://gateway.example.com/v1"
    assert endpoint.key_value() == "sk-sdk-123456789" and endpoint.key_source == "环境变量 OPENAI_API_KEY"
    custom = resolve_endpoint(load_options(base_url="https://llm.example.org/v1", model="m"))
    assert custom.base_url == "https://llm.example.org/v1" and custom.key_value() == "sk-sdk-123456789"
    monkeypatch.setenv("DRAFTER_API_KEY", "sk-drafter-987654321")
    assert resolve_endpoint(load_options(base_url="https://llm.example.org/v1", model="m")).key_source == (
        "环境变量 DRAFTER_API_KEY"
    )


def test_openai_base_url_alone_points_at_a_custom_server(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    endpoint = resolve_endpoint(load_options(model="qwen2.5"))
    assert endpoint.base_url == "http://127.0.0.1:9/v1" and endpoint.local and endpoint.api_key is None


def _draft(out: Path, url: str, *extra: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter",
            "draft",
            str(DATA),
            "--backend",
            "llm",
            "--model",
            "loopback-model",
            *extra,
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **env, "OPENAI_BASE_URL": url},
        timeout=180,
    )


def test_cli_refresh_and_the_sdk_key_never_on_disk(tmp_path, offline):
    secret = "sk-never-on-disk-5551234"
    out = tmp_path / "report.md"

    def invent(request: Recorded) -> Reply:
        return Reply.text(skeleton_of(request) + "\n全年另支出9999万元。")

    with LoopbackLLM(responder=invent) as server:
        env = {"OPENAI_API_KEY": secret}
        cold = _draft(out, server.url, env=env)
        assert cold.returncode == 0, cold.stderr
        n = server.count()
        warm = _draft(tmp_path / "warm.md", server.url, env=env)
        assert warm.returncode == 0 and server.count() == n
        refreshed = _draft(tmp_path / "refreshed.md", server.url, "--refresh", env=env)
        assert refreshed.returncode == 0 and server.count() == 2 * n
        assert all(r.headers.get("authorization") == f"Bearer {secret}" for r in server.chat_requests())
    assert "加 --refresh 重新请求" in warm.stderr and "模型请求 0 次" in warm.stderr
    assert "9999" not in out.read_text(encoding="utf-8")
    home = Path(os.environ["DRAFTER_HOME"])
    for path in [*home.rglob("*"), *tmp_path.rglob("*")]:
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_polish_returns_only_once_langchain_has_loaded(offline, data, monkeypatch):
    """A process must not end while the loader thread is inside an import (shutdown stops it
    there and a stop inside extension code aborts the process): polish_report waits for it."""
    import drafter.llm.backend as backend_module
    from drafter.llm.openai_compat import OpenAICompatibleBackend

    made: list[OpenAICompatibleBackend] = []

    def create(options, endpoint=None):
        made.append(OpenAICompatibleBackend(endpoint, options))
        return made[-1]

    monkeypatch.setattr(backend_module, "create_backend", create)
    with LoopbackLLM(responder=lambda r: Reply.text(skeleton_of(r))) as server:
        polish_report(offline, options(server), progress=False, data=data)
    (backend,) = made
    assert backend._models is not None and backend._models.done()
