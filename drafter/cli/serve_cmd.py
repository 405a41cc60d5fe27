"""``drafter serve``: the local web application.

Only typer and the standard library at import time; Starlette, uvicorn and the rest of the
server are imported inside the command, so ``drafter check`` never pays for them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from drafter.errors import DrafterError

__all__ = ["register"]


def serve(
    host: Annotated[
        str,
        typer.Option(
            "--host", help="监听地址：默认 127.0.0.1 仅本机；局域网用 0.0.0.0（此时必须用访问令牌）。"
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="端口（默认 8000）。")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help="访问令牌；也可用环境变量 DRAFTER_SERVE_TOKEN。非本机地址未给令牌时自动生成并在启动时打印一次。",
        ),
    ] = None,
    retention: Annotated[
        str,
        typer.Option("--retention", help="上传文件与结果的保留时间，到期删除：如 30m、24h、7d（默认 24h）。"),
    ] = "24h",
    workdir: Annotated[
        Path | None,
        typer.Option(
            "--workdir", help="存放任务文件的文件夹（默认在系统临时文件夹中新建，停止服务时删除）。"
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, max=64, help="检查用的进程数（默认每个 CPU 核一个）。")
    ] = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="启动后不自动打开浏览器。")] = False,
) -> None:
    """启动网页版（审核、起草、建议）：在浏览器中上传报告、查看结果、下载审阅版与汇总表。

    默认只允许本机访问（127.0.0.1）。在局域网上使用：drafter serve --host 0.0.0.0 --token 口令；
    不给 --token 时自动生成一个并打印。上传的文件按 --retention 到期删除。
    """
    import secrets
    import shutil
    import tempfile

    from drafter.serve.server import run_server
    from drafter.serve.settings import TOKEN_ENV, ServeSettings, is_loopback, parse_duration

    seconds = parse_duration(retention)
    given = token or os.environ.get(TOKEN_ENV) or None
    generated = False
    if given is not None and len(given) < 8:
        raise DrafterError("访问令牌太短，至少 8 个字符；不给 --token 时会自动生成一个足够长的令牌。")
    if given is None and not is_loopback(host):
        given, generated = secrets.token_urlsafe(16), True
    llm, llm_label = _llm()
    temporary = workdir is None
    if workdir is None:
        folder = Path(tempfile.mkdtemp(prefix="drafter-serve-"))
    else:
        if workdir.exists() and not workdir.is_dir():
            raise DrafterError("--workdir 应为文件夹。", path=str(workdir))
        workdir.mkdir(parents=True, exist_ok=True)
        folder = workdir
    extra = {"workers": workers} if workers else {}
    settings = ServeSettings(
        host=host,
        port=port,
        token=given,
        workdir=folder,
        retention_seconds=seconds,
        llm=llm,
        llm_label=llm_label,
        **extra,
    )
    try:
        run_server(settings, open_browser=not no_browser, token_generated=generated)
    except KeyboardInterrupt:
        pass
    finally:
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)
    print("drafter serve 已停止。", file=sys.stderr)


def _llm() -> tuple[object, str | None]:
    """The server's LLM options and the model's name, when its configuration has a backend.

    Without one the page simply offers no LLM switches; a broken configuration is said once.
    """
    from drafter.llm.options import load_options, resolve_endpoint

    try:
        options = load_options()
        endpoint = resolve_endpoint(options)
    except DrafterError as exc:
        if "未配置大模型" not in exc.message:
            print(f"提示：大模型配置有误，网页上不提供大模型功能：{exc}", file=sys.stderr)
        return None, None
    return options, f"{endpoint.label} {endpoint.model}"


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve)
