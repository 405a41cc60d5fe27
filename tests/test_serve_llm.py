"""The LLM switches of ``drafter serve``: offered only when the server has a backend, run against
the loopback OpenAI-compatible server, and the key never reaches a page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from llm_server import LoopbackLLM, Recorded, Reply, echo_skeleton
from pydantic import SecretStr

from drafter.llm.options import LLMOptions
from tests._serve_helpers import SAMPLE, YANGXI_DATA, make_client, wait_done

KEY = "sk-test-never-on-a-page-1234567890"
ISSUES = {
    "issues": [
        {
            "kind": "full_marks_despite_shortfall",
            "quotes": ["部门履行职责时增加了税收和GDP"],
            "explanation": "效果性给满分，但依据只有笼统表述，没有数据。",
            "hint": "补充税收、就业等数据，或按实际扣分。",
        }
    ]
}


def _options(server: LoopbackLLM) -> Any:
    return LLMOptions(
        base_url=server.url,
        model="loopback-model",
        api_key=SecretStr(KEY),
        timeout=5,
        max_retries=0,
        concurrency=1,
        cache=False,
        audit=False,
    )


def _first_answer() -> Callable[[Recorded], Reply]:
    calls: list[int] = []

    def responder(request: Recorded) -> Reply:
        calls.append(1)
        return Reply.text(json.dumps(ISSUES, ensure_ascii=False) if len(calls) == 1 else '{"issues": []}')

    return responder


def test_no_backend_no_switches(tmp_path: Path) -> None:
    with make_client(tmp_path) as client:
        for path in ("/", "/draft"):
            assert 'name="llm"' not in client.get(path).text
        # a forged switch does nothing without a backend
        r = client.post("/review", files=[("files", ("r.txt", SAMPLE.read_bytes()))], data={"llm": "1"})
        row = wait_done(client, r.headers["location"])["rows"][0]
        assert not any("模型" in note for note in row["notes"])


def test_second_reading_and_polish_through_the_page(tmp_path: Path) -> None:
    server = LoopbackLLM(responder=_first_answer())
    with server, make_client(tmp_path, llm=_options(server), llm_label="本地模型 loopback-model") as client:
        pages = [client.get(p).text for p in ("/", "/draft", "/suggest")]
        assert 'name="llm"' in pages[0] and 'name="llm"' in pages[1]
        r = client.post("/review", files=[("files", ("r.txt", SAMPLE.read_bytes()))], data={"llm": "1"})
        url = r.headers["location"]
        row = wait_done(client, url)["rows"][0]
        assert server.count() >= 1
        assert any("模型审读" in note for note in row["notes"])
        findings = client.get(f"{url}/1/report.json").json()["findings"]
        assert [f["code"] for f in findings if f["origin"] == "model"] == ["LM003"]
        assert len([f for f in findings if f["origin"] == "rule"]) == 7
        pages += [client.get(url).text, client.get(f"{url}/1").text, client.get(f"{url}/status").text]

        before = server.count()
        server.responder = echo_skeleton
        r = client.post(
            "/draft", files=[("file", ("data.yaml", YANGXI_DATA.read_bytes()))], data={"llm": "1"}
        )
        page = client.get(r.headers["location"]).text
        assert 'id="drafted"' in page and "大模型 loopback-model 润色" in page
        assert server.count() > before
        pages.append(page)
    for text in pages:
        assert KEY not in text and "sk-test" not in text
    for request in server.requests:
        sent = {k.lower(): v for k, v in request.headers.items()}
        assert sent["authorization"] == f"Bearer {KEY}"  # the key is used, server-side
