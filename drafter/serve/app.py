"""The web application: 审核 (review), 起草 (draft), 建议 (suggest), downloads and the login.

Pages are jinja2 templates in ``drafter/serve/templates`` (autoescaped: every report's text and
every upload name is shown as text); a little script in ``static/app.js`` polls a running batch,
sorts tables and copies text. All work on reports runs in the process pool (:mod:`.jobs`), so
the event loop only moves bytes. The routes are in :mod:`.review_pages` and :mod:`.draft_pages`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.serve import draft_pages, review_pages
from drafter.serve.jobs import JobStore, Runner, new_pool
from drafter.serve.security import SecurityMiddleware, cookie_header, token_ok
from drafter.serve.settings import ServeSettings
from drafter.serve.web import HERE, Web

__all__ = ["create_app"]


def create_app(settings: ServeSettings) -> Starlette:
    """The application for ``settings``; its lifespan starts the process pool and the sweeper."""
    web = Web(settings=settings, store=JobStore(settings.workdir, settings.retention_seconds))

    async def login(request: Request) -> Response:
        if request.method == "GET" or settings.token is None:
            return RedirectResponse("/", status_code=303)
        form = await request.form(max_files=0, max_fields=5, max_part_size=4096)
        target = str(form.get("next") or "/")
        if not target.startswith("/") or target.startswith("//"):
            target = "/"
        if not token_ok(str(form.get("token") or ""), settings.token):
            return RedirectResponse(f"{target}?token=", status_code=303)
        response = RedirectResponse(target, status_code=303)
        response.raw_headers.append((b"set-cookie", cookie_header(settings.token)))
        return response

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", "")
        messages = {404: "没有这个页面。", 405: "不支持这种请求方式。"}
        chinese = isinstance(detail, str) and not detail.isascii()
        return web.problem(detail if chinese else messages.get(status, "请求有误。"), status)

    async def server_error(request: Request, exc: Exception) -> Response:
        return web.problem("服务器内部错误，请稍后重试；如反复出现，请反馈给 drafter 维护者。", 500)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        web.runner = Runner(new_pool(settings.workers), settings.workers, lambda: new_pool(settings.workers))
        sweeper = asyncio.get_running_loop().create_task(_sweep(web.store, settings.retention_seconds))
        try:
            yield
        finally:
            sweeper.cancel()
            for task in list(web.background):
                task.cancel()
            web.runner.shutdown()

    routes: list[Any] = [
        *review_pages.routes(web),
        *draft_pages.routes(web),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.add_middleware(SecurityMiddleware, settings=settings)
    app.state.store = web.store
    return app


async def _sweep(store: JobStore, retention: int) -> None:
    interval = max(5, min(300, retention // 10))
    while True:
        store.sweep()
        await asyncio.sleep(interval)
