"""What every page handler of the server shares: settings, jobs, the pool, templates, and the
reading of uploads within the limits. One :class:`Web` per application (no module-level state)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from drafter.serve.jobs import Job, JobKind, JobStore, Runner
from drafter.serve.settings import MiB, ServeSettings
from drafter.serve.uploads import Incoming, UploadError, download_name

__all__ = ["DOCX", "XLSX", "Web", "attachment"]

HERE = Path(__file__).resolve().parent
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(name: str) -> dict[str, str]:
    """A download's Content-Disposition: the name as shown (RFC 5987), with an ASCII fallback."""
    safe = download_name(name)
    ascii_name = safe.encode("ascii", "replace").decode().replace("?", "_")
    return {"content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe)}"}


class _BodyTooLarge(Exception):
    pass


def _limited(request: Request, limit: int) -> Request:
    """The request with its body counted as it streams in: past ``limit`` bytes it stops."""
    seen = 0
    receive = request.receive

    async def counting() -> Any:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _BodyTooLarge
        return message

    return Request(request.scope, counting)


@dataclass
class Web:
    """The shared parts of one application."""

    settings: ServeSettings
    store: JobStore
    runner: Runner | None = None  # set by the app's lifespan
    # Strong references to the jobs' tasks: the event loop keeps only weak ones.
    background: set[asyncio.Task[Any]] = field(default_factory=set)

    def __post_init__(self) -> None:
        import jinja2

        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(HERE / "templates")),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    # -- pages -------------------------------------------------------------------------------------

    def context(self, **extra: Any) -> dict[str, Any]:
        s = self.settings
        # Only the model's name reaches the page: never its options (they may hold the key).
        return {
            "llm": s.llm_label if s.llm is not None else None,
            "limits": {
                "file_mib": s.max_file_bytes // MiB,
                "files": s.max_files,
                "request_mib": s.max_request_bytes // MiB,
            },
            **extra,
        }

    def page(self, name: str, status: int = 200, **extra: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**self.context(**extra)), status_code=status)

    def render(self, name: str, **extra: Any) -> str:
        return self.env.get_template(name).render(**extra)

    def problem(self, message: str, status: int = 400) -> HTMLResponse:
        return self.page("problem.html", status, message=message)

    # -- work --------------------------------------------------------------------------------------

    async def call(self, fn: Any, *args: Any) -> Any:
        """``fn(*args)`` in the process pool."""
        assert self.runner is not None, "the application's lifespan has not started"
        return await self.runner.call(fn, *args)

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self.background.add(task)
        task.add_done_callback(self.background.discard)
        return task

    def job_or_404(self, job_id: str, kind: JobKind) -> Job:
        job = self.store.get(job_id, kind)
        if job is None:
            raise HTTPException(404, "没有这个任务：地址不对，或任务已超过保留时间被删除。请重新上传。")
        return job

    # -- uploads -----------------------------------------------------------------------------------

    async def read_form(self, request: Request) -> Any:
        """The multipart form, its body counted against the request limit as it arrives."""
        limit = self.settings.max_request_bytes
        too_large = UploadError(f"上传的内容超过 {limit // MiB} MiB，请分批上传。", status=413)
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            raise too_large
        try:
            return await _limited(request, limit).form(
                max_files=self.settings.max_files + 2, max_fields=20, max_part_size=64 * 1024
            )
        except _BodyTooLarge:
            raise too_large from None
        except HTTPException as exc:
            raise UploadError(f"上传的表单无法解析（{exc.detail}），请刷新页面后重试。") from None

    @staticmethod
    def uploads(form: Any, name: str) -> list[Incoming]:
        out = []
        for item in form.getlist(name):
            if isinstance(item, UploadFile) and (item.filename or item.size):
                out.append(Incoming(item.filename or "", item.file, item.size or 0))
        return out
