"""``drafter models``: the LLM provider presets and how to configure them.

Only typer and the standard library at import time; nothing here imports openai or langchain.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import Annotated

import typer

__all__ = ["register"]


class ModelsFormat(str, Enum):
    text = "text"
    json = "json"


def models(
    fmt: Annotated[
        ModelsFormat, typer.Option("--format", "-f", help="输出格式：text 或 json。")
    ] = ModelsFormat.text,
) -> None:
    """列出可用的大模型预设（接口地址、默认模型、密钥环境变量）及配置方法。

    所有预设都走 OpenAI 兼容接口；本地服务（Ollama、vLLM、llama.cpp）无需密钥。密钥只从环境变量
    或配置文件读取，不接受命令行参数。
    """
    from drafter.llm.options import ENV_SETTINGS, GENERIC_KEY_ENV, SDK_KEY_ENV, SDK_URL_ENV
    from drafter.llm.presets import PRESETS
    from drafter.userdirs import config_path

    def key_state(env: str | None) -> str:
        if env is None:
            return "无需密钥"
        return "已设置" if os.environ.get(env, "").strip() else "未设置"

    if fmt is ModelsFormat.json:
        rows = [
            {
                "name": p.name,
                "label": p.label,
                "base_url": p.base_url,
                "model": p.model,
                "key_env": p.key_env,
                "key_set": bool(p.key_env and os.environ.get(p.key_env, "").strip()),
                "structured_method": p.structured_method,
            }
            for p in PRESETS
        ]
        sys.stdout.write(
            json.dumps({"presets": rows, "config": str(config_path())}, ensure_ascii=False, indent=2) + "\n"
        )
        return
    out = ["大模型预设（均为 OpenAI 兼容接口；--base-url / 配置文件可改地址）：", ""]
    for p in PRESETS:
        key = f"{p.key_env}（{key_state(p.key_env)}）" if p.key_env else "无需密钥"
        out.append(f"{p.name:<11} {p.label}")
        out.append(f"{'':<11} 接口 {p.base_url}")
        out.append(f"{'':<11} 模型 {p.model}；密钥 {key}" + (f"；{p.note}" if p.note else ""))
    out += [
        "",
        "用法：drafter draft 数据.yaml --backend llm [--model 模型] [--base-url 地址] -o 报告.docx",
        "      drafter check 报告.docx --llm",
        f"配置文件：{config_path()}（YAML，例如：",
        "  llm:",
        "    provider: deepseek      # 上表中的预设名",
        "    model: deepseek-chat",
        "    api_key: 你的密钥        # 也可改用环境变量，更安全",
        "    concurrency: 4",
        "    audit: true             # 调用记录写入本地审计日志",
        "）",
        "环境变量：各预设的密钥变量；自定义服务的密钥用 "
        f"{GENERIC_KEY_ENV} 或 {SDK_KEY_ENV}（与 openai SDK 相同，{SDK_URL_ENV} 可给出接口地址）；"
        f"{'、'.join(ENV_SETTINGS.values())} 可代替配置文件中的 provider/model/base_url。",
        "各节结果按模型、提示词与数据缓存，再次运行不再请求；加 --refresh 重新请求。",
    ]
    sys.stdout.write("\n".join(out) + "\n")


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("models")(models)
