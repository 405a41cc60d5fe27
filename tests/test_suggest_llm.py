"""suggest --backend llm against the loopback OpenAI-compatible server (real HTTP, real client)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from llm_server import LoopbackLLM, Reply, last_user_text

from drafter.errors import DrafterError
from drafter.llm.options import load_options
from drafter.suggest import suggest
from drafter.suggest.llm import tailor

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"
REPORT = REPO / "examples" / "yangxi-2023" / "report.txt"


def _ids(request) -> list[str]:
    return re.findall(r"^([DF]\d+) ", last_user_text(request), re.M)


def _answer(
    ids: list[str],
    *,
    text: str = "由党政办公室会同经济发展局逐项梳理工程采购需求，纳入政府采购预算",
    owner: str = "党政办公室",
) -> Reply:
    body = {
        "suggestion": {
            "problem": "政府采购执行与计划脱节，实际采购超出计划",
            "causes": ["采购需求未在年初全部列入计划"],
            "measures": [
                {
                    "text": text,
                    "owner": owner,
                    "partners": ["经济发展局", "不存在的股"],
                    "when": "预算编制",
                    "sources": ids[:1],
                },
                {
                    "text": "每季度核对一次采购计划执行情况",
                    "owner": "县委",
                    "when": "执行监控",
                    "sources": ids,
                },
                {"text": "这条措施没有依据编号", "owner": "党政办公室", "when": "年中", "sources": ["Z1"]},
            ],
        }
    }
    return Reply.text(json.dumps(body, ensure_ascii=False))


def good(request) -> Reply:
    return _answer(_ids(request))


def opts(server: LoopbackLLM, **kw):
    return load_options(base_url=server.url, model="loopback-model", max_retries=0, timeout=10, **kw)


@pytest.fixture(scope="module")
def offline():
    return suggest(DATA)


def test_model_tailors_each_suggestion_and_code_verifies_it(offline):
    with LoopbackLLM(responder=good) as server:
        result, messages = tailor(offline, options=opts(server))
        assert server.count() == len(offline.suggestions)
    assert result.backend == "llm"
    assert [s.sources for s in result.suggestions] == [s.sources for s in offline.suggestions]
    for s in result.suggestions:
        assert s.origin == "model"
        assert [m.text for m in s.measures] == [
            "由党政办公室会同经济发展局逐项梳理工程采购需求，纳入政府采购预算",
            "每季度核对一次采购计划执行情况",
        ]  # the measure citing no known source was dropped
        first, second = s.measures
        assert first.sources == s.sources[:1] and set(second.sources) == set(s.sources)
        assert first.owner == "党政办公室" and first.partners == ("经济发展局",)
        assert second.owner in {m.owner for m in offline.suggestions[0].measures} | {
            m.owner for m in offline.suggestions[1].measures
        }
        assert first.deadline == "编制2025年部门预算时"  # written by code from the milestone
    assert any("模型改写 2 个问题" in m for m in messages)


def test_prompt_carries_units_sources_and_the_offline_draft(offline):
    with LoopbackLLM(responder=good) as server:
        tailor(offline, options=opts(server))
        (text,) = [t for t in map(last_user_text, server.chat_requests()) if "\nD1 " in t]
    assert "党政办公室：负责机关日常事务" in text
    assert "D1 扣分 预算执行/资金管理" in text
    assert "<<<底稿" in text and "政府采购计划执行台账" in text


def test_ungrounded_number_is_reasked_then_falls_back(offline):
    def invented(request):
        return _answer(_ids(request), text="2026年前压减采购预算3000万元")

    with LoopbackLLM(responder=invented) as server:
        result, messages = tailor(offline, options=opts(server, max_reasks=1))
        requests = server.chat_requests()
    assert len(requests) == 2 * len(offline.suggestions)  # first answer + one re-ask each
    reasks = [last_user_text(r) for r in requests if "上一次的回答有问题" in last_user_text(r)]
    assert len(reasks) == len(offline.suggestions) and "3000万元" in reasks[0]
    assert result.suggestions == offline.suggestions
    assert any("无依据的数字" in m and "3000万元" in m for m in messages)


def test_reask_that_fixes_the_number_is_accepted(offline):
    with LoopbackLLM(responder=good) as server:
        server.enqueue(_answer(["D1"], text="压减采购预算3000万元"))
        result, _ = tailor(offline, options=opts(server, concurrency=1))
        assert server.count() == len(offline.suggestions) + 1
    assert all(s.origin == "model" for s in result.suggestions)


def test_a_failing_suggestion_keeps_its_offline_version(offline):
    with LoopbackLLM(responder=good) as server:
        server.enqueue(Reply.error(500))
        result, messages = tailor(offline, options=opts(server, concurrency=1))
    origins = [s.origin for s in result.suggestions]
    assert origins == ["kb", "model"]
    assert result.suggestions[0] == offline.suggestions[0]
    assert any("已保留离线措施" in m for m in messages)


def test_malformed_output_keeps_the_offline_version(offline):
    with LoopbackLLM(responder=lambda r: Reply.text('{"suggestion": {"problem": ')) as server:
        result, _ = tailor(offline, options=opts(server))
    assert result.suggestions == offline.suggestions


def test_warm_run_makes_no_request(offline):
    with LoopbackLLM(responder=good) as server:
        tailor(offline, options=opts(server))
        cold = server.count()
        tailor(offline, options=opts(server))
        assert server.count() == cold


def test_report_input_is_tailored_with_the_report_as_grounding():
    result = suggest(REPORT)

    def echo_numbers(request):
        ids = _ids(request)
        return _answer(ids, text="对照项目支出2466.04万元逐笔核对进度款")

    with LoopbackLLM(responder=echo_numbers) as server:
        tailored, _ = tailor(result, options=opts(server))
    assert all(s.origin == "model" for s in tailored.suggestions)


def test_cli_llm_path_and_missing_configuration(tmp_path):
    base = [sys.executable, "-m", "drafter", "suggest", str(DATA), "--backend", "llm", "-f", "json"]
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("OPENAI", "DRAFTER_LLM"))}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    proc = subprocess.run(base, capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    assert proc.returncode == 2 and proc.stderr.startswith("错误：") and "Traceback" not in proc.stderr
    with LoopbackLLM(responder=good) as server:
        proc = subprocess.run(
            [*base, "--base-url", server.url, "--model", "loopback-model"],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            timeout=120,
        )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["backend"] == "llm" and {s["origin"] for s in data["suggestions"]} == {"model"}
    assert "模型请求" in proc.stderr


def test_no_suggestions_no_call():
    result = suggest(DATA).model_copy(update={"suggestions": ()})
    out, messages = tailor(result, options=load_options(base_url="http://127.0.0.1:9/v1", model="m"))
    assert out is result and "未调用模型" in messages[0]


def test_unreachable_local_server_is_a_clear_error(offline):
    with pytest.raises(DrafterError, match="无法连接本地大模型服务"):
        tailor(offline, options=load_options(base_url="http://127.0.0.1:9/v1", model="m"))


def test_a_rejected_answer_is_asked_again_on_the_next_run(offline):
    """An answer whose numbers grounding rejected is evicted from the response cache (LLM owner)."""

    def invented(request):
        return _answer(_ids(request), text="2026年前压减采购预算3000万元")

    with LoopbackLLM(responder=invented) as server:
        tailor(offline, options=opts(server, max_reasks=0))
        assert server.count() == len(offline.suggestions)
        tailor(offline, options=opts(server, max_reasks=0))
        assert server.count() == 2 * len(offline.suggestions)  # not replayed from the cache
    with LoopbackLLM(responder=good) as server:
        tailor(offline, options=opts(server))
        tailor(offline, options=opts(server))
        assert server.count() == len(offline.suggestions)  # good answers are
