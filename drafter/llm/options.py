"""LLM options: what the user set (config file, environment, command line), validated once.

Keys come only from environment variables or the user's config file, never from a command-line
flag (a flag lands in shell history). Options are a pydantic model with ``extra="forbid"``, so a
misspelt setting in the config file is an error that names it, not silence.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from drafter.errors import DrafterError
from drafter.llm.presets import PRESETS, Preset, StructuredMethod, find_preset
from drafter.userdirs import config_path

__all__ = ["Endpoint", "LLMOptions", "load_options", "resolve_endpoint"]

# The key a custom (non-preset) OpenAI-compatible server reads, if it needs one; after it, the
# variables the openai SDK itself reads (as it does: the key for any base URL, the base URL when
# neither a flag nor the config file names one).
GENERIC_KEY_ENV = "DRAFTER_API_KEY"
SDK_KEY_ENV = "OPENAI_API_KEY"
SDK_URL_ENV = "OPENAI_BASE_URL"
# Settings that environment variables may give (between the config file and command-line flags).
ENV_SETTINGS = {
    "provider": "DRAFTER_LLM_PROVIDER",
    "model": "DRAFTER_LLM_MODEL",
    "base_url": "DRAFTER_LLM_BASE_URL",
}
# Placeholder sent to servers that need no key: the openai client insists on some string.
NO_KEY = "no-key-needed"


class LLMOptions(BaseModel):
    """Settings of the LLM path. Same names in the config file (under ``llm:``) and the library API."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: str | None = Field(
        None, description="预设名：openai / deepseek / qwen / moonshot / ollama / vllm / llamacpp"
    )
    model: str | None = Field(None, description="模型名；默认取预设的默认模型")
    base_url: str | None = Field(None, description="OpenAI 兼容接口地址，例如 http://127.0.0.1:11434/v1")
    api_key: SecretStr | None = Field(None, description="API 密钥（仅可写在配置文件中；更推荐用环境变量）")
    temperature: float = Field(0.3, ge=0, le=2, description="采样温度")
    timeout: float = Field(60.0, gt=0, le=600, description="单次请求超时（秒）")
    max_retries: int = Field(2, ge=0, le=10, description="429/5xx/超时的自动重试次数（指数退避）")
    concurrency: int = Field(4, ge=1, le=32, description="同时起草的章节数")
    max_reasks: int = Field(2, ge=0, le=2, description="数字核对不通过时重新要求改写的次数")
    cache: bool = Field(True, description="相同提示词与模型复用本地缓存的回答")
    refresh: bool = Field(False, description="重新请求模型：不用上次运行缓存的结果与回答（新结果仍写入缓存）")
    audit: bool = Field(True, description="把每次调用记入本地审计日志")
    audit_content: bool = Field(
        False, description="审计日志同时记录完整提示词与回答（默认只记哈希，报告可能涉密）"
    )
    structured_method: StructuredMethod | None = Field(None, description="结构化输出方式；默认随预设")
    max_tokens: int | None = Field(None, gt=0, description="单次回答的最大 token 数")


def load_options(path: Path | None = None, **overrides: Any) -> LLMOptions:
    """Options from the user's config file (if any), then ``DRAFTER_LLM_*`` environment variables,
    then ``overrides`` that are not ``None`` (command-line flags)."""
    target = path or config_path()
    settings: dict[str, Any] = {}
    if target.is_file():
        import yaml

        from drafter.fileio import read_text
        from drafter.safeyaml import safe_load

        try:
            loaded = safe_load(read_text(target), path=str(target), what="配置文件") or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"第 {mark.line + 1} 行" if mark is not None else ""
            raise DrafterError(
                f"配置文件不是有效的 YAML{where}，请检查缩进与冒号。", path=str(target)
            ) from exc
        if not isinstance(loaded, dict) or not isinstance(loaded.get("llm", {}), dict):
            raise DrafterError("配置文件的格式应为 “llm:” 下列出各项设置。", path=str(target))
        settings.update(loaded.get("llm") or {})
    if "api_key" in overrides:
        raise TypeError("api_key is read from the environment or the config file only")
    for name, env in ENV_SETTINGS.items():
        if _env(env):
            settings[name] = _env(env)
    settings.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return LLMOptions.model_validate(settings)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "llm"
        if err["type"] == "extra_forbidden":
            known = "、".join(LLMOptions.model_fields)
            msg = f"未知的设置项 llm.{field}（可用：{known}）。"
        else:
            msg = f"设置项 llm.{field} 的值无效：{err['msg']}。"
        raise DrafterError(msg, path=str(target)) from exc


@dataclass(frozen=True)
class Endpoint:
    """Where and how to call the model, resolved from options and environment."""

    provider: str  # preset name, or "custom"
    label: str
    base_url: str
    model: str
    api_key: SecretStr | None
    key_source: str  # "环境变量 X" / "配置文件" / "无需密钥"
    structured_method: StructuredMethod
    local: bool

    def key_value(self) -> str:
        return self.api_key.get_secret_value() if self.api_key is not None else NO_KEY


def _is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host in ("localhost", "") or ("." not in host and ":" not in host):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private


def _same_url(a: str, b: str) -> bool:
    return a.rstrip("/").lower() == b.rstrip("/").lower()


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def _nothing_configured() -> DrafterError:
    keyed = "；".join(f"{p.label}：{p.key_env}" for p in PRESETS if p.key_env)
    return DrafterError(
        "未配置大模型，无法使用 --backend llm 或 --llm。请任选其一："
        f"（1）设置 API 密钥环境变量（{keyed}），例如 export DEEPSEEK_API_KEY=你的密钥；"
        f"（2）在配置文件 {config_path()} 中写入 “llm:” 下的 provider（预设名）与 api_key；"
        "（3）使用本地服务（无需密钥），例如 Ollama：--base-url http://127.0.0.1:11434/v1 --model qwen2.5:7b，"
        "或在配置文件中写 provider: ollama。运行 drafter models 查看全部预设；不加 --backend llm / --llm 则只用离线功能。"
    )


def resolve_endpoint(options: LLMOptions) -> Endpoint:
    """Pick the provider, base URL, model and key; say exactly what to set when something is missing."""
    preset: Preset | None = None
    if options.provider:
        preset = find_preset(options.provider)
        if preset is None:
            names = "、".join(p.name for p in PRESETS)
            raise DrafterError(f"未知的大模型预设 “{options.provider}”（可用：{names}）。")
    elif options.base_url:
        preset = next((p for p in PRESETS if _same_url(p.base_url, options.base_url)), None)
    else:
        preset = next((p for p in PRESETS if p.key_env and _env(p.key_env)), None)
        if preset is None and _env(SDK_URL_ENV):
            preset = next((p for p in PRESETS if _same_url(p.base_url, _env(SDK_URL_ENV) or "")), None)
        elif preset is None:
            raise _nothing_configured()
    sdk_url = _env(SDK_URL_ENV) if preset is None or preset.name == "openai" else None
    base_url = options.base_url or sdk_url or (preset.base_url if preset else "")
    model = options.model or (preset.model if preset else None)
    if not model:
        raise DrafterError(
            f"未指定模型名：请加 --model（例如 --model qwen2.5:7b），或在配置文件 {config_path()} 中写 model。"
        )
    local = _is_local(base_url)
    key: SecretStr | None = None
    source = "无需密钥"
    if options.api_key is not None:
        key, source = options.api_key, "配置文件"
    else:
        names = ([preset.key_env] if preset and preset.key_env else []) + [GENERIC_KEY_ENV, SDK_KEY_ENV]
        for name in dict.fromkeys(names):
            if _env(name):
                key, source = SecretStr(_env(name) or ""), f"环境变量 {name}"
                break
    needs_key = (preset.key_env is not None) if preset else not local
    if needs_key and local:
        needs_key = False  # a preset pointed at a local proxy
    if key is None and needs_key:
        env_name = preset.key_env if preset and preset.key_env else GENERIC_KEY_ENV
        label = preset.label if preset else base_url
        raise DrafterError(
            f"未找到 {label} 的 API 密钥：请设置环境变量 {env_name}（export {env_name}=你的密钥），"
            f"或在配置文件 {config_path()} 的 “llm:” 下写入 api_key。本地服务（ollama / vllm / llamacpp）无需密钥。"
        )
    return Endpoint(
        provider=preset.name if preset else "custom",
        label=preset.label if preset else "自定义 OpenAI 兼容服务",
        base_url=base_url,
        model=model,
        api_key=key,
        key_source=source,
        structured_method=options.structured_method or (preset.structured_method if preset else "json_mode"),
        local=local,
    )
