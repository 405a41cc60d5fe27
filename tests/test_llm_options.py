"""LLM settings: config file, environment, presets, and the messages when something is missing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO

from drafter.errors import DrafterError
from drafter.llm.options import load_options, resolve_endpoint
from drafter.llm.presets import PRESETS, find_preset
from drafter.userdirs import audit_log_path, cache_dir, config_path

DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_user_dirs_follow_drafter_home(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    assert config_path() == tmp_path / "config" / "config.yaml"
    assert audit_log_path().parent == tmp_path / "data"
    assert cache_dir() == tmp_path / "cache"


def test_user_dirs_follow_xdg_without_drafter_home(tmp_path, monkeypatch):
    monkeypatch.delenv("DRAFTER_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "dat"))
    assert config_path() == tmp_path / "cfg" / "drafter" / "config.yaml"
    assert audit_log_path().is_relative_to(tmp_path / "dat")


def test_config_file_is_read_and_flags_override_it():
    config_path().parent.mkdir(parents=True)
    config_path().write_text(
        "llm:\n  provider: ollama\n  model: qwen2.5:14b\n  concurrency: 2\n", encoding="utf-8"
    )
    options = load_options(concurrency=8)
    assert (options.provider, options.model, options.concurrency) == ("ollama", "qwen2.5:14b", 8)
    endpoint = resolve_endpoint(options)
    assert endpoint.base_url == "http://127.0.0.1:11434/v1"
    assert endpoint.api_key is None and endpoint.local


def test_misspelt_setting_is_an_error_naming_it():
    config_path().parent.mkdir(parents=True)
    config_path().write_text("llm:\n  modle: x\n", encoding="utf-8")
    with pytest.raises(DrafterError) as err:
        load_options()
    assert "未知的设置项 llm.modle" in err.value.message
    assert err.value.path == str(config_path())


def test_bad_value_names_field():
    with pytest.raises(DrafterError, match=r"llm\.concurrency"):
        load_options(concurrency=0)


def test_api_key_cannot_be_passed_as_an_override():
    with pytest.raises(TypeError):
        load_options(api_key="sk-x")


def test_nothing_configured_says_what_to_set():
    with pytest.raises(DrafterError) as err:
        resolve_endpoint(load_options())
    message = err.value.message
    for needle in (
        "DEEPSEEK_API_KEY",
        "DASHSCOPE_API_KEY",
        "MOONSHOT_API_KEY",
        "OPENAI_API_KEY",
        str(config_path()),
        "provider: ollama",
        "drafter models",
    ):
        assert needle in message


def test_preset_without_its_key_names_the_variable():
    with pytest.raises(DrafterError) as err:
        resolve_endpoint(load_options(provider="deepseek"))
    assert "DEEPSEEK_API_KEY" in err.value.message and "api_key" in err.value.message


def test_key_from_environment_picks_its_preset(monkeypatch):
    monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-dash-123456789")
    endpoint = resolve_endpoint(load_options())
    assert endpoint.provider == "qwen"
    assert endpoint.base_url == "https://dashscope.aliyuncs.com/compatible-mode/v1"
    assert endpoint.key_source == "环境变量 DASHSCOPE_API_KEY"
    assert "sk-dash" not in repr(endpoint)  # SecretStr keeps it out of reprs


def test_local_servers_need_no_key():
    for name in ("ollama", "vllm", "llamacpp"):
        endpoint = resolve_endpoint(load_options(provider=name))
        assert endpoint.api_key is None and endpoint.local
    custom = resolve_endpoint(load_options(base_url="http://127.0.0.1:5000/v1", model="m"))
    assert custom.provider == "custom" and custom.api_key is None


def test_unknown_preset():
    with pytest.raises(DrafterError, match="未知的大模型预设"):
        resolve_endpoint(load_options(provider="gemini"))


def test_presets_cover_the_issue_list():
    names = {p.name for p in PRESETS}
    assert names == {"openai", "deepseek", "qwen", "moonshot", "ollama", "vllm", "llamacpp"}
    assert find_preset("DashScope").name == "qwen" and find_preset("kimi").name == "moonshot"


def test_models_command_lists_presets():
    proc = run_cli("models")
    assert proc.returncode == 0, proc.stderr
    for p in PRESETS:
        assert p.base_url in proc.stdout and p.model in proc.stdout
        if p.key_env:
            assert p.key_env in proc.stdout
    data = json.loads(run_cli("models", "--format", "json", env={"DEEPSEEK_API_KEY": "sk-zzzzzzzz"}).stdout)
    rows = {r["name"]: r for r in data["presets"]}
    assert rows["deepseek"]["key_set"] is True and rows["openai"]["key_set"] is False
    assert rows["ollama"]["key_env"] is None


def test_draft_llm_without_configuration_exits_2_with_instructions():
    proc = run_cli("draft", str(DATA), "--backend", "llm")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "未配置大模型" in proc.stderr and "DEEPSEEK_API_KEY" in proc.stderr


def test_draft_llm_local_server_not_running_exits_2():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = run_cli(
        "draft", str(DATA), "--backend", "llm", "--base-url", f"http://127.0.0.1:{port}/v1", "--model", "m"
    )
    assert proc.returncode == 2
    assert f"无法连接本地大模型服务 http://127.0.0.1:{port}/v1" in proc.stderr


def test_there_is_no_api_key_flag():
    proc = run_cli("draft", str(DATA), "--backend", "llm", "--api-key", "sk-123")
    assert proc.returncode == 2
    assert "--api-key" in proc.stderr


def test_key_from_the_config_file_is_used_and_kept_secret():
    config_path().parent.mkdir(parents=True)
    config_path().write_text(
        "llm:\n  provider: moonshot\n  api_key: sk-from-config-987654321\n", encoding="utf-8"
    )
    endpoint = resolve_endpoint(load_options())
    assert endpoint.provider == "moonshot" and endpoint.key_source == "配置文件"
    assert endpoint.key_value() == "sk-from-config-987654321"
    assert "sk-from-config" not in repr(load_options()) and "sk-from-config" not in repr(endpoint)
