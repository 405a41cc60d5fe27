"""Provider presets: one OpenAI-compatible backend serves them all.

Each preset names the base URL, a sensible default model, and the environment variable that holds
its key (``None`` for local servers, which need none). ``drafter models`` prints this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["PRESETS", "Preset", "StructuredMethod", "find_preset"]

# How structured output is requested (langchain-openai ``with_structured_output(method=...)``).
# ``json_mode`` (response_format json_object + the schema in the prompt) is the one that every
# compatible server we target accepts; OpenAI itself supports strict ``json_schema``.
StructuredMethod = Literal["json_schema", "function_calling", "json_mode"]


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    label: str
    base_url: str
    model: str
    key_env: str | None  # None: a local server that needs no key
    structured_method: StructuredMethod = "json_mode"
    backend: str = "openai-compatible"
    note: str = ""

    @property
    def local(self) -> bool:
        return self.key_env is None


PRESETS: tuple[Preset, ...] = (
    Preset(
        "openai",
        "OpenAI",
        "https://api.openai.com/v1",
        "gpt-4o-mini",
        "OPENAI_API_KEY",
        structured_method="json_schema",
    ),
    Preset("deepseek", "DeepSeek", "https://api.deepseek.com/v1", "deepseek-chat", "DEEPSEEK_API_KEY"),
    Preset(
        "qwen",
        "通义千问（DashScope 兼容模式）",
        "https://dashscope.aliyuncs.com/compatible-mode/v1",
        "qwen-plus",
        "DASHSCOPE_API_KEY",
    ),
    Preset(
        "moonshot", "Moonshot（Kimi）", "https://api.moonshot.cn/v1", "moonshot-v1-32k", "MOONSHOT_API_KEY"
    ),
    Preset(
        "ollama",
        "Ollama（本地）",
        "http://127.0.0.1:11434/v1",
        "qwen2.5:7b",
        None,
        note="先运行 ollama serve 并 ollama pull 模型",
    ),
    Preset(
        "vllm",
        "vLLM（本地/内网）",
        "http://127.0.0.1:8000/v1",
        "Qwen/Qwen2.5-7B-Instruct",
        None,
        note="vllm serve <模型>",
    ),
    Preset(
        "llamacpp",
        "llama.cpp server（本地）",
        "http://127.0.0.1:8080/v1",
        "local-model",
        None,
        note="llama-server -m <模型.gguf>",
    ),
)


def find_preset(name: str) -> Preset | None:
    """The preset called ``name`` (case-insensitive; ``dashscope``/``kimi``/``llama.cpp`` accepted)."""
    aliases = {"dashscope": "qwen", "kimi": "moonshot", "llama.cpp": "llamacpp", "llama-cpp": "llamacpp"}
    key = name.strip().lower()
    key = aliases.get(key, key)
    return next((p for p in PRESETS if p.name == key), None)
