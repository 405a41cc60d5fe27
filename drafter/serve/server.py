"""Starting the server: bind the socket (a taken port is a clear error), say where it listens,
open the browser on a desktop, run uvicorn until Ctrl+C."""

from __future__ import annotations

import errno
import os
import socket
import sys
import threading
import time

from drafter.errors import DrafterError
from drafter.serve.settings import ServeSettings

__all__ = ["bind", "has_desktop", "run_server"]


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; a port in use or a wrong address is a DrafterError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise DrafterError(
                f"端口 {port} 已被占用（可能已有一个 drafter serve 在运行）；请用 --port 换一个端口。"
            ) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise DrafterError(f"没有权限使用端口 {port}；请用 1024 以上的端口，例如 --port 8000。") from None
        raise DrafterError(f"无法在地址 {host} 上监听（{exc.strerror or exc}）；请检查 --host。") from None
    except socket.gaierror:
        sock.close()
        raise DrafterError(
            f"地址“{host}”无效；请写 IP 地址，例如 --host 0.0.0.0（局域网）或 127.0.0.1（仅本机）。"
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def has_desktop() -> bool:
    """A person is sitting at this machine: Windows, macOS, or a Linux session with a display."""
    if os.environ.get("CI") or os.environ.get("PYTEST_CURRENT_TEST"):
        return False
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def run_server(settings: ServeSettings, *, open_browser: bool = True, token_generated: bool = False) -> None:
    """Serve ``settings`` until interrupted."""
    import uvicorn

    from drafter.serve.app import create_app

    sock = bind(settings.host, settings.port)
    port = sock.getsockname()[1]
    url = _url(settings.host, port)
    app = create_app(settings)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    print(f"drafter serve 已启动：{url}（按 Ctrl+C 停止）", file=sys.stderr)
    if settings.token is not None:
        if token_generated:
            print(f"访问令牌（只显示这一次）：{settings.token}", file=sys.stderr)
            print(f"带令牌的地址：{url}?token={settings.token}", file=sys.stderr)
        else:  # the user's own token is not echoed into logs
            print("需要访问令牌：即 --token 或环境变量 DRAFTER_SERVE_TOKEN 所给的令牌。", file=sys.stderr)
    if not settings.local_only:
        print("注意：服务开在局域网上，请只把令牌告诉需要使用的人。", file=sys.stderr)
    hours = settings.retention_seconds / 3600
    print(f"上传的文件与结果保存在 {settings.workdir}，{hours:g} 小时后自动删除。", file=sys.stderr)
    if settings.llm_label:
        print(f"大模型：{settings.llm_label}（密钥只在服务器上使用，不会发给网页）。", file=sys.stderr)
    if open_browser and has_desktop():
        target = f"{url}?token={settings.token}" if settings.token else url
        threading.Thread(target=_open_when_started, args=(server, target), daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def _open_when_started(server: object, url: str) -> None:
    import webbrowser

    for _ in range(100):
        if getattr(server, "started", False):
            webbrowser.open(url)
            return
        time.sleep(0.1)
