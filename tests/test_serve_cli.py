"""``drafter serve`` as a user starts it: a real server on a loopback port, and its usage errors."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pytest

from tests._cli import run
from tests._serve_helpers import LiveServer


def test_serve_starts_answers_and_stops(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "jobs")
    try:
        with urllib.request.urlopen(server.url, timeout=10) as response:
            body = response.read().decode("utf-8")
            assert response.status == 200 and "审核自评报告" in body
            assert response.headers["X-Frame-Options"] == "DENY"
    finally:
        code, err = server.stop()
    assert code == 0, err
    assert "已启动" in err and "自动删除" in err and "已停止" in err
    assert "Traceback" not in err


def test_serve_off_loopback_generates_and_prints_a_token(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "jobs", "--host", "0.0.0.0")
    try:
        assert server.url.startswith("http://127.0.0.1:")
        text = "".join(server.lines)
        assert "访问令牌（只显示这一次）" in text
        token = text.split("访问令牌（只显示这一次）：", 1)[1].split()[0]
        assert len(token) >= 16
        request = urllib.request.Request(server.url, headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        try:
            urllib.request.urlopen(server.url, timeout=10)
            raise AssertionError("a request without the token was answered")
        except urllib.error.HTTPError as exc:
            assert exc.code == 401
    finally:
        server.stop()


def test_a_given_token_is_required_and_not_echoed(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "jobs", "--token", "my-own-secret-token")
    try:
        assert "my-own-secret-token" not in "".join(server.lines)
        assert "需要访问令牌" in "".join(server.lines)
        try:
            urllib.request.urlopen(server.url, timeout=10)
            raise AssertionError("a request without the token was answered")
        except urllib.error.HTTPError as exc:
            assert exc.code == 401
        import http.cookiejar

        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with browser.open(server.url + "?token=my-own-secret-token", timeout=10) as response:
            assert response.status == 200 and response.url == server.url  # the cookie now carries it
            assert "审核自评报告" in response.read().decode("utf-8")
    finally:
        _, err = server.stop()
    assert "my-own-secret-token" not in err


def test_port_in_use_is_one_chinese_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code, out, err = run("serve", "--port", str(port), "--no-browser")
    assert code == 2 and out == ""
    assert (
        err.strip()
        == f"错误：端口 {port} 已被占用（可能已有一个 drafter serve 在运行）；请用 --port 换一个端口。"
    )


def test_bad_retention_and_short_token() -> None:
    code, _, err = run("serve", "--retention", "明天", "--no-browser")
    assert code == 2 and "保留时间“明天”无法识别" in err and "Traceback" not in err
    code, _, err = run("serve", "--retention", "10s", "--no-browser")
    assert code == 2 and "至少为 1 分钟" in err
    code, _, err = run("serve", "--token", "abc", "--no-browser")
    assert code == 2 and "访问令牌太短" in err


def test_retention_forms() -> None:
    from drafter.serve.settings import parse_duration

    assert parse_duration("90") == 90
    assert parse_duration("30m") == 1800
    assert parse_duration("24h") == parse_duration("1d") == 86400
    assert parse_duration("2小时") == 7200


def test_check_and_help_never_import_the_web_stack() -> None:
    import json
    import os
    import subprocess
    import sys

    from tests._serve_helpers import REPO, SAMPLE

    runner = (
        "import json, sys\n"
        "from drafter.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "web = sorted(m for m in sys.modules if m.split('.')[0] in {'starlette', 'uvicorn', 'multipart', 'python_multipart', 'drafter'} and (m.startswith('drafter.serve') or not m.startswith('drafter')))\n"
        "print(json.dumps(web), file=sys.stderr)\n"
    )
    for args in (["check", str(SAMPLE)], ["--help"], ["serve", "--help"]):
        done = subprocess.run(
            [sys.executable, "-c", runner, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=60,
        )
        assert json.loads(done.stderr.strip().splitlines()[-1]) == [], args


def test_browser_opens_only_on_a_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from drafter.serve.server import has_desktop

    for name in ("PYTEST_CURRENT_TEST", "CI", "WAYLAND_DISPLAY", "DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert has_desktop() is False  # a headless server
    monkeypatch.setenv("DISPLAY", ":0")
    assert has_desktop() is True
    monkeypatch.setenv("CI", "true")
    assert has_desktop() is False
